"""collect-without-next: a state collects a slot but has no `next` to take once it is filled.

Why: contract §1: with `collect`, `next` is taken once the slot is filled,
and nothing else is. Without `next`, the customer's answer fills the slot
and the conversation stays where it is: the bot says nothing at all, and
the customer waits for a reply that never comes. The state's `on` routes do
not help: they answer other replies (an intent such as "cancel", a request
for a person), never the value itself, so a route with an `if:` on the
slot only fires on a later turn the customer has no reason to send.

Fails:

    ask_amount:
      say: "Berapa yang mau dibayar minggu ini?"
      collect: amount
      on:
        - {intent: pay, if: "amount is set", goto: confirm}

Passes:

    ask_amount:
      say: "Berapa yang mau dibayar minggu ini?"
      collect: amount
      next: confirm

Fix: add `next:` with the state that uses the value (an action that looks
it up, or a state that confirms it). To decide on the value, route from
that next state, with conditions: `next: check_amount`, then
`check_amount` with `on` routes and `if:` on the slot.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.rules._context import Context, Problem

ID = "collect-without-next"
SEVERITY = Severity.WARNING
SUMMARY = "a state collects a slot but has no `next`, so the bot goes silent once it is filled"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    for name, state in ctx.flow.states.items():
        if state.collect is None or state.next is not None or state.terminal:
            continue
        routes = " (its `on` routes answer other replies, not the value)" if state.routes else ""
        yield Problem(
            state.collect_span or state.span,
            f"state {name!r} collects slot {state.collect!r} but has no `next`: once the customer "
            f"gives the value the bot stays here and says nothing{routes}; add `next:` with the state that uses it",
        )
