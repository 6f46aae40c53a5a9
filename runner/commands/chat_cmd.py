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
from collections.abc import Iterable, Iterator
from pathlib import Path

from alur.flows.engine import EngineError
from alur.flows.limits import FLOW_BYTES
from alur.flows.loader import read_text
from alur.flows.diagnostics import Diagnostic, FlowError
from alur.runner.commands._engine_options import (
    add_engine_options,
    engine_from_args,
    fixtures_from_args,
    load_flow,
)
from alur.runner.safe_text import escape_controls
from alur.runner.errors import ExitCode, InputError
from alur.runner.chat import Chat, engine_message


def _show(text: str) -> None:
    """Print a line of the chat with control characters made visible: a
    script or a flow's message must not retitle or clear the terminal."""
    print(escape_controls(text, lines=True))


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("flow", type=Path, help="the flow file (*.flow.yaml)")
    parser.add_argument(
        "--script", type=Path, metavar="FILE", help="feed the customer's lines from FILE instead of the keyboard"
    )
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
            raise InputError(
                f"<stdin>:{number}: binary, not text (it contains NUL bytes); pipe a text file with one customer line per line"
            )
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InputError(
                f"<stdin>:{number}:{error.start + 1}: not UTF-8 text (byte 0x{line[error.start]:02x}); save the file as UTF-8"
            ) from None
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
