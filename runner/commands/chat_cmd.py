"""Talk to a flow in the terminal, as a customer would.

Each bot message is shown with its buttons and the state that said it;
after each of your turns, how it was understood (intent and score, slot
filled, action outcome, retry) and where the bot now waits, with the slots
(sensitive ones masked) and the retry count.

Commands: :restart (start again), :back (undo your last turn; the last
100 can be undone), :state (the current state's routes and fallback),
:slots, :help, :quit.

Actions take their outcomes from --actions FILE in order; when none is left
you are asked for one. With --script FILE (one customer line per line;
lines starting with "# " are comments) the conversation runs without a
person, and an action with no outcome left is an error (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from alur.flows.engine import UNDO_STEPS, ActionOutcomeError, Conversation, Engine, EngineError, Snapshot, Step
from alur.flows.limits import FLOW_BYTES
from alur.flows.loader import read_text
from alur.flows.diagnostics import Diagnostic, FlowError
from alur.flows.values import format_value
from alur.runner.commands._engine_options import (
    Fixtures,
    add_engine_options,
    engine_from_args,
    fixtures_from_args,
    load_flow,
)
from alur.runner.safe_text import escape_controls
from alur.runner.errors import ExitCode, InputError
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


def _show(text: str) -> None:
    """Print a line of the chat with control characters made visible: a
    script or a flow's message must not retitle or clear the terminal."""
    print(escape_controls(text, lines=True))


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("flow", type=Path, help="the flow file (*.flow.yaml)")
    parser.add_argument("--script", type=Path, metavar="FILE", help="feed the customer's lines from FILE instead of the keyboard")
    add_engine_options(parser, recorded_intents=False)


def run(args: argparse.Namespace) -> int:
    flow = load_flow(args.flow)
    engine = engine_from_args(flow, args)
    fixtures = fixtures_from_args(args)
    if args.script is not None:
        lines: Iterable[tuple[int, str]] = _script_lines(args.script)
        interactive = False
    else:
        interactive = sys.stdin.isatty()
        lines = _keyboard_lines() if interactive else _script_stream(sys.stdin)
    source = str(args.script) if args.script is not None else "<stdin>"
    chat = Chat(engine, fixtures, _show, ask=_ask_outcome if interactive else None)
    try:  # without a person, an engine error ends the run (interactive chats show it and go on)
        chat.begin()
    except EngineError as error:
        raise InputError(f"{flow.path}: {engine_message(error)}") from None
    for number, line in lines:
        if not interactive:
            _show(f"you> {line}")
        try:
            if not chat.handle(line):
                break
        except EngineError as error:
            raise InputError(f"{source}:{number}: {engine_message(error)}") from None
    return ExitCode.OK


class Chat:
    """The REPL's state and rendering, independent of where lines come from.

    In interactive use (`ask` given) engine errors are shown and the
    conversation goes on from before the failed turn; otherwise they propagate.
    """

    def __init__(
        self,
        engine: Engine,
        fixtures: Fixtures | None,
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
        self.undo: deque[tuple[Snapshot, Step]] = deque(maxlen=UNDO_STEPS)  # each snapshot holds the history: keep the last few

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
        kind = "escalates" if state.escalate else "ends the conversation" if state.end else "waits for the customer" if state.waits else "moves on at once"
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
            self.write(f"    fallback: {policy.max_retries} re-prompt(s), {then}; retries so far {self.conversation.retries}")

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


# -- where lines come from -----------------------------------------------------


def _script_lines(path: Path) -> list[tuple[int, str]]:
    try:
        text = read_text(path)
    except FlowError as error:
        raise InputError("\n".join(_script_problem(d) for d in error.diagnostics)) from None
    return list(_numbered(text.splitlines()))


def _script_problem(diagnostic: Diagnostic) -> str:
    """The flow reader's complaint about a --script file, said of a script
    (the reader speaks of flows: "not a YAML flow", "flows larger than")."""
    if diagnostic.code == "not-text":
        message = "a binary file, not text (it contains NUL bytes); give a text file with one customer line per line"
    elif diagnostic.code == "file-too-large":
        message = f"larger than {FLOW_BYTES.says()}; a script is a text file with one customer line per line"
    else:
        message = diagnostic.message
    return f"--script {diagnostic.location()}: {message}"


def _script_stream(stream) -> Iterator[tuple[int, str]]:
    raw = getattr(stream, "buffer", None)  # bytes, so that what is not text is said, whatever the locale
    lines = _decoded(raw) if raw is not None else iter(stream)
    return _numbered(line.rstrip("\r\n") for line in lines)


def _decoded(raw: Iterable[bytes]) -> Iterator[str]:
    """Piped lines as text; InputError at the first line that is not UTF-8 text."""
    for number, line in enumerate(raw, 1):
        if b"\x00" in line:
            raise InputError(f"<stdin>:{number}: binary, not text (it contains NUL bytes); pipe a text file with one customer line per line")
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InputError(f"<stdin>:{number}:{error.start + 1}: not UTF-8 text (byte 0x{line[error.start]:02x}); save the file as UTF-8") from None
        yield text.removeprefix("\ufeff") if number == 1 else text


def _numbered(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.strip() == "#" or line.lstrip().startswith("# "):
            continue
        yield number, line


def _keyboard_lines() -> Iterator[tuple[int, str]]:
    try:
        import readline  # noqa: F401  (line editing and history for input())
    except ImportError:
        pass
    number = 0
    while True:
        try:
            line = input("you> ")
        except EOFError:
            print()
            return
        except KeyboardInterrupt:
            print()
            return
        number += 1
        if line.strip():
            yield number, line


def _ask_outcome(action: str, state: str, routed: tuple[str, ...]) -> str | None:
    choices = " / ".join(f"{i}) {name}" for i, name in enumerate(routed, 1))
    while True:
        try:
            answer = input(f"  action {action} needs an outcome ({choices or 'any name'}): ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return None
        if answer.isdigit():
            if 1 <= int(answer) <= len(routed):
                return routed[int(answer) - 1]
            print(f"  pick 1 to {len(routed)}, or type an outcome's name" if routed else "  type an outcome's name")
        elif answer:
            return answer
