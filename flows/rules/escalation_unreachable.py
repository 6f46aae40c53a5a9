"""escalation-unreachable: from a waiting state, a human is too many customer turns away.

Why: whatever the bot is asking, a customer must be able to get to a person
quickly. This rule counts, for every state that waits for the customer, the
fewest customer turns to an `escalate: true` state: a handoff request or an
understood answer is one turn, a fallback `then` takes `max_retries + 1`
turns that match nothing (one more in `start`, whose first unmatched turn is
the customer opening the chat), actions and `say`+`next` take none. An
action's outcome is not the customer's choice, so a way through an action
counts only if every outcome it routes on leads on to a human. A
state-level route on the handoff intent overrides the `global` one. States
where that count exceeds `max_turns` (default 3, the turns after which
`alur replay` reports a `missing_escalation`), or where no escalate state
can be reached at all, are reported.

Fails (max_turns 3):

    fallback: {max_retries: 5, then: handoff}   # 6 unmatched turns
    states:
      ask_otp:
        say: "Kode OTP?"
        collect: otp
        next: verify
        on: {talk_to_human: explain_otp}        # overrides global handoff

Passes:

    global: {talk_to_human: handoff}
    fallback: {max_retries: 2, then: handoff}

Fix: route the handoff intent in `global` to an escalate state (and do not
override it in states), or lower `max_retries` with `then` pointing at an
escalate state.

Options: `max_turns` (default 3).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.rules._context import Context, Problem

ID = "escalation-unreachable"
SEVERITY = Severity.WARNING
SUMMARY = "a human handoff is not reachable within a few customer turns from a waiting state"
BLOCKS_RUNNING = False
OPTIONS: dict[str, int] = {"max_turns": 3}


def check(ctx: Context, options: Mapping[str, int]) -> Iterator[Problem]:
    # options are whole numbers: configuration refuses anything else
    flow = ctx.flow
    escalate = flow.escalate_states()
    waiting = [name for name in ctx.graph.waiting if name in ctx.reachable]
    if not waiting:
        return
    if not escalate:
        key = flow.document.keys.get(("states",)) if flow.document else None
        yield Problem(key, "no state has `escalate: true`: a customer can never reach a human")
        return
    limit = options["max_turns"]
    turns = ctx.graph.turns_to(escalate, forced=True)
    for name in waiting:
        state = flow.states[name]
        distance = turns.get(name)
        if distance is None:
            yield Problem(
                state.span, f"from state {name!r} no escalate state can be reached: the customer can never get a human"
            )
        elif distance > limit:
            yield Problem(
                state.span, f"from state {name!r} a human is {distance} customer turns away (at most {limit} allowed)"
            )
