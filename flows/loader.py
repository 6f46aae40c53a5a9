"""Safe YAML 1.2 loading that remembers where every node came from.

PyYAML alone is the wrong tool for flow files written by people: it reads
YAML 1.1 (the state key `on:` and intents named `yes`/`no`/`off` become
booleans), silently keeps the last of two duplicated keys (a duplicated
state simply vanishes), expands aliases (an "alias bomb" loads instantly and
then hangs whatever walks it) and forgets positions. So we let the C parser
compose the node graph, then walk it ourselves:

- plain scalars are resolved by the YAML 1.2 core schema;
- a duplicated key, an alias, an explicit tag or a non-scalar key is a
  diagnostic at its line and column;
- file size and nesting depth are bounded before parsing (libyaml's composer
  recurses in C and crashes on ~100,000 nested brackets), node count while
  walking, so hostile input is refused in bounded time and memory.

The result is plain Python data plus a map from each node's path (the same
path jsonschema reports) to its source span.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import yaml

from alur.flows.diagnostics import Diagnostic, FlowError, Severity
from alur.flows.files import unreadable_reason
from alur.flows.limits import FLOW_BYTES

MAX_NODES = 2_000_000
MAX_DEPTH = 500

Key = str | int
NodePath = tuple[Key, ...]

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_DEFAULT_TAGS = {yaml.ScalarNode: _STR, yaml.SequenceNode: _SEQ, yaml.MappingNode: _MAP}

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)\Z")
_NOT_ONLY_TEXT = frozenset("0123456789+-.~nNtTfF")  # first characters of non-text plain scalars
_FLOW_BRACKETS = re.compile(r"[\[\]{}]")
_COMPACT_NESTING = re.compile(r"(?:[-?:][ \t]+){%d,}" % MAX_DEPTH)


class _NoImplicitTagsLoader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """Composes nodes without resolving plain scalars (we apply YAML 1.2 rules
    ourselves); every untagged scalar comes out tagged `str`."""

    yaml_implicit_resolvers: dict[str, list[object]] = {}

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        # Called by the C composer for every untagged node; the generic
        # resolver's lookups cost a fifth of composing a large flow.
        return _DEFAULT_TAGS[kind]


class Span(NamedTuple):
    """Where a node stands in the source: 1-based lines and columns, end exclusive.
    (A named tuple: a large flow has hundreds of thousands, made in a tight loop.)"""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(slots=True)
class Document:
    """Loaded YAML: the data, and the span of every value and mapping key by path."""

    path: str
    text: str
    data: object
    values: dict[NodePath, Span] = field(default_factory=dict)
    keys: dict[NodePath, Span] = field(default_factory=dict)

    def span(self, path: NodePath) -> Span | None:
        """The most useful place for a message about `path`: the value, else
        its key, else the nearest enclosing node that has a span."""
        path = tuple(path)
        while True:
            found = self.values.get(path) or self.keys.get(path)
            if found is not None or not path:
                return found
            path = path[:-1]

    def key_span(self, path: NodePath) -> Span | None:
        """The span of the mapping key that names `path` (e.g. a state's name)."""
        return self.keys.get(tuple(path)) or self.span(path)


_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # the line breaks the YAML reader counts


def source_lines(text: str) -> list[str]:
    """`text` split where the YAML reader breaks lines, so that a span's
    `line` (1-based) indexes the list: `str.splitlines` also breaks at
    characters YAML does not."""
    return _LINE_BREAK.split(text)


def resolve_plain(value: str) -> object:
    """A plain (unquoted) scalar under the YAML 1.2 core schema."""
    if value and value[0] not in _NOT_ONLY_TEXT:
        return value  # most scalars in a flow are names and words
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    if _INF.match(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN.match(value):
        return math.nan
    return value


def read_text(path: Path, max_bytes: int | None = None) -> str:
    """The file's text, or a FlowError saying plainly why it cannot be read
    (`max_bytes`: the `FLOW_BYTES` limit unless given)."""
    name = str(path)
    max_bytes = int(FLOW_BYTES.value()) if max_bytes is None else max_bytes

    def fail(code: str, message: str, line: int | None = None, column: int | None = None) -> FlowError:
        return FlowError([Diagnostic(name, line, column, Severity.ERROR, code, message)])

    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise fail(
                "file-too-large",
                f"file is {size / 2**20:.1f} MB; flows larger than {FLOW_BYTES.says(max_bytes)} are refused",
            )
        raw = path.read_bytes()
    except OSError as error:
        raise fail("unreadable", unreadable_reason(error)) from None
    if len(raw) > max_bytes:  # grew since stat, or a special file
        raise fail("file-too-large", f"flows larger than {FLOW_BYTES.says(max_bytes)} are refused")
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise fail("not-text", "this is a binary file, not a YAML flow (it contains NUL bytes)", line)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise fail(
            "not-utf8", f"not UTF-8 text (byte 0x{raw[error.start]:02x}); save the file as UTF-8", line, column
        ) from None
    return text.removeprefix("\ufeff")


def load_document(text: str, path: str = "<text>", max_nodes: int = MAX_NODES) -> Document:
    """Parse `text` as one YAML document with positions, or raise FlowError
    with every structural problem found (duplicate keys, aliases, tags)."""
    if not text.strip():
        raise FlowError(
            [Diagnostic(path, 1, 1, Severity.ERROR, "empty-file", "the file is empty; a flow starts with `alur: 1`")]
        )
    _refuse_deep_nesting(text, path)
    try:
        node = yaml.compose(text, Loader=_NoImplicitTagsLoader)
    except yaml.MarkedYAMLError as error:
        raise FlowError([_syntax_diagnostic(error, path, text)]) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, at a string index
        offset = error.position if isinstance(error.position, int) else 0
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        character = error.character if isinstance(error.character, str) else chr(error.character)
        message = f"invalid YAML: the character U+{ord(character):04X} is not allowed in YAML text; remove it"
        raise FlowError([Diagnostic(path, line, column, Severity.ERROR, "yaml-syntax", message)]) from None
    except yaml.YAMLError as error:
        message = " ".join(str(error).split())  # one line, as every diagnostic
        raise FlowError([Diagnostic(path, None, None, Severity.ERROR, "yaml-syntax", message)]) from None
    except RecursionError:
        raise FlowError(
            [Diagnostic(path, None, None, Severity.ERROR, "too-deep", "the YAML is nested too deeply to be a flow")]
        ) from None
    if node is None:
        raise FlowError(
            [
                Diagnostic(
                    path,
                    1,
                    1,
                    Severity.ERROR,
                    "empty-file",
                    "the file holds no YAML content; a flow starts with `alur: 1`",
                )
            ]
        )
    walker = _Walker(path, max_nodes, anchors="&" in text)
    try:
        data = walker.walk(node, ())
    except RecursionError:  # block nesting by indentation: no brackets to count beforehand
        raise FlowError(
            [Diagnostic(path, None, None, Severity.ERROR, "too-deep", "the YAML is nested too deeply to be a flow")]
        ) from None
    if walker.problems:
        raise FlowError(walker.problems)
    return Document(path, text, data, walker.values, walker.keys)


def load_file(path: Path | str, max_bytes: int | None = None) -> Document:
    """`read_text` then `load_document`."""
    path = Path(path)
    return load_document(read_text(path, max_bytes), str(path))


def _refuse_deep_nesting(text: str, path: str) -> None:
    """Refuse nesting deep enough to crash the C composer, before composing.

    Flow brackets are counted without regard to quoting, so unbalanced
    brackets inside strings could only make this stricter, never let a bomb
    through; compact block nesting (`- - - - x`) is the other unbounded way.
    """
    depth = 0
    too_deep_at = None
    for match in _FLOW_BRACKETS.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            too_deep_at = match.start()  # where the limit is first passed
            break
        depth = max(depth, 0)
    compact = _COMPACT_NESTING.search(text) if too_deep_at is None else None
    if too_deep_at is not None or compact:
        offset = too_deep_at if too_deep_at is not None else compact.start()  # type: ignore[union-attr]
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise FlowError(
            [
                Diagnostic(
                    path,
                    line,
                    column,
                    Severity.ERROR,
                    "too-deep",
                    f"collections nested more than {MAX_DEPTH} levels deep; this is not a flow",
                )
            ]
        )


# A construct left open (a key without its colon, a quote or a bracket never
# closed) is noticed where PyYAML gives up, the next line or the end of the
# file; the designer broke the line where it began, which is the context mark.
_LEFT_OPEN = ("while scanning a simple key", "while scanning a quoted scalar", "while parsing a flow")


def _syntax_diagnostic(error: yaml.MarkedYAMLError, path: str, text: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    opened = error.context_mark
    if (
        opened is not None
        and mark is not None
        and opened.line < mark.line
        and (error.context or "").startswith(_LEFT_OPEN)
    ):
        mark = opened
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    if mark is not None and problem.startswith("mapping values are not allowed"):
        bare = _bare_key_above(text.splitlines(), mark.line)
        if bare is not None:
            line, column, problem = bare
    if mark is not None and mark.line < text.count("\n") + 1:
        source_line = text.splitlines()[mark.line] if text.splitlines()[mark.line :] else ""
        if "\t" in source_line[: mark.column + 1] and "cannot start any token" in problem:
            problem = "a tab character is used for indentation; YAML needs spaces"
    message = f"{problem} ({context})" if context and problem else (problem or context or "invalid YAML")
    return Diagnostic(path, line, column, Severity.ERROR, "yaml-syntax", f"invalid YAML: {message}")


def _bare_key_above(lines: list[str], row: int) -> tuple[int, int, str] | None:
    """A key written without its colon (`  greet` over `    say: hi`) reads
    as a plain scalar running on into the next line, whose colon PyYAML then
    refuses: (line, column, problem) of the bare key, or None."""
    above = next((r for r in range(min(row, len(lines)) - 1, -1, -1) if lines[r].strip()), None)
    if above is None or row >= len(lines):
        return None
    key = lines[above].strip()
    indent = len(lines[above]) - len(lines[above].lstrip(" "))
    if (
        ":" in key
        or key.startswith(("-", "#", '"', "'", "[", "{"))
        or indent >= len(lines[row]) - len(lines[row].lstrip(" "))
    ):
        return None
    return above + 1, indent + len(key) + 1, f"{key!r} has no ':' after it; a key needs one"


def _span(node: yaml.Node, _new: object = tuple.__new__) -> Span:
    start, end = node.start_mark, node.end_mark
    # tuple.__new__ directly: NamedTuple's own constructor is a Python-level call per node
    return _new(Span, (start.line + 1, start.column + 1, end.line + 1, end.column + 1))  # type: ignore[operator,no-any-return]


class _Walker:
    """Turns composed nodes into data, recording spans and structural problems."""

    def __init__(self, path: str, max_nodes: int, anchors: bool = True):
        self.path = path
        self.budget = max_nodes
        self.anchors = anchors  # without `&` in the text no node can be reached twice
        self.seen: set[int] = set()
        self.values: dict[NodePath, Span] = {}
        self.keys: dict[NodePath, Span] = {}
        self.problems: list[Diagnostic] = []

    def problem(self, node: yaml.Node, code: str, message: str) -> None:
        self.problems.append(
            Diagnostic(self.path, node.start_mark.line + 1, node.start_mark.column + 1, Severity.ERROR, code, message)
        )

    def walk(self, node: yaml.Node, path: NodePath) -> object:
        self.budget -= 1
        if self.budget < 0:
            if self.budget == -1:
                self.problem(node, "too-large", "more YAML nodes than any flow needs; refusing to read further")
            return None
        if self.anchors:
            if id(node) in self.seen:
                self.problem(
                    node,
                    "yaml-alias",
                    "this value is anchored (&name) and used again through an alias (*name); anchors and aliases are not allowed in flows, write the value out",
                )
                return None
            self.seen.add(id(node))
        self.values[path] = _span(node)
        if isinstance(node, yaml.ScalarNode):
            if node.tag != _STR:
                self.check_tag(node, _STR)
                return node.value
            # plain (style None from the Python parser, "" from libyaml): YAML 1.2 rules
            return node.value if node.style else resolve_plain(node.value)
        if isinstance(node, yaml.SequenceNode):
            self.check_tag(node, _SEQ)
            return [self.walk(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)  # the composer makes only scalar, sequence and mapping nodes
        self.check_tag(node, _MAP)
        return self.mapping(node, path)

    def check_tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != expected:
            self.problem(node, "yaml-tag", f"explicit YAML tags like {node.tag!r} are not allowed in flows")

    def mapping(self, node: yaml.MappingNode, path: NodePath) -> dict[str, object]:
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, "yaml-key", "a key must be plain text, not a list or mapping")
                continue
            if key_node.tag == "tag:yaml.org,2002:merge" or (key_node.value == "<<" and not key_node.style):
                self.problem(key_node, "yaml-alias", "merge keys (<<) are not allowed in flows; write the keys out")
                continue
            key = key_node.value
            child = (*path, key)
            if key in result:
                first = self.keys[child]
                self.problem(
                    key_node,
                    "duplicate-key",
                    f"duplicate key {key!r} (first defined at line {first.line}); the second would silently replace the first",
                )
                continue
            self.keys[child] = _span(key_node)
            result[key] = self.walk(value_node, child)
        return result
