"""The STAR corpus through alur: an audit of every conversation, its loop
findings judged against labels written by reading the conversations, and a
replay of three STAR tasks against flows written from their task graphs.

    python benchmarks/bench_star.py [--corpus PATH] [--show-unlabelled]
                                    [--skip-audit] [--skip-replay]

STAR (Mosig et al. 2020, MIT) is 6,652 real English Wizard-of-Oz
conversations; ../shared/corpus/star/ has it in contract §2 form. Prints:

1. `alur audit` over the whole corpus, run as users run it (console
   command, JSON report to a file): time, conversations, empty ones,
   findings by kind, lines skipped; and whether every finding explains
   itself.
2. Loop findings against `star_loop_labels.tsv` (each finding read in its
   conversation and labelled legit or real, see docs/star.md): how many
   are legitimate repetition, how many real loops, how many not labelled
   yet (`--show-unlabelled` lists them, to label). Then the conversations
   where the wizard's "I am sorry, I don't quite understand" reply
   (`out_of_scope`) comes three times or more: how many audit flags.
3. Replay of the single-task conversations of `weather`,
   `bank_fraud_report` and `spaceship_access_codes` through
   examples/star/*.flow.yaml: coverage of each flow, and the share of the
   wizard's labelled replies where alur's next state equals the wizard's
   recorded `state`; and the conversations that could not be run for want
   of an action outcome when none is written, without and with inference
   from the recorded bot states (docs/conversations.md, "Action outcomes").

How the replay is compared with the wizard: the wizards' reply labels are
the flows' state names. After each customer turn, alur's state (where the
bot now waits, or the terminal state it reached) is compared with the
label of the wizard's reply to that turn (the last labelled bot turn before
the customer's next turn; unlabelled and `custom` replies are not
compared). A fallback re-prompt matches the wizard's `out_of_scope` reply
or the wizard asking the same question again. STAR records no action
outcomes; the flows' action outcomes are taken from what the wizard's
database answered, read off the reply labels (a forecast reply is `found`),
in order, and then the task's usual outcome for any further call.
"Free-running" replays each conversation from its start, as `alur replay`
does: once alur takes another path than the wizard, later turns are
compared from there. "Step by step" starts every customer turn in the state
the wizard was in, with no slots: it measures each decision on its own.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import alur, run  # noqa: E402

from alur.flows.check import load_runnable_flow
from alur.flows.engine import Engine
from alur.runner.coverage import Coverage
from alur.runner.replay import ReplayConfig, Replayer, Trace
from alur.runner.transcripts import Conversation, conversation_from_record

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "star" / "dialogues.jsonl.gz"
LABELS = Path(__file__).resolve().parent / "star_loop_labels.tsv"
NOT_COMPARED = (None, "custom")  # replies the wizard typed freely, or picked with no label
OUT_OF_SCOPE = "out_of_scope"


@dataclass(frozen=True)
class Task:
    """A STAR task replayed through its flow: the flow file, its action, and
    the outcome each of the wizard's reply labels shows the database gave."""

    flow: Path
    action: str
    outcomes: dict[str, str]
    usual: str  # the outcome of any further call


TASKS = {
    "weather": Task(
        ROOT / "examples" / "star" / "weather.flow.yaml",
        "get_forecast",
        {
            "weather_inform_forecast": "found",
            "weather_ask_day": "need_day",
            "weather_ask_location": "need_location",
            "weather_inform_nothing_found": "nothing_found",
        },
        "found",
    ),
    "bank_fraud_report": Task(
        ROOT / "examples" / "star" / "bank_fraud_report.flow.yaml",
        "submit_fraud_report",
        {
            "bank_inform_fraud_report_submitted": "query_success",
            "bank_inform_cannot_authenticate": "query_failure",
            "bank_inform_nothing_found": "not_found",
        },
        "query_success",
    ),
    "spaceship_access_codes": Task(
        ROOT / "examples" / "star" / "spaceship_access_codes.flow.yaml",
        "check_code",
        {"spaceship_inform_outcome": "unlocked", "spaceship_inform_nothing_found": "not_found"},
        "unlocked",
    ),
}


# --------------------------------------------------------------------------- reading


def read_records(corpus: Path) -> list[dict]:
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rb") as source:
        return [orjson.loads(line) for line in source if line.strip()]


def replies(turns: list[dict]) -> Iterator[tuple[int | None, str | None, int]]:
    """(index of the last customer turn before it or None, the label of the
    wizard's reply, index of its last bot turn) for each run of bot turns."""
    last_user: int | None = None
    index = 0
    while index < len(turns):
        if turns[index]["role"] == "user":
            last_user = index
            index += 1
            continue
        labels: list[str | None] = []
        end = index
        while index < len(turns) and turns[index]["role"] != "user":
            if turns[index]["role"] == "bot":
                labels.append(turns[index].get("state"))
                end = index
            index += 1
        if labels:
            shown = [label for label in labels if label not in NOT_COMPARED]
            yield last_user, (shown[-1] if shown else None), end


