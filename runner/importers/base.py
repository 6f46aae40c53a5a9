"""What every importer shares: the shape of what it yields, and small helpers.

An importer reads one source file and yields, in order:

- conversations: dicts in the transcript format of contract §2
  (`{"id", "turns": [{"role", "text", ...}], ...}`), built with
  `conversation()` and `turn()`;
- `SkippedInput("path:line", why)` for every line or record it cannot read,
  so that nothing is ever dropped silently;
- `Note("path", message)` for things the user should know that are not
  unreadable input (a `--agent` name that sent nothing, a date order that
  overrode the flag).

A source that is not of the format at all raises `WrongFormat`; other
unusable input raises `InputError`. Both name the file.

A message that quotes a value from the source (a role cell, a time, a
sender's name, a story name) quotes it with `quoted()` or `display_name()`:
personal data masked and control characters escaped (alur.runner.safe_text.shown), since these messages
end up in terminals, CI logs and tickets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alur.flows.files import unreadable_reason
from alur.runner.errors import InputError
from alur.runner.findings import SkippedInput
from alur.runner.safe_text import shown

ROLES = ("user", "bot", "agent", "system")

Conversation = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Note:
    """Something the user should know about a source that is not a skipped line."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


ImportItem = Conversation | SkippedInput | Note


class WrongFormat(InputError):
    """The file is not of the importer's format at all (e.g. a Rasa `nlu.yml`
    given to the story importer). Found while walking a folder, such a file is
    passed over with a note; named on the command line, it is an error."""


def turn(role: str, text: str, **extra: Any) -> dict[str, Any]:
    """One transcript turn; `extra` keys with a None value are left out."""
    if role not in ROLES:
        raise ValueError(f"role {role!r} is not one of {', '.join(ROLES)}")
    out: dict[str, Any] = {"role": role, "text": text}
    out.update((key, value) for key, value in extra.items() if value is not None)
    return out


def conversation(conversation_id: str, turns: list[dict[str, Any]], **extra: Any) -> Conversation:
    """One transcript conversation; `extra` keys with a None value are left out."""
    out: Conversation = {"id": conversation_id}
    out.update((key, value) for key, value in extra.items() if value is not None)
    out["turns"] = turns
    return out


def numbered_id(stem: str, index: int) -> str:
    """A stable id for the index-th (1-based) conversation of a source."""
    return f"{stem}-{index:04d}"


def where(path: Path | str, line: int) -> str:
    return f"{path}:{line}"


def read_text(path: Path) -> str:
    """The file as text: UTF-8, with or without a byte-order mark (Excel and
    some Android exports add one). Other encodings get a clear message."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: {unreadable_reason(error)}") from None
    return decode(data, str(path))


def decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            f"{name}:{line}: not UTF-8 text (byte 0x{data[error.start]:02x}); "
            "save or export the file as UTF-8"
        ) from None


def split_names(values: list[str] | None) -> list[str]:
    """`--agent "Rina,Dewi" --agent Sari` → ["Rina", "Dewi", "Sari"]."""
    names: list[str] = []
    for value in values or []:
        names.extend(part.strip() for part in value.split(",") if part.strip())
    return names


# Invisible direction marks and isolates that exports put around names,
# mentions and placeholders (U+200E on iOS, U+2068/U+2069 around @mentions),
# and the byte-order mark.
_INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# No-break spaces (U+202F before AM/PM in newer iOS exports) read as spaces.
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " "})


def clean(text: str) -> str:
    """Remove invisible marks and turn no-break spaces into spaces."""
    return _INVISIBLE.sub("", text).translate(_SPACES)


def name_key(name: str) -> str:
    """How participant names are compared: NFC, invisible marks removed,
    case and runs of spaces ignored, and the `~` WhatsApp puts before names
    that are not in the phone's contacts."""
    text = unicodedata.normalize("NFC", clean(name)).strip().lstrip("~").strip()
    return " ".join(text.split()).casefold()


def quoted(value: str, limit: int = 40) -> str:
    """A value from the source, safe to quote in a message: personal data
    masked, then cut to `limit` characters (masking first, so that a cut
    never leaves a phone number or NIK too short to be recognised), in quotes."""
    return repr(shorten(shown(value), limit))


def shorten(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def display_name(name: str) -> str:
    """A participant name safe to print: a name that is a phone number (an
    unsaved contact) shows only its last four digits, so that two customers
    can still be told apart; other personal data in it (an email) is masked."""
    digits = sum(ch.isdigit() for ch in name)
    if digits < 7:
        return shown(name)
    seen = 0
    out = []
    for ch in name:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen > digits - 4 else "•")
        else:
            out.append(ch)
    return shown("".join(out))


def parse_duration(text: str) -> float:
    """`30m`, `2h`, `1h30m`, `90s`, `1d` → seconds; raises ValueError otherwise."""
    match = re.fullmatch(r"\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*", text)
    if not match or not any(match.groups()):
        raise ValueError(f"{text!r} is not a duration like 30m, 2h, 1h30m or 90s")
    days, hours, minutes, seconds = (int(group or 0) for group in match.groups())
    total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds
    if total <= 0:
        raise ValueError(f"{text!r} is not a positive duration")
    return float(total)
