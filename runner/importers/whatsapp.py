"""Read a WhatsApp "Export chat" file (Android or iOS, from a phone in any language).

Export a chat on the phone (⋮ › More › Export chat, or the contact's page ›
Export Chat on iOS), "without media" is enough, and give the .txt — or the
.zip iOS makes — to `alur import whatsapp`. Every layout phones write is read,
the one most lines of the file use:

  [18/03/22 14.56.01] Toko Budi: Halo kak, ada yang bisa dibantu?   (iOS)
  26/11/20 23.10 - Toko Budi: Halo kak, ada yang bisa dibantu?      (Android)
  13.06.18 21.25.15: Laura: Hei                                     (Finnish)
  13. 6. 2018. 21:25:15 Laura: Szia                                 (Hungarian)
  [21:25:15, 6/13/18] Laura: Chào                                   (Vietnamese)

with day-first, month-first or year-first dates (13/06/18, 6/13/18,
2018/06/13, "2018. 6. 13."), dots or colons in times, 12- and 24-hour
clocks (AM/PM, a.m., p. m., 午後, 오후, م, pagi/siang/sore/malam, with the
narrow no-break space newer phones put before them), Arabic-Indic and
Persian digits, Thai Buddhist, Japanese imperial and Persian (Solar Hijri)
years, and the invisible marks exports insert. A line without a date is the
next line of the message before it. A line that starts with a date, a time
and a name is never merged silently: if no layout reads it, it is skipped
and reported with its line; if it is in another export's layout (a chat the
customer copied and pasted), it stays in its message and a note names it.

Who is who is told by name (as the chat shows it, case ignored):
  --bot NAME     messages from the chatbot (often the business account's name)
  --agent NAMES  human agents, comma-separated: --agent "Rina,Dewi"
everyone else is the customer (`user`). At least one of --bot/--agent is
needed; an import where neither matches any sender stops with the list of
senders in the chat.

WhatsApp's own wording is recognised in 33 languages (whatsapp_notices.tsv):
its notices (end-to-end encryption, security code changed, missed calls,
group events written without a sender, …) become `system` turns, never part
of someone's text. Media
placeholders ("<Media tidak disertakan>", "<Médias omis>", "imagen omitida",
"<attached: …>", "IMG-….jpg (file attached)", a shared location, a poll)
leave the turn's text (empty, or the caption; a poll's question) and set
`"media": KIND` (image, video, audio, sticker, gif, contact, document,
location, poll, view_once; `media` when the export does not say); deleted messages have
empty text and `"deleted": true`; the edited marker is dropped. Each turn
keeps its `time` (ISO 8601, the phone's local time, Gregorian).

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
from datetime import date, datetime, time, timedelta
from functools import cache
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
from alur.runner.importers.whatsapp_notices import fold, wording

NAME = "whatsapp"
SUMMARY = "WhatsApp 'Export chat' .txt or .zip (Android, iOS; phones in 33 languages)"
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
    group.add_argument(
        "--agent", action="append", metavar="NAMES", help="sender names of human agents, comma-separated"
    )
    group.add_argument(
        "--split-gap", metavar="DURATION", help="start a new conversation after this much silence (30m, 2h, 1d)"
    )
    group.add_argument(
        "--date-order", choices=("dmy", "mdy"), help="date order when the chat never shows a day above 12 (default dmy)"
    )


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

# Dates: 13/06/18, 2018-06-13, 13.06.2018, "13. 6. 2018." (Hungarian, Croatian),
# "2018. 6. 13." (Korean); digits of any script (\d: Arabic-Indic, Persian).
# Thai phones may add the era ("3/18/2565 BE"), Japanese ones write the
# imperial era's year ("3/18/R4": Reiwa 4).
_DATE = r"(?P<date>\d{1,4}(?P<sep>[./-])\s?\d{1,2}(?P=sep)\s?(?:\d{1,4}|[RH]\d{1,2}))\.?(?: BE)?"
# Meridiems written before the time (Japanese, Chinese, Korean) and after it.
_BEFORE = "午前|午後|上午|下午|오전|오후"
_AFTER = r"[ap]\.?\s?m\.?|pagi|siang|sore|malam|ص|م|ق\.ظ\.?|ب\.ظ\.?|पूर्वाह्न|अपराह्न|म\.पू\.?|म\.उ\.?|" + _BEFORE
_AM = {"am", "午前", "上午", "오전", "ص", "قظ", "पूर्वाह्न", "मपू"}  # as _to_24h folds them
# between date and time: a comma (or the Arabic one) or spaces, and maybe a
# meridiem or a short word ("klo", "um", "at", "à")
_BETWEEN = rf"(?:[,،]\s*|\s+)(?:(?P<before>{_BEFORE})\s?|[^\W\d_]{{1,5}}\.?\s+)?"
_TIME = rf"(?P<time>\d{{1,2}}[.:]\d{{2}}(?:[.:]\d{{2}})?)(?:\s*(?P<period>(?i:{_AFTER}))(?![^\W\d_]))?"
# After the date and time, what tells the layouts apart: "]" (iOS), " -"
# (Android), ":" (Finnish and older exports) or nothing but a space.
_CLOSE = r"(?:(?P<close>\]|\s?[-–]|:)\s?|\s)(?P<rest>.*)"
_HEADERS = (
    re.compile(rf"(?P<open>\[)?{_DATE}{_BETWEEN}{_TIME}{_CLOSE}"),
    # the time first: "[14:56:01, 3/18/22]" (Vietnamese iOS)
    re.compile(rf"(?P<open>\[)?(?:(?P<before>{_BEFORE})\s?)?{_TIME},\s*{_DATE}{_CLOSE}"),
)
_LAYOUTS = {  # key → how its lines look, in the order ties are settled
    "[]": "[18/03/22 14.56.01] Name: text",
    "-": "26/11/20 23.10 - Name: text",
    ":": "13.06.18 21.25.15: Name: text",
    "": "13. 6. 2018. 21:25:15 Name: text",
}
# A line that starts like a message (a date, then a time, then "Name: " later)
# but is not one of this chat's is never glued silently onto the message
# before it: skipped if no layout reads it, kept with a note if another does.
_LOOKS_LIKE_MESSAGE = re.compile(r"\[?\d{1,4}[./-]\s?\d{1,2}[./-]\s?\d{1,4}\.?[,،]?\s*\S{0,8}?\s*\d{1,2}[.:]\d{2}.*?: ")
_SHOWN_SENDERS = 10  # senders listed when a --bot/--agent name matches nobody
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NUMBER = re.compile(r"\d+")
_SENDER = re.compile(r"(?P<name>[^:]+?):(?:\s(?P<text>.*))?")
_PERSIAN_DIGITS = frozenset("۰۱۲۳۴۵۶۷۸۹")
_ERA = re.compile(r"([RH])\d{1,2}$")
_ERA_START = {"R": 2018, "H": 1988}  # Reiwa 1 is 2019, Heisei 1 1989


def _header(line: str) -> re.Match[str] | None:
    return _HEADERS[0].match(line) or _HEADERS[1].match(line)


def _layout(match: re.Match[str]) -> str:
    close = (match["close"] or "").strip().replace("–", "-")
    return ("[" if match["open"] else "") + close


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
    starts = (i for i, line in enumerate(lines) if line[:1].isdigit() or line[:1] == "[")
    matches = {i: m for i in starts if (m := _header(lines[i]))}
    layouts = {i: _layout(m) for i, m in matches.items()}
    layout = _pick_layout(layouts.values(), label)
    headers = {i: m for i, m in matches.items() if layouts[i] == layout}
    order, note = _date_order({m["date"] for m in headers.values()}, opts.date_order)
    if note:
        yield Note(label, note)

    messages: list[_Message] = []
    for item in _walk(lines, headers, matches.keys() - headers.keys(), layout, order, label):
        if isinstance(item, _Message):
            messages.append(item)
        else:
            yield item

    roles = _Roles(opts)
    turns = [(message, _turn(message, roles)) for message in messages]
    yield from roles.check(label)
    stem = _stem(path)
    for index, chunk in enumerate(_split(turns, opts.split_gap), start=1):
        yield conversation(numbered_id(stem, index), chunk, channel="whatsapp")


def _walk(
    lines: list[str], headers: dict[int, re.Match[str]], others: set[int], layout: str, order: str, label: str
) -> Iterator[_Message | SkippedInput | Note]:
    """The messages, each yielded when its first line is read (its next lines
    are added as they come), and what could not be read. A line written like
    a message of another export (a customer pasting a chat they copied) stays
    in the message it is part of, with a note; one that starts like a
    message but no layout reads is skipped, with the lines after it."""
    current: _Message | None = None
    broken: tuple[int, str] | None = None  # (first line, why) of an unreadable message
    broken_end = 0
    pasted: dict[int, list[int]] = {}  # a message's first line → its lines in another layout
    for index, line in enumerate(lines):
        number = index + 1
        match = headers.get(index)
        looks_like_message = match is None and (
            index in others and ": " in line or _LOOKS_LIKE_MESSAGE.match(line) is not None
        )
        why = None
        if match is not None:
            try:
                stamp = _timestamp(match, order)
            except ValueError as error:
                why = str(error)
        elif looks_like_message and index not in others:
            why = (
                f"starts with a date, a time and a name, but not as a message line ({_LAYOUTS[layout]!r} in this chat)"
            )
        if broken and (match is not None or why):  # the unreadable message ends here
            yield _broken(label, broken, broken_end)
            broken = None
        if why:
            broken, broken_end, current = (number, why), number, None
        elif match is not None:
            sender, first = _split_sender(match["rest"])
            current = _Message(number, stamp, sender, [first])
            yield current
        elif current is not None:
            current.lines.append(line)
            if looks_like_message:
                pasted.setdefault(current.line, []).append(number)
        elif broken:
            broken_end = number
        elif line.strip():
            yield SkippedInput(
                where(label, number), "text before the first message (no date and time at the start of the line)"
            )
    if broken:
        yield _broken(label, broken, broken_end)
    for start, numbers in pasted.items():
        yield Note(
            where(label, numbers[0]),
            f"{_listed(numbers)} written like messages of another export, not as this chat's "
            f"({_LAYOUTS[layout]!r}): kept as part of the message from line {start}, as pasted text",
        )


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
    except (
        zlib.error,
        EOFError,
        RuntimeError,
        NotImplementedError,
    ) as error:  # damaged, encrypted, unknown compression
        raise WrongFormat(f"{path}: the zip file cannot be read ({error})") from None


def _stem(path: Path) -> str:
    """The id prefix: the file name without extension; an unzipped iOS export
    is always `_chat.txt`, so its folder's name is used instead."""
    if path.stem == "_chat" and path.parent.name:
        return path.parent.name
    return path.stem


