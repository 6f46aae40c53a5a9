"""undefined-start: `start` names a state that does not exist.

Why: the conversation begins by entering `start`; if no state has that name
the flow cannot run at all. Usually a typo, or a state renamed without
updating `start`.

Fails:

    start: greeting
    states:
      greet: {say: "Halo!", end: true}

Passes:

    start: greet
    states:
      greet: {say: "Halo!", end: true}

Fix: point `start` at an existing state (the message suggests the closest
name).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.rules._context import Context, Problem
from alur.flows.rules._names import did_you_mean

ID = "undefined-start"
SEVERITY = Severity.ERROR
SUMMARY = "`start` names a state that does not exist"
BLOCKS_RUNNING = True
OPTIONS: dict[str, object] = {}


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    flow = ctx.flow
    if flow.start not in flow.states:
        yield Problem(
            flow.start_span, f"start state {flow.start!r} is not defined{did_you_mean(flow.start, flow.states)}"
        )
