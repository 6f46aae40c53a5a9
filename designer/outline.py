"""What the designer shows about each state, computed once per check.

The state list, the details pane and the command palette all read this
outline instead of walking the flow themselves: where each state is written,
whether it starts, ends or escalates, which problems fall inside it, and its
transitions out and in (with the intents that lead there). Textual-free and
linear in the size of the flow, so it is built in the checker's worker.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from alur.flows.diagnostics import Diagnostic, Severity
from alur.flows.model import Flow, State

GLOBAL = "(global)"
FLOW_FALLBACK = "(fallback)"


@dataclass(frozen=True, slots=True)
class Link:
    """One transition: from `source` to `target`, taken on `label`.

    `kind` is intent, event, next, fallback or global; `route_index` is the
    route's position in the source state's `on` (None for other kinds), as
    the structured edits count it. `line` is where the target is written.
    """

    source: str
    target: str
    label: str
    kind: str
    line: int | None = None
    route_index: int | None = None
    condition: str | None = None


@dataclass(slots=True)
class StateInfo:
    name: str
    line: int | None
    column: int | None
    start: bool = False
    escalate: bool = False
    end: bool = False
    waits: bool = False
    say: tuple[str, ...] = ()
    collect: str | None = None
    action: str | None = None
    outgoing: list[Link] = field(default_factory=list)
    incoming: list[Link] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    retries: int | None = None  # waiting states: re-prompts before the fallback's `then`
    fallback_then: str | None = None

    @property
    def worst(self) -> Severity | None:
        return max((d.severity for d in self.problems), default=None)

    @property
    def intents_in(self) -> list[str]:
        """The intents whose routes lead here, each once, in flow order."""
        return list(dict.fromkeys(link.label for link in self.incoming if link.kind in ("intent", "global")))


@dataclass(slots=True)
class Outline:
    states: dict[str, StateInfo]
    start: str | None
    problems: list[Diagnostic]
    _by_line: list[tuple[int, str]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._by_line = sorted((info.line, name) for name, info in self.states.items() if info.line is not None)

    def names(self) -> list[str]:
        return list(self.states)

    def state_at_line(self, line: int) -> str | None:
        """The state whose text contains 1-based `line` (the last state key at or above it)."""
        index = bisect.bisect_right(self._by_line, (line, "\U0010ffff")) - 1
        return self._by_line[index][1] if index >= 0 else None


def build_outline(flow: Flow, diagnostics: list[Diagnostic]) -> Outline:
    """The outline of a flow the model could build."""
    states: dict[str, StateInfo] = {}
    for name, state in flow.states.items():
        span = state.span
        states[name] = StateInfo(
            name=name,
            line=span.line if span else None,
            column=span.column if span else None,
            start=name == flow.start,
            escalate=state.escalate,
            end=state.end,
            waits=state.waits,
            say=state.say,
            collect=state.collect,
            action=state.action,
            outgoing=_outgoing(flow, state),
        )
        if state.waits:
            policy = flow.fallback_for(state)
            states[name].retries, states[name].fallback_then = policy.max_retries, policy.then
    for info in states.values():
        for link in info.outgoing:
            if link.target in states:
                states[link.target].incoming.append(link)
    for route in flow.global_routes:
        if route.target in states:
            states[route.target].incoming.append(
                Link(GLOBAL, route.target, route.trigger, "global", route.span.line if route.span else None)
            )
    then = flow.fallback.then
    if then in states:
        states[then].incoming.append(
            Link(
                FLOW_FALLBACK,
                then,
                "fallback",
                "fallback",
                flow.fallback.then_span.line if flow.fallback.then_span else None,
            )
        )
    outline = Outline(states, flow.start, list(diagnostics))
    _assign_problems(outline, flow)
    return outline


def outline_from_names(
    names: list[tuple[str, int | None, int | None]], start: str | None, diagnostics: list[Diagnostic]
) -> Outline:
    """A bare outline (names and positions only) for a file the model cannot
    build yet, so the state list stays useful while the designer fixes it."""
    states = {name: StateInfo(name, line, column, start=name == start) for name, line, column in names}
    outline = Outline(states, start, list(diagnostics))
    _assign_problems(outline, None)
    return outline


def _outgoing(flow: Flow, state: State) -> list[Link]:
    links = [
        Link(
            state.name,
            route.target,
            route.trigger,
            "event" if route.is_event else "intent",
            route.span.line if route.span else None,
            index,
            route.condition,
        )
        for index, route in enumerate(state.routes)
    ]
    if state.next is not None:
        links.append(Link(state.name, state.next, "next", "next", state.next_span.line if state.next_span else None))
    if state.fallback is not None and state.fallback.then is not None:
        then_span = state.fallback.then_span
        links.append(
            Link(state.name, state.fallback.then, "fallback", "fallback", then_span.line if then_span else None)
        )
    return links


def _assign_problems(outline: Outline, flow: Flow | None) -> None:
    """File each diagnostic under the state whose lines contain it.

    Only lines inside `states:` belong to a state; a diagnostic above the
    first state (in `intents:`, say) or below the `states:` block belongs to
    none.
    """
    if not outline.states:
        return
    first = min((info.line for info in outline.states.values() if info.line is not None), default=None)
    last_line = None
    if flow is not None and flow.document is not None:
        span = flow.document.values.get(("states",))
        last_line = span.end_line if span else None
    for diagnostic in outline.problems:
        if diagnostic.line is None or first is None or diagnostic.line < first:
            continue
        if last_line is not None and diagnostic.line > last_line:
            continue
        name = outline.state_at_line(diagnostic.line)
        if name is not None:
            outline.states[name].problems.append(diagnostic)
