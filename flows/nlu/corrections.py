"""Intent centroids corrected on their own examples' mistakes.

A centroid (the sum of an intent's examples) weighs every feature of every
example alike, so a word two intents both use ("book", "cancel", "saldo")
pulls a turn towards whichever intent has more examples with it. A trained
classifier learns which features tell two intents apart; this is the
cheapest step in that direction that starts from the centroid instead of
from nothing (a perceptron from zero ranked worse than the centroid): each
example is scored, left out of its own intent, against the intents it
shares a word with, and when another intent comes within `MARGIN` of its
own, the example is added to its own intent and taken from the other, by
`RATE`. Only examples the centroid gets wrong or nearly wrong move
anything, so intents that are already apart keep their centroid.

Rate, margin and passes were chosen on the STAR tasks' intents (5-fold)
and the Indonesian dev flows (benchmarks/nlu/dev/): on STAR, with no
threshold, it closes most of the gap between the centroid and a linear
SVM (0.887 -> 0.899, the SVM 0.905), and the scores it gives separate
out-of-domain turns better too (0.765 -> 0.772 at 20 % of them
accepted); on the dev flows it ranks as the centroid did.

The work grows with examples times the intents each shares a word with
(words more than `MAX_SHARED` intents use make no rivals), examples their
own intent already leads by `SETTLED` are skipped after the first pass,
and a huge flow gets fewer passes: `WORK_BUDGET` example-passes at most
(a 4,000-example flow, one pass, about 0.2 s). A STAR task's flow (about
100 examples, 12 intents) takes about 20 ms, on its first turn. `alur check` never pays for
it: the corrections are made on the first turn, and `confusable-example`
compares plain centroids, so it still reports the examples that needed
correcting.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from alur.flows.nlu.vectors import Vector, dot

RATE = 0.05  # of an example's unit vector, per mistake
MARGIN = 0.05  # a rival this close to an example's own intent counts as a mistake
PASSES = 5
# Words more intents than this use tell none of them apart ("saya", "mau",
# "please"): sharing one does not make two intents rivals. Keeps a huge
# generated flow, where every intent's examples say "saya mau", from
# comparing every example with every intent.
MAX_SHARED = 20
# An example its own intent leads by this much is settled: later passes skip
# it (half the work on STAR's flows, the same corrections to 0.001).
SETTLED = 0.15
WORK_BUDGET = 5_000  # examples x passes, at most
_HALF = 1 / math.sqrt(2)  # an example's word and character bags are each half of it
_OWN = math.sqrt(2)  # what an example adds to its own score, times its intent's length


def correct(
    centroids: list[tuple[Vector, Vector]],
    examples: Sequence[tuple[int, Vector, Vector]],
    lengths: Sequence[float],
) -> None:
    """Correct `centroids` (per intent: its unit word and character parts)
    in place on `examples` (intent, unit word bag, unit character bag);
    `lengths` are the intents' centroid lengths before scaling to unit, so
    an example's own share can be taken out of its intent (leave-one-out)."""
    if len(centroids) < 2 or not examples:
        return
    sharing: dict[str, set[int]] = {}  # word feature -> the intents whose examples have it
    for intent, words, _ in examples:
        for feature in words:
            sharing.setdefault(feature, set()).add(intent)
    rivals = [
        sorted(
            {other for feature in words if len(sharing[feature]) <= MAX_SHARED for other in sharing[feature]} - {intent}
        )
        for intent, words, _ in examples
    ]
    order = list(range(len(examples)))
    shuffle = random.Random(0).shuffle  # fixed: the same flow always gets the same corrections
    for _ in range(max(1, min(PASSES, WORK_BUDGET // len(examples)))):
        shuffle(order)
        unsettled = []
        for number in order:
            intent, words, chars = examples[number]
            if not rivals[number]:
                continue
            own_words, own_chars = centroids[intent]
            own = _HALF * (dot(words, own_words) + dot(chars, own_chars)) - _OWN / lengths[intent]
            best, other = max((_score(words, chars, centroids[rival]), rival) for rival in rivals[number])
            if own - best < SETTLED:
                unsettled.append(number)
            if best + MARGIN > own:
                _move(centroids[intent], words, chars, RATE)
                _move(centroids[other], words, chars, -RATE)
        order = unsettled


def _score(words: Vector, chars: Vector, centroid: tuple[Vector, Vector]) -> float:
    return _HALF * (dot(words, centroid[0]) + dot(chars, centroid[1]))


def _move(centroid: tuple[Vector, Vector], words: Vector, chars: Vector, rate: float) -> None:
    """`centroid` += `rate` x the example (its unit length split over two
    bags). Taking away (a negative rate) only touches the character pieces
    the centroid has: pieces are shared by nearly every intent, and giving
    each intent the pieces of its rivals' examples would make every turn
    visit them all (1.5 -> 2.5 ms a turn on a 1,300-intent flow)."""
    step = rate * _HALF
    for part, bag in zip(centroid, (words, chars), strict=True):
        for feature, value in bag.items():
            if rate < 0 and part is centroid[1] and feature not in part:
                continue
            part[feature] = part.get(feature, 0.0) + step * value
