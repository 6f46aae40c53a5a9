"""Shard → partial report → merge: order, equality with one process, the
spool that keeps merged reports on disk, and the pieces Dask or Ray would map."""

from __future__ import annotations

import functools
import io
import json
import os
import pickle
import signal
import time
from pathlib import Path

import pytest

from alur.runner.audit import AuditConfig, audit_shard
from alur.runner.errors import WorkerLost
from alur.runner.findings import ConversationResult, ExcerptTurn, Finding, Report, SkippedInput
from alur.runner.parallel import Packed, Spool, map_ordered, merge_into, run_shards, shard_bytes, spooled_report
from alur.runner.transcripts import read_shards

MENU = "Pilih menu: 1. Cek pesanan 2. Pembayaran"


def _slow_square(n: int) -> int:
    time.sleep(0.002 * (n % 5))  # later items often finish first
    return n * n


def test_map_ordered_keeps_input_order_across_processes() -> None:
    assert list(map_ordered(_slow_square, range(60), jobs=3)) == [n * n for n in range(60)]
    assert list(map_ordered(_slow_square, range(5), jobs=1)) == [0, 1, 4, 9, 16]


def test_map_ordered_does_not_read_far_ahead_of_the_results() -> None:
    pulled = []

    def items():  # type: ignore[no-untyped-def]
        for n in range(100):
            pulled.append(n)
            yield n

    results = map_ordered(_slow_square, items(), jobs=2)
    next(results)
    assert len(pulled) <= 2 * 3 + 1  # the window, not the whole input
    results.close()


def _killed_at_three(n: int) -> int:
    if n == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
    time.sleep(0.05)
    return n


def test_a_worker_killed_by_sigkill_is_named_every_time_not_only_when_the_race_goes_well() -> None:
    """The pool stops the other worker with SIGTERM once one has died. Read
    carelessly, the killed worker's own exit status is lost to the pool's
    thread about one time in twenty, and the run blames SIGTERM."""
    blamed = []
    for _ in range(30):
        with pytest.raises(WorkerLost) as lost:
            list(map_ordered(_killed_at_three, range(12), jobs=2))
        blamed.append("SIGKILL" in str(lost.value) and lost.value.exit_code == 128 + signal.SIGKILL)
    assert all(blamed), f"{blamed.count(False)} of {len(blamed)} runs did not name SIGKILL"


def _corpus(path: Path, conversations: int) -> Path:
    lines = []
    for i in range(conversations):
        if i % 5 == 0:
            turns = [("bot", MENU), ("user", "refund"), ("bot", MENU), ("user", "refund!!"), ("bot", MENU)]
        elif i % 11 == 0:
            lines.append("{broken")
            continue
        else:
            turns = [("user", f"cek INV-{i:06d}"), ("bot", f"Pesanan INV-{i:06d} dikirim."), ("user", "makasih")]
        lines.append(json.dumps({"id": f"c-{i}", "turns": [{"role": r, "text": t} for r, t in turns]}))
    path.write_text("\n".join(lines) + "\n")
    return path


def test_partial_reports_of_shards_merge_into_the_report_of_the_whole(tmp_path: Path) -> None:
    path = str(_corpus(tmp_path / "c.jsonl", 400))
    config = AuditConfig()
    (whole,) = [audit_shard(s, config) for s in read_shards(path, shard_bytes=1 << 30)]
    partials = [audit_shard(s, config) for s in read_shards(path, shard_bytes=700)]
    assert len(partials) > 10
    merged = functools.reduce(Report.merge, partials)
    assert merged.to_dict() == whole.to_dict()
    assert [r.findings for r in merged.results] == [r.findings for r in whole.results]
    assert merged.summary()["loop"] == 80 and len(merged.skipped) == len(whole.skipped) > 0


def test_running_on_two_processes_equals_one_and_excerpts_survive(tmp_path: Path) -> None:
    path = str(_corpus(tmp_path / "c.jsonl", 400))
    work = functools.partial(audit_shard, config=AuditConfig())
    one = run_shards(work, read_shards(path, shard_bytes=2000), jobs=1, memory=50)
    two = run_shards(work, read_shards(path, shard_bytes=2000), jobs=2, memory=50)
    assert one.to_dict() == two.to_dict()
    excerpts = [[f.excerpt for f in r.findings] for r in two.results]
    assert excerpts == [[f.excerpt for f in r.findings] for r in one.results]
    assert excerpts[0][0][-1] == ExcerptTurn(4, "bot", MENU)


