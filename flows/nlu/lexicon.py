"""The word lists behind normalisation, matching and handoff detection.

They are plain text files shipped inside this package (one entry per line,
`#` comments) so that anyone can extend them without touching code. A
malformed line is a bug in alur's own data, reported with its file and line
when the package is first used, never silently skipped.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_WORD = re.compile(r"[^\W_]+")


class LexiconError(ValueError):
    """A line of a shipped word list that cannot be used."""


def read_lines(name: str) -> list[tuple[int, str]]:
    """(line number, text) of every entry of data file `name`, comments and
    blank lines left out."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append((number, line))
    return entries


def _is_word(text: str) -> bool:
    return _WORD.fullmatch(text) is not None and text == text.lower()


@cache
def slang() -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """The slang table: typed word -> expansion words, and emoji -> expansion text.

    `slang.txt` lines read `expansion: variant variant ...`.
    """
    words: dict[str, tuple[str, ...]] = {}
    emoji: dict[str, str] = {}
    for number, line in read_lines("slang.txt"):
        where = f"slang.txt:{number}"
        expansion, sep, variants = line.partition(":")
        expanded = tuple(expansion.split())
        if not sep or not expanded or not variants.split():
            raise LexiconError(f"{where}: expected `expansion: variant variant ...`")
        if not all(_is_word(w) for w in expanded):
            raise LexiconError(f"{where}: the expansion must be lower-case words")
        for variant in variants.split():
            if variant in words or variant in emoji:
                raise LexiconError(f"{where}: {variant!r} is listed twice")
            if _is_word(variant):
                words[variant] = expanded
            elif len(variant) == 1:
                emoji[variant] = " ".join(expanded)
            else:
                raise LexiconError(f"{where}: {variant!r} is neither one word nor one emoji")
    return words, emoji


@cache
def word_set(name: str) -> frozenset[str]:
    """A data file of single normalised words, one per line."""
    entries = set()
    for number, line in read_lines(name):
        if not _is_word(line):
            raise LexiconError(f"{name}:{number}: expected one lower-case word, got {line!r}")
        entries.add(line)
    return frozenset(entries)