def with_outcomes(record: dict, task: Task, source: str) -> Conversation:
    """The recorded conversation, with its action's outcomes read off the wizard's replies."""
    conversation = conversation_from_record(record, source)
    given = [task.outcomes[label] for _, label, _ in replies(record["turns"]) if label in task.outcomes]
    users = sum(1 for turn in record["turns"] if turn["role"] == "user")
    conversation.actions = {task.action: given + [task.usual] * (users + 1)}
    return conversation


# --------------------------------------------------------------------------- audit


def run_audit(corpus: Path, report: Path) -> tuple[float, dict]:
    done = run(alur("audit", str(corpus), "--format", "json", "--output", str(report)))
    return done.wall, orjson.loads(report.read_bytes())


def read_labels(path: Path) -> dict[tuple[str, int], tuple[str, str, str]]:
    """(conversation id, turn) -> (legit|real, category, note)."""
    labels = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("id\t"):
            continue
        ident, turn, label, category, note = line.split("\t")
        labels[(ident, int(turn))] = (label, category, note)
    return labels


def audit_part(corpus: Path, records: list[dict], show_unlabelled: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="alur-star-") as folder:
        elapsed, report = run_audit(corpus, Path(folder) / "audit.json")
    empty = {str(r["id"]) for r in records if not r["turns"]}
    results = {r["id"]: r for r in report["results"]}
    turns = sum(len(r["turns"]) for r in records)
    unexplained = sum(1 for r in report["results"] for f in r["findings"] if not f["message"].strip())
    print("== alur audit, whole corpus")
    print(
        f"time {elapsed:.2f} s ({turns / elapsed:,.0f} turns/s), {report['conversations']} conversations of {len(records)} read"
    )
    print(
        f"empty conversations: {len(empty)}, all reported: {all(i in results for i in empty)}, all pass: "
        f"{all(results[i]['status'] == 'pass' for i in empty if i in results)}"
    )
    print(
        f"findings: {report['summary']}; lines skipped: {len(report.get('skipped', []))}; "
        f"findings without an explanation: {unexplained}"
    )

    labels = read_labels(LABELS)
    judged: Counter[tuple[str, str]] = Counter()
    unlabelled = []
    for result in report["results"]:
        for finding in result["findings"]:
            if finding["kind"] != "loop":
                continue
            label = labels.get((result["id"], finding["turn"]))
            if label is None:
                unlabelled.append((result["id"], finding["turn"], finding["message"]))
            else:
                judged[label[:2]] += 1
    loops = report["summary"].get("loop", 0)
    legit = sum(n for (label, _), n in judged.items() if label == "legit")
    real = sum(n for (label, _), n in judged.items() if label == "real")
    print()
    print("== loop findings against the labels")
    print(
        f"loop findings {loops}: legitimate repetition {legit} ({legit / max(loops, 1):.0%}), real loops {real}, "
        f"not labelled {len(unlabelled)}"
    )
    for (label, category), n in sorted(judged.items()):
        print(f"  {label:<6} {category:<14} {n}")
    if show_unlabelled:
        for ident, turn, message in unlabelled:
            print(f"  unlabelled: {ident}\t{turn}\t{message}")

    repeated = [r for r in records if _said_three_times(r["turns"])]
    flagged = {r["id"] for r in report["results"] if any(f["kind"] == "loop" for f in r["findings"])}
    not_understood = [r for r in records if _said_three_times(r["turns"], OUT_OF_SCOPE)]
    found_loop = [r["id"] for r in not_understood if r["id"] in flagged]
    found_any = [r["id"] for r in not_understood if results.get(r["id"], {}).get("findings")]
    print(
        f"conversations with one bot text said 3+ times: {len(repeated)}, with a loop finding: "
        f"{sum(1 for r in repeated if r['id'] in flagged)}"
    )
    print(
        f"conversations with the wizard's \"I don't quite understand\" 3+ times: {len(not_understood)}; "
        f"with a loop finding {len(found_loop)}, with any finding {len(found_any)}"
    )
    print("  not flagged: " + ", ".join(r["id"] for r in not_understood if r["id"] not in found_any))


def _said_three_times(turns: list[dict], label: str | None = None) -> bool:
    said = Counter(t["text"] for t in turns if t["role"] == "bot" and (label is None or t.get("state") == label))
    return bool(said) and max(said.values()) >= 3


# --------------------------------------------------------------------------- replay


@dataclass
class Match:
    compared: int = 0
    matched: int = 0
    not_compared: int = 0

    def add(self, wizard: str | None, alur: str, retried: bool) -> None:
        if wizard is None:
            self.not_compared += 1
            return
        self.compared += 1
        self.matched += wizard == alur or (retried and wizard in (OUT_OF_SCOPE, alur))

    def __str__(self) -> str:
        share = self.matched / self.compared if self.compared else 0.0
        return f"{self.matched}/{self.compared} = {share:.1%}"