def test_on_partial_sees_every_shard_in_order(tmp_path: Path) -> None:
    path = str(_corpus(tmp_path / "c.jsonl", 200))
    seen = []
    run_shards(
        functools.partial(audit_shard, config=AuditConfig()),
        read_shards(path, shard_bytes=1500),
        2,
        lambda s, p: seen.append((s.first_line, p.conversations if isinstance(p, Packed) else len(p.results))),
    )
    assert [first for first, _ in seen] == sorted(first for first, _ in seen)
    assert sum(n for _, n in seen) == 200 - len([i for i in range(200) if i % 11 == 0 and i % 5])


def test_a_spool_keeps_order_on_disk_and_can_be_read_again() -> None:
    spool: Spool[int] = Spool(lambda n: n, lambda n: n, memory=3)  # type: ignore[arg-type,return-value]
    spool.extend(range(10))
    assert len(spool) == 10 and spool._file is not None
    assert list(spool) == list(range(10))
    spool.append(10)
    assert list(spool) == list(range(11)) and list(spool) == list(range(11))
    nested = [(a, b) for a in spool for b in spool if a == b]
    assert nested == [(n, n) for n in range(11)]
    assert list(spool + [11, 12]) == list(range(13))
    spool.close()
    assert list(spool) == []


def test_a_spooled_report_round_trips_results_and_skipped_lines() -> None:
    results = [
        ConversationResult(
            f"c-{i}",
            [Finding("loop", 2, "menu", "m", (ExcerptTurn(2, "bot", "Halo 🙏"),))] if i % 2 else [],
            f"f:{i}",
            "boom" if i == 3 else None,
        )
        for i in range(25)
    ]
    partial = Report(None, results[:12], [SkippedInput("f:99", "not valid JSON")])
    packed = pickle.loads(pickle.dumps(Packed.of(Report(None, results[12:]))))
    total = spooled_report(memory=5)
    merge_into(total, partial)
    merge_into(total, packed)
    assert [r.to_dict() for r in total.results] == [r.to_dict() for r in results]
    assert [f.excerpt for r in total.results for f in r.findings] == [f.excerpt for r in results for f in r.findings]
    assert list(total.skipped) == [SkippedInput("f:99", "not valid JSON")]
    assert total.summary()["loop"] == 12 and total.conversations == 25


def test_memory_of_a_spooled_report_does_not_grow_with_the_corpus() -> None:
    total = spooled_report(memory=100)
    for i in range(50):
        merge_into(total, Packed.of(Report(None, [ConversationResult(f"c-{i}-{j}", [], "f:1") for j in range(200)])))
    assert len(total.results) == 10_000
    assert len(total.results._head) == 100 and len(total.results._tail) < 100  # type: ignore[attr-defined]
    assert os.fstat(total.results._file.fileno()).st_size > 10_000 * 20  # type: ignore[attr-defined]


def test_the_unit_of_work_needs_nothing_but_its_arguments(tmp_path: Path) -> None:
    """What Dask or Ray would ship to a worker: a shard and a config, both picklable."""
    path = str(_corpus(tmp_path / "c.jsonl", 50))
    shard = next(read_shards(path, shard_bytes=1 << 30))
    config = AuditConfig()
    shipped = pickle.loads(pickle.dumps((shard, config)))
    assert audit_shard(*shipped).to_dict() == audit_shard(shard, config).to_dict()


def test_a_whole_file_is_a_unit_of_work_too(tmp_path: Path) -> None:
    from alur.runner.audit import audit_path

    path = str(_corpus(tmp_path / "c.jsonl", 120))
    config = AuditConfig()
    by_shards = functools.reduce(Report.merge, [audit_shard(s, config) for s in read_shards(path, shard_bytes=500)])
    assert audit_path(path, config).to_dict() == by_shards.to_dict()