def _pick_layout(layouts: Iterable[str], label: str) -> str:
    """The layout most lines of this file are written in (one phone, one
    layout): lines in another layout are not messages of this chat."""
    counts = Counter(key for key in layouts if key in _LAYOUTS)
    if not counts:
        examples = " or ".join(repr(example) for example in _LAYOUTS.values())
        raise WrongFormat(f"{label}: not a WhatsApp chat export: no line starts with a date and time like {examples}")
    return max(_LAYOUTS, key=lambda key: counts[key])  # max keeps the first of equals


def _date_order(dates: Iterable[str], flag: str | None) -> tuple[str, str | None]:
    """dmy or mdy for this file: a first number above 12 proves day-first, a
    second above 12 month-first; with no proof, the flag, else dmy."""
    day_first = month_first = False
    for written in dates:
        first, second, _ = _NUMBER.findall(written)
        if len(first) == 4:
            continue  # year first: always year-month-day
        day_first |= int(first) > 12
        month_first |= int(second) > 12
    if day_first != month_first:
        found = "dmy" if day_first else "mdy"
        if flag and flag != found:
            shown = "day" if found == "dmy" else "month"
            return (
                found,
                f"dates read as {found} (a {shown} above 12 comes first in the chat); --date-order {flag} ignored",
            )
        return found, None
    return flag or "dmy", None


