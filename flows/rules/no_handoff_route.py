"""no-handoff-route: a customer who asks for a human has no route to one.

Why: customers ask for a person in every channel ("mau bicara dengan CS",
"agen", "real person"). alur treats such a turn as the flow's handoff intent
(an intent with `handoff: true`; built-in Indonesian and English phrases
count as that intent). If no route uses a handoff intent and no `global`
route leads to an escalate state, the request falls through to the
fallback and the customer is told the bot did not understand.

Fails:

    intents:
      check_order: {examples: ["cek pesanan"]}
    global: {}

Passes:

    intents:
      check_order: {examples: ["cek pesanan"]}
      talk_to_human: {handoff: true, examples: ["mau bicara dengan CS", "agent"]}
    global:
      talk_to_human: handoff
    states:
      handoff: {escalate: true, say: "Kami hubungkan dengan agen."}

Fix: define an intent with `handoff: true` and route it under `global` to
an escalate state.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.loader import Span
from alur.flows.rules._context import Context, Problem

ID = "no-handoff-route"
SEVERITY = Severity.WARNING
SUMMARY = "no route handles a request for a human agent"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    flow = ctx.flow
    if not ctx.graph.waiting:
        return  # the bot never listens, so nobody can ask
    handoff = set(flow.handoff_intents())
    escalate = set(flow.escalate_states())
    for owner, route in ctx.routes:
        if route.target not in flow.states:
            continue
        if (not route.is_event and route.trigger in handoff) or (owner is None and route.target in escalate):
            return
    if handoff:
        name = sorted(handoff, key=lambda n: _line(flow.intents[n].span))[0]
        yield Problem(
            flow.intents[name].span,
            f"intent {name!r} is marked `handoff: true` but no route uses it; route it under `global` to an escalate state",
        )
    else:
        where = flow.document.keys.get(("flow",)) if flow.document else None
        yield Problem(
            where,
            "no handoff route: no intent has `handoff: true` and no `global` route leads to an escalate state, so a customer asking for a human is not understood",
        )


def _line(span: Span | None) -> int:
    return span.line if span else 0
