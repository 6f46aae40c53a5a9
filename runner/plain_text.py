"""The plain form of personal data written so that a pattern would miss it.

People dictate numbers and addresses in ways no single pattern for "a phone
number" or "an e-mail address" matches, and some write them that way on
purpose to get past a filter:

- digits spelled out, in Indonesian or English, alone or mixed with digits
  ("nol delapan satu dua …", "kosong 8 1 2 …", "zero eight one two …");
- digits one by one with spaces, commas or dashes between them
  ("4 8 2 9 1 3", "0 8 1 2 - 3 4 5 6");
- a label glued to its number ("nik3174012501900003", "no.rek1234567890");
- invisible characters between the digits, or no-break and other Unicode
  spaces between their groups ("0812\u200b3456\u200b7890");
- e-mail addresses with the "@" and the dots written out
  ("andi [at] gmail [dot] com", "andi(at)gmail(dot)com",
  "andi at gmail dot com").

`Plain.of(text, label)` rewrites each of these into the form the detector in
alur.runner.privacy knows ("081234567890", "nik 3174…", "andi@gmail.com") and
keeps a map back to the original text, so that what is found in the plain
text is replaced in the original. Everything else is left as written: a
rewrite only ever lets the detector see a value, it never decides on its own
that something is personal ("1 2 3 4" becomes "1234", which stays a short
number unless a word like "PIN" says otherwise).

Runs of spelled or single digits need four digits or more, so that "dua
tiga hari" (two or three days), "1 2 3" and "2 pcs" stay as they are.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# Digits as dictated one by one, "kosong" (empty) for zero as Indonesians read
# phone numbers. Not alur.flows.nlu.numbers' table: that one reads numbers
# ("sepuluh", "se-" as one), and importing alur.flows.nlu costs every report 46 ms.
_DIGIT_WORDS = {
    word: str(value)
    for value, words in enumerate(
        (
            "nol kosong zero",
            "satu one",
            "dua two",
            "tiga three",
            "empat four",
            "lima five",
            "enam six",
            "tujuh seven",
            "delapan eight",
            "sembilan nine",
        )
    )
    for word in words.split()
}
# Read first, so that the rewrites below see ordinary spaces and no invisible marks.
INVISIBLE = "\u00ad\u200b-\u200d\u2060\ufeff"
ODD_SPACES = "\u00a0\u2000-\u200a\u202f\u205f\u3000"
_INVISIBLE_OR_ODD_SPACE = re.compile(f"[{INVISIBLE}{ODD_SPACES}]")
_INVISIBLE = re.compile(f"[{INVISIBLE}]")

_UNIT = rf"(?:\d+|(?<![^\W\d_])(?:{'|'.join(_DIGIT_WORDS)})(?![^\W\d_]))"
_SEPARATOR = r"(?:[ \t]*[,\-.][ \t]*|[ \t]+)"
# A run of two or more digits or digit words; `_digit_run` decides whether it is one number.
_RUN = re.compile(rf"(?<![\w.,]){_UNIT}(?:{_SEPARATOR}{_UNIT})+(?![^\W_])", re.IGNORECASE)
_RUN_UNIT = re.compile(_UNIT, re.IGNORECASE)
_RUN_MIN_DIGITS = 4
_MOBILE = re.compile(r"(?:08|628)\d{8,11}")

_TLDS = (
    "com|net|org|id|co|ac|go|sch|or|web|my|biz|info|io|me|edu|gov|mil|app|dev|xyz|online|site|store|"
    "sg|uk|au|us|ca|jp|in|ph|th|vn|nl|de|fr|cn|hk|tw|kr|nz|ie|es|it|br|mx"
)
_AT_WRITTEN = r"(?:\s*[\[({<]\s*(?:at|et)\s*[\])}>]\s*|\s*@\s*|\s+(?:at|et)\s+)"
_DOT_WRITTEN = r"(?:\s*[\[({<]\s*(?:dot|titik)\s*[\])}>]\s*|\s+(?:dot|titik)\s+|\s*\.\s*)"
_LABEL = r"[A-Za-z0-9](?:[\w\-]*[A-Za-z0-9])?"
_WRITTEN_EMAIL = re.compile(
    rf"(?<![\w.+])(?P<local>[A-Za-z0-9][\w.+\-]*?)(?P<at>{_AT_WRITTEN})"
    rf"(?P<domain>{_LABEL}(?:{_DOT_WRITTEN}{_LABEL})*{_DOT_WRITTEN}(?:{_TLDS}))(?![\w\-])",
    re.IGNORECASE,
)
_DOT_IN_DOMAIN = re.compile(_DOT_WRITTEN, re.IGNORECASE)
_SPACED_DOT = re.compile(r"\s\.|\.\s")

# Quick tests, so that the patterns above run only on the few texts that may
# need them (they cost ten times the rest of masking a sentence):
_EMAIL_HINTS = ("@", "dot", "at]", "at)", "at}", "at>", "titik")
_AT_DOMAIN = re.compile(r" [ae]t [a-z0-9\-]+\.[a-z]")  # "andi at gmail.com", in lower case
_DIGIT_WORD_SET = frozenset(_DIGIT_WORDS)
_PUNCTUATION = re.compile(r"[^\w\s]+")
# "4 8", "0-8", "1, 2" (the look back comes after the first digit: a pattern
# that opens with a digit is scanned for four times faster)
_SINGLE_DIGITS = re.compile(r"\d(?<![\d.,]\d)[ \t]*[ \t,.\-][ \t]*\d(?!\d)")
_SPACED_SEPARATOR = re.compile(r"\d(?:[ \t]+[,.\-][ \t]*|[ \t]*[,.\-][ \t]+)\d")  # "0812 - 3456"
_GLUED = re.compile(r"[A-Za-z](?=\+?\d)")  # a letter right before a digit: maybe a glued label
_LABEL_LONGEST = 40  # characters: "nomor induk kependudukannya" and more


@dataclass(frozen=True, slots=True)
class _Piece:
    """`plain[plain_start:]` comes from `original[start:end]`; `rewritten` says
    whether the piece is a rewrite (any part of it stands for all of it) or
    a copy (character for character)."""

    plain_start: int
    start: int
    end: int
    rewritten: bool


class Plain:
    """A text's plain form (`text`) and the way back to the original."""

    def __init__(self, text: str, pieces: list[_Piece], before: Plain | None):
        self.text = text
        self._pieces = pieces
        self._starts = [piece.plain_start for piece in pieces]
        self._before = before  # the first stage (spaces and invisible marks), if any

    @classmethod
    def of(cls, original: str, label: re.Pattern[str] | None = None) -> Plain | None:
        """The plain form of `original`, or None when nothing in it needs rewriting.

        `label` finds the context words ("NIK", "no. rek") that may be glued
        to the number they name, ending where its search ends (it is tried
        on the few characters before each letter followed by a digit); a
        space is put between them.
        """
        spaced = None
        if _INVISIBLE_OR_ODD_SPACE.search(original) is not None:
            spaced = cls._rewritten(original, _spacing(original), None)
            original = spaced.text
        rewrites = _rewrites(original, label)
        return cls._rewritten(original, rewrites, spaced) if rewrites else spaced

    @classmethod
    def _rewritten(cls, original: str, rewrites: list[tuple[int, int, str]], before: Plain | None) -> Plain:
        parts: list[str] = []
        pieces: list[_Piece] = []
        at = length = 0
        for start, end, replacement in rewrites:
            if start > at:
                pieces.append(_Piece(length, at, start, False))
                parts.append(original[at:start])
                length += start - at
            pieces.append(_Piece(length, start, end, True))
            parts.append(replacement)
            length += len(replacement)
            at = end
        pieces.append(_Piece(length, at, len(original), False))
        parts.append(original[at:])
        return cls("".join(parts), pieces, before)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Where `text[start:end]` is in the original: a rewritten piece it
        touches is taken whole."""
        first = self._pieces[bisect_right(self._starts, start) - 1]
        last = self._pieces[bisect_right(self._starts, max(start, end - 1)) - 1]
        begin = first.start if first.rewritten else first.start + start - first.plain_start
        finish = last.end if last.rewritten else last.start + end - last.plain_start
        return self._before.original_span(begin, finish) if self._before is not None else (begin, finish)


def plain_value(original: str) -> str:
    """One value in its plain form ("nol delapan satu dua" → "0812",
    "andi [at] gmail [dot] com" → "andi@gmail.com")."""
    plain = Plain.of(original)
    return original if plain is None else plain.text


def may_need_rewriting(text: str) -> bool:
    """False when `Plain.of(text)` surely finds nothing to rewrite in a text
    without three digits in a row (digits set apart by commas or spelled
    out are not)."""
    low = text.lower()
    return _may_hold_email(low) or _digit_words(low) >= _RUN_MIN_DIGITS or _SINGLE_DIGITS.search(text) is not None


def _spacing(original: str) -> list[tuple[int, int, str]]:
    """Invisible marks taken out, Unicode spaces made ordinary ones."""
    return [
        (m.start(), m.end(), "" if _INVISIBLE.match(m.group()) else " ")
        for m in _INVISIBLE_OR_ODD_SPACE.finditer(original)
    ]


def _rewrites(original: str, label: re.Pattern[str] | None) -> list[tuple[int, int, str]]:
    """(start, end, replacement) for each rewrite, in order, never overlapping."""
    found: list[tuple[int, int, str]] = []
    low = original.lower()
    if _may_hold_email(low):
        for m in _WRITTEN_EMAIL.finditer(original):
            email = _email(m)
            if email is not None:
                found.append((m.start(), m.end(), email))
    if (
        _digit_words(low)
        or _SINGLE_DIGITS.search(original) is not None
        or _SPACED_SEPARATOR.search(original) is not None
    ):
        for m in _RUN.finditer(original):
            digits = _digit_run(m.group())
            if digits is not None and not _overlaps(m.start(), m.end(), found):
                found.append((m.start(), m.end(), digits))
    if label is not None:
        for glued in _GLUED.finditer(original):
            end = glued.start() + 1  # just after the letter
            if label.search(original, max(0, end - _LABEL_LONGEST), end) and not _overlaps(end, end, found):
                found.append((end, end, " "))
    found.sort()
    return found


def _digit_words(low: str) -> int:
    """How many words of `low` (a text in lower case) are digits spelled out.
    (Most texts have none, which the set test tells at C speed.)"""
    words = low.replace(",", " ").replace("-", " ").split()
    if _DIGIT_WORD_SET.isdisjoint(words):
        return 0
    return sum(1 for word in _PUNCTUATION.sub(" ", low).split() if word in _DIGIT_WORD_SET)


def _overlaps(start: int, end: int, found: list[tuple[int, int, str]]) -> bool:
    """Whether `start:end` overlaps a rewrite (an insertion, start == end, overlaps one it falls inside)."""
    return any(start < other_end and other_start < end for other_start, other_end, _ in found)


def _may_hold_email(low: str) -> bool:
    """False when `low` (a text in lower case) surely holds no written-out e-mail address."""
    for hint in _EMAIL_HINTS:
        if hint in low:
            return True
    return (" at " in low or " et " in low) and _AT_DOMAIN.search(low) is not None


def _email(m: re.Match[str]) -> str | None:
    """The address an obfuscated e-mail match stands for, or None when it is
    more likely ordinary words ("at home. It is", or a plain address, which
    the e-mail pattern finds as it is)."""
    dots = _DOT_IN_DOMAIN.findall(m["domain"])
    if m["at"] == "@" and all(dot == "." for dot in dots):
        return None  # a plain address: nothing to rewrite
    if m["at"].strip().lower() in ("at", "et") and _SPACED_DOT.search(m["domain"]):
        return None  # "at home . com" reads as a sentence, not an address
    domain = _DOT_IN_DOMAIN.sub(".", m["domain"])
    return f"{m['local']}@{domain}"


def _digit_run(run: str) -> str | None:
    """The digits a run of digits and digit words stands for, when it is one
    number dictated piece by piece: it holds a digit word, or three or more
    single digits ("4 8 2 9 1 3"), or it is a mobile number however its
    groups are set apart ("0812 - 3456 - 7890"). Other groups written as
    digits ("0812 3456 7890", "1.500.000", "1500 - 2000") are left to the
    detector, which reads their separators."""
    units = _RUN_UNIT.findall(run)
    if len(units) < 2:
        return None
    digits = "".join(unit if unit[0].isdigit() else _DIGIT_WORDS[unit.lower()] for unit in units)
    words = sum(1 for unit in units if not unit[0].isdigit())
    singles = sum(1 for unit in units if len(unit) == 1 and unit.isdigit())
    if words or singles >= 3 or _MOBILE.fullmatch(digits):
        return digits if len(digits) >= _RUN_MIN_DIGITS else None
    return None
