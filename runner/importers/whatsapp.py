"""Read a WhatsApp "Export chat" file (Android or iOS, Indonesian or English).

Export a chat on the phone (⋮ › More › Export chat, or the contact's page ›
Export Chat on iOS), "without media" is enough, and give the .txt — or the
.zip iOS makes — to `alur import whatsapp`. Both layouts are read:

  [18/03/22 14.56.01] Toko Budi: Halo kak, ada yang bisa dibantu?   (iOS)
  26/11/20 23.10 - Toko Budi: Halo kak, ada yang bisa dibantu?      (Android)

with day-first or month-first dates, dots or colons in times, 12- and 24-hour
clocks (AM/PM, a.m./p.m., pagi/siang/sore/malam, with the narrow no-break
space newer iOS versions put before AM/PM) and the invisible marks iOS
inserts. A line without a date is the next line of the message before it.

Who is who is told by name (as the chat shows it, case ignored):
  --bot NAME     messages from the chatbot (often the business account's name)
  --agent NAMES  human agents, comma-separated: --agent "Rina,Dewi"
everyone else is the customer (`user`). At least one of --bot/--agent is
needed; an import where neither matches any sender stops with the list of
senders in the chat.

WhatsApp's own notices (end-to-end encryption, security code changed, missed
calls, …) become `system` turns, never part of someone's text. Media
placeholders ("<Media tidak disertakan>", "image omitted", "<attached: …>")
leave the turn's text (empty, or the caption) and set `"media": KIND`;
deleted messages have empty text and `"deleted": true`. Each turn keeps its
`time` (ISO 8601, the phone's local time).

  --split-gap 30m     one long chat becomes several conversations, cut where
                      nobody wrote for longer than this (s, m, h, d: 45m, 2h, 1d)
  --date-order ORDER  dmy or mdy, for a chat whose dates never show a day
                      above 12 (otherwise detected); dmy when not given,
                      as Indonesian and most non-US phones write dates

Conversation ids are the file name and a number: "chat-0001", "chat-0002".

Examples:
  alur import whatsapp chat.txt --bot "Toko Budi" -o chat.jsonl
  alur import whatsapp "WhatsApp Chat - Toko Budi.zip" --bot "Toko Budi" \\
      --agent "Rina,Dewi" --split-gap 2h --flow order_status -o chats.jsonl
"""

from __future__ import annotations

import argparse
import difflib
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from alur.flows.files import unreadable_reason
from alur.runner.errors import InputError
from alur.runner.findings import SkippedInput
from alur.runner.importers.base import (
    ImportItem,
    Note,
    WrongFormat,
    clean,
    conversation,
    decode,
    display_name,
    name_key,
    numbered_id,
    parse_duration,
    read_bounded,
    read_text,
    split_names,
    turn,
    where,
)

NAME = "whatsapp"
SUMMARY = "WhatsApp 'Export chat' .txt or .zip (Android, iOS; Indonesian, English)"
EXTENSIONS = (".txt", ".zip")
EXAMPLE = 'alur import whatsapp chat.txt --bot "Toko Budi" --agent "Rina,Dewi" -o chat.jsonl'


@dataclass(frozen=True)
class Options:
    bot: tuple[str, ...] = ()
    agent: tuple[str, ...] = ()
    split_gap: float | None = None  # seconds of silence that start a new conversation
    date_order: str | None = None  # "dmy" or "mdy"; None: detect, else dmy


