"""Re-drive recorded conversations through a flow and report what goes wrong.

FLOW is a *.flow.yaml file. TRANSCRIPTS are JSONL transcripts (gzip too),
*.test.yaml test conversations, folders of them, or - for standard input.
Each conversation's customer turns are sent, in order, through the flow as
it is written now; the report names every conversation where a customer
is trapped in a loop, asks for a person and gets none, is left in a dead
end, or where a test expectation fails, at the turn where it happened.

  --coverage   also list the states and transitions no conversation reached
  drift        where transcripts hold the recorded bot's turns, the states
               where the flow now answers differently (off with --no-drift)

Conversations recorded for another flow (their `flow` is another flow's
id) are not replayed unless --any-flow is given.

Settings can also live in the project's configuration, the file `alur
check` reads (the nearest .alur.yaml, or pyproject.toml with [tool.alur];
--config FILE to name one), under `replay`, named as the long options
(docs/configuration.md):

  [tool.alur.replay]
  loop-threshold = 4
  disable = ["dead-end"]
  coverage = true

Exit status: 0 no findings; 1 findings, conversations that could not be
run, or lines that could not be read; 2 unusable input (a flow that cannot
run, a transcript path that does not exist, a bad option or setting).
"""

from __future__ import annotations

import argparse
import inspect
import os
import textwrap
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

from alur.runner.commands._engine_options import (
    add_engine_options,
    engine_from_args,
    fixtures_from_args,
    load_flow,
    word_lists_from_args,
)
from alur.runner.detectors import DETECTORS, Detector
from alur.runner.baseline import add_options as add_baseline_options
from alur.runner.drive import add_dask_option
from alur.runner.errors import InputError
from alur.runner.findings import Report
from alur.runner.replay import (
    ReplayConfig,
    ReplayJob,
    ReplayReport,
    prepare,
    replay_item,
)
from alur.runner.commands._show_sensitive import add_show_sensitive_option, reveal, with_show_sensitive
from alur.runner.reports import FORMATS, make_renderer
from alur.runner.settings import Settings, command_settings, numbers
from alur.runner.settings import jobs as jobs_setting
from alur.runner.thresholds import add_threshold_flags

# what [tool.alur.replay] may set: the thresholds, these, and `disable`
SWITCHES = ("coverage", "drift", "any_flow")
SETTINGS = (*(name for name, *_ in ReplayConfig.thresholds()), *SWITCHES, "disable", "jobs")
_SHOW_WHOLE_EXCERPT = 1 << 30  # replay already cut each excerpt to --excerpt-turns customer turns


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("flow", metavar="FLOW", help="the flow file (*.flow.yaml)")
    parser.add_argument(
        "transcripts",
        nargs="+",
        metavar="TRANSCRIPTS",
        help="JSONL transcripts, *.test.yaml files, folders, or - for stdin",
    )
    out = parser.add_argument_group("report")
    out.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), json (contract §4), junit, markdown for a pull-request comment, github annotations, or html: one self-contained page with the flow coloured by where customers got stuck",
    )
    out.add_argument(
        "-o", "--output", metavar="FILE", help="write the report to FILE (atomically) instead of standard output"
    )
    out.add_argument(
        "--coverage",
        action="store_true",
        default=None,
        help="list the states and transitions the conversations exercised and the ones never visited",
    )
    add_show_sensitive_option(out)
    out.add_argument(
        "--no-drift",
        dest="drift",
        action="store_false",
        default=None,
        help="do not compare the replayed answers with the recorded bot turns",
    )
    add_baseline_options(out)
    run = parser.add_argument_group("running")
    run.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes (default and at most: all cores; 1: this process only)",
    )
    add_dask_option(run)
    run.add_argument(
        "--any-flow", action="store_true", default=None, help="also replay conversations recorded for another flow"
    )
    run.add_argument(
        "--disable",
        metavar="CODE",
        action="append",
        help="do not run this detector (loop, missing-escalation, dead-end, expectation); repeatable",
    )
    run.add_argument(
        "--config",
        metavar="FILE",
        help="the configuration to read `replay` settings from (default: the nearest .alur.yaml or pyproject.toml with [tool.alur])",
    )
    limits = parser.add_argument_group("thresholds")
    add_threshold_flags(limits, ReplayConfig)
    add_engine_options(parser)
    parser.add_argument(
        "--fixtures", dest="actions", type=Path, help=argparse.SUPPRESS
    )  # the name for --actions
    parser.epilog = "detectors:\n" + "\n".join(_describe(cls) for cls in DETECTORS.values())


def _describe(cls: type[Detector]) -> str:
    """A detector's code, kind and the first paragraph of its rule, for --help."""
    first = inspect.cleandoc(cls.__doc__ or "").split("\n\n")[0]
    return f"  {cls.code} ({cls.kind})\n" + textwrap.indent(first, "    ")


