"""Read Rasa test stories and end-to-end test cases (YAML), checks included.

Both shapes are read, with the `assertions:` of Rasa's CALM tests:

  stories:                          test_cases:
  - story: cek pesanan              - test_case: wants a human
    steps:                            steps:
    - user: |                         - user: "mau bicara dengan CS"
        mau cek [INV-123456](order)     assertions:
      intent: check_order               - slot_was_set:
    - action: utter_ask_order_id          - name: handoff
                                            value: true
                                      - utter: utter_handoff
                                      - bot: "Mohon tunggu sebentar."

Each story or test case is one conversation, its name the id. A check
becomes an `expect` of the customer turn before it, which `alur replay`
checks once the bot has answered that turn:

  user: (entity markup reduced to text)  a user turn
  intent: beside user:                   the turn's `intent`, and expect intent
  bot: TEXT                              a bot turn, and expect say_contains TEXT
  utter: / action: utter_…               a bot turn with the response's text from
                                         --domain (the name kept as `response`),
                                         and expect say_contains that text
  slot_was_set: [slot: value]            expect slots {slot: value}
  slot_was_not_set: [slot]               expect slots {slot: null} (empty now)
  assertions:
    bot_uttered: utter_name / text_matches  expect say_contains (a response with
                                         {placeholders}: its longest fixed part;
                                         text_matches only when it is plain text)
    action_executed: utter_…             expect say_contains, as utter:
    slot_was_set / slot_was_not_set      expect slots, as above
    flow_started: pattern_human_handoff  expect escalated: true

Listed as skipped, FILE:LINE and why: custom actions (the flow calls its
own), other flow_started, flow_completed, flow_cancelled and
pattern_clarification_contains (Rasa flows are not alur states),
bot_did_not_utter, generative_response_is_relevant / _grounded (an LLM
judge), button checks, slot checks without a value, entity annotations,
fixtures, metadata, assertion_order_enabled, stub_custom_actions, forms
(active_loop), checkpoints, `or:` steps, intents without user text
(training stories), `rules:`, unknown keys, responses with several text
variants, and responses missing from --domain (their bot turn carries the
name as text). Without --domain, a note counts the bot turns that carry a
response name as text.

Examples:
  alur import rasa tests/test_stories.yml --domain domain.yml -o rasa.jsonl
  alur import rasa e2e_tests/ --domain domain/ --flow transfer_money -o rasa.jsonl
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
    Note,
    Turns,
    WrongFormat,
    add_expect,
    conversation,
    numbered_id,
    quoted,
    read_text,
    regex_as_text,
    turn,
    where,
)
from alur.runner.safe_text import shown

NAME = "rasa"
SUMMARY = "Rasa test stories and end-to-end test cases, assertions included (.yml)"
EXTENSIONS = (".yml", ".yaml")
EXAMPLE = "alur import rasa e2e_tests/ --domain domain.yml -o rasa.jsonl"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ENTITY = re.compile(r"\[([^\]]*)\](?:\{[^}]*\}|\([^)]*\))")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_SHORTEST_FIXED_PART = 8  # a response's fixed text shorter than this says too little to check
_USER_STEP_KEYS = {"user", "intent", "entities", "metadata", "assertions", "assertion_order_enabled"}
_RASA_FLOWS = "Rasa flows are not alur states; check the state the flow reaches with `state`"
# Why a step, test-case key or assertion that alur cannot check is skipped.
_SKIPPED = {
    "active_loop": "a form (active_loop): alur has no forms; check the state the flow reaches",
    "checkpoint": "a checkpoint joins stories; not expanded",
    "metadata": "message metadata is not replayed",
    "assertion_order_enabled": "alur checks each assertion, not the order they happen in",
    "fixtures": "they preset slots before the test; alur's replay starts with empty slots",
    "flow_started": _RASA_FLOWS,
    "flow_completed": _RASA_FLOWS,
    "flow_cancelled": _RASA_FLOWS,
    "pattern_clarification_contains": _RASA_FLOWS,
    "bot_did_not_utter": "alur's expect cannot say what the bot must not say",
    "generative_response_is_relevant": "judged by an LLM; alur's flows say fixed texts",
    "generative_response_is_grounded": "judged by an LLM; alur's flows say fixed texts",
}
_CASE_KEYS = {"story", "test_case", "steps"}

Line = tuple[int, str]  # (line, why) of something skipped


@dataclass(frozen=True)
class Options:
    responses: dict[str, str] = field(default_factory=dict)  # response name → its first text
    variants: dict[str, int] = field(default_factory=dict)  # response name → how many text variants
    domain: bool = False  # whether --domain was given


def configure(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("rasa options")
    group.add_argument(
        "--domain", type=Path, metavar="PATH", help="domain file or folder, for the texts of utter_ responses"
    )


def options(args: argparse.Namespace) -> Options:
    if not args.domain:
        return Options()
    responses, variants = load_responses(args.domain)
    return Options(responses, variants, domain=True)


def load_responses(path: Path) -> tuple[dict[str, str], dict[str, int]]:
    """Each response's first text, and how many text variants it has, from a
    domain file or folder."""
    if not path.exists():
        raise InputError(f"--domain {path}: no such file or folder")
    files = sorted(p for ext in EXTENSIONS for p in path.rglob(f"*{ext}")) if path.is_dir() else [path]
    responses: dict[str, str] = {}
    variants: dict[str, int] = {}
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
                for name, listed in section.items():
                    texts = _texts(listed)
                    if texts and str(name) not in responses:
                        responses[str(name)] = texts[0]
                        variants[str(name)] = len(texts)
    return responses, variants


def _texts(variants: Any) -> list[str]:
    """The text variants of one response (one with only an image or a custom
    payload has none)."""
    texts = []
    for variant in variants if isinstance(variants, list) else [variants]:
        if isinstance(variant, str):
            texts.append(variant)
        elif isinstance(variant, dict) and isinstance(variant.get("text"), str):
            texts.append(variant["text"])
    return texts


def read(path: Path, opts: Options) -> Iterator[ImportItem]:
    text = read_text(path)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise InputError(f"{_yaml_where(path, error)}: not valid YAML: {_yaml_problem(error)}") from None
    items = _mapping_items(root)
    sections = [(key, node) for key, _, node in items if key in ("stories", "test_cases", "rules")]
    if not any(key != "rules" for key, _ in sections):
        raise WrongFormat(f"{path}: no `stories:` or `test_cases:` (is this a Rasa test file?)")
    for key, key_node, _ in items:
        if key == "stub_custom_actions":
            yield SkippedInput(
                where(path, _line(key_node)),
                "stub_custom_actions: give action outcomes as `actions` (or replay --actions)",
            )
    reader = _Reader(path, opts)
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
            yield from reader.story(story, index)
    if reader.unnamed:
        yield Note(
            str(path),
            f"no --domain: {reader.unnamed:,} bot turn(s) carry the response name as text, and their text is not checked",
        )


class _Reader:
    """One file's stories and test cases: steps become turns, checks `expect`."""

    def __init__(self, path: Path, opts: Options) -> None:
        self.path = path
        self.opts = opts
        self.unnamed = 0  # bot turns given their response's name as text, for want of --domain

    def story(self, node: yaml.Node, index: int) -> Iterator[ImportItem]:
        path = self.path
        fields = _fields(node)
        if not fields:
            yield SkippedInput(where(path, _line(node)), "a story must be a mapping with `steps:`")
            return
        name = _scalar(fields.get("story", fields.get("test_case", (node, None)))[1]) or numbered_id(path.stem, index)
        steps = fields.get("steps", (node, None))[1]
        if not isinstance(steps, yaml.SequenceNode):
            yield SkippedInput(where(path, _line(node)), f"story {quoted(name)} has no `steps:` list")
            return
        turns = Turns()
        skipped = [
            (
                _line(key_node),
                f"{key}: {_SKIPPED[key]}" if key in _SKIPPED else f"unknown key {quoted(key)} in a test case",
            )
            for key, (key_node, _) in fields.items()
            if key not in _CASE_KEYS
        ]
        unnamed = self.unnamed
        for step in steps.value:
            skipped.extend(self.step(step, turns))
        if not any(item["role"] == "user" for item in turns):
            self.unnamed = unnamed  # none of its turns are written
            yield SkippedInput(where(path, _line(node)), f"story {quoted(name)} has no user text (a training story?)")
            return
        yield from (SkippedInput(where(path, line), why) for line, why in skipped)
        yield conversation(name, turns, source=where(path, _line(node)))

    def step(self, node: yaml.Node, turns: Turns) -> Iterator[Line]:
        """Append the turn a step makes to `turns` and its checks to the last
        customer turn's `expect`; yield what of it is skipped."""
        fields = _fields(node)
        line = _line(node)
        if not fields:
            yield line, "a step must be a mapping such as `- user: ...` or `- action: ...`"
        elif "user" in fields:
            yield from self.user(fields, line, turns)
        elif "intent" in fields:
            yield line, "an intent without `user:` text (a training story step); nothing to import"
        elif "or" in fields:
            yield line, "an `or:` step lists alternatives; a transcript needs one of them"
        else:
            for key, (key_node, value) in fields.items():
                yield from self.event(key, value, _line(key_node), turns)

    def user(self, fields: dict[str, tuple[yaml.Node, yaml.Node]], line: int, turns: Turns) -> Iterator[Line]:
        text = _scalar(fields["user"][1])
        if text is None:
            turns.lose_customer_turn()
            yield line, "`user:` must be text"
            return
        intent = _scalar(fields.get("intent", (None, None))[1])
        turns.append(turn("user", _ENTITY.sub(r"\1", text).strip(), intent=intent, line=line))
        if intent:
            add_expect(turns, "intent", intent)
        if "entities" in fields or _ENTITY.search(text):
            yield line, "entity annotations are not checked: alur fills slots, not entities (check the slot instead)"
        for key, (key_node, value) in fields.items():
            if key in ("metadata", "assertion_order_enabled"):
                yield _line(key_node), f"{key}: {_SKIPPED[key]}"
            elif key == "assertions":
                if not isinstance(value, yaml.SequenceNode):
                    yield _line(key_node), "`assertions:` must be a list"
                    continue
                for assertion in value.value:
                    if not _mapping_items(assertion):
                        yield (
                            _line(assertion),
                            "an assertion must be a mapping such as `- bot_uttered: {utter_name: …}`",
                        )
                    for name, name_node, body in _mapping_items(assertion):
                        yield from self.event(name, body, _line(name_node), turns, "assertion")
            elif key not in _USER_STEP_KEYS:
                yield _line(key_node), f"unknown key {quoted(key)} in a user step"

    def event(self, key: str, value: yaml.Node, line: int, turns: Turns, what: str = "step key") -> Iterator[Line]:
        """A story step other than a user message, or one assertion."""
        try:
            if key in ("bot", "utter", "action", "action_executed"):
                yield from self.bot(key, value, line, turns)
            elif key == "bot_uttered":
                yield from self.bot_uttered(value, line, turns)
            elif key in ("slot_was_set", "slot_was_not_set"):
                yield from self.slots(key, value, line, turns)
            elif key == "flow_started" and _started_flows(value) == ["pattern_human_handoff"]:
                add_expect(turns, "escalated", True)  # Rasa's own pattern for handing over to a person
            elif key in _SKIPPED:
                yield line, f"{key}: {_SKIPPED[key]}"
            else:
                yield line, f"unknown {what} {quoted(key)}"
        except ValueError as error:
            yield line, str(error)

    def bot(self, key: str, value: yaml.Node, line: int, turns: Turns) -> Iterator[Line]:
        """`bot: text`, `utter: name`, `action: name` and `action_executed: name`."""
        name = _scalar(value)
        if name is None:
            raise ValueError(f"`{key}:` must be {'text' if key == 'bot' else 'a name'}")
        if key == "bot":
            turns.append(turn("bot", name.strip(), line=line))
            add_expect(turns, "say_contains", name.strip())
            return
        if key != "utter" and not name.startswith("utter_"):
            yield line, f"custom action {quoted(name)}: alur's flow calls its own actions; not checked"
            return
        if key != "action_executed":  # an assertion adds no turn: the bot turn is the step's
            text = self.opts.responses.get(name)
            turns.append(turn("bot", name if text is None else text, response=name, line=line))
        yield from self.says(name, line, turns)

    def says(self, name: str, line: int, turns: Turns) -> Iterator[Line]:
        """Expect the bot to say response `name`, when its one text is known."""
        if name not in self.opts.responses:
            if self.opts.domain:
                yield line, f"response {quoted(name)} is not in --domain: its text is unknown and not checked"
            else:
                self.unnamed += 1
            return
        variants = self.opts.variants.get(name, 1)
        if variants > 1:
            yield line, f"response {quoted(name)} has {variants} text variants; say_contains needs the one the bot says"
            return
        fixed = _fixed_part(self.opts.responses[name])
        if fixed is None:
            yield line, f"response {quoted(name)} is mostly {{placeholders}}: no fixed text to check"
            return
        add_expect(turns, "say_contains", fixed)

    def bot_uttered(self, value: yaml.Node, line: int, turns: Turns) -> Iterator[Line]:
        fields = _fields(value)
        if not fields:
            raise ValueError("bot_uttered must be a mapping with utter_name, text_matches or buttons")
        for key, (key_node, node) in fields.items():
            at = _line(key_node)
            text = _scalar(node)
            if key == "utter_name" and text:
                yield from self.says(text, at, turns)
            elif key == "text_matches" and text:
                literal = regex_as_text(text)
                if literal is None:
                    yield at, "text_matches is a regular expression; say_contains takes plain text"
                else:
                    add_expect(turns, "say_contains", literal)
            elif key == "buttons":
                yield at, "button checks: alur's expect does not check buttons"
            else:
                yield at, f"unknown bot_uttered key {quoted(key)}"

    def slots(self, key: str, value: yaml.Node, line: int, turns: Turns) -> Iterator[Line]:
        """`slot_was_set` / `slot_was_not_set`, as story steps (`- slot: value`,
        `- slot`) or as assertions (`- name: slot` with an optional `value:`)."""
        if not isinstance(value, yaml.SequenceNode):
            raise ValueError(f"`{key}:` must be a list of slots")
        must_be_set = key == "slot_was_set"
        for item in value.value:
            at = _line(item)
            try:
                name, wanted, has_value = _slot(item)
            except ValueError as error:
                yield at, f"{key}: {error}"
                continue
            if must_be_set and not has_value:
                yield at, f"slot_was_set {quoted(name)} without a value: alur's expect compares values"
            elif not must_be_set and has_value:
                yield at, f"slot_was_not_set {quoted(name)} with a value: alur's expect cannot say 'any value but this'"
            else:
                try:
                    add_expect(turns, "slots", {name: wanted if must_be_set else None})
                except ValueError as error:
                    yield at, str(error)


