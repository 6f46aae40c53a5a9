"""unreachable-state: no conversation can ever enter this state.

Why: a state that cannot be reached from `start` is dead weight at best; at
worst it is a path the designer believes customers can take (a refund
flow, a handoff) that they never will. Reachability follows the engine:
routes and `next` of each state, `global` routes from every waiting state
(unless the state handles that intent itself), fallback `then` from every
waiting state under that policy, and every outcome an action routes on.

Fails:

    start: greet
    states:
      greet: {say: "Halo!", on: {check_order: ask}}
      ask: {say: "Nomor pesanan?", collect: order_id, next: done}
      refund: {say: "Refund diproses.", next: done}    # nothing leads here
      done: {end: true}

Passes: the same flow with a route to `refund`, e.g.
`on: {check_order: ask, refund_question: refund}` in `greet`.

Fix: route to the state from where customers would need it, or delete it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.rules._context import Context, Problem

ID = "unreachable-state"
SEVERITY = Severity.WARNING
SUMMARY = "a state cannot be reached from `start`"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    flow = ctx.flow
    if flow.start not in flow.states:
        return  # undefined-start says why nothing is reachable
    reachable = ctx.reachable
    for name, state in flow.states.items():
        if name not in reachable:
            yield Problem(state.span, f"state {name!r} can never be reached from the start state {flow.start!r}")
