"""Every example flow, driven end to end through the real engine and NLU.

For each `examples/*.flow.yaml` a breadth-first search plays customer turns
(button numbers, the intents' own example phrases, plausible values for the
slot being collected, a plain request for a human) and every outcome of
every action, until it has found a conversation reaching each end and
escalate state. A terminal state no typed conversation reaches, or an
engine failure on the way, fails here.

Then a few conversations typed the way real Indonesian customers type.
"""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path

import pytest

from alur.flows.check import load_runnable_flow
from alur.flows.engine import Engine, Step
from alur.flows.loader import load_document
from alur.flows.model import Flow, Slot

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.flow.yaml"))
MAX_TURNS = 12
HUMAN = "mau ngomong sama CS aja"

_SAMPLES = {
    "phone": ["081234567890"],
    "email": ["budi.santoso@example.com"],
    "date": ["besok", "17 Agustus 2024"],
    "number": ["3"],
    "money": ["Rp 250.000"],
    "text": ["barangnya rusak pas sampai, kardusnya penyok"],
}


class _NeedOutcome(Exception):
    def __init__(self, routed: tuple[str, ...]):
        self.routed = routed


def _regex_samples(pattern: str, texts: list[str]) -> list[str]:
    """Values for a regex slot: what the flow's own prompts show as examples
    ("contoh: INV-123456"), else the pattern with its simple pieces filled in."""
    found = [m.group(0) for text in texts for m in re.finditer(pattern, text)]
    if found:
        return found[:1]
    filled = re.sub(r"\[0-9\]\{(\d+)\}|\\d\{(\d+)\}", lambda m: "4" * int(m.group(1) or m.group(2)), pattern)
    filled = re.sub(r"\[A-Z\]\{(\d+)\}", lambda m: "K" * int(m.group(1)), filled)
    filled = filled.replace("\\-", "-").replace("^", "").replace("$", "")
    return [filled] if re.fullmatch(pattern, filled) else []


def _slot_samples(flow: Flow, slot: Slot, prompts: list[str]) -> list[str]:
    if slot.type == "choice":
        return list(slot.choices[:2])
    if slot.type == "otp":
        return ["4" * (slot.length or 6)]
    if slot.type == "regex" and slot.pattern:
        return _regex_samples(slot.pattern, prompts)
    if slot.type in ("number", "money") and (slot.min is not None or slot.max is not None):
        low = slot.min if slot.min is not None else 0
        high = slot.max if slot.max is not None else low * 100 + 100
        return [str(int(low) + 1), str(int((low + high) / 2))]
    return _SAMPLES.get(slot.type, [])


def _inputs(flow: Flow, state_name: str) -> list[str]:
    """What a customer might type in this state."""
    state = flow.states[state_name]
    texts = [str(n) for n in range(1, len(state.buttons) + 1)]
    intents = [r.trigger for r in state.routes if not r.is_event] + [r.trigger for r in flow.global_routes]
    for name in dict.fromkeys(intents):
        if name in flow.intents:
            texts += list(flow.intents[name].examples[:2])
    if state.collect is not None:
        prompts = list(state.say) + list(flow.fallback_for(state).say)
        texts += _slot_samples(flow, flow.slots[state.collect], prompts)
    texts.append(HUMAN)
    return list(dict.fromkeys(texts))


def _play(engine: Engine, lines: list[str], outcomes: list[str]) -> tuple[Step, list[Step]]:
    """Run a conversation from the start; _NeedOutcome when an action needs
    an outcome beyond `outcomes`."""
    queue = deque(outcomes)

    def ask(action: str, state: str, routed: tuple[str, ...]) -> str:
        if queue:
            return queue.popleft()
        raise _NeedOutcome(routed)

    conversation, step = engine.start(ask_outcome=ask)
    steps = [step]
    for line in lines:
        step = engine.turn(conversation, line)
        steps.append(step)
    return step, steps


def _search(flow: Flow) -> dict[str, tuple[list[str], list[str], list[Step]]]:
    """For each terminal state, the first conversation found that reaches it."""
    engine = Engine(flow)
    found: dict[str, tuple[list[str], list[str], list[Step]]] = {}
    frontier: deque[tuple[list[str], list[str]]] = deque([([], [])])
    seen: set[tuple] = set()
    while frontier:
        lines, outcomes = frontier.popleft()
        try:
            step, steps = _play(engine, lines, outcomes)
        except _NeedOutcome as need:
            frontier.extend((lines, outcomes + [o]) for o in need.routed)
            continue
        key = (step.state, repr(sorted(step.slots.items())), step.retries)
        if key in seen:
            continue
        seen.add(key)
        if step.terminal:
            found.setdefault(step.state, (lines, outcomes, steps))
        elif step.waiting and len(lines) < MAX_TURNS:
            frontier.extend((lines + [text], outcomes) for text in _inputs(flow, step.state))
    return found


