"""Split the single-message sets into dev and test halves, once.

    python benchmarks/phrases/split.py SOURCE_DIR   # writes benchmarks/phrases/*.jsonl

Deterministic and stratified: within each label x language, the messages
are ordered by the SHA-256 of their text, and every other one (the 1st,
3rd, ...) goes to dev, the rest to test. The split is written into each
line as "split": the files in this folder are the record; running this
again on the same source gives the same files.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import orjson

SETS = ("handoff", "endings", "bot", "handoff2", "endings2")
HERE = Path(__file__).resolve().parent


def split(lines: list[dict]) -> list[dict]:
    """`lines` with a "split" field, in their original order."""
    strata: dict[tuple[str, str], list[int]] = {}
    for position, line in enumerate(lines):
        strata.setdefault((line["label"], line["lang"]), []).append(position)
    chosen: dict[int, str] = {}
    for positions in strata.values():
        ordered = sorted(positions, key=lambda p: hashlib.sha256(lines[p]["text"].encode()).hexdigest())
        for rank, position in enumerate(ordered):
            chosen[position] = "dev" if rank % 2 == 0 else "test"
    return [{**line, "split": chosen[position]} for position, line in enumerate(lines)]


def main(source: Path) -> None:
    for name in SETS:
        lines = [orjson.loads(raw) for raw in (source / f"{name}.jsonl").read_bytes().splitlines() if raw.strip()]
        out = b"".join(orjson.dumps(line) + b"\n" for line in split(lines))
        (HERE / f"{name}.jsonl").write_bytes(out)
        print(f"{name}: {len(lines)} messages")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
