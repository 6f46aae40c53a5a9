"""`alur audit` against a peer, chatbot-auditor 0.1.0, on the STAR corpus, in one run.

    python benchmarks/bench_peer.py [--corpus PATH] [--runs 3] [--peer-runs 3]
                                    [--venv DIR] [--keep DIR]

chatbot-auditor (PyPI, Apache-2.0) audits chat logs with no flow for "death
loops" (3+ bot messages whose pairwise difflib similarity is >= 0.85) and
"escalation burial" (a request for a human answered by neither an agent nor
a transfer message), among others. It is installed, if missing, into a
throwaway virtualenv (`--venv`, default /tmp/alur-peer-venv), never into
alur's environment: it is not a dependency.

Both tools read the same conversations from a plain JSONL file each, as
their users would run them (console command, JSON report written to a file,
wall-clock time from process start to exit):

- alur: the STAR corpus as it is (contract §2), all 6,652 conversations;
- chatbot-auditor: the same conversations in the only JSONL shape it reads,
  `{"id", "messages": [{"role", "content"}]}`. It refuses unknown keys and
  conversations without messages, so the 447 empty STAR conversations are
  left out of its file (alur reads and counts them).

Prints every run's time, the medians, the ratio, what each tool found, and
whether every alur finding carries an explanation. Target (from the
real-inputs issue): alur at least 30x faster than the peer, with all of its
findings explained; exits 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import alur, run  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "star" / "dialogues.jsonl.gz"
PEER = "chatbot-auditor==0.1.0"
TARGET_RATIO = 30.0


def ensure_peer(venv: Path) -> Path:
    """The peer's console command, installing it into `venv` first if needed."""
    command = venv / "bin" / "chatbot-audit"
    if command.exists():
        return command
    print(f"installing {PEER} into {venv} (a throwaway virtualenv) ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", PEER], check=True)
    return command


def prepare_inputs(corpus: Path, folder: Path) -> tuple[Path, Path, int, int]:
    """The corpus as plain JSONL for alur, and in the peer's shape; with the
    number of conversations in each."""
    ours, theirs = folder / "star.jsonl", folder / "star-peer.jsonl"
    opener = gzip.open if corpus.suffix == ".gz" else open
    total = kept = 0
    with opener(corpus, "rb") as source, ours.open("wb") as plain, theirs.open("wb") as peer:
        for line in source:
            if not line.strip():
                continue
            plain.write(line if line.endswith(b"\n") else line + b"\n")
            total += 1
            record = orjson.loads(line)
            messages = [{"role": t["role"], "content": t["text"]} for t in record.get("turns") or ()]
            if messages:
                peer.write(orjson.dumps({"id": str(record["id"]), "messages": messages}) + b"\n")
                kept += 1
    return ours, theirs, total, kept


def timed(command: list[str]) -> float:
    """Wall-clock seconds of one run; both tools exit 1 when they find something."""
    return run(command).wall


def alur_command(path: Path, out: Path, jobs: int | None) -> list[str]:
    command = alur("audit", str(path), "--format", "json", "--output", str(out))
    return command if jobs is None else [*command, "--jobs", str(jobs)]


def alur_findings(report_path: Path) -> tuple[Counter[str], set[str], set[str], int, int]:
    """Findings by kind; conversations with a loop, with a missing escalation;
    conversations read; findings without a message."""
    report = orjson.loads(report_path.read_bytes())
    kinds: Counter[str] = Counter()
    loops: set[str] = set()
    escalations: set[str] = set()
    unexplained = 0
    for result in report["results"]:
        for finding in result["findings"]:
            kinds[finding["kind"]] += 1
            if not str(finding.get("message") or "").strip():
                unexplained += 1
            if finding["kind"] == "loop":
                loops.add(result["id"])
            elif finding["kind"] == "missing_escalation":
                escalations.add(result["id"])
    return kinds, loops, escalations, report["conversations"], unexplained