def _started_flows(node: yaml.Node) -> list[str] | None:
    """The flow ids a `flow_started` assertion names all of: `flow_started:
    id`, or `flow_ids:` with `operator: all`; None for `any` of several."""
    if isinstance(node, yaml.ScalarNode):
        return [str(node.value)]
    fields = _fields(node)
    ids = fields.get("flow_ids", (node, None))[1]
    operator = str(_scalar(fields.get("operator", (node, None))[1]) or "all").lower()
    if not isinstance(ids, yaml.SequenceNode) or (operator != "all" and len(ids.value) > 1):
        return None
    return [str(_scalar(item)) for item in ids.value]


def _slot(node: yaml.Node) -> tuple[str, Any, bool]:
    """(name, value, whether a value is given) of one slot entry: `slot`,
    `slot: value`, or `name: slot` with an optional `value: v`; ValueError
    for anything else."""
    if isinstance(node, yaml.ScalarNode) and _scalar(node):
        return str(_scalar(node)), None, False
    fields = _fields(node)
    names = set(fields)
    if "name" in names and names <= {"name", "value"} and _scalar(fields["name"][1]):
        given = "value" in fields
        return str(_scalar(fields["name"][1])), _value(fields["value"][1]) if given else None, given
    if len(fields) == 1:
        [(name, (_, value))] = fields.items()
        return name, _value(value), True
    raise ValueError("an entry must be `slot`, `slot: value` or `name: slot` with `value:`")


