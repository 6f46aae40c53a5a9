"""Read a CSV file with one row per turn, as help-desk and bot-platform exports are.

The first row names the columns. By default alur reads
  conversation_id  which conversation the row belongs to (without this
                   column the whole file is one conversation, named after it)
  role             who wrote it: user, bot, agent or system
  text             what was written
  time             when (optional): ISO 8601 such as 2022-03-18 14:56:01,
                   or Unix seconds / milliseconds
and copies `intent` and `state` columns, when present, onto the turns.
Other names are chosen with flags (matched without regard to case):
  --id-column, --role-column, --text-column, --time-column NAME
Role values are mapped with --role-map VALUE=ROLE,… (case ignored), e.g.
  --role-map customer=user,chatbot=bot,cs=agent
and `*` maps every value not named otherwise: when the sender column holds
each customer's phone number or id and the bot and agents have fixed names,
  --role-map 'chatbot=bot,cs=agent,*=user'
  --time-format FORMAT   strptime format of the time column, e.g.
                         "%d/%m/%Y %H:%M" for 18/03/2022 14:56
  --delimiter CHAR       , ; | or tab (default: whichever the header row uses)

Rows stay in file order within each conversation; conversations keep their
own ids, in the order they first appear. A row that cannot be read (an
unmapped role, empty text, a time that does not parse, missing fields) is
reported as FILE:LINE and skipped; rows skipped for their role are also
counted in a note, with the values (personal data masked) and how to map
them. The file must be UTF-8 (Excel: "CSV UTF-8").

Examples:
  alur import csv export.csv -o chats.jsonl
  alur import csv tickets.csv --id-column ticket --role-column sender \\
      --text-column message --role-map customer=user,cs=agent,chatbot=bot \\
      --time-column created --time-format "%d/%m/%Y %H:%M" -o chats.jsonl
  alur import csv wa_export.csv --role-column from --role-map 'TokoBot=bot,*=user' -o chats.jsonl
"""

from __future__ import annotations

import argparse
import csv
import io
import shlex
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from alur.runner.errors import InputError
from alur.runner.findings import SkippedInput
from alur.runner.importers.base import (
    ROLES,
    ImportItem,
    Note,
    WrongFormat,
    conversation,
    quoted,
    read_text,
    shorten,
    turn,
    where,
)
from alur.runner.privacy import mask_text
from alur.runner.reports.common import count
from alur.runner.safe_text import shown

NAME = "csv"
SUMMARY = "CSV with one row per turn: conversation id, role, text and time columns"
EXTENSIONS = (".csv", ".tsv")
EXAMPLE = "alur import csv export.csv --role-map customer=user,cs=agent -o chats.jsonl"

DEFAULT_ID, DEFAULT_ROLE, DEFAULT_TEXT, DEFAULT_TIME = "conversation_id", "role", "text", "time"
ANNOTATIONS = ("intent", "state")  # copied onto turns when the file has them
_DELIMITERS = (",", ";", "\t", "|")
OTHERS = "*"  # --role-map key for every value not mapped otherwise
_SHOWN_VALUES = 5  # unknown role values listed in the note


@dataclass(frozen=True)
class Options:
    id_column: str | None = None  # None: conversation_id if the file has it
    role_column: str = DEFAULT_ROLE
    text_column: str = DEFAULT_TEXT
    time_column: str | None = None  # None: time if the file has it
    role_map: Mapping[str, str] = field(default_factory=dict)  # casefolded value (or OTHERS) → role
    time_format: str | None = None
    delimiter: str | None = None  # None: detected from the header row


