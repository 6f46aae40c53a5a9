"""How a slot value is written as text when no locale formats it.

Conditions, test expectations, reports and the messages of a flow without a
formatter for the slot all compare and show a value through this one
function, so that `150000.0` kept by a slot and `150000` written by a
designer are the same value everywhere.
"""

from __future__ import annotations


def format_value(value: object) -> str:
    """A slot value as text, as kept: `150000.0` as `150000`, a date as
    `2024-05-01` (what conditions, expectations and reports compare)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):
        return str(isoformat())
    return str(value)
