"""slot-before-collect: a message shows `{slot}` where the slot cannot have been collected yet.

Why: the bot would send the braces, or an empty value, to the customer
("Pesanan {order_id} sedang dikirim." / "Pesanan  sedang dikirim."). A
slot is filled by a state that `collect`s it, when the conversation moves
on by that state's `next`. The rule reports a `{slot}` in a `say` or
fallback `say` when no path from `start` to that state passes such a
`next` (a "may" analysis: one path that collects the slot is enough).

Fails:

    start: greet
    states:
      greet:
        say: "Halo! Pesanan {order_id} sudah kami terima."   # nothing collected yet
        next: ask
      ask: {say: "Nomor pesanan?", collect: order_id, next: done}
      done: {say: "Pesanan {order_id} dicatat.", end: true}

Passes: the same without `{order_id}` in `greet`.

Fix: collect the slot on every path before the message, or reword the
message so it does not need the value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.rules._context import Context, Problem, placeholder_columns

ID = "slot-before-collect"
SEVERITY = Severity.WARNING
SUMMARY = "a message shows `{slot}` before any path has collected it"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}

_GLOBAL = "\0global"


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    flow = ctx.flow
    if not any("{" in message.text for message in ctx.messages):
        return
    filled = filled_on_arrival(ctx)
    bits = {name: 1 << i for i, name in enumerate(flow.slots)}
    shared_reprompt_users = [
        name for name in ctx.graph.waiting if name in filled and ctx.uses_flow_reprompts(flow.states[name])
    ]
    for message in ctx.messages:
        for slot, column in placeholder_columns(message.text):
            bit = bits.get(slot)
            if bit is None:
                continue  # undefined-slot
            if message.state is not None:
                if message.state.name in filled and not filled[message.state.name] & bit:
                    yield Problem(
                        ctx.inner_span(message.span, column),
                        f"{{{slot}}} is shown in state {message.state.name!r}, but no path from {flow.start!r} collects {slot!r} before it",
                    )
            else:
                early = next((name for name in shared_reprompt_users if not filled[name] & bit), None)
                if early is not None:
                    yield Problem(
                        ctx.inner_span(message.span, column),
                        f"{{{slot}}} is in the flow's fallback message, which state {early!r} uses before any path collects {slot!r}",
                    )


def filled_on_arrival(ctx: Context) -> dict[str, int]:
    """For each reachable state, the slots (as bits in `flow.slots` order)
    that some path from `start` has collected on arrival. One pass over the
    strongly connected components in topological order: inside a cycle,
    whatever is collected anywhere in it may be filled everywhere in it."""
    flow = ctx.flow
    graph = ctx.graph
    bits = {name: 1 << i for i, name in enumerate(flow.slots)}
    succ = graph.successors(ctx.reachable, _GLOBAL)
    components = graph.components(succ)
    component_of = {node: i for i, component in enumerate(components) for node in component}

    def gained(node: str, target: str) -> int:
        state = flow.states.get(node)
        if state is None or state.collect is None or state.next != target:
            return 0
        return bits.get(state.collect, 0)

    facts = [0] * len(components)
    for i, component in enumerate(components):
        for node in component:
            for target in succ[node]:
                if component_of[target] == i:
                    facts[i] |= gained(node, target)
        for node in component:
            for target in succ[node]:
                j = component_of[target]
                if j != i:
                    facts[j] |= facts[i] | gained(node, target)
    return {node: facts[component_of[node]] for node in ctx.reachable}
