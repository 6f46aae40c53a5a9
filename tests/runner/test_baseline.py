"""Baselines as a team adopting alur on a big corpus uses them: today's
findings are accepted, the next one fails the build, fixed ones are named."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from alur.runner.cli import main

ROOT = Path(__file__).resolve().parents[2]
MENU = "Pilih menu: 1. Cek pesanan 2. Pembayaran. Hubungi 0812-3456-7890"


def _loop(ident: str, times: int = 3) -> str:
    turns = []
    for number in range(times):
        turns += [{"role": "bot", "text": MENU}, {"role": "user", "text": f"refund {number}"}]
    return json.dumps({"id": ident, "turns": turns})


def _fine(ident: str) -> str:
    return json.dumps(
        {"id": ident, "turns": [{"role": "user", "text": "cek pesanan"}, {"role": "bot", "text": "Sedang dikirim."}]}
    )


def _corpus(path: Path, lines: list[str]) -> str:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_100_known_findings_pass_and_the_101st_fails(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    known = [_loop(f"wa-{n}") for n in range(100)]
    corpus = _corpus(work / "day1.jsonl", known + [_fine(f"ok-{n}") for n in range(20)])
    assert (
        main(["audit", corpus, "--jobs", "1", "--write-baseline", "base.json", "--disable", "abandoned-customer"]) == 1
    )
    baseline = (work / "base.json").read_text()
    assert "0812" not in baseline and "3456" not in baseline  # masked, never personal data
    assert sum(entry["count"] for entry in json.loads(baseline)["findings"]) >= 100
    capsys.readouterr()

    # the same findings, reordered, one loop longer than before, among other conversations: all known
    lines = [*known[1:], _loop("wa-0", times=4), *(_fine(f"new-ok-{n}") for n in range(30))]
    random.Random(7).shuffle(lines)
    tomorrow = _corpus(work / "day2.jsonl", lines)
    assert main(["audit", tomorrow, "--jobs", "2", "--baseline", "base.json", "--disable", "abandoned-customer"]) == 0
    assert " 0 new, 0 fixed" in capsys.readouterr().err

    worse = _corpus(work / "day3.jsonl", [*lines, _loop("wa-100")])
    assert (
        main(
            [
                "audit",
                worse,
                "--jobs",
                "1",
                "--baseline",
                "base.json",
                "--format",
                "junit",
                "-o",
                "out.xml",
                "--disable",
                "abandoned-customer",
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert " 1 new, 0 fixed" in err and "new: wa-100: loop" in err

    better = _corpus(work / "day4.jsonl", known[1:])
    assert main(["audit", better, "--jobs", "1", "--baseline", "base.json", "--disable", "abandoned-customer"]) == 0
    assert "fixed (shrink the baseline with --write-baseline): wa-0: loop" in capsys.readouterr().err


def test_replay_and_explore_take_baselines(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    trap = str(ROOT / "examples" / "broken" / "explore" / "fallback_to_itself.flow.yaml")
    assert main(["explore", trap, "--write-baseline", "explore.json"]) == 1
    assert main(["explore", trap, "--baseline", "explore.json"]) == 0
    flow = str(ROOT / "examples" / "order_status.flow.yaml")
    transcripts = str(ROOT / "examples" / "transcripts" / "order_status.jsonl")
    first = main(["replay", flow, transcripts, "--jobs", "1", "--write-baseline", "replay.json"])
    assert main(["replay", flow, transcripts, "--jobs", "2", "--baseline", "replay.json"]) == 0
    assert first in (0, 1)


def test_check_baseline_survives_a_moved_line(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = (ROOT / "examples" / "broken" / "undefined-intent.flow.yaml").read_text()
    flow = work / "f.flow.yaml"
    flow.write_text(broken)
    assert main(["check", str(flow), "--write-baseline", "check.json"]) == 1
    flow.write_text("# a comment added above everything\n" + broken)
    assert main(["check", str(flow), "--baseline", "check.json"]) == 0
    flow.write_text(
        broken.replace("  talk_to_human: handoff", "  talk_to_human: handoff\n  complain: handoff", 1)
    )  # a new error
    assert main(["check", str(flow), "--baseline", "check.json"]) == 1


def test_a_broken_baseline_is_refused_naming_the_file(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "bad.json").write_text("{\n  nope")
    corpus = _corpus(work / "a.jsonl", [_fine("a")])
    assert main(["audit", corpus, "--jobs", "1", "--baseline", "bad.json"]) == 2
    assert "bad.json:2:3: not a baseline" in capsys.readouterr().err
