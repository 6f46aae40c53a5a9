"""Saving never loses the designer's work; changes by others are noticed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from alur.designer.files import changed_on_disk, save_atomic, stamp
from alur.designer.templates import TEMPLATES, template_text
from alur.flows.check import check_text


def test_save_writes_atomically_and_leaves_nothing_beside_the_flow(tmp_path: Path):
    target = tmp_path / "demo.flow.yaml"
    target.write_text("old: 1  # mine\n", encoding="utf-8")
    os.chmod(target, 0o640)
    save_atomic(target, "new: 2  # still mine\n")
    assert target.read_text(encoding="utf-8") == "new: 2  # still mine\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.flow.yaml"]  # no NAME.bak, no temp file


def test_save_keeps_a_symlink_a_symlink(tmp_path: Path):
    real = tmp_path / "real.flow.yaml"
    real.write_text("a: 1\n", encoding="utf-8")
    link = tmp_path / "link.flow.yaml"
    link.symlink_to(real)
    save_atomic(link, "a: 2\n")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "a: 2\n"


def test_a_failed_save_leaves_the_old_file_and_no_temp(tmp_path: Path, monkeypatch):
    target = tmp_path / "demo.flow.yaml"
    target.write_text("old\n", encoding="utf-8")

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        save_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["demo.flow.yaml"]


def test_changes_on_disk_are_noticed_but_a_touch_is_not(tmp_path: Path):
    target = tmp_path / "demo.flow.yaml"
    target.write_text("a: 1\n", encoding="utf-8")
    known = stamp(target)
    assert not changed_on_disk(target, known)
    os.utime(target, ns=(known.mtime_ns + 5_000_000_000, known.mtime_ns + 5_000_000_000))
    assert not changed_on_disk(target, known)  # touched, same bytes
    target.write_text("a: 2\n", encoding="utf-8")
    assert changed_on_disk(target, known)
    target.unlink()
    assert changed_on_disk(target, known)


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_templates_are_clean_flows(name: str):
    result = check_text(template_text(name, "my_flow"), f"{name}.flow.yaml")
    assert result.flow is not None and result.flow.id == "my_flow"
    assert [str(d) for d in result.diagnostics] == []
