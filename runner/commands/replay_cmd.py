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

Thresholds and detectors can also be set under [tool.alur.replay] in
pyproject.toml (found from the current folder upwards, or --config FILE):

  [tool.alur.replay]
  loop-threshold = 4
  disable = ["dead-end"]

Exit status: 0 no findings; 1 findings, conversations that could not be
run, or lines that could not be read; 2 unusable input (a flow that cannot
run, a transcript path that does not exist, a bad option or setting).
"""

from __future__ import annotations

import argparse
import inspect
import os
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TextIO

from alur.runner.commands._engine_options import add_engine_options, engine_from_args, fixtures_from_args, load_flow
from alur.runner.detectors import DETECTORS, Detector
from alur.runner.errors import ExitCode, InputError
from alur.runner.reports import FORMATS, color_wanted, renderer
from alur.runner.replay import ReplayConfig, ReplayJob, ReplayReport, prepare, replay_item

_SETTINGS_SECTION = "[tool.alur.replay]"
_SHOW_WHOLE_EXCERPT = 1 << 30  # replay already cut each excerpt to --excerpt-turns customer turns


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("flow", metavar="FLOW", help="the flow file (*.flow.yaml)")
    parser.add_argument("transcripts", nargs="+", metavar="TRANSCRIPTS", help="JSONL transcripts, *.test.yaml files, folders, or - for stdin")
    out = parser.add_argument_group("report")
    out.add_argument("--format", choices=FORMATS, default="text", help="text (default), json (contract §4), junit, or markdown for a pull-request comment")
    out.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (atomically) instead of standard output")
    out.add_argument("--coverage", action="store_true", default=None, help="list the states and transitions the conversations exercised and the ones never visited")
    out.add_argument("--no-drift", dest="drift", action="store_false", default=None, help="do not compare the replayed answers with the recorded bot turns")
    run = parser.add_argument_group("running")
    run.add_argument("-j", "--jobs", type=int, metavar="N", help="worker processes (default: all cores)")
    run.add_argument("--any-flow", action="store_true", default=None, help="also replay conversations recorded for another flow")
    run.add_argument("--disable", metavar="CODE", action="append", help="do not run this detector (loop, missing-escalation, dead-end, expectation); repeatable")
    run.add_argument("--config", metavar="FILE", help=f"pyproject.toml to read {_SETTINGS_SECTION} from (default: the nearest one)")
    limits = parser.add_argument_group("thresholds")
    for name, default, minimum, help_ in ReplayConfig.thresholds():
        limits.add_argument(_flag(name), type=int, metavar="N", help=f"{help_} (default {default}, at least {minimum})")
    add_engine_options(parser)
    parser.add_argument("--fixtures", dest="actions", type=Path, help=argparse.SUPPRESS)  # the name for --actions
    parser.epilog = "detectors:\n" + "\n".join(_describe(cls) for cls in DETECTORS.values())


def _describe(cls: type[Detector]) -> str:
    """A detector's code, kind and the first paragraph of its rule, for --help."""
    first = inspect.cleandoc(cls.__doc__ or "").split("\n\n")[0]
    return f"  {cls.code} ({cls.kind})\n" + textwrap.indent(first, "    ")


