"""A fast sanity net over the shipped examples, independent of alur's own loader.

The example flows and transcripts are what a new user copies first, so a typo
in them (a route to a state that does not exist, a transcript line that is not
JSON, a test expectation naming an unknown state) must fail CI even before the
real checker, engine and runner look at them. This reads the files with plain
PyYAML, narrowed to YAML 1.2 booleans the way the contract reads flow files,
so `on:` stays a string key.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TRANSCRIPTS = EXAMPLES / "transcripts"
FLOW_FILES = sorted(EXAMPLES.glob("*.flow.yaml"))
JSONL_FILES = sorted(TRANSCRIPTS.glob("*.jsonl"))
TEST_FILES = sorted(TRANSCRIPTS.glob("*.test.yaml"))

ROLES = {"user", "bot", "agent", "system"}
EXPECT_KEYS = {"state", "escalated", "ended", "say_contains", "intent", "slots"}
STATE_KEYS = {
    "say",
    "buttons",
    "list_button",
    "collect",
    "action",
    "on",
    "next",
    "fallback",
    "escalate",
    "end",
    "description",
}
SLOT_REF = re.compile(r"\{(\w+)\}")


class _Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans (only true/false), refusing duplicate keys and aliases."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.YAMLError(f"line {mark.line + 1}: aliases are not allowed in flow files")
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.YAMLError(f"line {key_node.start_mark.line + 1}: duplicated key {key!r}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def load_yaml(path: Path) -> object:
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Yaml12Loader)  # noqa: S506 - a SafeLoader subclass


def _texts(value: object) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _routes(state: dict) -> list[tuple[str, str]]:
    """(intent-or-event, target) for both forms of `on`."""
    on = state.get("on")
    if isinstance(on, dict):
        return list(on.items())
    if isinstance(on, list):
        return [(r.get("intent") or r.get("event"), r["goto"]) for r in on]
    return []


def _flow_for(stem: str) -> dict:
    return load_yaml(EXAMPLES / f"{stem}.flow.yaml")


def test_the_five_field_examples_are_there():
    names = {p.name.removesuffix(".flow.yaml") for p in FLOW_FILES}
    assert {"order_status", "otp_login", "account_opening", "complaint", "payment_reminder"} <= names
    for name in names:
        assert (TRANSCRIPTS / f"{name}.jsonl").exists(), f"no recorded transcripts for {name}"
        assert (TRANSCRIPTS / f"{name}.test.yaml").exists(), f"no test conversations for {name}"


@pytest.mark.parametrize("path", FLOW_FILES, ids=lambda p: p.name)
def test_flow_shape_and_references(path: Path):
    flow = load_yaml(path)
    assert isinstance(flow, dict), f"{path.name}: not a mapping"
    assert flow.get("alur") == 1, f"{path.name}: `alur: 1` missing"
    assert flow.get("flow") == path.name.removesuffix(".flow.yaml"), f"{path.name}: flow id differs from file name"
    assert re.fullmatch(r"[a-z][a-z0-9_]*", flow["flow"])
    assert set(flow.get("channels", [])) <= {"whatsapp", "sms", "rcs", "webchat"}
    states: dict = flow["states"]
    slots: dict = flow.get("slots") or {}
    intents: dict = flow.get("intents") or {}
    assert flow["start"] in states, f"{path.name}: start state {flow['start']!r} is not defined"

    def target(where: str, name: str) -> None:
        assert name in states, f"{path.name}: {where} goes to undefined state {name!r}"

    for intent, goto in (flow.get("global") or {}).items():
        assert intent in intents, f"{path.name}: global routes unknown intent {intent!r}"
        target(f"global {intent}", goto)
    if flow.get("fallback"):
        target("fallback", flow["fallback"]["then"])

    for name, state in states.items():
        assert set(state) <= STATE_KEYS, f"{path.name}: state {name} has unknown keys {set(state) - STATE_KEYS}"
        terminal = state.get("escalate") is True or state.get("end") is True
        if terminal:
            assert "on" not in state and "next" not in state, f"{path.name}: terminal state {name} routes on"
        for key, goto in _routes(state):
            target(f"state {name} on {key}", goto)
            if "action" not in state:
                assert key in intents, f"{path.name}: state {name} routes unknown intent {key!r}"
        if "next" in state:
            target(f"state {name} next", state["next"])
        if "then" in (state.get("fallback") or {}):
            target(f"state {name} fallback", state["fallback"]["then"])
        if "collect" in state:
            assert state["collect"] in slots, f"{path.name}: state {name} collects unknown slot {state['collect']!r}"
        for button in state.get("buttons") or []:
            if isinstance(button, dict) and "intent" in button:
                assert button["intent"] in intents, f"{path.name}: button in {name} names unknown intent"
        texts = _texts(state.get("say")) + _texts((state.get("fallback") or {}).get("say"))
        for text in texts:
            for ref in SLOT_REF.findall(text):
                assert ref in slots, f"{path.name}: state {name} says {{{ref}}}, not a slot"
        if not terminal:
            assert "action" in state or "next" in state or "collect" in state or _routes(state), (
                f"{path.name}: state {name} has no way out"
            )


@pytest.mark.parametrize("path", JSONL_FILES, ids=lambda p: p.name)
def test_recorded_transcripts_are_valid(path: Path):
    stem = path.name.removesuffix(".jsonl")
    states = _flow_for(stem)["states"]
    ids = set()
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        where = f"{path.name}:{number}"
        try:
            conv = json.loads(line)
        except json.JSONDecodeError as err:
            pytest.fail(f"{where}: not JSON ({err.msg})")
        assert isinstance(conv, dict), f"{where}: not an object"
        assert conv["id"] not in ids, f"{where}: duplicated id {conv['id']}"
        ids.add(conv["id"])
        assert conv.get("flow") == stem, f"{where}: flow is {conv.get('flow')!r}"
        assert conv["turns"], f"{where}: no turns"
        for turn in conv["turns"]:
            assert turn["role"] in ROLES, f"{where}: role {turn['role']!r}"
            assert isinstance(turn["text"], str) and turn["text"], f"{where}: empty text"
            if "state" in turn:
                assert turn["state"] in states, f"{where}: unknown state {turn['state']!r}"
        for action, outcomes in (conv.get("actions") or {}).items():
            assert isinstance(outcomes, list) and all(isinstance(o, str) for o in outcomes), f"{where}: {action}"
    assert 8 <= len(ids) <= 15, f"{path.name}: {len(ids)} conversations"
    assert any(i.endswith("-bad") for i in ids), f"{path.name}: no conversation marked -bad"


@pytest.mark.parametrize("path", TEST_FILES, ids=lambda p: p.name)
def test_test_conversations_name_real_states_intents_and_slots(path: Path):
    stem = path.name.removesuffix(".test.yaml")
    flow = _flow_for(stem)
    suite = load_yaml(path)
    assert suite["flow"] == stem
    ids = [c["id"] for c in suite["conversations"]]
    assert len(ids) == len(set(ids)), f"{path.name}: duplicated ids"
    saw_escalation = False
    for conv in suite["conversations"]:
        for turn in conv["turns"]:
            assert isinstance(turn["user"], str), f"{path.name} {conv['id']}: user turn is not text"
            expect = turn.get("expect") or {}
            assert set(expect) <= EXPECT_KEYS, f"{path.name} {conv['id']}: unknown expect keys"
            if "state" in expect:
                assert expect["state"] in flow["states"], f"{path.name} {conv['id']}: state {expect['state']!r}"
            if "intent" in expect:
                assert expect["intent"] in flow["intents"], f"{path.name} {conv['id']}: intent {expect['intent']!r}"
            for slot in expect.get("slots") or {}:
                assert slot in flow["slots"], f"{path.name} {conv['id']}: slot {slot!r}"
            saw_escalation |= expect.get("escalated") is True
    assert saw_escalation, f"{path.name}: no test conversation expects an escalation"
