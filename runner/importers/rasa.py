"""Read Rasa test stories and end-to-end test cases (YAML).

Both shapes are read:

  stories:                          test_cases:
  - story: cek pesanan                - test_case: wants a human
    steps:                              steps:
    - user: |                           - user: "mau bicara dengan CS"
        mau cek [INV-123456](order)     - utter: utter_handoff
      intent: check_order               - bot: "Mohon tunggu sebentar."
    - action: utter_ask_order_id

`user:` steps become user turns (entity markup such as `[INV-123456](order)`
or `[Jakarta]{"entity": "city"}` is reduced to its text) and their `intent:`
becomes the turn's `intent`. `bot:` steps become bot turns. `utter:` and
`action: utter_…` steps become bot turns whose text is the response's first
text in the domain (`--domain domain.yml`, a file or a folder of them), or
the response name when no domain is given; the name is kept as `response`.
Other actions, slot events, forms and checkpoints are not turns and are
passed over. Each story or test case is one conversation, its name the id.

Steps alur cannot turn into a transcript are reported as FILE:LINE: intents
without user text (training stories), `or:` alternatives, unknown step keys.
`rules:` are not conversations and are reported too.

Examples:
  alur import rasa tests/test_stories.yml --domain domain.yml -o rasa.jsonl
  alur import rasa tests/ --domain domain/ --flow order_status -o rasa.jsonl
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from alur.runner.errors import InputError
from alur.runner.findings import SkippedInput
from alur.runner.importers.base import (
    ImportItem,
    WrongFormat,
    conversation,
    numbered_id,
    quoted,
    read_text,
    turn,
    where,
)
from alur.runner.safe_text import shown

NAME = "rasa"
SUMMARY = "Rasa test stories and end-to-end test cases (.yml)"
EXTENSIONS = (".yml", ".yaml")
EXAMPLE = "alur import rasa tests/test_stories.yml --domain domain.yml -o rasa.jsonl"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ENTITY = re.compile(r"\[([^\]]*)\](?:\{[^}]*\}|\([^)]*\))")
# Step keys that carry no turn: slot events, forms, checkpoints, test metadata.
_NOT_TURNS = {
    "slot_was_set", "slot_was_not_set", "active_loop", "checkpoint", "metadata",
    "assertions", "entities", "set_slots", "fixtures", "link", "call",
}  # fmt: skip


@dataclass(frozen=True)
class Options:
    responses: dict[str, str] = field(default_factory=dict)  # response name → its first text


def configure(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("rasa options")
    group.add_argument("--domain", type=Path, metavar="PATH", help="domain file or folder, for the texts of utter_ responses")


def options(args: argparse.Namespace) -> Options:
    return Options(responses=load_responses(args.domain) if args.domain else {})


def load_responses(path: Path) -> dict[str, str]:
    """Each response's first text variant, from a domain file or folder."""
    if not path.exists():
        raise InputError(f"--domain {path}: no such file or folder")
    files = sorted(p for ext in EXTENSIONS for p in path.rglob(f"*{ext}")) if path.is_dir() else [path]
    responses: dict[str, str] = {}
    for file in files:
        try:
            data = yaml.load(read_text(file), Loader=_Loader)
        except yaml.YAMLError as error:
            raise InputError(f"{_yaml_where(file, error)}: not valid YAML: {_yaml_problem(error)}") from None
        if not isinstance(data, dict):
            continue
        for key in ("responses", "templates"):  # `templates` before Rasa 2
            section = data.get(key)
            if isinstance(section, dict):
                for name, variants in section.items():
                    text = _first_text(variants)
                    if text is not None:
                        responses.setdefault(str(name), text)
    return responses


def _first_text(variants: Any) -> str | None:
    for variant in variants if isinstance(variants, list) else [variants]:
        if isinstance(variant, str):
            return variant
        if isinstance(variant, dict) and isinstance(variant.get("text"), str):
            return variant["text"]
    return None


