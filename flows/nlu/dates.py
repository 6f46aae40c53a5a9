"""Dates in customer turns, Indonesian and English, resolved against today.

Understood: "hari ini", "besok", "lusa", "kemarin" (and "today",
"tomorrow", "day after tomorrow", "yesterday"); weekdays ("senin", "hari
jumat", "next friday": the next one after today); "17 Agustus 2025",
"17 agt", "Aug 17", "August 17th, 2025"; "17/08/2025", "17-08-25",
"17.08.2025" (day first, as Indonesians write; month first only when day
first is impossible: "08/17/2025"); ISO "2025-08-17"; "tanggal 17".

A date without a year is taken in the year that puts it nearest to today:
on 28 December "3 Januari" is next January, on 5 January "20 Desember" is
last December. "tanggal 17" alone is the nearest 17th.
"""

from __future__ import annotations

import datetime
import re

from alur.flows.nlu.lexicon import Lexicon

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "januari january jan",
            "februari pebruari february feb peb",
            "maret march mar",
            "april apr",
            "mei may",
            "juni june jun",
            "juli july jul",
            "agustus august agu agt ags aug",
            "september sept sep",
            "oktober october okt oct",
            "november nopember nov nop",
            "desember december des dec",
        ),
        start=1,
    )
    for name in names.split()
}
_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (
            "senin monday mon",
            "selasa tuesday tue tues",
            "rabu wednesday wed",
            "kamis thursday thu thurs",
            "jumat jum'at friday fri",
            "sabtu saturday",
            "minggu ahad sunday",
        )
    )
    for name in names.split()
}
# Relative days, as normalised word sequences (slang already expanded: "bsk" -> "besok").
_RELATIVE = {
    ("hari", "ini"): 0,
    ("today",): 0,
    ("sekarang",): 0,
    ("besok",): 1,
    ("tomorrow",): 1,
    ("tmrw",): 1,
    ("lusa",): 2,
    ("day", "after", "tomorrow"): 2,
    ("kemarin",): -1,
    ("yesterday",): -1,
}
_WEEK_AFTER = frozenset("depan ini lalu kemarin ke yang lagi".split())
_WEEK_BEFORE = frozenset("satu dua tiga empat per setiap tiap beberapa".split())
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
# with a year: 17/08/2025, 17-08-25, 17.08.2025; without: 17/08 only ("10.30" is a time)
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})(?:([/.-])(\d{1,2})\2(\d{4}|\d{2})|/(\d{1,2}))(?![\d/-]|\.\d)")
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH_NAME = r"([^\W\d_]{3,9})\.?"
_YEAR = r"(?:,?\s+(\d{4}))?"
_DAY_MONTH = re.compile(rf"(?<!\d){_DAY}\s+(?:of\s+)?{_MONTH_NAME}{_YEAR}(?!\d)", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"(?<![^\W\d_]){_MONTH_NAME}\s+{_DAY}{_YEAR}(?!\d)", re.IGNORECASE)
_DAY_ONLY = re.compile(r"(?:tanggal|tgl|tggl|date)\.?\s*(\d{1,2})(?![\d/.-])", re.IGNORECASE)


def _make(year: int | None, month: int, day: int, today: datetime.date) -> datetime.date | None:
    """The date, or None when it does not exist. No year: the nearest to today."""
    if year is None:
        options = [_make(today.year + delta, month, day, today) for delta in (-1, 0, 1)]
        valid = [d for d in options if d is not None]
        return min(valid, key=lambda d: abs((d - today).days)) if valid else None
    if year < 100:
        year += 2000
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _named(text: str, today: datetime.date) -> datetime.date | None:
    found = []
    for pattern, day_first in ((_DAY_MONTH, True), (_MONTH_DAY, False)):
        for m in pattern.finditer(text):
            day, name = (m[1], m[2]) if day_first else (m[2], m[1])
            month = _MONTHS.get(name.lower())
            if month:
                date = _make(int(m[3]) if m[3] else None, month, int(day), today)
                if date:
                    found.append((m.start(), date))
    return min(found)[1] if found else None


def _numeric(text: str, today: datetime.date) -> datetime.date | None:
    m = _ISO.search(text)
    if m:
        return _make(int(m[1]), int(m[2]), int(m[3]), today)
    for m in _NUMERIC.finditer(text):
        first, second = int(m[1]), int(m[3] or m[5])
        year = int(m[4]) if m[4] else None
        date = _make(year, second, first, today) or _make(year, first, second, today)
        if date:
            return date
    return None


def _relative(text: str, today: datetime.date, lexicon: Lexicon) -> datetime.date | None:
    tokens = lexicon.words(text)
    for i, token in enumerate(tokens):
        for phrase, offset in _RELATIVE.items():
            if tuple(tokens[i : i + len(phrase)]) == phrase:
                return today + datetime.timedelta(days=offset)
        weekday = _WEEKDAYS.get(token)
        if weekday is not None and not (token == "minggu" and _means_week(tokens, i)):
            ahead = (weekday - today.weekday() - 1) % 7 + 1
            return today + datetime.timedelta(days=ahead)
    return None


def _means_week(tokens: list[str], i: int) -> bool:
    """ "minggu" is Sunday, and also "week": "minggu depan", "2 minggu"."""
    after = tokens[i + 1 : i + 2]
    before = tokens[i - 1] if i else ""
    return bool(set(after) & _WEEK_AFTER) or before.isdigit() or before in _WEEK_BEFORE


def find_date(text: str, today: datetime.date, lexicon: Lexicon | None = None) -> datetime.date | None:
    """The date `text` names, or None. Written dates beat relative words,
    which are read with `lexicon` (alur's built-in lists by default)."""
    date = _numeric(text, today) or _named(text, today)
    if date:
        return date
    m = _DAY_ONLY.search(text)
    if m:
        day = int(m[1])
        candidates = [_make(None, (today.month + delta - 1) % 12 + 1, day, today) for delta in (-1, 0, 1)]
        valid = [d for d in candidates if d is not None]
        if valid:
            return min(valid, key=lambda d: abs((d - today).days))
    return _relative(text, today, lexicon or Lexicon.builtin())