def test_shards_are_smaller_when_a_run_is_spread_over_several_processes() -> None:
    """So that workers do not wait long for the last shards of a run; never
    so small that sending them costs, nor larger than a megabyte."""
    assert shard_bytes(20 << 20, 1) == shard_bytes(None, 4) == 1 << 20
    two = shard_bytes(20 << 20, 2)
    assert (20 << 20) // two >= 2 * 16 and two >= 256 << 10
    assert shard_bytes(1 << 20, 8) == 256 << 10
    assert shard_bytes(10 << 30, 8) == 1 << 20


def _mixed_results(count: int) -> list[ConversationResult]:
    return [
        ConversationResult(
            f"c-{i}",
            [Finding("loop" if i % 2 else "dead_end", 2, "menu", "m", (ExcerptTurn(2, "bot", MENU),))]
            if i % 7 == 0
            else [],
            f"f:{i}",
            "boom" if i == 30 else None,
        )
        for i in range(count)
    ]


def test_a_spooled_report_renders_as_the_same_report_in_memory() -> None:
    """Its tally and its failing results come from the spool, not from reading it all back."""
    from alur.runner.reports import FORMATS, renderer

    results = _mixed_results(300)
    total = spooled_report("f", memory=20)
    merge_into(total, Report("f", results[:100]))  # merged in this process
    merge_into(total, Packed.of(Report("f", results[100:])))  # sent back by a worker
    plain = Report("f", results)
    for fmt in FORMATS:
        shown = []
        for report in (plain, total):
            out = io.StringIO()
            renderer(fmt, title="t").render(report, out)
            shown.append(out.getvalue())
        assert shown[0] == shown[1], fmt
    assert total.results.tally() == ({"loop": 21, "dead_end": 22, "missing_escalation": 0, "expectation": 0}, 44)  # type: ignore[attr-defined]


def test_the_text_report_reads_back_only_the_results_with_findings(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import alur.runner.parallel as parallel

    decoded = []
    real = parallel._decode_result
    monkeypatch.setattr(parallel, "_decode_result", lambda data: decoded.append(data) or real(data))
    from alur.runner.reports import renderer

    total = spooled_report("f", memory=10)
    merge_into(total, Packed.of(Report("f", _mixed_results(1000))))
    decoded.clear()
    renderer("text").render(total, io.StringIO())
    assert len(decoded) == len([i for i in range(10, 1000) if i % 7 == 0 or i == 30])


def _mixed_shard(start: int) -> Report:
    """A unit of work whose results include findings, an error and passes."""
    return Report(
        "f",
        [r for r in _mixed_results(start + 100) if int(r.id[2:]) >= start],
        [SkippedInput(f"f:{start}", "bad line")],
    )


def test_conversations_rendered_where_they_are_checked_give_the_same_report() -> None:
    """With `render`, workers render their conversations (JSON, JUnit and
    text bodies), and the report written from those pieces is the report
    written from the results: same bytes, any number of processes, with
    colour too, and the tally the summary lines print."""
    from alur.runner.parallel import RenderedResults
    from alur.runner.reports import FORMATS, renderer
    from alur.runner.reports.common import tally

    whole = Report("f", _mixed_results(300), [SkippedInput(f"f:{s}", "bad line") for s in (0, 100, 200)])
    for fmt in FORMATS:
        for color in (False, True):
            expected = io.StringIO()
            renderer(fmt, title="t", color=color).render(whole, expected)
            for jobs in (1, 2):
                chosen = renderer(fmt, title="t", color=color)
                total = run_shards(_mixed_shard, [0, 100, 200], jobs, render=chosen)
                assert isinstance(total.results, RenderedResults) == (
                    fmt not in ("markdown", "html")
                )  # summaries are rendered whole
                out = io.StringIO()
                chosen.render(total, out)
                assert out.getvalue() == expected.getvalue(), (fmt, color, jobs)
                if isinstance(total.results, RenderedResults):
                    assert total.results.tally() == tally(whole)
                    assert total.results.errors() == 1 and len(total.results) == 300
                total.results.close()  # type: ignore[union-attr]


def test_pre_rendered_conversations_are_only_written_by_the_renderer_that_made_them() -> None:
    """Another format (or explore's own text renderer) renders from the results
    it has, and says so instead of printing another format's text."""
    from alur.runner.reports import renderer

    total = run_shards(_mixed_shard, [0], 1, render=renderer("json"))
    assert not renderer("text").prerendered(total, io.StringIO())
    assert renderer("json").prerendered(total, io.StringIO())
