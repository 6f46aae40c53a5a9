"""undefined-intent: a waiting state or `global` routes on an intent the flow does not define.

Why: the bot can only recognise intents it has examples or patterns for (or
that a button sends). A route on any other name can never be taken, so the
customer who says it falls through to the fallback. `alur replay`,
`explore` and the designer refuse to run a flow with this error.

Checked: the keys of `on` in states that wait for the customer, and of
`global`. Keys of `on` in a state with an `action` are the action's outcome
events and are not checked. A name counts as defined when it is under
`intents` or is the `intent` of some button. Built-in handoff phrases
("agen", "CS", "human", …) count as the flow's handoff intent, so a route
`on: {talk_to_human: x}` still needs `talk_to_human` defined (with
`handoff: true`).

Fails:

    intents:
      check_order: {examples: ["cek pesanan"]}
    global:
      talk_to_human: handoff     # no such intent

Passes:

    intents:
      check_order: {examples: ["cek pesanan"]}
      talk_to_human: {handoff: true, examples: ["mau bicara dengan CS"]}
    global:
      talk_to_human: handoff

Fix: define the intent under `intents` (with examples), fix the spelling
(the message suggests the closest name), or give a button that `intent`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.rules._context import Context, Problem
from alur.flows.rules._names import did_you_mean

ID = "undefined-intent"
SEVERITY = Severity.ERROR
SUMMARY = "a waiting state or `global` routes on an intent that is not defined"
BLOCKS_RUNNING = True
OPTIONS: dict[str, object] = {}


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    flow = ctx.flow
    known = set(flow.intents)
    known.update(button.intent for state in flow.states.values() for button in state.buttons if button.intent)
    for owner, route in ctx.routes:
        if route.is_event or route.trigger in known:
            continue
        if owner is not None and not flow.states[owner].waits:
            continue
        where = "`global`" if owner is None else f"state {owner!r}"
        yield Problem(
            route.trigger_span,
            f"{where} routes on intent {route.trigger!r}, which is not defined{did_you_mean(route.trigger, known)}",
        )