def peer_findings(report_path: Path) -> tuple[Counter[str], set[str], set[str]]:
    """Detections by detector; conversations with a death loop, with an escalation burial."""
    detections = orjson.loads(report_path.read_bytes())
    kinds = Counter(d["detector"] for d in detections)
    loops = {d["conversation_id"] for d in detections if d["detector"] == "death_loop"}
    buried = {d["conversation_id"] for d in detections if d["detector"] == "escalation_burial"}
    return kinds, loops, buried


def show_runs(label: str, times: list[float]) -> float:
    median = statistics.median(times)
    runs = "  ".join(f"{t:7.2f}" for t in times)
    print(f"{label:<28} median {median:8.2f} s   runs: {runs}")
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="STAR dialogues.jsonl(.gz)")
    parser.add_argument("--runs", type=int, default=3, help="runs of alur audit (default 3)")
    parser.add_argument("--peer-runs", type=int, default=3, help="runs of chatbot-auditor (default 3; ~2 min each)")
    parser.add_argument("--venv", type=Path, default=Path(tempfile.gettempdir()) / "alur-peer-venv")
    parser.add_argument("--keep", type=Path, help="keep the inputs and reports in this folder")
    options = parser.parse_args()
    if not options.corpus.exists():
        print(f"no corpus at {options.corpus}; pass --corpus", file=sys.stderr)
        return 2

    peer = ensure_peer(options.venv)
    folder = options.keep or Path(tempfile.mkdtemp(prefix="alur-peer-"))
    folder.mkdir(parents=True, exist_ok=True)
    ours, theirs, total, kept = prepare_inputs(options.corpus, folder)
    print(f"corpus: {options.corpus} ({total} conversations; {kept} non-empty in the peer's file)")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")

    alur_report, alur_single, peer_report = folder / "alur.json", folder / "alur-jobs1.json", folder / "peer.json"
    alur_times = [timed(alur_command(ours, alur_report, None)) for _ in range(options.runs)]
    single_times = [timed(alur_command(ours, alur_single, 1)) for _ in range(options.runs)]
    peer_command = [str(peer), "analyze", str(theirs), "--format", "json", "--output", str(peer_report)]
    peer_times = []
    for attempt in range(options.peer_runs):
        peer_times.append(timed(peer_command))
        print(f"  chatbot-auditor run {attempt + 1}/{options.peer_runs}: {peer_times[-1]:.1f} s", flush=True)

    print()
    alur_median = show_runs("alur audit (all cores)", alur_times)
    single_median = show_runs("alur audit --jobs 1", single_times)
    peer_median = show_runs("chatbot-auditor analyze", peer_times)
    ratio, single_ratio = peer_median / alur_median, peer_median / single_median
    print(
        f"{'ratio (peer / alur)':<28} {ratio:8.1f} x   with --jobs 1: {single_ratio:.1f} x   target >= {TARGET_RATIO:.0f} x"
    )

    kinds, loops, escalations, read, unexplained = alur_findings(alur_report)
    peer_kinds, peer_loops, buried = peer_findings(peer_report)
    print()
    print(f"alur: {read} conversations, findings {dict(sorted(kinds.items()))}")
    print(f"      findings without an explanation: {unexplained}")
    print(f"chatbot-auditor: detections {dict(sorted(peer_kinds.items()))}")
    print(
        f"loops: alur {len(loops)} conversations, chatbot-auditor death_loop {len(peer_loops)}, "
        f"both {len(loops & peer_loops)}"
    )
    print(
        f"escalation: alur missing_escalation {len(escalations)} conversations, "
        f"chatbot-auditor escalation_burial {len(buried)}, both {len(escalations & buried)}"
    )
    if options.keep is None:
        for path in (ours, theirs, alur_report, alur_single, peer_report):
            path.unlink(missing_ok=True)
        folder.rmdir()
    else:
        print(f"inputs and reports kept in {folder}")

    missed = []
    if ratio < TARGET_RATIO:
        missed.append(f"alur is {ratio:.1f}x faster, target {TARGET_RATIO:.0f}x")
    if unexplained:
        missed.append(f"{unexplained} alur findings have no explanation")
    if read != total:
        missed.append(f"alur reported {read} conversations of {total}")
    for problem in missed:
        print(f"MISSED: {problem}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
