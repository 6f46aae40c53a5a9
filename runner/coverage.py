"""Flow coverage: which states and transitions a corpus of conversations
exercised when replayed, and which it never did (`alur replay --coverage`).

A transition is one way the flow can move, as the flow file writes it:

- `STATE --INTENT--> TARGET` and `STATE --OUTCOME--> TARGET`: a route under
  the state's `on` (routes for the same trigger and target with different
  `if:` conditions count as one);
- `STATE --next--> TARGET`;
- `STATE --fallback--> TARGET`: the fallback policy's `then`, for waiting states;
- `* --INTENT--> TARGET`: a `global` route, from any waiting state.

Which transition a move took is read off the engine's Step: a fallback
event, the turn's intent, the slot it filled, the outcome of each action
on the way. Counts are kept per worker and merge, so coverage costs memory
in proportion to the flow, never to the corpus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from alur.flows.engine import Step
from alur.flows.graph import Edge, Node, layout
from alur.flows.model import Flow
from alur.runner.trace import Trace

Transition = tuple[str, str, str]
"""(source state, or `*` for a global route; trigger; target state). The
trigger is `on:NAME`, `global:NAME`, `next` or `fallback`."""

ANY = "*"


def transitions_of(flow: Flow) -> tuple[Transition, ...]:
    """Every transition of the flow, in the order the file writes them."""
    found: dict[Transition, None] = {}
    for name, state in flow.states.items():
        for route in state.routes:
            found[(name, f"on:{route.trigger}", route.target)] = None
        if state.next is not None:
            found[(name, "next", state.next)] = None
        if state.waits:
            then = flow.fallback_for(state).then
            if then is not None:
                found[(name, "fallback", then)] = None
    for route in flow.global_routes:
        found[(ANY, f"global:{route.trigger}", route.target)] = None
    return tuple(found)


def describe(transition: Transition) -> str:
    """`greet --check_order--> ask_order_id`, as people read it."""
    source, trigger, target = transition
    label = trigger.split(":", 1)[1] if ":" in trigger else trigger
    if trigger.startswith("global:"):
        label = f"global {label}"
    return f"{source} --{label}--> {target}"


class Coverage:
    """Visit counts of a flow's states and transitions. Picklable and
    mergeable: each worker counts its shards, the counts add up."""

    __slots__ = ("flow", "diagram", "states", "transitions", "state_visits", "transition_visits", "left_in", "_known")

    def __init__(self, flow: Flow):
        self.flow = flow.id
        # the flow's drawing (flows.graph), so the HTML report can draw the counts on it
        self.diagram: tuple[list[Node], list[Edge]] = layout(flow)
        self.states: tuple[str, ...] = tuple(flow.states)
        self.transitions: tuple[Transition, ...] = transitions_of(flow)
        self.state_visits: Counter[str] = Counter()
        self.transition_visits: Counter[Transition] = Counter()
        # the state each conversation's replay stopped in: where customers left
        self.left_in: Counter[str] = Counter()
        self._known = frozenset(self.transitions)

    def __getstate__(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__ if name != "_known"}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            setattr(self, name, value)
        self._known = frozenset(self.transitions)

    # -- counting ------------------------------------------------------------

    def record(self, replayed: Trace) -> None:
        """Count what one replayed conversation visited."""
        flow = replayed.facts.flow
        if replayed.opening is not None:
            self._record_step(flow, None, replayed.opening)
        for turn in replayed.turns:
            self._record_step(flow, turn.origin, turn.step)
        last = replayed.last_step
        if last is not None:
            self.left_in[last.state] += 1

    def _record_step(self, flow: Flow, origin: str | None, step: Step) -> None:
        path = step.path
        if not path:
            return
        self.state_visits.update(path)
        outcomes = iter([event.split("=", 1)[1] for event in step.events if event.startswith("action:")])
        source = origin
        for position, target in enumerate(path):
            if source is not None:
                if position == 0:
                    transition = self._first_move(source, target, step)
                else:
                    transition = self._onward_move(flow, source, target, outcomes)
                if transition is not None:
                    self.transition_visits[transition] += 1
            source = target

    def _first_move(self, source: str, target: str, step: Step) -> Transition | None:
        """The transition a customer turn took out of the state it was handled in."""
        known = self._known
        events = step.events
        if "fallback" in events:
            return (source, "fallback", target)
        intent = step.intent
        if intent is not None:
            for candidate in ((source, f"on:{intent}", target), (ANY, f"global:{intent}", target)):
                if candidate in known:
                    return candidate
        if (source, "next", target) in known:
            return (source, "next", target)
        return None

    def _onward_move(self, flow: Flow, source: str, target: str, outcomes: Iterator[str]) -> Transition | None:
        """A move the bot made on its own: an action's outcome, or `next`."""
        state = flow.states.get(source)
        if state is not None and state.action is not None:
            outcome = next(outcomes, None)
            if outcome is not None and (source, f"on:{outcome}", target) in self._known:
                return (source, f"on:{outcome}", target)
        if (source, "next", target) in self._known:
            return (source, "next", target)
        return None

    def merge(self, other: Coverage) -> Coverage:
        """These counts plus `other`'s (same flow)."""
        merged = Coverage.__new__(Coverage)
        merged.flow, merged.diagram, merged.states, merged.transitions = (
            self.flow,
            self.diagram,
            self.states,
            self.transitions,
        )
        merged._known = self._known
        merged.state_visits = self.state_visits + other.state_visits
        merged.transition_visits = self.transition_visits + other.transition_visits
        merged.left_in = self.left_in + other.left_in
        return merged

    # -- reading -------------------------------------------------------------

    def never_visited(self) -> list[str]:
        return [name for name in self.states if not self.state_visits[name]]

    def never_taken(self) -> list[Transition]:
        return [t for t in self.transitions if not self.transition_visits[t]]

    def to_dict(self) -> dict[str, object]:
        """The coverage section of the JSON report."""
        return {
            "states": {
                "total": len(self.states),
                "visited": len(self.states) - len(self.never_visited()),
                "never_visited": self.never_visited(),
                "visits": {name: self.state_visits[name] for name in self.states},
            },
            "transitions": {
                "total": len(self.transitions),
                "taken": len(self.transitions) - len(self.never_taken()),
                "never_taken": [{"from": s, "on": t, "to": d} for s, t, d in self.never_taken()],
            },
        }

    def summary(self) -> str:
        """`12 of 15 states (80%), 20 of 31 transitions (65%)`."""
        states, transitions = len(self.states), len(self.transitions)
        visited = states - len(self.never_visited())
        taken = transitions - len(self.never_taken())
        return f"{visited} of {states} states ({_percent(visited, states)}), {taken} of {transitions} transitions ({_percent(taken, transitions)})"

    def text_lines(self) -> list[str]:
        """The coverage section of the text report."""
        lines = [f"coverage of flow {self.flow}: {self.summary()}"]
        never = self.never_visited()
        if never:
            lines.append(f"  states never visited ({len(never)}):")
            lines.extend(f"    {name}" for name in never)
        untaken = self.never_taken()
        if untaken:
            lines.append(f"  transitions never taken ({len(untaken)}):")
            lines.extend(f"    {describe(t)}" for t in untaken)
        if not never and not untaken:
            lines.append("  every state and transition was exercised")
        return lines

    def markdown_lines(self) -> list[str]:
        """The coverage section of the Markdown summary."""
        lines = ["", f"### Coverage of `{self.flow}`", "", self.summary()]
        never = self.never_visited()
        if never:
            lines += ["", "States never visited: " + ", ".join(f"`{name}`" for name in never)]
        untaken = self.never_taken()
        if untaken:
            lines += ["", "<details><summary>Transitions never taken (" + str(len(untaken)) + ")</summary>", ""]
            lines += [f"- `{describe(t)}`" for t in untaken]
            lines += ["", "</details>"]
        return lines


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "100%"
