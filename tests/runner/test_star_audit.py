"""`alur audit` on a sample of the STAR corpus: real English conversations,
empty ones included, with both trapped customers and legitimate repetition.

The corpus is read from ../shared/corpus/star relative to the repository;
these tests skip when it is absent. The whole corpus is audited by
benchmarks/bench_star.py, not here: the sample keeps the suite fast.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import orjson
import pytest

from alur.runner.cli import main

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "star" / "dialogues.jsonl.gz"

NOT_UNDERSTOOD_LOOP = "star-1179"  # "I am sorry, I don't quite understand" to pizza, garlic knots and a monkey
LEGITIMATE = {
    "star-3195": "'I don't quite understand' three times, but the customer's own booking confirmed between",
    "star-307": "seven forecasts, each for another day or city",
    "star-108": "trip directions, step after step",
    "star-3390": "trivia: 'Your answer was correct! … continue?' word for word, a new question each time",
}
EVERY = 60  # plus every 60th conversation of the corpus
EMPTY = 5  # and the first few empty ones


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict]]:
    if not CORPUS.exists():
        pytest.skip(f"STAR corpus not found at {CORPUS}")
    wanted = {NOT_UNDERSTOOD_LOOP, *LEGITIMATE}
    chosen: dict[str, dict] = {}
    empty = 0
    with gzip.open(CORPUS, "rb") as lines:
        for number, line in enumerate(lines):
            record = orjson.loads(line)
            if not record["turns"] and empty < EMPTY:
                empty += 1
                chosen[record["id"]] = record
            elif record["id"] in wanted or number % EVERY == 0:
                chosen[record["id"]] = record
    path = tmp_path_factory.mktemp("star") / "sample.jsonl"
    path.write_bytes(b"".join(orjson.dumps(record) + b"\n" for record in chosen.values()))
    return path, chosen


@pytest.fixture(scope="module")
def report(sample: tuple[Path, dict[str, dict]], tmp_path_factory: pytest.TempPathFactory) -> dict:
    path, _ = sample
    out = tmp_path_factory.mktemp("report") / "audit.json"
    code = main(["audit", str(path), "--format", "json", "--output", str(out), "--jobs", "1"])
    assert code == 1  # findings, and no crash
    return orjson.loads(out.read_bytes())


def test_every_conversation_is_reported_empty_ones_too(sample: tuple[Path, dict[str, dict]], report: dict) -> None:
    _, chosen = sample
    assert report["conversations"] == len(chosen)
    assert report["skipped"] == []
    results = {result["id"]: result for result in report["results"]}
    empty = [ident for ident, record in chosen.items() if not record["turns"]]
    assert len(empty) >= EMPTY
    for ident in empty:
        assert results[ident]["status"] == "pass"


def test_the_did_not_understand_loop_is_found(report: dict) -> None:
    result = next(r for r in report["results"] if r["id"] == NOT_UNDERSTOOD_LOOP)
    loops = [f for f in result["findings"] if f["kind"] == "loop"]
    assert loops
    assert loops[0]["state"] == "out_of_scope"
    assert "don't quite understand" in loops[0]["message"]


@pytest.mark.parametrize("ident", sorted(LEGITIMATE), ids=[f"{i}: {LEGITIMATE[i]}" for i in sorted(LEGITIMATE)])
def test_legitimate_repetition_is_not_a_loop(report: dict, ident: str) -> None:
    result = next(r for r in report["results"] if r["id"] == ident)
    assert [f for f in result["findings"] if f["kind"] == "loop"] == []


def test_every_finding_explains_itself(report: dict) -> None:
    findings = [f for r in report["results"] for f in r["findings"]]
    assert findings
    for finding in findings:
        assert finding["kind"] in report["summary"]
        assert finding["message"].strip()
        assert isinstance(finding["turn"], int)
