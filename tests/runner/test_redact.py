"""`alur redact IN -o OUT`: scrubbed copies of transcript files."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from alur.runner.cli import main

PHONE = "081234567890"
CONVERSATIONS = [
    {
        "id": "c-0001",
        "flow": "order_status",
        "channel": "whatsapp",
        "customer": {"name": "Budi Santoso", "phone": "+62 812-3456-7890"},
        "turns": [
            {"role": "user", "text": "halo, saya Budi Santoso"},
            {"role": "bot", "text": "Halo! Ada yang bisa kami bantu?", "state": "greet"},
            {"role": "user", "text": f"pesanan INV-123456 belum sampai, hubungi {PHONE}", "intent": "check_order"},
            {"role": "bot", "text": "Masukkan kode OTP yang kami kirim.", "state": "ask_otp"},
            {"role": "user", "text": "482913"},
            {"role": "agent", "text": "Baik, dana Rp 50.000 dikembalikan ke BCA 1234567890."},
        ],
        "actions": {"lookup_order": ["found"]},
    },
    {
        "id": "c-0002",
        "flow": "order_status",
        "channel": "sms",
        "turns": [{"role": "user", "text": f"ini nomor saya {PHONE}, email budi@gmail.com"}],
    },
]
SECRETS = (PHONE, "81234567890", "482913", "1234567890", "budi@gmail.com", "Budi", "Santoso")


def _write(path: Path, lines: list[str]) -> Path:
    data = "".join(line + "\n" for line in lines).encode()
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def _read(path: Path) -> list[dict]:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return [json.loads(line) for line in data.decode().splitlines()]


def _transcript(path: Path) -> Path:
    return _write(path, [json.dumps(c, ensure_ascii=False) for c in CONVERSATIONS])


def _leaks(path: Path) -> list[str]:
    data = path.read_bytes()
    text = (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).decode()
    return [secret for secret in SECRETS if secret in text]


@pytest.mark.parametrize(
    ("source", "target"), [("in.jsonl", "out.jsonl"), ("in.jsonl.gz", "out.jsonl.gz"), ("in.jsonl.gz", "out.jsonl")]
)
def test_redacted_copy_keeps_everything_but_personal_data(tmp_path, capsys, source, target):
    src, out = _transcript(tmp_path / source), tmp_path / target
    assert main(["redact", str(src), "-o", str(out), "--salt", "s"]) == 0
    assert (out.read_bytes()[:2] == b"\x1f\x8b") == target.endswith(".gz")
    assert _leaks(out) == []
    redacted = _read(out)
    assert [c["id"] for c in redacted] == ["c-0001", "c-0002"]
    first, original = redacted[0], CONVERSATIONS[0]
    assert first.keys() == original.keys()
    assert [t["role"] for t in first["turns"]] == [t["role"] for t in original["turns"]]
    assert [t.get("state") for t in first["turns"]] == [t.get("state") for t in original["turns"]]
    assert first["turns"][1] == original["turns"][1]
    assert first["turns"][2]["text"].startswith("pesanan INV-123456 belum sampai, hubungi 0812")
    assert len(first["turns"][4]["text"]) == 6 and first["turns"][4]["text"].isdigit()
    assert "Rp 50.000" in first["turns"][5]["text"]
    assert first["actions"] == original["actions"]
    summary = capsys.readouterr().err
    assert "2 conversations" in summary and "phone" in summary and "otp" in summary


def test_the_same_value_gets_the_same_placeholder_across_files_with_one_salt(tmp_path):
    src = _transcript(tmp_path / "in.jsonl")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["redact", str(src), "-o", str(one), "--salt", "team"]) == 0
    assert main(["redact", str(src), "-o", str(two), "--salt", "team"]) == 0
    assert one.read_bytes() == two.read_bytes()
    a, b = _read(one)
    phone_in_first = a["turns"][2]["text"].rsplit(" ", 1)[1]
    assert phone_in_first in b["turns"][0]["text"]


def test_salt_from_environment(tmp_path, monkeypatch, capsys):
    src = _transcript(tmp_path / "in.jsonl")
    monkeypatch.setenv("ALUR_REDACT_SALT", "team")
    assert main(["redact", str(src), "-o", str(tmp_path / "env.jsonl")]) == 0
    assert main(["redact", str(src), "-o", str(tmp_path / "flag.jsonl"), "--salt", "team"]) == 0
    assert (tmp_path / "env.jsonl").read_bytes() == (tmp_path / "flag.jsonl").read_bytes()
    assert "stable within this file only" not in capsys.readouterr().err


def test_output_may_replace_the_input(tmp_path):
    src = _transcript(tmp_path / "chats.jsonl.gz")
    assert main(["redact", str(src), "-o", str(src), "--salt", "s"]) == 0
    assert _leaks(src) == []
    assert len(_read(src)) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chats.jsonl.gz"]


def test_broken_lines_are_dropped_and_named_without_quoting_them(tmp_path, capsys):
    good = json.dumps(CONVERSATIONS[1])
    src = tmp_path / "in.jsonl"
    src.write_bytes(
        "\n".join(
            [good, f'{{"id": "x", "turns": [{{"text": "{PHONE}"', "", "[1, 2]", '{"id": "no-turns"}', good]
        ).encode()
        + b"\n\xff\xfe broken "
        + PHONE.encode()
        + b"\n"
    )
    out = tmp_path / "out.jsonl"
    assert main(["redact", str(src), "-o", str(out), "--salt", "s"]) == 0
    assert len(_read(out)) == 2
    assert _leaks(out) == []
    err = capsys.readouterr().err
    assert f"{src}:2:" in err and "not valid JSON" in err
    assert f"{src}:4: a JSON array" in err
    assert f"{src}:5: the conversation has no `turns` list" in err
    assert f"{src}:7: not UTF-8" in err
    assert f"{src}:3" not in err  # a blank line is not an error
    assert "4 lines were not conversations and were dropped" in err
    assert PHONE not in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"flow: order_status\nconversations: []\n", "no transcript conversations"),
    ],
)
def test_unusable_input_exits_2_and_writes_nothing(tmp_path, capsys, content, message):
    src = tmp_path / "in.jsonl"
    if content is not None:
        src.write_bytes(content)
    out = tmp_path / "out.jsonl"
    assert main(["redact", str(src), "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ([] if content is None else ["in.jsonl"])


def test_no_partial_file_when_the_input_breaks_midway(tmp_path, capsys):
    many = [json.dumps(CONVERSATIONS[0], ensure_ascii=False)] * 2000
    whole = gzip.compress("".join(line + "\n" for line in many).encode())
    src = tmp_path / "in.jsonl.gz"
    src.write_bytes(whole[: len(whole) // 2])  # a truncated download
    out = tmp_path / "out.jsonl"
    out.write_text("previous contents\n")
    assert main(["redact", str(src), "-o", str(out), "--salt", "s"]) == 2
    err = capsys.readouterr().err
    assert f"{src}:" in err and "cannot read" in err
    assert out.read_text() == "previous contents\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl.gz", "out.jsonl"]


def test_output_into_a_missing_folder_is_refused(tmp_path, capsys):
    src = _transcript(tmp_path / "in.jsonl")
    assert main(["redact", str(src), "-o", str(tmp_path / "nope" / "out.jsonl")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_existing_output_keeps_its_permissions(tmp_path):
    src = _transcript(tmp_path / "in.jsonl")
    out = tmp_path / "out.jsonl"
    out.write_text("")
    os.chmod(out, 0o640)
    assert main(["redact", str(src), "-o", str(out), "--salt", "s"]) == 0
    assert out.stat().st_mode & 0o777 == 0o640


def test_a_line_over_the_length_limit_is_refused_without_writing(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ALUR_MAX_LINE_BYTES", "1000")
    src = tmp_path / "in.jsonl"
    long = {"id": "long", "turns": [{"role": "user", "text": "a" * 5000}]}
    src.write_text(json.dumps(CONVERSATIONS[0]) + "\n" + json.dumps(long) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["redact", str(src), "-o", str(out), "--salt", "s"]) == 2
    assert f"{src}:2: the line is 5,0" in capsys.readouterr().err
    assert not out.exists()