def run(args: argparse.Namespace) -> int:
    from alur.runner.parallel import Packed, default_jobs, map_ordered, merge_into, spooled_report
    from alur.runner.privacy import mask_text
    from alur.runner.progress import Progress
    from alur.runner.transcripts import expand_paths, is_test_yaml, read_shards

    config = _config(args)
    if args.output and not Path(args.output).resolve().parent.is_dir():
        raise InputError(f"{args.output}: cannot write the report there: no such folder")
    flow = load_flow(args.flow)
    engine = engine_from_args(flow, args)
    fixtures = fixtures_from_args(args)
    if fixtures:
        config = replace(config, fixtures=tuple(sorted(fixtures.items())))
    job = ReplayJob(str(args.flow), config, getattr(args, "nlu", None), bool(args.trust_recorded_intents), args.seed or 0)
    prepare(job, engine)  # workers forked from here start with the engine built

    paths = _transcript_paths(args.transcripts, expand_paths)
    sizes = {path: _size(path) for path in paths}
    known = None not in sizes.values()
    jobs = args.jobs if args.jobs is not None else default_jobs()
    if jobs < 1:
        raise InputError(f"--jobs {jobs}: give 1 or more worker processes")
    if known:  # no more workers than pieces of work (about 1 MB of JSONL each)
        pieces = sum(1 if is_test_yaml(p) else sizes[p] // (1 << 20) + 1 for p in paths)  # type: ignore[operator]
        jobs = max(1, min(jobs, pieces))

    def items() -> Iterator[object]:
        for path in paths:
            if is_test_yaml(path):
                yield path
            else:
                yield from read_shards(path)

    spooled = spooled_report(flow.id)
    report = ReplayReport(flow.id, spooled.results, spooled.skipped)
    work = partial(_local if jobs <= 1 else _packed, partial(replay_item, job=job))
    conversations = failed = finished = 0  # finished: bytes of the files done
    current: str | None = None
    try:
        with Progress(sum(sizes.values()) if known else None, f"replaying on {flow.id}") as progress:  # type: ignore[arg-type]
            for partial_report, extras, (path, position) in map_ordered(work, items(), jobs):
                merge_into(report, partial_report)
                report.add_extras(extras)
                if path != current:
                    finished += (sizes.get(current) or 0) if current is not None else 0
                    current = path
                if isinstance(partial_report, Packed):
                    conversations += partial_report.conversations
                    failed += partial_report.failed
                else:
                    conversations += len(partial_report.results)
                    failed += sum(1 for r in partial_report.results if r.findings or r.error)
                for item in partial_report.skipped:
                    progress.write(mask_text(str(item)))
                progress.update(finished + position, conversations, failed)
        if conversations == 0 and report.other_flows:
            flows = ", ".join(sorted(report.other_flows))
            raise InputError(f"none of the conversations is for flow {flow.id!r} (they are for {flows}); --any-flow replays them anyway")
        if conversations == 0 and report.skipped:
            raise InputError(f"nothing in the input could be read as a conversation ({len(report.skipped):,} inputs skipped)")
        title = f"alur replay {flow.id}"
        _write(report, args.format, args.output, title)
        if args.format != "text" or args.output:
            print(_summary(title, conversations, failed, len(report.skipped), args.output), file=sys.stderr)
        return ExitCode.FINDINGS if failed or report.skipped else ExitCode.OK
    finally:
        report.results.close()  # type: ignore[attr-defined]
        report.skipped.close()  # type: ignore[attr-defined]


def _summary(title: str, conversations: int, failed: int, skipped: int, output: str | None) -> str:
    """The one line for standard error when the report goes to a file or is for a program."""
    line = f"{title}: {conversations:,} conversation{'s' if conversations != 1 else ''}, {failed:,} with findings"
    if skipped:
        line += f", {skipped:,} input{'s' if skipped != 1 else ''} could not be read"
    return line + (f"; report written to {output}" if output else "")


# --------------------------------------------------------------------------- work


def _local(work, item):  # type: ignore[no-untyped-def]
    """In this process (--jobs 1): the partial report, its extras, and where in the input it ends."""
    report = work(item)
    return report, report, _position(item)


def _packed(work, item):  # type: ignore[no-untyped-def]
    """In a worker process: the partial report's results packed for the trip
    back (alur.runner.parallel.Packed), and beside them what merges by
    addition (coverage, drift, conversations for other flows)."""
    from alur.runner.parallel import Packed

    report = work(item)
    extras = ReplayReport(report.flow)
    extras.add_extras(report)
    return Packed.of(report), extras, _position(item)


def _position(item: object) -> tuple[str, int]:
    """(file, how far into it as stored) a piece of work reaches, for progress."""
    if isinstance(item, str):  # a test YAML file, read whole
        return item, _size(item) or 0
    return item.path, item.consumed  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- settings


def _config(args: argparse.Namespace) -> ReplayConfig:
    """Defaults, then [tool.alur.replay], then the command line."""
    values: dict[str, object] = {}
    values.update(_file_settings(args.config))
    for name, _default, _minimum, _help in ReplayConfig.thresholds():
        given = getattr(args, name)
        if given is not None:
            values[name] = given
    for name in ("coverage", "drift", "any_flow"):
        given = getattr(args, name)
        if given is not None:
            values[name] = given
    if args.disable:
        values["disabled"] = frozenset(values.get("disabled", frozenset())) | frozenset(args.disable)  # type: ignore[arg-type]
    for name, _default, minimum, _help in ReplayConfig.thresholds():
        value = values.get(name)
        if value is not None and value < minimum:  # type: ignore[operator]
            raise InputError(f"{_flag(name)} {value}: must be at least {minimum}")
    config = ReplayConfig(**values)  # type: ignore[arg-type]
    from alur.runner.detectors import UnknownDetector, get_detector

    try:
        disabled = frozenset(get_detector(code).code for code in config.disabled)
    except UnknownDetector as error:
        raise InputError(str(error)) from None
    return replace(config, disabled=disabled)


def _file_settings(explicit: str | None) -> dict[str, object]:
    """The [tool.alur.replay] settings, as ReplayConfig field values."""
    import tomllib

    path = Path(explicit) if explicit else _nearest_pyproject()
    if path is None:
        return {}
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except FileNotFoundError:
        raise InputError(f"{path}: no such configuration file") from None
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"{path}: cannot read it as TOML: {error}") from None
    section = document.get("tool", {}).get("alur", {})
    section = section.get("replay") if isinstance(section, dict) else None
    if section is None:
        return {}
    where = f"{path} {_SETTINGS_SECTION}"
    if not isinstance(section, dict):
        raise InputError(f"{where}: must be a table of settings")
    numbers = {name: minimum for name, _d, minimum, _h in ReplayConfig.thresholds()}
    switches = {"any_flow", "coverage", "drift"}
    known = sorted(name.replace("_", "-") for name in [*numbers, *switches, "disable"])
    values: dict[str, object] = {}
    for key, value in section.items():
        name = key.replace("-", "_")
        if name in numbers:
            if not isinstance(value, int) or isinstance(value, bool) or value < numbers[name]:
                raise InputError(f"{where}: {key} must be a whole number of at least {numbers[name]}, got {value!r}")
            values[name] = value
        elif name in switches:
            if not isinstance(value, bool):
                raise InputError(f"{where}: {key} must be true or false, got {value!r}")
            values[name] = value
        elif name == "disable":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
                raise InputError(f"{where}: disable must be a list of detector codes, e.g. [\"dead-end\"]")
            values["disabled"] = frozenset(value)
        else:
            raise InputError(f"{where}: unknown setting {key!r}; settings are {', '.join(known)}")
    return values


