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
                    format is in alur/runner/explore/personas/builtin.yaml)
  --save DIR        write each trap as a *.test.yaml conversation whose last
                    turn expects what the flow should do; keep it in CI with
                    `alur replay FLOW DIR/*.test.yaml`

Settings can also live in the project's configuration, the file `alur
check` reads (the nearest .alur.yaml, or pyproject.toml with [tool.alur];
--config FILE to name one): the search limits and personas files under
`explore`, and the detector thresholds and `disable` under `replay`, shared
with `alur replay` so that both judge a conversation alike and the saved
tests fail and pass in replay as they do here (docs/configuration.md):

  [tool.alur.explore]
  max-turns = 8
  personas = ["tests/personas.yaml"]

Exit status: 0 no traps; 1 traps (or conversations the engine could not
run); 2 unusable input (a flow that cannot run, a bad personas file or option).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from alur.runner.baseline import add_options as add_baseline_options
from alur.runner.commands._engine_options import (
    add_engine_options,
    engine_from_args,
    load_flow,
)
from alur.runner.commands.replay_cmd import SETTINGS as REPLAY_SETTINGS
from alur.runner.commands.replay_cmd import replay_config
from alur.runner.drive import exit_status
from alur.runner.errors import InputError
from alur.runner.explore import ExploreLimits, Trap, explore
from alur.runner.explore.personas import Persona, load_personas
from alur.runner.explore.save import check_save_folder, save_traps
from alur.runner.findings import Tally
from alur.runner.replay import ReplayConfig
from alur.runner.reports import FORMATS, write_report
from alur.runner.reports.explore import RENDERERS, WHOLE
from alur.runner.settings import Settings, command_settings, numbers
from alur.runner.thresholds import add_threshold_flags

_LIMITS = (
    ("max_turns", "turns each persona plays per run", 1),
    ("max_depth", "customer turns allowed to reach a state", 0),
    ("max_states", "states the personas play at, nearest first (default: every state reached)", 1),
    ("max_branches", "combinations of action outcomes tried per reaching turn", 1),
)
SETTINGS = (*(name for name, _help, _minimum in _LIMITS), "personas")  # what [tool.alur.explore] may set


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("flow", metavar="FLOW", help="the flow file (*.flow.yaml)")
    who = parser.add_argument_group("personas")
    who.add_argument(
        "--personas",
        metavar="FILE",
        action="append",
        type=Path,
        default=[],
        help="a personas file to add (repeatable); same ids replace built-in personas",
    )
    who.add_argument(
        "--persona", metavar="ID", action="append", dest="only", help="play only this persona (repeatable)"
    )
    out = parser.add_argument_group("report")
    out.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), json (replay's report plus coverage), junit, markdown, github annotations, or html: the traps drawn on the flow",
    )
    out.add_argument(
        "-o", "--output", metavar="FILE", help="write the report to FILE (atomically) instead of standard output"
    )
    add_baseline_options(out)
    out.add_argument("--save", metavar="DIR", help="write each trap as DIR/<flow>.<state>.<persona>.<kind>.test.yaml")
    limits = parser.add_argument_group("search limits")
    defaults = ExploreLimits()
    for name, help_, minimum in _LIMITS:
        default = getattr(defaults, name)
        shown = f" (default {default})" if default is not None else ""
        limits.add_argument(_flag(name), type=int, metavar="N", help=f"{help_}{shown}; at least {minimum}")
    thresholds = parser.add_argument_group("detector thresholds (as in alur replay)")
    add_threshold_flags(thresholds, ReplayConfig, skip=("excerpt_turns",))  # explore shows a trap's whole conversation
    thresholds.add_argument(
        "--disable",
        metavar="CODE",
        action="append",
        default=[],
        help="do not run this detector (loop, missing-escalation, dead-end); repeatable",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="the configuration to read `explore` and `replay` settings from (default: the nearest .alur.yaml or pyproject.toml with [tool.alur])",
    )
    add_engine_options(parser, recorded_intents=False, fixtures=False)


def run(args: argparse.Namespace) -> int:
    settings = command_settings("explore", SETTINGS, args.config)
    config = replay_config(args, command_settings("replay", REPLAY_SETTINGS, args.config))
    limits = _limits(args, settings)
    if args.output and not Path(args.output).resolve().parent.is_dir():
        raise InputError(f"{args.output}: cannot write the report there: no such folder")
    if args.save:
        check_save_folder(args.save)
    flow = load_flow(args.flow)
    engine = engine_from_args(flow, args)
    personas = _personas(args, settings)
    report = explore(engine, personas, limits, config)
    if args.save:
        save_traps(
            (r for r in report.results if isinstance(r, Trap)), flow.id, str(args.flow), args.save, args.seed or 0
        )
    write_report(
        report, args.format, args.output, title=f"alur explore {flow.id}", excerpt_turns=WHOLE, renderers=RENDERERS
    )
    failed = Tally.of(report.results).failed
    return exit_status("explore", report, failed, args.baseline, args.write_baseline)


def _personas(args: argparse.Namespace, settings: Settings) -> list[Persona]:
    files = [*(settings.files("personas", '["tests/personas.yaml"]') or ()), *args.personas]
    personas = load_personas(files)
    if not args.only:
        return personas
    known = {persona.id: persona for persona in personas}
    unknown = [ident for ident in args.only if ident not in known]
    if unknown:
        raise InputError(f"--persona {unknown[0]}: no such persona; known: {', '.join(known)}")
    return [known[ident] for ident in dict.fromkeys(args.only)]


def _limits(args: argparse.Namespace, settings: Settings) -> ExploreLimits:
    """Defaults, then the `explore` settings, then the command line."""
    return ExploreLimits(**numbers(settings, args, ((name, 0, minimum, help_) for name, help_, minimum in _LIMITS)))
