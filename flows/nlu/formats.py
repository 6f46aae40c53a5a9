"""How money and dates are written in the bot's messages, in the flow's language.

A slot keeps one value for conditions, expectations and reports: money as
a number (500000), a date as "2025-08-30". Messages show it the way the
customers of the flow's `locale` read it:

| locale | money 1500000 | date 2025-08-30 |
| --- | --- | --- |
| `id-…` | 1.500.000 | 30 Agustus 2025 |
| `en-US`, `en` | 1,500,000 | August 30, 2025 |
| other `en-…` | 1,500,000 | 30 August 2025 |
| anything else, or none | 1500000 | 2025-08-30 |

The designer writes the currency ("Rp{amount}", "${amount}"), since one
language is spoken with several. Amounts that are not whole show two
decimals ("1.500.000,50", "1,500,000.50").

`value_formatter(slot_type, locale)` gives the function for one slot, or
None when messages show the value as it is kept. `MONTH_NAMES` are the
words a shown date may bring into a message: a comparison of messages that
ignores numbers (a relative date such as "besok" resolved on another day)
should ignore these too.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

_MONTHS = {
    "id": "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split(),
    "en": "January February March April May June July August September October November December".split(),
}
MONTH_NAMES = frozenset(name.lower() for names in _MONTHS.values() for name in names)
# (thousands separator, decimal mark) per language
_MARKS = {"id": (".", ","), "en": (",", ".")}

Formatter = Callable[[object], "str | None"]


def _language(locale: str | None) -> tuple[str | None, str]:
    """("id" | "en" | None, region) of a locale tag such as "id-ID"."""
    if not locale:
        return None, ""
    language, _, region = locale.partition("-")
    language = language.lower()
    return (language if language in _MARKS else None), region.upper()


def value_formatter(slot_type: str, locale: str | None) -> Formatter | None:
    """How a `slot_type` value is shown in messages of a `locale` flow, or
    None to show it as kept. The formatter returns None for a value it does
    not recognise (a slot given by a test as plain text): shown as kept."""
    language, region = _language(locale)
    if language is None:
        return None
    if slot_type == "money":
        thousands, decimal = _MARKS[language]
        return lambda value: _money(value, thousands, decimal)
    if slot_type == "date":
        months = _MONTHS[language]
        month_first = language == "en" and region in ("", "US")
        return lambda value: _date(value, months, month_first)
    return None


def _money(value: object, thousands: str, decimal: str) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not value.is_integer():
        whole, _, cents = f"{value:,.2f}".partition(".")
        return whole.replace(",", thousands) + decimal + cents
    return f"{int(value):,}".replace(",", thousands)


def _date(value: object, months: list[str], month_first: bool) -> str | None:
    if isinstance(value, datetime.date):
        date = value
    elif isinstance(value, str):
        try:
            date = datetime.date.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    month = months[date.month - 1]
    return f"{month} {date.day}, {date.year}" if month_first else f"{date.day} {month} {date.year}"
