"""next-beside-intents: a state has `next` beside intent routes but no `collect`.

Why: contract §1. A state with intent routes waits for the customer; a state
with only `say` and `next` moves on at once. With both, the bot cannot do
both: either the routes are never offered or `next` is never taken. With
`collect`, `next` is taken once the slot is filled, so that combination is
fine.

Fails:

    confirm:
      say: "Lanjut bayar?"
      on: {yes_pay: pay, no_pay: cancel}
      next: pay

Passes:

    confirm:
      say: "Lanjut bayar?"
      on: {yes_pay: pay, no_pay: cancel}

Fix: remove `next` (the intent routes decide), or move the `say` + `next`
into a state of its own before this one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.rules._context import Context, Problem

ID = "next-beside-intents"
SEVERITY = Severity.ERROR
SUMMARY = "`next` beside intent routes in a state without `collect`"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    for name, state in ctx.flow.states.items():
        if state.next is None or state.collect is not None or state.action is not None:
            continue
        if any(not route.is_event for route in state.routes):
            yield Problem(
                state.next_span,
                f"state {name!r} waits for intents (`on`) and also has `next`; without `collect` only one can apply: remove `next`",
            )