def _nearest_pyproject() -> Path | None:
    folder = Path.cwd().resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / "pyproject.toml"
        if path.is_file():
            return path
    return None


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


def _size(path: str | None) -> int | None:
    """A file's size, for progress; None for standard input."""
    if path is None or path == "-":
        return None
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


# --------------------------------------------------------------------------- output


def _write(report: ReplayReport, fmt: str, output: str | None, title: str) -> None:
    if output is None:
        _render(report, fmt, sys.stdout, fmt == "text" and color_wanted(sys.stdout), title)
        sys.stdout.flush()
        return
    with _atomic(output) as out:
        _render(report, fmt, out, False, title)


def _render(report: ReplayReport, fmt: str, out: TextIO, color: bool, title: str) -> None:
    """The shared report format, with replay's own sections: coverage and
    drift after the text and Markdown reports, extra keys in the JSON one."""
    shared = renderer(fmt, title=title, color=color, excerpt_turns=_SHOW_WHOLE_EXCERPT)
    if fmt == "json":
        held = _HoldLast(out)
        shared.render(report, held)
        held.finish(report.extras())
        return
    shared.render(report, out)
    if fmt == "text":
        lines = _notes(report)
        if report.drift is not None:
            lines += report.drift.text_lines()
        if report.coverage is not None:
            lines += report.coverage.text_lines()
    elif fmt == "markdown":
        lines = [""] + _notes(report) if report.other_flows else []
        if report.drift is not None:
            lines += report.drift.markdown_lines()
        if report.coverage is not None:
            lines += report.coverage.markdown_lines()
    else:
        return
    if lines:
        out.write("\n" + "\n".join(lines) + "\n")


def _notes(report: ReplayReport) -> list[str]:
    if not report.other_flows:
        return []
    total = sum(report.other_flows.values())
    flows = ", ".join(f"{flow} ({count:,})" for flow, count in report.other_flows.most_common())
    return [f"note: {total:,} conversation{'s' if total != 1 else ''} recorded for other flows not replayed: {flows}; --any-flow replays them"]


class _HoldLast:
    """A stream that holds back the end of a JSON object, so that keys can
    be added to it: the shared JSON report ends with `}` and a newline."""

    def __init__(self, out: TextIO):
        self.out = out
        self.held = ""

    def write(self, text: str) -> int:
        self.out.write(self.held)
        self.held = text
        return len(text)

    def flush(self) -> None:
        self.out.flush()

    def finish(self, extra: dict[str, object]) -> None:
        import json

        tail = self.held.rstrip()
        if not extra or not tail.endswith("}"):
            self.out.write(self.held)
            return
        added = "".join(f',\n {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}' for key, value in extra.items())
        self.out.write(tail[:-1] + added + "}\n")


@contextmanager
def _atomic(output: str) -> Iterator[TextIO]:
    """A file that appears at `output` only once it is completely written."""
    target = Path(output)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError(f"{output}: cannot write the report: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise InputError(f"{output}: cannot write the report: {error.strerror or error}") from None
        raise
