"""Read Botium conversation scripts (`*.convo.txt`), asserters included.

  TC01 - cek pesanan            the first line, when it is not a #section,
                                names the conversation (else the file does)
  #me
  mau cek pesanan

  #bot
  Kirim nomor pesanan Anda.
  BUTTONS Batal|Bicara dengan CS
  INTENT check_order
  TEXT_CONTAINS_ALL nomor pesanan

`#me` sections become user turns and `#bot` sections bot turns; a section's
text lines, joined, are the turn's text. A #me or #bot text that names an
utterance list (from `*.utterances.txt` beside the convo file, or
--utterances PATH) becomes its first utterance, the name kept as
`utterance`. A check on the bot's answer becomes an `expect` of the
customer turn before it, which `alur replay` checks:

  INTENT name                         expect intent (and the user turn's `intent`)
  TEXT_CONTAINS_ALL a|b, TEXT_CONTAINS_ANY a (one text),
  TEXT_EQUALS a / TEXT a, TEXT_WILDCARD(EXACT)_… without `*`,
  TEXT_REGEXP_… that is plain text    expect say_contains (each text must appear)
  BUTTONS a|b, MEDIA m                the bot turn's `buttons`, `media`
  #me BUTTON payload|text, MEDIA m    the user turn's text, `media`

Listed as skipped, FILE:LINE and why: case-ignoring (`_IC`) and negated
(`!`) checks, TEXT_CONTAINS_ANY with several texts, wildcards, regular
expressions and scripting memory variables ($name), the other asserters (ENTITIES, CARDS, JSON_PATH,
INTENT_CONFIDENCE, …), logic hooks (PAUSE, WAITFORBOT, SET_SCRIPTING_MEMORY,
…), FORM inputs, unknown #sections, `#include` and INCLUDE (partial convos
are not expanded), negated bot steps (`!text`: what the bot said is not
known), and sections without text or checks. The #bot text itself stays a
bot turn and is not an `expect`: Botium compares it ignoring case and with
wildcards, which say_contains cannot.

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
from alur.runner.importers.base import (
    ImportItem,
    Turns,
    WrongFormat,
    add_expect,
    conversation,
    quoted,
    read_text,
    regex_as_text,
    turn,
    where,
)

NAME = "botium"
SUMMARY = "Botium conversation scripts, asserters included (.convo.txt, #me / #bot sections)"
EXTENSIONS = (".convo.txt",)
EXAMPLE = "alur import botium spec/convo/ -o botium.jsonl"

# Botium's built-in asserters (checked on #bot), user inputs (#me) and logic
# hooks (both); see botium-core's LogicHookConsts.
_ASSERTERS = {
    "BUTTONS", "MEDIA", "CARDS", "PAUSE_ASSERTER", "JSON_PATH", "RESPONSE_LENGTH", "FORMS",
    "ENTITIES", "ENTITY_VALUES", "ENTITY_CONTENT", "INTENT", "INTENT_UNIQUE", "INTENT_CONFIDENCE",
    "BUTTONS_COUNT", "BUTTONS_COUNT_REC", "MEDIA_COUNT", "MEDIA_COUNT_REC", "CARDS_COUNT",
    "CARDS_COUNT_REC", "JSON_PATH_COUNT", "TEXT_WER", "BOT_CONSUMED", "BOT_UNCONSUMED_COUNT",
}  # fmt: skip
_USER_INPUTS = {"BUTTON", "MEDIA", "FORM"}
_LOGIC_HOOKS = {
    "PAUSE", "WAITFORBOT", "SET_SCRIPTING_MEMORY", "CLEAR_SCRIPTING_MEMORY", "UPDATE_CUSTOM",
    "INCLUDE", "CLEAR_QUEUE", "ASSIGN_SCRIPTING_MEMORY", "CONDITIONAL_STEP_TIME_BASED",
    "CONDITIONAL_STEP_BUSINESS_HOURS", "CONDITIONAL_STEP_CAPABILITY_VALUE_BASED",
    "CONDITIONAL_STEP_JSON_PATH_BASED", "UPDATE_CONTEXT", "SKIP_BOT_UNCONSUMED", "ORDERED_LIST_TO_BUTTON",
    "CONVO_STEP_PARAMETERS",
}  # fmt: skip
_TEXT_ASSERTER = re.compile(
    r"TEXT(?:_(?P<how>EQUALS|CONTAINS|WILDCARDEXACT|WILDCARD|REGEXP)(?:_(?P<mode>ANY|ALL))?)?(?P<ic>_IC)?"
)
_MEMORY = re.compile(r"\$[A-Za-z_]\w*")
_SECTION = re.compile(r"#(\S+)(?:\s+(.*))?")


@dataclass(frozen=True)
class Options:
    utterances: dict[str, list[str]] = field(default_factory=dict)  # from --utterances


def configure(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("botium options")
    group.add_argument(
        "--utterances",
        type=Path,
        metavar="PATH",
        help="an .utterances.txt file or a folder of them (besides the convo's own folder)",
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
    turns = Turns()
    skipped = [item for part in sections for item in _section(part, turns, utterances)]
    for number, why in sorted(skipped, key=lambda item: item[0]):
        yield SkippedInput(where(path, number), why)
    if turns:
        yield conversation(name or path.name.removesuffix(".convo.txt"), turns, source=where(path, 1))


def _section(section: _Section, turns: Turns, utterances: dict[str, list[str]]) -> Iterator[tuple[int, str]]:
    """Append the section's turn to `turns` and its checks to the `expect`
    of the customer turn before it; yield (line, why) for what is skipped."""
    if section.sender in ("begin", "end"):
        return
    if section.sender == "include":
        yield section.line, "#include of a partial convo: not expanded"
        return
    if section.sender not in ("me", "bot"):
        yield (
            section.line,
            f"unknown section {quoted('#' + section.sender)} (Botium knows #me, #bot, #begin, #end, #include)",
        )
        return
    user = section.sender == "me"
    text_lines: list[str] = []
    extra: dict[str, Any] = {}
    checks: list[tuple[int, str, Any]] = []  # (line, expect key, value), added after the bot's turn
    for number, line in section.lines:
        negated = line.lstrip("?").startswith("!")
        word, _, rest = line.lstrip("?!").partition(" ")
        args = [a.replace("\\|", "|").strip() for a in re.split(r"(?<!\\)\|", rest)] if rest else []
        text_check = None if user else _TEXT_ASSERTER.fullmatch(word)
        if word == "INCLUDE":
            yield number, "INCLUDE of a partial convo: not expanded"
        elif user and word in _USER_INPUTS:
            if word == "BUTTON" and args:
                text_lines = [args[-1]]  # BUTTON payload|text: the user sees and sends the text
            elif word == "MEDIA" and args:
                extra["media"] = args[0]
            else:
                yield number, f"{word} user input: not replayed"
        elif not user and negated and (word in _ASSERTERS or text_check):
            yield number, f"!{word}: a negated check; alur's expect cannot say what must not happen"
        elif text_check:
            try:
                checks.extend((number, "say_contains", text) for text in _texts(text_check, args, utterances))
            except ValueError as error:
                yield number, f"{word}: {error}"
        elif not user and word in _ASSERTERS:
            if word == "BUTTONS":
                extra["buttons"] = args
            elif word == "MEDIA" and args:
                extra["media"] = args[0]
            elif word == "INTENT" and args:
                checks.append((number, "intent", args[0]))
            else:
                yield number, f"{word}: alur's expect does not check this"
        elif word in _LOGIC_HOOKS:
            yield number, f"logic hook {word}: not replayed"
        else:
            text_lines.append(line)
    text = "\n".join(text_lines).strip()
    negated = not user and text.startswith("!") and not text.startswith("!!")
    if negated:
        yield section.line, "a negated bot step (!text): what the bot said is not known"
        text = ""
    if text[:1] in ("?", "!"):
        text = text[1:]  # "?" optional step; "??"/"!!" escape a literal first character
    if text in utterances and utterances[text]:
        extra["utterance"] = text
        text = utterances[text][0]
    if text or "media" in extra or "buttons" in extra:
        turns.append(turn("user" if user else "bot", text, **extra, line=section.line))
    elif user:
        turns.lose_customer_turn()
        yield section.line, "a #me step with no text, BUTTON or MEDIA"
    elif not checks and not negated:
        yield section.line, "a #bot step with no text or check: what the bot said is not known"
    for number, key, value in checks:
        try:
            customer = add_expect(turns, key, value)
        except ValueError as error:
            yield number, str(error)
            continue
        if key == "intent":
            customer["intent"] = value  # what the bot understood the customer's turn as


def _texts(check: re.Match[str], args: list[str], utterances: dict[str, list[str]]) -> list[str]:
    """The texts a TEXT_… asserter wants in the bot's answer, each to be part
    of it; ValueError when say_contains cannot express the check."""
    if check["ic"]:
        raise ValueError("ignores case; say_contains compares case as written")
    texts = []
    for arg in args:
        listed = utterances.get(arg) or [arg]
        if len(listed) > 1:
            raise ValueError(f"utterance list {quoted(arg)} allows any of {len(listed)} texts; say_contains needs one")
        texts.extend(listed)
    if not texts:
        raise ValueError("no text to check")
    if any(_MEMORY.search(text) for text in texts):
        raise ValueError("a scripting memory variable ($name): its value is only known while Botium runs")
    if check["mode"] != "ALL" and len(texts) > 1:  # TEXT and TEXT_EQUALS take any of theirs, too
        raise ValueError("any one of several texts; say_contains needs each of its texts to appear")
    how = check["how"] or "EQUALS"
    if how.startswith("WILDCARD") and any("*" in text for text in texts):
        raise ValueError("a wildcard pattern; say_contains takes plain text")
    if how.startswith("REGEX"):
        plain = [regex_as_text(text) for text in texts]
        if None in plain:
            raise ValueError("a regular expression; say_contains takes plain text")
        texts = [text for text in plain if text]
    return texts
