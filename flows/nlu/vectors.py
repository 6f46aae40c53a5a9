"""TF-IDF vectors of a flow's examples and of customers' turns.

A text is two bags of features, each weighted and scaled to unit length,
then joined (so each bag counts half in a cosine):

- words: the match keys of its words (`features.key`: "pesanannya" is
  "pesan"), a negated one marked apart ("¬cancel": "jangan cancel" is not
  "cancel"), and each pair of neighbouring keys ("cek pesan");
- characters: the 3- to 5-letter pieces of each word padded with a space
  (" hal", "llo "), so that "hallo", "hullo" and "heyho" meet "hello" and
  "hey", a typo costs a few pieces instead of the whole word, and "vocer"
  is close to "voucher".

A feature weighs by how rare it is among the examples (inverse document
frequency, as scikit-learn computes it) times how few intents use it
(a piece every intent has tells none of them apart). A feature no example
has still counts in the turn's length, at twice the highest weight: a turn that
says much the flow has never seen is less like any intent.

An intent is the sum of its examples' vectors (its centroid); a turn's
score for an intent is the cosine between the turn and the centroid.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import chain
from typing import cast

from alur.flows.nlu.reading import Reading

CHAR_SIZES = (3, 4, 5)
NEGATED = "¬"
# Filler words ("kak", "dong", "saya", a project's stopwords) count this much
# of a word: they never decide an intent beside words that say something.
FILLER_WEIGHT = 0.5
# A feature no example has weighs twice the highest weight a known one can
# have: calibrated on STAR, where it best separates other tasks' messages.
_UNKNOWN_FACTOR = 2.0
Vector = dict[str, float]


@lru_cache(maxsize=65_536)
def char_grams(word: str) -> tuple[str, ...]:
    """The 3- to 5-letter pieces of " word ": "hey" -> " he", "hey", "ey ", " hey", "hey ", " hey ".
    Remembered: flows and customers reuse a small vocabulary."""
    padded = f" {word} "
    last = len(padded)
    return tuple(padded[i : i + n] for n in CHAR_SIZES if n <= last for i in range(last - n + 1))


def word_bag(reading: Reading, filler_keys: frozenset[str]) -> dict[str, float]:
    """The word features of a reading. A filler word's own feature, and the
    features of words a "but" sets aside, count `FILLER_WEIGHT`."""
    marked = [NEGATED + k if negated else k for k, negated in zip(reading.keys, reading.negated, strict=True)]
    bag: dict[str, float] = {}
    for i, feature in enumerate(marked):
        weight = FILLER_WEIGHT if i < reading.aside or reading.keys[i] in filler_keys else 1.0
        bag[feature] = bag.get(feature, 0.0) + weight
        if i:
            pair = f"{marked[i - 1]} {feature}"
            bag[pair] = bag.get(pair, 0.0) + (FILLER_WEIGHT if i <= reading.aside else 1.0)
    return bag


def char_bag(words: Sequence[str], filler: frozenset[str], aside: int = 0) -> dict[str, float]:
    """The character pieces of the words; a filler word's, and those of words
    a "but" sets aside, count `FILLER_WEIGHT`."""
    if not aside and filler.isdisjoint(words):  # the common case, counted in C
        return cast(dict[str, float], Counter(chain.from_iterable(map(char_grams, words))))  # counts are numbers
    bag: dict[str, float] = {}
    for i, word in enumerate(words):
        weight = FILLER_WEIGHT if i < aside or word in filler else 1.0
        for gram in char_grams(word):
            bag[gram] = bag.get(gram, 0.0) + weight
    return bag


class Weights:
    """How much each feature of one bag tells, learnt from a flow's examples.

    `bags` holds, per example, its intent's index and its feature counts,
    grouped by intent."""

    def __init__(self, bags: Sequence[tuple[int, dict[str, float]]], intents: int):
        examples: Counter[str] = Counter()  # how many examples have the feature
        users: Counter[str] = Counter()  # how many intents do
        of_intent: set[str] = set()
        current = None
        for intent, bag in bags:
            if intent != current:
                users.update(of_intent)
                of_intent, current = set(), intent
            examples.update(bag.keys())
            of_intent.update(bag.keys())
        users.update(of_intent)
        total = len(bags)
        log = math.log
        self.of: dict[str, float] = {
            feature: (log((1 + total) / (1 + count)) + 1) * log(1 + intents / users[feature])
            for feature, count in examples.items()
        }
        self.unknown = _UNKNOWN_FACTOR * (math.log(1 + total) + 1) * math.log(1 + max(1, intents))

    def unit(self, bag: dict[str, float]) -> Vector:
        """An example's bag weighted and scaled to unit length (all its features are known)."""
        of = self.of
        vector = {feature: count * of[feature] for feature, count in bag.items()}
        length = math.hypot(*vector.values())
        return {feature: value / length for feature, value in vector.items()} if length else {}

    def vector(
        self, bag: dict[str, float], quiet: Callable[[str], bool] = lambda feature: False
    ) -> tuple[Vector, float]:
        """The bag's weighted known features, and its length, unknown features
        included unless `quiet` (filler words: they never say less of an intent)."""
        of = self.of
        vector: Vector = {}
        unknown = 0.0
        for feature, count in bag.items():
            weight = of.get(feature)
            if weight is None:
                if not quiet(feature):
                    unknown += (count * self.unknown) ** 2
            else:
                vector[feature] = count * weight
        return vector, math.hypot(math.sqrt(unknown), *vector.values())


def add(into: Vector, vector: Vector) -> None:
    """`into` += `vector`, feature by feature."""
    for feature, value in vector.items():
        into[feature] = into.get(feature, 0.0) + value


def dot(a: Vector, b: Vector) -> float:
    return sum([a[feature] * b[feature] for feature in a.keys() & b.keys()])


def norm(vector: Vector) -> float:
    return math.hypot(*vector.values())
