"""One driver for the commands that read transcripts: `alur audit` and `alur replay`.

Both read files of conversations in shards, check each shard (here or on
worker processes, `alur.runner.parallel.run_shards`), show progress, refuse
an input with nothing in it to check, write the report, print a summary
when the report goes to a file or a program, and exit 0 or 1. What a shard
is checked with, and what each command has to say, are all that differ:
the command gives those as a `Reading`, and `drive` does the rest, once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from alur.runner.errors import ExitCode, InputError
from alur.runner.findings import Report
from alur.runner.safe_text import say

if TYPE_CHECKING:
    from alur.runner.reports import Renderer


@dataclass
class Reading:
    """A run over transcripts, as a command sets it up."""

    title: str  # the report's title and the summary's first words: "alur audit"
    doing: str  # the progress line's: "auditing"
    verb: str  # in "no conversations to VERB in ...": "audit"
    skipped_unit: str  # what a skipped entry is called, "line" or "input"
    paths: list[str]
    sizes: dict[str, int | None]  # bytes of each path as stored; None when unknown (standard input)
    shards: Iterable[object]  # shards of the paths, or whole test files, in input order
    check: Callable[[object], Report]  # a shard's partial report; picklable for worker processes
    jobs: int
    report: Report  # the empty, spooled report to merge into (`parallel.spooled_report`)
    renderer: Renderer
    summary: Callable[[Report, int, int], str]  # (report, conversations, failed) → the summary's counts
    dask: str | None = None  # --dask ADDRESS: run the shards on that Dask cluster
    baseline: str | None = None  # --baseline FILE: its findings do not fail the run
    write_baseline: str | None = None  # --write-baseline FILE
    refuse: Callable[[int], None] = field(default=lambda conversations: None)
    written: Callable[[Report], None] = field(
        default=lambda report: None
    )  # after the report (replay's --show-sensitive)
    # given the conversations read, raises InputError for what the command
    # alone refuses, before the refusals every command shares


def check_output(output: str | None) -> None:
    """Refuses, before any work, a report path whose folder does not exist."""
    if output and not Path(output).resolve().parent.is_dir():
        raise InputError(f"{output}: cannot write the report there: no such folder")


def sizes_of(paths: list[str]) -> dict[str, int | None]:
    """Each path's size as stored, for progress (None: unknown)."""
    from alur.runner.transcripts import input_size

    return {path: input_size(path) for path in paths}


def drive(reading: Reading, format: str, output: str | None) -> int:
    """Runs `reading`, writes its report in `format` to `output` (or
    standard output) and returns the exit status; the report's spools are
    closed whatever happens."""
    from alur.runner.commands._inputs import named
    from alur.runner.parallel import counted, run_shards
    from alur.runner.progress import Progress
    from alur.runner.reports import write_report
    from alur.runner.reports.common import count

    report = reading.report
    sizes = reading.sizes
    done_before = 0  # bytes of the files already finished
    current: dict[str, object] = {"path": None, "size": 0}
    conversations = failed = 0
    known = None not in sizes.values()
    try:
        with Progress(sum(sizes.values()) if known else None, reading.doing) as progress:  # type: ignore[arg-type]

            def seen(shard: object, partial_report: object) -> None:
                nonlocal done_before, conversations, failed
                path, position = _position(shard)
                if path != current["path"]:
                    done_before += current["size"] or 0  # type: ignore[operator]
                    current["path"], current["size"] = path, sizes.get(path) or 0
                read, found = counted(partial_report)  # type: ignore[arg-type]
                conversations += read
                failed += found
                for item in partial_report.skipped:  # type: ignore[attr-defined]
                    progress.skipped(str(item))
                progress.update(done_before + position, conversations, failed)

            run_shards(
                reading.check,
                reading.shards,
                reading.jobs,
                seen,
                render=reading.renderer,
                into=report,
                dask=reading.dask,
            )
        reading.refuse(conversations)
        if conversations == 0 and report.skipped:
            skipped = count(len(report.skipped), reading.skipped_unit)
            raise InputError(f"nothing in the input could be read as a conversation ({skipped} skipped)")
        if conversations == 0:  # an empty nightly export must not pass CI as "no findings"
            raise InputError(f"no conversations to {reading.verb} in {named(reading.paths)}")
        write_report(report, format, output, renderer=reading.renderer)
        reading.written(report)
        if format != "text" or output:
            line = f"{reading.title}: {reading.summary(report, conversations, failed)}"
            say(line + (f"; report written to {output}" if output else ""))
        return exit_status(reading.verb, report, failed, reading.baseline, reading.write_baseline)
    finally:
        report.results.close()  # type: ignore[attr-defined]
        report.skipped.close()  # type: ignore[attr-defined]


def run_options(args: object) -> dict[str, str | None]:
    """What a `Reading` takes from the options every reading command has."""
    return {name: getattr(args, name, None) for name in ("dask", "baseline", "write_baseline")}


def add_dask_option(parser: object) -> None:
    parser.add_argument(  # type: ignore[attr-defined]
        "--dask",
        metavar="ADDRESS",
        help="run on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786); needs pip install 'alur[dask]'",
    )


def renders_early(args: object) -> bool:
    """Whether workers may render the report as they go (`run_shards(render=)`):
    not when a baseline needs every finding back in this process."""
    return not (getattr(args, "baseline", None) or getattr(args, "write_baseline", None))


def exit_status(command: str, report: Report, failed: int, baseline: str | None, write_to: str | None) -> int:
    """1 for conversations with findings (only new ones, given a baseline),
    conversations that could not be run, or input that could not be read;
    else 0. Writes and compares baselines on the way."""
    from alur.runner import baseline as baselines
    from alur.runner.reports.common import errored

    if baseline or write_to:
        results = report.results.failing() if hasattr(report.results, "failing") else report.results
        verdict = baselines.apply(command, baselines.of_results(results), baseline, write_to)
        if verdict is not None:
            failed = int(verdict) + errored(report)
    return ExitCode.FINDINGS if failed or report.skipped else ExitCode.OK


def _position(shard: object) -> tuple[str, int]:
    """(file, how far into it as stored) a piece of work reaches, for progress."""
    from alur.runner.transcripts import input_size

    if isinstance(shard, str):  # a test YAML file, read whole
        return shard, input_size(shard) or 0
    return shard.path, shard.consumed  # type: ignore[attr-defined]
