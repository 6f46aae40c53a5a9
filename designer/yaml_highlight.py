"""YAML syntax colours, one line at a time.

The editor colours only the lines on screen, after every keystroke, so the
cost must not grow with the file: tree-sitter's Textual document recomputes
byte offsets over the whole text on each edit (half a second per key on a
2,000-state flow). Flow files use a small part of YAML (block mappings and
lists, inline `[...]`/`{...}`, quoted and plain scalars, comments, block
scalars), which a line scanner colours exactly; the one thing that spans
lines, a block scalar (`|`, `>`), is tracked by `scan_rows` from a row whose
state is known (the editor keeps it for the rows it coloured) or, by
`highlight_rows`, from a few hundred lines above the first one shown.

Textual-free. Names are the TextArea theme's syntax style names.
"""

from __future__ import annotations

from dataclasses import dataclass

from alur.flows.loader import resolve_plain

Token = tuple[int, int, str]  # start, end (character columns), style name

KEY = "yaml.field"
STRING = "string"
NUMBER = "number"
BOOLEAN = "boolean"
NULL = "constant.builtin"
COMMENT = "comment"
PUNCTUATION = "punctuation.delimiter"
BRACKET = "punctuation.bracket"
LOOKBACK = 400  # lines scanned above the first visible one for an open block scalar

_BLANKS = " \t"


@dataclass(frozen=True, slots=True)
class LineTokens:
    tokens: list[Token]
    block_parent: int | None  # the line opens a block scalar owned by a key at this column


def scan_line(line: str) -> LineTokens:
    """The coloured pieces of one line of YAML (outside any block scalar)."""
    tokens: list[Token] = []
    n = len(line)
    i = 0
    while i < n and line[i] in _BLANKS:
        i += 1
    owner = i  # the column that owns a block scalar opened on this line
    while i < n and line[i] == "-" and (i + 1 == n or line[i + 1] in _BLANKS):
        tokens.append((i, i + 1, PUNCTUATION))
        owner = i
        i += 1
        while i < n and line[i] in _BLANKS:
            i += 1
    depth = 0
    block = None
    while i < n:
        c = line[i]
        if c in _BLANKS:
            i += 1
            continue
        if c == "#" and (i == 0 or line[i - 1] in _BLANKS):
            tokens.append((i, n, COMMENT))
            break
        if c in "\"'":
            end = _quoted_end(line, i)
            is_key = _colon_follows(line, end, depth)
            if is_key:
                owner = i
            tokens.append((i, end, KEY if is_key else STRING))
            i = end
            continue
        if c in "[]{}":
            depth = depth + 1 if c in "[{" else max(depth - 1, 0)
            tokens.append((i, i + 1, BRACKET))
            i += 1
            continue
        if c == "," and depth:
            tokens.append((i, i + 1, PUNCTUATION))
            i += 1
            continue
        if c == ":" and _is_indicator(line, i, depth):
            tokens.append((i, i + 1, PUNCTUATION))
            i += 1
            continue
        if c in "|>" and depth == 0 and _opens_block(line, i):
            tokens.append((i, i + 1, PUNCTUATION))
            block = owner
            i += 1
            continue
        end = _plain_end(line, i, depth)
        stop = end
        while stop > i and line[stop - 1] in _BLANKS:
            stop -= 1
        if _colon_follows(line, end, depth):
            tokens.append((i, stop, KEY))
            owner = i
        else:
            tokens.append((i, stop, _plain_kind(line[i:stop])))
        i = max(end, i + 1)
    return LineTokens(tokens, block)


def highlight_rows(lines: list[str], first: int, stop: int, lookback: int = LOOKBACK) -> dict[int, list[Token]]:
    """Tokens of rows `first`..`stop-1`, block scalars included (found by
    scanning up to `lookback` rows above `first`)."""
    tokens, _ = scan_rows(lines, max(0, first - lookback), stop, None)
    return {row: found for row, found in tokens.items() if row >= first}


def scan_rows(
    lines: list[str], first: int, stop: int, block: int | None
) -> tuple[dict[int, list[Token]], list[int | None]]:
    """Tokens of rows `first`..`stop-1` when `block` (a block scalar's
    parent column, or None) is open before `first`; and what is open after
    each of those rows, so colouring can resume from a known row without
    looking back."""
    out: dict[int, list[Token]] = {}
    after: list[int | None] = []
    for row in range(first, min(stop, len(lines))):
        line = lines[row]
        if block is not None:
            stripped = line.lstrip(" ")
            if not stripped or len(line) - len(stripped) > block:
                if stripped:
                    out[row] = [(len(line) - len(stripped), len(line), STRING)]
                after.append(block)
                continue
            block = None
        scanned = scan_line(line)
        block = scanned.block_parent
        out[row] = scanned.tokens
        after.append(block)
    return out, after


def to_bytes(line: str, tokens: list[Token]) -> list[Token]:
    """Character columns → UTF-8 byte offsets (what TextArea's highlights use)."""
    if line.isascii():
        return tokens
    offsets = [0]
    for char in line:
        offsets.append(offsets[-1] + len(char.encode("utf-8")))
    return [(offsets[start], offsets[end], name) for start, end, name in tokens]


def _quoted_end(line: str, start: int) -> int:
    quote = line[start]
    i = start + 1
    n = len(line)
    while i < n:
        c = line[i]
        if quote == '"' and c == "\\":
            i += 2
            continue
        if c == quote:
            if quote == "'" and i + 1 < n and line[i + 1] == "'":
                i += 2
                continue
            return i + 1
        i += 1
    return n


def _is_indicator(line: str, i: int, depth: int) -> bool:
    """Whether the `:` at `i` separates a key from its value."""
    return i + 1 == len(line) or line[i + 1] in _BLANKS or (depth > 0 and line[i + 1] in ",]}")


def _colon_follows(line: str, end: int, depth: int) -> bool:
    j = end
    while j < len(line) and line[j] in _BLANKS:
        j += 1
    return j < len(line) and line[j] == ":" and _is_indicator(line, j, depth)


def _plain_end(line: str, i: int, depth: int) -> int:
    n = len(line)
    j = i
    while j < n:
        c = line[j]
        if c == ":" and _is_indicator(line, j, depth):
            break
        if c == "#" and j > i and line[j - 1] in _BLANKS:
            break
        if depth and c in ",[]{}":
            break
        j += 1
    return j


def _opens_block(line: str, i: int) -> bool:
    rest = line[i + 1 :]
    j = 0
    while j < len(rest) and rest[j] in "-+123456789":
        j += 1
    tail = rest[j:].strip()
    return not tail or tail.startswith("#")


def _plain_kind(word: str) -> str:
    value = resolve_plain(word)
    if value is None:
        return NULL
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, (int, float)):
        return NUMBER
    return STRING
