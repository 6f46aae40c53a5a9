"""Action outcomes without writing each one: `always`, `cycle` and `by_slot`
in `--actions FILE` and in a transcript's `actions`, and outcomes inferred
from the bot states a recording carries (STAR's bot turns have `state`)."""

from __future__ import annotations

import gzip
import json
import textwrap
from pathlib import Path

import orjson
import pytest

from alur.flows.check import load_runnable_flow
from alur.flows.engine import ActionOutcomeError, Engine
from alur.flows.outcomes import OutcomesError, parse_outcomes
from alur.flows.validate import parse_flow
from alur.runner.cli import main
from alur.runner.replay import ReplayConfig, Replayer
from alur.runner.transcripts import conversation_from_record

ROOT = Path(__file__).resolve().parents[2]
STAR = ROOT.parent / "shared" / "corpus" / "star" / "dialogues.jsonl.gz"

SHOP_TEXT = "alur: 1\nflow: shop\n" + textwrap.dedent(
    """
    start: ask_order_id
    slots:
      order_id: {type: regex, pattern: "INV-[0-9]{6}"}
    states:
      ask_order_id:
        say: "Kirim nomor pesanan."
        collect: order_id
        next: lookup
      lookup:
        action: lookup_order
        on:
          found: tell_status
          not_found: not_found
          error: handoff
      not_found:
        say: "Pesanan tidak ditemukan. Kirim nomor lain."
        collect: order_id
        next: lookup
      tell_status:
        say: "Pesanan {order_id} sedang dikirim. Ada lagi?"
        collect: order_id
        next: lookup
      handoff:
        escalate: true
        say: "Mohon tunggu, kami hubungkan dengan agen."
    """
)
SHOP = parse_flow(SHOP_TEXT)
ORDERS = ["INV-000001", "INV-000002", "INV-000003", "INV-000004"]


def _states(actions: dict[str, object], texts: list[str] = ORDERS) -> list[str]:
    engine = Engine(SHOP)
    conversation, _ = engine.start(actions=actions)
    return [engine.turn(conversation, text).state for text in texts]


def test_always_gives_the_same_outcome_on_every_call() -> None:
    assert _states({"lookup_order": {"always": "found"}}) == ["tell_status"] * 4


def test_cycle_starts_again_after_the_last() -> None:
    assert _states({"lookup_order": {"cycle": ["found", "not_found"]}}) == ["tell_status", "not_found"] * 2


@pytest.mark.parametrize(
    "rule",
    [
        {"by_slot": "order_id", "values": {"INV-000002": "found", "INV-000004": "error"}, "otherwise": "not_found"},
        {
            "by_slot": {
                "slot": "order_id",
                "values": {"INV-000002": "found", "INV-000004": "error"},
                "otherwise": "not_found",
            }
        },
    ],
    ids=["flat", "nested"],
)
def test_by_slot_chooses_by_the_value_the_slot_holds(rule: dict[str, object]) -> None:
    assert _states({"lookup_order": rule}) == ["not_found", "tell_status", "not_found", "handoff"]


def test_by_slot_without_otherwise_runs_out_on_another_value_and_says_why() -> None:
    with pytest.raises(ActionOutcomeError) as caught:
        _states({"lookup_order": {"by_slot": "order_id", "values": {"INV-000002": "found"}}})
    assert "slot order_id" in str(caught.value) and "otherwise" in str(caught.value)


def test_a_used_up_list_names_the_action_and_how_to_write_always() -> None:
    with pytest.raises(ActionOutcomeError) as caught:
        _states({"lookup_order": ["found"]})
    message = str(caught.value)
    assert "lookup_order" in message and "used up" in message and "`lookup_order: {always: found}`" in message


@pytest.mark.parametrize(
    "value",
    [
        {"always": ["found"]},
        {"cycle": []},
        {"sometimes": "found"},
        {"by_slot": "order_id"},
        {"by_slot": "order_id", "values": {"x": 3}},
        [1],
    ],
)
def test_a_shape_alur_does_not_read_is_refused_naming_the_action(value: object) -> None:
    with pytest.raises(OutcomesError, match="lookup_order"):
        parse_outcomes("lookup_order", value)


# --------------------------------------------------------------------------- the command line


def _replay(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["replay", *args, "--format", "json"])
    out, _ = capsys.readouterr()
    return code, json.loads(out) if out.strip() else {}


def _flow_file(tmp_path: Path) -> str:
    path = tmp_path / "shop.flow.yaml"
    path.write_text(SHOP_TEXT, encoding="utf-8")
    return str(path)