def _timestamp(match: re.Match[str], order: str) -> datetime:
    return datetime.combine(_day(match["date"], order), _clock(match["time"], match["before"] or match["period"]))


@cache  # a chat has few distinct dates and minutes, and many messages
def _day(written: str, order: str) -> date:
    a, b, c = _NUMBER.findall(written)
    era = _ERA.search(written)
    if era:  # the era's year, always last: "3/18/R4"
        c = str(_ERA_START[era[1]] + int(c))
    if len(a) == 4:
        year, month, day = a, b, c
    elif order == "dmy":
        day, month, year = a, b, c
    else:
        month, day, year = a, b, c
    try:
        return _calendar_date(int(year), len(year), int(month), int(day), _PERSIAN_DIGITS.isdisjoint(written))
    except ValueError as error:
        shown = "day/month/year" if order == "dmy" or len(a) == 4 else "month/day/year"
        raise ValueError(f"date {written} does not exist (read as {shown}{error})") from None


@cache
def _clock(written: str, period: str | None) -> time:
    parts = [int(p) for p in _NUMBER.findall(written)]
    hour, minute, second = parts[0], parts[1], parts[2] if len(parts) == 3 else 0
    if period:
        if not 0 <= hour <= 12:
            raise ValueError(f"time {written} {period} is not a 12-hour time")
        hour = _to_24h(hour, period)
    try:
        return time(hour, minute, second)
    except ValueError:
        raise ValueError(f"time {written} does not exist") from None


def _calendar_date(year: int, digits: int, month: int, day: int, gregorian: bool) -> date:
    """The Gregorian date a chat's date stands for. Phones write the year of
    their calendar: Thai phones the Buddhist year (2561 = 2018), Persian
    phones, with Persian digits, the Solar Hijri year (1397 = 2018)."""
    if not gregorian:
        return _from_solar_hijri(year + (1300 if digits == 2 else 0), month, day)
    if digits == 2:
        year += 2000
    elif year >= 2400:
        year -= 543
    elif digits != 4 or year < 1900:
        raise ValueError(f"; {year} is not a year alur can read")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError("") from None  # the caller names the date


