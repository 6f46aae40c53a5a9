"""How long masking takes per turn, against the masking of another revision.

Masks every turn text of the first conversations of the STAR corpus (English),
and of the example transcripts (Indonesian), with this tree's `mask_text`
and with the one of a baseline revision (default `main`, read with `git show`
and loaded beside it), in the same process, alternating, and prints the
median microseconds per text of each and their ratio, for each set. Also
prints how many texts the two mask differently.

    python benchmarks/bench_privacy.py [--baseline REV] [--conversations N] [--runs N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAR = Path("/work/shared/corpus/star/dialogues.jsonl.gz")


def _texts(conversations: int) -> dict[str, list[str]]:
    """Turn texts by set: STAR's (English) and the examples' (Indonesian)."""
    sets: dict[str, list[str]] = {"STAR (English)": [], "examples (Indonesian)": []}
    if STAR.exists():
        with gzip.open(STAR, "rt", encoding="utf-8") as lines:
            for number, line in enumerate(lines):
                if number >= conversations:
                    break
                sets["STAR (English)"] += [
                    t["text"] for t in json.loads(line)["turns"] if isinstance(t.get("text"), str)
                ]
    for path in sorted((ROOT / "examples" / "transcripts").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            sets["examples (Indonesian)"] += [turn["text"] for turn in json.loads(line)["turns"]]
    return {name: texts for name, texts in sets.items() if texts}


def _baseline(revision: str):
    """`mask_text` as it is in `revision`."""
    source = subprocess.run(
        ["git", "show", f"{revision}:runner/privacy.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    module = types.ModuleType("baseline_privacy")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, f"{revision}:runner/privacy.py", "exec"), module.__dict__)
    return module.mask_text


def _per_text(mask, texts: list[str]) -> float:
    began = time.perf_counter()
    for text in texts:
        mask(text)
    return (time.perf_counter() - began) / len(texts) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", default="main")
    parser.add_argument("--conversations", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from alur.runner.privacy import mask_text

    old = _baseline(args.baseline)
    for name, texts in _texts(args.conversations).items():
        differ = sum(1 for text in texts if old(text) != mask_text(text))
        timings: dict[str, list[float]] = {"baseline": [], "this tree": []}
        for _ in range(args.runs):
            timings["baseline"].append(_per_text(old, texts))
            timings["this tree"].append(_per_text(mask_text, texts))
        base, new = (statistics.median(timings[key]) for key in ("baseline", "this tree"))
        print(f"{name}: {len(texts):,} turn texts, median of {args.runs} runs")
        print(f"  mask_text {args.baseline}: {base:.2f} µs/text")
        print(f"  mask_text this tree: {new:.2f} µs/text ({new / base:.2f}x)")
        print(f"  texts masked differently: {differ:,}")


if __name__ == "__main__":
    main()
