"""dead-end: the conversation stops in a state that is not terminal and has
no way out.

Why: the customer is left talking to a wall. The bot said its piece and
nothing the customer types can move the conversation on, and no person
was called in. Typical causes: an action outcome the state does not route
(`lookup_order` returned `error`, and `on` only lists `found` and
`not_found`), a final message that forgot `end: true`, or a state waiting
for a slot with no `next`, no global routes and no fallback `then`.

Fires:

    lookup:
      action: lookup_order
      on: {found: tell_status}        # the transcript's outcome is `not_found`
    goodbye:
      say: "Terima kasih!"            # neither `next` nor `end: true`

Does not fire: a conversation that ends in an `end: true` or
`escalate: true` state, or that simply stops (the recording ends) in a
state that waits and can still move on.

One finding per conversation, at the customer turn whose answer got stuck
(the first customer turn when the bot was stuck from its opening).
"""

from __future__ import annotations

from collections.abc import Iterator

from alur.flows.engine import Step
from alur.flows.model import Flow
from alur.runner.detectors.base import Detector
from alur.runner.findings import Finding
from alur.runner.trace import ReplayConfig, Trace


class DeadEnd(Detector[ReplayConfig, Trace]):
    __doc__ = __doc__
    code = "dead-end"
    kind = "dead_end"

    def check(self, trace: Trace) -> Iterator[Finding]:
        flow = trace.facts.flow
        for index, step in trace.steps():
            if "dead_end" in step.events:
                yield Finding(self.kind, index, step.state, _why(flow, step))
                return
        last = trace.last_step
        if trace.complete and last is not None and last.state in trace.facts.stuck:
            index = trace.turns[-1].index if trace.turns else trace.first_user_turn
            yield Finding(
                self.kind,
                index,
                last.state,
                f"the conversation stopped in state {last.state!r}, which is not terminal and has no way out "
                "(no route, `next`, global route or fallback `then` leads anywhere else)",
            )


def _why(flow: Flow, step: Step) -> str:
    state = flow.states[step.state]
    head = f"the conversation stopped in state {step.state!r}, which is not terminal and has no way on: "
    if state.action is not None:
        outcomes = [event.split("=", 1)[1] for event in step.events if event.startswith(f"action:{state.action}=")]
        if outcomes:
            routed = ", ".join(dict.fromkeys(route.trigger for route in state.routes)) or "nothing"
            return head + f"action {state.action!r} returned {outcomes[-1]!r}, and the state routes only {routed}"
        return head + f"action {state.action!r} ran earlier and none of its outcomes is routed"
    return head + "it has neither `next` nor routes; mark it `end: true` or `escalate: true`, or add `next`"