def test_there_are_example_flows():
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name.removesuffix(".flow.yaml"))
def test_each_example_reaches_every_end_and_escalate_state(path):
    flow = load_runnable_flow(path)
    found = _search(flow)
    terminal = {name for name, state in flow.states.items() if state.terminal}
    assert terminal - set(found) == set(), f"{path.name}: no typed conversation reaches {sorted(terminal - set(found))}"
    reached = [found[name][2][-1] for name in sorted(terminal)]
    assert any(step.ended for step in reached) and any(step.escalated for step in reached)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name.removesuffix(".flow.yaml"))
def test_asking_for_a_human_in_any_waiting_state_reaches_one(path):
    """ "mau ngomong sama CS aja" escalates from every waiting state, at
    once or after the flow confirms the request ("Yakin mau ke CS?")."""
    flow = load_runnable_flow(path)
    engine = Engine(flow)
    first = lambda action, state, routed: routed[0] if routed else None  # noqa: E731
    for name, state in flow.states.items():
        if not state.waits:
            continue
        conversation, _ = engine.start(state=name, ask_outcome=first)
        step = engine.turn(conversation, HUMAN)
        if step.waiting and step.state != name:
            step = engine.turn(conversation, HUMAN)
        assert step.escalated, f"{path.name}: in state {name!r}, {HUMAN!r} led to {step.state!r} ({step.events})"


TEST_FILES = sorted((Path(__file__).resolve().parents[2] / "examples" / "transcripts").glob("*.test.yaml"))


def _conversations() -> list[tuple[Path, dict]]:
    out = []
    for path in TEST_FILES:
        data = load_document(path.read_text(encoding="utf-8"), str(path)).data  # YAML 1.2, as alur reads them
        out += [(path, conversation) for conversation in data["conversations"]]
    return out


def _unmet(step: Step, expect: dict) -> list[str]:
    actual = {
        "state": step.state,
        "escalated": step.escalated,
        "ended": step.ended,
        "intent": step.intent,
    }
    problems = [
        f"{key}: expected {value!r}, got {actual[key]!r}"
        for key, value in expect.items()
        if key in actual and actual[key] != value
    ]
    if "say_contains" in expect and expect["say_contains"] not in step.text:
        problems.append(f"say_contains: {expect['say_contains']!r} not in {step.text!r}")
    for name, value in expect.get("slots", {}).items():
        if str(step.slots.get(name)) != str(value):
            problems.append(f"slot {name}: expected {value!r}, got {step.slots.get(name)!r}")
    return problems


@pytest.mark.parametrize(
    ("path", "conversation"), _conversations(), ids=lambda v: v["id"] if isinstance(v, dict) else v.stem
)
def test_the_examples_test_conversations_go_where_the_designer_meant(path, conversation):
    """The hand-written customer conversations beside each example (slang,
    typos, button numbers, requests for a human) reach the expected states."""
    flow = load_runnable_flow(path.parent.parent / f"{path.name.removesuffix('.test.yaml')}.flow.yaml")
    engine = Engine(flow)
    state, _ = engine.start(actions=conversation.get("actions"))
    failures = []
    for index, turn in enumerate(conversation["turns"]):
        step = engine.turn(state, turn["user"])
        failures += [f"turn {index} {turn['user']!r}: {problem}" for problem in _unmet(step, turn.get("expect", {}))]
    assert not failures, "\n".join(failures)


def test_the_order_bot_says_youre_welcome_only_after_a_thanks():
    """`done` answers a thanks ("makasih", "Sudah jelas"); a refused
    cancellation used to reach it too, and the bot thanked a customer back
    who had thanked no one."""
    flow = load_runnable_flow(EXAMPLES[0].parent / "order_status.flow.yaml")
    engine = Engine(flow)
    conversation, _ = engine.start(actions={"lookup_order": ["found"], "cancel_order": ["too_late"]})
    for turn in ("batalin pesanan sy dong", "INV-310877"):
        engine.turn(conversation, turn)
    refused = engine.turn(conversation, "Ya, batalkan")
    assert refused.ended and "done" not in refused.path
    into_done = [
        (name, route.trigger) for name, state in flow.states.items() for route in state.routes if route.target == "done"
    ]
    into_done += [(None, route.trigger) for route in flow.global_routes if route.target == "done"]
    into_done += [(name, "next") for name, state in flow.states.items() if state.next == "done"]
    assert {trigger for _, trigger in into_done} == {"thanks"}
