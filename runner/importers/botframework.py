"""Read Bot Framework transcripts (`*.transcript`): the conversations the
Bot Framework Emulator saves, a JSON array of activities.

  [
    {"type": "conversationUpdate", "membersAdded": [{"id": "u1", "name": "Budi"}], ...},
    {"type": "message", "from": {"id": "u1", "name": "Budi", "role": "user"},
     "conversation": {"id": "c1"}, "text": "mau cek pesanan", "timestamp": "…"},
    {"type": "message", "from": {"id": "b1", "name": "TokoBot", "role": "bot"},
     "text": "Kirim nomor pesanan Anda.", "suggestedActions": {"actions": [{"title": "Batal"}]}}
  ]

Each conversation id in the file is one conversation (named after the file;
`-2`, `-3`… when a file holds several). What becomes of each activity:

  message from the user or the bot    a user or bot turn (`from.role`; without
                                      it, senders that reply to another
                                      activity are the bot); `timestamp` is kept
                                      as `time`
    attachments                       a card's title and text when the message
                                      has none (hero, thumbnail and adaptive
                                      cards), its buttons as `buttons`, a file
                                      or image as `media`
    suggestedActions                  `buttons`
  conversationUpdate                  a `system` turn: "Budi joined", "Budi left"
  endOfConversation                   a `system` turn: "conversation ended"
  trace with a recognizer result      the top intent becomes the `intent` of the
                                      user turn before it (what the bot understood)

Listed as skipped, FILE:LINE and why: typing indicators, other traces,
events, invokes, reactions and other activity types, messages with no
text, card or attachment, and activities whose sender is unknown. Emulator
transcripts record what happened, not checks: nothing becomes an `expect`.

Example:
  alur import botframework transcripts/ -o emulator.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alur.runner.errors import InputError
from alur.runner.findings import SkippedInput
from alur.runner.importers.base import (
    ImportItem,
    WrongFormat,
    conversation,
    membership_notice,
    numbered_id,
    quoted,
    read_text,
    turn,
    where,
)
from alur.runner.privacy import mask_text

NAME = "botframework"
SUMMARY = "Bot Framework Emulator transcripts (.transcript, a JSON array of activities)"
EXTENSIONS = (".transcript",)
EXAMPLE = "alur import botframework transcripts/ -o emulator.jsonl"

_CARD_TEXT = ("title", "subtitle", "text")
_WHITESPACE = " \t\r\n"


@dataclass(frozen=True)
class Options:
    """Transcripts name their own senders; no flags needed."""


def configure(parser: argparse.ArgumentParser) -> None:
    """No botframework-specific flags."""


def options(args: argparse.Namespace) -> Options:
    return Options()


def read(path: Path, opts: Options) -> Iterator[ImportItem]:
    activities = _activities(read_text(path), path)
    bots = _bot_ids(activities)
    conversations: dict[str, tuple[int, list[dict[str, Any]]]] = {}  # conversation id → (first line, turns)
    for line, activity in activities:
        if not isinstance(activity, dict):
            yield SkippedInput(where(path, line), "an activity must be a JSON object")
            continue
        first, turns = conversations.setdefault(_conversation_id(activity), (line, []))
        why = _add(activity, line, turns, bots)
        if why:
            yield SkippedInput(where(path, line), why)
    named = [(first, turns) for first, turns in conversations.values() if turns]
    for index, (first, turns) in enumerate(named, start=1):
        name = (
            path.name.removesuffix(".transcript")
            if len(named) == 1
            else numbered_id(path.name.removesuffix(".transcript"), index)
        )
        yield conversation(name, turns, source=where(path, first))


def _add(activity: dict[str, Any], line: int, turns: list[dict[str, Any]], bots: set[str]) -> str | None:
    """Append the turn an activity makes (or set the intent a trace records);
    the reason when it makes none."""
    kind = activity.get("type")
    stamp = activity.get("timestamp") if isinstance(activity.get("timestamp"), str) else None
    if kind == "message":
        role = _role(activity, bots)
        if role is None:
            return "a message whose sender is unknown (no from.role, and it replies to nothing)"
        text, extra = _content(activity)
        if not text and not extra:
            if activity.get("value") is not None:
                return "a card submission with no text (only its value): what the customer chose is not known as text"
            return "a message with no text, card or attachment"
        turns.append(turn(role, text, time=stamp, line=line, **extra))
    elif kind == "conversationUpdate":
        added, removed = (_names(activity.get(key)) for key in ("membersAdded", "membersRemoved"))
        if not added and not removed:
            return "a conversationUpdate that adds or removes no one"
        turns.append(turn("system", membership_notice(added, removed), time=stamp, line=line))
    elif kind == "endOfConversation":
        turns.append(turn("system", "conversation ended", time=stamp, line=line))
    elif kind == "typing":
        return "a typing indicator, not a message"
    elif kind == "trace":
        intent = _top_intent(activity.get("value"))
        customer = next((item for item in reversed(turns) if item["role"] == "user"), None)
        if intent is None or customer is None:
            return "a trace (debugging output), not a message"
        customer["intent"] = intent
    else:
        return f"activity of type {quoted(str(kind))}: not a message"
    return None


def _content(activity: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A message's text, and its `buttons` and `media`, from its text, cards,
    attachments and suggested actions."""
    raw = activity.get("text")
    text = raw.strip() if isinstance(raw, str) else ""
    card_text: list[str] = []
    buttons: list[str] = []
    media = None
    for attachment in _list(activity.get("attachments")):
        if not isinstance(attachment, dict):
            continue
        content = attachment.get("content")
        kind = str(attachment.get("contentType") or "")
        if isinstance(content, dict) and kind.startswith("application/vnd.microsoft.card."):
            texts, titles = _card(content)
            card_text.extend(texts)
            buttons.extend(titles)
            media = media or kind.removeprefix("application/vnd.microsoft.card.") + "card"
        else:
            media = media or str(attachment.get("name") or kind or "attachment")
    suggested = activity.get("suggestedActions")
    if isinstance(suggested, dict):
        buttons.extend(_titles(suggested.get("actions")))
    extra = {key: value for key, value in (("buttons", buttons), ("media", media)) if value}
    return text or "\n".join(card_text), extra


