"""Action outcomes read off a recording: where a transcript records the
state the bot was in after each answer (bot turns with a `state`, as STAR's
and alur's own exports do), the outcome of an action is the one whose route
leads to the state the bot was recorded in next.

Real logs seldom record what a back-end answered, but they often record
where the bot went because of it; writing every outcome by hand is what kept
whole corpora from being replayed. Inference only fills in: an outcome the
conversation or `--actions` gives is always used first (the engine asks
here only when none is left).

    infer = OutcomeInference(flow, conversation.turns)
    handle, step = engine.start(actions=..., ask_outcome=infer)
    infer.at(index)            # before each customer turn is replayed
    infer.inferred             # (turn, action, outcome) of every inference
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from alur.flows.model import Flow


class OutcomeInference:
    """The engine's `ask_outcome` hook for one recorded conversation.

    For an action run while answering customer turn `i`, the candidates are
    first the states of the bot turns recorded right after turn `i` (before
    the customer's next turn), then every state recorded later, in order:
    the first of them that a route of the action state leads to (directly,
    or through states that move on by `next` without waiting) gives the
    outcome. When the flow calls the action where the recorded bot did not
    (and no later state shows an outcome), the most recent earlier state
    that a route leads to gives it: the back-end answered that way last.
    Nothing recorded that any route reaches: no outcome (the engine then
    says the action ran out, as without inference)."""

    def __init__(self, flow: Flow, turns: Sequence[Mapping[str, object]]):
        self.flow = flow
        self.recorded: list[tuple[int, str]] = [
            (index, state)
            for index, turn in enumerate(turns)
            if turn.get("role") == "bot" and isinstance(state := turn.get("state"), str) and state
        ]
        self.turn: int | None = None  # the customer turn being answered; None while opening
        self.inferred: list[tuple[int | None, str, str]] = []

    def __bool__(self) -> bool:
        """Whether the recording has any bot state to infer from."""
        return bool(self.recorded)

    def at(self, turn: int) -> None:
        """The customer turn `turn` (an index into the turns) is being answered."""
        self.turn = turn

    def __call__(self, action: str, state: str, routed: tuple[str, ...]) -> str | None:
        leads = self._leads_to(state, routed)
        after = -1 if self.turn is None else self.turn
        later = [recorded for index, recorded in self.recorded if index > after]
        earlier = [recorded for index, recorded in reversed(self.recorded) if index <= after]
        for recorded in (*later, *earlier):
            outcome = leads.get(recorded)
            if outcome is not None:
                self.inferred.append((self.turn, action, outcome))
                return outcome
        return None

    def _leads_to(self, state: str, routed: tuple[str, ...]) -> dict[str, str]:
        """Each state an outcome of `state` leads to, to the first such outcome."""
        routes = {
            route.trigger: route.target
            for route in self.flow.states[state].routes
            if route.is_event and route.condition is None
        }
        leads: dict[str, str] = {}
        for outcome in routed:
            target = routes.get(outcome)
            while target is not None and target not in leads:
                leads[target] = outcome
                following = self.flow.states.get(target)
                if following is None or following.waits or following.action is not None or following.terminal:
                    break
                target = following.next
        return leads