def configure(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("csv options")
    group.add_argument("--id-column", metavar="NAME", help=f"conversation id column (default {DEFAULT_ID})")
    group.add_argument(
        "--role-column", metavar="NAME", default=DEFAULT_ROLE, help=f"role column (default {DEFAULT_ROLE})"
    )
    group.add_argument(
        "--text-column", metavar="NAME", default=DEFAULT_TEXT, help=f"text column (default {DEFAULT_TEXT})"
    )
    group.add_argument("--time-column", metavar="NAME", help=f"time column (default {DEFAULT_TIME}, if present)")
    group.add_argument(
        "--role-map",
        metavar="VALUE=ROLE,…",
        action="append",
        help="map role values: customer=user,cs=agent; *=user maps every other value",
    )
    group.add_argument("--time-format", metavar="FORMAT", help='strptime format of times, e.g. "%%d/%%m/%%Y %%H:%%M"')
    group.add_argument("--delimiter", metavar="CHAR", help="field separator (default: detected)")


def options(args: argparse.Namespace) -> Options:
    delimiter = args.delimiter
    if delimiter is not None:
        delimiter = {"tab": "\t", "\\t": "\t"}.get(delimiter.lower(), delimiter)
        if len(delimiter) != 1:
            raise InputError(f"--delimiter: {args.delimiter!r} is not one character (or 'tab')")
    return Options(
        id_column=args.id_column,
        role_column=args.role_column,
        text_column=args.text_column,
        time_column=args.time_column,
        role_map=parse_role_map(args.role_map or []),
        time_format=args.time_format,
        delimiter=delimiter,
    )


def parse_role_map(values: list[str]) -> dict[str, str]:
    """["customer=user,cs=agent", "*=user"] → {"customer": "user", "cs": "agent", "*": "user"}."""
    mapping: dict[str, str] = {}
    for value in values:
        for pair in filter(None, (part.strip() for part in value.split(","))):
            source, sep, role = pair.partition("=")
            role = role.strip().lower()
            if not sep or not source.strip() or role not in ROLES:
                raise InputError(f"--role-map: {pair!r} is not VALUE=ROLE with ROLE one of {', '.join(ROLES)}")
            mapping[source.strip().casefold()] = role
    return mapping


def read(path: Path, opts: Options) -> Iterator[ImportItem]:
    text = read_text(path)
    delimiter = opts.delimiter or _detect_delimiter(text, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if not header or not any(cell.strip() for cell in header):
        raise WrongFormat(f"{path}: empty file: the first row must name the columns")
    columns = _Columns(header, opts, path)
    roles = {role: role for role in ROLES} | dict(opts.role_map)
    conversations: dict[str, list[dict[str, Any]]] = {}
    first_rows: dict[str, int] = {}  # conversation id → the line of its first row
    unknown: Counter[str] = Counter()  # masked role value → rows skipped for it
    all_ids = True  # every unknown value looks like a customer's phone number or id
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise InputError(f"{where(path, reader.line_num)}: {error}") from None
        if not any(cell.strip() for cell in row):
            continue
        try:
            conversation_id, item = _row(row, columns, roles, opts.time_format)
        except UnknownRole as error:
            unknown[error.shown] += 1
            all_ids &= error.looks_like_id
            yield SkippedInput(where(path, line), str(error))
            continue
        except ValueError as error:
            yield SkippedInput(where(path, line), str(error))
            continue
        conversations.setdefault(conversation_id, []).append(item)
        first_rows.setdefault(conversation_id, line)
    for conversation_id, turns in conversations.items():
        yield conversation(conversation_id, turns, source=where(path, first_rows[conversation_id]))
    if unknown:
        yield Note(str(path), _unknown_roles_note(unknown, all_ids, columns.names[columns.role]))


class _Columns:
    """Where each wanted column is in the header row."""

    def __init__(self, header: list[str], opts: Options, path: Path) -> None:
        self.names = [cell.strip() for cell in header]
        self.width = len(header)
        self.path = path
        self.role = self._find(opts.role_column, "--role-column", required=True)
        self.text = self._find(opts.text_column, "--text-column", required=True)
        self.id = self._find(opts.id_column or DEFAULT_ID, "--id-column", required=opts.id_column is not None)
        self.time = self._find(opts.time_column or DEFAULT_TIME, "--time-column", required=opts.time_column is not None)
        self.annotations = {
            name: index for name in ANNOTATIONS if (index := self._find(name, "", required=False)) is not None
        }
        self.stem = path.stem

    def _find(self, name: str, flag: str, *, required: bool) -> int | None:
        folded = [cell.casefold() for cell in self.names]
        if name.casefold() in folded:
            return folded.index(name.casefold())
        if required:
            raise WrongFormat(
                f"{where(self.path, 1)}: no column {name!r} (columns: {', '.join(map(shown, self.names))}); "
                f"choose one with {flag}"
            )
        return None


def _row(
    row: list[str], columns: _Columns, roles: dict[str, str], time_format: str | None
) -> tuple[str, dict[str, Any]]:
    def cell(index: int | None) -> str:
        if index is None:
            return ""
        if index >= len(row):
            raise ValueError(f"row has {len(row)} fields; the header has {columns.width}")
        return row[index].strip()

    raw_role, text = cell(columns.role), cell(columns.text)
    if not raw_role:
        raise ValueError("empty role")
    role = roles.get(raw_role.casefold()) or roles.get(OTHERS)
    if role is None:
        raise UnknownRole(raw_role)
    if not text:
        raise ValueError("empty text")
    conversation_id = cell(columns.id) if columns.id is not None else columns.stem
    if not conversation_id:
        raise ValueError("empty conversation id")
    extra = {name: value for name, index in columns.annotations.items() if (value := cell(index))}
    raw_time = cell(columns.time)
    if raw_time:
        extra["time"] = parse_time(raw_time, time_format)
    return conversation_id, turn(role, text, **extra)


def parse_time(value: str, time_format: str | None) -> str:
    """An ISO 8601 string for a time cell; raises ValueError with a hint."""
    try:
        if time_format:
            return datetime.strptime(value, time_format).isoformat()
        if value.isdigit() and len(value) in (9, 10, 12, 13):
            seconds = int(value) / (1000 if len(value) > 10 else 1)
            return datetime.fromtimestamp(seconds, tz=timezone.utc).isoformat()
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        if time_format:
            raise ValueError(f"time {quoted(value)} does not match --time-format {time_format!r}") from None
        raise ValueError(
            f"time {quoted(value)} is not ISO 8601 (like 2022-03-18 14:56:01); give its format with --time-format"
        ) from None


class UnknownRole(ValueError):
    """A role cell that is not a role and is not mapped. The message quotes
    it masked; how to map it is said once, in the note that counts these
    rows (`_unknown_roles_note`), not on every row."""

    def __init__(self, value: str) -> None:
        self.shown = shorten(shown(value))
        self.looks_like_id = _looks_like_id(value)
        super().__init__(f"role {self.shown!r} is not one of {', '.join(ROLES)} (the note below says how to map it)")


def _looks_like_id(value: str) -> bool:
    """A phone number, email, NIK… (anything masking changes), or an id made
    mostly of digits: values that name one customer, not a role."""
    digits = sum(ch.isdigit() for ch in value)
    letters = sum(ch.isalpha() for ch in value)
    return mask_text(value) != value or (digits >= 4 and digits >= letters)


def _mappable(value: str) -> bool:
    """Whether `value=ROLE` survives --role-map's own parsing (split on commas, then on the first `=`)."""
    return "," not in value and "=" not in value and len(value) <= 40


def _unknown_roles_note(unknown: Counter[str], all_ids: bool, column: str) -> str:
    """How many rows were skipped for their role, the values (masked), and the
    flag that maps them. Values that look like customers' phone numbers or
    ids cannot be listed one by one: the hint is the `*` mapping."""
    rows = sum(unknown.values())
    listed = ", ".join(f"{value!r} ({count(n, 'row')})" for value, n in unknown.most_common(_SHOWN_VALUES))
    if len(unknown) > _SHOWN_VALUES:
        listed += f" and {count(len(unknown) - _SHOWN_VALUES, 'more value')}"
    message = (
        f"{count(rows, 'row')} skipped because the {quoted(column)} column held no role "
        f"({', '.join(ROLES)}): {listed}; "
    )
    if all_ids:
        return message + (
            f"they look like customers' phone numbers or ids: --role-map '{OTHERS}=user' reads every value "
            "not mapped as the customer (with the bot's and agents' values mapped too, e.g. "
            "--role-map 'chatbot=bot,cs=agent,*=user')"
        )
    typed = next(
        (value for value, _ in unknown.most_common() if _mappable(value) and not _looks_like_id(value)), "VALUE"
    )
    example = shlex.quote(f"{typed}=ROLE")
    return (
        message
        + f"map them with --role-map {example} (several: 'a=bot,b=agent'; case ignored), and '{OTHERS}=ROLE' for every value not mapped"
    )


def _detect_delimiter(text: str, path: Path) -> str:
    """The separator the header row uses most; header names rarely contain one."""
    first = text.split("\n", 1)[0]
    counts = {delimiter: first.count(delimiter) for delimiter in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    if counts[best]:
        return best
    return "\t" if path.suffix.lower() == ".tsv" else ","
