"""The atomic JSONL writer the import (and redact) commands write through."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alur.runner.errors import InputError
from alur.runner.jsonl import AtomicJsonlWriter, write_jsonl


def test_writes_one_utf8_json_object_per_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    records = [{"id": "c-1", "turns": [{"role": "user", "text": "halo 🙏\nbaris dua"}]}, {"id": "c-2", "turns": []}]
    assert write_jsonl(out, records) == 2
    raw = out.read_bytes()
    assert "🙏".encode() in raw and raw.count(b"\n") == 2  # the newline inside the text is escaped
    assert [json.loads(line) for line in raw.decode().splitlines()] == records


def test_an_error_midway_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with AtomicJsonlWriter(out) as writer:
            writer.write({"id": "new", "turns": []})
            raise RuntimeError("the source turned out to be unusable")
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_nothing_appears_until_the_block_ends(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with AtomicJsonlWriter(out) as writer:
        writer.write({"id": "c-1", "turns": []})
        assert not out.exists()
    assert out.read_text(encoding="utf-8").startswith('{"id":"c-1"')


def test_an_unwritable_target_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        with AtomicJsonlWriter(tmp_path / "missing" / "out.jsonl"):
            pass
    with pytest.raises(InputError, match="is a folder"):
        with AtomicJsonlWriter(tmp_path):
            pass
