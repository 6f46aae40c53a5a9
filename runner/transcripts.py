"""Reading recorded conversations (contract §2), one at a time.

Transcripts can be far larger than memory, so JSONL is streamed line by line
(gzip too) and every line stands alone: a line that cannot be used becomes a
`SkippedInput` saying `path:line: why`, and reading goes on with the next
line. Nothing is dropped silently; callers count and show what was skipped.

Reading is split in two so that the same code serves one process and many:
`read_shards` cuts files into `Shard`s (a byte range of a plain file, or a
block of decompressed lines), and `parse_shard` turns one shard into
conversations wherever it runs. `read_transcripts` simply chains the two.

Hand-written test conversations (`*.test.yaml`) are small and read whole,
through the flow loader's safe YAML 1.2 reader, with `expect` per user turn.
"""

from __future__ import annotations

import gzip
import os
import stat
import sys
import zlib
from codecs import BOM_UTF8
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Required, TypedDict

from alur.flows.files import unreadable_reason
from alur.flows.limits import LINE_BYTES, TURNS
from alur.flows.outcomes import EXAMPLE, Outcomes, OutcomesError, parse_outcomes
from alur.runner.findings import SkippedInput

try:  # orjson parses JSONL 2-3x faster; the standard library is the fallback
    from orjson import JSONDecodeError as _JSONDecodeError
    from orjson import loads as _loads
except ImportError:  # pragma: no cover - exercised only without orjson
    from json import JSONDecodeError as _JSONDecodeError
    from json import loads as _loads

ROLES = ("user", "bot", "agent", "system")
EXPECT_KEYS = {
    "state": str,
    "escalated": bool,
    "ended": bool,
    "say_contains": str,
    "intent": str,
    "slots": dict,
}
SHARD_BYTES = 1 << 20  # ~1 MB of JSONL per unit of work: big enough to amortise, small enough to stay flat
STDIN = "-"
STDIN_LABEL = "<stdin>"  # how sources and messages name standard input ("<stdin>:12")

_ROLE_SET = frozenset(ROLES)
# What other tools call the roles, for the message that rejects them (a
# transcript is never rewritten on a guess: "human" is a customer in one
# export and an agent in another, so it gets no hint).
_ROLE_HINTS = {
    **dict.fromkeys(
        ("customer", "client", "pelanggan", "nasabah", "visitor", "guest", "contact", "end_user", "enduser"), "user"
    ),
    **dict.fromkeys(("assistant", "chatbot", "virtual_assistant", "ai", "automation", "botpress", "dialogflow"), "bot"),
    **dict.fromkeys(
        ("operator", "cs", "staff", "admin", "live_agent", "human_agent", "employee", "petugas", "agen"), "agent"
    ),
}
_YAML_SUFFIXES = (".yaml", ".yml")
_PIECE_BYTES = 1 << 16  # decompressed or piped data is read this much at a time, then gathered into shards


class Turn(TypedDict, total=False):
    """One message: the JSON object of contract §2 itself, checked.

    `role` and `text` are always there; `intent` and `state` are optional
    production annotations; any other keys of the record are kept. Test
    conversations add `expect` (checked after the bot answers this turn) and
    `line` (where the turn is in the YAML file).

    A turn is the decoded dict rather than an object built from it because
    building a million objects would cost more than parsing the JSON: audit
    and replay read every turn of corpora far larger than their flows.
    """

    role: Required[str]
    text: Required[str]
    intent: str | None
    state: str | None
    expect: dict[str, object]
    line: int


@dataclass(slots=True)
class Conversation:
    """A recorded or hand-written conversation. `source` is `path:line`."""

    id: str
    turns: list[Turn]
    source: str
    flow: str | None = None
    channel: str | None = None
    actions: dict[str, Outcomes] = field(default_factory=dict)


class TranscriptError(ValueError):
    """Why one record cannot be used; becomes a SkippedInput at its line."""


