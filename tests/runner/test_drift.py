"""Drift: where the current flow answers a recorded customer turn differently."""

from __future__ import annotations

import textwrap

from alur.flows.engine import Engine
from alur.flows.validate import parse_flow
from alur.runner.drift import Drift
from alur.runner.replay import ReplayConfig, Replayer
from alur.runner.transcripts import Conversation

FLOW = """
alur: 1
flow: shop
start: menu
slots:
  order_id: {type: regex, pattern: "INV-[0-9]{6}"}
  day: {type: date}
intents:
  check_order: {examples: ["cek pesanan", "status pesanan saya"]}
  talk_to_human: {handoff: true, examples: ["mau bicara dengan CS"]}
global: {talk_to_human: handoff}
fallback: {max_retries: 2, then: handoff, say: ["Maaf, belum paham.", "Ketik cek pesanan atau CS."]}
states:
  menu:
    say: "Mau cek pesanan?"
    on: {check_order: ask_order}
  ask_order:
    say: "Kirim nomor pesanan Anda."
    collect: order_id
    next: ask_day
  ask_day:
    say: "Pesanan {order_id}: dikirim tanggal berapa?"
    collect: day
    next: done
  handoff: {escalate: true, say: "Agen kami akan membantu."}
  done: {end: true, say: "Dicatat: {day}."}
"""

MENU = "Mau cek pesanan?"
ASK = "Kirim nomor pesanan Anda."


def _bot(text: str, state: str | None = None) -> dict:
    turn = {"role": "bot", "text": text}
    if state is not None:
        turn["state"] = state
    return turn


def _user(text: str) -> dict:
    return {"role": "user", "text": text}


def _drift(*conversations: list[dict]) -> Drift:
    replayer = Replayer(Engine(parse_flow(textwrap.dedent(FLOW), "shop.flow.yaml")), ReplayConfig(drift=True))
    report = replayer.run([Conversation(f"c-{n}", turns, f"mem:{n}") for n, turns in enumerate(conversations)])
    assert report.drift is not None
    return report.drift


def test_same_answers_are_not_drift_even_with_dates_resolved_on_another_day() -> None:
    drift = _drift(
        [
            _user("cek pesanan"),
            _bot(ASK, "ask_order"),
            _user("INV-123456"),
            _bot("Pesanan INV-123456: dikirim tanggal berapa?", "ask_day"),
            _user("tgl 30"),
            _bot("Dicatat: 2019-01-30.", "done"),
        ]
    )
    assert (
        drift.compared == 1
        and drift.diverged == 0
        and drift.text_lines() == ["drift from the recorded bot: 0 of 1 recorded conversations now answer differently"]
    )


def test_a_different_state_is_drift_counted_where_the_turn_was_handled() -> None:
    drift = _drift([_user("cek pesanan"), _bot("Pilih menu dulu ya", "menu_v1")])
    assert drift.diverged == 1
    [(state, entry)] = drift.ranked()
    assert state == "menu" and entry.examples[0].describe() == "c-0 turn 0: recorded in state menu_v1, now ask_order"


def test_a_reworded_answer_in_the_same_state_is_text_drift() -> None:
    drift = _drift([_user("halo"), _bot(MENU, "menu"), _user("asdf"), _bot(MENU, "menu")])
    [(state, entry)] = drift.ranked()
    assert state == "menu"
    point = entry.examples[0]
    assert (point.turn, point.by, point.recorded, point.now) == (2, "text", MENU, "Maaf, belum paham.")


def test_without_state_annotations_texts_are_compared() -> None:
    assert _drift([_user("cek pesanan"), _bot("kirim  NOMOR pesanan anda!!")]).diverged == 0
    assert _drift([_user("cek pesanan"), _bot("Silakan pilih menu")]).diverged == 1


def test_only_the_first_difference_counts_and_unanswered_turns_are_not_compared() -> None:
    drift = _drift(
        [_user("cek pesanan"), _bot("Pilih menu", "menu"), _user("INV-123456"), _bot("x", "elsewhere")],
        [_user("cek pesanan"), _user("INV-123456")],
    )
    assert drift.compared == 1 and drift.diverged == 1
    assert [p.turn for _, entry in drift.ranked() for p in entry.examples] == [0]


def test_the_opening_is_compared_when_the_recording_starts_with_the_bot() -> None:
    drift = _drift([_bot("Selamat datang! Pilih menu.", "welcome"), _user("cek pesanan"), _bot(ASK, "ask_order")])
    assert [(state, p.turn, p.recorded, p.now) for state, e in drift.ranked() for p in e.examples] == [
        ("menu", 0, "welcome", "menu")
    ]


def test_examples_are_masked_capped_and_merged_in_input_order() -> None:
    records = [[_user("cek pesanan"), _bot(f"Hubungi 0812345678{n:02d} ya")] for n in range(5)]
    first, second = _drift(*records[:2]), _drift(*records[2:])
    merged = first.merge(second)
    assert merged.compared == 5 and merged.diverged == 5
    [(_, entry)] = merged.ranked()
    assert entry.conversations == 5 and [p.conversation for p in entry.examples] == ["c-0", "c-1", "c-0"]
    assert all("[PHONE]" in p.recorded and "0812" not in p.recorded for p in entry.examples)
    assert merged.to_dict()["states"]["menu"]["conversations"] == 5  # type: ignore[index]
