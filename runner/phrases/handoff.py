"""Whether customer turns ask for a human, fast enough for a whole corpus.

The judgment is `alur.flows.nlu.handoff.is_handoff_request`, the one the
engine and `replay` use, so that audit and replay never disagree about what
a handoff request is ("mau ke CS" is one, "halo min, pesanan saya…" is not).
Phrases a user adds under `[handoff]` (see `read_phrase_file`) count too, and
a user exclusion (`!admin fee`) vetoes every judgment for a turn holding it.

That judgment normalises every word and costs about 10 µs a turn, too much
for millions of turns. So a word test runs first, once over all of a
conversation's customer turns and then per turn: a turn can only be a request
if it holds one key word of some built-in phrase, in one of the spellings the
normaliser folds into it (slang from `slang.txt` such as "min" for "admin",
"-nya", reduplication "orang2", a doubled last letter). Text that the test
cannot read the way the normaliser does (letters stretched three times, an
emoji the slang table reads as a key word) goes to the normaliser itself. The
test only ever lets more through, never less; tests/test_audit_phrases.py
checks this against the normaliser.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from alur.flows.nlu.handoff import is_handoff_request
from alur.flows.nlu.lexicon import read_lines, slang
from alur.flows.nlu.text import words as normalised_words

from alur.runner.phrases import PhraseList

_PHRASE_FILES = ("handoff_id.txt", "handoff_en.txt", "handoff_asked.txt")
_ASKED_FILE = "handoff_asked.txt"
# Words never chosen as a phrase's key: too common to rule anything out.
_COMMON = frozenset("a an the to with not no do i me you my mau sama ke dengan bukan".split())
_LETTERS = bytes(b if chr(b).isascii() and chr(b).isalnum() else 32 for b in range(256)).lower()
_APOSTROPHES = b"'`"
_STRETCHED = re.compile(r"([^\W\d_])\1\1")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_MEMO_LIMIT = 100_000


@cache
def _keys() -> tuple[frozenset[str], frozenset[bytes], frozenset[str]]:
    """(normalised key words, the typed spellings that normalise into them,
    the emoji that the normaliser reads as one of them)."""
    expansions, emoji = slang()
    asked = {" ".join(normalised_words(line)) for _, line in read_lines(_ASKED_FILE)}
    keys: set[str] = set()
    for name in _PHRASE_FILES:
        for _, line in read_lines(name):
            phrase = normalised_words(line)
            keys.add(max(phrase, key=lambda w: (w not in _COMMON, len(w))))
    spellings: set[str] = set()
    for key in keys:
        typed = {key} | {raw for raw, expanded in expansions.items() if key in expanded}
        for form in typed:
            spellings |= {form, form + form[-1], form + "2"}
            if form in asked or key in asked:
                spellings.add(form + "nya")
    keyed_emoji = frozenset(char for char, said in emoji.items() if keys.intersection(said.split()))
    return frozenset(keys), frozenset(s.encode() for s in spellings), keyed_emoji


def _typed_words(text: str) -> list[bytes]:
    """The words of `text` as the normaliser splits them, before it looks them
    up: lower case, apostrophes dropped, accents and fancy letters folded to
    ASCII (NFKD), everything else a separator."""
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return text.encode("ascii", "replace").translate(_LETTERS, _APOSTROPHES).split()


def _might_ask(text: str) -> bool:
    """False only when `text` surely is no handoff request by the built-in lists."""
    keys, spellings, emoji = _keys()
    if _STRETCHED.search(text) or (emoji and not emoji.isdisjoint(text)):
        return not keys.isdisjoint(normalised_words(text))
    return not spellings.isdisjoint(_typed_words(text))


class HandoffRequests:
    """Finds the customer turns that ask for a human (see the module docstring)."""

    def __init__(self, extra: PhraseList | None = None):
        self.extra = extra if extra is not None and extra.phrases else None
        self.vetoes = PhraseList(extra.exclusions) if extra is not None and extra.exclusions else None
        self._memo: dict[str, bool] = {}

    def find(self, texts: list[str]) -> list[bool]:
        """For each customer turn of one conversation, whether it asks for a human."""
        found = [False] * len(texts)
        if _might_ask("\n".join(texts)):
            for index, text in enumerate(texts):
                if _might_ask(text):
                    found[index] = self._judge(text)
        if self.extra is not None:
            for index, text in enumerate(texts):
                if not found[index] and self.extra.search(text):
                    found[index] = True
        if self.vetoes is not None:
            for index, text in enumerate(texts):
                if found[index] and self.vetoes.search(text):
                    found[index] = False
        return found

    def _judge(self, text: str) -> bool:
        """The normaliser's judgment, remembered: customers repeat themselves."""
        known = self._memo.get(text)
        if known is None:
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            known = self._memo[text] = is_handoff_request(text)
        return known
