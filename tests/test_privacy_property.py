"""No personal value given to alur comes out of it (issue 12, "a privacy property test").

Hypothesis writes Indonesian and English personal data in the ways people
write it (phone numbers `+62`/`08` with spaces, dashes or dots, e-mail
addresses plain or with "[at]" and "[dot]", 16-digit NIKs, card numbers that
pass the Luhn check, digits spelled out or spaced, labels glued to their
number) and puts it in a customer's turn, in the answer that fills a slot,
in a conversation id, in an unreadable line and in the file's name. Then
every command that reads transcripts runs on it, in every report format,
and no output (standard output, standard error, a written file) may hold
the value, as written or in its plain form.

In CI it runs a few examples, the same ones every time (tests/conftest.py);
for a longer search with fresh examples:

    HYPOTHESIS_PROFILE=explore pytest tests/test_privacy_property.py
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alur.runner.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FLOW = EXAMPLES / "otp_login.flow.yaml"
REPORT_FORMATS = ("text", "json", "junit", "markdown", "html")
# In CI a handful of examples, the same every run; more under HYPOTHESIS_PROFILE=explore.
EXAMPLES_TO_RUN = 6 if settings.default.derandomize else settings.default.max_examples

_SPELLED = {
    "id": ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
}


@dataclass(frozen=True)
class Value:
    """One personal value as written, and the forms of it that must not come out."""

    written: str
    plain: str  # its digits, or the address an obfuscated e-mail stands for

    def forbidden(self) -> list[str]:
        return [self.written, self.plain]


def _luhn_completed(body: str) -> str:
    for check in "0123456789":
        number = body + check
        total = sum(
            (d * 2 - 9 if d * 2 > 9 else d * 2) if i % 2 else d for i, d in enumerate(map(int, reversed(number)))
        )
        if total % 10 == 0:
            return number
    raise AssertionError("one check digit always fits")


digits = st.text("0123456789", min_size=1, max_size=1)
mobile = st.builds(
    lambda operator, rest: "08" + operator + rest,
    st.sampled_from("1235789"),
    st.text("0123456789", min_size=8, max_size=9),
)
nik = st.builds(
    lambda province, regency, district, day, month, year, serial: (
        f"{province}{regency:02d}{district:02d}{day:02d}{month:02d}{year:02d}{serial:04d}"
    ),
    st.sampled_from([11, 12, 13, 31, 32, 33, 34, 35, 36, 51, 61, 64, 71, 73, 81, 91]),
    st.integers(1, 79),
    st.integers(1, 50),
    st.one_of(st.integers(1, 28), st.integers(41, 68)),
    st.integers(1, 12),
    st.integers(0, 99),
    st.integers(1, 9999),
)
card = st.builds(
    lambda first, body: _luhn_completed(first + body),
    st.sampled_from("3456"),
    st.text("0123456789", min_size=14, max_size=14),
)


@st.composite
def written_digits(draw, number: str) -> str:
    """`number` as a person might type or dictate it."""
    style = draw(st.sampled_from(["plain", "grouped", "spaced", "spelled", "mixed", "international"]))
    if style == "international" and number.startswith("08"):
        rest = number[1:]
        sep = draw(st.sampled_from(["", " ", "-", "."]))
        return draw(st.sampled_from(["+62", "62", "+62 "])) + sep.join([rest[:3], rest[3:7], rest[7:]])
    if style == "grouped":
        sep = draw(st.sampled_from([" ", "-", "."]))
        size = 4
        return sep.join(number[i : i + size] for i in range(0, len(number), size))
    if style == "spaced":
        return draw(st.sampled_from([" ", "-", ", "])).join(number)
    if style in ("spelled", "mixed"):
        language = draw(st.sampled_from(["id", "en"]))
        words = []
        for d in number:
            spelled = draw(st.booleans()) if style == "mixed" else True
            word = _SPELLED[language][int(d)]
            if d == "0" and language == "id" and draw(st.booleans()):
                word = "kosong"
            words.append(word if spelled else d)
        text = " ".join(words)
        return text.capitalize() if draw(st.booleans()) else text
    return number


@st.composite
def digit_values(draw) -> Value:
    number = draw(st.one_of(mobile, nik, card))
    written = draw(written_digits(number))
    if number == written and draw(st.booleans()):  # a label glued to it
        written = draw(st.sampled_from(["nik", "NIK", "hp", "no.rek", "norek", "wa", "telp", "ktp", "kartu"])) + number
    return Value(written, number)


@st.composite
def emails(draw) -> Value:
    local = draw(st.from_regex(r"[a-z]{3,8}[._]?[a-z0-9]{1,5}", fullmatch=True))
    host = draw(st.sampled_from(["gmail", "yahoo", "outlook", "mail", "nusapay"]))
    tld = draw(st.sampled_from(["com", "co.id", "id", "net", "org"]))
    plain = f"{local}@{host}.{tld}"
    at, dot = draw(
        st.sampled_from(
            [("@", "."), (" [at] ", " [dot] "), ("(at)", "(dot)"), (" at ", " dot "), (" @ ", " . "), (" {at} ", ".")]
        )
    )
    return Value(f"{local}{at}{host}{dot}{tld.replace('.', dot)}", plain)


values = st.one_of(digit_values(), emails())
before = st.sampled_from(
    ["", "nomor saya ", "my number is ", "kirim ke ", "email: ", "(", "halo kak, ", "ini ", "Hi, it's "]
)
after = st.sampled_from(["", " ya", ".", " thanks", ")", ", makasih", " tolong dicek", "!"])
id_prefix = st.sampled_from(["", "wa-", "chat ", "c_"])


def _conversation(value: Value, where_before: str, where_after: str, ident: str) -> dict:
    """The example's conversation with a loop in it (it is reported, excerpts and
    all), the value in every customer turn, the phone slot's answer and the id."""
    line = next(
        line
        for line in (EXAMPLES / "transcripts" / "otp_login.jsonl").read_text().splitlines()
        if "otp-0013-bad" in line
    )
    conversation = json.loads(line)
    conversation["id"] = ident
    for turn in conversation["turns"]:
        if turn["role"] == "user":
            turn["text"] = f"{turn['text']} {where_before}{value.written}{where_after}"
    conversation["turns"][2]["text"] = value.written  # the answer to "Reply with the phone number"
    return conversation