def configure(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("whatsapp options")
    group.add_argument("--bot", action="append", metavar="NAME", help="sender name(s) of the chatbot, comma-separated")
    group.add_argument("--agent", action="append", metavar="NAMES", help="sender names of human agents, comma-separated")
    group.add_argument("--split-gap", metavar="DURATION", help="start a new conversation after this much silence (30m, 2h, 1d)")
    group.add_argument("--date-order", choices=("dmy", "mdy"), help="date order when the chat never shows a day above 12 (default dmy)")


def options(args: argparse.Namespace) -> Options:
    bot, agent = tuple(split_names(args.bot)), tuple(split_names(args.agent))
    if not bot and not agent:
        raise InputError('whatsapp: say who the bot is (--bot "Toko Budi") and/or the agents (--agent "Rina,Dewi")')
    both = {name_key(n) for n in bot} & {name_key(n) for n in agent}
    if both:
        raise InputError(f"whatsapp: {', '.join(sorted(both))} is given both as --bot and as --agent")
    gap = None
    if args.split_gap is not None:
        try:
            gap = parse_duration(args.split_gap)
        except ValueError as error:
            raise InputError(f"--split-gap: {error}") from None
    return Options(bot=bot, agent=agent, split_gap=gap, date_order=args.date_order)


# ---------------------------------------------------------------- headers

_DATE = r"(?P<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4})\.?"
# between date and time: a comma or spaces, and maybe a short word ("klo", "um", "at")
_BETWEEN = r"(?:,\s*|\s+)(?:[^\W\d_]{1,5}\.?\s+)?"
_TIME = (
    r"(?P<time>\d{1,2}[.:]\d{2}(?:[.:]\d{2})?)"
    r"(?:\s*(?P<period>(?i:[ap]\.?\s?m\.?|pagi|siang|sore|malam)))?"
)
_IOS = re.compile(rf"\[{_DATE}{_BETWEEN}{_TIME}\]\s?(?P<rest>.*)")
_ANDROID = re.compile(rf"{_DATE}{_BETWEEN}{_TIME}\s?[-–]\s(?P<rest>.*)")
_SHOWN_SENDERS = 10  # senders listed when a --bot/--agent name matches nobody
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_DATE_PARTS = re.compile(r"[./-]")
_CLOCK_PARTS = re.compile(r"[.:]")
_SENDER = re.compile(r"(?P<name>[^:]+?):(?:\s(?P<text>.*))?")


@dataclass
class _Message:
    line: int
    time: datetime
    sender: str | None  # None: a WhatsApp notice with no sender (Android)
    lines: list[str] = field(default_factory=list)


def read(path: Path, opts: Options) -> Iterator[ImportItem]:
    label, text = _load(path)
    lines = [line if line.isascii() else clean(line) for line in _LINE_BREAK.split(text)]
    if not any(line.strip() for line in lines):
        raise WrongFormat(f"{label}: empty file")
    pattern = _pick_layout(lines, label)
    headers = {i: m for i, line in enumerate(lines) if (m := pattern.match(line))}
    order, note = _date_order(headers.values(), opts.date_order)
    if note:
        yield Note(label, note)

    messages: list[_Message] = []
    current: _Message | None = None
    broken: tuple[int, str] | None = None  # (first line, why) of an unreadable message
    broken_end = 0
    for index, line in enumerate(lines):
        number = index + 1
        match = headers.get(index)
        if match is not None:
            if broken:
                yield _broken(label, broken, broken_end)
                broken = None
            try:
                stamp = _timestamp(match, order)
            except ValueError as error:
                broken, broken_end, current = (number, str(error)), number, None
                continue
            sender, first = _split_sender(match["rest"])
            current = _Message(number, stamp, sender, [first])
            messages.append(current)
        elif current is not None:
            current.lines.append(line)
        elif broken:
            broken_end = number
        elif line.strip():
            yield SkippedInput(where(label, number), "text before the first message (no date and time at the start of the line)")
    if broken:
        yield _broken(label, broken, broken_end)

    roles = _Roles(opts)
    turns = [(message, _turn(message, roles)) for message in messages]
    yield from roles.check(label)
    stem = _stem(path)
    for index, chunk in enumerate(_split(turns, opts.split_gap), start=1):
        yield conversation(numbered_id(stem, index), chunk, channel="whatsapp")


def _load(path: Path) -> tuple[str, str]:
    """The chat text and how to name it in messages; a .zip export is opened
    and its chat file read (iOS names it `_chat.txt`)."""
    if path.suffix.lower() != ".zip":
        return str(path), read_text(path)
    try:
        with zipfile.ZipFile(path) as archive:
            texts = [name for name in archive.namelist() if name.lower().endswith(".txt")]
            chosen = [n for n in texts if Path(n).name == "_chat.txt"] or texts
            if len(chosen) != 1:
                found = ", ".join(texts) or "none"
                raise WrongFormat(f"{path}: expected one chat .txt inside the zip, found: {found}")
            label = f"{path}/{chosen[0]}"
            with archive.open(chosen[0]) as member:  # only this member is decompressed, and no further than the limit
                return label, decode(read_bounded(member, label), label)
    except OSError as error:
        raise InputError(f"{path}: {unreadable_reason(error)}") from None
    except zipfile.BadZipFile:
        raise WrongFormat(f"{path}: not a zip file") from None
    except (zlib.error, EOFError, RuntimeError, NotImplementedError) as error:  # damaged, encrypted, unknown compression
        raise WrongFormat(f"{path}: the zip file cannot be read ({error})") from None


def _stem(path: Path) -> str:
    """The id prefix: the file name without extension; an unzipped iOS export
    is always `_chat.txt`, so its folder's name is used instead."""
    if path.stem == "_chat" and path.parent.name:
        return path.parent.name
    return path.stem


def _pick_layout(lines: list[str], label: str) -> re.Pattern[str]:
    ios = sum(1 for line in lines if _IOS.match(line))
    android = sum(1 for line in lines if _ANDROID.match(line))
    if not ios and not android:
        raise WrongFormat(
            f"{label}: not a WhatsApp chat export: no line starts with a date and time "
            "like '[18/03/22 14.56.01] Name:' (iOS) or '26/11/20 23.10 - Name:' (Android)"
        )
    return _IOS if ios >= android else _ANDROID


def _date_order(headers: Iterable[re.Match[str]], flag: str | None) -> tuple[str, str | None]:
    """dmy or mdy for this file: a first number above 12 proves day-first, a
    second above 12 month-first; with no proof, the flag, else dmy."""
    day_first = month_first = False
    for match in headers:
        first, second, _ = _DATE_PARTS.split(match["date"])
        if len(first) == 4:
            continue  # year first: always year-month-day
        day_first |= int(first) > 12
        month_first |= int(second) > 12
    if day_first != month_first:
        found = "dmy" if day_first else "mdy"
        if flag and flag != found:
            shown = "day" if found == "dmy" else "month"
            return found, f"dates read as {found} (a {shown} above 12 comes first in the chat); --date-order {flag} ignored"
        return found, None
    return flag or "dmy", None


def _timestamp(match: re.Match[str], order: str) -> datetime:
    date, clock, period = match["date"], match["time"], match["period"]
    a, b, c = _DATE_PARTS.split(date)
    if len(a) == 4:
        year, month, day = a, b, c
    elif order == "dmy":
        day, month, year = a, b, c
    else:
        month, day, year = a, b, c
    if len(year) not in (2, 4):
        raise ValueError(f"date {date} has no 2- or 4-digit year")
    parts = [int(p) for p in _CLOCK_PARTS.split(clock)]
    hour, minute, second = parts[0], parts[1], parts[2] if len(parts) == 3 else 0
    if period:
        if not 0 <= hour <= 12:
            raise ValueError(f"time {clock} {period} is not a 12-hour time")
        hour = _to_24h(hour, period)
    try:
        return datetime(int(year) + (2000 if len(year) == 2 else 0), int(month), int(day), hour, minute, second)
    except ValueError:
        shown = "day/month/year" if order == "dmy" or len(a) == 4 else "month/day/year"
        raise ValueError(f"date and time {date} {clock} do not exist (read as {shown})") from None


def _to_24h(hour: int, period: str) -> int:
    """12-hour clock to 24: AM/PM, and the Indonesian day periods (pagi
    morning, siang midday, sore afternoon, malam night)."""
    word = re.sub(r"[.\s]", "", period).lower()
    if word in ("am", "pagi"):
        return 0 if hour == 12 else hour
    if word == "pm":
        return hour if hour == 12 else hour + 12
    if word == "siang":
        return hour if hour >= 10 else hour + 12
    if word == "sore":
        return hour if hour == 12 else hour + 12
    # malam: 12 is midnight, 6-11 evening, 1-5 the small hours
    return 0 if hour == 12 else hour + 12 if hour >= 6 else hour


def _split_sender(rest: str) -> tuple[str | None, str]:
    if _GROUP_EVENT.search(rest):
        return None, rest
    match = _SENDER.fullmatch(rest)
    if match is None:
        return None, rest  # Android notices have no sender
    return match["name"].strip(), match["text"] or ""


def _broken(label: str, broken: tuple[int, str], end: int) -> SkippedInput:
    start, why = broken
    span = f"line {start}" if end == start else f"lines {start}-{end}"
    return SkippedInput(where(label, start), f"{why}; the message ({span}) was skipped")


# ---------------------------------------------------------------- message bodies

# Notices WhatsApp writes into the chat. Android writes them without a
# sender; iOS puts the contact's name before them. In English and Indonesian,
# matched on the (case-folded) text: most by how it starts, a few that begin
# with a name by a phrase inside.
_NOTICE_START = re.compile(
    "|".join(
        [
            r"messages and calls are end-to-end encrypted",
            r"messages to this (chat|group) and calls are now secured with end-to-end encryption",
            r"pesan dan panggilan terenkripsi secara end-to-end",
            r"pesan yang dikirim ke (chat|grup) ini dan panggilan kini (diamankan|dilindungi) dengan enkripsi end-to-end",
            r"this (business|chat) .*\b(meta|facebook|business account)\b",
            r"(bisnis|chat) ini .*\b(meta|facebook|akun bisnis)\b",
            r"your security code with .+ changed",
            r"kode keamanan (anda )?dengan .+ (telah )?berubah",
            r"(missed|silenced) (group )?(voice|video) call",
            r"panggilan (suara|video) (grup )?(tak terjawab|tidak terjawab|dibisukan)",
            r"(voice|video) call, ",
            r"panggilan (suara|video), ",
            r"you (blocked|unblocked) this (contact|business)",
            r"anda (memblokir|membuka blokir) (kontak|bisnis) ini",
            r"waiting for this message",
            r"menunggu pesan ini",
        ]
    )
)
_NOTICE_INSIDE = re.compile(
    r"\bturned (on|off) disappearing messages|\b(mengaktifkan|menonaktifkan) pesan sementara"
    r"| changed (their|his|her) phone number| (telah )?mengganti nomor (telepon|hp)"
    r"| (is a contact|adalah kontak)\.?$"
)
# Group events whose text may contain ": " (a new subject), so they would
# otherwise read as a message from a sender.
_GROUP_EVENT = re.compile(
    r"^[^:]+ (changed the (subject|group description)|mengubah (subjek|deskripsi grup|nama grup))\b",
    re.IGNORECASE,
)
_MEDIA_KINDS = {
    "image": "image", "photo": "image", "gambar": "image", "foto": "image",
    "video": "video", "audio": "audio", "voice message": "audio", "pesan suara": "audio",
    "sticker": "sticker", "stiker": "sticker", "gif": "gif",
    "document": "document", "dokumen": "document",
    "contact card": "contact", "kartu kontak": "contact",
}  # fmt: skip
_KIND_WORDS = "|".join(sorted(_MEDIA_KINDS, key=len, reverse=True))
_MEDIA = [
    re.compile(r"<(media omitted|media tidak disertakan)>"),
    # "image omitted"; a document: "Invoice.pdf • 2 pages document omitted"
    re.compile(rf"(?:\S+\.\w{{2,5}}\b.*\s)?(?P<kind>{_KIND_WORDS})\s+(omitted|tidak disertakan)"),
    re.compile(r"<(attached|terlampir|lampiran): .+>"),
    re.compile(r".+\.\w{2,5} \((file attached|file terlampir)\)"),
]
_DELETED = re.compile(
    r"(this message was deleted|you deleted this message|pesan ini (telah )?dihapus|anda menghapus pesan ini)\.?"
)
_EDITED = re.compile(r"\s*<(this message was edited|pesan ini (telah )?diedit)>\s*$", re.IGNORECASE)


def _turn(message: _Message, roles: _Roles) -> dict[str, Any]:
    text = "\n".join(message.lines).strip()
    stamp = message.time.isoformat()
    folded = text.casefold()
    if message.sender is None or _NOTICE_START.match(folded) or _NOTICE_INSIDE.search(folded):
        return turn("system", text, time=stamp)
    role = roles.role_of(message.sender)
    if _DELETED.fullmatch(folded):
        return turn(role, "", time=stamp, deleted=True)
    if text.endswith(">"):
        text = _EDITED.sub("", text)
    first, _, caption = text.partition("\n")
    for pattern in _MEDIA:
        media = pattern.fullmatch(first.strip().casefold())
        if media:
            kind = _MEDIA_KINDS[media["kind"]] if "kind" in pattern.groupindex else "media"
            return turn(role, caption.strip(), time=stamp, media=kind)
    return turn(role, text, time=stamp)


class _Roles:
    """Maps senders to roles and remembers who was seen, to tell the user
    when the names given match nobody."""

    def __init__(self, opts: Options) -> None:
        self.wanted: dict[str, tuple[str, str]] = {}  # key → (role, name as given)
        for role, names in (("bot", opts.bot), ("agent", opts.agent)):
            for name in names:
                self.wanted[name_key(name)] = (role, name)
        self.senders: Counter[str] = Counter()
        self.shown: dict[str, str] = {}
        self.keys: dict[str, str] = {}  # sender as written → name_key

    def role_of(self, sender: str) -> str:
        key = self.keys.get(sender)
        if key is None:
            key = self.keys[sender] = name_key(sender)
            self.shown.setdefault(key, display_name(clean(sender).strip()))
        self.senders[key] += 1
        return self.wanted.get(key, ("user", ""))[0]

    def check(self, label: str) -> Iterator[Note]:
        if not self.senders:
            raise WrongFormat(f"{label}: no messages, only WhatsApp notices")
        top = self.senders.most_common(_SHOWN_SENDERS)
        seen = ", ".join(f"{self.shown[key]} ({count})" for key, count in top)
        if len(self.senders) > _SHOWN_SENDERS:
            seen += f" and {len(self.senders) - _SHOWN_SENDERS} more"
        missing = [(role, name) for key, (role, name) in self.wanted.items() if key not in self.senders]
        if len(missing) == len(self.wanted):
            given = ", ".join(repr(name) for _, name in missing)
            raise InputError(
                f"{label}: none of {given} sent a message in this chat, so every message would be the "
                f"customer's{self._close(missing)}; senders (messages): {seen}"
            )
        for role, name in missing:
            yield Note(label, f"--{role} {name!r} sent no message in this chat{self._close([(role, name)])}; senders (messages): {seen}")
        customers = [(key, count) for key, count in self.senders.most_common() if key not in self.wanted]
        if len(customers) > 1:  # a customer chat has one customer; the others are often agents not named
            listed = ", ".join(f"{self.shown[key]} ({count})" for key, count in customers[:_SHOWN_SENDERS])
            yield Note(label, f"{len(customers)} senders are read as the customer: {listed}; name agents with --agent")

    def _close(self, missing: list[tuple[str, str]]) -> str:
        """ "; did you mean 'Toko Budi'?" for a name given with a typo."""
        names = list(self.shown.values())
        for _, name in missing:
            close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
            if close:
                return f"; did you mean {close[0]!r}?"
        return ""


def _split(turns: list[tuple[_Message, dict[str, Any]]], gap: float | None) -> Iterator[list[dict[str, Any]]]:
    """Cut the chat where nobody wrote for longer than `gap` seconds.
    Notices never start a conversation of their own: they join the messages
    that follow them (or, at the end, the last conversation)."""
    chunk: list[dict[str, Any]] = []
    waiting: list[dict[str, Any]] = []  # notices since the last message
    last: datetime | None = None
    for message, item in turns:
        if item["role"] == "system":
            waiting.append(item)
            continue
        if gap is not None and last is not None and chunk and (message.time - last).total_seconds() > gap:
            yield chunk
            chunk = []
        chunk += waiting + [item]
        waiting = []
        last = message.time
    chunk += waiting
    if chunk:
        yield chunk
