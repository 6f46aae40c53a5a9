"""How a turn or an example is read for intent matching: its words, their
keys, and the words a "not" applies to.

A word's key is its match key (`features.key`) read through the lexicon's
concepts (`concepts`): "balikin" and "kembalikan" share one.

A negation ("tidak", "jangan", "not", "never", ...) applies to the few words
after it, and only within its clause: it stops at punctuation and at a
"but" ("tapi", "namun", "but", "however"), so in "I am very sorry, but I do
not understand" only "understand" is negated, and in "gak usah, tapi cek
pesanan saya" the request stands. "No" negates nothing: on its own it is an
answer, before a noun it is a determiner ("no idea") or, in Indonesian chat,
"nomor" ("no rek nya berapa"). "Cannot" negates nothing either: "gabisa
login" asks for help with logging in, as "can't log in" does. A trailing
"ga?" is a question tag ("ada promo ga kak?" = "is there a promo?"), not a
"not".

What comes before the last "but" is set aside (it counts as filler does):
the customer's point follows it. "Terima kasih, tapi pesanan saya belum
sampai" is about the order; "ok tapi kapan dikirim" asks when it ships.
A first clause opening with "bukan" or "jangan" is set aside the same way
when another clause follows: "bukan mau cancel, mau ganti alamat" corrects
a guess and asks for the address ("tidak" is left out: "tidak ada sinyal,
tolong dicek" is the complaint itself).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from alur.flows.nlu.features import key
from alur.flows.nlu.lexicon import Lexicon

NEGATIONS = frozenset({"tidak", "bukan", "jangan", "not", "never"})
_ABILITY = frozenset({"bisa", "dapat"})  # "tidak bisa X" is a problem with X, not "not X"
_CORRECTIONS = frozenset({"bukan", "jangan"})  # "bukan X, Y": Y is the point
_CLAUSE_ENDS = frozenset({"tapi", "tetapi", "namun", "melainkan", "but", "however", "although"})
_key = lru_cache(maxsize=65_536)(key)  # customers reuse a small vocabulary
_CLAUSES = re.compile(r"[.,;:!?()\n\u2026]+")
NEGATION_SCOPE = 3


@dataclass(frozen=True, slots=True)
class Reading:
    """A text as intent matching sees it: the normalised words in order
    (question tag dropped), their match keys, and the keys a "not" applies to."""

    words: tuple[str, ...]
    keys: tuple[str, ...]
    negated: tuple[bool, ...]  # per word: whether a negation applies to it
    aside: int = 0  # how many leading words a "but" sets aside ("makasih, tapi ...")

    @property
    def negated_keys(self) -> frozenset[str]:
        return frozenset(k for k, negated in zip(self.keys, self.negated, strict=True) if negated)


def read(text: str, lexicon: Lexicon) -> Reading:
    """The words of `text` with the scope of every negation worked out per clause."""
    words: list[str] = []
    negated: list[bool] = []
    corrected = 0  # where the clause after an opening "bukan X," starts, if one does
    for clause in _CLAUSES.split(text):
        if words and not corrected and words[0] in _CORRECTIONS:
            corrected = len(words)
        scope = 0
        for word in lexicon.words(clause):
            if word in _CLAUSE_ENDS:
                scope = 0
            words.append(word)
            negated.append(scope > 0)
            scope = max(0, scope - 1)
            if word in NEGATIONS:
                scope = NEGATION_SCOPE
            elif word in _ABILITY and len(words) > 1 and words[-2] in NEGATIONS:
                scope = 0
                negated[-1] = False
    end = _question_tag(words, lexicon.stopwords)
    if end is not None:
        del words[end], negated[end]
        negated[end:] = [False] * (len(negated) - end)
    if corrected >= len(words):  # nothing said after the "bukan X,"
        corrected = 0
    aside = max((i for i, word in enumerate(words) if word in _CLAUSE_ENDS), default=corrected)
    concept = lexicon.concepts.key
    return Reading(tuple(words), tuple(concept(_key(w)) for w in words), tuple(negated), aside)


def _question_tag(words: list[str], stopwords: frozenset[str]) -> int | None:
    """Where a trailing "ga?"/"tidak?" after other words stands, if any."""
    end = len(words)
    while end > 1 and words[end - 1] in stopwords:
        end -= 1
    if end > 1 and words[end - 1] in NEGATIONS and words[end - 2] not in NEGATIONS:
        return end - 1
    return None
