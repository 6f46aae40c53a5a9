"""`alur explore`: difficult customers played at every state that waits,
before any real customer talks to the flow.

Two phases:

1. **Reach.** A shortest-path search from `start` over the states that wait
   for the customer. Each edge is what a customer would type there and the
   engine really routes: an intent example, a button number, a plausible
   value for the slot being collected (`alur.runner.explore.values`), a global route,
   or failed turns up to the fallback's `then`. Actions on the way take
   each outcome the flow routes on, one branch per combination (the engine's
   `ask_outcome` hook), and the outcomes chosen are recorded, so that the
   conversation replays identically from its `actions` map. Costs are
   customer turns; a priority queue keeps the search exact when one edge
   is several turns (the fallback), and ties go to the order the flow is
   written in, so results are the same on every run.
2. **Play.** At each reached state (nearest first, up to `max_states`),
   every persona (`alur.runner.explore.personas`) plays from a snapshot of the
   reached conversation, up to `max_turns` turns (and as many again, not
   judged, so that "no escalation followed" means none follows if the
   customer keeps going either). Each run, reach turns included, is judged
   by the replay detectors (`alur.runner.detectors`), the same ones
   `alur replay` runs. The first finding of each kind in the persona's turns
   is a **trap**. One trap is one (kind, state, message apart from the
   customer's words): of all the personas that fall into it, the report
   shows the shortest conversation and names the others. A dead end met on
   the way by a customer who does just what the flow asks is a trap too
   (persona `follows-the-flow`).

Each trap's conversation is cut after the turn of its finding and replayed
once more through `Replayer`, from `start`, with its recorded outcomes:
the report then shows exactly what `alur replay` would on the saved test,
masked like every replay report.
"""

from __future__ import annotations

import functools
import heapq
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from alur.flows.conditions import compile_condition
from alur.flows.engine import Conversation as EngineConversation
from alur.flows.engine import Engine, EngineError, Snapshot, Step
from alur.flows.model import Flow, Intent, Slot, State
from alur.flows.outcomes import InOrder
from alur.runner.detectors.base import snippet
from alur.runner.explore.personas import Persona
from alur.runner.explore.values import plausible_values, regex_sample, wrong_values
from alur.runner.findings import ConversationResult, Finding, Report
from alur.runner.privacy import mask_text
from alur.runner.replay import ReplayConfig, ReplayedTurn, Replayer, Trace, facts_for
from alur.runner.reports.markdown import escape
from alur.runner.reports.sections import Section, sections_dict
from alur.runner.transcripts import Conversation, Turn

FOLLOWS_THE_FLOW = Persona(
    id="follows-the-flow",
    description="answers as the flow asks: intent examples, button numbers, plausible slot values",
    kind="say",
)
"""Not a difficult customer: the search itself. Traps it finds (a dead end on
the way) need no misbehaviour at all."""
GIBBERISH = "xqzvbk"  # a failed turn on the way to a fallback's `then`: no intent, no slot value
_EXAMPLES_PER_INTENT = 3
_WHOLE = 1_000_000  # excerpt turns: every turn
_VARIANTS = 4  # arrivals at one state with other values of the slots conditions read


@dataclass(frozen=True)
class ExploreLimits:
    """What bounds the search. `max_turns`: customer turns a persona plays
    per run; `max_depth`: customer turns allowed to reach a state;
    `max_states`: states the personas play at, nearest first (None: all
    reached); `max_branches`: action-outcome combinations tried per
    reaching turn."""

    max_turns: int = 6
    max_depth: int = 200
    max_states: int | None = None
    max_branches: int = 16


# --------------------------------------------------------------------------- results


@dataclass(slots=True)
class Trap(ConversationResult):
    """A trap: the persona, the state it started playing in, the shortest
    conversation that shows the finding (customer turns and the action
    outcomes it needs), and what the designer should want instead (the
    `expect` of a saved test). An engine error is a Trap with `error` set
    and no findings."""

    state: str = ""
    persona: str = ""
    turns: tuple[str, ...] = ()
    actions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    expect: Mapping[str, object] = field(default_factory=dict)
    shown_turns: tuple[str, ...] = ()  # the customer turns masked, for reports
    found_by: tuple[str, ...] = ()  # every persona that fell into this trap, `persona` first
    saved: str | None = None  # where `--save` wrote it

    def to_dict(self) -> dict[str, object]:
        out = ConversationResult.to_dict(self)
        out["state"] = self.state
        out["persona"] = self.persona
        out["found_by"] = list(self.found_by)
        out["turns"] = list(self.shown_turns)
        out["expect"] = dict(self.expect)
        if self.saved is not None:
            out["saved"] = self.saved
        return out


