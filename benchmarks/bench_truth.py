"""How far audit's findings can be trusted: precision and recall against
conversations labelled by people, for alur audit and for chatbot-auditor,
in one run.

    python benchmarks/bench_truth.py [--data benchmarks/truth] [--sets SET ...]
                                     [--no-peer] [--show-dev]

The labelled sets (docs/labelling.md says how they were made and judged)
are `<data>/<set>/conversations.jsonl` (alur's transcript format) and
`<data>/<set>/labels.jsonl`, one line per conversation:
`{"id", "split": "dev"|"test", "loop", "missing_escalation", "dead_end"}`,
each kind "yes", "no" or "unsure".

Scoring is per conversation: a tool predicts "yes" for a kind when it has at
least one finding of that kind in the conversation. A conversation labelled
"unsure" for a kind is left out of that kind's counts (neither right nor
wrong). Precision = TP / (TP + FP), recall = TP / (TP + FN); "all" pools the
three kinds' counts. "turn" is how many of the true findings point at the
turn the readers named (`turns` in labels.jsonl: the third repeat, the unmet
request, where the customer was left), for alur only: chatbot-auditor's
findings carry no turn. Dev and test are printed separately: rules are tuned on
dev only, test is the honest figure. The test splits are also pooled: the
STAR sets together and the written sets (id, holdout, ...) together, the
issue's two test sets; one set of 10 positives moves recall by 0.10 a
conversation, the pool much less. `--show-dev` lists the dev
conversations each kind gets wrong; nothing per conversation is ever printed
for test.

chatbot-auditor (PyPI, 0.1.0; `pip install -e '.[bench]'`, never a runtime
dependency) runs its default detectors on the same conversations, read
through its Python API. Its findings map to the three kinds as closely as
their definitions allow:

    death_loop          -> loop                (3+ near-identical bot messages)
    escalation_burial   -> missing_escalation  (a request for a human not met)
    silent_churn        -> dead_end            (customer left with the need unresolved)
    sentiment_collapse  -> dead_end            (customer left after their mood fell)
    brand_damage        -> (none: about what the bot says, not the customer's outcome)

A conversation with no turns is given to chatbot-auditor as no findings (it
refuses conversations without messages).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("dead_end", "loop", "missing_escalation")
SPLITS = ("dev", "test")
PEER_KINDS = {
    "death_loop": "loop",
    "escalation_burial": "missing_escalation",
    "silent_churn": "dead_end",
    "sentiment_collapse": "dead_end",
}

Predictions = dict[str, dict[str, set[int]]]  # conversation id -> kind found -> its turns (empty: not known)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    same_turn: int = 0  # true findings at the turn the readers named
    turned: int = 0  # true findings with a turn on both sides
    wrong: list[str] = field(default_factory=list)  # "FP id" / "FN id"

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn
        self.same_turn += other.same_turn
        self.turned += other.turned

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


def read_jsonl(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def alur_predictions(conversations: Path) -> Predictions:
    """alur audit's kinds per conversation, with the default configuration,
    through the same function the command maps over shards."""
    from alur.runner.audit import AuditConfig, audit_path

    ids = [record["id"] for record in read_jsonl(conversations)]
    report = audit_path(str(conversations), AuditConfig())
    if report.skipped:
        raise SystemExit(f"{conversations}: alur skipped {len(report.skipped)} records: {report.skipped[0]}")
    found: Predictions = {i: {} for i in ids}
    if len(report.results) != len(ids):
        raise SystemExit(f"{conversations}: {len(ids)} records, alur read {len(report.results)}")
    # in the file's order; not by `source`, which a record's own "source" key (where it was imported from) replaces
    for ident, result in zip(ids, report.results, strict=True):
        kinds = found[ident]
        for finding in result.findings:
            kinds.setdefault(finding.kind, set()).add(finding.turn)
    return found


def peer_predictions(conversations: Path) -> Predictions:
    """chatbot-auditor's default detectors, mapped to the three kinds (see above)."""
    from chatbot_auditor import Conversation, Message, audit

    found: Predictions = {}
    batch = []
    for record in read_jsonl(conversations):
        found[record["id"]] = {}
        messages = [Message(role=t["role"], content=t.get("text") or "") for t in record.get("turns") or ()]
        if messages:
            batch.append(Conversation(id=record["id"], messages=messages))
    for detection in audit(batch):
        kind = PEER_KINDS.get(str(detection.detector))
        if kind is not None:
            found[detection.conversation_id][kind] = set()
    return found


def score(labels: Iterable[dict], predicted: Predictions, split: str) -> dict[str, Counts]:  # type: ignore[type-arg]
    counts = {kind: Counts() for kind in KINDS}
    for label in labels:
        if label["split"] != split:
            continue
        said = predicted[label["id"]]
        for kind in KINDS:
            truth = label[kind]
            if truth == "unsure":
                continue
            count, yes = counts[kind], kind in said
            if truth == "yes" and yes:
                count.tp += 1
                named = (label.get("turns") or {}).get(kind)
                named = set(named) if isinstance(named, list) else {named} - {None}
                if named and said[kind]:
                    count.turned += 1
                    count.same_turn += bool(said[kind] & named)
            elif truth == "yes":
                count.fn += 1
                count.wrong.append(f"FN {label['id']}")
            elif yes:
                count.fp += 1
                count.wrong.append(f"FP {label['id']}")
            else:
                count.tn += 1
    overall = Counts()
    for count in counts.values():
        overall.add(count)
    counts["all"] = overall
    return counts


