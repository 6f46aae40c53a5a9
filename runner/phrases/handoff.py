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
from functools import cache

from alur.flows.nlu.handoff import is_handoff_request
from alur.flows.nlu.lexicon import read_lines, slang
from alur.flows.nlu.text import words as normalised_words

from alur.runner.phrases import PhraseList, folded

_PHRASE_FILES = ("handoff_id.txt", "handoff_en.txt", "handoff_asked.txt")
_ASKED_FILE = "handoff_asked.txt"
# Words never chosen as a phrase's key: too common to rule anything out.
_COMMON = frozenset("a an the to with not no do i me you my mau sama ke dengan bukan".split())
_STRETCHED = re.compile(rb"([a-z])\1\1")  # on folded text
_MEMO_LIMIT = 20_000  # texts remembered per process: flat memory, most repeats caught


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


def _might_ask(text: str, typed: bytes | None = None) -> bool:
    """False only when `text` surely is no handoff request by the built-in
    lists. `typed` is `folded(text)` when the caller has it already."""
    keys, spellings, emoji = _keys()
    typed = folded(text) if typed is None else typed
    if _STRETCHED.search(typed) or (emoji and not emoji.isdisjoint(text)):
        return not keys.isdisjoint(normalised_words(text))
    return not spellings.isdisjoint(typed.split())


class HandoffRequests:
    """Finds the customer turns that ask for a human (see the module docstring)."""

    def __init__(self, extra: PhraseList | None = None):
        self.extra = extra if extra is not None and extra.phrases else None
        self.vetoes = PhraseList(extra.exclusions) if extra is not None and extra.exclusions else None
        self._memo: dict[str, bool] = {}

    def find(self, texts: list[str], all_folded: bytes | None = None) -> list[bool]:
        """For each customer turn of one conversation, whether it asks for a
        human. `all_folded` is `folded("\n".join(texts))` if the caller has it."""
        found = [False] * len(texts)
        if _might_ask("\n".join(texts), all_folded):
            memo = self._memo
            for index, text in enumerate(texts):
                known = memo.get(text)
                found[index] = self._judge(text) if known is None else known
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
        """The normaliser's judgment after the word test, remembered (bounded):
        customers repeat themselves ("min", "ok kak", "CS dong")."""
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        known = self._memo[text] = _might_ask(text) and is_handoff_request(text)
        return known
