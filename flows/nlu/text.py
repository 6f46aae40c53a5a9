"""Normalising what customers type, so that flows need not list every spelling.

WhatsApp and SMS text is written fast: "min, pesanan sy blm sampe",
"haloooo kaak", "gk bisa login". `normalise` lower-cases it, drops
punctuation and emoji (keeping the few that carry an answer, like 👍),
folds stretched letters, expands Indonesian reduplication ("hati2") and the
chat abbreviations of `slang.txt`. Flow examples go through the same
function, so matching compares like with like.

`words` and `normalise` use alur's built-in lists; a `Normaliser` reads
with a lexicon that a project extended (`Lexicon.words`).

Each distinct word is worked out once and remembered: customers reuse a
small vocabulary, which keeps normalisation cheap on large corpora.
"""

from __future__ import annotations

import re
import unicodedata

from alur.flows.nlu.lexicon import Lexicon, word_set

_FIND_WORDS = re.compile(r"[^\W_]+").findall
_STRETCH = re.compile(r"([^\W\d_])\1{2,}")
_REDUPLICATED = re.compile(r"([^\W\d_]{2,})2")
_APOSTROPHES = str.maketrans("", "", "'’‘`´")
_MEMO_LIMIT = 200_000
# How much of one message is read to understand it. Far more than any chat
# message (WhatsApp bubbles average a few dozen characters), and it bounds
# the time and memory a hostile or broken transcript (a 50 MB "message") costs.
UNDERSTOOD_CHARS = 16_384


class Normaliser:
    """Normalises text with one lexicon's slang table (see the module docstring)."""

    def __init__(self, lexicon: Lexicon):
        self._slang = lexicon.slang
        self._emoji_table = str.maketrans({char: f" {words} " for char, words in lexicon.emoji.items()})
        # Words known to be spelt right: used to decide how a stretched word folds.
        self._known = (
            frozenset(w for words in self._slang.values() for w in words)
            | lexicon.stopwords
            | word_set("doubles.txt")
            | frozenset(self._slang)
        )
        self._memo: dict[str, tuple[str, ...]] = {}

    def _fold_stretch(self, word: str) -> str:
        """ "haloooo" -> "halo", "maaaaf" -> "maaf" (a known double), "okee" -> "oke"."""
        known = self._known
        if _STRETCH.search(word):
            single = _STRETCH.sub(r"\1", word)
            double = _STRETCH.sub(r"\1\1", word)
            word = double if double in known and single not in known else single
        if word not in known and len(word) > 2 and word[-1] == word[-2]:
            shorter = word.rstrip(word[-1]) + word[-1]
            if shorter in known:
                return shorter
        return word

    def _expand(self, word: str) -> tuple[str, ...]:
        """One typed word -> the normalised words it stands for."""
        if word.isdigit():
            return (word,)
        doubled = _REDUPLICATED.fullmatch(word)
        if doubled:
            return self._expand(doubled.group(1)) * 2
        word = self._fold_stretch(word)
        return self._slang.get(word, (word,))

    def _clean(self, text: str) -> str:
        """Lower case; accents, fancy fonts and emoji folded to plain letters."""
        if not text.isascii():
            text = unicodedata.normalize("NFKD", text.translate(self._emoji_table))
            text = "".join(char for char in text if not unicodedata.combining(char))
        return text.lower().translate(_APOSTROPHES)

    def words(self, text: str) -> list[str]:
        """The normalised words of `text`, in order."""
        memo = self._memo
        out: list[str] = []
        for word in _FIND_WORDS(self._clean(text)):
            expanded = memo.get(word)
            if expanded is None:
                if len(memo) >= _MEMO_LIMIT:
                    memo.clear()
                expanded = memo[word] = self._expand(word)
            out += expanded
        return out

    def normalise(self, text: str) -> str:
        """Lower-cased, punctuation stripped, stretched letters folded, slang expanded.

        >>> normalise("Min, pesanan sy blm sampe!!")
        'admin pesanan saya belum sampai'
        """
        return " ".join(self.words(text))


# With the built-in lexicon: what every caller gets unless it has its own.
_BUILTIN = Lexicon.builtin().normaliser
words = _BUILTIN.words
normalise = _BUILTIN.normalise