@dataclass(slots=True)
class ExploreCoverage:
    """How much of the flow the search covered."""

    waiting_states: int = 0
    reached: list[str] = field(default_factory=list)  # waiting states reached, nearest first
    explored: list[str] = field(default_factory=list)  # where the personas played
    persona_runs: int = 0
    personas: int = 0
    customer_turns: int = 0  # turns played by personas
    notes: list[str] = field(default_factory=list)  # values that could not be made, limits hit

    def unreached(self, flow: Flow) -> list[str]:
        seen = set(self.reached)
        return [name for name, state in flow.states.items() if state.waits and name not in seen]

    def to_dict(self, flow: Flow) -> dict[str, object]:
        return {
            "waiting_states": self.waiting_states,
            "states_reached": len(self.reached),
            "states_explored": len(self.explored),
            "unreached": self.unreached(flow),
            "personas": self.personas,
            "persona_runs": self.persona_runs,
            "customer_turns": self.customer_turns,
            "notes": [mask_text(note) for note in self.notes],
        }

    def summary(self) -> str:
        """`3 of 3 waiting states explored, 84 persona runs by 14 personas`."""
        return (
            f"{len(self.explored)} of {self.waiting_states} waiting states explored, "
            f"{self.persona_runs} persona runs by {self.personas} personas"
        )

    def section(self, flow: Flow) -> Section:
        """The coverage as a report section: the JSON `coverage`, the text
        and Markdown lines after the summary, the JUnit property."""
        unreached = self.unreached(flow)
        notes = [mask_text(note) for note in self.notes]
        text = [f"coverage: {self.summary()}"]
        if unreached:
            text.append(f"  not reached by any customer turn within the limits: {', '.join(unreached)}")
        text += [f"  note: {note}" for note in notes]
        markdown = ["### Coverage", "", self.summary() + "."]
        if unreached or notes:
            markdown.append("")
        if unreached:
            markdown.append(
                "- not reached by any customer turn within the limits: " + ", ".join(f"`{name}`" for name in unreached)
            )
        markdown += [f"- note: {escape(note)}" for note in notes]
        return Section("coverage", self.to_dict(flow), self.summary(), tuple(text), tuple(markdown))


@dataclass(slots=True)
class ExploreReport(Report):
    """A replay-shaped report whose results are the traps, plus coverage."""

    flow_model: Flow | None = None
    coverage: ExploreCoverage = field(default_factory=ExploreCoverage)

    def sections(self) -> list[Section]:
        return [self.coverage.section(self.flow_model)] if self.flow_model is not None else []

    def passed_checks(self) -> list[str]:
        """The states the personas played at and found no trap in: a flow
        with no trap still shows CI what was tried, one passing test each."""
        trapped = {result.state for result in self.results if isinstance(result, Trap)}
        return [f"state {name}" for name in self.coverage.explored if name not in trapped]

    def to_dict(self) -> dict[str, object]:
        return {**Report.to_dict(self), **sections_dict(self.sections())}


# --------------------------------------------------------------------------- the search


@dataclass(slots=True)
class _Node:
    """A waiting state reached: the conversation there, and the way there
    (only the last edge's turns; the rest through `parent`)."""

    state: str
    snapshot: Snapshot
    opening: Step
    depth: int  # customer turns so far
    edge: tuple[ReplayedTurn, ...]
    outcomes: tuple[tuple[int, str, str], ...]  # (turn index, action, outcome) taken on the edge (or the opening: -1)
    parent: _Node | None = None

    def path(self) -> tuple[list[ReplayedTurn], list[tuple[int, str, str]]]:
        turns: list[ReplayedTurn] = []
        outcomes: list[tuple[int, str, str]] = []
        node: _Node | None = self
        chain = []
        while node is not None:
            chain.append(node)
            node = node.parent
        for item in reversed(chain):
            turns.extend(item.edge)
            outcomes.extend(item.outcomes)
        return turns, outcomes


