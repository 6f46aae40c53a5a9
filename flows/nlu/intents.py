"""Matching a customer's turn to the flow's intents, without a trained model.

An intent is a list of examples and regex patterns. A turn matches, in
order of trust:

1. `exact`: it normalises to one of an intent's examples;
2. `pattern`: one of the intent's patterns is found in the raw or the
   normalised text;
3. `example`: its words are close enough to one example's words.

The similarity of 3 is a weighted word overlap. Words are compared by their
match keys (`features`: "membatalkan" meets "batalkan"), and a word of
six letters or more that is one typo away from a word of the examples
counts for most of it. Each word weighs by how few intents use it (a word
every intent uses tells little), and filler words of `stopwords.txt`
("dong", "kak", "saya", "admin" as in "min, ...") weigh little.

The score is an F-measure (beta 1.5, leaning to recall) of how much of the
example the turn says, and how much of the turn the example and its
intent's other examples explain. So a long turn that says an example in
full still matches, while a one-word overlap with a long turn does not. A
"not" that applies to a shared word in one of them but not the other
("jangan cancel" against "cancel pesanan") halves the score; a trailing
"ga?" is a question tag, not a "not". A greeting shares no word with "cek
pesanan" and scores 0.

Examples are indexed once, by key, when the matcher is built: a turn is
scored only against the examples that share a content word with it (filler
words index only the examples made of filler alone, like "halo kak").
The threshold (0.5) and weights were tuned on a table of Indonesian,
English and code-mixed turns (tests/test_nlu_intents.py) and checked on
held-out examples of the STAR corpus's task intents.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from alur.flows.nlu.features import deletions, key, unprefixed
from alur.flows.nlu.lexicon import Lexicon
from alur.flows.nlu.timed_regex import TimedPattern, intent_pattern

DEFAULT_THRESHOLD = 0.5
_FILLER_WEIGHT = 0.15
_NUMBER_WEIGHT = 0.3
_TYPO_CREDIT = 0.8
_NEGATION_PENALTY = 0.5
_RECALL_BIAS = 1.5  # beta of the F-measure: the example's coverage counts more
_MIN_TYPO_WORD = 6  # shorter words are too often a real word one letter apart
_MIN_TYPO_KEY = 5
_MEMO_LIMIT = 100_000
_NEGATION_SCOPE = 3
_NEGATIONS = frozenset({"tidak", "bukan", "jangan", "not", "never", "no"})
_ABILITY = frozenset({"bisa", "dapat"})  # "tidak bisa X" is a problem with X, not "not X"


def _negated_keys(tokens: list[str], keys: list[str]) -> frozenset[str]:
    """Keys of the words a "not" applies to: the few words after it
    ("tidak mau cancel" negates "cancel", not the rest of the turn).

    "Cannot" negates nothing: "gabisa login", "tidak bisa cancel" ask for
    help with logging in or cancelling, as "can't log in" does in English
    (which the normaliser reads as one word, "cannot")."""
    negated: set[str] = set()
    for i, token in enumerate(tokens):
        if token in _NEGATIONS and not _ABILITY.intersection(tokens[i + 1 : i + 2]):
            negated.update(keys[i + 1 : i + 1 + _NEGATION_SCOPE])
    return frozenset(negated)


def _without_question_tag(tokens: list[str], stopwords: frozenset[str]) -> list[str]:
    """The words without a trailing "ga?"/"tidak?" after other words: a
    question tag ("ada promo ga kak?" = "is there a promo?"), not a "not"."""
    end = len(tokens)
    while end > 1 and tokens[end - 1] in stopwords:
        end -= 1
    if end > 1 and tokens[end - 1] in _NEGATIONS and tokens[end - 2] not in _NEGATIONS:
        return tokens[: end - 1] + tokens[end:]
    return tokens


@dataclass(frozen=True)
class IntentMatch:
    """The intent a turn matched, how well (0..1), and by what: "example",
    "pattern" or "exact"."""

    intent: str
    score: float
    via: str


@dataclass(frozen=True, slots=True)
class _Example:
    intent: int  # index into the matcher's intent names
    keys: frozenset[str]
    negated: frozenset[str]  # keys a "not" applies to
    weight: float  # total weight of its keys
    only_filler: bool


class IntentMatcher:
    """Matches turns to a flow's intents; build one per flow and reuse it.

    `intents` maps each intent name to (examples, regex patterns). Raises
    `ValueError` naming the intent when a pattern is not a valid regex.
    `lexicon` is the slang table and filler words that turns and examples
    are read with (alur's built-in lists by default).
    """

    def __init__(
        self,
        intents: Mapping[str, tuple[Sequence[str], Sequence[str]]],
        threshold: float = DEFAULT_THRESHOLD,
        lexicon: Lexicon | None = None,
    ):
        self.threshold = threshold
        lexicon = lexicon or Lexicon.builtin()
        self._words = words = lexicon.words
        self._stopwords = lexicon.stopwords
        self._filler_keys = filler_keys = frozenset(key(w) for w in lexicon.stopwords)
        self._names = list(intents)
        self._exact: dict[str, int] = {}
        self._patterns: list[tuple[int, TimedPattern]] = []
        parsed: list[tuple[int, frozenset[str], frozenset[str]]] = []
        unprefixed_forms: list[tuple[str, str]] = []  # (key without a prefix, the example's key)
        for index, (name, (examples, patterns)) in enumerate(intents.items()):
            for pattern in patterns:
                try:
                    self._patterns.append((index, intent_pattern(pattern)))
                except re.error as error:
                    raise ValueError(f"intent {name!r}: pattern {pattern!r} is not a valid regex: {error}") from None
            for example in examples:
                tokens = words(example)
                if tokens:
                    self._exact.setdefault(" ".join(tokens), index)
                    tokens = _without_question_tag(tokens, self._stopwords)
                    keys = [key(t) for t in tokens]
                    parsed.append((index, frozenset(keys), _negated_keys(tokens, keys)))
                    unprefixed_forms += [(bare, k) for t, k in zip(tokens, keys) for bare in unprefixed(t)]
        self._weights = _inverse_intent_frequency(parsed, len(self._names))
        self._unknown_weight = 0.5 * math.log(1 + max(1, len(self._names)))
        self._examples: list[_Example] = []
        # Content keys index every example that has them; filler keys only the
        # examples made of filler alone ("halo kak"), so that a "saya" in the
        # turn does not make every example with "saya" a candidate.
        self._postings: dict[str, list[tuple[int, float]]] = {}
        self._filler_postings: dict[str, list[tuple[int, float]]] = {}
        intents_of: dict[str, set[int]] = {}
        for index, keys, negated in parsed:
            weights = {k: self._weight(k) for k in keys}
            only_filler = keys <= filler_keys
            for k, w in weights.items():
                intents_of.setdefault(k, set()).add(index)
                if k not in filler_keys:
                    self._postings.setdefault(k, []).append((len(self._examples), w))
                elif only_filler:
                    self._filler_postings.setdefault(k, []).append((len(self._examples), w))
            self._examples.append(_Example(index, keys, negated, sum(weights.values()), only_filler))
        self._intents_of = {k: frozenset(users) for k, users in intents_of.items()}
        # "kirim" in a turn finds an example's "dikirim"
        self._aliases: dict[str, str] = {}
        for bare, k in unprefixed_forms:
            if bare not in self._intents_of:
                self._aliases.setdefault(bare, k)
        self._near: dict[str, set[str]] = {}  # deletion -> known keys it comes from
        for k in self._intents_of:
            if len(k) >= _MIN_TYPO_KEY and k.isalpha() and k not in filler_keys:
                for d in deletions(k) | {k}:
                    self._near.setdefault(d, set()).add(k)
        self._resolved: dict[str, tuple[str, float, float, bool]] = {}

    def _weight(self, k: str) -> float:
        weight = self._weights.get(k, self._unknown_weight)
        if k in self._filler_keys:
            return weight * _FILLER_WEIGHT
        if not k.isalpha():
            return weight * _NUMBER_WEIGHT
        return weight

    def _resolve(self, word: str) -> tuple[str, float, float, bool]:
        """A turn word's key as the examples know it, the credit it earns (1
        for a known key, `_TYPO_CREDIT` one typo away, 0 when unknown), its
        weight, and whether it is filler. Remembered per word."""
        found = self._resolved.get(word)
        if found is None:
            k, credit = self._known_key(word)
            if len(self._resolved) >= _MEMO_LIMIT:
                self._resolved.clear()
            found = self._resolved[word] = (k, credit, self._weight(k), k in self._filler_keys)
        return found

    def _known_key(self, word: str) -> tuple[str, float]:
        """The word's own key, else without a prefix, else the key of an
        example word that has a prefix this one lacks, else one typo away."""
        k = key(word)
        if k in self._intents_of:
            return k, 1.0
        bare = unprefixed(word)
        for candidate in bare:
            if candidate in self._intents_of:
                return candidate, 1.0
        for candidate in (k, *bare):
            if candidate in self._aliases:
                return self._aliases[candidate], 1.0
        if len(word) >= _MIN_TYPO_WORD and len(k) >= _MIN_TYPO_KEY and k.isalpha():
            near: set[str] = set()
            for d in deletions(k) | {k}:
                near |= self._near.get(d, set())
            if near:  # the closest in length, then alphabetical: deterministic
                return min(near, key=lambda n: (abs(len(n) - len(k)), n)), _TYPO_CREDIT
        return k, 0.0

    def match(self, text: str, candidates: Collection[str] | None = None) -> IntentMatch | None:
        """The best intent for `text` among `candidates` (all intents when
        None) scoring at least the threshold, else None. An exact example
        beats a pattern, a pattern beats similarity; ties go to the intent
        declared first."""
        allowed = None if candidates is None else {i for i, n in enumerate(self._names) if n in candidates}
        tokens = self._words(text)
        normalised = " ".join(tokens)
        exact = self._exact.get(normalised)
        if exact is not None and (allowed is None or exact in allowed):
            return IntentMatch(self._names[exact], 1.0, "exact")
        for index, pattern in self._patterns:
            if (allowed is None or index in allowed) and (pattern.search(text) or pattern.search(normalised)):
                return IntentMatch(self._names[index], 1.0, "pattern")
        return self._best_example(_without_question_tag(tokens, self._stopwords), allowed)

    def _best_example(self, tokens: list[str], allowed: set[int] | None) -> IntentMatch | None:
        shared: dict[int, float] = {}  # example -> weight of the turn's content keys it has
        known: dict[int, float] = {}  # intent -> weight of the turn's content keys its examples have
        fillers: list[tuple[str, float]] = []  # the turn's known filler keys
        keys: set[str] = set()
        resolved = [self._resolve(token) for token in tokens]
        turn_weight = 0.0
        for k, credit, weight, filler in resolved:
            if k in keys:
                continue
            keys.add(k)
            turn_weight += weight
            if not credit:
                continue
            if filler:
                fillers.append((k, weight))
                for number, w in self._filler_postings.get(k, ()):
                    shared[number] = shared.get(number, 0.0) + w
                continue
            for number, w in self._postings[k]:
                shared[number] = shared.get(number, 0.0) + w * credit
            for intent in self._intents_of[k]:
                known[intent] = known.get(intent, 0.0) + weight * credit
        negated = _negated_keys(tokens, [r[0] for r in resolved])
        beta2 = _RECALL_BIAS * _RECALL_BIAS
        best_score, best_intent = 0.0, -1
        for number, overlap in shared.items():
            example = self._examples[number]
            intent = example.intent
            if allowed is not None and intent not in allowed:
                continue
            explained = known.get(intent, 0.0)
            for k, weight in fillers:
                if intent in self._intents_of[k]:
                    explained += weight
                    if not example.only_filler and k in example.keys:
                        overlap += weight
            recall = overlap / example.weight
            # how much of the turn this example, and its intent, explain
            precision = (overlap + explained) / (2 * turn_weight)
            score = (1 + beta2) * precision * recall / (beta2 * precision + recall)
            if (negated or example.negated) and (negated ^ example.negated) & example.keys & keys:
                score *= _NEGATION_PENALTY
            if score > best_score or (score == best_score and intent < best_intent):
                best_score, best_intent = score, intent
        if best_intent < 0 or best_score < self.threshold:
            return None
        return IntentMatch(self._names[best_intent], round(min(best_score, 1.0), 3), "example")


def _inverse_intent_frequency(parsed: list[tuple[int, frozenset[str], frozenset[str]]], intents: int) -> dict[str, float]:
    """log(1 + intents / intents using the key): a key every intent uses tells little."""
    users: dict[str, set[int]] = {}
    for index, keys, _ in parsed:
        for k in keys:
            users.setdefault(k, set()).add(index)
    return {k: math.log(1 + intents / len(using)) for k, using in users.items()}