def _value(node: yaml.Node) -> Any:
    """A slot value as Rasa reads it (YAML 1.2: `yes` stays text): null,
    true/false, a number, or text; ValueError for a list or mapping."""
    if not isinstance(node, yaml.ScalarNode):
        raise ValueError("a list or mapping value cannot be compared by alur's expect")
    plain = not node.style  # '' or None, by loader: not quoted, not a block
    if node.tag.endswith(":null") or (plain and node.value in ("", "~", "null", "Null", "NULL")):
        return None
    text = str(node.value)
    if plain:
        if text.lower() in ("true", "false"):
            return text.lower() == "true"
        if _NUMBER.fullmatch(text):
            number = float(text)
            return int(number) if number.is_integer() and not any(c in text for c in ".eE") else number
    return text


def _fixed_part(text: str) -> str | None:
    """The text a response always says: all of it, or for a response with
    `{slot}` placeholders its longest fixed part (None when that is too short
    to say anything)."""
    if not _PLACEHOLDER.search(text):
        return text.strip()
    longest = max((part.strip() for part in _PLACEHOLDER.split(text)), key=len)
    return longest if len(longest) >= _SHORTEST_FIXED_PART else None


def _fields(node: yaml.Node | None) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """A mapping node's entries: key → (key node, value node)."""
    return {key: (key_node, value) for key, key_node, value in _mapping_items(node)}


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
