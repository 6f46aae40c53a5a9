"""The word lists behind normalisation, matching and handoff detection.

They are plain text files shipped inside this package (one entry per line,
`#` comments) so that anyone can read and extend them. A malformed line is
a bug in alur's own data, reported with its file and line when the package
is first used, never silently skipped.

A `Lexicon` is one set of lists an engine understands customers with: the
built-in ones (`Lexicon.builtin()`, what every function of this package
uses unless given another), or the built-in ones plus a team's own files
(`Lexicon.builtin().extended(slang=[...], handoff_phrases=[...],
stopwords=[...], concepts=[...])`, from `[tool.alur.nlu]` or `--slang
FILE`). A team's files have the format of the built-in ones and add
entries; they never take built-in entries away, so "min" keeps meaning
"admin" and "CS" keeps reaching a person whatever a project adds. Concepts
are the exception, by name: a flow or project whose intents must tell a
concept's words apart switches it off (`without_concepts=[...]`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from alur.flows.files import unreadable_reason

if TYPE_CHECKING:
    from alur.flows.nlu.concepts import Concepts
    from alur.flows.nlu.handoff import HandoffDetector
    from alur.flows.nlu.text import Normaliser

_WORD = re.compile(r"[^\W_]+")
# The built-in handoff phrases that ask for a person wherever they stand.
HANDOFF_FILES = ("handoff_id.txt", "handoff_en.txt")

Entry = tuple[str, str]  # (where: "file:line", the line's text)


class LexiconError(ValueError):
    """A line of a word list that cannot be used; the message names file and line."""


def _entries(text: str, source: str) -> list[Entry]:
    """("source:line", text) of every entry, comments and blank lines left out."""
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append((f"{source}:{number}", line))
    return entries


def read_lines(name: str) -> list[tuple[int, str]]:
    """(line number, text) of every entry of the built-in data file `name`,
    comments and blank lines left out."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [(int(where.rsplit(":", 1)[1]), line) for where, line in _entries(text, name)]


def _builtin_entries(name: str) -> list[Entry]:
    return [(f"{name}:{number}", line) for number, line in read_lines(name)]


