"""The STAR example flows (examples/star/) against recorded STAR conversations.

The flows' state names are the wizards' reply labels, so a recorded
conversation replayed through its flow can be compared turn by turn with
what the wizard did. The corpus is read from ../shared/corpus/star relative
to the repository; the replay tests skip when it is absent.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import orjson
import pytest

from alur.flows.check import check_paths, load_runnable_flow
from alur.flows.engine import Engine
from alur.runner.replay import trace_conversation
from alur.runner.transcripts import conversation_from_record

ROOT = Path(__file__).resolve().parents[2]
FLOWS = ROOT / "examples" / "star"
CORPUS = ROOT.parent / "shared" / "corpus" / "star" / "dialogues.jsonl.gz"

# Recorded conversations and what the task's database answered in them
# (STAR records no action outcomes; these are read off the wizard's replies).
CASES = [
    ("weather", "star-309", {"get_forecast": ["need_day", "found", "found"]}),  # asks the day first
    ("weather", "star-534", {"get_forecast": ["found"] * 4}),  # four forecasts in a row are no loop for the customer
    (
        "bank_fraud_report",
        "star-808",
        {"submit_fraud_report": ["query_success"]},
    ),  # security questions instead of account number
    (
        "bank_fraud_report",
        "star-1394",
        {"submit_fraud_report": ["query_success"]},
    ),  # a remark instead of the PIN is re-asked
    (
        "spaceship_access_codes",
        "star-1157",
        {"check_code": ["unlocked"]},
    ),  # promoted to captain mid-way: code asked again
    ("spaceship_access_codes", "star-1869", {"check_code": ["unlocked"]}),
]


@pytest.fixture(scope="module")
def recorded() -> dict[str, dict]:
    if not CORPUS.exists():
        pytest.skip(f"STAR corpus not found at {CORPUS}")
    wanted = {ident for _, ident, _ in CASES}
    found = {}
    with gzip.open(CORPUS, "rb") as lines:
        for line in lines:
            if any(f'"{ident}"'.encode() in line for ident in wanted):
                record = orjson.loads(line)
                if record["id"] in wanted:
                    found[record["id"]] = record
    return found


@pytest.fixture(scope="module")
def engines() -> dict[str, Engine]:
    return {
        path.name.removesuffix(".flow.yaml"): Engine(load_runnable_flow(path)) for path in FLOWS.glob("*.flow.yaml")
    }


def test_star_flows_check_clean() -> None:
    results = list(check_paths([FLOWS]))
    assert len(results) == 3
    problems = [f"{r.path}: {d}" for r in results for d in r.diagnostics]
    assert not problems, problems  # warnings accepted on purpose are ignored in the files, with the reason


def wizard_replies(turns: list[dict]) -> list[tuple[int, str]]:
    """(index of the customer turn, label of the wizard's reply to it)."""
    pairs = []
    for index in range(len(turns) - 1):
        if turns[index]["role"] == "user" and turns[index + 1]["role"] == "bot":
            pairs.append((index, turns[index + 1]["state"]))
    return pairs


@pytest.mark.parametrize(("flow", "ident", "actions"), CASES, ids=[c[1] for c in CASES])
def test_replay_follows_the_wizard(recorded: dict, engines: dict, flow: str, ident: str, actions: dict) -> None:
    record = dict(recorded[ident], actions=actions)
    conversation = conversation_from_record(record, f"{CORPUS}:{ident}")
    result, trace = trace_conversation(engines[flow], conversation)
    assert result.error is None
    alur = [(turn.index, turn.step.state) for turn in trace.turns]
    assert alur == wizard_replies(record["turns"])
    if ident != "star-534":
        assert result.findings == []


def test_forecasts_asked_one_after_another_are_no_loop(recorded: dict, engines: dict) -> None:
    record = dict(recorded["star-534"], actions={"get_forecast": ["found"] * 4})
    result, _ = trace_conversation(engines["weather"], conversation_from_record(record, "star-534"))
    assert result.findings == []


@pytest.mark.parametrize("flow", ["weather", "bank_fraud_report", "spaceship_access_codes"])
def test_a_person_is_one_turn_away_from_every_waiting_state(engines: dict, flow: str) -> None:
    engine = engines[flow]
    waiting = [name for name, state in engine.flow.states.items() if state.waits]
    assert waiting
    for name in waiting:
        conversation, _ = engine.start(state=name)
        step = engine.turn(conversation, "can I talk to a real person please")
        assert step.escalated, f"{flow}: asking for a person in {name} led to {step.state}"


@pytest.mark.parametrize("flow", ["weather", "bank_fraud_report", "spaceship_access_codes"])
def test_a_customer_never_understood_reaches_a_person(engines: dict, flow: str) -> None:
    engine = engines[flow]
    conversation, opening = engine.start()
    said = [message.text for message in opening.messages]
    step = opening
    for text in ["hi", "purple monkey dishwasher", "zzz", "qwerty uiop"]:
        step = engine.turn(conversation, text)
        said += [message.text for message in step.messages]
    assert step.escalated
    reprompts = said[1:-1]
    assert len(set(reprompts)) == len(reprompts), "a re-prompt repeats word for word"
