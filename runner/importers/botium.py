"""Read Botium conversation scripts (`*.convo.txt`).

  TC01 - cek pesanan            the first line, when it is not a #section,
                                names the conversation (else the file does)
  #me
  mau cek pesanan

  #bot
  Kirim nomor pesanan Anda.
  BUTTONS Batal|Bicara dengan CS
  INTENT check_order

`#me` sections become user turns and `#bot` sections bot turns; a section's
text lines, joined, are the turn's text. Botium's asserters and logic hooks
are not text: `BUTTONS a|b` becomes the bot turn's `buttons`, `INTENT name`
(checked on the bot's answer) becomes the `intent` of the user turn before
it, a `BUTTON` user input becomes the user's text, `MEDIA` becomes
`media`; the others (PAUSE, TEXT_CONTAINS_ANY, …) are passed over.
A #me or #bot text that names an utterance list (from `*.utterances.txt`
beside the convo file, or --utterances PATH) becomes its first utterance,
with the name kept as `utterance`.

Reported as FILE:LINE: unknown #sections, `#include` and INCLUDE (partial
convos are not expanded), negated bot steps (`!text`: what the bot said is
not known), and #bot steps without text.

Examples:
  alur import botium spec/convo/ -o botium.jsonl
  alur import botium spec/convo/ --utterances spec/utterances/ -o botium.jsonl
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from alur.runner.errors import InputError
from alur.runner.findings import SkippedInput
from alur.runner.importers.base import ImportItem, WrongFormat, conversation, quoted, read_text, turn, where

NAME = "botium"
SUMMARY = "Botium conversation scripts (.convo.txt, #me / #bot sections)"
EXTENSIONS = (".convo.txt",)
EXAMPLE = "alur import botium spec/convo/ -o botium.jsonl"

# Botium's built-in asserters (checked on #bot), user inputs (#me) and logic
# hooks (both); see botium-core's LogicHookConsts.
_ASSERTERS = {
    "BUTTONS", "MEDIA", "CARDS", "PAUSE_ASSERTER", "JSON_PATH", "RESPONSE_LENGTH", "FORMS",
    "ENTITIES", "ENTITY_VALUES", "ENTITY_CONTENT", "INTENT", "INTENT_UNIQUE", "INTENT_CONFIDENCE",
    "BUTTONS_COUNT", "BUTTONS_COUNT_REC", "MEDIA_COUNT", "MEDIA_COUNT_REC", "CARDS_COUNT",
    "CARDS_COUNT_REC", "JSON_PATH_COUNT", "WER", "BOT_CONSUMED", "BOT_UNCONSUMED_COUNT",
}  # fmt: skip
_USER_INPUTS = {"BUTTON", "MEDIA", "FORM"}
_LOGIC_HOOKS = {
    "PAUSE", "WAITFORBOT", "SET_SCRIPTING_MEMORY", "CLEAR_SCRIPTING_MEMORY", "UPDATE_CUSTOM",
    "INCLUDE", "CLEAR_QUEUE", "ASSIGN_SCRIPTING_MEMORY", "CONDITIONAL_STEP_TIME_BASED",
    "CONDITIONAL_STEP_BUSINESS_HOURS", "CONDITIONAL_STEP_CAPABILITY_VALUE_BASED",
    "CONDITIONAL_STEP_JSON_PATH_BASED", "UPDATE_CONTEXT", "SKIP_BOT_UNCONSUMED", "ORDERED_LIST_TO_BUTTON",
    "CONVO_STEP_PARAMETERS",
}  # fmt: skip
_TEXT_ASSERTER = re.compile(r"TEXT(_[A-Z]+)+")
_SECTION = re.compile(r"#(\S+)(?:\s+(.*))?")


@dataclass(frozen=True)
class Options:
    utterances: dict[str, list[str]] = field(default_factory=dict)  # from --utterances


def configure(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("botium options")
    group.add_argument(
        "--utterances", type=Path, metavar="PATH", help="an .utterances.txt file or a folder of them (besides the convo's own folder)"
    )


def options(args: argparse.Namespace) -> Options:
    if args.utterances is None:
        return Options()
    if not args.utterances.exists():
        raise InputError(f"--utterances {args.utterances}: no such file or folder")
    return Options(utterances=dict(_utterances_in(args.utterances.resolve())))


@lru_cache(maxsize=64)
def _utterances_in(path: Path) -> tuple[tuple[str, list[str]], ...]:
    """Utterance lists of one file, or of every .utterances.txt in a folder:
    the first line names the list, the others are its utterances."""
    files = sorted(path.rglob("*.utterances.txt")) if path.is_dir() else [path]
    lists = []
    for file in files:
        lines = [line.strip() for line in read_text(file).splitlines() if line.strip()]
        if lines:
            lists.append((lines[0], lines[1:]))
    return tuple(lists)


@dataclass
class _Section:
    sender: str
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)


def read(path: Path, opts: Options) -> Iterator[ImportItem]:
    lines = read_text(path).splitlines()
    utterances = dict(_utterances_in(path.resolve().parent)) | dict(opts.utterances)
    name: str | None = None
    sections: list[_Section] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        section = _SECTION.fullmatch(line) if line.startswith("#") else None
        if section:
            sections.append(_Section(section[1].lower(), number))
        elif sections:
            sections[-1].lines.append((number, line))
        elif line and name is None:
            name = line  # the convo's name; later header lines are its description
    if not sections:
        raise WrongFormat(f"{path}: no #me or #bot section (is this a Botium .convo.txt?)")
    turns: list[dict[str, Any]] = []
    for part in sections:
        try:
            yield from _section(part, path, turns, utterances)
        except ValueError as error:
            yield SkippedInput(where(path, part.line), str(error))
    if turns:
        yield conversation(name or path.name.removesuffix(".convo.txt"), turns)


def _section(
    section: _Section, path: Path, turns: list[dict[str, Any]], utterances: dict[str, list[str]]
) -> Iterator[SkippedInput]:
    """Append the section's turn to `turns`; yield what in it cannot be used."""
    if section.sender in ("begin", "end"):
        return
    if section.sender == "include":
        raise ValueError("#include of a partial convo: not expanded")
    if section.sender not in ("me", "bot"):
        raise ValueError(f"unknown section {quoted('#' + section.sender)} (Botium knows #me, #bot, #begin, #end, #include)")
    user = section.sender == "me"
    text_lines: list[str] = []
    extra: dict[str, Any] = {}
    for number, line in section.lines:
        logic = line[1:] if line.startswith("?") else line  # optional / negated prefixes
        logic = logic[1:] if logic.startswith("!") else logic
        word, _, rest = logic.partition(" ")
        args = [a.replace("\\|", "|").strip() for a in re.split(r"(?<!\\)\|", rest)] if rest else []
        if word == "INCLUDE":
            yield SkippedInput(where(path, number), "INCLUDE of a partial convo: not expanded")
        elif user and word in _USER_INPUTS:
            if word == "BUTTON" and args:
                text_lines = [args[-1]]  # BUTTON payload|text: the user sees and sends the text
            elif word == "MEDIA" and args:
                extra["media"] = args[0]
        elif not user and (word in _ASSERTERS or _TEXT_ASSERTER.fullmatch(word)):
            if word == "BUTTONS":
                extra["buttons"] = args
            elif word == "MEDIA" and args:
                extra["media"] = args[0]
            elif word == "INTENT" and args and turns and turns[-1]["role"] == "user":
                turns[-1]["intent"] = args[0]
        elif word in _LOGIC_HOOKS:
            continue
        else:
            text_lines.append(line)
    text = "\n".join(text_lines).strip()
    if not user and text.startswith("!") and not text.startswith("!!"):
        raise ValueError("a negated bot step (!text): what the bot said is not known")
    if text[:1] in ("?", "!"):
        text = text[1:]  # "?" optional step; "??"/"!!" escape a literal first character
    if text in utterances and utterances[text]:
        extra["utterance"] = text
        text = utterances[text][0]
    if not text and "media" not in extra:
        what = "a #me step with no text, BUTTON or MEDIA" if user else "a #bot step with no text: what the bot said is not known"
        raise ValueError(what)
    turns.append(turn("user" if user else "bot", text, **extra))
