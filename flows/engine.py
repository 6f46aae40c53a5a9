"""Running a flow: a customer's turn goes in, the bot's answer comes out.

`Engine(flow)` compiles the flow once (`alur.flows.machine`: one
`transitions` Machine per flow per process) and runs any number of
conversations on it. A `Conversation` is the small object that holds one
conversation's data (state, slots, retry count, action outcomes, history);
it is the model the Machine moves, so starting or restoring one is setting
an attribute, not registering anything.

One user turn in a waiting state (contract §1, "Running a conversation"):

1. understand the text: a recorded intent when trusted, a button pick
   ("2", or the title), the plug-in classifier or the built-in matcher;
2. the state's own `on` routes for that intent;
3. a handoff request (an intent with `handoff: true`, or a built-in phrase
   such as "mau ngomong sama CS") follows the flow's handoff intents'
   routes, state `on` then `global`. This comes before `collect`: a
   customer asking for a human is never a slot value, even of a text slot;
4. the `collect` slot: when the text fills it, `next` is taken;
5. `global` routes;
6. fallback: count a retry and re-prompt (`fallback.say`, else the state's
   `say`); failure N+1 of `max_retries: N` goes to `then`. A first turn
   that matches nothing ("halo") opens the chat instead: no retry.

After a move the engine keeps going through states that do not wait (say
and `next`, actions routed on their outcome, `if:` conditions on slots)
until it reaches a waiting or terminal state, saying each state's `say` on
the way. Revisiting a state with no action in between is a cycle and an
error, as is a turn that moves more than `max_moves` times.

Everything is deterministic: `say` variants rotate per state in order,
offset by `seed`; the matcher is deterministic; relative dates resolve
against `today` when one is given.

Turns are read with a `Lexicon`: alur's built-in word lists, or those plus
a project's own slang, filler words and handoff phrases.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from types import MappingProxyType
from typing import TypeAlias

from alur.flows.machine import FALLBACK, CompiledFlow, Plan, Template, compile_flow
from alur.flows.model import Flow
from alur.flows.nlu import IntentMatcher, Lexicon, extract_slot, match_button
from alur.flows.nlu.text import UNDERSTOOD_CHARS
from alur.flows.outcomes import InOrder, Outcomes, always_hint, parse_outcomes
from alur.flows.plugins import Classifier, PluginError, read_result
from alur.flows.values import format_value

AskOutcome = Callable[[str, str, tuple[str, ...]], "str | None"]
"""Asked for an action's outcome when none is left: (action, state, the
outcomes the state routes on) → an outcome, or None to give up."""


class EngineError(Exception):
    """A conversation cannot go on (not a bug in alur: the flow or its inputs).
    The conversation is left as it was before the turn."""


class ActionOutcomeError(EngineError):
    """An action ran and no outcome was left for it.

    `turn` is the 0-based index of the user turn being handled (None while
    the bot opens the conversation). `given` is the outcomes given in order
    (empty for another shape); `rule` how the outcomes were given, if at all;
    `had` says in words why none is left, `always` how to never run out.
    """

    def __init__(self, action: str, state: str, turn: int | None, rule: Outcomes | None, routed: tuple[str, ...]):
        self.action, self.state, self.turn, self.rule, self.routed = action, state, turn, rule, routed
        self.given: tuple[str, ...] = rule.outcomes if isinstance(rule, InOrder) else ()
        self.had = "no outcome was given for it" if rule is None else rule.describe()
        self.always = always_hint(action, routed)
        when = "while opening the conversation" if turn is None else f"at user turn {turn}"
        options = f"; the flow routes on: {', '.join(routed)}" if routed else ""
        super().__init__(
            f"action {action!r} (state {state!r}) ran {when} and {self.had}; "
            f"add outcomes to the fixtures or the transcript's `actions` map ({self.always}){options}"
        )


class FlowCycleError(EngineError):
    """States that never wait for the customer lead round in a circle."""

    def __init__(self, states: tuple[str, ...], message: str):
        self.states = states
        super().__init__(message)


class ClassifierError(EngineError):
    """The plug-in classifier raised or answered in an unreadable shape."""


@dataclass(frozen=True, slots=True)
class BotMessage:
    """One message from the bot: its text (slot values interpolated, not
    masked: mask with `Engine.sensitive_values` when displaying), the state
    that said it, and its buttons."""

    text: str
    state: str
    buttons: tuple[str, ...] = ()
    list_button: str | None = None


@dataclass(frozen=True, slots=True)
class Step:
    """What one turn (or the opening) did.

    `state` is where the conversation now is; `waiting` whether the bot now
    waits for the customer there; `escalated`/`ended` whether that state is
    terminal that way. `intent`, `score` and `via` say how the turn was
    understood (`via`: recorded, button, nlu, plugin or handoff-phrase).
    `events`, in order: `opening`, `no_match`, `retry`, `fallback`,
    `handoff_request`, `slot:NAME`, `action:NAME=OUTCOME`, `escalated`,
    `ended`, `dead_end` (stopped in a state with no way on), `after_end`
    (a turn after the conversation ended). `path` lists the states entered,
    in order. `turn` is the 0-based user turn, None for the opening.
    """

    messages: tuple[BotMessage, ...]
    state: str
    waiting: bool
    terminal: bool
    escalated: bool
    ended: bool
    intent: str | None
    score: float | None
    via: str | None
    events: tuple[str, ...]
    slots: dict[str, object]
    retries: int
    path: tuple[str, ...]
    turn: int | None

    @property
    def text(self) -> str:
        """Everything the bot said, one message per line."""
        return "\n".join(message.text for message in self.messages)


UNDO_STEPS = 100
"""How many turns a front end keeps snapshots of, to step back (`alur chat`'s
`:back`, the designer's step back): each snapshot holds the conversation so
far, so keeping one for every turn grows with the square of the turns (16,000
turns held 1 GB)."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A conversation frozen at one moment, to go back to (`:back`, the designer's step back)."""

    state: str
    slots: Mapping[str, object]
    retries: int
    turns: int
    opening: bool
    shown: tuple[tuple[str, int], ...]
    used: tuple[tuple[str, int], ...]
    history: tuple[str, ...]


# What a turn that fails is rolled back to: state, slots, retries, turns,
# shown, used and the length of the history (Conversation._undo_point).
_UndoPoint: TypeAlias = tuple[str, dict[str, object], int, int, dict[str, int], dict[str, int], int]


class Conversation:
    """One conversation's data. The `transitions` Machine moves `state`."""

    __slots__ = ("state", "slots", "retries", "turns", "opening", "shown", "history", "outcomes", "used", "ask_outcome")

    def __init__(
        self,
        outcomes: Mapping[str, Outcomes],
        slots: Mapping[str, object],
        opening: bool,
        ask_outcome: AskOutcome | None,
    ):
        self.state = ""
        self.slots: dict[str, object] = dict(slots)
        self.retries = 0
        self.turns = 0
        self.opening = opening  # began at the flow's start: a first turn matching nothing opens the chat
        self.shown: dict[str, int] = {}  # say variants shown per state, for rotation
        self.history: list[str] = []  # every state entered, in order
        self.outcomes = outcomes
        self.used: dict[str, int] = {}
        self.ask_outcome = ask_outcome

    def snapshot(self) -> Snapshot:
        return Snapshot(
            self.state,
            MappingProxyType(dict(self.slots)),
            self.retries,
            self.turns,
            self.opening,
            tuple(self.shown.items()),
            tuple(self.used.items()),
            tuple(self.history),
        )

    def restore(self, snapshot: Snapshot) -> None:
        self.state = snapshot.state
        self.slots = dict(snapshot.slots)
        self.retries = snapshot.retries
        self.turns = snapshot.turns
        self.opening = snapshot.opening
        self.shown = dict(snapshot.shown)
        self.used = dict(snapshot.used)
        self.history = list(snapshot.history)

    def next_outcome(self, action: str, state: str, turn: int | None, routed: tuple[str, ...]) -> str:
        rule = self.outcomes.get(action)
        calls = self.used.get(action, 0)
        outcome = rule.pick(calls, self.slots) if rule is not None else None
        if outcome is None and self.ask_outcome is not None:
            outcome = self.ask_outcome(action, state, routed)
        if outcome:
            self.used[action] = calls + 1
            return outcome
        raise ActionOutcomeError(action, state, turn, rule, routed)

    def _undo_point(self) -> _UndoPoint:
        return (
            self.state,
            dict(self.slots),
            self.retries,
            self.turns,
            dict(self.shown),
            dict(self.used),
            len(self.history),
        )

    def _undo(self, point: _UndoPoint) -> None:
        self.state, self.slots, self.retries, self.turns, self.shown, self.used, length = point
        del self.history[length:]


def _outcome_rules(actions: Mapping[str, object] | None) -> dict[str, Outcomes]:
    """Each action's outcomes in any shape `parse_outcomes` reads (a caller's
    mistake here is a ValueError: readers of files check shapes first)."""
    if not actions:
        return {}
    return {name: parse_outcomes(name, outcomes) for name, outcomes in actions.items()}


class Engine:
    """Runs conversations on one flow.

    `classifier`: a plug-in intent classifier (see `alur.flows.plugins`)
    used instead of the built-in matcher. `trust_recorded_intents`: a turn's
    recorded intent, when given, is used as is. `seed` offsets the rotation
    of `say` variants. `today` fixes the date relative dates ("besok")
    resolve against. `max_moves` bounds the moves one turn may make through
    states that do not wait. `lexicon` is the word lists turns are read
    with (`Lexicon.builtin()` by default).
    """

    def __init__(
        self,
        flow: Flow,
        *,
        classifier: Classifier | None = None,
        trust_recorded_intents: bool = False,
        seed: int = 0,
        today: date | None = None,
        max_moves: int | None = None,
        lexicon: Lexicon | None = None,
    ):
        self.flow = flow
        self.lexicon = lexicon or Lexicon.builtin()
        self.compiled: CompiledFlow = compile_flow(flow)
        self.machine = self.compiled.machine
        self.classifier = classifier
        self.trust_recorded_intents = trust_recorded_intents
        self.seed = seed
        self.today = today
        self.max_moves = max_moves if max_moves is not None else len(flow.states) + 100
        self._plans = self.compiled.plans
        self._own = self.compiled.own_events
        self._global = self.compiled.global_events
        self._next = self.compiled.next_event
        self._fallback = self.compiled.fallback_event
        self._handoff = frozenset(self.compiled.handoff_intents)
        self._display = self.compiled.display
        self._sensitive = tuple(name for name, slot in flow.slots.items() if slot.sensitive or slot.type == "otp")

    @cached_property
    def matcher(self) -> IntentMatcher:
        """The built-in matcher over the flow's intents, reading with this
        engine's lexicon (built on first use: replays with recorded intents
        may never need it)."""
        return self.compiled.matcher_for(self.lexicon)

    # -- public API ----------------------------------------------------------

    def start(
        self,
        actions: Mapping[str, object] | None = None,
        state: str | None = None,
        slots: Mapping[str, object] | None = None,
        *,
        ask_outcome: AskOutcome | None = None,
    ) -> tuple[Conversation, Step]:
        """A new conversation and the bot's opening: entering `start` (or
        `state`, to run from the middle of a flow) and saying its `say`.

        `actions` gives each action's outcomes (a list in order, or any shape
        of `alur.flows.outcomes`); `ask_outcome` is asked when an action has
        none left (else ActionOutcomeError).
        """
        conversation = Conversation(_outcome_rules(actions), slots or {}, state is None, ask_outcome)
        name = self.flow.start if state is None else state
        if name not in self._plans:
            raise EngineError(f"flow {self.flow.id!r} has no state {name!r}")
        self.machine.set_state(name, model=conversation)
        messages: list[BotMessage] = []
        events: list[str] = []
        path: list[str] = []
        self._advance(conversation, None, messages, events, path, None)
        return conversation, self._step(conversation, messages, events, path, None, None, None, None)

    def turn(self, conversation: Conversation, text: str, recorded_intent: str | None = None) -> Step:
        """Handle one customer turn. On EngineError the conversation is left
        exactly as it was before the turn. A message is understood from its
        first `UNDERSTOOD_CHARS` characters."""
        text = text[:UNDERSTOOD_CHARS]
        plan = self._plans[conversation.state]
        index = conversation.turns
        if not plan.waits:
            conversation.turns = index + 1
            event = "after_end" if plan.state.terminal else "dead_end"
            return self._step(conversation, [], [event], [], None, None, None, index)
        undo = conversation._undo_point()
        try:
            return self._turn(conversation, plan, text, recorded_intent, index)
        except BaseException:
            conversation._undo(undo)
            raise

    def sensitive_values(self, slots: Mapping[str, object]) -> tuple[str, ...]:
        """The filled values of sensitive slots (`sensitive: true`, or type
        otp) as text, for masking wherever messages or slots are displayed:
        each as kept and, for money and dates, as messages show it."""
        texts: dict[str, None] = {}
        for name in self._sensitive:
            value = slots.get(name)
            if value is None or value == "":
                continue
            texts[format_value(value)] = None
            shown = self._display[name](value) if name in self._display else None
            if shown:
                texts[shown] = None
        return tuple(texts)

    def is_sensitive(self, slot: str) -> bool:
        return slot in self._sensitive

    # -- one turn ------------------------------------------------------------

    def _turn(self, conv: Conversation, plan: Plan, text: str, recorded: str | None, index: int) -> Step:
        conv.turns = index + 1
        messages: list[BotMessage] = []
        events: list[str] = []
        path: list[str] = []
        origin = conv.state
        intent, score, via = self._understand(plan, text, recorded, index)
        moved = intent is not None and intent in plan.own and self._own[intent].trigger(conv)
        if not moved:
            routed = False
            if self._asks_for_human(plan, intent, text):
                events.append("handoff_request")
                handoff = self._route_handoff(conv, plan)
                if handoff is not None:
                    if handoff != intent:
                        intent, score, via = handoff, 1.0, "handoff-phrase"
                    routed = moved = True
            if not routed and plan.slot is not None:
                value = extract_slot(plan.slot, text, today=self.today, lexicon=self.lexicon)
                if value is not None:
                    name = plan.state.collect
                    conv.slots[name] = value  # type: ignore[index]
                    events.append(f"slot:{name}")
                    routed = True
                    moved = self._next is not None and plan.state.next is not None and self._next.trigger(conv)
            if not routed and intent is not None and intent in self._global:
                routed = moved = self._global[intent].trigger(conv)
            if not routed:
                moved = self._fall_back(conv, plan, messages, events, index)
        if moved:
            self._advance(conv, origin, messages, events, path, index)
        return self._step(conv, messages, events, path, intent, score, via, index)

    def _understand(
        self, plan: Plan, text: str, recorded: str | None, index: int
    ) -> tuple[str | None, float | None, str | None]:
        if recorded is not None and self.trust_recorded_intents:
            return recorded, 1.0, "recorded"
        if plan.titles:
            picked = match_button(text, plan.titles, self.lexicon)
            if picked is not None:
                intent = plan.button_intents[picked]
                if intent is not None:
                    return intent, 1.0, "button"
                match = self.matcher.match(plan.titles[picked], plan.candidates) if plan.candidates else None
                if match is not None:
                    return match.intent, match.score, "button"
        if self.classifier is not None:
            try:
                intent, score = read_result(self.classifier(text))
            except PluginError as error:
                raise ClassifierError(f"at user turn {index}: {error}") from None
            except Exception as error:  # the plug-in's own failure
                raise ClassifierError(
                    f"the NLU plug-in failed at user turn {index}: {type(error).__name__}: {error}"
                ) from error
            return intent, score, "plugin" if intent is not None else None
        if not plan.candidates:
            return None, None, None
        match = self.matcher.match(text, plan.candidates)
        if match is None:
            return None, None, None
        return match.intent, match.score, "nlu"

    def _asks_for_human(self, plan: Plan, intent: str | None, text: str) -> bool:
        """A handoff-intent match, or a built-in phrase in a turn that matched
        no intent that could route here."""
        if intent is not None:
            if intent in self._handoff:
                return True
            if intent in plan.own or intent in self._global:
                return False
        return self.lexicon.is_handoff_request(text)

    def _route_handoff(self, conv: Conversation, plan: Plan) -> str | None:
        for name in self.compiled.handoff_intents:
            if name in plan.own and self._own[name].trigger(conv):
                return name
        for name in self.compiled.handoff_intents:
            if name in self._global and self._global[name].trigger(conv):
                return name
        return None

    def _fall_back(
        self, conv: Conversation, plan: Plan, messages: list[BotMessage], events: list[str], index: int
    ) -> bool:
        """Nothing matched. Returns whether the conversation moved (to `then`)."""
        if conv.opening and index == 0:
            events.append("opening")
            if plan.say:
                messages.append(self._say(conv, plan))
            return False
        events.append("no_match")
        conv.retries += 1
        policy = plan.fallback
        if conv.retries > policy.max_retries and policy.then is not None:
            events.append(FALLBACK)
            conv.retries = 0  # `then` may be this very state: it starts afresh
            return self._fallback.trigger(conv)  # type: ignore[union-attr]
        events.append("retry")
        if plan.fallback_say:
            template = plan.fallback_say[(conv.retries - 1 + self.seed) % len(plan.fallback_say)]
            messages.append(self._message(conv, plan, template))
        elif plan.say:
            messages.append(self._say(conv, plan))
        return False

    # -- moving on -----------------------------------------------------------

    def _advance(
        self,
        conv: Conversation,
        previous: str | None,
        messages: list[BotMessage],
        events: list[str],
        path: list[str],
        index: int | None,
    ) -> None:
        """Enter the conversation's (new) state, then keep moving through
        states that do not wait until one waits or ends the conversation."""
        plans = self._plans
        since_action: list[str] = []
        moves = 0
        while True:
            name = conv.state
            if name != previous:
                conv.retries = 0
            path.append(name)
            conv.history.append(name)
            plan = plans[name]
            state = plan.state
            if plan.say:
                messages.append(self._say(conv, plan))
            if state.terminal:
                if state.escalate:
                    events.append("escalated")
                if state.end:
                    events.append("ended")
                return
            if plan.waits:
                return
            if name in since_action:
                cycle = (*since_action[since_action.index(name) :], name)
                raise FlowCycleError(
                    cycle,
                    f"states {' -> '.join(cycle)} form a cycle that never waits for the customer "
                    "(each moves on by `next` or a condition); the bot would talk forever",
                )
            moves += 1
            if moves > self.max_moves:
                raise FlowCycleError(
                    tuple(path[-5:]),
                    f"one turn moved {self.max_moves} times without reaching a state that waits "
                    f"(last states: {' -> '.join(path[-5:])}); an action keeps routing back into a loop",
                )
            since_action.append(name)
            previous = name
            if state.action is not None:
                since_action.clear()
                outcome = conv.next_outcome(state.action, name, index, plan.outcomes)
                events.append(f"action:{state.action}={outcome}")
                if outcome in plan.own and self._own[outcome].trigger(conv):
                    continue
            if state.next is not None and self._next.trigger(conv):  # type: ignore[union-attr]
                continue
            events.append("dead_end")
            return

    def _say(self, conv: Conversation, plan: Plan) -> BotMessage:
        name = plan.state.name
        shown = conv.shown.get(name, 0)
        conv.shown[name] = shown + 1
        return self._message(conv, plan, plan.say[(shown + self.seed) % len(plan.say)])

    def _message(self, conv: Conversation, plan: Plan, template: Template) -> BotMessage:
        state = plan.state
        return BotMessage(template.render(conv.slots, self._display), state.name, plan.titles, state.list_button)

    def _step(
        self,
        conv: Conversation,
        messages: list[BotMessage],
        events: list[str],
        path: list[str],
        intent: str | None,
        score: float | None,
        via: str | None,
        index: int | None,
    ) -> Step:
        plan = self._plans[conv.state]
        state = plan.state
        return Step(
            tuple(messages),
            conv.state,
            plan.waits,
            state.escalate or state.end,
            state.escalate,
            state.end,
            intent,
            score,
            via,
            tuple(events),
            dict(conv.slots),
            conv.retries,
            tuple(path),
            index,
        )
