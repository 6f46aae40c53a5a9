"""undefined-slot: a slot is collected, shown or tested but never defined under `slots`.

Why: the engine does not know how to recognise a value for an undefined slot
(`collect`), has nothing to put in `{name}` (a message would show the braces
to the customer), and cannot evaluate a condition on it. `alur replay`,
`explore` and the designer refuse to run a flow with this error.

Checked: `collect`, `{name}` in every `say` and fallback `say`, and the slot
names used in `if:` conditions.

Fails:

    slots:
      order_id: {type: regex, pattern: "INV-[0-9]{6}"}
    states:
      ask:
        say: "Nomor pesanan?"
        collect: order_number        # not a slot
        next: tell
      tell:
        say: "Pesanan {order}: dikirim."   # not a slot
        end: true

Passes:

    slots:
      order_id: {type: regex, pattern: "INV-[0-9]{6}"}
    states:
      ask: {say: "Nomor pesanan?", collect: order_id, next: tell}
      tell: {say: "Pesanan {order_id}: dikirim.", end: true}

Fix: use the slot's exact name (the message suggests the closest), or
define the slot.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from alur.flows.conditions import ConditionError
from alur.flows.diagnostics import Severity
from alur.flows.rules._context import Context, Problem, placeholder_columns
from alur.flows.rules._names import did_you_mean

ID = "undefined-slot"
SEVERITY = Severity.ERROR
SUMMARY = "a slot is collected, shown in a message or tested but not defined"
BLOCKS_RUNNING = True
OPTIONS: dict[str, object] = {}


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    slots = ctx.flow.slots
    for name, state in ctx.flow.states.items():
        if state.collect is not None and state.collect not in slots:
            yield Problem(
                state.collect_span,
                f"state {name!r} collects slot {state.collect!r}, which is not defined{did_you_mean(state.collect, slots)}",
            )
    for message in ctx.messages:
        for slot, column in placeholder_columns(message.text):
            if slot not in slots:
                yield Problem(
                    ctx.inner_span(message.span, column),
                    f"message shows {{{slot}}}, but there is no slot {slot!r}{did_you_mean(slot, slots)}",
                )
    for _, route in ctx.routes:
        if route.condition is None:
            continue
        condition = ctx.condition(route.condition)
        if isinstance(condition, ConditionError):
            continue  # bad-condition reports it
        for slot in sorted(condition.names):
            if slot not in slots:
                found = re.search(rf"(?<![\w.]){re.escape(slot)}(?![\w])", route.condition)
                span = ctx.inner_span(route.condition_span, found.start() + 1) if found else route.condition_span
                yield Problem(span, f"condition tests {slot!r}, which is not a slot{did_you_mean(slot, slots)}")