class _Outcomes:
    """The engine's `ask_outcome` hook: the i-th action asked takes the
    outcome `forced[i]` (an index into the outcomes its state routes on);
    after the forced ones, each takes its state's outcomes in turn when the
    same action runs again within one customer turn (a poll that says
    `pending` once then `paid`), else the first. Every answer is recorded."""

    __slots__ = ("forced", "options", "taken", "turn", "_runs")

    def __init__(self, forced: tuple[int, ...] = ()):
        self.forced = forced
        self.options: list[tuple[int, int]] = []  # (outcomes routed, the one taken by default)
        self.taken: list[tuple[int, str, str]] = []
        self.turn = -1
        self._runs: dict[tuple[int, str], int] = {}

    def __call__(self, action: str, state: str, routed: tuple[str, ...]) -> str:
        if not routed:  # the state routes no outcome and moves on by `next`: any name will do
            self.taken.append((self.turn, action, "done"))
            return "done"
        key = (self.turn, action)
        runs = self._runs[key] = self._runs.get(key, 0) + 1
        default = (runs - 1) % len(routed)
        position = len(self.options)
        self.options.append((len(routed), default))
        choice = self.forced[position] if position < len(self.forced) else default
        outcome = routed[choice]
        self.taken.append((self.turn, action, outcome))
        return outcome


def _branches(limit: int, run: Callable[[_Outcomes], Any]) -> Iterator[tuple[Any, _Outcomes]]:
    """Every combination of routed outcomes for the actions `run` meets, depth
    first in the order the flow writes them, at most `limit`."""
    pending: list[tuple[int, ...]] = [()]
    done = 0
    while pending and done < limit:
        forced = pending.pop()
        asker = _Outcomes(forced)
        result = run(asker)
        done += 1
        yield result, asker
        more: list[tuple[int, ...]] = []
        for position in range(len(forced), len(asker.options)):
            base = forced + tuple(default for _, default in asker.options[len(forced) : position])
            count, default = asker.options[position]
            more.extend(base + (other,) for other in range(count) if other != default)
        pending.extend(reversed(more))


@dataclass(slots=True)
class _Candidate:
    """The best run so far for one trap."""

    finding: Finding
    node: _Node
    persona: Persona
    turns: list[ReplayedTurn]
    outcomes: list[tuple[int, str, str]]
    found_by: list[str]  # every persona that fell into it, the shown one first


