"""How well alur's intent matcher understands customers, against a trained baseline.

    .venv/bin/python benchmarks/bench_nlu.py [--star DIR] [--tasks N]

The baseline is the standard one: scikit-learn TF-IDF over word 1-2-grams
and character 2-5-grams (char_wb), LinearSVC (`pip install -e '.[bench]'`).
Both are trained and tested on the same folds in the same run:

- STAR: each task's `*.nlu.md` intent examples (../shared/corpus/star/tasks),
  5-fold cross-validation (folds dealt per intent); the mean over tasks,
  and all tasks pooled into one flow (intents of the same name merged);
- Indonesian: benchmarks/nlu/id_train.yaml (a flow's intents) against
  benchmarks/nlu/id_test.jsonl, customer messages written apart from the
  training examples, and id_test2.jsonl, written later and apart again in
  styles the first lacks (one-word messages, heavy typos, Javanese and
  Sundanese words, emojis, English mixed in); messages with
  `"intent": null` mean none of the intents. Neither is ever tuned on;
- dev (tuned on): benchmarks/nlu/dev/*/, six more Indonesian flows
  (telco, bank, marketplace; pln, clinic, courier written later, apart
  again), each a `train.yaml` and a `test.jsonl` of customer messages
  written apart, 40 of each meaning none of the intents. The matcher's acceptance rule is tuned on these, so their
  figures are not a test; printed apart, labelled as such.

Accuracy counts a fallback ("no intent") as wrong; macro-F1 is over the
intents; out-of-domain acceptance is the share of messages meaning none of
the intents that get one: for STAR, the examples of the other tasks' own
intents (not their shared greetings and small talk). The baseline always
answers, as "alur@0" (alur without a threshold) nearly does; "baseline@ood"
is the baseline with a rejection threshold on its decision score set (on
the out-of-domain messages themselves: a generous choice) to accept no
more out-of-domain messages than alur. Speed is per message, one at a
time, as a chat or replay sends them; start-up is building the matcher
and answering its first turn (alur: the first turn builds what only turns
need) or fitting (baseline), plus importing it.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

from alur.flows.nlu import IntentMatcher

HERE = Path(__file__).resolve().parent
STAR = next(
    (p / "shared/corpus/star/tasks" for p in HERE.parents if (p / "shared/corpus/star/tasks").is_dir()), HERE / "star"
)
SHARED = {"hello", "out_of_scope", "anything_else", "ask_name", "goodbye_1"}
FOLDS = 5
OOD_PER_TASK = 200
SPEED_SAMPLE = 300

Example = tuple[str, str]  # (intent, text)
Predict = Callable[[str], "str | None"]


def read_nlu(path: Path) -> dict[str, list[str]]:
    """Intent -> examples of a Rasa-style `*.nlu.md` file."""
    intents: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"## intent:(\S+)", line)
        if heading:
            current = intents.setdefault(heading.group(1), [])
        elif line.startswith("- ") and current is not None:
            current.append(line[2:].strip())
    return intents


def deal_folds(intents: dict[str, list[str]], seed: int) -> list[list[Example]]:
    """Each intent's examples shuffled and dealt round the folds."""
    rng = random.Random(seed)
    folds: list[list[Example]] = [[] for _ in range(FOLDS)]
    for name, examples in intents.items():
        shuffled = list(examples)
        rng.shuffle(shuffled)
        for i, text in enumerate(shuffled):
            folds[i % FOLDS].append((name, text))
    return folds


class Scores:
    """Predictions against truths, plus out-of-domain answers, for one setting."""

    def __init__(self) -> None:
        self.truth: list[str] = []
        self.guess: list[str | None] = []
        self.ood: list[bool] = []

    def add(self, truth: str, guess: str | None) -> None:
        self.truth.append(truth)
        self.guess.append(guess)

    @property
    def accuracy(self) -> float:
        return sum(t == g for t, g in zip(self.truth, self.guess, strict=True)) / len(self.truth)

    @property
    def fallback(self) -> float:
        return sum(g is None for g in self.guess) / len(self.guess)

    @property
    def macro_f1(self) -> float:
        f1s = []
        for name in set(self.truth):
            tp = sum(t == name and g == name for t, g in zip(self.truth, self.guess, strict=True))
            fp = sum(t != name and g == name for t, g in zip(self.truth, self.guess, strict=True))
            fn = sum(t == name and g != name for t, g in zip(self.truth, self.guess, strict=True))
            f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
        return statistics.fmean(f1s)

    @property
    def ood_accepted(self) -> float | None:
        return sum(self.ood) / len(self.ood) if self.ood else None


