"""Phrase lists: bot non-understanding, customer frustration, customer
goodbyes and date words built in, handoff requests added by users.

Customers mix Indonesian and English whatever the bot's locale, so every
list is always both languages. The built-in lists are data files beside this
module (`<category>.<language>.txt`), one phrase per line, `#` comments, so
that people who know the language can correct them without reading code;
users add their own with `--phrases FILE` (see `read_phrase_file`). Handoff
requests are judged by the flow language's own lists (`handoff.py` here
explains how), so that audit and replay agree; user phrases add to them.

Matching is on whole words, ignoring case and the characters between words
("sorry, what was that" matches "Sorry... what was that?"); an apostrophe in
a phrase is optional in the text ("don't" matches "dont" and "don’t"). A
line starting with `!` is an exclusion: a match inside text that matches an
exclusion does not count ("disappointed" is frustration, "you won't be
disappointed" is not).

This runs on every turn of every conversation, so it is built for speed:
the phrases of a list are compiled into one regular expression shaped as a
trie, and before it runs, a cheap word test rejects the great majority of
texts, which contain none of the list's key words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from alur.flows.files import unreadable_reason

BUILT_IN = (
    "not_understood",
    "frustration",
    "giving_up",
    "failure",
    "unavailable",
    "closing",
    "dates",
    "transfer",
    "callback",
    "success",
)  # handoff: see handoff.py
CATEGORIES = ("handoff", *BUILT_IN)
LANGUAGES = ("en", "id")

_APOSTROPHES = "'’‘`´"
_SPLIT = re.compile(r"[^\w" + _APOSTROPHES + r"]+")
_SECTION = re.compile(r"\[\s*([\w\- ]+?)\s*\]\Z")
# Common words never chosen as the key word of a phrase: a text containing
# "you" should not have to go through the full expression.
_COMMON = frozenset(
    "a an the i im me my you your yours to of for with and or is are am be it this that so "
    "do dont not no can could please what how get saya aku mau dengan sama ke ini itu yang "
    "dan ya sih aja ga gak nggak tidak tolong nya anda kurang belum mohon silakan silahkan "
    "sorry maaf did that sure know mean again pesan you're youre i'm it's that's one too off such getting trying "
    "talk talking".split()
)
# For the word test: ASCII letters and digits stay, every other byte
# (punctuation, spaces, all of UTF-8's multi-byte characters) becomes a space.
_WORD_BYTES = bytes(b if chr(b).isascii() and chr(b).isalnum() else 32 for b in range(256)).lower()
_DROPPED = b"'`"  # ASCII apostrophes vanish, as in the flow language's normaliser ("don't" -> "dont")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


class PhraseFileError(ValueError):
    """A phrase file that cannot be used; the message starts with `path:line:`."""


class PhraseList:
    """Phrases and exclusions of one category, compiled for fast search."""

    __slots__ = ("phrases", "exclusions", "_pattern", "_excluded", "_keys")

    def __init__(self, phrases: tuple[str, ...] = (), exclusions: tuple[str, ...] = ()):
        self.phrases = tuple(dict.fromkeys(p for p in (_clean(p) for p in phrases) if p))
        self.exclusions = tuple(dict.fromkeys(p for p in (_clean(p) for p in exclusions) if p))
        self._pattern = _compile(self.phrases)
        self._excluded = _compile(self.exclusions) if self.exclusions else None
        self._keys = _key_words(self.phrases)

    def search(self, text: str, text_words: list[bytes] | None = None) -> str | None:
        """The first phrase occurrence in `text` not covered by an exclusion
        (as written in the text, lower-cased), or None. `text_words` is
        `words(text.casefold())`, when the caller has it already (searching
        one text for several lists)."""
        folded = text.casefold()
        pattern = self._pattern
        if pattern is None:
            return None
        if self._keys is not None and self._keys.isdisjoint(words(folded) if text_words is None else text_words):
            return None
        return self._search_folded(folded)

    def may_occur_in(self, text_words: list[bytes]) -> bool:
        """False when text whose `words(text)` are `text_words` surely holds no
        phrase: one cheap test over all of a conversation's customer turns
        spares the regular expression on each of them."""
        return self._pattern is not None and (self._keys is None or not self._keys.isdisjoint(text_words))

    def _search_folded(self, folded: str) -> str | None:
        pattern = self._pattern
        assert pattern is not None
        found = pattern.search(folded)
        if found is None or self._excluded is None:
            return found.group() if found else None
        spans = [m.span() for m in self._excluded.finditer(folded)]
        if not spans:
            return found.group()
        for match in pattern.finditer(folded):
            start, end = match.span()
            if not any(s <= start and end <= e for s, e in spans):
                return match.group()
        return None

    def find_all(self, text: str) -> list[str]:
        """Every phrase occurrence in `text` not covered by an exclusion, as
        written in the text, lower-cased."""
        folded = text.casefold()
        pattern = self._pattern
        if pattern is None or (self._keys is not None and self._keys.isdisjoint(words(folded))):
            return []
        spans = [m.span() for m in self._excluded.finditer(folded)] if self._excluded is not None else []
        return [
            m.group() for m in pattern.finditer(folded) if not any(s <= m.start() and m.end() <= e for s, e in spans)
        ]

    def __contains__(self, text: str) -> bool:
        return self.search(text) is not None

    def extended(self, phrases: tuple[str, ...], exclusions: tuple[str, ...]) -> PhraseList:
        return PhraseList(self.phrases + phrases, self.exclusions + exclusions)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PhraseList) and (self.phrases, self.exclusions) == (other.phrases, other.exclusions)

    def __hash__(self) -> int:
        return hash((self.phrases, self.exclusions))

    def __reduce__(self) -> tuple[type, tuple[tuple[str, ...], tuple[str, ...]]]:
        return (PhraseList, (self.phrases, self.exclusions))

    def __repr__(self) -> str:
        return f"PhraseList({len(self.phrases)} phrases, {len(self.exclusions)} exclusions)"


@dataclass(frozen=True, slots=True)
class PhraseBook:
    """The phrase lists of an audit. `handoff` holds only what users add: the
    built-in handoff judgment is the flow language's (handoff.py).
    `frustration` is the customer's anger, `giving_up` the customer giving
    up ("forget it", "udah lah"), `failure` the bot failing the customer
    ("I cannot authenticate you", "coba lagi nanti"), `unavailable` the bot
    saying what was asked for is not to be had ("no room available"). `closing`
    is thanks and goodbyes (and the bot's "anything else?"), `dates` the day and time words
    that are values like numbers are, `transfer` the bot announcing that a
    person takes over ("kami hubungkan dengan agen"), `callback` the bot
    booking a person to call the customer back ("someone will call you
    within 2 hours", "Kakak akan dihubungi"), `success` the bot
    saying the customer's task is done ("your booking is confirmed",
    "berhasil")."""

    handoff: PhraseList
    not_understood: PhraseList
    frustration: PhraseList
    giving_up: PhraseList
    failure: PhraseList
    unavailable: PhraseList
    closing: PhraseList
    dates: PhraseList
    transfer: PhraseList
    callback: PhraseList
    success: PhraseList

    @staticmethod
    def builtin() -> PhraseBook:
        """The lists shipped with alur, Indonesian and English together (and
        an empty handoff list, for users to add to)."""
        return _builtin()

    def extended_from_file(self, path: str | Path) -> PhraseBook:
        """This book plus the phrases of a user file (see `read_phrase_file`)."""
        added = read_phrase_file(path)
        return PhraseBook(
            **{category: getattr(self, category).extended(*added.get(category, ((), ()))) for category in CATEGORIES}
        )


@cache
def _builtin() -> PhraseBook:
    lists = {"handoff": PhraseList()}
    for category in BUILT_IN:
        phrases: list[str] = []
        exclusions: list[str] = []
        for language in LANGUAGES:
            text = resources.files(__name__).joinpath(f"{category}.{language}.txt").read_text("utf-8")
            for _, line in _lines(text):
                variants = negation_variants(line.removeprefix("!")) if language == "id" else [line.removeprefix("!")]
                (exclusions if line.startswith("!") else phrases).extend(variants)
        lists[category] = PhraseList(tuple(phrases), tuple(exclusions))
    return PhraseBook(**lists)


# "Not" as Indonesian customers write it, in chat and in regional speech (Jakarta "kagak", Manado and
# Javanese "nda"/"ndak", Javanese "ora"/"ra", Sundanese "teu", Malay-flavoured "tak"): a phrase written with
# one is matched with any of them.
_NEGATORS_ID = (
    "ga", "gak", "gk", "nggak", "ngga", "enggak", "engga", "kagak", "tidak", "tdk", "nda", "ndak", "tak", "ora", "ra",
    "teu",
)  # fmt: skip


def negation_variants(phrase: str) -> list[str]:
    """`phrase` with each Indonesian "not" in it written every way
    customers write it ("ga guna" is also "nda guna", "tidak guna", "tak
    guna"), so that a list need not spell every region's negation."""
    words = phrase.split()
    at = [i for i, word in enumerate(words) if word.casefold() in _NEGATORS_ID]
    if not at:
        return [phrase]
    variants = {phrase}
    for negator in _NEGATORS_ID:
        variants.add(" ".join(negator if i in at else word for i, word in enumerate(words)))
    return sorted(variants)


def read_phrase_file(path: str | Path) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Phrases to add, by category, from a user file:

        # our customers' words
        [handoff]
        sambungkan ke tim
        !admin fee          # "admin fee" is not a request for a human
        [frustration]
        zonk

    Headings are `[handoff]`, `[not_understood]`, `[frustration]`,
    `[giving_up]`, `[failure]`, `[unavailable]`, `[closing]`, `[dates]`, `[transfer]`,
    `[callback]`, `[success]`. Raises
    PhraseFileError naming the file and line for anything else.
    """
    name = str(path)
    try:
        text = Path(path).read_text("utf-8")
    except UnicodeDecodeError:
        raise PhraseFileError(f"{name}: not UTF-8 text; save the phrase file as UTF-8") from None
    except OSError as error:
        raise PhraseFileError(f"{name}: {unreadable_reason(error)}") from None
    found: dict[str, tuple[list[str], list[str]]] = {}
    category: str | None = None
    for number, line in _lines(text):
        heading = _SECTION.match(line)
        if heading:
            category = heading.group(1).strip().lower().replace("-", "_").replace(" ", "_")
            if category not in CATEGORIES:
                raise PhraseFileError(
                    f"{name}:{number}: unknown heading [{heading.group(1)}]; use one of "
                    + ", ".join(f"[{c}]" for c in CATEGORIES)
                )
            continue
        if category is None:
            raise PhraseFileError(
                f"{name}:{number}: put phrases under a heading: " + ", ".join(f"[{c}]" for c in CATEGORIES)
            )
        if not _clean(line.removeprefix("!")):
            raise PhraseFileError(f"{name}:{number}: {line!r} has no letters or digits to match")
        phrases, exclusions = found.setdefault(category, ([], []))
        (exclusions if line.startswith("!") else phrases).append(line.removeprefix("!"))
    return {category: (tuple(p), tuple(e)) for category, (p, e) in found.items()}


def _lines(text: str) -> list[tuple[int, str]]:
    """Non-empty lines with comments removed, numbered from 1."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if line:
            out.append((number, line))
    return out


def _clean(phrase: str) -> str:
    """A phrase as it is matched: lower-cased words separated by single spaces."""
    return " ".join(_SPLIT.split(phrase.casefold())).strip()


def folded(text: str) -> bytes:
    """`text` as the quick tests read it: ASCII letters and digits,
    lower-cased, apostrophes dropped, accents and fancy letters folded to
    ASCII (NFKD); every other character a space. Bytes, because
    bytes.translate is the fastest way Python has to do this."""
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return text.encode("ascii", "replace").translate(_WORD_BYTES, _DROPPED)


def words(text: str, typed: bytes | None = None) -> list[bytes]:
    """The words of `folded(text)` (`typed`, when the caller has it), for
    `PhraseList.may_occur_in`; with an ASCII apostrophe in the text, also the
    words it separates: "a'a" is "aa" to the quick test, while the phrase
    "a" is found in it, as in "it's"."""
    found = (folded(text) if typed is None else typed).split()
    if "'" in text or "`" in text:
        found += folded(text.replace("'", " ").replace("`", " ")).split()
    return found


def _plain(word: str) -> str:
    return word.translate({ord(a): None for a in _APOSTROPHES})


def _key_words(phrases: tuple[str, ...]) -> frozenset[bytes] | None:
    """Words at least one of which any text matching a phrase must contain.

    For each phrase, its rarest-looking word (the longest that is not
    common), in every form the text may take after `words`: with its
    apostrophes dropped ("dont") and cut at them ("don"). None when some
    phrase has no ASCII letters to key on: then every text is searched.
    """
    keys: set[bytes] = set()
    for phrase in phrases:
        word = max(phrase.split(" "), key=lambda w: (_plain(w) not in _COMMON and _plain(w) == w, len(_plain(w))))
        forms = [word.translate({ord(a): None for a in _APOSTROPHES})]
        forms.append(max(re.split("[" + _APOSTROPHES + "]", word), key=len))
        for form in forms:
            parts = words(form)
            if not parts:
                return None
            keys.add(max(parts, key=len))
    return frozenset(keys)


def _atoms(phrase: str) -> list[str]:
    """A phrase as regex pieces, one per character: a space matches any run of
    non-word characters, an apostrophe is optional and may be any apostrophe."""
    atoms = []
    for char in phrase:
        if char == " ":
            atoms.append(r"[\W_]+")
        elif char in _APOSTROPHES:
            atoms.append(f"[{_APOSTROPHES}]?")
        else:
            atoms.append(re.escape(char))
    return atoms


def _compile(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for atom in _atoms(phrase):
            node = node.setdefault(atom, {})
        node[""] = {}
    return re.compile(r"(?<!\w)(?:" + _trie_pattern(trie) + r")(?!\w)")


def _trie_pattern(node: dict[str, dict]) -> str:
    """A regex matching exactly the strings of the trie. Longer phrases come
    first, so "customer service please" wins over "customer service"."""
    branches = [atom + _trie_pattern(child) for atom, child in sorted(node.items()) if atom]
    if not branches:
        return ""
    if "" in node:  # a phrase ends here: what follows is optional
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
