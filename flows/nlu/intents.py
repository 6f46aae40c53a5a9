"""Matching a customer's turn to the flow's intents, without a trained model.

An intent is a list of examples and regex patterns. A turn matches, in
order of trust:

1. `exact`: it normalises to one of an intent's examples;
2. `pattern`: one of the intent's patterns is found in the raw or the
   normalised text;
3. `example`: it is close enough to the intent's examples taken together.

The closeness of 3 is the similarity between TF-IDF vectors of word and
character features (`vectors`): the turn against the sum of the intent's
examples (its centroid, scaled to unit length), corrected where the
intent's own examples, each left out, would go to another intent
(`corrections`: what two intents share counts less between them).
Words are read with the slang table and the concept table (`concepts`:
"balikin" meets "kembalikan", "lost" meets "hilang"), compared by their match keys
("membatalkan" meets "batalkan"; a prefix is only taken off a word the
examples do not have: "dicek" meets "cek", "discount" stays itself; a
word the examples do not have that is one of theirs with two neighbouring
letters swapped, "cancle", or vowels left out, "gnti", "tghn", is read as
that word, and so is one of theirs with a regional possessive, "saldone",
"jadwalna"), and
pieces of words carry typos and short greetings ("hallo",
"helo" meet "halo", "vocer" meets "voucher"). A feature
weighs by how few examples and how few intents have it, so words every
intent shares ("ok", "saya", "please") decide nothing, and features of the
turn no example has lower its score: a turn the flow knows nothing about
scores low everywhere. Filler words count half, and a turn of filler alone
("halo kak", "ok sip") only matches an intent with an example of filler
alone (a greeting), never one that merely mentions a filler word. What
comes before a "but" ("makasih, tapi ...") counts as filler too.

A turn that says every content word of an example (two or more) matches
its intent at least at the threshold, however much else it says: "the
courier was so rude to my mom when she asked him to wait" says "the
courier was so rude".

A "not" that applies to a word the intent's examples only use un-negated
halves the score ("jangan cancel" is not "cancel pesanan"); what a "not"
applies to is worked out per clause (`reading`).

The acceptance threshold is the flow's own: `THRESHOLD_SHARE` of the
median score its examples get, each left out, against the rest of their
intent, between 0.085 and 0.135. Flows of short, varied examples
(customers' Indonesian: "cek saldo", "saldo saya berapa") score every
turn lower than flows of long, alike paraphrases (STAR's), so they get
the lower end, where they accept about 15 % of out-of-domain messages
(STAR's tasks, at the upper end, about 20 %). A turn resting on one word
the flow knows needs at least 0.11, so that a turn sharing one
incidental word with a short example is not taken ("bisa kirim ke luar
negeri?" is not "ongkos kirim"), and a turn of one word that several
intents' examples use needs 0.15 ("no" is neither "no code yet" nor "no
more messages"). Share and bounds were calibrated on the STAR corpus's
task intents (5-fold, against messages of the other tasks) and on the
Indonesian dev flows of benchmarks/nlu/dev/; they are checked on
Indonesian sets written apart (benchmarks/bench_nlu.py).
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from alur.flows.nlu.corrections import correct
from alur.flows.nlu.features import drops_vowels_of, key, regional_stems, skeleton, swaps, unprefixed
from alur.flows.nlu.lexicon import Lexicon
from alur.flows.nlu.reading import Reading, read
from alur.flows.nlu.vectors import FILLER_WEIGHT, NEGATED, Vector, Weights, add, char_bag, dot, norm, word_bag

if TYPE_CHECKING:  # the `regex` engine loads only for a flow whose intents have patterns
    from alur.flows.nlu.timed_regex import TimedPattern

DEFAULT_THRESHOLD = 0.135  # the highest; also when no example has a sibling to compare with
THRESHOLD_SHARE = 0.40  # of the median left-out score of the flow's examples
THRESHOLD_FLOOR = 0.085
# A turn resting on one word the flow knows (besides filler) needs at least
# this: below it a turn sharing one incidental word with a short example
# ("bisa kirim ke luar negeri?" and "ongkos kirim") would be taken.
ONE_WORD_THRESHOLD = 0.11
# A turn of one word that examples of several intents use ("no" of "no
# code yet" and "no more messages", "transfer" of "cara transfer" and
# "transfer gagal") needs at least this: one word that could mean two
# things is asked again rather than guessed.
SHARED_WORD_THRESHOLD = 0.15
# The shortest word read as a swap typo of an example word ("tokn" of
# "token"), and one letter less for vowels left out ("btl" of "batal"):
# 5 and 4 gave up a point of dev accuracy for no out-of-domain message.
MISSPELT_LENGTH = 4
_NEGATION_PENALTY = 0.5
_MEMO_LIMIT = 50_000
_HALF = 1 / math.sqrt(2)  # each bag is half of a vector


@dataclass(frozen=True)
class IntentMatch:
    """The intent a turn matched, how well (0..1), and by what: "example",
    "pattern" or "exact"."""

    intent: str
    score: float
    via: str


@dataclass(frozen=True)
class Confusion:
    """An example the matcher, built without it, gives to another intent:
    `intent`'s example number `example` (0-based, as listed), the `other`
    intent it goes to, with `score` against `own` for its own intent."""

    intent: str
    example: int
    other: str
    score: float
    own: float


@dataclass(frozen=True, slots=True)
class _Example:
    intent: int  # index into the matcher's intent names
    position: int  # its place in the intent's list of examples
    words: Vector  # unit-length word bag
    chars: Vector  # unit-length character bag


class IntentMatcher:
    """Matches turns to a flow's intents; build one per flow and reuse it.

    `intents` maps each intent name to (examples, regex patterns). Raises
    `ValueError` naming the intent when a pattern is not a valid regex.
    `lexicon` is the slang table and filler words that turns and examples
    are read with (alur's built-in lists by default). `threshold` overrides
    the one calibrated on the flow's own examples, for every turn.
    """

    def __init__(
        self,
        intents: Mapping[str, tuple[Sequence[str], Sequence[str]]],
        threshold: float | None = None,
        lexicon: Lexicon | None = None,
    ):
        self._lexicon = lexicon = lexicon or Lexicon.builtin()
        self._names = list(intents)
        self._exact: dict[str, int] = {}
        self._patterns: list[tuple[int, TimedPattern]] = []
        readings: list[tuple[int, int, Reading]] = []
        if any(patterns for _, patterns in intents.values()):
            # the `regex` engine, only for a flow whose intents have patterns: `alur check` never pays for it
            from alur.flows.nlu.timed_regex import intent_pattern
        for index, (name, (examples, patterns)) in enumerate(intents.items()):
            for pattern in patterns:
                try:
                    self._patterns.append((index, intent_pattern(pattern)))
                except re.error as error:
                    raise ValueError(f"intent {name!r}: pattern {pattern!r} is not a valid regex: {error}") from None
            for position, example in enumerate(examples):
                reading = read(example, lexicon)
                if reading.words:
                    self._exact.setdefault(" ".join(lexicon.words(example)), index)
                    readings.append((index, position, reading))
        self._known_keys = frozenset(k for _, _, reading in readings for k in reading.keys)
        self._example_words = [(reading.words, reading.keys) for _, _, reading in readings]
        self._key_memo: dict[str, str] = {}
        self._filler = lexicon.stopwords
        self._filler_keys = frozenset(key(word) for word in lexicon.stopwords)
        # a turn of filler alone ("halo kak", "ok") can only mean an intent with such an example
        self._filler_intents = frozenset(
            index for index, _, reading in readings if self._filler.issuperset(reading.words)
        )
        word_bags = [(index, word_bag(reading, self._filler_keys)) for index, _, reading in readings]
        char_bags = [(index, char_bag(reading.words, self._filler, reading.aside)) for index, _, reading in readings]
        self._word_weights = Weights(word_bags, len(self._names))
        self._char_weights = Weights(char_bags, len(self._names))
        self._examples = [
            _Example(index, position, self._word_weights.unit(words), self._char_weights.unit(chars))
            for (index, position, _), (_, words), (_, chars) in zip(readings, word_bags, char_bags)
        ]
        self._sums: list[tuple[Vector, Vector]] = [({}, {}) for _ in self._names]
        for vectors in self._examples:
            word_sum, char_sum = self._sums[vectors.intent]
            add(word_sum, vectors.words)
            add(char_sum, vectors.chars)
        self._counts = Counter(example.intent for example in self._examples)
        self._lengths = [math.hypot(norm(words), norm(chars)) for words, chars in self._sums]
        # the keys each intent's examples use un-negated, and negated
        self._plain: list[set[str]] = [set() for _ in self._names]
        self._negated: list[set[str]] = [set() for _ in self._names]
        for index, _, reading in readings:
            for k, negated in zip(reading.keys, reading.negated):
                (self._negated if negated else self._plain)[index].add(k)
        # Examples of two content words or more, under one of their keys: a
        # turn that says every one of them says the example, however long it is.
        self._spelled: dict[str, list[tuple[int, frozenset[str]]]] = {}
        for index, _, reading in readings:
            content = frozenset(
                k
                for w, k, negated in zip(reading.words, reading.keys, reading.negated)
                if w not in self._filler and not negated
            )
            if len(content) >= 2:
                self._spelled.setdefault(min(content), []).append((index, content))
        self._memo: dict[str, tuple[float, dict[int, float]]] = {}
        # each example's score against the rest of its intent (leave-one-out)
        self._left_out = [self._left_out_score(example) for example in self._examples]
        self.threshold = self._calibrated_threshold() if threshold is None else threshold
        self._calibrated = threshold is None  # a threshold given is the one every turn gets

    def _calibrated_threshold(self) -> float:
        """`THRESHOLD_SHARE` of the median score of the flow's examples, each
        left out, against the rest of their intent: how alike the flow's
        own ways of saying one thing are, so how high a customer's turn can
        be expected to score."""
        left_out = [
            score
            for example, score in zip(self._examples, self._left_out, strict=True)
            if self._counts[example.intent] > 1
        ]
        if not left_out:
            return DEFAULT_THRESHOLD
        return min(DEFAULT_THRESHOLD, max(THRESHOLD_FLOOR, THRESHOLD_SHARE * statistics.median(left_out)))

    def _is_filler_feature(self, feature: str) -> bool:
        """A word feature of filler ("kak", "dong", "saya mau") that no example has
        does not count against the turn: filler never says less of an intent."""
        return any(part.lstrip(NEGATED) in self._filler_keys for part in feature.split(" "))

    @cached_property
    def _postings(self) -> tuple[dict[str, list[tuple[int, float]]], dict[str, list[tuple[int, float]]]]:
        """feature -> (intent, its value in the intent's unit centroid as
        `corrections` leaves it), for the word and the character bag. Built
        on the first turn: `alur check` never needs them."""
        centroids = [
            ({f: v / length for f, v in words.items()}, {f: v / length for f, v in chars.items()})
            if length
            else ({}, {})
            for (words, chars), length in zip(self._sums, self._lengths)
        ]
        correct(centroids, [(e.intent, e.words, e.chars) for e in self._examples], self._lengths)
        postings: tuple[dict[str, list[tuple[int, float]]], ...] = ({}, {})
        for intent, bags in enumerate(centroids):
            for bag, posting in zip(bags, postings):
                for feature, value in bag.items():
                    posting.setdefault(feature, []).append((intent, value))
        return postings  # type: ignore[return-value]

    def _word_chars(self, word: str) -> tuple[float, dict[int, float]]:
        """One word's squared length in character pieces (those no example
        has included), and what it adds to each intent's dot product.
        Remembered per word: customers reuse a small vocabulary."""
        found = self._memo.get(word)
        if found is None:
            quiet = _always if word in self._filler else _never
            vector, length = self._char_weights.vector(char_bag((word,), self._filler), quiet)
            partial: dict[int, float] = {}
            postings = self._postings[1]
            for feature, value in vector.items():
                for intent, weight in postings[feature]:
                    partial[intent] = partial.get(intent, 0.0) + value * weight
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[word] = (length * length, partial)
        return found

    def scores(self, text: str) -> dict[str, float]:
        """Every intent's similarity to `text` (0..1), negation penalty
        included, highest first; intents it shares nothing with are left out."""
        found = self._scores(self._read(text))
        ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))
        return {self._names[intent]: round(score, 3) for intent, score in ranked if score > 0}

    @cached_property
    def _aliases(self) -> dict[str, str]:
        """A bare form no example uses -> the prefixed example word's key:
        "kirim" in a turn finds an example's "dikirim". Built on the first
        turn: `alur check` never needs it."""
        aliases: dict[str, str] = {}
        concept = self._lexicon.concepts.key
        for words, keys in self._example_words:
            for word, k in zip(words, keys):
                for bare in map(concept, unprefixed(word)):
                    if bare not in self._known_keys:
                        aliases.setdefault(bare, k)
        return aliases

    @cached_property
    def _intents_using(self) -> Counter[str]:
        """key -> how many intents' examples use it un-negated. Built on the
        first turn: `alur check` never needs it."""
        return Counter(k for keys in self._plain for k in keys)

    def _threshold(self, reading: Reading) -> float:
        """The flow's threshold, raised for a turn that rests on one word the
        flow knows, and further when examples of several intents use it;
        a threshold given to the matcher is used as it is."""
        content = {k for w, k in zip(reading.words, reading.keys) if w not in self._filler}
        known = content & self._known_keys
        if len(known) > 1 or not self._calibrated:
            return self.threshold
        if len(content) == 1 and known and self._intents_using[next(iter(known))] > 1:
            return max(self.threshold, SHARED_WORD_THRESHOLD)
        return max(self.threshold, ONE_WORD_THRESHOLD)

    def _flow_key(self, word: str, k: str) -> str:
        """The word's key as the flow's examples know it: its own, else
        without a prefix ("dicek" -> "cek"), else the prefixed form an
        example uses ("kirim" -> "dikirim"). Prefixes are only tried on words
        the examples do not have: "discount" is not "di-" + "scount"."""
        found = self._key_memo.get(word)
        if found is None:
            found = k
            if k not in self._known_keys:
                bare_keys = [
                    *map(self._lexicon.concepts.key, unprefixed(word)),
                    *map(self._lexicon.concepts.key, regional_stems(word)),
                ]
                found = (
                    next((bare for bare in bare_keys if bare in self._known_keys), None)
                    or next((self._aliases[c] for c in (k, *bare_keys) if c in self._aliases), None)
                    or self._misspelt(word)
                    or k
                )
            if len(self._key_memo) >= _MEMO_LIMIT:
                self._key_memo.clear()
            self._key_memo[word] = found
        return found

    @cached_property
    def _spellings(self) -> tuple[dict[str, str], dict[str, set[tuple[str, str]]]]:
        """Example word -> its key, and consonant skeleton -> the example
        words (with their keys) that have it, for `_misspelt`. Built on the
        first turn: `alur check` never needs them."""
        of_word: dict[str, str] = {}
        of_skeleton: dict[str, set[tuple[str, str]]] = {}
        for words, keys in self._example_words:
            for word, k in zip(words, keys):
                of_word.setdefault(word, k)
                consonants = skeleton(word)
                if consonants:
                    of_skeleton.setdefault(consonants, set()).add((word, k))
        return of_word, of_skeleton

    def _misspelt(self, word: str) -> str | None:
        """The key of the one example word that `word`, unknown to the flow,
        misspells the way customers type: two neighbouring letters swapped
        ("cancle" for "cancel": character pieces alone lose it to a rival
        sharing a real word) or vowels left out ("gnti", "tghn", "lstrk").
        None when no example word, or several of different keys, fit: a
        guess between two words is no reading."""
        of_word, of_skeleton = self._spellings
        if len(word) >= MISSPELT_LENGTH:
            swapped = {of_word[s] for s in swaps(word) if s in of_word}
            if len(swapped) == 1:
                return swapped.pop()
        if len(word) >= MISSPELT_LENGTH - 1:
            dropped = {k for full, k in of_skeleton.get(skeleton(word), ()) if drops_vowels_of(word, full)}
            if len(dropped) == 1:
                return dropped.pop()
        return None

    def _read(self, text: str) -> Reading:
        """The turn's reading, its words keyed as the flow's examples know them."""
        reading = read(text, self._lexicon)
        keys = tuple(self._flow_key(w, k) for w, k in zip(reading.words, reading.keys))
        return Reading(reading.words, keys, reading.negated, reading.aside)

    def _spelled_out(self, reading: Reading) -> set[int]:
        """The intents one of whose examples (of two content words or more)
        the turn says in full, un-negated: "the courier was so rude to my mom"
        says "the courier was so rude"."""
        said = {k for k, negated in zip(reading.keys, reading.negated) if not negated}
        return {intent for k in said for intent, content in self._spelled.get(k, ()) if content <= said}

    def _scores(self, reading: Reading) -> dict[int, float]:
        if not reading.words:
            return {}
        word_postings = self._postings[0]
        words, word_length = self._word_weights.vector(word_bag(reading, self._filler_keys), self._is_filler_feature)
        found: dict[int, float] = {}
        for feature, value in words.items():
            for intent, weight in word_postings[feature]:
                found[intent] = found.get(intent, 0.0) + value * weight
        scale = _HALF / word_length if word_length else 0.0
        for intent in found:
            found[intent] *= scale
        # Pieces two different words of the turn share are counted as if
        # apart: exact enough, and the turn's length is a sum over its words.
        squared = 0.0
        partials = []
        weights: dict[str, float] = {}  # word -> its occurrences, those set aside counting less
        for i, word in enumerate(reading.words):
            weights[word] = weights.get(word, 0.0) + (FILLER_WEIGHT if i < reading.aside else 1.0)
        for word, times in weights.items():
            length_squared, partial = self._word_chars(word)
            squared += times * times * length_squared
            partials.append((partial, times))
        scale = _HALF / math.sqrt(squared) if squared else 0.0
        for partial, times in partials:
            for intent, value in partial.items():
                found[intent] = found.get(intent, 0.0) + value * times * scale
        if self._filler.issuperset(reading.words):
            found = {intent: score for intent, score in found.items() if intent in self._filler_intents}
        negated = reading.negated_keys
        if negated:
            for intent in found:
                if (negated & self._plain[intent]) - self._negated[intent]:
                    found[intent] *= _NEGATION_PENALTY
        return found

    def match(self, text: str, candidates: Collection[str] | None = None) -> IntentMatch | None:
        """The best intent for `text` among `candidates` (all intents when
        None) scoring at least the threshold, else None. An exact example
        beats a pattern, a pattern beats similarity; ties go to the intent
        declared first."""
        allowed = None if candidates is None else {i for i, n in enumerate(self._names) if n in candidates}
        normalised = self._lexicon.normalise(text)
        exact = self._exact.get(normalised)
        if exact is not None and (allowed is None or exact in allowed):
            return IntentMatch(self._names[exact], 1.0, "exact")
        for index, pattern in self._patterns:
            if (allowed is None or index in allowed) and (pattern.search(text) or pattern.search(normalised)):
                return IntentMatch(self._names[index], 1.0, "pattern")
        reading = self._read(text)
        spelled = self._spelled_out(reading)
        threshold = self._threshold(reading)
        best_score, best_intent = 0.0, -1
        for intent, score in self._scores(reading).items():
            if allowed is not None and intent not in allowed:
                continue
            if intent in spelled:
                score = max(score, threshold)
            if score > best_score or (score == best_score and intent < best_intent):
                best_score, best_intent = score, intent
        if best_intent < 0 or best_score < threshold:
            return None
        return IntentMatch(self._names[best_intent], round(min(best_score, 1.0), 3), "example")

    def confusions(self, rivals: Mapping[str, Collection[str]]) -> Iterator[Confusion]:
        """Examples that the matcher built without them gives to another
        intent (leave-one-out): per example, its similarity to the rest of
        its intent against its similarity to each of `rivals[intent]` (the
        intents it competes with), the other's winning when it reaches the
        threshold and beats the example's own. Feature weights are kept as
        learnt from all examples: leaving one out moves them little."""
        index_of = {name: index for index, name in enumerate(self._names)}
        for example, own in zip(self._examples, self._left_out, strict=True):
            own_name = self._names[example.intent]
            others = [index_of[name] for name in rivals.get(own_name, ()) if name in index_of and name != own_name]
            if not others:
                continue
            length = _length(example)
            best, other = own, -1
            for intent in others:
                words, chars = self._sums[intent]
                if not self._lengths[intent]:
                    continue
                score = (dot(example.words, words) + dot(example.chars, chars)) / (length * self._lengths[intent])
                if score > best and score >= self.threshold:
                    best, other = score, intent
            if other >= 0:
                yield Confusion(own_name, example.position, self._names[other], round(best, 3), round(own, 3))

    def _left_out_score(self, example: _Example) -> float:
        """The example's cosine with its intent's centroid without it."""
        length = _length(example)
        words, chars = self._sums[example.intent]
        shared = dot(example.words, words) + dot(example.chars, chars)
        rest_squared = self._lengths[example.intent] ** 2 - 2 * shared + length * length
        if rest_squared <= 1e-9:
            return 0.0
        return (shared - length * length) / (length * math.sqrt(rest_squared))


def _length(example: _Example) -> float:
    """An example's length as one vector: each of its bags has unit length."""
    return math.hypot(bool(example.words), bool(example.chars))


def _never(feature: str) -> bool:
    return False


def _always(feature: str) -> bool:
    return True
