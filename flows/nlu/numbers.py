"""Numbers and amounts of money as Indonesians and English speakers type them.

"1.500.000" and "1,500,000" are both a million and a half; "1,5 jt" and
"1.5jt" are too, and so is "1 juta 500 ribu". The rule for a lone
separator: followed by exactly three digits it groups thousands ("1.500"),
otherwise it is the decimal point ("1,5", "2.75"); with both "." and ","
the last one is the decimal point. Multipliers: rb/ribu/k/thousand,
jt/juta/million/mio, miliar/milyar/billion/bn. "M" is left alone: it means
a billion in Indonesian and a million in English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MULTIPLIERS = {
    **dict.fromkeys(("rb", "ribu", "rebu", "k", "rban", "ribuan", "thousand", "thousands"), 1_000),
    **dict.fromkeys(("jt", "juta", "jeti", "million", "millions", "mio"), 1_000_000),
    **dict.fromkeys(("miliar", "milyar", "billion", "bn"), 1_000_000_000),
}
_CURRENCY_BEFORE = r"(?:rp\.?|idr|usd|us\$|\$|€|eur|sgd|s\$)"
_CURRENCY_AFTER = r"(?:rupiah|idr|usd|dollars?|euros?|eur|sgd)"
_AMOUNT = re.compile(
    rf"(?:(?<![^\W\d_])(?P<currency>{_CURRENCY_BEFORE}\s*)|(?<![\w.,/:]))"
    r"(?P<digits>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\d/:]|[.,]\d)"
    rf"(?:\s?(?P<multiplier>{'|'.join(sorted(_MULTIPLIERS, key=len, reverse=True))})(?![^\W\d_]))?"
    rf"(?P<after>\s*{_CURRENCY_AFTER}\b|,-)?",
    re.IGNORECASE,
)
_WORDS = {
    word: value
    for value, spellings in enumerate(
        (
            "nol zero",
            "satu se one",
            "dua two",
            "tiga three",
            "empat four",
            "lima five",
            "enam six",
            "tujuh seven",
            "delapan eight",
            "sembilan nine",
            "sepuluh ten",
            "sebelas eleven",
            "duabelas twelve",
        )
    )
    for word in spellings.split()
}
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Amount:
    """A number found in text, and whether it was written as money."""

    value: int | float
    start: int
    end: int
    money: bool  # it has a currency or a multiplier ("Rp 50.000", "50rb")


def _digits_value(digits: str) -> float:
    last_dot, last_comma = digits.rfind("."), digits.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        decimal = max(last_dot, last_comma)
        return float(re.sub(r"[.,]", "", digits[:decimal]) + "." + digits[decimal + 1 :])
    separator = "." if last_dot >= 0 else "," if last_comma >= 0 else ""
    if not separator:
        return float(digits)
    parts = digits.split(separator)
    if len(parts) > 2 or len(parts[1]) == 3:
        return float("".join(parts))
    return float(parts[0] + "." + parts[1])


def _plain(value: float) -> int | float:
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded


def amounts(text: str) -> list[Amount]:
    """Every number in `text`, in order, with multipliers applied and
    compound amounts joined ("1 juta 500 ribu" is one amount). Numbers inside
    dates and times ("17/08", "10:30") are not amounts."""
    found: list[Amount] = []
    previous_multiplier = 0
    for m in _AMOUNT.finditer(text):
        multiplier = _MULTIPLIERS[m["multiplier"].lower()] if m["multiplier"] else 1
        value = _digits_value(m["digits"]) * multiplier
        money = bool(m["currency"] or m["multiplier"] or m["after"])
        start = m.start("currency") if m["currency"] else m.start("digits")
        joins = found and multiplier > 1 and previous_multiplier > multiplier
        if joins and re.fullmatch(r"\s*(?:dan|and|\+)?\s*", text[found[-1].end : start], re.IGNORECASE):
            last = found.pop()
            value += last.value
            start = last.start
        found.append(Amount(_plain(value), start, m.end(), money))
        previous_multiplier = multiplier
    return found


def number_words(text: str) -> list[int]:
    """Small numbers written as words: "dua orang" -> [2]."""
    return [_WORDS[w] for w in _WORD.findall(text.lower()) if w in _WORDS and w != "se"]