class Explorer:
    """Explores one flow with one engine, set of personas and limits."""

    def __init__(
        self,
        engine: Engine,
        personas: Iterable[Persona],
        limits: ExploreLimits = ExploreLimits(),
        config: ReplayConfig | None = None,
    ):
        self.engine = engine
        self.flow = engine.flow
        self.personas = list(personas)
        self.limits = limits
        # the whole conversation is the excerpt: a trap is shown from the bot's first message
        self.config = replace(config or ReplayConfig(), drift=False, coverage=False, excerpt_turns=_WHOLE)
        self.replayer = Replayer(engine, self.config)
        self.detectors = self.replayer.detectors
        self.facts = facts_for(self.flow)
        self._texts = _flow_texts(self.flow)
        self._values: dict[str, tuple[str, ...]] = {}
        self._wrong: dict[tuple[str, str], tuple[str, ...]] = {}
        self._condition_slots = _condition_slots(self.flow)
        self._best: dict[tuple[str, str | None, str], _Candidate] = {}
        self._errors: dict[str, ConversationResult] = {}
        self.coverage = ExploreCoverage(
            waiting_states=sum(state.waits for state in self.flow.states.values()),
            personas=len(self.personas),
        )

    # -- the whole run ---------------------------------------------------------

    def run(self) -> ExploreReport:
        report = ExploreReport(self.flow.id, flow_model=self.flow, coverage=self.coverage)
        nodes = self.reach()
        if self.limits.max_states is not None and len(nodes) > self.limits.max_states:
            self.coverage.notes.append(
                f"personas played at the {self.limits.max_states} nearest of {len(nodes)} reached states (--max-states)"
            )
            nodes = nodes[: self.limits.max_states]
        for node in nodes:
            self.coverage.explored.append(node.state)
            prefix, outcomes = node.path()
            for persona in self.personas:
                for reply in self._players(persona, node.state):
                    self._play(node, prefix, outcomes, persona, reply)
        report.results.extend(self._trap(candidate) for candidate in sorted(self._best.values(), key=_order))
        report.results.extend(self._errors.values())
        return report

    # -- reaching states ---------------------------------------------------------

    def reach(self) -> list[_Node]:
        """Every waiting state reachable within `max_depth` customer turns, by
        its shortest conversation, nearest first.

        A state is reached again (up to `_VARIANTS` times) when the slots that
        `if:` conditions read hold other values, so that a condition on the
        age or the amount cannot hide the states behind it; the personas play
        at the first, shortest arrival."""
        queue: list[tuple[int, int, _Node]] = []
        order = itertools.count()
        for (opening, conversation), asker in _branches(self.limits.max_branches, self._opening):
            if isinstance(opening, EngineError):
                self._error(f"while the bot opened the conversation: {opening}", [], asker.taken)
                continue
            if opening.waiting:
                outcomes = tuple(asker.taken)
                heapq.heappush(
                    queue, (0, next(order), _Node(opening.state, conversation.snapshot(), opening, 0, (), outcomes))
                )
        first: dict[str, _Node] = {}
        settled: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
        variants: dict[str, int] = {}
        too_deep = False
        while queue:
            _, _, node = heapq.heappop(queue)
            key = (node.state, self._deciding(node.snapshot))
            if key in settled or variants.get(node.state, 0) >= _VARIANTS:
                continue
            settled.add(key)
            variants[node.state] = variants.get(node.state, 0) + 1
            first.setdefault(node.state, node)
            for child in self._edges(node):
                if child.depth > self.limits.max_depth:
                    too_deep = True
                elif variants.get(child.state, 0) < _VARIANTS:
                    heapq.heappush(queue, (child.depth, next(order), child))
        self.coverage.reached = list(first)
        if too_deep and len(first) < self.coverage.waiting_states:
            self.coverage.notes.append(
                f"states more than {self.limits.max_depth} customer turns from the start were not reached (--max-depth)"
            )
        return list(first.values())

    def _deciding(self, snapshot: Snapshot) -> tuple[tuple[str, str], ...]:
        """The values of the slots that conditions read: what makes two
        arrivals at one state lead on differently."""
        wanted = self._condition_slots
        return tuple(
            sorted(
                (name, repr(value)) for name, value in snapshot.slots.items() if name in wanted and value is not None
            )
        )

    def _opening(self, asker: _Outcomes) -> tuple[Step | EngineError, EngineConversation | None]:
        try:
            conversation, step = self.engine.start(ask_outcome=asker)
        except EngineError as error:
            return error, None
        return step, conversation

    def _edges(self, node: _Node) -> Iterator[_Node]:
        state = self.flow.states[node.state]
        for texts in self._utterances(state):
            for (turns, error, snapshot), asker in _branches(
                self.limits.max_branches, functools.partial(self._walk, node, texts)
            ):
                if error is not None:
                    prefix, outcomes = node.path()
                    self._error(error, prefix + turns, outcomes + asker.taken)
                    continue
                last = turns[-1].step
                if last.waiting:
                    yield _Node(
                        last.state,
                        snapshot,
                        node.opening,
                        node.depth + len(turns),
                        tuple(turns),
                        tuple(asker.taken),
                        node,
                    )
                elif not last.terminal:  # stopped where it cannot go on: the customer did nothing wrong
                    prefix, outcomes = node.path()
                    self._judge(
                        node, FOLLOWS_THE_FLOW, prefix + turns, outcomes + asker.taken, node.depth + len(turns) - 1
                    )

    def _walk(
        self, node: _Node, texts: tuple[str, ...], asker: _Outcomes
    ) -> tuple[list[ReplayedTurn], str | None, Snapshot | None]:
        """Send `texts` from `node`, stopping early once the conversation left its state."""
        conversation = _resume(node.snapshot, asker)
        turns: list[ReplayedTurn] = []
        for offset, text in enumerate(texts):
            index = node.depth + offset
            asker.turn = index
            origin = conversation.state
            try:
                step = self.engine.turn(conversation, text)
            except EngineError as error:
                turns.append(ReplayedTurn(index, text, origin, _stopped(origin)))
                return turns, f"at turn {index}: {error}", None
            turns.append(ReplayedTurn(index, text, origin, step))
            if step.state != node.state or step.terminal:
                break
        return turns, None, conversation.snapshot()

    def _utterances(self, state: State) -> list[tuple[str, ...]]:
        """What a customer may type in `state` that the flow routes somewhere,
        most direct first: its intents, its buttons, the slot, global routes,
        then failures up to the fallback's `then`."""
        out: list[tuple[str, ...]] = []
        intents = self.flow.intents
        for route in state.routes:
            if not route.is_event and route.trigger in intents:
                out.extend((text,) for text in _intent_texts(intents[route.trigger]))
        out.extend((str(number),) for number in range(1, len(state.buttons) + 1))
        if state.collect is not None:
            out.extend((text,) for text in self._slot_values(self.flow.slots[state.collect]))
        for route in self.flow.global_routes:
            if route.trigger in intents and not intents[route.trigger].handoff:
                out.extend((text,) for text in _intent_texts(intents[route.trigger])[:1])
        policy = self.flow.fallback_for(state)
        if policy.then is not None:
            out.append((GIBBERISH,) * (policy.max_retries + 2))  # +1: a first turn at `start` only opens the chat
        return list(dict.fromkeys(out))

    def _slot_values(self, slot: Slot) -> tuple[str, ...]:
        values = self._values.get(slot.name)
        if values is None:
            found = plausible_values(slot, self._texts)
            if found.note:
                self.coverage.notes.append(found.note)
            values = self._values[slot.name] = found.texts
        return values

    # -- playing personas ----------------------------------------------------------

    def _players(self, persona: Persona, state_name: str) -> list[Callable[[int, Step | None], str | None]]:
        """One reply policy per run of `persona` in `state_name`: (turn number
        within the run, the last Step) -> the customer's next text, or None
        when the persona has nothing more to say."""
        state = self.flow.states[state_name]
        if persona.kind == "say":
            lines, repeat = persona.lines, persona.repeat
            return [lambda i, last: lines[i % len(lines)] if repeat or i < len(lines) else None]
        if persona.kind == "buttons":
            return [self._tapper(persona, state, index) for index in range(len(state.buttons))]
        if state.collect is None or not self._wrong_for(persona, state):
            return []
        given = [0]

        def wrong(i: int, last: Step | None) -> str | None:
            current = self.flow.states[last.state] if last is not None else state
            values = self._wrong_for(persona, current) if current.waits else ()
            if not values:
                return None
            given[0] += 1
            return values[(given[0] - 1) % len(values)]

        return [wrong]

    def _tapper(self, persona: Persona, state: State, index: int) -> Callable[[int, Step | None], str | None]:
        title = state.buttons[index].title
        text = str(index + 1) if persona.buttons == "number" else _other_case(title)

        def tap(i: int, last: Step | None) -> str | None:
            if last is None or (last.state == state.name and _not_understood(last)):
                return text  # the first tap, or again: the bot did not understand it
            return None

        return tap

    def _wrong_for(self, persona: Persona, state: State) -> tuple[str, ...]:
        if state.collect is None:
            return ()
        slot = self.flow.slots[state.collect]
        key = (persona.id, slot.name)
        values = self._wrong.get(key)
        if values is None:
            values = self._wrong[key] = wrong_values(slot, persona.wrong_values.get(slot.type, ()), persona.near_miss)
        return values

    def _play(
        self,
        node: _Node,
        prefix: list[ReplayedTurn],
        outcomes: list[tuple[int, str, str]],
        persona: Persona,
        reply: Callable[[int, Step | None], str | None],
    ) -> None:
        asker = _Outcomes()
        conversation = _resume(node.snapshot, asker)
        turns: list[ReplayedTurn] = []
        last: Step | None = None
        error: str | None = None
        # the persona goes on for as many turns again, unjudged: a run cut at the
        # limit is not a customer who gave up, so a "no escalation followed"
        # needs none to follow in the next turns either
        for i in range(2 * self.limits.max_turns):
            text = reply(i, last)
            if text is None:
                break
            index = node.depth + i
            asker.turn = index
            origin = conversation.state
            try:
                last = self.engine.turn(conversation, text)
            except EngineError as problem:
                error = f"at turn {index}: {problem}"
                turns.append(ReplayedTurn(index, text, origin, _stopped(origin)))
                break
            turns.append(ReplayedTurn(index, text, origin, last))
            if last.terminal:
                break
        if not turns:
            return
        self.coverage.persona_runs += 1
        self.coverage.customer_turns += len(turns)
        every = prefix + turns
        taken = outcomes + asker.taken
        if error is not None:
            self._error(error, every, taken, persona)
            return
        self._judge(node, persona, every, taken, node.depth, node.depth + self.limits.max_turns)

    def _judge(
        self,
        node: _Node,
        persona: Persona,
        turns: list[ReplayedTurn],
        outcomes: list[tuple[int, str, str]],
        first: int,
        until: int | None = None,
    ) -> None:
        """Run the replay detectors over a conversation; a finding in turns
        `first` (where `persona` began) to `until` (excluded) is a trap, kept
        if its conversation is the shortest seen for that trap."""
        trace = Trace(_transcript(self.flow.id, "", turns, {}), self.engine, self.facts, node.opening, turns)
        texts = [turn.text for turn in turns[first:]]
        for detector in self.detectors:
            # the first finding of each kind: later ones are the same trap going on
            finding = next((f for f in detector.check(trace) if f.turn >= first), None)
            if finding is None or (until is not None and finding.turn >= until):
                continue
            key = (finding.kind, finding.state, _shape(finding.message, texts))
            known = self._best.get(key)
            if known is None or finding.turn < known.finding.turn:
                found_by = [persona.id] + ([p for p in known.found_by if p != persona.id] if known else [])
                self._best[key] = _Candidate(finding, node, persona, turns, outcomes, found_by)
            elif persona.id not in known.found_by:
                known.found_by.append(persona.id)

    # -- reporting -----------------------------------------------------------------

    def _trap(self, candidate: _Candidate) -> ConversationResult:
        """The trap's shortest conversation, replayed from `start` like a saved test."""
        finding = candidate.finding
        cut = finding.turn + 1
        kind = finding.kind
        ident = f"{finding.state}/{candidate.persona.id}/{kind}"
        turns = candidate.turns[:cut]
        actions = _actions(o for o in candidate.outcomes if o[0] < cut)
        result, replayed = self.replayer.trace(_transcript(self.flow.id, ident, turns, actions))
        shown = [f for f in result.findings if f.kind == kind and f.state == finding.state and f.turn == finding.turn]
        if not shown:  # a detector judged the cut conversation differently: keep the whole run
            turns = candidate.turns
            actions = _actions(candidate.outcomes)
            result, replayed = self.replayer.trace(_transcript(self.flow.id, ident, turns, actions))
            shown = [f for f in result.findings if f.kind == kind and f.state == finding.state] or [finding]
        secrets = replayed.sensitive_values()
        return Trap(
            id=ident,
            findings=shown[:1],
            source=_state_source(self.flow, candidate.node.state),
            state=candidate.node.state,
            persona=candidate.persona.id,
            turns=tuple(turn.text for turn in turns),
            actions=actions,
            expect=wanted(kind, candidate.persona),
            shown_turns=_masked_turns(replayed, secrets),
            found_by=tuple(candidate.found_by),
        )

    def _error(
        self,
        message: str,
        turns: list[ReplayedTurn],
        outcomes: list[tuple[int, str, str]],
        persona: Persona = FOLLOWS_THE_FLOW,
    ) -> None:
        """An engine error (a cycle of states that never wait, a failing NLU
        plug-in): reported once per message (whatever turn it came at), with
        the first conversation that led there."""
        errors = self._errors
        key = message.split(": ", 1)[-1]
        if key in errors:
            return
        state = turns[-1].origin if turns else self.flow.start
        errors[key] = Trap(
            id=f"{state}/{persona.id}/error",
            source=_state_source(self.flow, state),
            error=mask_text(message),
            state=state,
            persona=persona.id,
            found_by=(persona.id,),
            turns=tuple(turn.text for turn in turns),
            actions=_actions(outcomes),
            shown_turns=tuple(mask_text(turn.text) for turn in turns),
        )


