"""A flow compiled for running: one `transitions` Machine plus per-state tables.

The Machine holds every route of the flow as a transition, so the state
changes of a conversation are made by `transitions` exactly as the flow
says. It is built once per flow per process (`compile_flow` caches it) and
shared by every conversation: a conversation is a plain object with a
`state` attribute that is handed to `Event.trigger` as the model, never
registered with `add_model` (which costs O(states) time and memory per
conversation). `auto_transitions=False`, because the automatic
`to_<state>` triggers would add a transition from every state to every
state (quadratic: 44 s and 2.1 GB at 2,000 states) and hide missing edges.

Triggers are namespaced so that no intent or event name can collide with
another kind of move: `on:NAME` (the state's own routes, intents and action
outcomes alike), `global:NAME` (the flow's global routes, from waiting
states only), `next`, and `fallback` (to the fallback policy's `then`).
Routes with `if:` become transition conditions evaluated on the
conversation's slots; routes for one trigger are tried in the order written.

Messages show money and dates the way the flow's `locale` writes them
(`alur.flows.nlu.formats`); slots keep their values as they are.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Callable, Mapping

from transitions import Machine
from transitions.core import Event
from transitions.core import State as MachineState

from alur.flows.conditions import ConditionError, compile_condition
from alur.flows.diagnostics import Diagnostic, FlowError, Severity
from alur.flows.loader import Span
from alur.flows.model import Fallback, Flow, Route, State
from alur.flows.nlu import IntentMatcher, Lexicon, SlotSpec, compile_slot_pattern
from alur.flows.nlu.formats import Formatter, value_formatter
from alur.flows.values import format_value

ON = "on:"
GLOBAL = "global:"
NEXT = "next"
FALLBACK = "fallback"

_PLACEHOLDER = re.compile(r"\{([^{}\s]+)\}")
_CACHE_SIZE = 16


@dataclass(frozen=True, slots=True)
class Template:
    """A `say` text split at its `{slot}` placeholders: literals at even
    indexes, slot names at odd ones. A placeholder whose slot is not set is
    left as written, so a designer sees the gap instead of an empty space."""

    parts: tuple[str, ...]

    @classmethod
    def compile(cls, text: str) -> Template:
        return cls(tuple(_PLACEHOLDER.split(text)))

    def render(self, slots: Mapping[str, object], display: Mapping[str, Formatter] | None = None) -> str:
        """The text with slot values in; `display` maps a slot to how its
        value is shown (`CompiledFlow.display`), else `format_value`."""
        parts = self.parts
        if len(parts) == 1:
            return parts[0]
        out = [parts[0]]
        for i in range(1, len(parts), 2):
            name = parts[i]
            value = slots.get(name)
            if value is None:
                out.append("{" + name + "}")
            else:
                shown = display[name](value) if display and name in display else None
                out.append(format_value(value) if shown is None else shown)
            out.append(parts[i + 1])
        return "".join(out)


@dataclass(frozen=True, slots=True)
class Plan:
    """What the engine needs to know about one state, worked out once."""

    state: State
    waits: bool
    own: frozenset[str]  # triggers of the state's own routes (intents and action outcomes)
    candidates: tuple[str, ...]  # the flow intents that can route from here, for the matcher
    say: tuple[Template, ...]
    fallback: Fallback
    fallback_say: tuple[Template, ...]
    titles: tuple[str, ...]
    button_intents: tuple[str | None, ...]  # explicit intent, or an intent named like the title
    slot: SlotSpec | None
    outcomes: tuple[str, ...]  # action outcomes the state routes on, in order


class CompiledFlow:
    """A flow ready to run: the Machine, per-state plans and the intent matcher.

    `display` maps each slot whose values messages show in the flow's
    language (money, dates) to its formatter."""

    def __init__(self, flow: Flow):
        _require_runnable(flow)
        self.flow = flow
        self.handoff_intents: tuple[str, ...] = tuple(flow.handoff_intents())
        self.display: dict[str, Formatter] = {}
        for name, slot in flow.slots.items():
            formatter = value_formatter(slot.type, flow.locale)
            if formatter is not None:
                self.display[name] = formatter
        self._matchers: dict[Lexicon, IntentMatcher] = {}
        conditions = _Conditions(flow)
        self.machine = self._build_machine(flow, conditions)
        events: dict[str, Event] = self.machine.events
        self.own_events = {name[len(ON) :]: event for name, event in events.items() if name.startswith(ON)}
        self.global_events = {name[len(GLOBAL) :]: event for name, event in events.items() if name.startswith(GLOBAL)}
        self.next_event = events.get(NEXT)
        self.fallback_event = events.get(FALLBACK)
        self.plans = {name: self._plan(state) for name, state in flow.states.items()}

    @staticmethod
    def _build_machine(flow: Flow, conditions: _Conditions) -> Machine:
        machine = Machine(
            model=None,
            states=list(flow.states),
            initial=flow.start,
            auto_transitions=False,
            send_event=True,
            name=f"{flow.id}: ",
        )
        # typed as add_transition takes it (its `list` is invariant)
        waiting: list[str | Enum | MachineState] = [name for name, state in flow.states.items() if state.waits]
        for name, state in flow.states.items():
            for route in state.routes:
                machine.add_transition(ON + route.trigger, name, route.target, conditions=conditions.of(route))
            if state.next is not None:
                machine.add_transition(NEXT, name, state.next)
            policy = flow.fallback_for(state)
            if state.waits and policy.then is not None:
                machine.add_transition(FALLBACK, name, policy.then)
        if waiting:
            for route in flow.global_routes:
                machine.add_transition(GLOBAL + route.trigger, waiting, route.target, conditions=conditions.of(route))
        return machine

    def _plan(self, state: State) -> Plan:
        flow = self.flow
        own = frozenset(route.trigger for route in state.routes)
        waits = state.waits
        button_intents = tuple(self._button_intent(b.intent, b.title) for b in state.buttons)
        routable = [r.trigger for r in state.routes if not r.is_event]
        routable += [name for name in button_intents if name]
        if waits:
            routable += [r.trigger for r in flow.global_routes]
            routable += self.handoff_intents
        candidates = tuple(dict.fromkeys(name for name in routable if name in flow.intents))
        policy = flow.fallback_for(state)
        slot = flow.slots.get(state.collect) if state.collect is not None else None
        return Plan(
            state=state,
            waits=waits,
            own=own,
            candidates=candidates,
            say=tuple(Template.compile(text) for text in state.say),
            fallback=policy,
            fallback_say=tuple(Template.compile(text) for text in policy.say),
            titles=tuple(b.title for b in state.buttons),
            button_intents=button_intents,
            slot=SlotSpec.of(slot) if slot else None,
            outcomes=tuple(dict.fromkeys(r.trigger for r in state.routes if r.is_event)) if state.action else (),
        )

    def _button_intent(self, intent: str | None, title: str) -> str | None:
        """A button's intent: its own, else the intent its title names
        (`buttons: [yes, no]` beside `on: {yes: …, no: …}`)."""
        if intent is not None:
            return intent
        folded = title.strip().casefold()
        for name in self.flow.intents:
            if name.casefold() == folded:
                return name
        return None

    @cached_property
    def matcher(self) -> IntentMatcher:
        """The built-in intent matcher over the flow's intents (built on first use:
        replays with recorded intents may never need it)."""
        return self.matcher_for(Lexicon.builtin())

    def matcher_for(self, lexicon: Lexicon) -> IntentMatcher:
        """The intent matcher reading turns and examples with `lexicon`, built
        once per lexicon (a run uses one)."""
        matcher = self._matchers.get(lexicon)
        if matcher is None:
            intents = {name: (i.examples, i.patterns) for name, i in self.flow.intents.items()}
            own = lexicon.extended(without_concepts=self.flow.without_concepts)  # the flow's concepts switched off
            matcher = self._matchers[lexicon] = IntentMatcher(intents, lexicon=own)
        return matcher


class _Conditions:
    """Compiles each route's `if:` once, into a transitions condition that
    reads the slots of the conversation being moved."""

    def __init__(self, flow: Flow):
        self.flow = flow

    def of(self, route: Route) -> list[str | Callable[..., bool | None]] | None:
        if route.condition is None:
            return None
        try:
            condition = compile_condition(route.condition)
        except ConditionError as error:
            raise FlowError(
                [_error(self.flow, route.condition_span, "condition", f"in `if: {route.condition}`: {error}")]
            ) from None
        evaluate = condition.evaluate
        return [lambda event: evaluate(event.model.slots)]


def _error(flow: Flow, span: Span | None, code: str, message: str) -> Diagnostic:
    return Diagnostic(
        flow.path, span.line if span else None, span.column if span else None, Severity.ERROR, code, message
    )


def _require_runnable(flow: Flow) -> None:
    """Refuse a flow whose references the engine cannot follow. `alur` commands
    load flows with `load_runnable_flow`, which reports these (and more) first;
    this guards callers of the library who did not."""
    problems: list[Diagnostic] = []
    states = flow.states
    if flow.start not in states:
        problems.append(
            _error(
                flow, flow.start_span, "undefined-state", f"`start` names state {flow.start!r}, which is not defined"
            )
        )
    for policy, where in [(flow.fallback, "the flow's fallback")] + [
        (s.fallback, f"the fallback of state {s.name!r}") for s in states.values() if s.fallback is not None
    ]:
        if policy.then is not None and policy.then not in states:
            problems.append(
                _error(
                    flow,
                    policy.then_span,
                    "undefined-state",
                    f"{where} goes to state {policy.then!r}, which is not defined",
                )
            )
    for route in flow.global_routes:
        if route.target not in states:
            problems.append(
                _error(
                    flow,
                    route.span,
                    "undefined-state",
                    f"global route {route.trigger!r} goes to state {route.target!r}, which is not defined",
                )
            )
    for state in states.values():
        for route in state.routes:
            if route.target not in states:
                problems.append(
                    _error(
                        flow,
                        route.span,
                        "undefined-state",
                        f"state {state.name!r} routes {route.trigger!r} to state {route.target!r}, which is not defined",
                    )
                )
        if state.next is not None and state.next not in states:
            problems.append(
                _error(
                    flow,
                    state.next_span,
                    "undefined-state",
                    f"state {state.name!r} has `next: {state.next}`, which is not defined",
                )
            )
        if state.collect is not None and state.collect not in flow.slots:
            problems.append(
                _error(
                    flow,
                    state.collect_span,
                    "undefined-slot",
                    f"state {state.name!r} collects slot {state.collect!r}, which is not declared under `slots`",
                )
            )
    for slot in flow.slots.values():
        if slot.type == "regex" and not slot.pattern:
            problems.append(
                _error(
                    flow,
                    slot.span,
                    "bad-regex",
                    f"slot {slot.name!r} has type regex but no `pattern`, so nothing can fill it",
                )
            )
    patterns: list[tuple[Span | None, str, str, Callable[[str], object]]] = [
        (slot.span, f"slot {slot.name!r}", slot.pattern, compile_slot_pattern)
        for slot in flow.slots.values()
        if slot.pattern
    ]
    patterns += [
        (intent.span, f"intent {intent.name!r}", p, lambda p: re.compile(p, re.IGNORECASE))
        for intent in flow.intents.values()
        for p in intent.patterns
    ]
    for span, owner, pattern, compile_ in patterns:
        try:
            compile_(pattern)
        except re.error as error:
            problems.append(
                _error(
                    flow, span, "bad-regex", f"{owner}: pattern {pattern!r} is not a valid regular expression: {error}"
                )
            )
    if problems:
        raise FlowError(problems)


_cache: OrderedDict[int, tuple[Flow, CompiledFlow]] = OrderedDict()
_cache_lock = threading.Lock()


def compile_flow(flow: Flow) -> CompiledFlow:
    """The compiled form of `flow`, built once per flow object per process.

    Keyed by identity (a Flow holds mappings, so it is not hashable) and
    holding the flow itself so that its id cannot be reused while cached;
    the last few flows are kept, so a designer editing a flow does not
    accumulate machines.
    """
    key = id(flow)
    with _cache_lock:
        entry = _cache.get(key)
        if entry is not None and entry[0] is flow:
            _cache.move_to_end(key)
            return entry[1]
    compiled = CompiledFlow(flow)
    with _cache_lock:
        _cache[key] = (flow, compiled)
        _cache.move_to_end(key)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return compiled