@dataclass(frozen=True, slots=True)
class Shard:
    """One unit of work: JSONL lines from one file, starting at `first_line`.

    Either `data` holds the lines (decompressed gzip, stdin), or the lines are
    bytes `start`..`end` of the plain file at `path`, read by whoever parses
    the shard, so that only the shard's description crosses process or
    machine boundaries. `consumed` is how far into the file as stored (gzip:
    compressed) this shard reaches, for progress. `error` marks a file that
    could not be opened or read on.
    """

    path: str
    first_line: int
    start: int = 0
    end: int = 0
    data: bytes | None = None
    error: str | None = None
    consumed: int = 0

    def lines(self) -> list[bytes]:
        """The shard's raw lines (without their newlines)."""
        data = self.data
        if data is None:
            with open(self.path, "rb") as handle:
                handle.seek(self.start)
                data = handle.read(self.end - self.start)
        lines = data.split(b"\n")
        if lines and not lines[-1]:
            lines.pop()
        return lines


# --------------------------------------------------------------------------- records


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _optional_text(record: Mapping[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise TranscriptError(f"{where}'{key}' must be text, got {_kind(value)}")


def _actions(value: object) -> dict[str, Outcomes]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(name, str) for name in value):
        raise TranscriptError(f"'actions' must map each action name to its outcomes, {EXAMPLE}")
    try:
        return {name: parse_outcomes(name, outcomes) for name, outcomes in value.items()}
    except OutcomesError as error:
        raise TranscriptError(f"'actions': {error}") from None


def conversation_from_record(record: object, source: str, check_turns: bool = True) -> Conversation:
    """A Conversation from one decoded JSONL record, or TranscriptError saying
    what is wrong with it. A record without `id` is named by its `source`.
    A record's own `source` (the "path:line" it was imported from) is
    preferred to its place in the JSONL file.

    `check_turns=False` leaves the turns unchecked, for a caller that reads
    every turn anyway and checks each on the way (the audit does, in its one
    pass over a conversation); it reports a bad one with `turns_problem`."""
    if not isinstance(record, dict):
        raise TranscriptError(f"expected a JSON object (one conversation), got {_kind(record)}")
    raw_turns = record.get("turns")
    if not isinstance(raw_turns, list):
        if raw_turns is None:
            raise TranscriptError("no 'turns' list")
        raise TranscriptError(f"'turns' must be a list, got {_kind(raw_turns)}")
    ident = record.get("id")
    if ident is None:
        ident = source
    elif isinstance(ident, (int, str)) and not isinstance(ident, bool):
        ident = str(ident)
    else:
        raise TranscriptError(f"'id' must be text, got {_kind(ident)}")
    if check_turns and not _well_formed(raw_turns):
        raise _explain(raw_turns)
    flow = record.get("flow")
    channel = record.get("channel")
    actions = record.get("actions")
    recorded = record.get("source")  # where `alur import` found it: reports name the original file
    return Conversation(
        ident,
        raw_turns,
        recorded if type(recorded) is str and recorded else source,
        flow if flow is None or type(flow) is str else _optional_text(record, "flow", ""),
        channel if channel is None or type(channel) is str else _optional_text(record, "channel", ""),
        {} if actions is None else _actions(actions),
    )


def _well_formed(raw_turns: list[Any]) -> bool:
    """Whether every turn is an object with a known role, text, and intent and
    state that are text or absent. A plain loop: faster here than any
    combination of map() and set operations, and reading is the floor under
    every audit."""
    roles = _ROLE_SET
    try:
        for turn in raw_turns:
            get = turn.get
            if get("role") not in roles or type(get("text")) is not str:
                return False
            if len(turn) == 2:  # role and text only, as most customer turns
                continue
            intent = get("intent")
            state = get("state")
            if not ((intent is None or type(intent) is str) and (state is None or type(state) is str)):
                return False
    except (AttributeError, TypeError):  # a turn that is not an object; an unhashable role
        return False
    return True


def turns_problem(raw_turns: list[Any]) -> TranscriptError | None:
    """What is wrong with the first bad turn of a record's `turns` (a turn
    that is not an object, a role that is not one of `ROLES`, text that is not
    text, an `intent` or `state` that is neither text nor null), or None."""
    return None if _well_formed(raw_turns) else _explain(raw_turns)


def _explain(raw_turns: list[Any]) -> TranscriptError:
    """What is wrong with the first bad turn."""
    for index, turn in enumerate(raw_turns):
        if not isinstance(turn, dict):
            return TranscriptError(f"turn {index}: expected an object with 'role' and 'text', got {_kind(turn)}")
        role = turn.get("role")
        text = turn.get("text")
        if role is None:
            return TranscriptError(f"turn {index}: no 'role' (expected one of {', '.join(ROLES)})")
        if not isinstance(role, str) or role not in _ROLE_SET:
            shown = repr(role) if isinstance(role, str) else _kind(role)
            hint = _ROLE_HINTS.get(role.casefold()) if isinstance(role, str) else None
            also = f"; {shown} is probably {hint!r}" if hint else ""
            return TranscriptError(f"turn {index}: unknown role {shown} (expected one of {', '.join(ROLES)}{also})")
        if text is None:
            return TranscriptError(f"turn {index}: no 'text'")
        if not isinstance(text, str):
            return TranscriptError(f"turn {index}: 'text' must be text, got {_kind(text)}")
        for key in ("intent", "state"):
            value = turn.get(key)
            if value is not None and not isinstance(value, str):
                return TranscriptError(f"turn {index}: '{key}' must be text, got {_kind(value)}")
    return TranscriptError("a turn is malformed")  # not reached: only called when _well_formed is False


def parse_line(line: bytes, source: str, check_turns: bool = True) -> Conversation:
    """One JSONL line as a Conversation, or TranscriptError (`check_turns`:
    see `conversation_from_record`)."""
    return conversation_from_record(decode_line(line), source, check_turns)


def decode_line(line: bytes) -> object:
    """The JSON value of one JSONL line, or TranscriptError saying where it
    is broken (column, or the byte that is not UTF-8), never quoting it."""
    try:
        return _loads(line)
    except _JSONDecodeError as error:
        raise TranscriptError(_json_problem(line, error)) from None
    except UnicodeDecodeError as error:  # stdlib json on bytes that are not UTF-8
        raise TranscriptError(_json_problem(line, error)) from None


def _json_problem(line: bytes, error: ValueError) -> str:
    column = getattr(error, "colno", None)
    message = getattr(error, "msg", None) or str(error)
    try:
        line.decode("utf-8")
    except UnicodeDecodeError as bad:
        return f"not UTF-8 text (byte 0x{line[bad.start]:02x} at column {bad.start + 1})"
    if column:
        return f"not valid JSON at column {column}: {message}"
    return f"not valid JSON: {message}"


def parse_shard(shard: Shard, check_turns: bool = True) -> Iterator[Conversation | SkippedInput]:
    """Every conversation of one shard, in order, with a SkippedInput for each
    line that cannot be used. Blank lines are not records and are passed over.
    `check_turns`: see `conversation_from_record`."""
    if shard.error is not None:
        yield SkippedInput(f"{shard.path}:{shard.first_line}" if shard.first_line else shard.path, shard.error)
        return
    try:
        lines = shard.lines()
    except OSError as error:
        yield SkippedInput(shard.path, unreadable_reason(error))
        return
    path = shard.path
    number = shard.first_line
    line_limit = int(LINE_BYTES.value())
    turn_limit = int(TURNS.value())
    for line in lines:
        if number == 1 and line.startswith(BOM_UTF8):
            line = line[len(BOM_UTF8) :]
        if line.strip():
            source = f"{path}:{number}"
            try:
                if len(line) > line_limit:  # a reader with smaller pieces than the limit passes it whole
                    raise TranscriptError(too_long(len(line), line_limit))
                conversation = parse_line(line, source, check_turns)
                if len(conversation.turns) > turn_limit:
                    raise TranscriptError(
                        f"the conversation has {len(conversation.turns):,} turns, more than the limit of {TURNS.says(turn_limit)}, so it is skipped"
                    )
                yield conversation
            except TranscriptError as error:
                yield SkippedInput(source, str(error))
        number += 1


# --------------------------------------------------------------------------- files


def is_test_yaml(path: str) -> bool:
    """Hand-written test conversations (`*.test.yaml`, or any YAML file)."""
    return path.lower().endswith(_YAML_SUFFIXES)


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files named, and the transcript files inside named folders (sorted, recursive)."""
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            found = sorted(
                str(p)
                for p in Path(path).rglob("*")
                if p.is_file() and (p.name.endswith((".jsonl", ".jsonl.gz", ".ndjson")) or is_test_yaml(p.name))
            )
            yield from found
        else:
            yield path


def read_shards(path: str, shard_bytes: int = SHARD_BYTES) -> Iterator[Shard]:
    """Cut one JSONL file into shards of about `shard_bytes`, line-aligned.

    Plain files become byte ranges (this process only counts newlines); gzip
    and stdin are decompressed here and their lines travel with the shard.
    A file that cannot be opened or decompressed yields a shard with `error`,
    and so does a line longer than the `LINE_BYTES` limit once decompressed:
    it is passed over, never held whole, and reading goes on after it.
    """
    try:
        if path == STDIN:
            yield from _stream_shards(STDIN_LABEL, sys.stdin.buffer, shard_bytes)
            return
        with open(path, "rb") as raw:
            if not raw.seekable():  # a pipe: `alur audit <(zcat day1.jsonl.gz)`
                yield from _stream_shards(path, raw, shard_bytes)
                return
            magic = raw.read(2)
            raw.seek(0)
            if magic == b"\x1f\x8b":
                yield from _data_shards(path, gzip.GzipFile(fileobj=raw), shard_bytes, raw)
            else:
                yield from _cut(path, raw.read, shard_bytes, raw.tell, keep=False)
    except OSError as error:
        yield Shard(path, 0, error=unreadable_reason(error))


def input_size(path: str) -> int | None:
    """How many bytes `path` holds, for progress: None for standard input and
    pipes, which tell only as they are read; 0 for a file that cannot be
    opened (reading it reports why)."""
    if path == STDIN:
        return None
    try:
        status = os.stat(path)
    except OSError:
        return 0
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def _stream_shards(path: str, stream: IO[bytes], shard_bytes: int) -> Iterator[Shard]:
    """Shards of a stream that can be read only once (stdin, a pipe), gzip or
    plain; their lines travel with them."""
    if hasattr(stream, "peek") and stream.peek(2)[:2] == b"\x1f\x8b":
        stream = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
    yield from _data_shards(path, stream, shard_bytes)


def _data_shards(path: str, stream: IO[bytes], shard_bytes: int, raw: IO[bytes] | None = None) -> Iterator[Shard]:
    """Shards of decompressed (or piped) lines, carrying their lines."""
    read = getattr(
        stream, "read1", stream.read
    )  # read1: one step of decompression, whose failure loses nothing before it
    yield from _cut(path, read, shard_bytes, raw.tell if raw is not None else int, keep=True)


def _cut(
    path: str, read: Callable[[int], bytes], shard_bytes: int, consumed: Callable[[], int], keep: bool
) -> Iterator[Shard]:
    """Shards of about `shard_bytes` of whole lines read from `read`: byte
    ranges of a plain file, or (`keep`) blocks of the lines themselves.

    Read in pieces, so memory holds a shard and one unfinished line at most:
    a line that grows past `LINE_BYTES` with no newline (a 4 GB "line" in a
    small gzip file) becomes an error shard of its own, and its bytes are
    counted on the way to its end, not kept. When a read fails (gzip cut short
    or damaged, a pipe that breaks), every complete line read so far is
    yielded, then one error shard saying where reading stopped and what
    became of the incomplete line there."""
    limit = int(LINE_BYTES.value())
    piece_bytes = min(shard_bytes, _PIECE_BYTES) or 1
    line = 1  # the number of the first line not yet in a shard
    start = offset = 0  # where that line starts; how far reading got
    last_end = 0  # just after the last newline read
    newlines = 0  # newlines between `start` and `last_end`
    pieces: list[bytes] = []  # bytes from `start` to `offset`, when kept
    passing: int | None = None  # bytes of an over-long line passed over so far

    def block(end: int) -> Shard:
        data = b"".join(pieces)[: end - start] if keep else None
        return Shard(path, line, start, end, data=data, consumed=consumed() if keep else end)

    try:
        while True:
            piece = read(piece_bytes)
            if not piece:
                break
            if passing is not None:  # inside a line too long to keep: find its end
                newline = piece.find(b"\n")
                if newline < 0:
                    passing += len(piece)
                    offset += len(piece)
                    continue
                yield _too_long(path, line, passing + newline, limit)
                line += 1
                offset += newline + 1
                start = last_end = offset
                passing = None
                piece = piece[newline + 1 :]
                if not piece:
                    continue
            if keep:
                pieces.append(piece)
            count = piece.count(b"\n")
            if count:
                newlines += count
                last_end = offset + piece.rfind(b"\n") + 1
            offset += len(piece)
            if offset - last_end > limit:  # the unfinished line is too long to keep
                if last_end > start:
                    yield block(last_end)
                    line += newlines
                passing, pieces, newlines = offset - last_end, [], 0
                start = last_end = offset
            elif offset - start >= shard_bytes and last_end > start:
                yield block(last_end)
                line += newlines
                if keep:
                    pieces = [b"".join(pieces)[last_end - start :]] if offset > last_end else []
                start, newlines = last_end, 0
    except (OSError, EOFError, zlib.error) as error:
        if not keep:
            raise
        if last_end > start:
            yield block(last_end)
            line += newlines
        if passing is not None:  # the over-long line is skipped as such; reading stopped after it
            yield _too_long(path, line, passing, limit)
            line += 1
        yield _stopped(path, line, b"".join(pieces)[last_end - start :], error)
        return
    if passing is not None:
        yield _too_long(path, line, passing, limit)
    elif offset > start:
        yield block(offset)


def _too_long(path: str, line: int, length: int, limit: int) -> Shard:
    return Shard(path, line, error=too_long(length, limit))


def too_long(length: int, limit: int) -> str:
    """Why a line longer than the `LINE_BYTES` limit is skipped."""
    return f"the line is {length:,} bytes, longer than the limit of {LINE_BYTES.says(limit)}, so it is skipped unread"


def _stopped(path: str, line: int, partial: bytes, error: BaseException) -> Shard:
    """The error shard for reading that stopped at `line` with `partial`
    bytes of that line in hand: an incomplete line is named and counted as
    skipped (its own `path:line`), never dropped silently."""
    if isinstance(error, OSError) and not isinstance(error, gzip.BadGzipFile):
        problem = f"reading stopped: {unreadable_reason(error)}"
    else:
        problem = f"the gzip data is damaged or cut short ({error})"
    if partial.strip():
        read = {1: "", 2: "; the line before it was read"}.get(line, f"; the {line - 1:,} lines before it were read")
        return Shard(
            path,
            line,
            error=f"{problem} in this line: only its first {len(partial):,} bytes could be read, so it is skipped{read}",
        )
    if line == 1:
        return Shard(path, 0, error=f"{problem}; nothing could be read from it")
    return Shard(path, 0, error=f"{problem} after line {line - 1:,}; the lines up to there were read")


def read_transcripts(paths: Iterable[str]) -> Iterator[Conversation | SkippedInput]:
    """Every conversation in `paths` (JSONL, gzip JSONL, test YAML, folders of
    them, `-` for stdin), in order, with a SkippedInput for each unusable
    file or line. Memory stays flat for JSONL however large the files."""
    for path in expand_paths(paths):
        if is_test_yaml(path):
            yield from read_test_yaml(path)
        else:
            for shard in read_shards(path):
                yield from parse_shard(shard)


# --------------------------------------------------------------------------- test YAML

_TEXT_EXPECTS = frozenset(key for key, kind in EXPECT_KEYS.items() if kind is str)
_CONVERSATION_KEYS = ("id", "turns", "actions", "channel", "description")
_TURN_SHAPE = 'each turn is {user: "text", expect: {...}}'


def read_test_yaml(path: str) -> Iterator[Conversation | SkippedInput]:
    """The conversations of a `*.test.yaml` file (contract §2), each user turn
    carrying its `expect`. Every problem is reported, each at its
    `path:line:column`; a conversation with any problem is skipped and the
    others are used. A file that is not YAML at all is skipped with the
    loader's line and column."""
    from alur.flows.diagnostics import FlowError
    from alur.flows.loader import load_file

    try:
        document = load_file(path)
    except FlowError as error:
        for diagnostic in error.diagnostics:
            yield SkippedInput(diagnostic.location(), diagnostic.message)
        return
    yield from _TestFileReader(path, document).read()


class _TestFileReader:
    """Checks the test conversations of one loaded YAML document, noting every
    problem rather than stopping at the first, so that one run shows a QA
    engineer all there is to fix."""

    def __init__(self, path: str, document: Any):
        self.path = path
        self.document = document
        self.problems: list[SkippedInput] = []
        self._lines: list[str] | None = None

    def problem(self, node: tuple[str | int, ...], message: str, at_key: bool = False) -> None:
        span = self.document.key_span(node) if at_key else self.document.span(node)
        where = f"{self.path}:{span.line}:{span.column}" if span else self.path
        self.problems.append(SkippedInput(where, message))

    def read(self) -> Iterator[Conversation | SkippedInput]:
        data = self.document.data
        if not isinstance(data, dict) or not isinstance(data.get("conversations"), list):
            self.problem(
                ("conversations",) if isinstance(data, dict) else (),
                "a test file is a mapping with a 'conversations' list",
            )
            yield from self.problems
            return
        flow = data.get("flow")
        if flow is not None:
            flow = self.text(("flow",), flow)
            if flow is None:
                self.problem(("flow",), f"'flow' must be text, got {_kind(data['flow'])}")
        file_usable = not self.problems
        yield from self.problems
        self.problems.clear()
        for index, item in enumerate(data["conversations"]):
            conversation = self.conversation(item, ("conversations", index), flow)
            yield from self.problems
            self.problems.clear()
            if conversation is not None and file_usable:
                yield conversation

    def text(self, node: tuple[str | int, ...], value: object) -> str | None:
        """`value` as text: text itself, or an unquoted number or boolean
        (an OTP, a phone number, `true`) exactly as written in the file, so
        that `081234567890` keeps its leading zero and `1.50` its last zero;
        None for anything else."""
        if isinstance(value, str):
            return value
        if not isinstance(value, (int, float)):
            return None
        span = self.document.values.get(node)
        if span is None or span.line != span.end_line:
            return None
        from alur.flows.loader import resolve_plain, source_lines

        if self._lines is None:
            self._lines = source_lines(self.document.text)

        written = self._lines[span.line - 1][span.column - 1 : span.end_column - 1]
        return written if repr(resolve_plain(written)) == repr(value) else None

    def conversation(self, item: object, node: tuple[str | int, ...], flow: str | None) -> Conversation | None:
        if not isinstance(item, dict):
            self.problem(node, f"a test conversation is a mapping with 'id' and 'turns', got {_kind(item)}")
            return None
        found = len(self.problems)
        for key in sorted(set(item) - set(_CONVERSATION_KEYS)):
            self.problem(
                (*node, key),
                f"unknown key {key!r} in a test conversation (known: {', '.join(_CONVERSATION_KEYS)})",
                at_key=True,
            )
        span = self.document.span(node)
        source = f"{self.path}:{span.line}" if span else self.path
        ident = self.text((*node, "id"), item["id"]) if "id" in item else source
        if ident is None:
            self.problem((*node, "id"), f"'id' must be text, got {_kind(item['id'])}")
        channel = item.get("channel")
        if channel is not None:
            channel = self.text((*node, "channel"), channel)
            if channel is None:
                self.problem((*node, "channel"), f"'channel' must be text, got {_kind(item['channel'])}")
        raw_turns = item.get("turns")
        turns: list[Turn | None] = []
        if not isinstance(raw_turns, list) or not raw_turns:
            self.problem(
                (*node, "turns"), "a test conversation needs a non-empty 'turns' list of {user: ..., expect: {...}}"
            )
        else:
            turns = [self.turn(raw, (*node, "turns", index), index) for index, raw in enumerate(raw_turns)]
        actions: dict[str, Outcomes] = {}
        try:
            actions = _actions(item.get("actions"))
        except TranscriptError as error:
            self.problem((*node, "actions"), str(error))
        if len(self.problems) > found:
            return None
        return Conversation(ident, turns, source, flow, channel, actions)  # type: ignore[arg-type]

    def turn(self, raw: object, node: tuple[str | int, ...], index: int) -> Turn | None:
        if not isinstance(raw, dict):
            self.problem(node, f"turn {index}: {_TURN_SHAPE}, got {_kind(raw)}")
            return None
        found = len(self.problems)
        text = self.text((*node, "user"), raw.get("user"))
        if text is None:
            if "user" not in raw:
                self.problem(node, f"turn {index}: no 'user' text; {_TURN_SHAPE}")
            elif raw["user"] is None:
                self.problem(
                    (*node, "user"), f"turn {index}: 'user' is empty; write what the customer typed", at_key=True
                )
            else:
                self.problem(
                    (*node, "user"),
                    f"turn {index}: 'user' must be what the customer typed, got {_kind(raw['user'])}; {_TURN_SHAPE}",
                )
        for key in sorted(set(raw) - {"user", "expect"}):
            self.problem(
                (*node, key), f"turn {index}: unknown key {key!r} (a turn has 'user' and 'expect')", at_key=True
            )
        expect = raw.get("expect")
        if expect is not None:
            expect = self.expect(expect, (*node, "expect"), index)
        if len(self.problems) > found:
            return None
        turn: Turn = {"role": "user", "text": text}  # type: ignore[typeddict-item]
        if expect is not None:
            turn["expect"] = expect
        span = self.document.span(node)
        if span is not None:
            turn["line"] = span.line
        return turn

    def expect(self, expect: object, node: tuple[str | int, ...], index: int) -> dict[str, object] | None:
        """The checked `expect` mapping; an unquoted number where text is
        wanted (`say_contains: 50000`) is taken as written, as for `user`."""
        if not isinstance(expect, dict):
            self.problem(
                node, f"turn {index}: 'expect' must be a mapping such as {{state: ask_order_id}}, got {_kind(expect)}"
            )
            return None
        checked: dict[str, object] = {}
        for key, value in expect.items():
            wanted = EXPECT_KEYS.get(key)
            if wanted is None:
                self.problem(
                    (*node, key),
                    f"turn {index}: unknown expect key {key!r} (known: {', '.join(EXPECT_KEYS)})",
                    at_key=True,
                )
                continue
            if key == "say_contains" and isinstance(value, list) and value:  # several texts, each must appear
                texts = [self.text((*node, key, i), item) for i, item in enumerate(value)]
                if None not in texts:
                    checked[key] = texts
                    continue
            if key in _TEXT_EXPECTS:
                value = self.text((*node, key), value)
            if not isinstance(value, wanted) or (wanted is not bool and isinstance(value, bool)):
                expected = {str: "text", bool: "true or false", dict: "a mapping"}[wanted]
                self.problem((*node, key), f"turn {index}: expect {key!r} must be {expected}, got {_kind(expect[key])}")
                continue
            checked[key] = value
        return checked