def wanted(kind: str, persona: Persona) -> dict[str, object]:
    """What a saved test expects at the trap's turn: the behaviour the designer
    should want. A customer who needed a person gets one; a loop ends as the
    persona wants (`escalated`, or `ended` for a customer who cancels). A
    dead end has no single right answer (route on, end, or hand over): its
    test relies on replay's dead-end detector, which fails it until fixed."""
    if kind == "missing_escalation":
        return {"escalated": True}
    if kind == "dead_end":
        return {}
    return {persona.wants: True}


def explore(
    engine: Engine,
    personas: Iterable[Persona],
    limits: ExploreLimits = ExploreLimits(),
    config: ReplayConfig | None = None,
) -> ExploreReport:
    """Play `personas` at every waiting state of the engine's flow; the traps found."""
    return Explorer(engine, personas, limits, config).run()


# --------------------------------------------------------------------------- helpers


def _resume(snapshot: Snapshot, asker: _Outcomes) -> EngineConversation:
    conversation = EngineConversation({}, {}, snapshot.opening, asker)
    conversation.restore(snapshot)
    return conversation


def _stopped(state: str) -> Step:
    """A Step for a turn the engine refused: nothing said, nothing moved."""
    return Step((), state, False, False, False, False, None, None, None, (), {}, 0, (), None)


