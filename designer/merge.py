"""Merging a colleague's edit of the flow file with the designer's own.

When the file changes on disk while the designer has unsaved edits there are
three texts: the base (what the designer last loaded or saved), theirs (the
file on disk now) and mine (the editor). `merge3` is a line-based three-way
merge: a region only one side changed takes that side's lines, a region both
changed alike is taken once, and a region both changed differently is a
`Conflict` that keeps both versions for the designer to pick from; nothing
is dropped without being shown. difflib's matching blocks are enough here: a
flow file is a few thousand lines and the merge runs once per outside change.

Pure and Textual-free: the designer's merge dialog shows the result and
tests check it directly.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum


class Pick(Enum):
    """What a conflict becomes."""

    MINE = "mine"
    THEIRS = "theirs"
    BOTH = "both"  # mine, then theirs


@dataclass(frozen=True, slots=True)
class Conflict:
    """A region both sides changed differently (lines with their endings)."""

    base: tuple[str, ...]
    mine: tuple[str, ...]
    theirs: tuple[str, ...]
    mine_line: int  # 1-based line in mine where the region starts

    def lines(self, pick: Pick) -> tuple[str, ...]:
        if pick is Pick.MINE:
            return self.mine
        if pick is Pick.THEIRS:
            return self.theirs
        return _ended(self.mine) + self.theirs


Chunk = tuple[str, ...] | Conflict


@dataclass(frozen=True, slots=True)
class Merge:
    """The merged text as agreed lines and conflicts, in order."""

    chunks: tuple[Chunk, ...]

    @property
    def conflicts(self) -> list[Conflict]:
        return [chunk for chunk in self.chunks if isinstance(chunk, Conflict)]

    def text(self, picks: Sequence[Pick] | Pick = Pick.MINE) -> str:
        """The merged text, each conflict resolved by `picks` (one per
        conflict, in order) or all by the same pick."""
        chosen = iter(picks) if not isinstance(picks, Pick) else None
        out: list[str] = []
        for chunk in self.chunks:
            if isinstance(chunk, Conflict):
                out.extend(chunk.lines(next(chosen) if chosen is not None else picks))  # type: ignore[arg-type]
            else:
                out.extend(chunk)
        return "".join(out)


def merge3(base: str, mine: str, theirs: str) -> Merge:
    """Merge `mine` and `theirs`, both edited from `base`, line by line."""
    base_lines = base.splitlines(keepends=True)
    mine_lines = mine.splitlines(keepends=True)
    their_lines = theirs.splitlines(keepends=True)
    chunks: list[Chunk] = []
    b = m = t = 0  # where the unmerged part of each text starts
    for base_at, mine_at, theirs_at, length in _stable_regions(base_lines, mine_lines, their_lines):
        changed = _merge_region(base_lines[b:base_at], mine_lines[m:mine_at], their_lines[t:theirs_at], m + 1)
        if changed is not None:
            chunks.append(changed)
        if length:
            chunks.append(tuple(base_lines[base_at : base_at + length]))
        b, m, t = base_at + length, mine_at + length, theirs_at + length
    return Merge(tuple(_joined(chunks)))


def _merge_region(base: list[str], mine: list[str], theirs: list[str], mine_line: int) -> Chunk | None:
    if not base and not mine and not theirs:
        return None
    if mine == base or mine == theirs:
        return tuple(theirs)
    if theirs == base:
        return tuple(mine)
    return Conflict(tuple(base), tuple(mine), tuple(theirs), mine_line)


def _stable_regions(base: list[str], mine: list[str], theirs: list[str]) -> Iterator[tuple[int, int, int, int]]:
    """Runs of base lines that neither side touched, with where they sit in
    each text: (base start, mine start, theirs start, length), ending with a
    zero-length run at the three ends."""
    to_mine = _blocks(base, mine)
    to_theirs = _blocks(base, theirs)
    i = j = 0
    while i < len(to_mine) and j < len(to_theirs):
        base_m, mine_at, length_m = to_mine[i]
        base_t, theirs_at, length_t = to_theirs[j]
        start = max(base_m, base_t)
        end = min(base_m + length_m, base_t + length_t)
        if start < end:
            yield start, mine_at + start - base_m, theirs_at + start - base_t, end - start
        if base_m + length_m < base_t + length_t:
            i += 1
        else:
            j += 1
    yield len(base), len(mine), len(theirs), 0


def _blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(block.a, block.b, block.size) for block in matcher.get_matching_blocks() if block.size]


def _joined(chunks: list[Chunk]) -> Iterator[Chunk]:
    """Agreed runs next to each other become one (fewer, larger chunks to show)."""
    pending: list[str] = []
    for chunk in chunks:
        if isinstance(chunk, Conflict):
            if pending:
                yield tuple(pending)
                pending = []
            yield chunk
        else:
            pending.extend(chunk)
    if pending:
        yield tuple(pending)


def _ended(lines: tuple[str, ...]) -> tuple[str, ...]:
    """`lines` with a line ending after the last one (so "both" never glues
    mine's last line to theirs' first)."""
    if lines and not lines[-1].endswith(("\n", "\r")):
        return lines[:-1] + (lines[-1] + "\n",)
    return lines


def unified(before: str, after: str, before_name: str, after_name: str, context: int = 2) -> list[str]:
    """The lines of a unified diff (no line endings), for showing a change."""
    return [
        line.rstrip("\r\n")
        for line in difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), before_name, after_name, n=context
        )
    ]