def free_running(replayed: Trace, turns: list[dict], match: Match) -> None:
    """Compare alur's state after each replayed customer turn with the wizard's reply to it."""
    after = {item.index: item.step for item in replayed.turns}
    opening = replayed.opening
    state = opening.state if opening is not None else ""
    retried = False
    last_step_at = -1
    for user, label, _ in replies(turns):
        if user is not None:
            steps = [i for i in after if last_step_at < i <= user]
            if steps:
                step = after[max(steps)]
                state, retried = step.state, "retry" in step.events
                last_step_at = max(steps)
            elif replayed.error is not None:
                state, retried = "(replay error)", False
        match.add(label, state, retried)


def step_by_step(engine: Engine, record: dict, task: Task, match: Match) -> None:
    """Each customer turn handled in the state the wizard was in."""
    turns = record["turns"]
    current: dict[str, str | None] = {"label": None}

    def outcome(action: str, state: str, routed: tuple[str, ...]) -> str:
        given = task.outcomes.get(current["label"] or "")
        return given if given in routed else task.usual

    wizard_state: str | None = None  # None: the flow's start, where the customer's first turn may open the chat
    for user, label, _ in replies(turns):
        current["label"] = label
        if label is None:
            match.add(None, "", False)
        elif user is None:  # the wizard spoke first
            _, opening = engine.start(ask_outcome=outcome)
            match.add(label, opening.state, False)
        elif wizard_state is None or wizard_state in engine.flow.states:
            texts = []
            j = user
            while j >= 0 and turns[j]["role"] == "user":
                texts.insert(0, turns[j]["text"])
                j -= 1
            conversation, _ = engine.start(state=wizard_state, ask_outcome=outcome)
            step = engine.turn(conversation, "\n".join(texts))
            match.add(label, step.state, "retry" in step.events)
        else:  # the wizard was in a state the flow does not have
            match.add(label, "", False)
        if label is not None and label != OUT_OF_SCOPE:
            wizard_state = label


def replay_part(records: list[dict]) -> None:
    print()
    print("== replay of three STAR tasks (single-task conversations)")
    for name, task in TASKS.items():
        flow = load_runnable_flow(task.flow)
        engine = Engine(flow)
        replayer = Replayer(engine, ReplayConfig(drift=False))
        strict = Replayer(engine, ReplayConfig(drift=False, infer_outcomes=False))
        coverage = Coverage(flow)
        free, stepwise, inferred_free = Match(), Match(), Match()
        unrun = {"no outcomes, no inference": 0, "no outcomes, inferred": 0}
        inferred = 0
        kinds: Counter[str] = Counter()
        chosen = [r for r in records if r.get("flow") == name and r["turns"]]
        errors = 0
        start = time.perf_counter()
        for number, record in enumerate(chosen):
            result, replayed = replayer.trace(with_outcomes(record, task, f"{name}:{number + 1}"))
            coverage.record(replayed)
            kinds.update(f.kind for f in result.findings)
            errors += result.error is not None
            free_running(replayed, record["turns"], free)
            step_by_step(engine, record, task, stepwise)
            plain = conversation_from_record(record, f"{name}:{number + 1}")  # as recorded: no outcomes
            unrun["no outcomes, no inference"] += strict.trace(plain)[0].error is not None
            result, replayed = replayer.trace(plain)
            unrun["no outcomes, inferred"] += result.error is not None
            inferred += len(replayed.inferred)
            free_running(replayed, record["turns"], inferred_free)
        elapsed = time.perf_counter() - start
        print(f"{name}: {len(chosen)} conversations in {elapsed:.2f} s, {errors} stopped by an error")
        print(f"  coverage: {coverage.summary()}")
        if coverage.never_visited():
            print(f"  never visited: {', '.join(coverage.never_visited())}")
        print(
            f"  next state = wizard's state: free-running {free}, step by step {stepwise} "
            f"({free.not_compared} unlabelled replies not compared)"
        )
        print(f"  replay findings: {dict(sorted(kinds.items()))}")
        print(
            f"  without hand-written outcomes, could not be run: {unrun['no outcomes, no inference']} without inference, "
            f"{unrun['no outcomes, inferred']} with it ({inferred} outcomes inferred); next state = wizard's, "
            f"free-running with inferred outcomes {inferred_free}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="STAR dialogues.jsonl(.gz)")
    parser.add_argument("--show-unlabelled", action="store_true", help="list loop findings with no label yet")
    parser.add_argument("--skip-audit", action="store_true")
    parser.add_argument("--skip-replay", action="store_true")
    options = parser.parse_args()
    if not options.corpus.exists():
        print(f"no corpus at {options.corpus}; pass --corpus", file=sys.stderr)
        return 2
    records = read_records(options.corpus)
    if not options.skip_audit:
        audit_part(options.corpus, records, options.show_unlabelled)
    if not options.skip_replay:
        replay_part(records)
    return 0


if __name__ == "__main__":
    sys.exit(main())
