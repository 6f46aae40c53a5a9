"""Personal data written to slip past a pattern, values that overlap, and
what redaction must leave alone (issue 12, items 1-3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alur.runner.cli import main
from alur.runner.privacy import Redactor, mask_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

DISGUISED = [
    # a label glued to its number
    ("nik3174012501900003", "nik[NIK]"),
    ("NIK3174012501900003 ya", "NIK[NIK] ya"),
    ("hp081234567890", "hp[PHONE]"),
    ("no.rek1234567890", "no.rek[ACCOUNT]"),
    ("pin1234", "pin[OTP]"),
    # digits one by one, or with dashes and dots
    ("kodenya 4 8 2 9 1 3", "kodenya [OTP]"),
    ("0 8 1 2 3 4 5 6 7 8 9 0", "[PHONE]"),
    ("0812-3456-7890", "[PHONE]"),
    ("0812.3456.7890", "[PHONE]"),
    ("nomornya 0-8-1-2-3-4-5-6-7-8-9-0 ya", "nomornya [PHONE] ya"),
    ("0, 8, 1, 2, 3, 4, 5, 6, 7, 8, 9", "[PHONE]"),
    ("hp: 0812 - 3456 - 7890", "hp: [PHONE]"),
    # invisible marks between the digits, no-break spaces between the groups
    ("0812\u200b3456\u200b7890", "[PHONE]"),
    ("hubungi 0812\u00a03456\u00a07890", "hubungi [PHONE]"),
    ("otp 4\u20608\u20602\u20609\u20601\u20603", "otp [OTP]"),
    # digits spelled out, Indonesian and English, alone or mixed with digits
    ("nol delapan satu dua tiga empat lima enam tujuh delapan sembilan nol", "[PHONE]"),
    ("kosong delapan satu dua 3456 7890", "[PHONE]"),
    ("nomor saya kosong delapan 1 2 tiga 4 5 6 7 8 9 0", "nomor saya [PHONE]"),
    ("zero eight one two three four five six seven eight nine zero", "[PHONE]"),
    ("my pin is one two three four", "my pin is [OTP]"),
    ("OTP: Empat Delapan Dua Sembilan Satu Tiga", "OTP: [OTP]"),
    # e-mail addresses with the "@" and the dots written out
    ("andi [at] gmail [dot] com", "[EMAIL]"),
    ("andi(at)gmail(dot)com", "[EMAIL]"),
    ("email andi at gmail dot com ya", "email [EMAIL] ya"),
    ("andi.pratama {at} mail [dot] co [dot] id", "[EMAIL]"),
    ("andi @ gmail . com", "[EMAIL]"),
    ("andi at gmail.com", "[EMAIL]"),
]


@pytest.mark.parametrize(("text", "masked"), DISGUISED)
def test_disguised_personal_data_is_masked(text, masked):
    assert mask_text(text) == masked


ORDINARY = [
    "pesan 2 pcs, 3 hari lagi sampai",
    "Rp 150.000 untuk 1 2 barang",
    "dua tiga hari lagi ya",
    "langkah satu, dua, tiga",
    "one or two of them",
    "I am at home. It is fine",
    "we meet at the station dot",
    "jam 10.30 - 11.00 tanggal 12-03-2024",
    "Jam layanan 08.00-20.00 WIB",
    "IP 192.168.100.200",
    "1, 2, 3 pcs",
    "lima belas ribu rupiah",
    "1500 - 2000",
    "Rp 1.500.000 - 2.000.000",
    "ada 1, 2 atau 3 barang",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_words_and_numbers_are_not_taken_for_disguised_data(text):
    assert mask_text(text) == text


@pytest.mark.parametrize(("text", "_masked"), DISGUISED)
def test_redaction_replaces_disguised_values_and_keeps_no_digit_of_them(text, _masked):
    redacted = Redactor("salt").text(text)
    assert mask_text(redacted) != redacted  # still a value of its kind, just another one
    for word in ("delapan", "eight", "kosong", "zero", "gmail", "andi", "3174012501900003", "1234567890"):
        if word in text.lower():
            assert word not in redacted.lower()


def test_spelled_digits_are_not_scrambled_word_by_word():
    # a word-by-word substitution would let anyone read the digits back
    redacted = Redactor("salt").text("OTP empat delapan dua sembilan satu tiga")
    assert redacted.startswith("OTP ") and redacted[4:].isdigit() and len(redacted) == 10


def test_overlapping_and_reordered_known_values_are_all_replaced_in_one_pass(tmp_path, capsys):
    source = tmp_path / "r.jsonl"
    conversation = {
        "id": "r",
        "turns": [
            {"role": "user", "text": "alamat Jl Melati 5, saya Andi Pratama"},
            {"role": "user", "text": "Pratama, Andi. Alamat: Jl Melati 5."},
        ],
        "customer": {"name": "Andi Pratama", "address": "Jl Melati 5"},
    }
    source.write_text(json.dumps(conversation) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["redact", str(source), "-o", str(out), "--salt", "s"]) == 0
    redacted = json.loads(out.read_text())
    flat = json.dumps(redacted)
    for original in ("Andi", "Pratama", "Melati"):
        assert original not in flat
    name, address = redacted["customer"]["name"], redacted["customer"]["address"]
    first, second = (turn["text"] for turn in redacted["turns"])
    assert first == f"alamat {address}, saya {name}"  # nothing garbled, nothing repeated
    given, family = name.split()
    assert second == f"{family}, {given}. Alamat: {address}."


def test_action_outcomes_and_statuses_are_not_personal():
    conversation = {
        "id": "otp-1",
        "turns": [{"role": "bot", "text": "We sent a 6-digit code. Status: valid."}],
        "actions": {"send_otp": ["sent"], "verify_otp": ["valid", "expired"], "lookup_phone": ["found"]},
        "meta": {"otp_status": "sent", "phone": "unknown"},
    }
    out = Redactor("s").conversation(conversation)
    assert out["actions"] == conversation["actions"]
    assert out["turns"] == conversation["turns"]
    assert out["meta"] == conversation["meta"]


FLOWS = sorted(path.name.removesuffix(".flow.yaml") for path in EXAMPLES.glob("*.flow.yaml"))


def _findings(flow: str, transcripts: Path, capsys) -> list[list[tuple]]:
    main(["replay", "--format", "json", str(EXAMPLES / f"{flow}.flow.yaml"), str(transcripts)])
    report = json.loads(capsys.readouterr().out)
    return [[(f["kind"], f["turn"], f["state"]) for f in result["findings"]] for result in report["results"]]


@pytest.mark.parametrize("flow", FLOWS)
def test_redacted_example_transcripts_replay_with_the_original_findings(flow, tmp_path, capsys):
    original = EXAMPLES / "transcripts" / f"{flow}.jsonl"
    redacted = tmp_path / f"{flow}.jsonl"
    assert main(["redact", str(original), "-o", str(redacted), "--salt", "s"]) == 0
    capsys.readouterr()
    assert _findings(flow, redacted, capsys) == _findings(flow, original, capsys)


TEST_CONVERSATION = """\
flow: otp_login
conversations:
  - id: "nik3174012501900003"
    actions: {send_otp: [sent], verify_otp: [valid]}
    turns:
      - user: "LOGIN"
        expect: {state: ask_phone}
      - user: "nol delapan satu dua tiga empat lima enam tujuh delapan sembilan nol"
        expect: {state: ask_otp, say_contains: "andi [at] gmail [dot] com", slots: {phone: "0 8 1 2 9 9 9 9 8 8 8 8"}}
"""


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "markdown"])
def test_expectation_messages_and_ids_of_test_conversations_are_masked(fmt, tmp_path, capsys):
    tests = tmp_path / "leaky.test.yaml"
    tests.write_text(TEST_CONVERSATION)
    assert main(["replay", "--format", fmt, str(EXAMPLES / "otp_login.flow.yaml"), str(tests)]) == 1
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "expected slot phone" in output
    for original in ("3174012501900003", "delapan", "andi", "gmail", "0 8 1 2 9"):
        assert original not in output
