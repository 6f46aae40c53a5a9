"""The terminal conversation with a flow, apart from where its lines come
from: `Chat` takes one customer line or command at a time and writes what
the bot said, how the turn was understood and where the bot now waits.
`alur chat` (runner/commands/chat_cmd.py) feeds it from the keyboard or a
script; tests feed it directly.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from typing import TypeVar

from alur.flows.engine import UNDO_STEPS, ActionOutcomeError, Conversation, Engine, EngineError, Snapshot, Step
from alur.flows.outcomes import Outcomes
from alur.flows.values import format_value
from alur.runner.privacy import mask_value

COMMANDS = {
    ":restart": "start the conversation again",
    ":back": "undo your last turn",
    ":state": "show the current state: routes, slot, fallback",
    ":slots": "show every slot and its value",
    ":help": "show these commands",
    ":quit": "leave (Ctrl-D works too)",
}
INDENT = "     "
T = TypeVar("T")


class Chat:
    """The REPL's state and rendering, independent of where lines come from.

    In interactive use (`ask` given) engine errors are shown and the
    conversation goes on from before the failed turn; otherwise they propagate.
    """

    def __init__(
        self,
        engine: Engine,
        fixtures: Mapping[str, Outcomes] | None,  # action -> its outcomes (--actions)
        write: Callable[[str], None],
        ask: Callable[[str, str, tuple[str, ...]], str | None] | None = None,
    ):
        self.engine = engine
        self.flow = engine.flow
        self.fixtures = fixtures
        self.write = write
        self.ask = ask
        self.conversation: Conversation | None = None
        self.last: Step | None = None
        self.undo: deque[tuple[Snapshot, Step]] = deque(
            maxlen=UNDO_STEPS
        )  # each snapshot holds the history: keep the last few

    def begin(self) -> None:
        flow = self.flow
        title = f" - {flow.title}" if flow.title else ""
        self.write(f"alur chat: {flow.id}{title} ({len(flow.states)} states)")
        self.write("Type as the customer would. Commands: " + " ".join(COMMANDS))
        self.restart()

    def restart(self) -> None:
        self.undo.clear()
        self.conversation = None
        started = self._guard(lambda: self.engine.start(actions=self.fixtures, ask_outcome=self.ask))
        if started is not None:
            self.conversation, step = started
            self.show(step)

    def handle(self, line: str) -> bool:
        """One line from the customer or a command; False to quit."""
        command = line.strip().lower()
        if command in COMMANDS or (command.startswith(":") and command[1:].isalpha()):
            return self.command(command)
        if self.conversation is None:  # the opening failed; only :restart or :quit help
            self.write("  the conversation did not start; fix the problem, then :restart or :quit")
            return True
        before = self.conversation.snapshot()
        step = self._guard(lambda: self.engine.turn(self.conversation, line))  # type: ignore[arg-type]
        if step is not None:
            self.undo.append((before, self.last))  # type: ignore[arg-type]
            self.show(step)
        return True

    def command(self, command: str) -> bool:
        if command == ":quit":
            return False
        if command == ":restart":
            self.write("-- restarting --")
            self.restart()
        elif command == ":back":
            if not self.undo:
                self.write("  nothing to go back to")
            else:
                snapshot, step = self.undo.pop()
                self.conversation.restore(snapshot)  # type: ignore[union-attr]
                self.write(f"-- back to before your last turn, in {snapshot.state} --")
                self.show(step, replay=True)
        elif command == ":state":
            self.show_state()
        elif command == ":slots":
            self.show_slots()
        elif command == ":help":
            for name, help_ in COMMANDS.items():
                self.write(f"  {name:<9} {help_}")
        else:
            self.write(f"  unknown command {command}; commands: {' '.join(COMMANDS)}")
        return True

    def _guard(self, action: Callable[[], T]) -> T | None:
        """Run an engine call; in interactive use show an error instead of stopping."""
        if self.ask is None:
            return action()
        try:
            return action()
        except EngineError as error:
            self.write(f"  error: {engine_message(error, asked=True)}")
            self.write("  (nothing changed; try again, :back, :restart or :quit)")
            return None

    # -- rendering -----------------------------------------------------------

    def mask(self, text: str, slots: dict[str, object]) -> str:
        for secret in self.engine.sensitive_values(slots):
            text = text.replace(secret, mask_value(secret))
        return text

    def slot_text(self, name: str, value: object) -> str:
        if value is None:
            return "-"
        return mask_value(format_value(value)) if self.engine.is_sensitive(name) else format_value(value)

    def show(self, step: Step, replay: bool = False) -> None:
        if step.turn is not None and not replay:
            self.write("  [understood] " + " | ".join(self.understood(step)))
        for message in step.messages:
            lines = self.mask(message.text, step.slots).splitlines() or [""]
            self.write(f"bot [{message.state}] {lines[0]}")
            for more in lines[1:]:
                self.write(f"{INDENT}{more}")
            if message.buttons:
                if message.list_button:
                    self.write(f"{INDENT}[{message.list_button}]")
                for number, title in enumerate(message.buttons, 1):
                    self.write(f"{INDENT}{number}) {title}")
        self.write("  [now] " + self.status(step))
        self.last = step

    def understood(self, step: Step) -> list[str]:
        if step.events == ("after_end",):
            return ["the conversation is over; :restart to talk again"]
        if step.events == ("dead_end",):
            return ["nothing happens: the bot is stuck in a dead end; :back or :restart"]
        parts = []
        if step.intent is not None:
            score = f" {step.score:.2f}" if step.score is not None else ""
            parts.append(f"intent {step.intent}{score} ({step.via})")
        else:
            parts.append("no intent")
        retries = self.flow.fallback_for(self.flow.states[step.state]).max_retries
        for event in step.events:
            if event.startswith("slot:"):
                name = event[5:]
                parts.append(f"{name} = {self.slot_text(name, step.slots.get(name))}")
            elif event.startswith("action:"):
                action, _, outcome = event[7:].partition("=")
                parts.append(f"action {action} -> {outcome}")
            elif event == "retry":
                parts.append(f"retry {step.retries} of {retries}")
            elif event == "fallback":
                parts.append("retries used up: fallback")
            elif event == "opening":
                parts.append("opening the chat (no retry counted)")
            elif event == "handoff_request":
                parts.append("asks for a human")
        return parts

    def status(self, step: Step) -> str:
        state = self.flow.states[step.state]
        if step.escalated:
            where = f"{step.state}: handed over to a human agent"
        elif step.ended:
            where = f"{step.state}: conversation ended"
        elif not step.waiting:
            where = f"{step.state}: stuck, the flow has no way on from here (dead end)"
        else:
            waits = f"waiting for {state.collect}" if state.collect else "waiting"
            policy = self.flow.fallback_for(state)
            where = f"{step.state} ({waits}) | retries {step.retries}/{policy.max_retries}"
        filled = [f"{name}={self.slot_text(name, value)}" for name, value in step.slots.items() if value is not None]
        return where + (" | " + ", ".join(filled) if filled else "")

    def show_state(self) -> None:
        if self.conversation is None:
            self.write("  no conversation; :restart")
            return
        flow, name = self.flow, self.conversation.state
        state = flow.states[name]
        kind = (
            "escalates"
            if state.escalate
            else "ends the conversation"
            if state.end
            else "waits for the customer"
            if state.waits
            else "moves on at once"
        )
        self.write(f"  state {name}: {kind}")
        if state.collect:
            slot = flow.slots[state.collect]
            self.write(f"    collect: {state.collect} ({slot.type})" + (f" then {state.next}" if state.next else ""))
        elif state.next:
            self.write(f"    next: {state.next}")
        if state.action:
            self.write(f"    action: {state.action}")
        for route in state.routes:
            condition = f" if {route.condition}" if route.condition else ""
            self.write(f"    on {route.trigger}{condition} -> {route.target}")
        if state.waits:
            for route in flow.global_routes:
                condition = f" if {route.condition}" if route.condition else ""
                self.write(f"    global {route.trigger}{condition} -> {route.target}")
            policy = flow.fallback_for(state)
            then = f"then {policy.then}" if policy.then else "then re-prompts forever (no `then`)"
            self.write(
                f"    fallback: {policy.max_retries} re-prompt(s), {then}; retries so far {self.conversation.retries}"
            )

    def show_slots(self) -> None:
        if self.conversation is None or not self.flow.slots:
            self.write("  this flow has no slots" if not self.flow.slots else "  no conversation; :restart")
            return
        values = self.conversation.slots
        for name, slot in self.flow.slots.items():
            marker = " (sensitive)" if self.engine.is_sensitive(name) else ""
            self.write(f"  {name} = {self.slot_text(name, values.get(name))}  [{slot.type}]{marker}")


def engine_message(error: EngineError, asked: bool = False) -> str:
    """The engine's error in chat's terms. An action with no outcome left is
    said with chat's way to give outcomes (--actions FILE; in interactive
    use also the question asked), not replay's transcript `actions` map. The
    turn is left out: the caller names the script line."""
    if not isinstance(error, ActionOutcomeError):
        return str(error)
    when = " while the bot opened the conversation" if error.turn is None else ""
    example = f"`{error.action}: [{', '.join((*error.given, error.routed[0] if error.routed else 'OUTCOME'))}]`"
    if error.given:
        count = len(error.given)
        listed = f"({', '.join(error.given)}) {'is' if count == 1 else 'are'}"
        had = f"the {count} outcome{'s' if count != 1 else ''} --actions gave it {listed} used up"
        how = f"add more of its outcomes, in order, to the --actions file: e.g. {example}"
    else:
        had = error.had
        how = f"give its outcomes, in order, with --actions FILE: a YAML file such as {example}"
    how += f", {error.always}"
    if asked:
        how += ", or answer with an outcome when asked"
    options = f"; the flow routes on: {', '.join(error.routed)}" if error.routed else ""
    return f"action {error.action!r} (state {error.state!r}) ran{when} and {had}; {how}{options}"
