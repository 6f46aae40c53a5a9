"""Shard → partial report → merge: corpora on all cores, in input order, in flat memory.

A run over transcripts is cut into shards (`alur.runner.transcripts.Shard`,
about a megabyte of JSONL each). One function turns a shard into a partial
`Report`; partial reports merge, in input order, into the report of the
whole run. That function is all that needs to travel, so the same work can
run in this process (`--jobs 1`), in a local process pool (`map_ordered`),
or on a cluster with Dask or Ray (docs/scaling.md).

Memory stays flat however large the corpus: at most a few shards are in
flight, and the merged report keeps its results in a `Spool`, which holds a
few thousand in memory and the rest in an unnamed temporary file, read back
one at a time when the report is rendered. The main process's own work is
what the workers cannot share, so it is kept small: workers send results
back already encoded (`Packed`) with their tally, the spool keeps the tally
of findings as results arrive, and the text and Markdown reports read back
only the results with findings (`ResultSpool`). When the run is told the
report's format in advance (`run_shards(render=...)`), the workers render
their conversations as well, and the main process only copies the text
(`RenderedResults`): rendering a report costs as much as a good part of
checking the conversations, and this way it runs on every core. With more
than one process, shards are smaller (`shard_bytes`), so that workers do not
wait long for the last ones.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from typing import IO, TYPE_CHECKING, Generic, TextIO, TypeVar

from alur.runner.errors import ExitCode, WorkerLost
from alur.runner.findings import ConversationResult, ExcerptTurn, Finding, Report, SkippedInput, Tally
from alur.runner.transcripts import SHARD_BYTES

if TYPE_CHECKING:
    from alur.runner.reports import Renderer

try:
    from orjson import dumps as _dumps
    from orjson import loads as _loads
except ImportError:  # pragma: no cover - exercised only without orjson
    import json

    def _dumps(value: object) -> bytes:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()

    _loads = json.loads

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_JOB = 3  # shards queued per worker: enough to keep it busy, few enough to stay flat
SPOOL_MEMORY = 2_000  # items a spool keeps in memory before it writes to disk
SHARDS_PER_JOB = 16  # shards each worker gets of a corpus smaller than that many megabytes
MIN_SHARD_BYTES = 256 << 10


def default_jobs() -> int:
    """The cores this process may use (respects CPU affinity and cgroup-pinned sets)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def shard_bytes(total: int | None, jobs: int) -> int:
    """How many bytes of JSONL to put in a shard for a run of `total` bytes
    (None: unknown, e.g. standard input) on `jobs` processes.

    A megabyte, unless that would give each worker fewer than
    `SHARDS_PER_JOB` shards: then smaller, down to 256 KB. When the input
    runs out, the other workers wait for the last shards; smaller ones keep
    that wait short (with a megabyte, about a tenth of a run of 20 MB on two
    cores), and at 256 KB sending a shard still costs next to nothing."""
    if jobs <= 1 or not total:
        return SHARD_BYTES
    return max(MIN_SHARD_BYTES, min(SHARD_BYTES, total // (jobs * SHARDS_PER_JOB)))


# --------------------------------------------------------------------------- running work

_installed: Callable[[object], object] | None = None


def _install(work: Callable[[object], object]) -> None:
    """Worker initializer: the work function is sent once per worker, not per shard."""
    global _installed
    _installed = work


def _run_installed(item: object) -> object:
    assert _installed is not None
    return _installed(item)


def _context() -> multiprocessing.context.BaseContext:
    """fork where it is safe and fast (Linux); spawn elsewhere (macOS, Windows)."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def map_ordered(work: Callable[[T], R], items: Iterable[T], jobs: int) -> Iterator[R]:
    """`work` over `items`, results in input order.

    `jobs` 1 runs in this process. Otherwise a pool of `jobs` processes runs
    the work, with at most `IN_FLIGHT_PER_JOB * jobs` items submitted ahead
    of the one being waited for, so memory does not grow with the input.
    `work` must be picklable (a module-level function, or a
    functools.partial of one) when processes are spawned. A worker that
    dies (killed by a signal, or by the system when memory runs out) ends
    the run with `WorkerLost`, saying how it died.
    """
    if jobs <= 1:
        for item in items:
            yield work(item)
        return
    window = IN_FLIGHT_PER_JOB * jobs
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=_install, initargs=(work,))
    pending: deque[Future[R]] = deque()
    workers: dict[int, multiprocessing.process.BaseProcess] = {}
    try:
        for item in items:
            pending.append(pool.submit(_run_installed, item))  # type: ignore[arg-type]
            workers.update(getattr(pool, "_processes", None) or {})  # the pool forgets them once broken
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool:
        # The pool's own thread stops the other workers and reaps them all. Wait for it rather than join
        # them here as well: two threads waiting on one process race for its exit status, and the one that
        # loses reads none, so the signal that killed the worker would go unnamed.
        pool.shutdown(wait=True, cancel_futures=True)
        raise worker_lost(workers) from None
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def worker_lost(workers: dict[int, multiprocessing.process.BaseProcess]) -> WorkerLost:
    """What to tell when a pool broke because a worker died: how it died
    (the signal that killed it, as the pool's processes know it), what that
    usually means, and whether running again is safe. The pool terminates the
    other workers with SIGTERM once one has died, so a worker that died of
    another signal is the one to name."""
    codes = [p.exitcode for p in list(workers.values()) if p.exitcode]
    signals = [-code for code in codes if code < 0]
    if not signals:
        status = f" with exit status {codes[0]}" if codes else ""
        return WorkerLost(
            f"a worker process stopped abruptly{status}; no report was written. {_BUG}", ExitCode.INTERNAL
        )
    number = next((n for n in signals if n != signal.SIGTERM), signals[0])
    name = _signal_name(number)
    if number in _CRASHES:
        return WorkerLost(f"a worker process crashed ({name}); no report was written. {_BUG}", 128 + number)
    why = {
        int(signal.SIGKILL): " (what the system sends when memory runs out, and `kill -9`)",
        int(signal.SIGTERM): " (a request to stop, e.g. from `kill` or a job scheduler)",
    }.get(number, "")
    return WorkerLost(
        f"a worker process was killed by {name}{why}, so the run stopped before it finished;"
        " no report was written. Nothing in the input caused this, and running the same command"
        " again is safe (with fewer --jobs if memory is short).",
        128 + number,
    )


_CRASHES = frozenset(
    getattr(signal, name) for name in ("SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGABRT") if hasattr(signal, name)
)
_BUG = "This is a bug in alur or a library it uses; running again is safe, and please report it."


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


# --------------------------------------------------------------------------- merging


class Spool(Generic[T]):
    """A list that keeps its first `memory` items in memory and the rest in
    an unnamed temporary file (deleted when closed or collected).

    It supports what a `Report` and the report formats use: `append`,
    `extend`, `len`, repeated iteration in order, and `+` with another
    iterable (giving a new spool). Items are encoded one per line with
    orjson by `encode`/`decode`.
    """

    def __init__(self, encode: Callable[[T], object], decode: Callable[[object], T], memory: int = SPOOL_MEMORY):
        self._encode = encode
        self._decode = decode
        self._memory = memory
        self._head: list[T] = []
        self._file: IO[bytes] | None = None
        self._on_disk = 0
        self._tail: list[bytes] = []

    def append(self, item: T) -> None:
        if len(self._head) < self._memory:
            self._head.append(item)
            return
        self._tail.append(_dumps(self._encode(item)))
        if len(self._tail) >= self._memory:
            self._flush()

    def extend(self, items: Iterable[T]) -> None:
        for item in items:
            self.append(item)

    def extend_encoded(self, lines: bytes, count: int) -> None:
        """Appends `count` items already encoded by `encode` as `lines` (one
        per line, newline-terminated), without decoding them when they go to
        disk: how results travel back from worker processes."""
        if not count:
            return
        if len(self._head) < self._memory:
            rows = lines.splitlines()
            room = self._memory - len(self._head)
            self._head.extend(self._decode(_loads(row)) for row in rows[:room])
            if len(rows) <= room:
                return
            lines, count = b"\n".join(rows[room:]) + b"\n", len(rows) - room
        self._flush()
        self._write(lines, count)

    def _flush(self) -> None:
        if not self._tail:
            return
        self._write(b"\n".join(self._tail) + b"\n", len(self._tail))
        self._tail.clear()

    def _write(self, lines: bytes, count: int) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="alur-spool-")
        self._file.seek(0, os.SEEK_END)
        self._file.write(lines)
        self._on_disk += count

    def __len__(self) -> int:
        return len(self._head) + self._on_disk + len(self._tail)

    def __iter__(self) -> Iterator[T]:
        yield from self._head
        for line in self._disk_lines():
            yield self._decode(_loads(line))

    def _disk_lines(self) -> Iterator[bytes]:
        """The encoded items after the head, in order."""
        self._flush()
        if self._file is not None:
            self._file.flush()
            yield from _lines_at(self._file.fileno(), self._on_disk)

    def __add__(self, other: Iterable[T]) -> Spool[T]:
        joined: Spool[T] = Spool(self._encode, self._decode, self._memory)
        joined.extend(self)
        joined.extend(other)
        return joined

    def __bool__(self) -> bool:
        return len(self) > 0

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._head.clear()
        self._tail.clear()
        self._on_disk = 0


def _lines_at(fd: int, count: int, chunk: int = 1 << 20) -> Iterator[bytes]:
    """The first `count` lines of the file open as `fd`, read with pread so
    that each iteration has its own position (spools are iterated more than
    once, and appended to between iterations)."""
    offset = 0
    carry = b""
    while count:
        block = os.pread(fd, chunk, offset)
        if not block:
            raise OSError("a spool file is shorter than what was written to it")
        offset += len(block)
        lines = (carry + block).split(b"\n")
        carry = lines.pop()
        for line in lines[:count]:
            yield line
        count -= min(count, len(lines))


def _encode_result(result: ConversationResult) -> object:
    if not result.findings and result.error is None:
        return [result.id, result.source, result.masked]  # most conversations: short lines
    return [
        result.id,
        result.source,
        result.masked,
        result.error,
        [[f.kind, f.turn, f.state, f.message, [list(t) for t in f.excerpt]] for f in result.findings],
    ]


def _decode_result(data: object) -> ConversationResult:
    if len(data) == 3:  # type: ignore[arg-type]
        return ConversationResult(data[0], [], data[1], masked=data[2])  # type: ignore[index]
    ident, source, masked, error, findings = data  # type: ignore[misc]
    return ConversationResult(
        ident,
        [
            Finding(k, turn, state, message, tuple(ExcerptTurn(*t) for t in excerpt))
            for k, turn, state, message, excerpt in findings
        ],
        source,
        error,
        masked,
    )


def _is_failing_line(line: bytes) -> bool:
    """Whether an encoded result has findings or an error, without decoding
    it: `_encode_result` ends those lines with the list of findings, and the
    others with `masked` (true or false)."""
    return line.endswith(b"]]")


class _Counted:
    """What reports read of results without reading them: their `Tally`."""

    _counts: Tally

    def tally(self) -> tuple[dict[str, int], int]:
        """(findings by kind, conversations with findings or errors)."""
        return self._counts.tally()

    def errors(self) -> int:
        """Conversations that could not be run."""
        return self._counts.errors


class ResultSpool(Spool[ConversationResult], _Counted):
    """The results of a spooled report, with what reports need without
    reading every result back from disk (`alur.runner.reports.common`):
    the tally of findings, counted as results are added (for packed results,
    by the worker that packed them), and the results with findings alone,
    in order, the passing ones (most of a corpus) skipped undecoded."""

    def __init__(self, memory: int = SPOOL_MEMORY):
        super().__init__(_encode_result, _decode_result, memory)
        self._counts = Tally()

    def append(self, item: ConversationResult) -> None:
        super().append(item)
        self._counts.add(item)

    def extend_packed(self, packed: Packed) -> None:
        self.extend_encoded(packed.results, packed.conversations)
        self._counts.add_counts(packed.failed, packed.errors, packed.kinds)

    def failing(self) -> Iterator[ConversationResult]:
        """The results with findings or errors, in order."""
        for result in self._head:
            if result.findings or result.error is not None:
                yield result
        for line in self._disk_lines():
            if _is_failing_line(line):
                yield _decode_result(_loads(line))

    def close(self) -> None:
        super().close()
        self._counts = Tally()


class RenderedResults(_Counted):
    """The results of a run as the body of one report, rendered by the
    workers that checked them (`Packed.rendered`), with their tally: all a
    report needs of them. The text waits in an unnamed temporary file, so
    memory stays flat however many conversations have findings."""

    def __init__(self, renderer: Renderer):
        assert renderer.separator is not None, f"the {renderer.name} report is rendered whole"
        self.rendered_by = type(renderer)
        self._separator = renderer.separator
        self._file: IO[str] | None = tempfile.TemporaryFile("w+", encoding="utf-8", prefix="alur-report-")
        self._written = False
        self._conversations = 0
        self._counts = Tally()

    def add(self, packed: Packed) -> None:
        assert self._file is not None and packed.rendered is not None
        if packed.rendered:
            if self._written:
                self._file.write(self._separator)
            self._file.write(packed.rendered)
            self._written = True
        self._conversations += packed.conversations
        self._counts.add_counts(packed.failed, packed.errors, packed.kinds)

    def write_body(self, out: TextIO) -> None:
        """Copies the rendered conversations, in input order, to `out`."""
        assert self._file is not None
        self._file.flush()
        self._file.seek(0)
        shutil.copyfileobj(self._file, out, 1 << 16)

    def __len__(self) -> int:
        return self._conversations

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def _encode_skipped(skipped: SkippedInput) -> object:
    return [skipped.source, skipped.reason]


def _decode_skipped(data: object) -> SkippedInput:
    return SkippedInput(*data)  # type: ignore[misc]


def spooled_report(flow: str | None = None, memory: int = SPOOL_MEMORY, render: Renderer | None = None) -> Report:
    """An empty report whose results and skipped inputs live in spools; its
    results rendered already (`RenderedResults`) when `render` is a
    renderer whose format has fragments, for partials packed with it."""
    rendered = render is not None and render.separator is not None
    return Report(
        flow=flow,
        results=RenderedResults(render) if rendered else ResultSpool(memory),  # type: ignore[arg-type]
        skipped=Spool(_encode_skipped, _decode_skipped, memory),  # type: ignore[arg-type]
    )


def merge_into(total: Report, partial: Report | Packed) -> None:
    """Adds `partial` at the end of `total` in place: `Report.merge` without
    building a new report, so a spooled total stays on disk. A total of
    `RenderedResults` takes partials packed with the same renderer."""
    if isinstance(total.results, RenderedResults):
        assert isinstance(partial, Packed)
        total.results.add(partial)
    elif isinstance(partial, Packed):
        total.results.extend_packed(partial)  # type: ignore[attr-defined]
    else:
        total.results.extend(partial.results)
    total.skipped.extend(partial.skipped)
    if total.flow is None:
        total.flow = partial.flow


@dataclass(frozen=True, slots=True)
class Packed:
    """A partial report packed for the trip back from a worker process: its
    results already encoded as spool lines, so that the process merging them
    spends no time unpickling objects it would only write to disk again; or,
    packed with a renderer, rendered as that report's body (`rendered`), with
    no results to send at all."""

    flow: str | None
    conversations: int
    results: bytes
    skipped: list[SkippedInput]
    failed: int  # conversations with findings or errors
    kinds: dict[str, int]  # findings by kind
    errors: int = 0  # conversations that could not be run
    rendered: str | None = None

    @classmethod
    def of(cls, report: Report, renderer: Renderer | None = None) -> Packed:
        counts = Tally.of(report.results)
        if renderer is not None:
            lines, rendered = b"", renderer.fragments(report.results)
        else:
            lines, rendered = b"".join(_dumps(_encode_result(r)) + b"\n" for r in report.results), None
        return cls(
            report.flow,
            len(report.results),
            lines,
            list(report.skipped),
            counts.failed,
            dict(counts.kinds),
            counts.errors,
            rendered,
        )


def counted(partial: Report | Packed) -> tuple[int, int]:
    """(conversations, conversations with findings or errors) of a partial
    report as it arrives, packed by a worker or not: for progress lines."""
    if isinstance(partial, Packed):
        return partial.conversations, partial.failed
    return len(partial.results), Tally.of(partial.results).failed


def _in_process(work: Callable[[T], Report], shard: T) -> tuple[Report, Report]:
    """`work` in this process: its partial report is its own extras."""
    report = work(shard)
    return report, report


class _Packing(Generic[T]):
    """`work`, returning its partial report packed, or rendered by `renderer`,
    and its extras (`Report.extras`) apart; picklable when `work` is."""

    def __init__(self, work: Callable[[T], Report], renderer: Renderer | None = None):
        self.work = work
        self.renderer = renderer

    def __call__(self, shard: T) -> tuple[Packed, Report]:
        report = self.work(shard)
        return Packed.of(report, self.renderer), report.extras()


def run_shards(
    work: Callable[[T], Report],
    shards: Iterable[T],
    jobs: int,
    on_partial: Callable[[T, Report | Packed], None] | None = None,
    memory: int = SPOOL_MEMORY,
    render: Renderer | None = None,
    into: Report | None = None,
    dask: str | None = None,
) -> Report:
    """Maps `work` over `shards` on `jobs` processes and merges the partial
    reports in input order into one spooled report (`into`, an empty report
    made by `spooled_report` and given the type the run needs, or a new
    one), their extras too (`Report.add_extras`). `on_partial(shard,
    partial)` sees each partial report (a Report, or a Packed one from a
    worker process) as it is merged: for progress and messages.

    With `render` (a renderer whose format has fragments), the conversations
    are rendered where they are checked and the report holds them rendered
    (`RenderedResults`); write it with that same renderer. With `dask`, a
    Dask scheduler's address, the shards run on that cluster instead
    (`alur.runner.cluster`), packed as for worker processes."""
    total = into if into is not None else spooled_report(memory=memory, render=render)
    task: Callable[[T], tuple[Report | Packed, Report]]
    if isinstance(total.results, RenderedResults):
        task = _Packing(work, render)
    else:
        task = partial(_in_process, work) if jobs <= 1 and dask is None else _Packing(work)
    queued: deque[T] = deque()

    def remember(items: Iterable[T]) -> Iterator[T]:
        for item in items:
            queued.append(item)
            yield item

    if dask is not None:
        from alur.runner.cluster import map_on_cluster

        results = map_on_cluster(task, remember(shards), dask)
    else:
        results = map_ordered(task, remember(shards), jobs)
    for partial_report, extras in results:
        shard = queued.popleft()
        merge_into(total, partial_report)
        total.add_extras(extras)
        if on_partial is not None:
            on_partial(shard, partial_report)
    return total
