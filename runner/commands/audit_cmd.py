"""Find loops and missing escalations in recorded conversations, with no flow.

TRANSCRIPTS are JSONL files of conversations (contract §2), gzip-compressed
or not, folders of them, or - for standard input. They are read as a
stream, on all cores, in constant memory; a line that cannot be read is
reported as `path:line: why` and the run goes on.

Exit status: 0 no findings, 1 findings (or lines that could not be read),
2 unusable input (no transcript could be read at all).

Settings can also live in the project's configuration, the file `alur
check` reads (the nearest .alur.yaml, or pyproject.toml with [tool.alur];
--config FILE to name one), under `audit`, named as the long options:
loop-threshold = 4, jobs = 8, phrases = ["ours.txt"] (relative to the
configuration's folder), disable = ["abandoned-customer"]. Command-line
options win (docs/configuration.md).
"""

from __future__ import annotations

import argparse
import inspect
import os
import textwrap
from collections.abc import Iterator
from dataclasses import replace
from functools import partial

from alur.runner.baseline import add_options as add_baseline_options
from alur.runner.drive import add_dask_option
from alur.runner.errors import InputError
from alur.runner.safe_text import say
from alur.runner.thresholds import add_threshold_flags


def configure(parser: argparse.ArgumentParser) -> None:
    from alur.runner.audit import DETECTORS, AuditConfig
    from alur.runner.reports import FORMATS

    parser.add_argument(
        "transcripts", nargs="+", metavar="TRANSCRIPTS", help="JSONL files (.jsonl, .jsonl.gz), folders, or - for stdin"
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), json (contract §4), junit, markdown for a pull-request comment, github annotations, or html: one self-contained page ranking the bot messages customers got stuck on",
    )
    parser.add_argument(
        "--output", "-o", metavar="FILE", help="write the report to FILE (atomically) instead of stdout"
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="processes to use (default and at most: all cores; 1: this process only)",
    )
    add_threshold_flags(parser, AuditConfig)
    parser.add_argument(
        "--phrases",
        action="append",
        metavar="FILE",
        help="add phrases from FILE under [handoff], [not_understood], [frustration], [closing], [dates] or [transfer] headings; repeatable",
    )
    parser.add_argument(
        "--disable",
        action="append",
        metavar="CODE",
        choices=DETECTORS.codes(),
        help="do not run this detector; repeatable",
    )
    add_baseline_options(parser)
    add_dask_option(parser)
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="the configuration to read `audit` settings from (default: the nearest .alur.yaml or pyproject.toml with [tool.alur])",
    )
    parser.epilog = "detectors:\n" + "\n".join(_describe(cls) for cls in DETECTORS.values())


def _describe(cls: type) -> str:
    """A detector's code, kind and rule (its docstring), for --help."""
    body = textwrap.indent(inspect.cleandoc(cls.__doc__ or ""), "    ")
    return f"  {cls.code} ({cls.kind})\n{body}\n"  # type: ignore[attr-defined]


def run(args: argparse.Namespace) -> int:
    from alur.runner.audit import audit_shard
    from alur.runner.commands._inputs import named
    from alur.runner.drive import Reading, check_output, drive, renders_early, run_options, sizes_of
    from alur.runner.parallel import default_jobs, spooled_report
    from alur.runner.reports import make_renderer

    config, jobs = _config(args)
    check_output(args.output)
    paths = list(_expand(args.transcripts))
    if not paths:
        raise InputError("no transcript files found in " + ", ".join(args.transcripts))
    usable = {"files": 0}

    def refuse(conversations: int) -> None:
        if usable["files"] == 0:
            raise InputError(f"no transcript could be read ({named(paths)})")

    renderer = make_renderer(args.format, args.output, title="alur audit", excerpt_turns=config.excerpt_turns)
    reading = Reading(
        title="alur audit",
        doing="auditing",
        verb="audit",
        skipped_unit="line",
        paths=paths,
        sizes=sizes_of(paths),
        shards=_shards(paths, usable),
        check=partial(audit_shard, config=config),
        jobs=jobs or default_jobs(),
        report=spooled_report(render=renderer if renders_early(args) else None),
        **run_options(args),  # type: ignore[arg-type]
        renderer=renderer,
        summary=_summary,
        refuse=refuse,
    )
    return drive(reading, args.format, args.output)


