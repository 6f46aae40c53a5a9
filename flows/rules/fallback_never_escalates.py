"""fallback-never-escalates: a customer the bot keeps not understanding never reaches a human.

Why: when nothing matches, the fallback policy re-prompts `max_retries`
times and then goes to `then`. If there is no `then`, or following `then`
(and the fallbacks and automatic moves after it) never reaches an
`escalate: true` state, a customer the bot cannot understand is re-prompted
forever or dropped: the most common complaint about chatbots. Each policy
in force in a reachable waiting state is checked once: the flow's
`fallback` and every state's own `fallback` (which takes the keys it
leaves out, often `then`, from the flow's).

Fails:

    fallback:
      max_retries: 2               # no `then`: re-prompts forever

Passes:

    fallback:
      max_retries: 2
      then: handoff
    states:
      handoff: {escalate: true, say: "Kami hubungkan dengan agen."}

Fix: set `then` to an escalate state (or to a state that leads to one even
when the customer is still not understood).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from alur.flows.diagnostics import Severity
from alur.flows.loader import Span
from alur.flows.rules._context import Context, Problem

ID = "fallback-never-escalates"
SEVERITY = Severity.WARNING
SUMMARY = "a fallback policy never leads a misunderstood customer to a human"
BLOCKS_RUNNING = False
OPTIONS: dict[str, object] = {}


def check(ctx: Context, options: Mapping[str, object]) -> Iterator[Problem]:
    flow = ctx.flow
    policies = [flow.fallback_for(flow.states[name]) for name in ctx.graph.waiting if name in ctx.reachable]
    if not policies:
        return
    escalating = ctx.graph.turns_to(flow.escalate_states(), understood=False)
    if any(policy.then is None for policy in policies):  # only when neither the flow nor the state sets it
        document = flow.document
        where = (document.keys.get(("fallback",)) or document.keys.get(("flow",))) if document else None
        yield Problem(
            where,
            "the fallback has no `then`: a customer the bot does not understand is re-prompted forever and never reaches a human; add `then: <escalate state>` to the flow's `fallback`",
        )
    judged: set[tuple[str, Span | None]] = set()
    for policy in policies:
        if policy.then is None or policy.then not in flow.states or policy.then in escalating:
            continue
        if (policy.then, policy.then_span) not in judged:
            judged.add((policy.then, policy.then_span))
            yield Problem(
                policy.then_span,
                f"fallback goes to {policy.then!r}, from which a customer the bot does not understand never reaches an escalate state",
            )
