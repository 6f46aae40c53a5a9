"""Read Bot Framework Chatdown mock-ups (`*.chat`).

  user=Budi                     optional header: names (users=A,B for several)
  bot=TokoBot

  [ConversationUpdate=MembersAdded=Budi]
  user: halo
  bot: [Typing][Delay=2000]
  Halo! Ada yang bisa dibantu?
  [Suggestions=Cek pesanan|Bicara dengan CS]
  Budi: mau cek pesanan

A line starting with `user:`, `bot:` or a name from the header (case
ignored, `bot->Budi:` too) starts a message; the lines after it, up to the
next one, continue it. Commands in brackets are not text:
`[Suggestions=a|b]` becomes the turn's `buttons`, `[Attachment=…]` its
`media`, a card (`[HeroCard title=… text=… buttons=a|b]`) gives its title
and text when the message has none, and its buttons, and
`[ConversationUpdate=MembersAdded=A,B]` (or `:` after the command name,
`MembersRemoved=`) becomes a `system` turn ("A, B joined", "B left").
Other bracketed text stays text. Each file is one conversation, named
after the file. Chatdown has no checks: nothing becomes an `expect`.

Listed as skipped, FILE:LINE and why: `[Typing]`, `[Delay=…]` and
`[AttachmentLayout=…]` (presentation, not messages), text before the first
message, and messages left with no text, buttons or attachment.

Example:
  alur import chatdown mockups/*.chat --flow order_status -o mockups.jsonl
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alur.runner.findings import SkippedInput
from alur.runner.importers.base import (
    ImportItem,
    WrongFormat,
    conversation,
    membership_notice,
    name_key,
    read_text,
    turn,
    where,
)

NAME = "chatdown"
SUMMARY = "Bot Framework Chatdown mock-ups (.chat, user: / bot: lines)"
EXTENSIONS = (".chat",)
EXAMPLE = "alur import chatdown mockups/ -o mockups.jsonl"

_CONFIG = re.compile(r"(user|users|bot|channelid)\s*=\s*(.*)", re.IGNORECASE)
_START = re.compile(r"(?P<who>[^:\[\]\s][^:\[\]]*?)(?:->[^:\[\]]+)?:(?P<rest>.*)")
_COMMAND = re.compile(r"\[(?P<name>[A-Za-z]+)(?P<body>(?:[=:\s][^\]]*)?)\]")
_UPDATE = re.compile(r"\[\s*ConversationUpdate\b", re.IGNORECASE)
_MEMBERS = re.compile(r"members(?P<change>added|removed)\s*=\s*(?P<names>[^\]\n]*)", re.IGNORECASE)
_CARDS = {
    "herocard", "thumbnailcard", "audiocard", "videocard", "animationcard",
    "mediacard", "signincard", "oauthcard", "adaptivecard",
}  # fmt: skip
_PRESENTATION = {"typing", "delay", "attachmentlayout"}


@dataclass(frozen=True)
class Options:
    """Chatdown files carry their own participant names; no flags needed."""


def configure(parser: argparse.ArgumentParser) -> None:
    """No chatdown-specific flags."""


def options(args: argparse.Namespace) -> Options:
    return Options()


@dataclass
class _Message:
    role: str
    line: int
    lines: list[str] = field(default_factory=list)


def read(path: Path, opts: Options) -> Iterator[ImportItem]:
    names = {"user": "user", "bot": "bot"}
    messages: list[_Message] = []
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        config = _CONFIG.fullmatch(line.strip()) if not messages else None
        if config:
            key, value = config[1].lower(), config[2]
            if key in ("user", "users", "bot"):
                for name in value.split(","):
                    if name.strip():
                        names[name_key(name)] = "bot" if key == "bot" else "user"
            continue
        start = _START.fullmatch(line.strip())
        if start and name_key(start["who"]) in names:
            messages.append(_Message(names[name_key(start["who"])], number, [start["rest"]]))
        elif _UPDATE.match(line.strip()):
            messages.append(_Message("system", number, [line]))  # its own activity, not part of a message
        elif messages:
            messages[-1].lines.append(line)
        elif line.strip():
            yield SkippedInput(where(path, number), "text before the first message (lines start with user: or bot:)")
    if not any(message.role != "system" for message in messages):
        raise WrongFormat(f"{path}: no message lines such as 'user: halo' or 'bot: Halo!' (is this a .chat file?)")
    turns: list[dict[str, Any]] = []
    for message in messages:
        for number, why in _turns(message, turns):
            yield SkippedInput(where(path, number), why)
    if turns:
        yield conversation(path.stem, turns, source=where(path, messages[0].line))


def _turns(message: _Message, turns: list[dict[str, Any]]) -> Iterator[tuple[int, str]]:
    """Append the message's turn, and a `system` turn for each
    ConversationUpdate in it, to `turns`; yield (line, why) for what is skipped."""
    extra: dict[str, Any] = {}
    card_text: list[str] = []
    updates: list[str] = []
    presentation: list[tuple[int, str]] = []
    raw = "\n".join(message.lines)

    def command(match: re.Match[str]) -> str:
        name, body = match["name"].lower(), match["body"].lstrip("=:").strip()
        if name in _PRESENTATION:
            line = message.line + raw.count("\n", 0, match.start())
            presentation.append((line, f"[{match['name']}]: presentation, not a message"))
            return ""
        if name == "conversationupdate":
            updates.append(_membership(body))
            return ""
        if name == "suggestions":
            extra["buttons"] = [b.strip() for b in body.split("|") if b.strip()]
            return ""
        if name == "attachment":
            extra.setdefault("media", body.split()[0] if body else "attachment")
            return ""
        if name in _CARDS:
            card = _card_fields(body)
            card_text.extend(card[key] for key in ("title", "subtitle", "text") if card.get(key))
            if card.get("buttons"):
                extra["buttons"] = [b.strip() for b in card["buttons"].split("|") if b.strip()]
            extra.setdefault("media", name)
            return ""
        return match[0]  # not a Chatdown command: ordinary text in brackets

    text = "\n".join(line.rstrip() for line in _COMMAND.sub(command, raw).splitlines() if line.strip()).strip()
    text = text or "\n".join(card_text)
    if message.role == "system":
        if text:
            yield message.line, "text after a ConversationUpdate that is not a message line (user: or bot:)"
    elif text or extra:
        turns.append(turn(message.role, text, **extra, line=message.line))
    elif not updates:
        yield message.line, "a message with no text, buttons or attachment"
    if text or extra or updates:
        yield from presentation
    turns.extend(turn("system", update, line=message.line) for update in updates)


def _membership(body: str) -> str:
    """A ConversationUpdate as a platform notice: "Budi, Sari joined", "Sari left"."""
    members: dict[str, list[str]] = {"added": [], "removed": []}
    for match in _MEMBERS.finditer(body):
        members[match["change"].lower()].extend(name.strip() for name in match["names"].split(",") if name.strip())
    return membership_notice(members["added"], members["removed"])


def _card_fields(body: str) -> dict[str, str]:
    """`title=… text=… buttons=a|b`, one per line (or on one line)."""
    fields: dict[str, str] = {}
    for match in re.finditer(r"(\w+)=(.*?)(?=\s+\w+=|$)", body, re.DOTALL):
        fields[match[1].lower()] = match[2].strip()
    return fields