def _summary(report, conversations: int, failed: int) -> str:  # type: ignore[no-untyped-def]
    from alur.runner.reports.common import count, tally

    kinds = ", ".join(f"{kind} {number:,}" for kind, number in tally(report)[0].items())
    line = (
        f"{count(conversations, 'conversation')}, {conversations - failed:,} passed, {failed:,} with findings ({kinds})"
    )
    if report.skipped:
        line += f", {count(len(report.skipped), 'input')} could not be read"
    return line


# --------------------------------------------------------------------------- input


def _expand(arguments: list[str]) -> Iterator[str]:
    """The files to audit. A folder's test conversations (*.test.yaml) are
    left out with a note, not counted as unreadable: they hold no recorded
    bot turns, and a folder of a project's flows often keeps them beside
    its logs. A test file named on the command line is still reported as
    not audited (the user asked for it)."""
    from alur.runner.reports.common import count
    from alur.runner.transcripts import STDIN, expand_paths, is_test_yaml

    for argument in arguments:
        if argument != STDIN and os.path.isdir(argument):
            found = list(expand_paths([argument]))
            transcripts = [path for path in found if not is_test_yaml(path)]
            tests = len(found) - len(transcripts)
            if not transcripts:
                only = " (only test conversations, *.test.yaml: run them with `alur replay FLOW FILE`)" if tests else ""
                raise InputError(f"{argument}: no transcript files (*.jsonl, *.jsonl.gz) in this folder{only}")
            if tests:
                say(
                    f"alur audit: {argument}: {count(tests, 'test conversation file')} (*.test.yaml) not audited:"
                    " they hold no recorded bot turns; run them with `alur replay FLOW FILE`"
                )
            yield from transcripts
        else:
            yield argument


def _shards(paths: list[str], usable: dict[str, int]) -> Iterator[object]:
    """Every shard of every path, in order; test YAML and files that cannot
    be opened become one shard with an error each. Counts the files any of
    which can be read in `usable["files"]`."""
    from alur.runner.transcripts import Shard, is_test_yaml, read_shards

    for path in paths:
        if is_test_yaml(path):
            yield Shard(
                path,
                0,
                error="test conversations have no recorded bot turns to audit; run them with `alur replay FLOW FILE`",
            )
            continue
        counted, empty = False, True
        for shard in read_shards(path):
            empty = False
            if (
                not counted and shard.error is None
            ):  # usable when any of it can be read (a line too long to keep may come first)
                usable["files"] += 1
                counted = True
            yield shard
        if empty:  # an empty file: readable, holding nothing
            usable["files"] += 1


# --------------------------------------------------------------------------- settings


def _config(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The AuditConfig and job count: defaults, then the `audit` settings,
    then the command line."""
    from alur.runner.audit import DETECTORS, AuditConfig
    from alur.runner.phrases import PhraseBook, PhraseFileError
    from alur.runner.settings import command_settings, jobs, numbers

    thresholds = AuditConfig.thresholds()
    settings = command_settings(
        "audit", [*(name for name, *_ in thresholds), "phrases", "disable", "jobs"], args.config
    )
    values = numbers(settings, args, thresholds)
    disabled = [*(settings.names("disable", '["abandoned-customer"]') or ()), *(args.disable or ())]
    for code in disabled:  # the command line's are checked by argparse already
        if code not in DETECTORS:
            raise InputError(
                f"{settings.where('disable')}: no audit detector {code!r} to disable; detectors are {', '.join(DETECTORS)}"
            )
    phrases = PhraseBook.builtin()
    for file in [*(settings.files("phrases", '["ours.txt"]') or ()), *(args.phrases or ())]:
        try:
            phrases = phrases.extended_from_file(file)
        except PhraseFileError as error:
            raise InputError(str(error)) from None
    config = replace(AuditConfig(), **values, disabled=frozenset(disabled), phrases=phrases)
    return config, jobs(settings, args)
