"""`--dask ADDRESS`: audit and replay on a Dask cluster write the report
`--jobs 1` writes, byte for byte (a small in-process LocalCluster here)."""

from __future__ import annotations

import gzip
import itertools
from pathlib import Path

import pytest

from alur.runner.cli import main

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]
STAR = ROOT.parent / "shared" / "corpus" / "star" / "dialogues.jsonl.gz"


@pytest.fixture(scope="module")
def scheduler() -> object:
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Enough conversations for several shards: STAR's when it is beside the checkout, else the examples'."""
    path = tmp_path / "corpus.jsonl"
    if STAR.exists():
        with gzip.open(STAR, "rt", encoding="utf-8") as star:
            path.write_text("".join(itertools.islice(star, 400)), encoding="utf-8")
    else:
        path.write_text(
            "".join(
                (ROOT / "examples" / "transcripts" / f"{name}.jsonl").read_text()
                for name in ("complaint", "order_status")
            )
            * 20
        )
    return path


@pytest.mark.parametrize("fmt", ["json", "junit", "text"])
def test_audit_on_dask_equals_jobs_1(scheduler: str, corpus: Path, tmp_path: Path, fmt: str) -> None:
    local, remote = tmp_path / "local.out", tmp_path / "dask.out"
    first = main(["audit", str(corpus), "--format", fmt, "-o", str(local), "--jobs", "1"])
    assert main(["audit", str(corpus), "--format", fmt, "-o", str(remote), "--dask", scheduler]) == first
    assert remote.read_bytes() == local.read_bytes() and local.stat().st_size > 1000


def test_replay_on_dask_equals_jobs_1(scheduler: str, tmp_path: Path) -> None:
    flow = ROOT / "examples" / "complaint.flow.yaml"
    transcripts = [str(ROOT / "examples" / "transcripts" / name) for name in ("complaint.jsonl", "complaint.test.yaml")]
    local, remote = tmp_path / "local.json", tmp_path / "dask.json"
    first = main(["replay", str(flow), *transcripts, "--coverage", "--format", "json", "-o", str(local), "--jobs", "1"])
    assert (
        main(
            [
                "replay",
                str(flow),
                *transcripts,
                "--coverage",
                "--format",
                "json",
                "-o",
                str(remote),
                "--dask",
                scheduler,
            ]
        )
        == first
    )
    assert remote.read_bytes() == local.read_bytes()


def test_an_unreachable_scheduler_is_a_clear_error(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(corpus), "--dask", "tcp://127.0.0.1:9"]) == 2
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err
