"""undefined-state: a route, `next` or fallback `then` leads to a state that does not exist.

Why: when the customer takes that route the engine has nowhere to go, so the
conversation breaks exactly where it should have moved on. `alur replay`,
`explore` and the designer refuse to run a flow with this error.

Checked: targets in every state's `on` (mapping and list form), `next`,
the `global` routes, and `fallback.then` of the flow and of each state.

Fails:

    states:
      greet:
        say: "Mau cek pesanan?"
        on: {check_order: ask_order}   # no state ask_order
      ask_order_id: {say: "Nomor pesanan?", collect: order_id, next: done}

Passes:

    states:
      greet:
        say: "Mau cek pesanan?"
        on: {check_order: ask_order_id}
      ask_order_id: {say: "Nomor pesanan?", collect: order_id, next: done}

Fix: correct the name (the message suggests the closest state) or add the
missing state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.loader import Span
from alur.flows.model import Fallback
from alur.flows.rules._context import Context, Problem
from alur.flows.rules._names import did_you_mean

ID = "undefined-state"
SEVERITY = Severity.ERROR
SUMMARY = "a route, `next` or fallback `then` leads to a state that does not exist"
BLOCKS_RUNNING = True
OPTIONS: dict[str, object] = {}


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    flow = ctx.flow
    states = flow.states

    def missing(target: str, span: Span | None, where: str) -> Iterator[Problem]:
        if target not in states:
            yield Problem(
                span, f"{where} leads to state {target!r}, which is not defined{did_you_mean(target, states)}"
            )

    for route in flow.global_routes:
        yield from missing(route.target, route.span, f"global route {route.trigger!r}")
    yield from _fallback(flow.fallback, "the flow's fallback", missing)
    for name, state in states.items():
        for route in state.routes:
            yield from missing(route.target, route.span, f"route {route.trigger!r} in state {name!r}")
        if state.next is not None:
            yield from missing(state.next, state.next_span, f"`next` of state {name!r}")
        if state.fallback is not None:
            yield from _fallback(state.fallback, f"the fallback of state {name!r}", missing)


def _fallback(
    policy: Fallback, where: str, missing: Callable[[str, Span | None, str], Iterator[Problem]]
) -> Iterator[Problem]:
    if policy.then is not None:
        yield from missing(policy.then, policy.then_span, where)
