"""A flow's own patterns, run against customer text within a time bound.

Slot and intent patterns come from flow files, and customer messages from
anyone: with Python's `re`, a pattern such as `^(a+)+$` and a 30-character
message backtrack for minutes, and `re` cannot be stopped in the middle. So
the engine runs flow patterns with the `regex` module, which takes a
`timeout` per call (in any thread: the designer runs the engine in worker
threads, where an alarm signal cannot reach). A linear-time engine (RE2)
would need no bound, but refuses lookarounds and backreferences, which flows
use and the whole-value bounds of slot patterns are made of; `regex` runs
every pattern `re` compiles, which is what `alur check` validates with.

A match over the bound (`ALUR_REGEX_SECONDS`) counts as no match, and is
reported once per pattern per process as a `SlowPatternWarning`; the
`slow-regex` rule finds most such patterns before they run. Only the engine
imports this module: `alur check` never pays for `regex`.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

import regex

from alur.flows.limits import REGEX_SECONDS
from alur.flows.patterns import compile_slot_pattern, whole_value_pattern


class SlowPatternWarning(UserWarning):
    """A flow pattern took longer than its time bound on a customer message."""


_reported: set[str] = set()


class TimedPattern:
    """A compiled flow pattern whose every call gives up after the time bound
    and then answers as if nothing matched."""

    __slots__ = ("source", "_compiled", "_seconds")

    def __init__(self, source: str, bounded: str, ignore_case: bool):
        self.source = source  # the pattern as the flow wrote it, for the report
        try:
            self._compiled = regex.compile(bounded, (regex.IGNORECASE if ignore_case else 0) | regex.VERSION0)
        except (
            regex.error
        ) as error:  # `re` compiled it (the caller made sure); `regex` is known to accept all `re` does
            raise re.error(f"the time-bounded regex engine cannot run it: {error}") from None
        self._seconds = float(REGEX_SECONDS.value())

    def search(self, text: str) -> regex.Match[str] | None:
        try:
            return self._compiled.search(text, timeout=self._seconds)
        except TimeoutError:
            self._gave_up()
            return None

    def fullmatch(self, text: str) -> regex.Match[str] | None:
        try:
            return self._compiled.fullmatch(text, timeout=self._seconds)
        except TimeoutError:
            self._gave_up()
            return None

    def matches(self, text: str) -> list[regex.Match[str]]:
        """Every match, left to right (each step within the time bound; none
        at all when one step is over it)."""
        try:
            return list(self._compiled.finditer(text, timeout=self._seconds))
        except TimeoutError:
            self._gave_up()
            return []

    def _gave_up(self) -> None:
        """Reports the first time this pattern is over its bound, in this process."""
        if self.source in _reported:
            return
        _reported.add(self.source)
        warnings.warn(
            SlowPatternWarning(
                f"the pattern {self.source!r} took longer than {REGEX_SECONDS.says(self._seconds)}"
                " on a customer message, so it counted as no match there (and does wherever it is that slow);"
                " `alur check` names the shapes that make a pattern slow (slow-regex)"
            ),
            stacklevel=3,
        )


@lru_cache(maxsize=256)
def slot_pattern(pattern: str) -> tuple[TimedPattern, TimedPattern]:
    """A regex slot's pattern bounded to whole values, as written and
    case-insensitive (`alur.flows.patterns.compile_slot_pattern`, timed).
    Raises `re.error` exactly where the check does."""
    compile_slot_pattern(pattern)
    bounded = whole_value_pattern(pattern)
    return TimedPattern(pattern, bounded, False), TimedPattern(pattern, bounded, True)


@lru_cache(maxsize=256)
def intent_pattern(pattern: str) -> TimedPattern:
    """An intent's pattern, found anywhere in a turn, in any case. Raises
    `re.error` exactly where the check does."""
    re.compile(pattern, re.IGNORECASE)
    return TimedPattern(pattern, pattern, True)
