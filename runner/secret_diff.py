"""How two values that reports must not show differ, said without either.

An expectation on a phone number or a sensitive slot that fails used to
read "expected slot phone = '[PHONE]', but it holds '[PHONE]'": true, masked,
and useless. What a tester needs is where the two differ: a digit typed
wrong, a `+62` where the flow keeps `0`, one character too many. Lengths and
the positions of the differing characters say that and give away no
character of either value.

    >>> difference("+6281234567890", "+6281234567809")
    'both 14 characters; they differ at characters 13, 14'
    >>> difference("+6281234567890", "081234567890")
    '14 characters expected, 12 held; the last 11 agree'
"""

from __future__ import annotations

_LISTED = 6  # positions listed before "and N more"


def difference(expected: str, held: str) -> str:
    """Where `held` differs from `expected`, in lengths and 1-based positions."""
    if len(expected) == len(held):
        positions = [str(i + 1) for i, (a, b) in enumerate(zip(expected, held, strict=True)) if a != b]
        if not positions:
            return f"both {len(expected)} characters and the same text (they differ in type)"
        listed = ", ".join(positions[:_LISTED]) + (
            f" and {len(positions) - _LISTED} more" if len(positions) > _LISTED else ""
        )
        return f"both {len(expected)} characters; they differ at character{'s' if len(positions) > 1 else ''} {listed}"
    head = _agreeing(expected, held)
    tail = _agreeing(expected[::-1], held[::-1])
    agree = [f"the first {head} agree"] if head else []
    if tail:
        agree.append(f"the last {tail} agree")
    said = f"{len(expected)} characters expected, {len(held)} held"
    return said + ("; " + " and ".join(agree) if agree else "; no character agrees at either end")


def _agreeing(a: str, b: str) -> int:
    """How many characters `a` and `b` share from their start."""
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count
