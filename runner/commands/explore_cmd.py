"""Play difficult customers at every state of a flow that waits, and report
the conversations that would trap them, before any customer talks to it.

Each state that waits for the customer is reached by its shortest
conversation from `start` (intent examples, button numbers, plausible slot
values; every outcome an action routes on), then every persona plays there:
customers who ask for a person (Indonesian and English, politely and
bluntly), send nothing useful, give wrong values, change their mind, answer
with button numbers or titles in other case, or are angry. Each run is
judged by replay's detectors. A trap is reported with the state, the
persona, its shortest conversation and the finding (loop, missing
escalation, dead end).

  --personas FILE   add personas, or replace built-in ones by id (the
                    format is in alur/runner/personas/builtin.yaml)
  --save DIR        write each trap as a *.test.yaml conversation whose last
                    turn expects what the flow should do; keep it in CI with
                    `alur replay FLOW DIR/*.test.yaml`

Exit status: 0 no traps; 1 traps (or conversations the engine could not
run); 2 unusable input (a flow that cannot run, a bad personas file or option).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from alur.runner.commands._engine_options import add_engine_options, engine_from_args, load_flow
from alur.runner.errors import ExitCode, InputError
from alur.runner.explore import ExploreLimits, ExploreReport, Trap, explore
from alur.runner.explore_report import render
from alur.runner.personas import Persona, load_personas
from alur.runner.reports import FORMATS, color_wanted
from alur.runner.replay import ReplayConfig

_LIMITS = (
    ("max_turns", "turns each persona plays per run", 1),
    ("max_depth", "customer turns allowed to reach a state", 0),
    ("max_states", "states the personas play at, nearest first (default: every state reached)", 1),
    ("max_branches", "combinations of action outcomes tried per reaching turn", 1),
)


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("flow", metavar="FLOW", help="the flow file (*.flow.yaml)")
    who = parser.add_argument_group("personas")
    who.add_argument("--personas", metavar="FILE", action="append", type=Path, default=[], help="a personas file to add (repeatable); same ids replace built-in personas")
    who.add_argument("--persona", metavar="ID", action="append", dest="only", help="play only this persona (repeatable)")
    out = parser.add_argument_group("report")
    out.add_argument("--format", choices=FORMATS, default="text", help="text (default), json (replay's report plus coverage), junit, or markdown")
    out.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (atomically) instead of standard output")
    out.add_argument("--save", metavar="DIR", help="write each trap as DIR/<flow>.<state>.<persona>.<kind>.test.yaml")
    limits = parser.add_argument_group("search limits")
    defaults = ExploreLimits()
    for name, help_, minimum in _LIMITS:
        default = getattr(defaults, name)
        shown = f" (default {default})" if default is not None else ""
        limits.add_argument(_flag(name), type=int, metavar="N", help=f"{help_}{shown}; at least {minimum}")
    thresholds = parser.add_argument_group("detector thresholds (as in alur replay)")
    for name, default, minimum, help_ in ReplayConfig.thresholds():
        if name != "excerpt_turns":  # explore shows a trap's whole conversation
            thresholds.add_argument(_flag(name), type=int, metavar="N", help=f"{help_} (default {default}, at least {minimum})")
    thresholds.add_argument("--disable", metavar="CODE", action="append", default=[], help="do not run this detector (loop, missing-escalation, dead-end); repeatable")
    add_engine_options(parser, recorded_intents=False, fixtures=False)


def run(args: argparse.Namespace) -> int:
    flow = load_flow(args.flow)
    engine = engine_from_args(flow, args)
    personas = _personas(args)
    report = explore(engine, personas, _limits(args), _config(args))
    if args.save:
        from alur.runner.explore_save import save_traps

        save_traps((r for r in report.results if isinstance(r, Trap)), flow.id, str(args.flow), args.save, args.seed or 0)
    title = f"alur explore {flow.id}"
    if args.output is None:
        render(report, args.format, sys.stdout, color=args.format == "text" and color_wanted(sys.stdout), title=title)
        sys.stdout.flush()
    else:
        _write_report(report, args.format, args.output, title)
    return ExitCode.FINDINGS if report.has_findings() else ExitCode.OK


def _personas(args: argparse.Namespace) -> list[Persona]:
    personas = load_personas(args.personas)
    if not args.only:
        return personas
    known = {persona.id: persona for persona in personas}
    unknown = [ident for ident in args.only if ident not in known]
    if unknown:
        raise InputError(f"--persona {unknown[0]}: no such persona; known: {', '.join(known)}")
    return [known[ident] for ident in dict.fromkeys(args.only)]


def _limits(args: argparse.Namespace) -> ExploreLimits:
    values = {}
    for name, _help, minimum in _LIMITS:
        value = getattr(args, name)
        if value is None:
            continue
        if value < minimum:
            raise InputError(f"{_flag(name)} {value}: must be at least {minimum}")
        values[name] = value
    return ExploreLimits(**values)


def _config(args: argparse.Namespace) -> ReplayConfig:
    from alur.runner.detectors import UnknownDetector, get_detector

    values: dict[str, object] = {}
    for name, _default, minimum, _help in ReplayConfig.thresholds():
        value = getattr(args, name, None)
        if value is None:
            continue
        if value < minimum:
            raise InputError(f"{_flag(name)} {value}: must be at least {minimum}")
        values[name] = value
    try:
        values["disabled"] = frozenset(get_detector(code).code for code in args.disable)
    except UnknownDetector as error:
        raise InputError(str(error)) from None
    return ReplayConfig(**values)  # type: ignore[arg-type]


def _write_report(report: ExploreReport, fmt: str, output: str, title: str) -> None:
    """Write the report to `output` so that it appears only once complete."""
    target = Path(output)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError(f"{output}: cannot write the report: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            render(report, fmt, out, title=title)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise InputError(f"{output}: cannot write the report: {error.strerror or error}") from None
        raise