def _transcript(
    flow: str, ident: str, turns: list[ReplayedTurn], actions: Mapping[str, tuple[str, ...]]
) -> Conversation:
    rows: list[Turn] = [{"role": "user", "text": turn.text} for turn in turns]
    return Conversation(
        ident, rows, f"explore:{ident}", flow, None, {name: InOrder(tuple(values)) for name, values in actions.items()}
    )


def _actions(outcomes: Iterable[tuple[int, str, str]]) -> dict[str, tuple[str, ...]]:
    """Outcomes in the order the conversation took them, per action: the
    `actions` map a transcript replays them from."""
    out: dict[str, list[str]] = {}
    for _, action, outcome in outcomes:
        out.setdefault(action, []).append(outcome)
    return {name: tuple(values) for name, values in out.items()}


def _masked_turns(replayed: Trace, secrets: tuple[str, ...]) -> tuple[str, ...]:
    """The customer's turns as reports show them: masked, each read as the
    answer to the bot message before it (a bare code after "kirim OTP")."""
    shown = []
    previous = replayed.opening.text if replayed.opening is not None else None
    for turn in replayed.turns:
        shown.append(mask_text(turn.text, reply_to=previous, secrets=secrets))
        previous = turn.step.text or previous
    return tuple(shown)


def _state_source(flow: Flow, state: str) -> str:
    span = flow.states[state].span if state in flow.states else None
    return f"{flow.path}:{span.line}" if span is not None else flow.path


