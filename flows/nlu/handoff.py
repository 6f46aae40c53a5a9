"""Whether a customer's turn asks for a human agent.

The phrase lists are data files of this package, Indonesian and English,
always both, whatever the flow's locale, because customers mix them:

- `handoff_id.txt`, `handoff_en.txt`: phrases that ask for a human wherever
  they stand ("manusia", "orang asli", "real person", "talk to someone");
- `handoff_asked.txt`: words that name a human agent but are just as often
  a way to address the bot ("min, pesanan saya belum sampai", "Halo CS,
  ...") or a mention ("operator seluler saya"). They count only when asked
  for: after a cue word of `handoff_cues.txt` ("mau ke admin", "talk to an
  agent"), with "-nya" ("adminnya mana?"), or alone with nothing but filler
  ("CS dong!", "agent pls");
- `handoff_negations.txt`: "tidak perlu", "don't need", ... earlier in the
  same sentence cancel a phrase, until a word of wanting or contrast ("mau",
  "tapi", "want", "but") starts a new thought.

Phrases match whole normalised words, so "cs" never fires inside "focus"
and "gk mau ngomong sama CS" reads as "tidak mau bicara sama cs".
"""

from __future__ import annotations

import re
from functools import cache

from alur.flows.nlu.lexicon import LexiconError, read_lines, word_set
from alur.flows.nlu.text import words

_SENTENCE = re.compile(r"[.,;:!?\n()\[\]]+")
_GREETINGS = frozenset(
    "halo hallo helo hai hi hello hey pagi siang sore malam selamat permisi assalamualaikum".split()
)
# After a negation, these start a new thought: "tidak mau bot, mau manusia".
_RESETS = frozenset("mau ingin minta butuh tapi melainkan want need but instead rather".split())
Phrase = tuple[str, ...]


def _phrases(name: str) -> list[Phrase]:
    phrases = []
    for number, line in read_lines(name):
        phrase = tuple(words(line))
        if not phrase:
            raise LexiconError(f"{name}:{number}: {line!r} has no words")
        phrases.append(phrase)
    return phrases


def _by_first_word(phrases: list[Phrase]) -> dict[str, list[Phrase]]:
    """First word -> phrases starting with it, longest first."""
    index: dict[str, list[Phrase]] = {}
    for phrase in sorted(set(phrases), key=len, reverse=True):
        index.setdefault(phrase[0], []).append(phrase)
    return index


@cache
def _lexicon() -> tuple[dict[str, list[Phrase]], dict[str, list[Phrase]], frozenset[str], dict[str, list[Phrase]]]:
    always = _by_first_word(_phrases("handoff_id.txt") + _phrases("handoff_en.txt"))
    asked = _by_first_word(_phrases("handoff_asked.txt"))
    cues = frozenset(w for phrase in _phrases("handoff_cues.txt") for w in phrase)
    negations = _by_first_word(_phrases("handoff_negations.txt"))
    return always, asked, cues, negations


def _match_at(tokens: list[str], i: int, index: dict[str, list[Phrase]]) -> int:
    """Length of the longest phrase of `index` starting at tokens[i], or 0."""
    for phrase in index.get(tokens[i], ()):
        if tuple(tokens[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _split_nya(tokens: list[str], asked: dict[str, list[Phrase]]) -> list[str]:
    """"adminnya" -> "admin nya", so that the definite "-nya" can be seen."""
    out = []
    for token in tokens:
        if token.endswith("nya") and token[:-3] in asked:
            out += [token[:-3], "nya"]
        else:
            out.append(token)
    return out


def is_handoff_request(text: str) -> bool:
    """Whether `text` asks for a human agent (see the module docstring)."""
    always, asked, cues, negations = _lexicon()
    fillers = word_set("stopwords.txt")
    sentences = [_split_nya(words(part), asked) for part in _SENTENCE.split(text)]
    greeted = any(t in _GREETINGS for tokens in sentences for t in tokens)
    # the turn's words that are neither filler nor greeting nor an agent word
    content = [t for tokens in sentences for t in tokens if t not in fillers and t not in _GREETINGS and t not in asked]
    for tokens in sentences:
        negated = False
        i = 0
        while i < len(tokens):
            length = _match_at(tokens, i, negations)
            if length:
                negated, i = True, i + length
                continue
            if tokens[i] in _RESETS:
                negated = False
            length = _match_at(tokens, i, always)
            if length and not negated:
                return True
            if not length:
                length = _match_at(tokens, i, asked)
                if length and not negated and _asked_for(tokens, i, length, cues, fillers, content, greeted):
                    return True
            i += max(length, 1)
    return False


def _asked_for(
    tokens: list[str],
    i: int,
    length: int,
    cues: frozenset[str],
    fillers: frozenset[str],
    content: list[str],
    greeted: bool,
) -> bool:
    """Whether the agent word at tokens[i:i+length] is asked for, rather than
    a form of address or a mention."""
    for before in reversed(tokens[:i]):
        if before in cues:
            return True
        if before not in fillers:
            break
    if tokens[i + length : i + length + 1] == ["nya"]:
        return True
    phrase_words = set(tokens[i : i + length])
    return not greeted and all(t in phrase_words for t in content)
