"""What every importer shares: the shape of what it yields, and small helpers.

An importer reads one source file and yields, in order:

- conversations: dicts in the transcript format of contract §2
  (`{"id", "source", "turns": [{"role", "text", ...}], ...}`), built with
  `conversation()` and `turn()`. `source` is where the conversation starts
  in the source file ("path:line"), so that a finding on it can be traced
  back there; a check the source makes on what the bot did becomes an
  `expect` of the customer turn it follows (`add_expect()`);
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
from typing import IO, Any

from alur.flows.files import unreadable_reason
from alur.flows.limits import IMPORT_BYTES
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


class Turns(list[dict[str, Any]]):
    """The turns of a conversation being imported. `lose_customer_turn()`
    marks a customer step that could not be read, so that the checks after
    it are reported instead of pinned on an earlier customer turn; the next
    customer turn clears the mark."""

    customer_lost = False

    def append(self, item: dict[str, Any]) -> None:
        if item["role"] == "user":
            self.customer_lost = False
        super().append(item)

    def lose_customer_turn(self) -> None:
        self.customer_lost = True


def conversation(
    conversation_id: str, turns: list[dict[str, Any]], source: str | None = None, **extra: Any
) -> Conversation:
    """One transcript conversation; `extra` keys with a None value are left out.
    `source` ("path:line") is where it starts in the file it was imported from."""
    out: Conversation = {"id": conversation_id}
    if source is not None:
        out["source"] = source
    out.update((key, value) for key, value in extra.items() if value is not None)
    out["turns"] = list(turns)
    return out


def add_expect(turns: list[dict[str, Any]], key: str, value: Any) -> dict[str, Any]:
    """Add a check to the `expect` of the last customer turn in `turns` (what
    must hold once the bot has answered it: docs/conversations.md, `expect`),
    and return that turn.

    `slots` merge; `say_contains` texts add up (each must appear). ValueError
    says why the check cannot be kept: there is no customer turn before it
    (replay checks only after a customer turn), or the turn already expects
    another value for the same key."""
    if isinstance(turns, Turns) and turns.customer_lost:
        raise ValueError("the customer step this check follows was skipped: its check is not pinned on an earlier turn")
    user = next((item for item in reversed(turns) if item["role"] == "user"), None)
    if user is None:
        raise ValueError("a check before the first customer turn: alur checks what the bot did after a customer turn")
    expect = user.setdefault("expect", {})
    if key == "slots":
        slots = expect.setdefault("slots", {})
        for name, wanted in value.items():
            if name in slots and slots[name] != wanted:
                raise ValueError(f"slot {name} is already expected to hold another value after this customer turn")
            slots[name] = wanted
    elif key == "say_contains":
        texts = expect.get("say_contains", [])
        texts = [texts] if isinstance(texts, str) else texts
        if value not in texts:
            texts.append(value)
        expect["say_contains"] = texts[0] if len(texts) == 1 else texts
    elif key in expect and expect[key] != value:
        raise ValueError(f"this customer turn already expects {key} {expect[key]!r}")
    else:
        expect[key] = value
    return user


def membership_notice(added: list[str], removed: list[str]) -> str:
    """A change of who is in the conversation as the text of a `system` turn:
    "Budi, Sari joined; Rina left"."""
    changes = [f"{', '.join(names)} {verb}" for names, verb in ((added, "joined"), (removed, "left")) if names]
    return "; ".join(changes) or "conversation update"


_REGEX_SYNTAX = re.compile(r"[.*+?()\[\]{}|\\^$]")
_ESCAPED = re.compile(r"\\([^\w\s])")


def regex_as_text(pattern: str) -> str | None:
    """A regular expression that only matches one plain text (anchors and
    escaped punctuation allowed, `^Rp 50\\.000$`), as that text, for
    say_contains; None for a real pattern, which say_contains cannot hold."""
    body = pattern.removeprefix("^").removesuffix("$")
    if _REGEX_SYNTAX.search(_ESCAPED.sub("", body)):
        return None
    return _ESCAPED.sub(r"\1", body).strip() or None


def numbered_id(stem: str, index: int) -> str:
    """A stable id for the index-th (1-based) conversation of a source."""
    return f"{stem}-{index:04d}"


def where(path: Path | str, line: int) -> str:
    return f"{path}:{line}"


def read_text(path: Path) -> str:
    """The file as text: UTF-8, with or without a byte-order mark (Excel and
    some Android exports add one). Other encodings get a clear message, and
    so does a file larger than the `IMPORT_BYTES` limit (read whole, it
    would take several times its size in memory)."""
    try:
        with path.open("rb") as handle:
            data = read_bounded(handle, str(path))
    except OSError as error:
        raise InputError(f"{path}: {unreadable_reason(error)}") from None
    return decode(data, str(path))


def read_bounded(stream: IO[bytes], name: str) -> bytes:
    """All of `stream` (a file, or an archive member as it decompresses),
    or InputError once it passes the `IMPORT_BYTES` limit: no more than the
    limit is ever held, whatever a header claims."""
    limit = int(IMPORT_BYTES.value())
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            f"{name}: larger than the limit of {IMPORT_BYTES.says(limit)} for one file to import (once decompressed); refused"
        )
    return data


def decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            f"{name}:{line}: not UTF-8 text (byte 0x{data[error.start]:02x}); save or export the file as UTF-8"
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
