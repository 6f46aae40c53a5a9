"""The chat simulator behind the designer's Chat tab.

Talks to the flow through the same engine `replay` uses, remembers a
snapshot before each of the last `UNDO_STEPS` turns so the designer can
step back, can start at any state with slots preset, and writes the
conversation out as a test
conversation (`*.test.yaml`, contract §2) whose expectations are the answers
the flow gives now, so a later edit that changes them fails in CI.

Actions: the designer picks each action's outcome (by default the first
outcome the state routes on); the outcomes used are recorded so the saved
test replays the same way. Textual-free.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from alur.designer.engines import engine_for
from alur.flows.engine import UNDO_STEPS, Conversation, Engine, Step
from alur.flows.model import Flow
from alur.runner.privacy import mask_value
from alur.runner.safe_text import escape_controls, shown


@dataclass(frozen=True, slots=True)
class Exchange:
    """One user turn and the bot's answer to it (user None: the opening)."""

    user: str | None
    step: Step


@dataclass(slots=True)
class Simulation:
    flow: Flow
    engine: Engine
    start_state: str | None = None
    preset: dict[str, object] = field(default_factory=dict)
    choices: dict[str, str] = field(default_factory=dict)  # action → outcome the designer picked
    exchanges: list[Exchange] = field(default_factory=list)
    outcomes: dict[str, list[str]] = field(default_factory=dict)  # action → outcomes used, in order
    _conversation: Conversation | None = None
    _before: deque[tuple[object, dict[str, list[str]]]] = field(
        default_factory=lambda: deque(maxlen=UNDO_STEPS)
    )  # the last few: each holds the conversation so far

    @classmethod
    def build(cls, flow: Flow) -> Simulation:
        """Compile the flow (FlowError when it cannot run) and open a conversation."""
        simulation = cls(flow, engine_for(flow))
        simulation.restart()
        return simulation

    # -- driving -----------------------------------------------------------

    def restart(
        self, state: str | None = None, slots: dict[str, object] | None = None, *, keep_start: bool = True
    ) -> Exchange:
        """A new conversation, at `state` with `slots` preset when given
        (else where the last one started, with its presets)."""
        if state is not None or not keep_start:
            self.start_state, self.preset = state, dict(slots or {})
        self.exchanges.clear()
        self._before.clear()
        self.outcomes = {}
        self._conversation, step = self.engine.start(
            state=self.start_state, slots=self.preset, ask_outcome=self._outcome
        )
        opening = Exchange(None, step)
        self.exchanges.append(opening)
        return opening

    def say(self, text: str) -> Exchange:
        """The customer says `text`; EngineError leaves the conversation as it was."""
        assert self._conversation is not None
        snapshot = (self._conversation.snapshot(), {k: list(v) for k, v in self.outcomes.items()})
        step = self.engine.turn(self._conversation, text)
        self._before.append(snapshot)
        exchange = Exchange(text, step)
        self.exchanges.append(exchange)
        return exchange

    def back(self) -> Exchange | None:
        """Undo the last user turn; None when there is none."""
        if not self._before or self._conversation is None:
            return None
        snapshot, outcomes = self._before.pop()
        self._conversation.restore(snapshot)  # type: ignore[arg-type]
        self.outcomes = outcomes
        self.exchanges.pop()
        return self.exchanges[-1]

    def _outcome(self, action: str, state: str, routed: tuple[str, ...]) -> str | None:
        outcome = self.choices.get(action) or (routed[0] if routed else None)
        if outcome is not None:
            self.outcomes.setdefault(action, []).append(outcome)
        return outcome

    # -- reading -----------------------------------------------------------

    @property
    def last(self) -> Step:
        return self.exchanges[-1].step

    @property
    def user_turns(self) -> int:
        return len(self.exchanges) - 1

    def secrets(self) -> tuple[str, ...]:
        return self.engine.sensitive_values(self.last.slots)

    def shown_slots(self, step: Step | None = None) -> dict[str, str]:
        """Slot values as the designer may see them: sensitive ones masked."""
        step = step or self.last
        return {
            name: mask_value(value) if self.engine.is_sensitive(name) else str(value)
            for name, value in step.slots.items()
        }

    def shown_text(self, text: str) -> str:
        """A bot message with the values of sensitive slots masked, and
        control characters (from the flow's file) escaped."""
        secrets = self.secrets()
        return shown(text, secrets=secrets, lines=True) if secrets else escape_controls(text, lines=True)

    # -- saving as a test conversation -----------------------------------------

    def test_conversation(self, conversation_id: str) -> dict[str, object]:
        """This conversation as a test conversation: each user turn expects the
        state, intent, escalation/end, a piece of the reply and the slots it
        has now (sensitive slots are left out of expectations).

        A test conversation replays from the flow's start with no slots, so a
        simulation started elsewhere, or with slots preset, cannot become one.
        """
        if self.start_state not in (None, self.flow.start) or self.preset:
            where = (
                f"at {self.start_state!r}" if self.start_state not in (None, self.flow.start) else "with slots preset"
            )
            raise ValueError(
                f"this conversation started {where}; a test conversation always starts at the flow's start "
                "with no slots. Restart from the start (Restart) to record one."
            )
        if not self.exchanges[1:]:
            raise ValueError("say something to the bot first: a test conversation needs at least one user turn")
        turns = []
        for exchange in self.exchanges[1:]:
            step = exchange.step
            expect: dict[str, object] = {"state": step.state}
            if step.intent is not None:
                expect["intent"] = step.intent
            if step.escalated:
                expect["escalated"] = True
            if step.ended:
                expect["ended"] = True
            said = _say_contains(step)
            if said:
                expect["say_contains"] = said
            slots = {k: v for k, v in step.slots.items() if not self.engine.is_sensitive(k)}
            if slots:
                expect["slots"] = slots
            turns.append({"user": exchange.user, "expect": expect})
        item: dict[str, object] = {"id": conversation_id}
        if self.outcomes:
            item["actions"] = {k: list(v) for k, v in self.outcomes.items()}
        item["turns"] = turns
        return item


