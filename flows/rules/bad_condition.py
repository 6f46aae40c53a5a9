"""bad-condition: an `if:` condition cannot be read.

Why: conditions are a small, safe language (never Python `eval`): slot
names, literals (numbers, 'text' or "text", true/false), `== != < <= > >=`,
`and or not`, `in [..]`, `X is set` / `X is not set` and parentheses. A
condition outside it cannot be evaluated, so the route would never be
decided. `alur replay`, `explore` and the designer refuse to run a flow with
this error. The column points at the offending part of the condition.

Fails:

    on:
      - {event: found, if: "amount >> 1000000", goto: verify}

Passes:

    on:
      - {event: found, if: "amount > 1000000 and otp is set", goto: verify}

Fix: rewrite the condition in the language above.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.conditions import ConditionError
from alur.flows.diagnostics import Severity
from alur.flows.rules._context import Context, Problem

ID = "bad-condition"
SEVERITY = Severity.ERROR
SUMMARY = "an `if:` condition is not valid in the condition language"
BLOCKS_RUNNING = True
OPTIONS: dict[str, object] = {}


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    for _, route in ctx.routes:
        if route.condition is None:
            continue
        condition = ctx.condition(route.condition)
        if isinstance(condition, ConditionError):
            yield Problem(
                ctx.inner_span(route.condition_span, condition.column), f"invalid condition: {condition.message}"
            )
