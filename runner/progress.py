"""A progress line on stderr for long runs over transcripts.

Shown only when stderr is a terminal (never in CI logs or when redirected),
redrawn at most ten times a second, and cleared when the run ends so the
report that follows starts on a clean line. Messages printed while it is
shown (`write`) appear above it. Progress is measured in bytes of input read,
so it works for one huge file as well as for many small ones, and gzip files
count by their compressed size.
"""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import TextIO

from alur.runner.safe_text import escape_controls, shown

_INTERVAL = 0.1
_WIDTH = 24


def _on_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


SKIPPED_SHOWN = 20


class Progress:
    """`update()` as work is done; `write()` for messages; `close()` at the end."""

    def __init__(self, total_bytes: int | None, label: str, stream: TextIO | None = None, enabled: bool | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _on_terminal(self.stream) if enabled is None else enabled
        self.total = total_bytes if total_bytes else None
        self.label = label
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.done = 0
        self.conversations = 0
        self.failed = 0
        self.shown = False
        self.skips = 0
        self.unicode = (getattr(self.stream, "encoding", "") or "").lower().replace("-", "") == "utf8"

    def update(self, done_bytes: int, conversations: int, failed: int) -> None:
        """Bytes of input read so far, conversations read and failed so far."""
        self.done, self.conversations, self.failed = done_bytes, conversations, failed
        now = time.monotonic()
        if self.enabled and now - self.drawn_at >= _INTERVAL:
            self.drawn_at = now
            self._draw(now)

    def skipped(self, message: str) -> None:
        """A line of input that could not be read, with personal data
        masked: the first `SKIPPED_SHOWN` are written (the report lists them
        all), so a file in the wrong shape does not bury the terminal under a
        line per record."""
        self.skips += 1
        if self.skips <= SKIPPED_SHOWN:
            self.write(shown(message, lines=True))
        elif self.skips == SKIPPED_SHOWN + 1:
            self.write("… more input could not be read (counted at the end; a report lists all of it)")

    def write(self, message: str) -> None:
        """A message on its own line, above the progress line, its control
        characters escaped (only the progress line's own may move the cursor)."""
        if self.shown:
            self.stream.write("\r\x1b[K")
        self.stream.write(escape_controls(message, lines=True) + "\n")
        if self.shown:
            self._draw(time.monotonic())
        self.stream.flush()

    def line(self, now: float) -> str:
        """The progress line as it would be drawn at time `now`."""
        elapsed = max(now - self.started, 1e-6)
        parts = [escape_controls(self.label)]
        if self.total:
            fraction = min(self.done / self.total, 1.0)
            filled = fraction * _WIDTH
            if self.unicode:
                bar = "█" * int(filled) + (" ▏▎▍▌▋▊▉"[int((filled % 1) * 8)] if filled < _WIDTH else "")
            else:
                bar = "#" * int(filled)
            parts.append(f"{fraction:4.0%} |{bar:<{_WIDTH}}|")
        parts.append(f"{self.conversations:,} conversations")
        if self.failed:
            parts.append(f"{self.failed:,} with findings")
        parts.append(f"{self.done / elapsed / 1e6:.1f} MB/s")
        if self.total and self.done:
            remaining = (self.total - self.done) * elapsed / self.done
            parts.append(f"ETA {_duration(remaining)}")
        return "  ".join(parts)

    def _draw(self, now: float) -> None:
        self.stream.write("\r\x1b[K" + self.line(now))
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """Clears the progress line."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"
