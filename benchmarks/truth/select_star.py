"""Choose the STAR conversations of the audit evaluation set, so that alur's own
output does not decide what gets looked at.

Strata (issue 11): a plain random sample, conversations where the bot repeats
itself, where the customer mentions people or complaints, where the customer
sounds frustrated, and, last, some of what `alur audit` flags. Each stratum is
drawn with a fixed seed from what the earlier strata left; every stratum is
split half dev, half test. Conversations that the repository already names
(tests, docs, earlier labels) were seen while tuning, so they go to dev only.

Usage: python select_star.py STAR_JSONL_GZ REPO_DIR OUT_DIR
Writes OUT_DIR/conversations.jsonl (the conversations as they are in STAR)
and OUT_DIR/selection.tsv (id, stratum, split).
"""

from __future__ import annotations

import gzip
import json
import random
import re
import subprocess
import sys
from pathlib import Path

SEED = 20261207
SIZES = {"random": 110, "repeats": 55, "people": 60, "frustrated": 60, "flagged": 45}
PEOPLE = re.compile(
    r"\b(manager|supervisor|human|person|people|agent|representative|someone|somebody|"
    r"operator|staff|employee|boss|complain\w*|report|real)\b",
    re.I,
)
FRUSTRATED = re.compile(
    r"(forget it|never ?mind|useless|stupid|dumb|ridiculous|annoy\w*|ugh+|waste|give up|"
    r"hate|not helpful|frustrat\w*|angry|what\?|\?\?|!!|seriously|terrible|awful|"
    r"enough|whatever|idiot|doesn.t work|don.t understand|not what i)",
    re.I,
)


def normalised(text: str) -> str:
    return re.sub(r"[^a-z ]+", "", text.lower()).strip()


def repeats(conversation: dict) -> bool:
    seen: dict[str, int] = {}
    for turn in conversation["turns"]:
        if turn.get("role") == "bot" and turn.get("text"):
            key = normalised(turn["text"])
            seen[key] = seen.get(key, 0) + 1
    return max(seen.values(), default=0) >= 2


def customer_text(conversation: dict) -> str:
    return "\n".join(t.get("text") or "" for t in conversation["turns"] if t.get("role") == "user")


def flagged_ids(corpus: Path) -> set[str]:
    out = subprocess.run(
        ["alur", "audit", "--format", "json", str(corpus)], capture_output=True, text=True, check=False
    ).stdout
    report = json.loads(out)
    return {r["id"] for r in report["results"] if r.get("findings")}


def main() -> None:
    corpus, repo, out_dir = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        conversations = {c["id"]: c for c in map(json.loads, handle)}
    named = set()
    for path in repo.rglob("*"):
        if path.is_file() and ".git" not in path.parts and ".venv" not in path.parts:
            try:
                named |= set(re.findall(r"star-\d+", path.read_text(encoding="utf-8")))
            except (UnicodeDecodeError, OSError):
                pass
    tests = {
        "random": lambda c: True,
        "repeats": repeats,
        "people": lambda c: bool(PEOPLE.search(customer_text(c))),
        "frustrated": lambda c: bool(FRUSTRATED.search(customer_text(c))),
    }
    flagged = flagged_ids(corpus)
    tests["flagged"] = lambda c: c["id"] in flagged
    rng = random.Random(SEED)
    left = sorted(conversations, key=lambda i: int(i.split("-")[1]))
    rows = []
    for stratum, size in SIZES.items():
        pool = [i for i in left if tests[stratum](conversations[i])]
        chosen = rng.sample(pool, min(size, len(pool)))
        for position, cid in enumerate(chosen):
            split = "dev" if cid in named or position % 2 == 0 else "test"
            rows.append((cid, stratum, split))
        taken = set(chosen)
        left = [i for i in left if i not in taken]
    rng.shuffle(rows)
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / "conversations.jsonl", "w", encoding="utf-8") as handle:
        for cid, _, _ in rows:
            handle.write(json.dumps(conversations[cid], ensure_ascii=False) + "\n")
    with open(out_dir / "selection.tsv", "w", encoding="utf-8") as handle:
        handle.write("id\tstratum\tsplit\n")
        handle.writelines(f"{cid}\t{stratum}\t{split}\n" for cid, stratum, split in rows)
    print(f"{len(rows)} conversations; named in the repository (dev only): {len(named & {r[0] for r in rows})}")


if __name__ == "__main__":
    main()
