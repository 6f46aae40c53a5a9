"""unused-intent: an intent is defined but no route uses it.

Why: the bot will recognise the customer's words (the intent's examples),
then have nowhere to go: an intent no state or `global` route names is
treated as a failed turn, the customer is re-prompted and may be sent to
the fallback even though the bot "understood". A `handoff: true` intent
that is never routed is the worst case: the customer asked for a human and
was told the bot did not understand.

Fails:

    intents:
      refund_question: {examples: ["tanya refund"]}
    states:
      greet:
        say: "Ada yang bisa dibantu?"
        on: {check_order: ask}      # refund_question is never routed

Passes: add a route, e.g. `on: {check_order: ask, refund_question: refund_info}`.

Fix: route the intent where customers would say it (or in `global`), or
delete it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.rules._context import Context, Problem

ID = "unused-intent"
SEVERITY = Severity.WARNING
SUMMARY = "an intent is defined but never routed"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    routed = {route.trigger for _, route in ctx.routes if not route.is_event}
    for name, intent in ctx.flow.intents.items():
        if name not in routed:
            kind = "handoff intent" if intent.handoff else "intent"
            yield Problem(intent.span, f"{kind} {name!r} is defined but no state or `global` route uses it")
