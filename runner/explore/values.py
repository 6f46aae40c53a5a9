"""What a customer would type for a slot, right and wrong, for `alur explore`.

To reach a state behind a question the explorer must answer it the way a
customer would ("081234567890", "Rp 50rb", "besok"); to play the customer
who answers wrongly it needs answers that look like answers but do not fill
the slot. Every value offered here has been checked with the engine's own
slot extraction, so a "right" value fills the slot and a "wrong" one does
not, whatever the slot's pattern, length or range.

Regex slots get a value generated from the pattern when the pattern is
simple (literals, classes, `\\d`, `\\w`, fixed or bounded repeats, groups,
alternatives); otherwise a value found in the flow's own texts (the
designer's "contoh: INV-123456", an intent example), and the explorer says
so in its report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from alur.flows.model import Slot
from alur.flows.nlu import SlotSpec, extract_slot

try:  # the standard library's regular-expression parser (sre_parse before 3.11)
    from re import _parser as _sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_parse as _sre  # type: ignore[no-redef]

_DIGITS = "4829137560"  # digits that look typed, not "000000"
_FIXED_DAY = date(2025, 8, 14)  # a Thursday: only used to check that a date text is read as a date

_TYPICAL: dict[str, tuple[str, ...]] = {
    "text": ("Barang yang datang tidak sesuai pesanan",),
    "phone": ("081234567890", "+62 812 3456 7890"),
    "email": ("budi.santoso@example.com",),
    "date": ("besok", "17 Agustus", "30/08/2025"),
    "money": ("Rp 50rb", "Rp 250.000", "1,5 jt", "10 juta"),
    "number": ("2", "25"),
}


@dataclass(frozen=True, slots=True)
class SlotValues:
    """Texts that fill a slot, most typical first, and how they were found:
    `note` is set when no simple way worked (a regex value taken from the
    flow's texts, or none at all)."""

    texts: tuple[str, ...]
    note: str | None = None


def fills(slot: Slot, text: str) -> bool:
    """Whether `text` fills `slot` (relative dates read against a fixed day)."""
    return extract_slot(SlotSpec.of(slot), text, today=_FIXED_DAY) is not None


def plausible_values(slot: Slot, flow_texts: Iterable[str] = ()) -> SlotValues:
    """Texts a customer would send that fill `slot`. Several when the value
    may decide a route (choices, numbers at their bounds), so that each
    branch behind a condition can be reached."""
    if slot.type == "choice":
        return SlotValues(tuple(slot.choices))
    if slot.type == "otp":
        length = slot.length or 6
        return SlotValues(((_DIGITS * 2)[:length],))
    if slot.type in ("number", "money"):
        return SlotValues(_amounts(slot))
    if slot.type == "regex":
        return _regex_values(slot, flow_texts)
    found = tuple(text for text in _TYPICAL.get(slot.type, ()) if fills(slot, text))
    return SlotValues(found[:2]) if found else SlotValues((), f"no typical {slot.type} value fills slot {slot.name!r}")


def wrong_values(slot: Slot, candidates: Iterable[str], near_miss: bool) -> tuple[str, ...]:
    """The candidates that do not fill `slot`, and, with `near_miss`, a
    typical value with its last character missing, if that does not fill it
    either ("08123456789" for a phone, "INV-48291" for INV-[0-9]{6})."""
    out = [text for text in candidates if not fills(slot, text)]
    if near_miss:
        for text in plausible_values(slot).texts[:1]:
            typo = text[:-1].rstrip()
            if typo and not fills(slot, typo) and typo not in out:
                out.insert(0, typo)
    return tuple(dict.fromkeys(out))


def _amounts(slot: Slot) -> tuple[str, ...]:
    """The bounds and a middle value when the slot has them, else typical
    amounts; each as a customer writes it, checked to fill the slot."""
    texts: list[str] = []
    low, high = slot.min, slot.max
    if low is not None:
        texts.append(_number_text(low))
    if high is not None:
        texts.append(_number_text(high))
    if low is not None and high is not None:
        texts.append(_number_text((low + high) // 2))
    if slot.type == "money":
        texts = [f"Rp {t}" for t in texts]
    texts += _TYPICAL[slot.type]
    checked = [text for text in dict.fromkeys(texts) if fills(slot, text)]
    return tuple(checked[:3])


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def _regex_values(slot: Slot, flow_texts: Iterable[str]) -> SlotValues:
    pattern = slot.pattern or ""
    generated = regex_sample(pattern)
    if generated is not None and fills(slot, generated):
        return SlotValues((generated,))
    spec = SlotSpec.of(slot)
    for text in flow_texts:
        value = extract_slot(spec, text, today=_FIXED_DAY)
        if isinstance(value, str) and value:
            value = value.strip()
            return SlotValues(
                (value,),
                f"pattern {pattern!r} of slot {slot.name!r} is too complex to generate a value from; used {value!r} from the flow's texts",
            )
    return SlotValues(
        (),
        f"no value for slot {slot.name!r}: pattern {pattern!r} is too complex to generate from and no text of the flow matches it (write an example into the question)",
    )


def regex_sample(pattern: str) -> str | None:
    """A string matching `pattern`, built from its parse tree, or None for
    what this does not handle (look-arounds, back-references, negated
    classes of letters). Repeats take their least count (at least one)."""
    try:
        tree = _sre.parse(pattern)
        return "".join(_sample(tree, [0]))
    except (_Unsupported, re.error, RecursionError, ValueError, TypeError):
        return None


class _Unsupported(Exception):
    pass


def _sample(items: Iterable, counter: list[int]) -> list[str]:
    out: list[str] = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "NOT_LITERAL":
            out.append("x" if chr(arg) != "x" else "y")
        elif name == "ANY":
            out.append("x")
        elif name == "IN":
            out.append(_pick(arg, counter))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, sub = arg
            for _ in range(max(low, 1)):
                out.extend(_sample(sub, counter))
        elif name == "SUBPATTERN":
            out.extend(_sample(arg[-1], counter))
        elif name == "ATOMIC_GROUP":
            out.extend(_sample(arg, counter))
        elif name == "BRANCH":
            out.extend(_sample(arg[1][0], counter))
        elif name == "AT":
            continue  # ^ $ \b: positions, no characters
        else:
            raise _Unsupported(name)
    return out


def _pick(choices: list, counter: list[int]) -> str:
    """One character of a class: a digit from the typed-looking sequence when
    digits are allowed, else the first allowed letter or character."""
    allowed: list[str] = []
    for op, arg in choices:
        name = str(op)
        if name == "NEGATE":
            raise _Unsupported(name)
        if name == "LITERAL":
            allowed.append(chr(arg))
        elif name == "RANGE":
            allowed.extend(chr(c) for c in range(arg[0], min(arg[1], arg[0] + 64) + 1))
        elif name == "CATEGORY":
            category = str(arg)
            if category.endswith("DIGIT") and "NOT" not in category:
                allowed.extend("0123456789")
            elif category.endswith("WORD") and "NOT" not in category:
                allowed.extend("A")
            elif category.endswith("SPACE") and "NOT" not in category:
                allowed.append(" ")
            else:
                raise _Unsupported(category)
        else:
            raise _Unsupported(name)
    if not allowed:
        raise _Unsupported("empty class")
    digits = [c for c in allowed if c.isdigit()]
    if digits:
        digit = _DIGITS[counter[0] % len(_DIGITS)]
        counter[0] += 1
        return digit if digit in digits else digits[0]
    return allowed[0]