def read(path: Path, opts: Options) -> Iterator[ImportItem]:
    text = read_text(path)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise InputError(f"{_yaml_where(path, error)}: not valid YAML: {_yaml_problem(error)}") from None
    sections = [(key, node) for key, _, node in _mapping_items(root) if key in ("stories", "test_cases", "rules")]
    if not any(key != "rules" for key, _ in sections):
        raise WrongFormat(f"{path}: no `stories:` or `test_cases:` (is this a Rasa test file?)")
    index = 0
    for key, node in sections:
        if not isinstance(node, yaml.SequenceNode):
            yield SkippedInput(where(path, _line(node)), f"`{key}:` must be a list")
            continue
        for story in node.value:
            if key == "rules":
                yield SkippedInput(where(path, _line(story)), "a rule, not a conversation")
                continue
            index += 1
            yield from _story(story, path, index, opts)


def _story(node: yaml.Node, path: Path, index: int, opts: Options) -> Iterator[ImportItem]:
    fields = {key: value for key, _, value in _mapping_items(node)}
    if not fields:
        yield SkippedInput(where(path, _line(node)), "a story must be a mapping with `steps:`")
        return
    name_node = fields.get("story") or fields.get("test_case")
    name = _scalar(name_node) or numbered_id(path.stem, index)
    steps = fields.get("steps")
    if not isinstance(steps, yaml.SequenceNode):
        yield SkippedInput(where(path, _line(node)), f"story {quoted(name)} has no `steps:` list")
        return
    turns: list[dict[str, Any]] = []
    skipped: list[SkippedInput] = []
    for step in steps.value:
        try:
            turns.extend(_step(step, opts))
        except ValueError as error:
            skipped.append(SkippedInput(where(path, _line(step)), str(error)))
    if not any(item["role"] == "user" for item in turns):
        yield SkippedInput(where(path, _line(node)), f"story {quoted(name)} has no user text (a training story?)")
        return
    yield from skipped
    yield conversation(name, turns)


def _step(node: yaml.Node, opts: Options) -> list[dict[str, Any]]:
    """The turns one step makes (none, or one); ValueError says why a step cannot be used."""
    fields = {key: value for key, _, value in _mapping_items(node)}
    if not fields:
        raise ValueError("a step must be a mapping such as `- user: ...` or `- action: ...`")
    if "user" in fields:
        text = _scalar(fields["user"])
        if text is None:
            raise ValueError("`user:` must be text")
        return [turn("user", _ENTITY.sub(r"\1", text).strip(), intent=_scalar(fields.get("intent")))]
    if "intent" in fields:
        raise ValueError("an intent without `user:` text (a training story step); nothing to import")
    if "bot" in fields:
        text = _scalar(fields["bot"])
        if text is None:
            raise ValueError("`bot:` must be text")
        return [turn("bot", text.strip())]
    for key in ("utter", "action"):
        if key in fields:
            action = _scalar(fields[key])
            if action is None:
                raise ValueError(f"`{key}:` must be a name")
            if key == "utter" or action.startswith("utter_"):
                return [turn("bot", opts.responses.get(action, action), response=action)]
            return []
    if "or" in fields:
        raise ValueError("an `or:` step lists alternatives; a transcript needs one of them")
    unknown = sorted(set(fields) - _NOT_TURNS)
    if unknown:
        raise ValueError(f"unknown step key {quoted(unknown[0])}")
    return []


def _mapping_items(node: yaml.Node | None) -> list[tuple[str, yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return []
    return [(str(key.value), key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)]


def _scalar(node: yaml.Node | None) -> str | None:
    """The text of a scalar exactly as written (`yes` stays "yes"); None for
    a missing value, a null or a collection."""
    if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null"):
        return None
    return str(node.value)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _yaml_where(path: Path, error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    return f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)


def _yaml_problem(error: yaml.YAMLError) -> str:
    """The parser's reason, masked: it may quote the text it stopped at."""
    return shown(str(getattr(error, "problem", None) or error))