def _file_name(value: Value) -> str:
    return re.sub(r"[/\\\x00]", "_", value.written)


def _leaks(value: Value, outputs: dict[str, str]) -> list[str]:
    return [
        f"{where} holds {form!r}"
        for where, text in outputs.items()
        for form in value.forbidden()
        if form.lower() in text.lower()
    ]


def _run(args: list[str], capsys, outputs: dict[str, str], name: str) -> int:
    code = main(args)
    captured = capsys.readouterr()
    outputs[f"{name} stdout"] = captured.out
    outputs[f"{name} stderr"] = captured.err
    return code


@settings(max_examples=EXAMPLES_TO_RUN, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=values, where_before=before, where_after=after, prefix=id_prefix)
def test_no_personal_value_comes_out_of_any_command(value, where_before, where_after, prefix, tmp_path_factory, capsys):
    folder = tmp_path_factory.mktemp("leak")
    conversation = _conversation(value, where_before, where_after, prefix + value.written)
    broken = '{"id": ' + json.dumps(value.written) + ', "turns": "' + value.written + '"}'
    transcript = folder / f"{_file_name(value)}.jsonl"
    transcript.write_text(json.dumps(conversation, ensure_ascii=False) + "\n" + broken + "\n", encoding="utf-8")
    outputs: dict[str, str] = {}

    for fmt in REPORT_FORMATS:
        assert _run(["audit", "--format", fmt, str(transcript)], capsys, outputs, f"audit {fmt}") == 1
        assert _run(["replay", "--format", fmt, str(FLOW), str(transcript)], capsys, outputs, f"replay {fmt}") == 1
    report = folder / "report.xml"
    _run(["replay", "--format", "junit", "-o", str(report), str(FLOW), str(transcript)], capsys, outputs, "replay -o")
    outputs["replay report file"] = report.read_text(encoding="utf-8")

    redacted = folder / "redacted.jsonl"
    assert _run(["redact", str(transcript), "-o", str(redacted), "--salt", "s"], capsys, outputs, "redact") == 0
    outputs["redacted file"] = redacted.read_text(encoding="utf-8")

    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["conversation_id", "role", "text"])
    for turn in conversation["turns"]:
        writer.writerow([conversation["id"], turn["role"] if turn["role"] != "user" else "customer", turn["text"]])
    writer.writerow([conversation["id"], value.written, "a row whose role is the value"])
    exported = folder / f"{_file_name(value)}.csv"
    exported.write_text(rows.getvalue(), encoding="utf-8")
    # the imported transcript is the customers' data itself; what the command says about it is not
    _run(
        ["import", "csv", str(exported), "--role-map", "customer=user", "-o", str(folder / "imported.jsonl")],
        capsys,
        outputs,
        "import",
    )

    assert _leaks(value, outputs) == []
