"""unused-slot: a slot is defined but never collected, or collected but never used.

Why: every question the bot asks costs the customer a turn. A slot that is
collected but never shown in a message, never tested in a condition and not
handed to an action is a question asked for nothing; a slot that is never
collected at all is leftover configuration. A collected slot counts as used
by an action when the collecting state's `next` is an action state (the
usual "ask, then look it up" pattern).

Fails:

    slots:
      email: {type: email}
    states:
      ask_email: {say: "Email Anda?", collect: email, next: thanks}
      thanks: {say: "Terima kasih!", end: true}

Passes:

    states:
      ask_email: {say: "Email Anda?", collect: email, next: thanks}
      thanks: {say: "Terima kasih, kami kirim ke {email}.", end: true}

Fix: use the slot (in a message, a condition, or an action right after
collecting it), or stop asking for it and delete it. If an action further
on reads it, silence this with `# alur: ignore[unused-slot]` on the slot's
line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.conditions import ConditionError
from alur.flows.diagnostics import Severity
from alur.flows.model import placeholders
from alur.flows.rules._context import Context, Problem

ID = "unused-slot"
SEVERITY = Severity.WARNING
SUMMARY = "a slot is never collected, or collected but never used"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    flow = ctx.flow
    if not flow.slots:
        return
    used: set[str] = set()
    for message in ctx.messages:
        if "{" in message.text:
            used.update(placeholders(message.text))
    for _, route in ctx.routes:
        if route.condition is not None:
            condition = ctx.condition(route.condition)
            if not isinstance(condition, ConditionError):
                used.update(condition.names)
    collected: dict[str, str] = {}
    for name, state in flow.states.items():
        if state.collect is None:
            continue
        collected.setdefault(state.collect, name)
        following = flow.states.get(state.next) if state.next is not None else None
        if following is not None and following.action is not None:
            used.add(state.collect)
    for name, slot in flow.slots.items():
        if name in used:
            continue
        if name in collected:
            yield Problem(
                slot.span,
                f"slot {name!r} is collected (state {collected[name]!r}) but never used: no message shows it, no condition tests it and no action follows its collection",
            )
        else:
            yield Problem(slot.span, f"slot {name!r} is defined but never collected or used")