def test_always_in_the_actions_file_and_in_a_transcript(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    flow = _flow_file(tmp_path)
    turns = [{"role": "user", "text": order} for order in ORDERS]
    own = {"id": "own", "turns": turns, "actions": {"lookup_order": {"cycle": ["not_found", "found"]}}}
    plain = {"id": "plain", "turns": turns}
    jsonl = tmp_path / "t.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in (own, plain)) + "\n", encoding="utf-8")
    code, report = _replay(capsys, flow, str(jsonl))
    assert [r["status"] for r in report["results"]] == ["pass", "error"]
    assert "{always: found}" in report["results"][1]["error"]
    fixtures = tmp_path / "actions.yaml"
    fixtures.write_text("lookup_order: {always: found}\n", encoding="utf-8")
    code, report = _replay(capsys, flow, str(jsonl), "--actions", str(fixtures))
    assert code == 0 and [r["status"] for r in report["results"]] == ["pass", "pass"]


def test_a_bad_actions_file_names_file_line_and_column(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    flow = _flow_file(tmp_path)
    fixtures = tmp_path / "actions.yaml"
    fixtures.write_text("# outcomes\nlookup_order: {sometimes: found}\n", encoding="utf-8")
    code = main(["replay", flow, str(tmp_path / "none.jsonl"), "--actions", str(fixtures)])
    _, err = capsys.readouterr()
    assert code == 2 and f"{fixtures}:2:1" in err and "{always: found}" in err and "Traceback" not in err


# --------------------------------------------------------------------------- inferred from recorded bot states


def _recorded(*turns: tuple[str, str, str | None], actions: dict[str, object] | None = None) -> dict[str, object]:
    record: dict[str, object] = {
        "id": "rec",
        "turns": [{"role": role, "text": text, **({"state": state} if state else {})} for role, text, state in turns],
    }
    if actions is not None:
        record["actions"] = actions
    return record


def _trace(record: dict[str, object], **config: object):
    replayer = Replayer(Engine(SHOP), ReplayConfig(drift=False, **config))  # type: ignore[arg-type]
    return replayer.trace(conversation_from_record(record, "rec"))


RECORDED = _recorded(
    ("bot", "Kirim nomor pesanan.", "ask_order_id"),
    ("user", "INV-000001", None),
    ("bot", "Pesanan tidak ditemukan.", "not_found"),
    ("user", "INV-000002", None),
    ("bot", "Pesanan INV-000002 sedang dikirim.", "tell_status"),
    ("user", "INV-000003", None),
    ("bot", "Mohon tunggu.", "handoff"),
)


def test_outcomes_are_inferred_from_the_state_the_bot_was_recorded_in_next() -> None:
    result, replayed = _trace(RECORDED)
    assert result.error is None
    assert [turn.step.state for turn in replayed.turns] == ["not_found", "tell_status", "handoff"]
    assert replayed.inferred == [
        (1, "lookup_order", "not_found"),
        (3, "lookup_order", "found"),
        (5, "lookup_order", "error"),
    ]


def test_a_given_outcome_is_never_overridden_by_inference() -> None:
    result, replayed = _trace({**RECORDED, "actions": {"lookup_order": ["found"]}})
    assert [turn.step.state for turn in replayed.turns] == ["tell_status", "tell_status", "handoff"]
    assert [outcome for _, _, outcome in replayed.inferred] == ["found", "error"]  # only after the given one is used


def test_without_inference_or_recorded_states_the_action_runs_out() -> None:
    result, _ = _trace(RECORDED, infer_outcomes=False)
    assert result.error is not None and "no outcome was given" in result.error
    unlabelled = _recorded(("user", "INV-000001", None), ("bot", "Sebentar ya.", None))
    result, _ = _trace(unlabelled)
    assert result.error is not None and "lookup_order" in result.error


def test_the_report_counts_inferred_outcomes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    flow = _flow_file(tmp_path)
    jsonl = tmp_path / "t.jsonl"
    jsonl.write_text(json.dumps(RECORDED) + "\n", encoding="utf-8")
    main(["replay", flow, str(jsonl)])
    out, _ = capsys.readouterr()
    assert "3 action outcomes inferred from the recorded bot states" in out
    assert "lookup_order=not_found (1)" in out and "lookup_order=error (1)" in out


# --------------------------------------------------------------------------- STAR


@pytest.fixture(scope="module")
def star() -> list[dict]:
    if not STAR.exists():
        pytest.skip(f"STAR corpus not found at {STAR}")
    tasks = ("weather", "bank_fraud_report", "spaceship_access_codes")
    with gzip.open(STAR, "rb") as lines:
        return [record for line in lines if (record := orjson.loads(line)).get("flow") in tasks and record["turns"]]


@pytest.mark.parametrize("task", ["weather", "bank_fraud_report", "spaceship_access_codes"])
def test_star_task_flows_replay_without_hand_written_outcomes(star: list[dict], task: str) -> None:
    """Every recorded conversation of the task replays through its flow with
    the outcomes read off the wizard's labelled replies, except those whose
    recording shows no reply an outcome leads to (cut short before the
    database was asked)."""
    replayer = Replayer(
        Engine(load_runnable_flow(ROOT / "examples" / "star" / f"{task}.flow.yaml")), ReplayConfig(drift=False)
    )
    stopped = []
    for record in (r for r in star if r["flow"] == task):
        result, replayed = replayer.trace(conversation_from_record(record, record["id"]))
        if result.error is not None:
            stopped.append(record["id"])
            shown = {turn.get("state") for turn in record["turns"] if turn["role"] == "bot"}
            outcome_states = {route.target for route in replayer.flow.states["query"].routes}
            assert not shown & outcome_states, f"{record['id']}: {result.error}"
    assert len(stopped) <= 2, stopped
