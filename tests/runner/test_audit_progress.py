"""The progress line of long audits: on a terminal only, messages above it,
gone when the run ends."""

from __future__ import annotations

import io

import pytest

from alur.runner.progress import Progress


class Terminal(io.StringIO):
    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


def test_nothing_is_drawn_when_stderr_is_not_a_terminal() -> None:
    out = io.StringIO()
    with Progress(1000, "auditing", stream=out) as progress:
        progress.update(500, 10, 1)
        progress.write("a.jsonl:3: not valid JSON")
    assert out.getvalue() == "a.jsonl:3: not valid JSON\n"


def test_on_a_terminal_the_line_shows_share_counts_and_is_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    out = Terminal()
    progress = Progress(1000, "auditing", stream=out)
    progress.update(250, 1234, 56)
    drawn = out.getvalue()
    assert drawn.startswith("\r\x1b[K") and "auditing   25% |██████" in drawn
    assert "1,234 conversations" in drawn and "56 with findings" in drawn and "ETA" in drawn
    progress.write("a.jsonl:3: not valid JSON")
    assert "\r\x1b[Ka.jsonl:3: not valid JSON\n\r\x1b[Kauditing" in out.getvalue()
    progress.close()
    assert out.getvalue().endswith("\r\x1b[K")


def test_redraws_are_limited_to_ten_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    out = Terminal()
    progress = Progress(10**9, "auditing", stream=out)
    for n in range(1000):
        progress.update(n, n, 0)
    assert out.getvalue().count("\r\x1b[K") < 5


def test_without_a_known_size_there_is_no_share_or_eta(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    line = Progress(None, "auditing", stream=Terminal()).line(0.0)
    assert "%" not in line and "ETA" not in line and "0 conversations" in line


def test_a_dumb_terminal_gets_no_progress_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    assert not Progress(10, "auditing", stream=Terminal()).enabled
