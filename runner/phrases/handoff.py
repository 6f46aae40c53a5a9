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
test only ever lets more through, never less; tests/runner/test_audit_phrases.py
checks this against the normaliser.
"""

from __future__ import annotations

from functools import cache

from alur.flows.nlu.handoff import SOMEONE, is_handoff_request
from alur.flows.nlu.lexicon import read_lines, slang
from alur.flows.nlu.person_asked import CALL_KEYS, NO_PERSON_WORD, ROLES, TITLED
from alur.flows.nlu.text import words as normalised_words
from alur.runner.phrases import PhraseList, folded, words

_PHRASE_FILES = ("handoff_id.txt", "handoff_en.txt", "handoff_asked.txt")
_ASKED_FILE = "handoff_asked.txt"
# Words never chosen as a phrase's key: too common to rule anything out.
_COMMON = frozenset("a an the to with not no do i me you my mau sama ke dengan bukan tolong minta please".split())
_MEMO_LIMIT = 20_000  # texts remembered per process: flat memory, most repeats caught


@cache
def _keys() -> tuple[frozenset[str], frozenset[bytes], frozenset[str]]:
    """(normalised key words, the typed spellings that normalise into them,
    the emoji that the normaliser reads as one of them)."""
    expansions, emoji = slang()
    asked = {" ".join(normalised_words(line)) for _, line in read_lines(_ASKED_FILE)}
    # "ada orang yg bisa aku telpon?" needs someone unnamed; "kasih ke tim teknis" a role; "telpon aja gw" a call
    # "oper ke yang lebih mengerti", "speak to whoever manages this": someone named by what they know or do
    keys: set[str] = set(SOMEONE | ROLES | CALL_KEYS | NO_PERSON_WORD | TITLED)  # "ke mbak lala tadi"
    for name in _PHRASE_FILES:
        for _, line in read_lines(name):
            phrase = normalised_words(line)
            keys.add(max(phrase, key=lambda w: (w not in _COMMON, len(w))))
            if len(phrase) == 1:
                asked.add(phrase[0])  # "manusianya mana" as "adminnya mana"
    spellings: set[str] = set()
    for key in keys:
        typed = {key} | {raw for raw, expanded in expansions.items() if key in expanded}
        for form in typed:
            spellings |= {form, form + form[-1], form + "2"}
            if form in asked or key in asked or key in SOMEONE:
                spellings |= {form + "nya", form + "nye", form + "ipun"}  # Betawi "orangnye", Javanese "petugasipun"
    keyed_emoji = frozenset(char for char, said in emoji.items() if keys.intersection(said.split()))
    return frozenset(keys), frozenset(s.encode() for s in spellings), keyed_emoji


def _might_ask(text: str, typed: bytes | None = None, typed_words: list[bytes] | None = None) -> bool:
    """False only when `text` surely is no handoff request by the built-in
    lists. `typed` is `folded(text)` and `typed_words` its words, when the
    caller has them already."""
    keys, spellings, emoji = _keys()
    if typed is None:
        typed = folded(text)
    if stretched(typed) or (emoji and not text.isascii() and not emoji.isdisjoint(text)):
        return not keys.isdisjoint(normalised_words(text))
    return not spellings.isdisjoint(typed.split() if typed_words is None else typed_words)


_NOT_LETTER_0 = bytes(b if 97 <= b <= 122 else 0 for b in range(256))
_NOT_LETTER_1 = bytes(b if 97 <= b <= 122 else 1 for b in range(256))


def stretched(typed: bytes) -> bool:
    """Whether folded text (`folded`) has a letter three times in a row
    ("adminnn", "tolooong"), which the normaliser folds and the word test
    cannot read. The same as searching `([a-z])\\1\\1`, in a third of its time:
    with every other byte made 0 in one copy and 1 in the other, the XOR of
    the first copy with the second shifted by one byte is zero exactly where
    a letter follows the same letter (the first byte, XORed with nothing, is
    zero only when it is no letter, so it never makes a pair); two zeros in
    a row are three equal letters."""
    if len(typed) < 3:
        return False
    pairs = int.from_bytes(typed.translate(_NOT_LETTER_0), "big") ^ (
        int.from_bytes(typed.translate(_NOT_LETTER_1), "big") >> 8
    )
    return b"\0\0" in pairs.to_bytes(len(typed), "big")


class HandoffRequests:
    """Finds the customer turns that ask for a human (see the module docstring)."""

    def __init__(self, extra: PhraseList | None = None):
        self.extra = extra if extra is not None and extra.phrases else None
        self.vetoes = PhraseList(extra.exclusions) if extra is not None and extra.exclusions else None
        self._memo: dict[str, bool] = {}

    def may_occur_in(self, text: str, typed: bytes | None = None, typed_words: list[bytes] | None = None) -> bool:
        """False when no part of `text` can ask for a human: one quick test
        over all of a conversation's customer turns, joined with newlines,
        spares `find` for most conversations. `typed` is `folded(text)` and
        `typed_words` its words, when the caller has them already."""
        if _might_ask(text, typed, typed_words):
            return True
        return self.extra is not None and self.extra.may_occur_in(words(text) if typed_words is None else typed_words)

    def find(self, texts: list[str]) -> list[int]:
        """The positions in `texts` (one conversation's customer turns) of
        the turns that ask for a human."""
        memo = self._memo
        found = []
        for index, text in enumerate(texts):
            known = memo.get(text)
            if known is None:
                known = self._judge(text)
            if known or (self.extra is not None and self.extra.search(text)):
                if self.vetoes is None or not self.vetoes.search(text):
                    found.append(index)
        return found

    def _judge(self, text: str) -> bool:
        """The normaliser's judgment after the word test, remembered (bounded):
        customers repeat themselves ("min", "ok kak", "CS dong")."""
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        known = self._memo[text] = _might_ask(text) and is_handoff_request(text)
        return known