def _order(candidate: _Candidate) -> tuple[int, int, str]:
    """Traps in the order a designer fixes them: nearest state first, then shortest."""
    return (candidate.node.depth, candidate.finding.turn, candidate.persona.id)


def _intent_texts(intent: Intent) -> tuple[str, ...]:
    texts = list(intent.examples[:_EXAMPLES_PER_INTENT])
    for pattern in intent.patterns:
        sample = regex_sample(pattern)
        if sample is not None:
            texts.append(sample.strip())
    return tuple(text for text in texts if text)


def _not_understood(step: Step) -> bool:
    """The bot did not understand the turn (at `start`, a first turn it does
    not understand only opens the chat, but the customer sees the same)."""
    return "no_match" in step.events or "opening" in step.events


def _other_case(title: str) -> str:
    """The title as a customer types it in another case: upper, or lower when it is upper already."""
    upper = title.upper()
    return upper if upper != title else title.lower()


def _shape(message: str, texts: list[str]) -> str:
    """A finding's message without the customer's words in it: two personas
    that fall into the same trap say different things, the trap is one."""
    for text in texts:
        message = message.replace(f"'{snippet(text)}'", "'…'")
    return message


def _condition_slots(flow: Flow) -> frozenset[str]:
    """The slots any `if:` reads."""
    names: set[str] = set()
    routes = [route for state in flow.states.values() for route in state.routes] + list(flow.global_routes)
    for route in routes:
        if route.condition is not None:
            names |= compile_condition(route.condition).names
    return frozenset(names)


def _flow_texts(flow: Flow) -> list[str]:
    """Every text of the flow where a designer may have written an example
    value: messages, re-prompts, buttons, intent examples."""
    texts: list[str] = []
    for state in flow.states.values():
        texts.extend(state.say)
        if state.fallback is not None:
            texts.extend(state.fallback.say)
        texts.extend(button.title for button in state.buttons)
    texts.extend(flow.fallback.say)
    for intent in flow.intents.values():
        texts.extend(intent.examples)
    return texts
