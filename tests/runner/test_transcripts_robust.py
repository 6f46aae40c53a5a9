"""Damaged input read as far as it goes: a gzip transcript cut short or
damaged keeps every conversation before the damage (file, stdin), and
hand-written test conversations take unquoted numbers as the text typed
and report every problem at its line and column."""

from __future__ import annotations

import gzip
import json
import random
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from alur.runner.cli import main
from alur.runner.findings import SkippedInput
from alur.runner.transcripts import (
    Conversation,
    parse_shard,
    read_shards,
    read_test_yaml,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
_WORDS = [
    "mau",
    "cek",
    "pesanan",
    "saya",
    "belum",
    "sampai",
    "refund",
    "tolong",
    "min",
    "kak",
    "order",
    "nomor",
    "kapan",
    "dikirim",
    "where",
    "is",
    "my",
    "package",
    "please",
]


def _corpus(count: int) -> bytes:
    """`count` JSONL conversations of varied text (so gzip cannot squeeze them to nothing)."""
    rng = random.Random(7)
    lines = []
    for i in range(count):
        said = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(5, 60)))
        turns = [
            {"role": "user", "text": f"{said} INV-{rng.randint(0, 10**6):06d}"},
            {"role": "bot", "text": "Baik, kami cek dulu ya."},
        ]
        lines.append(json.dumps({"id": f"c-{i}", "turns": turns}))
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture(scope="module")
def packed() -> bytes:
    data = gzip.compress(_corpus(6000), compresslevel=6)
    assert len(zlib.decompress(data, wbits=31)) > 1_200_000  # past the 1 MB shard size
    return data


def _complete_ids(cut: bytes) -> list[str]:
    """What zcat gives of a cut file, as ids of its complete lines."""
    text = zlib.decompressobj(wbits=31).decompress(cut)
    return [json.loads(line)["id"] for line in text[: text.rfind(b"\n") + 1].splitlines()]


def _cut_at(packed: bytes, decompressed: int) -> bytes:
    """`packed` cut at the first compressed offset that decompresses past
    `decompressed` bytes (probing, so the cut lands where the test says)."""
    low, high = 20, len(packed)
    while low < high:
        middle = (low + high) // 2
        if len(zlib.decompressobj(wbits=31).decompress(packed[:middle])) > decompressed:
            high = middle
        else:
            low = middle + 1
    return packed[:low]


@pytest.mark.parametrize("decompressed", [3_000, 40_000, 700_000, 1_100_000, None])
def test_a_cut_gzip_file_keeps_every_complete_conversation_before_the_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], packed: bytes, decompressed: int | None
) -> None:
    cut = _cut_at(packed, decompressed) if decompressed else packed[:-10]  # None: inside the trailer's last bytes
    path = tmp_path / "day.jsonl.gz"
    path.write_bytes(cut)
    expected = _complete_ids(cut)
    assert expected and len(expected) < 6000 if decompressed else len(expected) == 6000

    assert main(["audit", str(path), "--format", "json", "--jobs", "1"]) == 1
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert [r["id"] for r in report["results"]] == expected
    assert report["conversations"] == len(expected)
    (damage,) = report["skipped"]
    assert damage["source"].startswith(str(path)) and "gzip data is damaged or cut short" in damage["reason"]
    assert "damaged or cut short" in captured.err and "Traceback" not in captured.err
    if decompressed:  # the cut falls inside a line: that line is named and counted, not dropped
        assert damage["source"] == f"{path}:{len(expected) + 1}"
        assert "bytes could be read, so it is skipped" in damage["reason"]
        assert f"the {len(expected):,} lines before it were read" in damage["reason"]
    else:  # every line is whole; only the end of the stream is missing
        assert damage["source"] == str(path)
        assert "after line 6,000; the lines up to there were read" in damage["reason"]


