"""Typed values in a customer's turn: what `collect` fills a slot with.

`extract_slot(spec, text)` returns the value, normalised so that the flow
and its tests see one spelling of it, or None when the text holds no valid
value of the type:

| type | value |
| --- | --- |
| text | the turn, trimmed (any non-empty text) |
| number, money | int, or float when not whole; within `min`/`max` |
| phone | "+62812…" (see `phones`) |
| email | lower-cased address |
| date | ISO "YYYY-MM-DD" (see `dates`) |
| otp | the digits as a string (leading zeros kept), exactly `length` of them |
| regex | the first whole, non-empty match of `pattern` in the text, as typed |
| choice | the canonical choice, as written in `choices` |
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from alur.flows.nlu.buttons import match_button
from alur.flows.nlu.dates import find_date
from alur.flows.nlu.lexicon import Lexicon
from alur.flows.nlu.numbers import amounts, number_words
from alur.flows.nlu.phones import find_phone
from alur.flows.nlu.timed_regex import TimedPattern, slot_pattern

if TYPE_CHECKING:
    from alur.flows.model import Slot

_EMAIL = re.compile(
    r"(?<![\w.%+-])([a-z0-9](?:[a-z0-9._%+-]*[a-z0-9_%+-])?@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,})(?![\w@-])",
    re.IGNORECASE,
)
# a run of digits not glued to letters, decimals or other digit groups ("0812 3456")
_DIGIT_RUN = re.compile(r"(?<!\w)(?<!\d[ .,-])\d+(?!\w|[ .,-]\d)")
_SPACED_DIGITS = re.compile(r"(?<![\w-])\d{2,4}(?:[ -]\d{2,4})+(?![\w-])")
_OTP_LENGTHS = range(4, 9)
# Global inline flags, which Python accepts only at the very start of a pattern.


@dataclass(frozen=True)
class SlotSpec:
    """What a slot accepts (the flow's `slots.NAME` without `sensitive`)."""

    type: str
    pattern: str | None = None
    length: int | None = None
    choices: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None

    @classmethod
    def of(cls, slot: Slot) -> SlotSpec:
        """The spec of a flow's slot."""
        return cls(slot.type, slot.pattern, slot.length, slot.choices, slot.min, slot.max)


def extract_slot(
    spec: SlotSpec, text: str, today: datetime.date | None = None, lexicon: Lexicon | None = None
) -> object | None:
    """The value of type `spec.type` that `text` holds, normalised, or None.

    `today` anchors relative dates ("besok"); it defaults to the real today.
    `lexicon` reads words for choices and relative dates (alur's built-in
    lists by default). Raises ValueError for a type alur does not know, or a
    regex slot whose pattern `compile_slot_pattern` refuses (the flow check
    reports both first).
    """
    extractor = _EXTRACTORS.get(spec.type)
    if extractor is None:
        raise ValueError(f"unknown slot type {spec.type!r}; expected one of {', '.join(sorted(_EXTRACTORS))}")
    return extractor(spec, text, today or datetime.date.today(), lexicon or Lexicon.builtin())


def _text(spec: SlotSpec, text: str, today: datetime.date, lexicon: Lexicon) -> str | None:
    return text.strip() or None


def _in_range(spec: SlotSpec, value: float) -> bool:
    return (spec.min is None or value >= spec.min) and (spec.max is None or value <= spec.max)


def _number(spec: SlotSpec, text: str, today: datetime.date, lexicon: Lexicon) -> int | float | None:
    """The first number in range; numbers as words ("dua") when no digits."""
    for amount in amounts(text):
        if _in_range(spec, amount.value):
            return amount.value
    if not any(c.isdigit() for c in text):
        for value in number_words(text):
            if _in_range(spec, value):
                return value
    return None


def _money(spec: SlotSpec, text: str, today: datetime.date, lexicon: Lexicon) -> int | float | None:
    """An amount written as money ("Rp 50rb", "1,5 jt") wins over a bare
    number ("transfer 2x, total 500rb" is 500000)."""
    found = [a for a in amounts(text) if _in_range(spec, a.value)]
    marked = [a for a in found if a.money]
    return (marked or found)[0].value if found else None


def _phone(spec: SlotSpec, text: str, today: datetime.date, lexicon: Lexicon) -> str | None:
    return find_phone(text)


def _email(spec: SlotSpec, text: str, today: datetime.date, lexicon: Lexicon) -> str | None:
    m = _EMAIL.search(text)
    if m is None or ".." in m[1]:
        return None
    return m[1].lower()


def _date(spec: SlotSpec, text: str, today: datetime.date, lexicon: Lexicon) -> str | None:
    date = find_date(text, today, lexicon)
    return date.isoformat() if date else None


def _otp(spec: SlotSpec, text: str, today: datetime.date, lexicon: Lexicon) -> str | None:
    """Exactly `length` digits (4 to 8 when no length is set), standing
    alone ("kodenya 123456") or grouped ("123 456"); never a part of a
    longer number."""
    lengths = [spec.length] if spec.length else _OTP_LENGTHS
    for m in _DIGIT_RUN.finditer(text):
        if len(m[0]) in lengths:
            return m[0]
    for m in _SPACED_DIGITS.finditer(text):
        digits = re.sub(r"[ -]", "", m[0])
        if len(digits) in lengths:
            return digits
    return None


def _first(pattern: TimedPattern, text: str) -> str | None:
    """The first non-empty match: a slot value is never empty."""
    for m in pattern.matches(text):
        found: str = m[0]
        if found:
            return found
    return None


def _regex(spec: SlotSpec, text: str, today: datetime.date, lexicon: Lexicon) -> str | None:
    """The first whole match in the trimmed text (so `^...$` means "the whole
    reply"). A value typed in another case ("inv-123456" for
    "INV-[0-9]{6}") is returned in the case the pattern asks for."""
    if not spec.pattern:
        raise ValueError("a regex slot needs a pattern")
    try:
        exact, folded = slot_pattern(spec.pattern)
    except re.error as error:
        raise ValueError(f"slot pattern {spec.pattern!r} is not a valid regular expression: {error}") from None
    text = text.strip()
    found = _first(exact, text)
    if found is not None:
        return found
    found = _first(folded, text)
    if found is None:
        return None
    for recased in (found.upper(), found.lower()):
        if exact.fullmatch(recased):
            return recased
    return found


def _choice(spec: SlotSpec, text: str, today: datetime.date, lexicon: Lexicon) -> str | None:
    """The choice named by its number, its words in any case, or a word
    only it has ("transfer" for "Transfer Bank"); None when unclear."""
    if not spec.choices:
        return None
    index = match_button(text, spec.choices, lexicon)
    if index is not None:
        return spec.choices[index]
    words = lexicon.words
    fillers = lexicon.stopwords
    said = set(words(text))
    named = [(len(words(c)), c) for c in spec.choices if words(c) and set(words(c)) <= said]
    if named:
        longest = max(n for n, _ in named)
        best = [c for n, c in named if n == longest]
        return best[0] if len(best) == 1 else None
    sharing = [c for c in spec.choices if (set(words(c)) - fillers) & said]
    return sharing[0] if len(sharing) == 1 else None


_EXTRACTORS: dict[str, Callable[[SlotSpec, str, datetime.date, Lexicon], object | None]] = {
    "text": _text,
    "number": _number,
    "money": _money,
    "phone": _phone,
    "email": _email,
    "date": _date,
    "otp": _otp,
    "regex": _regex,
    "choice": _choice,
}
