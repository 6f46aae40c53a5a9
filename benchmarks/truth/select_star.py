"""Choose the STAR conversations of the audit evaluation set, so that alur's own
output does not decide what gets looked at.

Strata (issue 11): a plain random sample, conversations where the bot repeats
itself, where the customer mentions people or complaints, where the customer
sounds frustrated, some of what `alur audit` flags, and (when asked for)
conversations that end like an unmet need. Each stratum is
drawn with a fixed seed from what the earlier strata left; every stratum is
split half dev, half test. Conversations that the repository already names
(tests, docs, earlier labels) were seen while tuning, so they go to dev only.

Usage: python select_star.py STAR_JSONL_GZ REPO_DIR OUT_DIR
            [--seed N] [--sizes random=60,repeats=30,...] [--exclude LABELS_JSONL ...] [--all-dev | --all-test]
Writes OUT_DIR/conversations.jsonl (the conversations as they are in STAR)
and OUT_DIR/selection.tsv (id, stratum, split).

A later, fresh batch is drawn the same way from what no earlier set holds:
`--exclude` names the labels of the sets drawn before, and `--all-dev` puts
the whole batch in dev (it is tuning material), `--all-test` in test (it
is measured, never tuned on). benchmarks/truth/star2 was
drawn with `--seed 20261208 --sizes random=60,repeats=30,people=30,
frustrated=30,flagged=20 --exclude benchmarks/truth/star/labels.jsonl
--all-dev`. The `flagged` stratum runs the `alur audit` installed at the
time, so it depends on alur's version (star2: main at commit 20d69e9).

star4 was drawn with `--seed 20261210 --sizes random=80,repeats=40,people=30,
frustrated=60,flagged=30` (half dev, half test) and star5 with `--seed
20261211 --sizes random=20,repeats=20,people=20,frustrated=60,flagged=20,
ends_unmet=60 --all-dev`, each excluding the labels of every set before it.
The `ends_unmet` stratum (last two turns reading like an unmet need, by a
regular expression) is there because STAR has few dead ends.

Round 11 added `peer_loop` and `peer_dead_end`: what chatbot-auditor (PyPI,
installed by `.ci/run`) flags as a loop, or as churn (`silent_churn`,
`sentiment_collapse`), mapped as bench_truth maps it. By then every STAR
conversation alur flags was labelled; another tool's output is a lens that
alur's own does not decide. star17 was drawn with `--seed 20261217 --sizes
peer_loop=240 --all-dev`, star18 with `--seed 20261218 --sizes
peer_dead_end=230 --all-dev`, each excluding every set before it.

Round 13 added `user_said_no`: the customer answered No to a question of
STAR's own questionnaire after the chat. star20 was drawn with `--seed
20261224 --sizes user_said_no=157 --all-dev`, excluding every set before it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import subprocess
from pathlib import Path

SEED = 20261207
SIZES = {
    "random": 110,
    "repeats": 55,
    "people": 60,
    "frustrated": 60,
    "flagged": 45,
    "ends_unmet": 0,
    "ends_unmet_wide": 0,
    "repeats3": 0,
    "peer_loop": 0,
    "peer_dead_end": 0,
    "user_said_no": 0,
}
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


# How a conversation whose need went unmet tends to end: the bot's last words refuse, fail or apologise, or the
# customer's last words give up or go. A regular expression, so alur's output does not decide what is drawn.
ENDS_UNMET = re.compile(
    r"(sorry|unable|cannot|can.t|not able|unfortunately|failed|unsuccessful|not available|no more|"
    r"not authori[sz]ed|forget it|never ?mind|whatever|give up|i.ll (just )?(go|call|try|use)|elsewhere|"
    r"don.t understand|no way|useless|ugh)",
    re.I,
)


def ends_unmet(conversation: dict) -> bool:
    """Whether the last two turns read like an unmet need (`ENDS_UNMET`)."""
    return bool(ENDS_UNMET.search(" ".join(t.get("text") or "" for t in conversation["turns"][-2:])))


# Round 10: `ends_unmet` was used up, and by then every conversation alur flags was labelled, so the misses left
# are among what it does not flag. The last three turns holding an apology, "not", "unavailable", "only" or
# "understand" ended one conversation in six that earlier readers called a dead end; a stratum, still a
# regular expression and never alur's output.
ENDS_UNMET_WIDE = re.compile(r"(sorry|not available|unavailable|\bnot\b|understand|unable|not able|\bonly\b)", re.I)


def ends_unmet_wide(conversation: dict) -> bool:
    """Whether the last three turns hold one of `ENDS_UNMET_WIDE`'s words."""
    return bool(ENDS_UNMET_WIDE.search(" ".join(t.get("text") or "" for t in conversation["turns"][-3:])))