def test_a_cut_gzip_on_stdin_keeps_what_was_read(packed: bytes) -> None:
    cut = _cut_at(packed, 1_100_000)
    expected = _complete_ids(cut)
    result = subprocess.run(
        [sys.executable, "-m", "alur.runner.cli", "audit", "-", "--format", "json"],
        input=cut,
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert [r["id"] for r in report["results"]] == expected
    assert report["skipped"][0]["source"] == f"<stdin>:{len(expected) + 1}"


def test_a_gzip_cut_inside_its_first_line_is_unusable_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], packed: bytes
) -> None:
    path = tmp_path / "day.jsonl.gz"
    path.write_bytes(_cut_at(packed, 40))
    assert main(["audit", str(path), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert f"{path}:1: the gzip data is damaged or cut short" in err and "only its first" in err


@pytest.mark.parametrize("shard_bytes", [97, 4096, 1 << 20])
def test_any_shard_size_reads_a_cut_file_to_the_same_place(tmp_path: Path, packed: bytes, shard_bytes: int) -> None:
    cut = _cut_at(packed, 200_000)
    path = tmp_path / "day.jsonl.gz"
    path.write_bytes(cut)
    items = [item for shard in read_shards(str(path), shard_bytes) for item in parse_shard(shard)]
    expected = _complete_ids(cut)
    assert [(c.id, c.source) for c in items[:-1]] == [(ident, f"{path}:{n}") for n, ident in enumerate(expected, 1)]
    assert isinstance(items[-1], SkippedInput) and items[-1].source == f"{path}:{len(expected) + 1}"


# --------------------------------------------------------------------------- test YAML


def _read(tmp_path: Path, text: str) -> tuple[Path, list[Conversation | SkippedInput]]:
    path = tmp_path / "t.test.yaml"
    path.write_text(text, encoding="utf-8")
    return path, list(read_test_yaml(str(path)))


def test_an_unquoted_number_is_the_text_the_customer_typed_exactly_as_written(tmp_path: Path) -> None:
    _, items = _read(
        tmp_path,
        """\
flow: otp_login
conversations:
  - id: 0042
    turns:
      - user: 081234567890
      - user: 123456
        expect: {say_contains: 50000, state: ask_otp}
      - user: 1.50
      - user: +62812
      - user: 1e3
      - user: true
      - {expect: {say_contains: "😀 kode"}, user: 007}
""",
    )
    (conversation,) = items
    assert conversation.id == "0042"
    assert [t["text"] for t in conversation.turns] == ["081234567890", "123456", "1.50", "+62812", "1e3", "true", "007"]
    assert conversation.turns[1]["expect"] == {"say_contains": "50000", "state": "ask_otp"}
    assert conversation.turns[6]["line"] == 12


def test_an_unquoted_phone_number_and_otp_replay_as_typed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "otp.test.yaml"
    path.write_text("""\
flow: otp_login
conversations:
  - id: sign-in
    actions: {send_otp: [sent], verify_otp: [valid]}
    turns:
      - user: LOGIN
      - user: 081234567890
        expect: {state: ask_otp, slots: {phone: "+6281234567890"}}
      - user: 482913
        expect: {state: signed_in, ended: true}
""")
    assert main(["replay", str(EXAMPLES / "otp_login.flow.yaml"), str(path)]) == 0, capsys.readouterr()
    assert "1 passed" in capsys.readouterr().out


def test_every_problem_of_a_test_file_is_reported_at_its_line_and_column(tmp_path: Path) -> None:
    path, items = _read(
        tmp_path,
        """\
flow: order_status
conversations:
  - id: broken
    turns:
      - user: "halo"
        expect: {escalated: "yes", stat: done}
      - user:
      - user: [a, b]
        note: x
  - id: fine
    turns:
      - user: 081234567890
  - id: no-turns
""",
    )
    problems = [str(i) for i in items if isinstance(i, SkippedInput)]
    assert problems == [
        f"{path}:6:29: turn 0: expect 'escalated' must be true or false, got text",
        f"{path}:6:36: turn 0: unknown expect key 'stat' (known: state, escalated, ended, say_contains, intent, slots)",
        f"{path}:7:9: turn 1: 'user' is empty; write what the customer typed",
        f"{path}:8:15: turn 2: 'user' must be what the customer typed, got list; each turn is {{user: \"text\", expect: {{...}}}}",
        f"{path}:9:9: turn 2: unknown key 'note' (a turn has 'user' and 'expect')",
        f"{path}:13:5: a test conversation needs a non-empty 'turns' list of {{user: ..., expect: {{...}}}}",
    ]
    assert [i.id for i in items if isinstance(i, Conversation)] == ["fine"]


def test_a_bad_flow_name_is_reported_and_no_conversation_runs(tmp_path: Path) -> None:
    path, items = _read(tmp_path, "flow: [a]\nconversations:\n  - id: a\n    turns:\n      - user: halo\n")
    assert items == [SkippedInput(f"{path}:1:7", "'flow' must be text, got list")]
