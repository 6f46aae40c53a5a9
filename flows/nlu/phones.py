"""Phone numbers in customer turns, Indonesian formats first.

Accepted: mobile numbers 08…, 628…, +62 8… (9 to 12 digits after the
country code or trunk 0), landlines 021…, +62 21… (8 to 10 digits), and
any other number written with "+" and a country code (8 to 15 digits).
Digits may be grouped with spaces, dashes, dots or parentheses:
"0812-3456-7890", "+62 (812) 3456 7890", "(021) 555-1234".

A run of grouped digits must be one phone number, or several side by side,
in full: a 16-digit NIK or card number ("3174 0123 4567 8901") holds no
phone number even though a part of it would look like one (a number of one
or two digits next to it may be left out: "jam 10 0812…"). Digits glued to
letters ("INV0812345678") are an identifier, not a phone.
"""

from __future__ import annotations

import re
from functools import cache

_GROUP = re.compile(r"\d+")
_GAP = re.compile(r"[ \t\-.()]{1,3}")
_PLUS_BEFORE = re.compile(r"\+[ \t(]{0,2}$")


def _valid(digits: str, plus: bool) -> str | None:
    """The number in +E.164 form, or None when the digits are not a phone."""
    if not plus and digits.startswith("00"):  # international prefix: 0062…
        digits, plus = digits[2:], True
    if digits.startswith("62"):
        national = digits[2:]
        national = national[1:] if national.startswith("0") else national  # "+62 0812…"
    elif plus:
        return "+" + digits if 8 <= len(digits) <= 15 else None
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        return None
    mobile = national.startswith("8") and 9 <= len(national) <= 12
    landline = national[:1] in set("2345679") and 8 <= len(national) <= 10
    return "+62" + national if mobile or landline else None


def _runs(text: str) -> list[list[re.Match[str]]]:
    """Digit groups joined by short gaps of spaces, dashes, dots, parentheses."""
    runs: list[list[re.Match[str]]] = []
    for group in _GROUP.finditer(text):
        if runs and _GAP.fullmatch(text[runs[-1][-1].end() : group.start()]):
            runs[-1].append(group)
        else:
            runs.append([group])
    return runs


def _glued(text: str, start: int, end: int) -> bool:
    return (start > 0 and text[start - 1].isalpha()) or (end < len(text) and text[end].isalpha())


def find_phone(text: str) -> str | None:
    """The first phone number in `text`, as "+62812…", or None."""
    for run in _runs(text):
        if _glued(text, run[0].start(), run[-1].end()):
            continue
        plus = bool(_PLUS_BEFORE.search(text[max(0, run[0].start() - 3) : run[0].start()]))
        groups = tuple(m.group() for m in run)
        phones = _split(groups, plus)
        # a small number just before or after: "jam 10 0812…", "0812… 2x"
        if phones is None and len(groups) > 1 and len(groups[0]) <= 2:
            phones = _split(groups[1:], False)
        if phones is None and len(groups) > 1 and len(groups[-1]) <= 2:
            phones = _split(groups[:-1], plus)
        if phones:
            return phones[0]
    return None


@cache
def _split(groups: tuple[str, ...], plus: bool) -> tuple[str, ...] | None:
    """The phone numbers that consecutive digit groups make, using every
    group, or None when they cannot all be phone numbers."""
    if not groups:
        return ()
    for cut in range(len(groups), 0, -1):
        phone = _valid("".join(groups[:cut]), plus)
        if phone:
            rest = _split(groups[cut:], False)
            if rest is not None:
                return (phone, *rest)
    return None