# 1 Farvardin 1354 fell on 21 March 1975; leap years of the Solar Hijri
# calendar follow a 33-year cycle (exact from 1343 to 1473, i.e. 1964-2094).
_FARVARDIN_1354 = date(1975, 3, 21)
_LEAP_IN_CYCLE = frozenset({1, 5, 9, 13, 17, 22, 26, 30})


def _from_solar_hijri(year: int, month: int, day: int) -> date:
    def length(y: int) -> int:
        return 366 if y % 33 in _LEAP_IN_CYCLE else 365

    if not (1343 <= year <= 1473 and 1 <= month <= 12 and 1 <= day <= (31 if month <= 6 else 30)):
        raise ValueError(f"; {year}/{month}/{day} is not a Solar Hijri date alur can read")
    if month == 12 and day == 30 and length(year) == 365:
        raise ValueError(f"; {year} is not a leap year")
    days = sum(length(y) for y in range(1354, year)) - sum(length(y) for y in range(year, 1354))
    days += (month - 1) * 31 - max(0, month - 7) + day - 1
    return _FARVARDIN_1354 + timedelta(days=days)


def _to_24h(hour: int, period: str) -> int:
    """12-hour clock to 24: AM/PM in the words and scripts of each language,
    and the Indonesian day periods (pagi morning, siang midday, sore
    afternoon, malam night)."""
    word = re.sub(r"[.\s]", "", period).lower()
    if word in _AM or word == "pagi":
        return 0 if hour == 12 else hour
    if word == "siang":
        return hour if hour >= 10 else hour + 12
    if word == "malam":  # 12 is midnight, 6-11 evening, 1-5 the small hours
        return 0 if hour == 12 else hour + 12 if hour >= 6 else hour
    return hour if hour == 12 else hour + 12  # pm, sore, and the others


def _split_sender(rest: str) -> tuple[str | None, str]:
    match = _SENDER.fullmatch(rest)
    if match is None or _is_notice_about(match["name"]):
        return None, rest  # Android notices have no sender; a new group subject may hold ": "
    return match["name"].strip(), match["text"] or ""


@cache  # a chat has few senders
def _is_notice_about(name: str) -> bool:
    """Whether "name" is the start of a notice that holds ": " ('Budi changed
    the subject to "Promo: 50%"'), not a sender's name."""
    return wording().is_event_line(fold(name))


def _broken(label: str, broken: tuple[int, str], end: int) -> SkippedInput:
    start, why = broken
    return SkippedInput(where(label, start), f"{why}; the message ({_span(start, end)}) was skipped")


def _span(start: int, end: int) -> str:
    return f"line {start}" if end == start else f"lines {start}-{end}"


def _listed(numbers: list[int], shown: int = 5) -> str:
    """ "line 5", "lines 5, 7, 8", "lines 5, 7, 8, 9, 10 and 3 more"."""
    if len(numbers) == 1:
        return f"line {numbers[0]}"
    more = f" and {len(numbers) - shown} more" if len(numbers) > shown else ""
    return "lines " + ", ".join(map(str, numbers[:shown])) + more


# ---------------------------------------------------------------- message bodies


def _turn(message: _Message, roles: _Roles) -> dict[str, Any]:
    """WhatsApp's notices become `system` turns; its placeholders (in the
    phone's language, whatsapp_notices.tsv) leave the text: media is marked
    with `"media": KIND` (the caption, if any, is the text), a deleted message
    has empty text and `"deleted": true`, the edited marker is dropped."""
    text = "\n".join(message.lines).strip()
    stamp = message.time.isoformat()
    known = wording()
    text = known.without_edited(text)
    first, _, rest = text.partition("\n")
    folded = fold(first)  # notices, deleted messages and placeholders are one line
    if message.sender is None or known.is_notice(folded):
        return turn("system", text, time=stamp)
    role = roles.role_of(message.sender)
    if not rest and known.deleted.fullmatch(folded):
        return turn(role, "", time=stamp, deleted=True)
    media = known.media_of(folded)
    if media == "poll":  # "POLL:", the question, then "OPTION: …" lines
        return turn(role, rest.partition("\n")[0].strip(), time=stamp, media=media)
    if media:
        return turn(role, rest.strip(), time=stamp, media=media)
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
            yield Note(
                label,
                f"--{role} {name!r} sent no message in this chat{self._close([(role, name)])}; senders (messages): {seen}",
            )
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
