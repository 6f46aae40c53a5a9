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
from alur.runner.errors import ExitCode, InputError
from alur.runner.replay import (
    ReplayConfig,
    ReplayJob,
    ReplayReport,
    prepare,
    replay_item,
)
from alur.runner.reports import FORMATS, make_renderer, write_report
from alur.runner.safe_text import say
from alur.runner.settings import Settings, command_settings, numbers
from alur.runner.settings import jobs as jobs_setting
from alur.runner.thresholds import add_threshold_flags

# what [tool.alur.replay] may set: the thresholds, these, and `disable`
SWITCHES = ("coverage", "drift", "any_flow")
SETTINGS = (*(name for name, *_ in ReplayConfig.thresholds()), *SWITCHES, "disable", "jobs")
_SHOW_WHOLE_EXCERPT = 1 << 30  # replay already cut each excerpt to --excerpt-turns customer turns


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("flow", metavar="FLOW", help="the flow file (*.flow.yaml)")
    parser.add_argument("transcripts", nargs="+", metavar="TRANSCRIPTS", help="JSONL transcripts, *.test.yaml files, folders, or - for stdin")
    out = parser.add_argument_group("report")
    out.add_argument("--format", choices=FORMATS, default="text", help="text (default), json (contract §4), junit, or markdown for a pull-request comment")
    out.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (atomically) instead of standard output")
    out.add_argument("--coverage", action="store_true", default=None, help="list the states and transitions the conversations exercised and the ones never visited")
    out.add_argument("--no-drift", dest="drift", action="store_false", default=None, help="do not compare the replayed answers with the recorded bot turns")
    run = parser.add_argument_group("running")
    run.add_argument("-j", "--jobs", type=int, metavar="N", help="worker processes (default and at most: all cores; 1: this process only)")
    run.add_argument("--any-flow", action="store_true", default=None, help="also replay conversations recorded for another flow")
    run.add_argument("--disable", metavar="CODE", action="append", help="do not run this detector (loop, missing-escalation, dead-end, expectation); repeatable")
    run.add_argument("--config", metavar="FILE", help="the configuration to read `replay` settings from (default: the nearest .alur.yaml or pyproject.toml with [tool.alur])")
    limits = parser.add_argument_group("thresholds")
    add_threshold_flags(limits, ReplayConfig)
    add_engine_options(parser)
    parser.add_argument("--fixtures", dest="actions", type=Path, help=argparse.SUPPRESS)  # the name for --actions
    parser.epilog = "detectors:\n" + "\n".join(_describe(cls) for cls in DETECTORS.values())


def _describe(cls: type[Detector]) -> str:
    """A detector's code, kind and the first paragraph of its rule, for --help."""
    first = inspect.cleandoc(cls.__doc__ or "").split("\n\n")[0]
    return f"  {cls.code} ({cls.kind})\n" + textwrap.indent(first, "    ")


def run(args: argparse.Namespace) -> int:
    from alur.runner.parallel import (
        RenderedResults,
        counted,
        default_jobs,
        map_ordered,
        merge_into,
        shard_bytes,
        spooled_report,
    )
    from alur.runner.progress import Progress
    from alur.runner.commands._inputs import named
    from alur.runner.reports.common import count, errored
    from alur.runner.transcripts import expand_paths, input_size, is_test_yaml, read_shards

    settings = command_settings("replay", SETTINGS, args.config)
    config = replay_config(args, settings)
    if args.output and not Path(args.output).resolve().parent.is_dir():
        raise InputError(f"{args.output}: cannot write the report there: no such folder")
    flow = load_flow(args.flow)
    engine = engine_from_args(flow, args)
    fixtures = fixtures_from_args(args)
    if fixtures:
        config = replace(config, fixtures=tuple(sorted(fixtures.items())))
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
    sizes = {path: input_size(path) for path in paths}
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
    spooled = spooled_report(flow.id, render=renderer)
    report = ReplayReport(flow.id, spooled.results, spooled.skipped)
    if isinstance(spooled.results, RenderedResults):  # conversations rendered where they are replayed, on every core
        work = partial(_packed, partial(replay_item, job=job), renderer=renderer)
    else:
        work = partial(_local if jobs <= 1 else _packed, partial(replay_item, job=job))
    conversations = failed = finished = 0  # finished: bytes of the files done
    current: str | None = None
    try:
        with Progress(total, f"replaying on {flow.id}") as progress:
            for partial_report, extras, (path, position) in map_ordered(work, items(), jobs):
                merge_into(report, partial_report)
                report.add_extras(extras)
                if path != current:
                    finished += (sizes.get(current) or 0) if current is not None else 0
                    current = path
                read, found = counted(partial_report)
                conversations += read
                failed += found
                for item in partial_report.skipped:
                    progress.skipped(str(item))
                progress.update(finished + position, conversations, failed)
        if conversations == 0 and report.other_flows:
            flows = ", ".join(sorted(report.other_flows))
            raise InputError(f"none of the conversations is for flow {flow.id!r} (they are for {flows}); --any-flow replays them anyway")
        if conversations == 0 and report.skipped:
            raise InputError(f"nothing in the input could be read as a conversation ({count(len(report.skipped), 'input')} skipped)")
        if conversations == 0:  # an empty nightly export must not pass CI as "no findings"
            raise InputError(f"no conversations to replay in {named(paths)}")
        write_report(report, args.format, args.output, renderer=renderer)
        if args.format != "text" or args.output:
            say(_summary(title, conversations, failed, len(report.skipped), args.output, errored(report)))
        return ExitCode.FINDINGS if failed or report.skipped else ExitCode.OK
    finally:
        report.results.close()  # type: ignore[attr-defined]
        report.skipped.close()  # type: ignore[attr-defined]


def _summary(title: str, conversations: int, failed: int, skipped: int, output: str | None, errors: int) -> str:
    """The one line for standard error when the report goes to a file or is for a program.
    `failed` counts the `errors` too (conversations the engine could not run:
    they have no findings to count, so they are named apart)."""
    line = f"{title}: {conversations:,} conversation{'s' if conversations != 1 else ''}, {failed - errors:,} with findings"
    if errors:
        line += f", {errors:,} could not be run (the engine stopped; the report says why)"
    if skipped:
        line += f", {skipped:,} input{'s' if skipped != 1 else ''} could not be read"
    return line + (f"; report written to {output}" if output else "")


# --------------------------------------------------------------------------- work


def _local(work, item):  # type: ignore[no-untyped-def]
    """In this process (--jobs 1): the partial report, its extras, and where in the input it ends."""
    report = work(item)
    return report, report, _position(item)


def _packed(work, item, renderer=None):  # type: ignore[no-untyped-def]
    """In a worker process: the partial report's results packed for the trip
    back (alur.runner.parallel.Packed), or rendered by `renderer`, and beside
    them what merges by addition (coverage, drift, conversations for other
    flows)."""
    from alur.runner.parallel import Packed

    report = work(item)
    extras = ReplayReport(report.flow)
    extras.add_extras(report)
    return Packed.of(report, renderer), extras, _position(item)


def _position(item: object) -> tuple[str, int]:
    """(file, how far into it as stored) a piece of work reaches, for progress."""
    from alur.runner.transcripts import input_size

    if isinstance(item, str):  # a test YAML file, read whole
        return item, input_size(item) or 0
    return item.path, item.consumed  # type: ignore[attr-defined]


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
    for where, codes in ((settings.where("disable"), settings.names("disable", '["dead-end"]')), ("--disable", getattr(args, "disable", None))):
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
