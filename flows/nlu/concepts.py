"""Concepts: words that mean one thing, read as one key.

Customers say "balikin" where a flow's examples say "kembalikan", "refund"
where they say "pengembalian", English where they say Indonesian. Neither
the slang table (which rewrites spellings of one word) nor the match keys
(which take off affixes) can join two different words, so without help a
turn in words no example uses scores nothing. `concepts.txt` lists groups
of such words, one group a line, the words separated by " | ", the first
one the concept's name:

    uang | duit | money | fulus
    isi ulang | topup | deposit

Every word of a group, as intent matching reads it (slang expanded, match
key taken), gets the concept's key, on both sides of a comparison: a turn's
"balikin" and an example's "kembalikan" then share a word feature. A name
of several words ("isi ulang") is only a label; the group's words are
single words (a phrase is read word by word, so "gak jadi" stays a "not"
before "jadi"). Character pieces stay the words' own: typos are still
caught by spelling.

A word belongs to one concept only (a second group for it is an error that
names both lines): a word with two meanings is not a concept word. A
project adds groups, or words to a built-in group of the same name, with
its own files (`nlu: concepts:`), and switches concepts off by name
(`nlu: without_concepts:` for the project, `without_concepts:` in a flow)
where its intents must tell the words apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from alur.flows.nlu.features import key

if TYPE_CHECKING:
    from alur.flows.nlu.lexicon import Entry
    from alur.flows.nlu.text import Normaliser

SEPARATOR = "|"
_JOIN = "_"  # the key of a concept named in several words: "isi_ulang"


class ConceptError(ValueError):
    """A concept line that cannot be used; the message names file and line."""


class Concepts:
    """The concept table one lexicon reads words with (see the module docstring)."""

    def __init__(self, entries: Iterable[Entry], normaliser: Normaliser, off: Iterable[str] = ()):
        self._of_key: dict[str, str] = {}  # a word's match key -> its concept's key
        where_of: dict[str, tuple[str, str]] = {}  # match key -> (concept name, "file:line")
        named: dict[str, str] = {}  # concept name -> its key
        for where, line in entries:
            texts = [part.strip() for part in line.split(SEPARATOR)]
            if len(texts) < 2 or not all(texts):
                raise ConceptError(f"{where}: expected `name | word | word ...`, got {line!r}")
            name = texts[0]
            name_words = normaliser.words(name)
            if not name_words:
                raise ConceptError(f"{where}: the concept's name has no word")
            concept = named.setdefault(name, _JOIN.join(key(word) for word in name_words))
            for text in texts[len(name_words) > 1 :]:  # a name of several words is only a label
                words = normaliser.words(text)
                if len(words) != 1:
                    raise ConceptError(
                        f"{where}: {text!r} reads as {len(words)} words; a concept joins single words "
                        "(several words are read one by one)"
                    )
                word_key = key(words[0])
                known = where_of.setdefault(word_key, (name, where))
                if known[0] != name:
                    raise ConceptError(
                        f"{where}: {text!r} is already a word of the concept {known[0]!r} ({known[1]}); "
                        "a word with two meanings belongs to neither"
                    )
                self._of_key[word_key] = concept
        unknown = sorted(set(off) - set(named))
        if unknown:
            raise ConceptError(
                f"no concept named {', '.join(map(repr, unknown))}; concepts are named by their first word"
            )
        off_keys = {named[name] for name in off}
        self._of_key = {k: concept for k, concept in self._of_key.items() if concept not in off_keys}

    def key(self, word_key: str) -> str:
        """The concept key of a match key, or the key itself when it belongs to no concept."""
        return self._of_key.get(word_key, word_key)