def _say_contains(step: Step) -> str:
    """A stable piece of the reply: the first line of the last message,
    cut at a word boundary (a long exact reply makes a brittle test)."""
    if not step.messages:
        return ""
    line = step.messages[-1].text.strip().splitlines()[0] if step.messages[-1].text.strip() else ""
    if len(line) <= 40:
        return line
    cut = line[:40]
    return cut[: cut.rfind(" ")] if " " in cut[10:] else cut


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return json.dumps(value)
    return json.dumps(str(value), ensure_ascii=False)


def _flow_map(data: dict[str, object]) -> str:
    return "{" + ", ".join(f"{_key(k)}: {_inline(v)}" for k, v in data.items()) + "}"


def _inline(value: object) -> str:
    if isinstance(value, dict):
        return _flow_map(value)
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    return _scalar(value)


def _key(name: str) -> str:
    from alur.designer.edits import yaml_name

    return yaml_name(name)


def conversation_yaml(item: dict[str, object], indent: int = 2) -> str:
    """One test conversation as a YAML list item at `indent`, in the
    contract's compact style (one line per user turn)."""
    pad = " " * indent
    lines = [f"{pad}- id: {_scalar(item['id'])}"]
    if "actions" in item:
        lines.append(f"{pad}  actions: {_inline(item['actions'])}")
    lines.append(f"{pad}  turns:")
    for turn in item["turns"]:  # type: ignore[union-attr]
        lines.append(f"{pad}    - user: {_scalar(turn['user'])}")
        lines.append(f"{pad}      expect: {_inline(turn['expect'])}")
    return "\n".join(lines) + "\n"


def test_file_text(flow_id: str, item: dict[str, object], existing: str | None) -> str:
    """The test file's new text: a new file with this conversation, or the
    existing file with it appended to `conversations:` (the file's own
    text untouched above it)."""
    if existing is None or not existing.strip():
        return f"flow: {flow_id}\nconversations:\n" + conversation_yaml(item)
    from alur.designer.edits import EditError, append_list_item, apply_edits
    from alur.flows.diagnostics import FlowError
    from alur.flows.loader import load_document

    try:
        document = load_document(existing, "test file")
    except FlowError as error:
        raise EditError(f"the test file is not valid YAML ({error.diagnostics[0]}); fix it first") from None
    return apply_edits(existing, append_list_item(document, ("conversations",), conversation_yaml(item, 0)))


def test_file_for(flow_path: Path) -> Path:
    """Where the designer keeps a flow's test conversations: beside it,
    `NAME.flow.yaml` → `NAME.test.yaml`."""
    name = flow_path.name
    for suffix in (".flow.yaml", ".flow.yml", ".yaml", ".yml"):
        if name.endswith(suffix):
            return flow_path.with_name(name[: -len(suffix)] + ".test.yaml")
    return flow_path.with_name(name + ".test.yaml")
