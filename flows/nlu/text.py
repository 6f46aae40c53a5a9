"""Normalising what customers type, so that flows need not list every spelling.

WhatsApp and SMS text is written fast: "min, pesanan sy blm sampe",
"haloooo kaak", "gk bisa login". `normalise` lower-cases it, drops
punctuation and emoji (keeping the few that carry an answer, like 👍),
folds stretched letters, expands Indonesian reduplication ("hati2") and the
chat abbreviations of `slang.txt`. Flow examples go through the same
function, so matching compares like with like.

Each distinct word is worked out once and remembered: customers reuse a
small vocabulary, which keeps normalisation cheap on large corpora.
"""

from __future__ import annotations

import re
import unicodedata

from alur.flows.nlu.lexicon import slang, word_set

_WORD = re.compile(r"[^\W_]+")
_STRETCH = re.compile(r"([^\W\d_])\1{2,}")
_REDUPLICATED = re.compile(r"([^\W\d_]{2,})2")
_APOSTROPHES = str.maketrans("", "", "'’‘`´")
_MEMO_LIMIT = 200_000

_SLANG, _EMOJI = slang()
_EMOJI_TABLE = str.maketrans({char: f" {words} " for char, words in _EMOJI.items()})
# Words known to be spelt right: used to decide how a stretched word folds.
_KNOWN = (
    frozenset(w for words in _SLANG.values() for w in words)
    | word_set("stopwords.txt")
    | word_set("doubles.txt")
    | frozenset(_SLANG)
)
_memo: dict[str, tuple[str, ...]] = {}


def _fold_stretch(word: str) -> str:
    """"haloooo" -> "halo", "maaaaf" -> "maaf" (a known double), "okee" -> "oke"."""
    if _STRETCH.search(word):
        single = _STRETCH.sub(r"\1", word)
        double = _STRETCH.sub(r"\1\1", word)
        word = double if double in _KNOWN and single not in _KNOWN else single
    if word not in _KNOWN and len(word) > 2 and word[-1] == word[-2]:
        shorter = word.rstrip(word[-1]) + word[-1]
        if shorter in _KNOWN:
            return shorter
    return word


def _expand(word: str) -> tuple[str, ...]:
    """One typed word -> the normalised words it stands for."""
    if word.isdigit():
        return (word,)
    doubled = _REDUPLICATED.fullmatch(word)
    if doubled:
        return _expand(doubled.group(1)) * 2
    word = _fold_stretch(word)
    return _SLANG.get(word, (word,))


def _clean(text: str) -> str:
    """Lower case; accents, fancy fonts and emoji folded to plain letters."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_EMOJI_TABLE))
        text = "".join(char for char in text if not unicodedata.combining(char))
    return text.lower().translate(_APOSTROPHES)


def words(text: str) -> list[str]:
    """The normalised words of `text`, in order."""
    out: list[str] = []
    for word in _WORD.findall(_clean(text)):
        expanded = _memo.get(word)
        if expanded is None:
            if len(_memo) >= _MEMO_LIMIT:
                _memo.clear()
            expanded = _memo[word] = _expand(word)
        out.extend(expanded)
    return out


def normalise(text: str) -> str:
    """Lower-cased, punctuation stripped, stretched letters folded, slang expanded.

    >>> normalise("Min, pesanan sy blm sampe!!")
    'admin pesanan saya belum sampai'
    """
    return " ".join(words(text))
