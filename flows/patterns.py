"""How a regex slot's pattern is run: as a whole value, global flags allowed.

Its own small module (no understanding tables behind it) because both the
engine and the `bad-regex` rule call it, and `alur check` must stay light.
"""

from __future__ import annotations

import re
from functools import lru_cache

_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_VERBOSE_GAP = re.compile(r"(?:\s+|#[^\n]*)*")


def whole_value_pattern(pattern: str) -> str:
    """The slot pattern as written, rewritten to match whole values only (not
    glued to letters or digits on either side).

    Any pattern Python compiles works, global flags included: `(?i)`, `(?x)`
    and the like must open a pattern, so they stay in front and apply to the
    whole bounded pattern; in verbose mode a line break ends a trailing
    comment before the bounds close. Raises `re.error` for a pattern that
    does not compile alone.
    """
    verbose = bool(re.compile(pattern).flags & re.VERBOSE)
    start = 0
    while True:
        if verbose:
            start = _VERBOSE_GAP.match(pattern, start).end()  # type: ignore[union-attr]
        opening = _GLOBAL_FLAGS.match(pattern, start)
        if opening is None:
            break
        start = opening.end()
    body = pattern[start:] + ("\n" if verbose else "")
    return rf"{pattern[:start]}(?<![^\W_])(?:{body})(?![^\W_])"


@lru_cache(maxsize=256)
def compile_slot_pattern(pattern: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The slot pattern as `whole_value_pattern` bounds it, as written and
    case-insensitive. Raises `re.error` for a pattern that does not compile:
    `bad-regex` calls this very function, and the engine runs the same
    bounded pattern (`alur.flows.nlu.timed_regex`), so a flow that passes the
    check runs.
    """
    bounded = whole_value_pattern(pattern)
    try:
        return re.compile(bounded), re.compile(bounded, re.IGNORECASE)
    except re.error as error:  # positions would point into the bounded pattern, not the designer's
        raise re.error(f"it compiles alone but not as a whole value: {error.msg}") from None
