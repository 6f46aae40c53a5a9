"""Read Bot Framework Chatdown mock-ups (`*.chat`).

  user=Budi                     optional header: names (users=A,B for several)
  bot=TokoBot

  user: halo
  bot: [Typing][Delay=2000]
  Halo! Ada yang bisa dibantu?
  [Suggestions=Cek pesanan|Bicara dengan CS]
  Budi: mau cek pesanan

A line starting with `user:`, `bot:` or a name from the header (case
ignored, `bot->Budi:` too) starts a message; the lines after it, up to the
next one, continue it. Commands in brackets are not text: `[Typing]`,
`[Delay=…]`, `[AttachmentLayout=…]` and `[ConversationUpdate=…]` are passed
over, `[Suggestions=a|b]` becomes the turn's `buttons`, `[Attachment=…]` its
`media`, and a card (`[HeroCard title=… text=… buttons=a|b]`) gives its title
and text when the message has none, and its buttons. Other bracketed text
stays text. Each file is one conversation, named after the file.

Reported as FILE:LINE: text before the first message, and messages left
with no text, buttons or attachment.

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
from alur.runner.importers.base import ImportItem, WrongFormat, conversation, name_key, read_text, turn, where

NAME = "chatdown"
SUMMARY = "Bot Framework Chatdown mock-ups (.chat, user: / bot: lines)"
EXTENSIONS = (".chat",)
EXAMPLE = "alur import chatdown mockups/ -o mockups.jsonl"

_CONFIG = re.compile(r"(user|users|bot|channelid)\s*=\s*(.*)", re.IGNORECASE)
_START = re.compile(r"(?P<who>[^:\[\]\s][^:\[\]]*?)(?:->[^:\[\]]+)?:(?P<rest>.*)")
_COMMAND = re.compile(r"\[(?P<name>[A-Za-z]+)(?P<body>(?:[=\s][^\]]*)?)\]")
_CARDS = {
    "herocard", "thumbnailcard", "audiocard", "videocard", "animationcard",
    "mediacard", "signincard", "oauthcard", "adaptivecard",
}  # fmt: skip
_PASSED_OVER = {"typing", "delay", "attachmentlayout", "conversationupdate"}


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
        elif messages:
            messages[-1].lines.append(line)
        elif line.strip():
            yield SkippedInput(where(path, number), "text before the first message (lines start with user: or bot:)")
    if not messages:
        raise WrongFormat(f"{path}: no message lines such as 'user: halo' or 'bot: Halo!' (is this a .chat file?)")
    turns = []
    for message in messages:
        item = _turn(message)
        if item is None:
            yield SkippedInput(where(path, message.line), "a message with no text, buttons or attachment")
        else:
            turns.append(item)
    if turns:
        yield conversation(path.stem, turns)


def _turn(message: _Message) -> dict[str, Any] | None:
    extra: dict[str, Any] = {}
    card_text: list[str] = []

    def command(match: re.Match[str]) -> str:
        name, body = match["name"].lower(), match["body"].lstrip("=").strip()
        if name in _PASSED_OVER:
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

    raw = "\n".join(message.lines)
    text = "\n".join(line.rstrip() for line in _COMMAND.sub(command, raw).splitlines() if line.strip()).strip()
    text = text or "\n".join(card_text)
    if not text and not extra:
        return None
    return turn(message.role, text, **extra)


def _card_fields(body: str) -> dict[str, str]:
    """`title=… text=… buttons=a|b`, one per line (or on one line)."""
    fields: dict[str, str] = {}
    for match in re.finditer(r"(\w+)=(.*?)(?=\s+\w+=|$)", body, re.DOTALL):
        fields[match[1].lower()] = match[2].strip()
    return fields