def _card(content: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The texts and button titles of a hero, thumbnail or adaptive card."""
    texts = [content[key].strip() for key in _CARD_TEXT if isinstance(content.get(key), str) and content[key].strip()]
    titles = _titles(content.get("buttons")) + _titles(content.get("actions"))
    for element in _list(content.get("body")):  # an adaptive card's elements, containers included
        if isinstance(element, dict):
            if element.get("type") == "TextBlock" and isinstance(element.get("text"), str):
                texts.append(element["text"].strip())
            inner_texts, inner_titles = _card({"body": element.get("items"), "actions": element.get("actions")})
            texts.extend(inner_texts)
            titles.extend(inner_titles)
    return texts, titles


def _titles(actions: Any) -> list[str]:
    return [
        str(action["title"]).strip() for action in _list(actions) if isinstance(action, dict) and action.get("title")
    ]


def _top_intent(value: Any) -> str | None:
    """The best-scoring intent of a recognizer result (LUIS, CLU, QnA…) that
    a trace activity carries, if it carries one."""
    if not isinstance(value, dict):
        return None
    result = value.get("recognizerResult", value)
    intents = result.get("intents") if isinstance(result, dict) else None
    if not isinstance(intents, dict) or not intents:
        return None

    def score(item: tuple[str, Any]) -> float:
        data = item[1]
        found = data.get("score") if isinstance(data, dict) else data
        return float(found) if isinstance(found, (int, float)) else 0.0

    return max(intents.items(), key=score)[0]


def _role(activity: dict[str, Any], bots: set[str]) -> str | None:
    sender = activity.get("from")
    if not isinstance(sender, dict):
        return None
    role = sender.get("role")
    if role in ("user", "bot"):
        return role
    if role == "skill":  # a skill bot answering for the root bot
        return "bot"
    if bots:
        return "bot" if sender.get("id") in bots else "user"
    return None


def _bot_ids(activities: list[tuple[int, Any]]) -> set[str]:
    """Senders known to be bots: a `from.role` of bot, or an activity that
    replies to another (bots reply to the user's activities), for
    transcripts written before roles were recorded."""
    bots = set()
    for _, activity in activities:
        sender = activity.get("from") if isinstance(activity, dict) else None
        if isinstance(sender, dict) and sender.get("id") and (sender.get("role") == "bot" or activity.get("replyToId")):
            bots.add(sender["id"])
    return bots


def _conversation_id(activity: dict[str, Any]) -> str:
    found = activity.get("conversation")
    return str(found.get("id")) if isinstance(found, dict) and found.get("id") is not None else ""


def _names(members: Any) -> list[str]:
    return [
        str(m.get("name") or m.get("id"))
        for m in _list(members)
        if isinstance(m, dict) and (m.get("name") or m.get("id"))
    ]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _activities(text: str, path: Path) -> list[tuple[int, Any]]:
    """The file's activities, each with the line it starts on (so that a
    skipped one is named FILE:LINE). A file that is not a JSON array is not
    a transcript; broken JSON is named by line and column."""
    decoder = json.JSONDecoder()
    position = _skip(text, 0)
    if not text.startswith("[", position):
        raise WrongFormat(f"{path}: not a JSON array of activities (is this a Bot Framework .transcript?)")
    activities: list[tuple[int, Any]] = []
    line, counted = 1, 0
    position = _skip(text, position + 1)
    try:
        while not text.startswith("]", position):
            line += text.count("\n", counted, position)
            counted = position
            activity, position = decoder.raw_decode(text, position)
            activities.append((line, activity))
            position = _skip(text, position)
            if text.startswith(",", position):
                position = _skip(text, position + 1)
            elif not text.startswith("]", position):
                raise json.JSONDecodeError("expected ',' or ']' after an activity", text, position)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}:{error.lineno}:{error.colno}: not valid JSON: {mask_text(error.msg)}") from None
    return activities


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in _WHITESPACE:
        position += 1
    return position