def user_said_no(conversation: dict) -> bool:
    """Whether the customer answered No to a question of STAR's questionnaire after the chat ("Did the assistant
    reserve your hotel?", "... stay calm and helpful ...?"). Round 13: the customer's own word, neither alur's
    output nor another tool's; 105 of the 168 STAR conversations readers had called a dead end hold such a No."""
    answers = (conversation.get("star") or {}).get("user_questionnaire") or {}
    return any(answer is False for answer in answers.values())


def normalised(text: str) -> str:
    return re.sub(r"[^a-z ]+", "", text.lower()).strip()


def repeats(conversation: dict, times: int = 2) -> bool:
    """Whether one bot message (`normalised`) is said `times` times or more."""
    seen: dict[str, int] = {}
    for turn in conversation["turns"]:
        if turn.get("role") == "bot" and turn.get("text"):
            key = normalised(turn["text"])
            seen[key] = seen.get(key, 0) + 1
    return max(seen.values(), default=0) >= times


def customer_text(conversation: dict) -> str:
    return "\n".join(t.get("text") or "" for t in conversation["turns"] if t.get("role") == "user")


def flagged_ids(corpus: Path) -> set[str]:
    out = subprocess.run(
        ["alur", "audit", "--format", "json", str(corpus)], capture_output=True, text=True, check=False
    ).stdout
    report = json.loads(out)
    return {r["id"] for r in report["results"] if r.get("findings")}


def peer_flags(conversations: dict[str, dict], kind: str) -> set[str]:
    """The conversations chatbot-auditor (PyPI) flags with `kind`, mapped as
    bench_truth maps it. Round 11: a lens that is not alur's, where the
    failures alur misses should be (its loop recall on STAR is 1.00)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench_truth import PEER_KINDS
    from chatbot_auditor import Conversation, Message, audit

    batch = [
        Conversation(id=cid, messages=[Message(role=t["role"], content=t.get("text") or "") for t in c["turns"]])
        for cid, c in conversations.items()
        if c.get("turns")
    ]
    return {str(d.conversation_id) for d in audit(batch) if PEER_KINDS.get(str(d.detector)) == kind}


def sizes(text: str) -> dict[str, int]:
    """`random=60,repeats=30`: how many to draw from each stratum, in that order."""
    chosen = {name.strip(): int(size) for name, size in (part.split("=") for part in text.split(","))}
    unknown = set(chosen) - set(SIZES)
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown strata {sorted(unknown)}; known: {', '.join(SIZES)}")
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("repo", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--sizes", type=sizes, default=SIZES)
    parser.add_argument("--exclude", type=Path, nargs="*", default=[], help="labels.jsonl of sets drawn before")
    whole = parser.add_mutually_exclusive_group()
    whole.add_argument("--all-dev", action="store_true", help="put the whole batch in dev")
    whole.add_argument(
        "--all-test",
        action="store_true",
        help="put the whole batch in test (conversations the repository names stay dev)",
    )
    options = parser.parse_args()
    corpus, repo, out_dir = options.corpus, options.repo, options.out_dir
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        conversations = {c["id"]: c for c in map(json.loads, handle)}
    drawn_before = {json.loads(line)["id"] for path in options.exclude for line in open(path, encoding="utf-8")}
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
        "ends_unmet": ends_unmet,
        "ends_unmet_wide": ends_unmet_wide,
        # round 10: a bot message said three times or more, where loops are; none that alur flags was left
        "repeats3": lambda c: repeats(c, 3),
        "user_said_no": user_said_no,
    }
    if options.sizes.get("flagged"):
        flagged = flagged_ids(corpus)
        tests["flagged"] = lambda c: c["id"] in flagged
    for kind in ("loop", "dead_end"):
        if options.sizes.get(f"peer_{kind}"):
            peer = peer_flags({i: c for i, c in conversations.items() if i not in drawn_before}, kind)
            tests[f"peer_{kind}"] = lambda c, peer=peer: c["id"] in peer
    rng = random.Random(options.seed)
    left = sorted((i for i in conversations if i not in drawn_before), key=lambda i: int(i.split("-")[1]))
    rows = []
    for stratum, size in options.sizes.items():
        pool = [i for i in left if tests[stratum](conversations[i])]
        chosen = rng.sample(pool, min(size, len(pool)))
        for position, cid in enumerate(chosen):
            split = "dev" if options.all_dev or cid in named or (position % 2 == 0 and not options.all_test) else "test"
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
