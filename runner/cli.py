"""The `alur` console script.

Each subcommand lives in its own module under `alur.runner.commands` and is
imported only when it runs, so `alur check` never pays for textual or the
engine. A command module has a docstring (its `--help` description), a
`configure(parser)` that adds its arguments and a `run(args) -> int`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType

from alur.flows.limits import LimitError
from alur.runner.errors import ExitCode, InputError, WorkerLost
from alur.runner.safe_text import say

COMMANDS: dict[str, str] = {
    "check": "validate flow files and folders (schema and lint rules)",
    "rules": "list the lint rules and transcript detectors, or explain one: alur rules CODE",
    "schema": "print the flow JSON Schema (for editors and yaml-language-server)",
    "chat": "talk to a flow in the terminal, showing state, intent and slots",
    "graph": "draw a flow as a Mermaid or Graphviz diagram",
    "replay": "re-drive recorded conversations through a flow and report findings",
    "audit": "find loops and missing escalations in recorded conversations, with no flow",
    "explore": "play difficult-customer personas at every waiting state of a flow",
    "import": "convert WhatsApp exports, CSV, Rasa, Botium or Chatdown files into transcripts",
    "formats": "list the formats `alur import` reads",
    "redact": "mask personal data in a transcript file with stable placeholders",
    "design": "open the Textual flow designer",
}


def _top_parser() -> argparse.ArgumentParser:
    width = max(len(name) for name in COMMANDS)
    listing = "\n".join(f"  {name:<{width}}  {help_}" for name, help_ in COMMANDS.items())
    parser = argparse.ArgumentParser(
        prog="alur",
        description="alur: design, check and test customer-service conversation flows.",
        epilog=f"commands:\n{listing}\n\nRun `alur COMMAND --help` for a command's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"alur {_version()}")
    parser.add_argument("command", choices=list(COMMANDS), metavar="COMMAND", help=argparse.SUPPRESS)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("alur")
    except PackageNotFoundError:  # running from a source tree
        return "unknown"


def _command_parser(name: str) -> tuple[argparse.ArgumentParser, ModuleType]:
    module = importlib.import_module(f"alur.runner.commands.{name}_cmd")
    parser = argparse.ArgumentParser(
        prog=f"alur {name}",
        description=(module.__doc__ or COMMANDS[name]).strip(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    module.configure(parser)
    return parser, module


def _warning_line(name: str):  # type: ignore[no-untyped-def]
    """Shows a warning as one line of the command's own (a slow flow pattern,
    say), not as Python's file:line report."""

    def show(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
        say(f"alur {name}: warning: {message}")

    return show


def _junit_on_exit_2(name: str, options: argparse.Namespace | None, problem: str) -> None:
    """Writes a JUnit report naming `problem` where the command's JUnit
    report was to go, so that a CI step publishing it has one to show."""
    if options is None or getattr(options, "format", None) != "junit":
        return
    from alur.runner.reports.junit import unusable_report

    text = unusable_report(f"alur {name}", problem)
    output = getattr(options, "output", None)
    if not output:
        sys.stdout.write(text)
        return
    from alur.runner.atomic import atomic_file

    try:
        with atomic_file(output, text=True) as out:
            out.write(text)
    except OSError as error:  # the report's own path is the problem: the message said so already
        say(f"alur {name}: the JUnit report could not be written either: {error.strerror}")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in COMMANDS:
        _top_parser().parse_args(args or ["--help"])
        return ExitCode.UNUSABLE  # parse_args exits first; kept for type checkers
    name, rest = args[0], args[1:]
    options: argparse.Namespace | None = None
    try:
        parser, module = _command_parser(name)
        options = parser.parse_args(rest)
        with warnings.catch_warnings():
            warnings.showwarning = _warning_line(name)
            return int(module.run(options))
    except (InputError, LimitError) as error:
        say(f"alur {name}: {error}")
        _junit_on_exit_2(name, options, str(error))
        return ExitCode.UNUSABLE
    except WorkerLost as error:
        say(f"alur {name}: {error}")
        return error.exit_code
    except KeyboardInterrupt:
        print(f"alur {name}: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:  # `alur ... | head`: the reader left, nothing to report
        sys.stderr.close()
        return ExitCode.OK
    except Exception as error:  # a bug in alur: say so plainly, no traceback unless asked
        if os.environ.get("ALUR_DEBUG"):
            raise
        say(
            f"alur {name}: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in alur; run again with ALUR_DEBUG=1 for the traceback and report it."
        )
        return ExitCode.INTERNAL


if __name__ == "__main__":
    sys.exit(main())
