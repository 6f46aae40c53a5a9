"""trap-state: once here, the conversation can never finish.

Why: from this state no sequence of customer turns, action outcomes or
fallbacks reaches a terminal state (`end: true` or `escalate: true`). The
customer goes round in circles until they give up. Only states reachable
from `start` are reported, and not those `no-way-out` or
`cycle-without-wait` already reports.

Fails:

    ask_size:
      say: "Ukuran apa?"
      on: {pick_size: confirm}
    confirm:
      say: "Yakin?"
      on: {change: ask_size}       # and no fallback `then`, no global route out

Passes: the same with a way to an ending, e.g. `on: {change: ask_size,
confirm: done}` in `confirm`, or a flow-level `fallback: {then: handoff}`.

Fix: give the loop a way out: a route to an ending, a fallback `then`, or a
`global` handoff route.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.rules._context import Context, Problem
from alur.flows.rules.no_way_out import stuck

ID = "trap-state"
SEVERITY = Severity.WARNING
SUMMARY = "no terminal state can be reached from a state"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    flow = ctx.flow
    terminals = [name for name, state in flow.states.items() if state.terminal]
    if not terminals:
        key = flow.document.keys.get(("states",)) if flow.document else None
        yield Problem(key, "no state has `end: true` or `escalate: true`, so no conversation can ever finish")
        return
    finishing = ctx.graph.turns_to(terminals)
    looping = {name for loop in ctx.silent_loops for name in loop}
    for name, state in flow.states.items():
        if name in ctx.reachable and name not in finishing and not stuck(state) and name not in looping:
            yield Problem(
                state.span,
                f"from state {name!r} no ending (`end` or `escalate`) can be reached: the customer is trapped",
            )