class Alur:
    """alur's matcher; with `threshold=0` it answers whenever any intent scores."""

    def __init__(self, intents: dict[str, list[str]], threshold: float | None = None):
        flow = {name: (examples, []) for name, examples in intents.items()}
        self.matcher = IntentMatcher(flow) if threshold is None else IntentMatcher(flow, threshold=threshold)

    def predict(self, text: str) -> str | None:
        found = self.matcher.match(text)
        return found.intent if found else None


class Baseline:
    """TF-IDF word 1-2 + char_wb 2-5, LinearSVC; `threshold` rejects below it."""

    def __init__(self, intents: dict[str, list[str]]):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import make_pipeline, make_union
        from sklearn.svm import LinearSVC

        texts = [text for examples in intents.values() for text in examples]
        labels = [name for name, examples in intents.items() for _ in examples]
        features = make_union(
            TfidfVectorizer(ngram_range=(1, 2)), TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5))
        )
        self.model = make_pipeline(features, LinearSVC()).fit(texts, labels)
        self.threshold = float("-inf")

    def decide(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        scores = self.model.decision_function(list(texts))
        classes = self.model.classes_
        if scores.ndim == 1:  # two intents
            return [(classes[int(s > 0)], abs(float(s))) for s in scores]
        return [(classes[row.argmax()], float(row.max())) for row in scores]

    def predict(self, text: str) -> str | None:
        name, score = self.decide([text])[0]
        return name if score >= self.threshold else None


class Ranked:
    """The baseline's answers with their decision scores, to be cut at a threshold."""

    def __init__(self) -> None:
        self.answers: list[tuple[str, str, float]] = []  # (truth, answer, score)
        self.ood: list[float] = []

    def at(self, threshold: float) -> Scores:
        scores = Scores()
        for truth, name, score in self.answers:
            scores.add(truth, name if score >= threshold else None)
        scores.ood = [score >= threshold for score in self.ood]
        return scores

    def accepting(self, share: float | None) -> Scores:
        """Cut where no more than `share` of the out-of-domain messages pass
        (set on those messages themselves: generous to the baseline)."""
        if share is None or not self.ood:
            return self.at(float("-inf"))
        ranked = sorted(self.ood, reverse=True)
        keep = int(share * len(ranked))
        return self.at(ranked[keep] + 1e-9 if keep < len(ranked) else float("-inf"))


class Setting:
    """One setting's results: alur, and the baseline's ranked answers."""

    def __init__(self) -> None:
        self.alur = Scores()
        self.alur_open = Scores()
        self.baseline = Ranked()

    def table(self) -> dict[str, Scores]:
        return {
            "alur": self.alur,
            "alur@0": self.alur_open,
            "baseline": self.baseline.at(float("-inf")),
            "baseline@ood": self.baseline.accepting(self.alur.ood_accepted),
        }


def run_setting(
    train: dict[str, list[str]], test: list[Example], ood: list[str], setting: Setting, timings: dict[str, list[float]]
) -> None:
    """Train both on `train`, score `test` and `ood` into `setting`."""
    started = time.perf_counter()
    alur = Alur(train)
    alur.matcher.scores(test[0][1])  # a first turn scored builds what only turns need (postings, corrections)
    timings["alur build"].append(time.perf_counter() - started)
    started = time.perf_counter()
    baseline = Baseline(train)
    timings["baseline fit"].append(time.perf_counter() - started)
    for truth, text in test:
        setting.alur.add(truth, alur.predict(text))
    setting.alur.ood += [alur.predict(text) is not None for text in ood]
    always = Alur(train, threshold=0.0)
    for truth, text in test:
        setting.alur_open.add(truth, always.predict(text))
    setting.alur_open.ood += [always.predict(text) is not None for text in ood]
    decided = baseline.decide([text for _, text in test])
    setting.baseline.answers += [(truth, name, score) for (truth, _), (name, score) in zip(test, decided, strict=True)]
    setting.baseline.ood += [score for _, score in baseline.decide(ood)] if ood else []


def trained_on_all_but(folds: list[list[Example]], held: int) -> dict[str, list[str]]:
    train: dict[str, list[str]] = {}
    for number, fold in enumerate(folds):
        if number != held:
            for name, text in fold:
                train.setdefault(name, []).append(text)
    return train


def star(
    directory: Path, limit: int | None, timings: dict[str, list[float]]
) -> tuple[dict[str, dict[str, Scores]], dict[str, Scores]]:
    """Per task and pooled tables of the STAR cross-validation."""
    paths = sorted(directory.glob("*.nlu.md"))[:limit]
    tasks = {path.name.removesuffix(".nlu.md"): read_nlu(path) for path in paths}
    per_task: dict[str, dict[str, Scores]] = {}
    rng = random.Random(7)
    for task, intents in tasks.items():
        others = [
            text
            for other, its in tasks.items()
            if other != task
            for name, texts in its.items()
            if name not in SHARED and name not in intents
            for text in texts
        ]
        ood = rng.sample(others, min(OOD_PER_TASK, len(others)))
        setting = Setting()
        folds = deal_folds(intents, seed=1)
        for held in range(FOLDS):
            run_setting(trained_on_all_but(folds, held), folds[held], ood if held == 0 else [], setting, timings)
        per_task[task] = setting.table()
    pooled: dict[str, list[str]] = {}
    for intents in tasks.values():
        for name, texts in intents.items():
            pooled.setdefault(name, []).extend(texts)
    setting = Setting()
    folds = deal_folds(pooled, seed=1)
    for held in range(FOLDS):
        run_setting(trained_on_all_but(folds, held), folds[held], [], setting, timings)
    return per_task, setting.table()


INDONESIAN_TESTS = ("id_test.jsonl", "id_test2.jsonl")


DEV = HERE / "nlu" / "dev"


def read_indonesian_train(path: Path = HERE / "nlu" / "id_train.yaml") -> dict[str, list[str]]:
    """The training intents."""
    flow = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {name: list(intent["examples"]) for name, intent in flow["intents"].items()}


def read_indonesian_test(path: Path) -> tuple[list[Example], list[str]]:
    """The test messages with their intent, and those meaning none."""
    test, ood = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if record["intent"] is None:
            ood.append(record["text"])
        else:
            test.append((record["intent"], record["text"]))
    return test, ood


def per_message(predict: Predict, texts: Sequence[str]) -> float:
    """Median of 3 runs, microseconds per message, one at a time."""
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        for text in texts:
            predict(text)
        runs.append((time.perf_counter() - started) / len(texts) * 1e6)
    return statistics.median(runs)


def import_ms(statement: str) -> float:
    """Milliseconds `statement` adds to a fresh interpreter (best of 3 each)."""

    def once(code: str) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - started

    return (min(once(statement) for _ in range(3)) - min(once("pass") for _ in range(3))) * 1000


def row(label: str, scores: Scores) -> str:
    ood = scores.ood_accepted
    return f"  {label:<14} {scores.accuracy:8.3f} {scores.macro_f1:9.3f} {scores.fallback:9.1%} {('%.1f%%' % (ood * 100)) if ood is not None else 'n/a':>9}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--star", type=Path, default=STAR, help="folder of STAR *.nlu.md files")
    parser.add_argument("--tasks", type=int, default=None, help="only the first N tasks (a quick look)")
    args = parser.parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("the baseline needs scikit-learn: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    timings: dict[str, list[float]] = {"alur build": [], "baseline fit": []}
    header = f"  {'':<14} {'accuracy':>8} {'macro-F1':>9} {'fallback':>9} {'OOD acc.':>9}"
    missed = []
    speed_texts: list[str] = []
    if args.star.is_dir():
        per_task, pooled = star(args.star, args.tasks, timings)
        print(f"STAR, {len(per_task)} tasks, {FOLDS}-fold, mean of tasks")
        print(header)
        means = {}
        for name in ("alur", "alur@0", "baseline", "baseline@ood"):
            tables = [table[name] for table in per_task.values()]
            means[name] = statistics.fmean(s.accuracy for s in tables)
            ood = statistics.fmean(s.ood_accepted or 0.0 for s in tables)
            print(
                f"  {name:<14} {means[name]:8.3f} {statistics.fmean(s.macro_f1 for s in tables):9.3f} "
                f"{statistics.fmean(s.fallback for s in tables):9.1%} {ood * 100:8.1f}%"
            )
            if name == "alur" and ood > 0.2:
                missed.append("STAR out-of-domain acceptance")
        ahead = sum(table["alur"].accuracy >= table["baseline"].accuracy for table in per_task.values())
        ahead_ood = sum(table["alur"].accuracy >= table["baseline@ood"].accuracy for table in per_task.values())
        print(
            f"  alur at least as accurate as the baseline on {ahead} of {len(per_task)} tasks, as baseline@ood on {ahead_ood}"
        )
        print(
            f"  ratio alur / baseline accuracy: {means['alur'] / means['baseline']:.3f}; alur / baseline@ood: {means['alur'] / means['baseline@ood']:.3f}"
        )
        if means["alur"] < means["baseline"]:
            missed.append("STAR mean accuracy")
        print(f"\nSTAR, all tasks pooled ({len(set(pooled['alur'].truth))} intents), {FOLDS}-fold")
        print(header)
        for name, scores in pooled.items():
            print(row(name, scores))
        weather = read_nlu(sorted(args.star.glob("*.nlu.md"))[-1])
        speed_texts += [text for examples in weather.values() for text in examples][:SPEED_SAMPLE]
    else:
        print(f"STAR not found at {args.star}; skipped")
    dev_tables = []
    for folder in sorted(path for path in DEV.iterdir() if (path / "train.yaml").is_file()):
        dev_train = read_indonesian_train(folder / "train.yaml")
        test, ood = read_indonesian_test(folder / "test.jsonl")
        setting = Setting()
        run_setting(dev_train, test, ood, setting, timings)
        dev_tables.append((folder.name, len(dev_train), len(test), len(ood), setting.table()))
    if dev_tables:
        print(f"\ndev (tuned on: not a test), Indonesian flows of benchmarks/nlu/dev/, mean of {len(dev_tables)}")
        print(header)
        for name in ("alur", "alur@0", "baseline", "baseline@ood"):
            tables = [table[name] for *_, table in dev_tables]
            print(
                f"  {name:<14} {statistics.fmean(s.accuracy for s in tables):8.3f} "
                f"{statistics.fmean(s.macro_f1 for s in tables):9.3f} "
                f"{statistics.fmean(s.fallback for s in tables):9.1%} "
                f"{statistics.fmean(s.ood_accepted or 0.0 for s in tables) * 100:8.1f}%"
            )
        for folder_name, intents, tests, oods, table in dev_tables:
            alur_row, open_row, base_row = table["alur"], table["alur@0"], table["baseline"]
            print(
                f"  {folder_name:<12} ({intents} intents, {tests} + {oods} none): alur {alur_row.accuracy:.3f} "
                f"at {alur_row.ood_accepted or 0.0:.1%} OOD, alur@0 {open_row.accuracy:.3f}, baseline {base_row.accuracy:.3f}, "
                f"baseline@ood {table['baseline@ood'].accuracy:.3f}"
            )
    train = read_indonesian_train()
    for test_name in INDONESIAN_TESTS:
        test, ood = read_indonesian_test(HERE / "nlu" / test_name)
        setting = Setting()
        run_setting(train, test, ood, setting, timings)
        table = setting.table()
        print(
            f"\nIndonesian WhatsApp-style, test {test_name}: {len(train)} intents, {sum(map(len, train.values()))} examples; {len(test)} test messages + {len(ood)} meaning none"
        )
        print(header)
        for name, scores in table.items():
            print(row(name, scores))
        print(
            f"  ratio alur / baseline accuracy: {table['alur'].accuracy / table['baseline'].accuracy:.3f}; "
            f"alur / baseline@ood: {table['alur'].accuracy / table['baseline@ood'].accuracy:.3f}"
        )
        if table["alur"].accuracy < table["baseline"].accuracy:
            missed.append(f"Indonesian accuracy ({test_name})")
        if (table["alur"].ood_accepted or 0.0) > 0.2:
            missed.append(f"Indonesian out-of-domain acceptance ({test_name})")
        speed_texts += [text for _, text in test] + ood
    alur, baseline = Alur(train), Baseline(train)
    alur_us = per_message(alur.predict, speed_texts)
    base_us = per_message(baseline.predict, speed_texts[:SPEED_SAMPLE])
    alur_import = import_ms("import alur.flows.nlu")
    base_import = import_ms("import sklearn.svm, sklearn.feature_extraction.text, sklearn.pipeline")
    print("\nspeed (one message at a time, median of 3 runs) and start-up")
    print(
        f"  alur      {alur_us:8.1f} us/message   build {statistics.median(timings['alur build']) * 1000:6.1f} ms (median, first turn included)   import {alur_import:6.1f} ms"
    )
    print(
        f"  baseline  {base_us:8.1f} us/message   fit   {statistics.median(timings['baseline fit']) * 1000:6.1f} ms (median)   import {base_import:6.1f} ms"
    )
    print(f"  ratio baseline / alur time per message: {base_us / alur_us:.1f}x")
    if alur_us > 200:
        missed.append("200 us per message")
    print("\ntargets: " + ("all met" if not missed else "MISSED " + ", ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