def shown(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def print_table(title: str, tools: dict[str, dict[str, Counts]]) -> None:
    print(f"\n{title}")
    header = f"  {'kind':<20}" + "".join(f"{name:>28}" for name in tools)
    print(header)
    print(f"  {'':<20}" + "".join(f"{'P     R     (TP/FP/FN)':>28}" for _ in tools) + "  alur turn")
    for kind in (*KINDS, "all"):
        row = f"  {kind:<20}"
        for counts in tools.values():
            c = counts[kind]
            row += f"{shown(c.precision):>10}  {shown(c.recall)}  ({c.tp:>3}/{c.fp:>2}/{c.fn:>2})"
        first = next(iter(tools.values()))[kind]
        if first.turned:
            row += f"  {first.same_turn}/{first.turned}"
        print(row)


def family_of(name: str) -> str:
    """STAR's sets are pooled apart from the written (Indonesian and
    English) ones: the issue's two test sets."""
    return "STAR" if name.startswith("star") else "written"


def below_target(what: str, counts: dict[str, Counts]) -> list[str]:
    """The issue's floors: every kind 0.85, all kinds 0.90, precision and recall."""
    out = []
    for kind in (*KINDS, "all"):
        floor = 0.90 if kind == "all" else 0.85
        for measure in ("precision", "recall"):
            value = getattr(counts[kind], measure)
            if value is not None and value < floor:
                out.append(f"{what} {kind} {measure} {value:.3f} < {floor:.2f}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "benchmarks" / "truth")
    parser.add_argument("--sets", nargs="+", help="sets to score (default: every folder of --data with labels.jsonl)")
    parser.add_argument("--no-peer", action="store_true", help="skip chatbot-auditor")
    parser.add_argument(
        "--splits", nargs="+", default=list(SPLITS), choices=SPLITS, help="splits to score (default both)"
    )
    parser.add_argument("--show-dev", action="store_true", help="list the dev conversations each kind gets wrong")
    options = parser.parse_args()
    failed = []
    pooled: dict[str, dict[str, dict[str, Counts]]] = {}  # family -> tool -> kind -> counts, over test splits
    pooled_sets: dict[str, list[str]] = {}
    sets = options.sets or sorted(
        folder.name for folder in options.data.iterdir() if (folder / "labels.jsonl").is_file()
    )
    for name in sets:
        folder = options.data / name
        conversations, labels_path = folder / "conversations.jsonl", folder / "labels.jsonl"
        labels = read_jsonl(labels_path)
        ids = {record["id"] for record in read_jsonl(conversations)}
        unlabelled = ids - {label["id"] for label in labels}
        if unlabelled:
            print(f"{name}: {len(unlabelled)} conversations have no label; left out", file=sys.stderr)
        labels = [label for label in labels if label["id"] in ids]
        started = time.perf_counter()
        tools = {"alur audit": alur_predictions(conversations)}
        alur_seconds = time.perf_counter() - started
        if not options.no_peer:
            started = time.perf_counter()
            tools["chatbot-auditor 0.1.0"] = peer_predictions(conversations)
            peer_seconds = time.perf_counter() - started
        sizes = {split: sum(1 for label in labels if label["split"] == split) for split in SPLITS}
        timing = f"alur {alur_seconds:.2f} s" + ("" if options.no_peer else f", chatbot-auditor {peer_seconds:.2f} s")
        print(
            f"\n=== {name}: {len(labels)} labelled conversations ({sizes['dev']} dev, {sizes['test']} test); {timing}"
        )
        for split in options.splits:
            if not sizes[split]:
                continue  # dev2 and dev3 are all dev, holdout all test
            scored = {tool: score(labels, predicted, split) for tool, predicted in tools.items()}
            print_table(f"{name} {split}", scored)
            if split == "dev" and options.show_dev:
                for kind in KINDS:
                    wrong = scored["alur audit"][kind].wrong
                    if wrong:
                        print(f"    alur {kind} wrong on dev: {' '.join(wrong)}")
            if split == "test":
                failed += below_target(f"{name} test", scored["alur audit"])
                family = family_of(name)
                pooled_sets.setdefault(family, []).append(name)
                for tool, counts in scored.items():
                    into = pooled.setdefault(family, {}).setdefault(tool, {kind: Counts() for kind in counts})
                    for kind, count in counts.items():
                        into[kind].add(count)
    for family, tools_counts in pooled.items():
        if len(pooled_sets[family]) > 1:
            print(f"\n=== pooled test, {family}: {', '.join(pooled_sets[family])}")
            print_table(f"{family} test, pooled", tools_counts)
            failed += below_target(f"{family} pooled test", tools_counts["alur audit"])
    for problem in failed:
        print(f"BELOW TARGET: {problem}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