def _file_entries(path: Path) -> list[Entry]:
    """The entries of a team's word list; LexiconError when it cannot be read."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise LexiconError(f"{path}: cannot read this word list: {unreadable_reason(error)}") from None
    except UnicodeDecodeError as error:
        raise LexiconError(f"{path}: this word list is not UTF-8 text (byte {error.start})") from None
    return _entries(text, str(path))


def _is_word(text: str) -> bool:
    return _WORD.fullmatch(text) is not None and text == text.lower()


def _add_slang(
    entries: Iterable[Entry],
    words: dict[str, tuple[str, ...]],
    emoji: dict[str, str],
    builtin: frozenset[str] = frozenset(),
) -> None:
    """Read `expansion: variant variant ...` lines into the two tables.

    A variant is listed once. A team's line may repeat a `builtin` variant
    with the same expansion (harmless), never give it another: that would
    silently change what built-in phrases and every flow's examples mean.
    """
    for where, line in entries:
        expansion, sep, variants = line.partition(":")
        expanded = tuple(expansion.split())
        if not sep or not expanded or not variants.split():
            raise LexiconError(f"{where}: expected `expansion: variant variant ...`")
        if not all(_is_word(w) for w in expanded):
            raise LexiconError(f"{where}: the expansion must be lower-case words")
        for variant in variants.split():
            known = words.get(variant) or emoji.get(variant)
            if known is not None:
                known_text = known if isinstance(known, str) else " ".join(known)
                if variant not in builtin:
                    raise LexiconError(f"{where}: {variant!r} is listed twice (as {known_text!r} before)")
                if known_text == " ".join(expanded):
                    continue
                raise LexiconError(
                    f"{where}: {variant!r} already means {known_text!r} in alur's slang table; "
                    "a project's list may add words, not change built-in ones"
                )
            if _is_word(variant):
                words[variant] = expanded
            elif len(variant) == 1:
                emoji[variant] = " ".join(expanded)
            else:
                raise LexiconError(f"{where}: {variant!r} is neither one word nor one emoji")


def _add_words(entries: Iterable[Entry], into: set[str]) -> None:
    for where, line in entries:
        if not _is_word(line):
            raise LexiconError(f"{where}: expected one lower-case word, got {line!r}")
        into.add(line)


@cache
def slang() -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """The built-in slang table: typed word -> expansion words, and emoji -> expansion text.

    `slang.txt` lines read `expansion: variant variant ...`.
    """
    words: dict[str, tuple[str, ...]] = {}
    emoji: dict[str, str] = {}
    _add_slang(_builtin_entries("slang.txt"), words, emoji)
    return words, emoji


@cache
def word_set(name: str) -> frozenset[str]:
    """A built-in data file of single normalised words, one per line."""
    entries: set[str] = set()
    _add_words(_builtin_entries(name), entries)
    return frozenset(entries)


@cache
def concept_names() -> frozenset[str]:
    """The names of the built-in concepts (each `concepts.txt` line's first
    word), read without building the table: what a flow's
    `without_concepts` may name."""
    return frozenset(line.split("|", 1)[0].strip() for _, line in read_lines("concepts.txt"))


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The word lists one engine reads customers' turns with.

    `slang` and `emoji` map what customers type to what they mean;
    `stopwords` are filler words (they weigh little in intent matching and
    may stand around an agent word: "CS dong"); `handoff_phrases` are the
    phrases that ask for a person wherever they stand, as ("file:line",
    text). Compared by identity: build one per run and share it.
    """

    slang: Mapping[str, tuple[str, ...]]
    emoji: Mapping[str, str]
    stopwords: frozenset[str]
    handoff_phrases: tuple[Entry, ...]
    sources: tuple[str, ...] = field(default=())  # the team's files, in the order given
    concept_groups: tuple[Entry, ...] = field(default=())  # `concepts.txt` lines, the built-in ones first
    without_concepts: frozenset[str] = field(default=frozenset())  # concept names switched off

    @staticmethod
    @cache
    def builtin() -> Lexicon:
        """alur's own lists, shared by everything that is given no other lexicon."""
        words, emoji = slang()
        phrases = tuple(entry for name in HANDOFF_FILES for entry in _builtin_entries(name))
        return Lexicon(
            MappingProxyType(words),
            MappingProxyType(emoji),
            word_set("stopwords.txt"),
            phrases,
            concept_groups=tuple(_builtin_entries("concepts.txt")),
        )

    @property
    def is_builtin(self) -> bool:
        return self is Lexicon.builtin()

    def extended(
        self,
        *,
        slang: Iterable[Path | str] = (),
        handoff_phrases: Iterable[Path | str] = (),
        stopwords: Iterable[Path | str] = (),
        concepts: Iterable[Path | str] = (),
        without_concepts: Iterable[str] = (),
    ) -> Lexicon:
        """This lexicon plus the entries of the given files (same formats as
        `slang.txt`, `handoff_id.txt`, `stopwords.txt` and `concepts.txt`),
        with the concepts named in `without_concepts` switched off. Every
        file is read and checked now: LexiconError names the file and line
        of the first unusable entry. With nothing given, this very lexicon."""
        slang, handoff_phrases, stopwords, concepts = (
            tuple(Path(p) for p in paths) for paths in (slang, handoff_phrases, stopwords, concepts)
        )
        off = frozenset(without_concepts)
        if not (slang or handoff_phrases or stopwords or concepts or off):
            return self
        words, emoji = dict(self.slang), dict(self.emoji)
        builtin = frozenset(words) | frozenset(emoji)
        for path in slang:
            _add_slang(_file_entries(path), words, emoji, builtin)
        for variant, expansion in words.items():
            for word in expansion:
                if word in words and words[word] != (word,):
                    raise LexiconError(
                        f"slang: the expansion of {variant!r} uses {word!r}, which is itself slang for "
                        f"{' '.join(words[word])!r}; write {' '.join(words[word])!r}"
                    )
        filler = set(self.stopwords)
        for path in stopwords:
            _add_words(_file_entries(path), filler)
        phrases = list(self.handoff_phrases)
        for path in handoff_phrases:
            phrases += _file_entries(path)
        lexicon = Lexicon(
            MappingProxyType(words),
            MappingProxyType(emoji),
            frozenset(filler),
            tuple(phrases),
            self.sources + tuple(str(p) for p in (*slang, *handoff_phrases, *stopwords, *concepts)),
            self.concept_groups + tuple(entry for path in concepts for entry in _file_entries(path)),
            self.without_concepts | off,
        )
        if slang or handoff_phrases or stopwords:
            lexicon.handoff  # noqa: B018 - normalise every phrase now, so that a bad one is reported before any run
        lexicon.concepts  # noqa: B018 - and read every concept group
        return lexicon

    @cached_property
    def normaliser(self) -> Normaliser:
        from alur.flows.nlu.text import Normaliser

        return Normaliser(self)

    @cached_property
    def concepts(self) -> Concepts:
        """The concept table (see `alur.flows.nlu.concepts`); LexiconError names
        the file and line of a group that cannot be used."""
        from alur.flows.nlu.concepts import ConceptError, Concepts

        try:
            return Concepts(self.concept_groups, self.normaliser, self.without_concepts)
        except ConceptError as error:
            raise LexiconError(str(error)) from None

    @cached_property
    def handoff(self) -> HandoffDetector:
        from alur.flows.nlu.handoff import HandoffDetector

        return HandoffDetector(self)

    def words(self, text: str) -> list[str]:
        """The normalised words of `text` (see `alur.flows.nlu.text`)."""
        return self.normaliser.words(text)

    def normalise(self, text: str) -> str:
        return self.normaliser.normalise(text)

    def is_handoff_request(self, text: str) -> bool:
        """Whether `text` asks for a human agent (see `alur.flows.nlu.handoff`)."""
        return self.handoff.is_request(text)