def run(args: argparse.Namespace) -> int:
    from alur.runner.drive import Reading, check_output, drive, renders_early, run_options, sizes_of
    from alur.runner.parallel import default_jobs, shard_bytes, spooled_report
    from alur.runner.transcripts import expand_paths, is_test_yaml, read_shards

    settings = command_settings("replay", SETTINGS, args.config)
    config = replay_config(args, settings)
    check_output(args.output)
    flow = load_flow(args.flow)
    engine = engine_from_args(flow, args)
    fixtures = fixtures_from_args(args)
    if fixtures:
        config = replace(config, fixtures=tuple(sorted(fixtures.items())))
    config = with_show_sensitive(config, args)
    job = ReplayJob(
        str(args.flow),
        config,
        getattr(args, "nlu", None),
        bool(args.trust_recorded_intents),
        args.seed or 0,
        word_lists_from_args(args),
    )
    prepare(job, engine)  # workers forked from here start with the engine built

    paths = _transcript_paths(args.transcripts, expand_paths)
    sizes = sizes_of(paths)
    known = None not in sizes.values()
    jobs = jobs_setting(settings, args) or default_jobs()
    total = sum(sizes.values()) if known else None  # type: ignore[arg-type]
    if known:  # no more workers than pieces of work
        largest = shard_bytes(total, 1)
        pieces = sum(1 if is_test_yaml(p) else sizes[p] // largest + 1 for p in paths)  # type: ignore[operator]
        jobs = max(1, min(jobs, pieces))
    size = shard_bytes(total, jobs)

    def items() -> Iterator[object]:
        for path in paths:
            if is_test_yaml(path):
                yield path
            else:
                yield from read_shards(path, size)

    title = f"alur replay {flow.id}"
    renderer = make_renderer(args.format, args.output, title=title, excerpt_turns=_SHOW_WHOLE_EXCERPT)
    spooled = spooled_report(flow.id, render=renderer if renders_early(args) else None)
    report = ReplayReport(flow.id, spooled.results, spooled.skipped)

    def refuse(conversations: int) -> None:
        if conversations == 0 and report.other_flows:
            flows = ", ".join(sorted(report.other_flows))
            raise InputError(
                f"none of the conversations is for flow {flow.id!r} (they are for {flows}); --any-flow replays them anyway"
            )

    reading = Reading(
        title=title,
        doing=f"replaying on {flow.id}",
        verb="replay",
        skipped_unit="input",
        paths=paths,
        sizes=sizes,
        shards=items(),
        check=partial(replay_item, job=job),
        jobs=jobs,
        report=report,
        **run_options(args),  # type: ignore[arg-type]
        renderer=renderer,
        summary=_summary,
        refuse=refuse,
        written=reveal,  # type: ignore[arg-type]
    )
    return drive(reading, args.format, args.output)


def _summary(report: Report, conversations: int, failed: int) -> str:
    """The counts of the line for standard error when the report goes to a
    file or is for a program. `failed` counts the conversations the engine
    could not run too: they have no findings to count, so they are named apart."""
    from alur.runner.reports.common import errored

    errors = errored(report)
    skipped = len(report.skipped)
    line = f"{conversations:,} conversation{'s' if conversations != 1 else ''}, {failed - errors:,} with findings"
    if errors:
        line += f", {errors:,} could not be run (the engine stopped; the report says why)"
    if skipped:
        line += f", {skipped:,} input{'s' if skipped != 1 else ''} could not be read"
    return line


# --------------------------------------------------------------------------- settings


def replay_config(args: argparse.Namespace, settings: Settings) -> ReplayConfig:
    """Defaults, then the `replay` settings, then the command line. `alur
    explore` builds its detectors' configuration here too: one project, one
    definition of a loop, whichever command finds it."""
    values: dict[str, object] = dict(numbers(settings, args, ReplayConfig.thresholds()))
    for name in SWITCHES:
        given = getattr(args, name, None)
        value = given if given is not None else settings.switch(name)
        if value is not None:
            values[name] = value
    from alur.runner.detectors import UnknownDetector, get_detector

    disabled: set[str] = set()
    for where, codes in (
        (settings.where("disable"), settings.names("disable", '["dead-end"]')),
        ("--disable", getattr(args, "disable", None)),
    ):
        for code in codes or ():
            try:
                disabled.add(get_detector(code).code)
            except UnknownDetector as error:
                raise InputError(f"{where}: {error}") from None
    values["disabled"] = frozenset(disabled)
    if getattr(args, "format", None) == "html":
        values["coverage"] = True  # the HTML report draws the visits on the flow
    return ReplayConfig(**values)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- input


def _transcript_paths(raw: list[str], expand_paths) -> list[str]:  # type: ignore[no-untyped-def]
    """Every transcript file to read, in order; InputError for a path that
    does not exist or a folder without transcripts."""
    paths: list[str] = []
    for path in raw:
        if path != "-" and not os.path.exists(path):
            raise InputError(f"{path}: no such file or folder")
        found = list(expand_paths([path]))
        if not found:
            raise InputError(f"{path}: no transcripts in this folder (*.jsonl, *.jsonl.gz, *.ndjson, *.test.yaml)")
        paths.extend(found)
    if paths.count("-") > 1:
        raise InputError("standard input (-) can be read only once")
    return paths
