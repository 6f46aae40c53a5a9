"""How well alur reads single messages it has never seen: precision and
recall of each of its recognisers on the labelled messages of
benchmarks/phrases/ (README there), dev and test, per language, in one run.

    python benchmarks/bench_phrases.py [--data benchmarks/phrases] [--show-dev LABEL]

Each recogniser is the function the detectors and replay call, not a copy:

handoff.jsonl, a customer's message (`request` / `not`):
    request        HandoffRequests.find, as audit asks it (the quick word
                   test, then flows/nlu/handoff.py's judgement, which replay
                   uses too)

endings.jsonl, a customer's last message after the bot answered:
    giving_up      mood.gives_up: the giving-up list, as written or
                   normalised, else a shape (abandoned_customer's reading)
    angry          the frustration list, else an angry tone (angry_tone),
                   else a shape (mood.sounds_angry):
                   ConversationView.frustration's reading
    thanks         sincere thanks (thanks(text, resigned=False))
    calm_accept    words of acceptance (accepts)
    unhappy        what a dead end needs of the leaving turn, against the
                   labels giving_up + angry (thanks, calm_accept and
                   own_reasons are its negatives): anger without sincere
                   thanks, or giving up with neither thanks nor acceptance
                   (the readings `_left_angry` and `_gave_up` make after a
                   failure the customer may accept)
    own_reasons has no recogniser of its own: it counts only as a negative.

handoff2.jsonl and endings2.jsonl hold more messages of the same kinds,
written later by other people, scored with the same rows.

bot.jsonl, a production bot's message (BotFacts.learn, as audit reads it):
    not_understood BotText.not_understood
    failure        a failure phrase (bots_fault) and no reason given
                   (explains): the bot's own failure
    unavailable    a refusal that is news or says why: an unavailable
                   phrase, or a failure phrase with a reason
    transfer       person_promised(...) == "transfer"
    callback       person_promised(...) == "callback"
    success        BotText.success
    closing        BotText.wraps_up
    other          none of the above

A message may be read as several classes; each class is scored on its own:
precision = messages of the label read as it / messages read as it, recall
= messages of the label read as it / messages of the label. Tune on dev,
report test: `--show-dev LABEL` lists the dev messages of a row it gets
wrong; nothing per message is ever printed for test.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import orjson

from alur.runner.audit_view import BotFacts, explains, person_promised
from alur.runner.mood import accepts, angry_tone, gives_up, sounds_angry, thanks
from alur.runner.phrases import PhraseBook
from alur.runner.phrases.handoff import HandoffRequests

ROOT = Path(__file__).resolve().parent.parent
SPLITS = ("dev", "test")
LANGS = ("en", "id", "all")

BOOK = PhraseBook.builtin()
FACTS = BotFacts(BOOK)
HANDOFF = HandoffRequests()


def _angry(text: str) -> bool:
    return BOOK.frustration.search(text) is not None or angry_tone(text) is not None or sounds_angry(text) is not None


def _giving_up(text: str) -> bool:
    return gives_up(text, BOOK.giving_up) is not None


def _unhappy(text: str) -> bool:
    return (_angry(text) and not thanks(text, resigned=False)) or (
        _giving_up(text) and not (thanks(text) or accepts(text))
    )


def _bot_classes(text: str) -> set[str]:
    facts = FACTS.learn(text)
    found = set()
    if facts.not_understood:
        found.add("not_understood")
    if facts.refusal:
        found.add("failure" if facts.bots_fault and not explains(text) else "unavailable")
    promised = person_promised(text, BOOK)
    if promised in ("transfer", "callback"):
        found.add(promised)
    if facts.success:
        found.add("success")
    if facts.wraps_up:
        found.add("closing")
    return found or {"other"}


@dataclass(frozen=True)
class Row:
    """One recogniser scored against the messages whose label is in `labels`."""

    name: str
    labels: frozenset[str]
    reads: Callable[[str], bool]


ROWS: dict[str, list[Row]] = {
    "handoff": [Row("request", frozenset({"request"}), lambda text: HANDOFF.find([text]) == [0])],
    "endings": [
        Row("giving_up", frozenset({"giving_up"}), _giving_up),
        Row("angry", frozenset({"angry"}), _angry),
        Row("thanks", frozenset({"thanks"}), lambda text: thanks(text, resigned=False)),
        Row("calm_accept", frozenset({"calm_accept"}), accepts),
        Row("unhappy", frozenset({"giving_up", "angry"}), _unhappy),
    ],
    "bot": [
        Row(label, frozenset({label}), lambda text, label=label: label in _bot_classes(text))  # type: ignore[misc]
        for label in ("not_understood", "failure", "unavailable", "transfer", "callback", "success", "closing", "other")
    ],
}

# Each file and the kind of messages it holds: a second file of a kind was written later, by other people,
# and is scored on its own so that the first's figures stay comparable across rounds.
FILES = {"handoff": "handoff", "handoff2": "handoff", "endings": "endings", "endings2": "endings", "bot": "bot"}


def _figure(tp: int, fp: int, fn: int) -> str:
    precision = f"{tp / (tp + fp):.2f}" if tp + fp else "   -"
    recall = f"{tp / (tp + fn):.2f}" if tp + fn else "   -"
    return f"{precision} {recall} ({tp:3}/{fp:3}/{fn:3})"


def score(lines: list[dict], row: Row, split: str, lang: str) -> tuple[int, int, int, list[tuple[str, dict]]]:
    """(TP, FP, FN, the mistakes) of `row` on the messages of `split` in `lang` ("all": both)."""
    tp = fp = fn = 0
    wrong = []
    for line in lines:
        if line["split"] != split or (lang != "all" and line["lang"] != lang):
            continue
        truth, read = line["label"] in row.labels, row.reads(line["text"])
        tp += truth and read
        fp += read and not truth
        fn += truth and not read
        if truth != read:
            wrong.append(("missed" if truth else "wrongly read", line))
    return tp, fp, fn, wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "benchmarks" / "phrases")
    parser.add_argument("--show-dev", metavar="LABEL", help="list the dev messages this row gets wrong")
    args = parser.parse_args()
    for name, kind in FILES.items():
        rows = ROWS[kind]
        lines = [orjson.loads(raw) for raw in (args.data / f"{name}.jsonl").read_bytes().splitlines() if raw.strip()]
        print(f"\n=== {name}: {len(lines)} messages   P R (TP/FP/FN)")
        print(f"  {'row':16}" + "".join(f"{split + ' ' + lang:>27}" for split in SPLITS for lang in LANGS))
        for row in rows:
            cells = [score(lines, row, split, lang) for split in SPLITS for lang in LANGS]
            print(f"  {row.name:16}" + "".join(f"{_figure(*cell[:3]):>27}" for cell in cells))
            if args.show_dev == row.name:
                for why, line in score(lines, row, "dev", "all")[3]:
                    print(f"      {why:12} [{line['lang']} {line['label']}] {line['text']}")


if __name__ == "__main__":
    main()
