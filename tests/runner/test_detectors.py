"""Each replay detector on hand-built conversations: where it must fire and
where it must not, through the real engine and its understanding."""

from __future__ import annotations

import textwrap

import pytest

from alur.flows.engine import Engine
from alur.flows.model import Flow
from alur.flows.validate import parse_flow
from alur.runner.detectors import DETECTORS, UnknownDetector, get_detector
from alur.runner.findings import ConversationResult
from alur.runner.replay import ReplayConfig, Replayer, replay_conversation, trace_conversation
from alur.runner.transcripts import Conversation

MENU = """
alur: 1
flow: menu
start: menu
slots:
  order_id: {type: regex, pattern: "INV-[0-9]{6}"}
intents:
  check_order: {examples: ["cek pesanan", "status pesanan saya"]}
  info: {examples: ["info jam buka", "jam operasional"]}
  talk_to_human: {handoff: true, examples: ["mau bicara dengan CS"]}
global:
  talk_to_human: handoff
fallback:
  max_retries: 3
  then: handoff
states:
  menu:
    say: "Pilih menu: cek pesanan atau info jam buka."
    on: {check_order: ask_order, info: info}
  info:
    say: "Kami buka setiap hari 08.00-22.00."
    next: menu
  ask_order:
    say: "Kirim nomor pesanan Anda (contoh INV-123456)."
    collect: order_id
    next: done
  handoff: {escalate: true, say: "Mohon tunggu, agen kami segera membalas."}
  done: {end: true, say: "Terima kasih!"}
"""

VARIED = MENU.replace(
    "  max_retries: 3\n  then: handoff\n",
    '  max_retries: 2\n  then: handoff\n  say: ["Maaf, belum paham. Ketik cek pesanan.", "Masih belum kebaca. Ketik CS untuk bicara dengan agen."]\n',
)

OTP = """
alur: 1
flow: otp
start: ask_otp
slots:
  otp: {type: otp, length: 6}
intents:
  talk_to_human: {handoff: true, examples: ["mau bicara dengan CS"]}
global: {talk_to_human: handoff}
fallback:
  max_retries: 2
  then: handoff
  say: ["Kodenya 6 angka ya.", "Cek SMS dari kami, lalu kirim 6 angkanya."]
states:
  ask_otp:
    say: "Masukkan kode OTP 6 angka dari SMS."
    collect: otp
    next: verify
  verify:
    action: verify_otp
    on: {valid: done, invalid: wrong_code, error: handoff}
  wrong_code:
    say: "Kode salah, coba lagi ya."
    next: ask_otp
  handoff: {escalate: true, say: "Agen kami akan membantu."}
  done: {end: true, say: "Berhasil masuk."}
"""

NO_HUMAN = """
alur: 1
flow: no_human
start: menu
intents:
  check_order: {examples: ["cek pesanan", "status pesanan saya"]}
fallback:
  max_retries: 9
  say: ["Maaf, belum paham.", "Coba tulis cek pesanan.", "Pilih cek pesanan ya.", "Ketik: cek pesanan."]
states:
  menu:
    say: "Mau cek pesanan?"
    on: {check_order: done}
  done: {end: true, say: "Pesanan sedang dikirim."}
"""

CONFIRM_HANDOFF = """
alur: 1
flow: confirm_handoff
start: menu
intents:
  check_order: {examples: ["cek pesanan"]}
  yes: {examples: ["iya", "ya betul"]}
  talk_to_human: {handoff: true, examples: ["mau bicara dengan CS"]}
global: {talk_to_human: confirm}
fallback: {max_retries: 2, then: handoff, say: ["Maaf?", "Ketik cek pesanan atau CS."]}
states:
  menu:
    say: "Mau cek pesanan?"
    on: {check_order: done}
  confirm:
    say: "Yakin mau disambungkan ke CS? Balas iya."
    on: {yes: handoff}
  handoff: {escalate: true, say: "Mohon tunggu, agen segera membalas."}
  done: {end: true, say: "Pesanan sedang dikirim."}
"""

LOOKUP = """
alur: 1
flow: lookup
start: ask_order
slots:
  order_id: {type: regex, pattern: "INV-[0-9]{6}"}
intents:
  thanks: {examples: ["makasih", "terima kasih"]}
  talk_to_human: {handoff: true, examples: ["mau bicara dengan CS"]}
global: {talk_to_human: handoff}
fallback: {max_retries: 2, then: handoff, say: ["Nomornya INV- lalu 6 angka.", "Salin dari menu Pesanan Saya."]}
states:
  ask_order:
    say: "Kirim nomor pesanan Anda."
    collect: order_id
    next: lookup
  lookup:
    action: lookup_order
    on: {found: tell, error: handoff}
  tell:
    say: "Pesanan {order_id} sedang dikirim. Ada lagi?"
    on: {thanks: bye}
  bye:
    say: "Sama-sama!"
  handoff: {escalate: true, say: "Agen kami akan membantu."}
"""


def _flow(text: str) -> Flow:
    return parse_flow(textwrap.dedent(text), "test.flow.yaml")


def _conversation(
    *texts: str, actions: dict[str, list[str]] | None = None, turns: list[dict] | None = None, flow: str | None = None
) -> Conversation:
    given = turns if turns is not None else [{"role": "user", "text": text} for text in texts]
    return Conversation("c-1", given, "mem:1", flow, None, actions or {})


def _replay(flow_text: str, conversation: Conversation, **settings: object) -> ConversationResult:
    return replay_conversation(Engine(_flow(flow_text)), conversation, ReplayConfig(**settings))  # type: ignore[arg-type]


def _kinds(result: ConversationResult) -> list[tuple[str, int]]:
    return [(f.kind, f.turn) for f in result.findings]


# --------------------------------------------------------------------------- registry


def test_registry_has_the_four_contract_detectors_documented() -> None:
    assert set(DETECTORS) == {"loop", "missing-escalation", "dead-end", "expectation"}
    assert {cls.kind for cls in DETECTORS.values()} == {"loop", "missing_escalation", "dead_end", "expectation"}
    for cls in DETECTORS.values():
        assert cls.__doc__ and cls.__doc__.startswith(cls.code + ":"), cls
        for option in cls.options:
            assert option in {name for name, *_ in ReplayConfig.thresholds()}


def test_get_detector_accepts_kind_and_names_known_codes() -> None:
    assert get_detector("missing_escalation").code == "missing-escalation"
    with pytest.raises(UnknownDetector, match="known: loop, missing-escalation"):
        get_detector("loops")


def test_disabled_detector_does_not_run() -> None:
    result = _replay(MENU, _conversation("halo", "asdf"), disabled=frozenset({"loop"}))
    assert result.findings == []


# --------------------------------------------------------------------------- loop


def test_loop_fires_when_the_same_prompt_is_read_a_third_time() -> None:
    # opening, "halo" re-shows the menu, "asdf" re-prompts with the same text: 3rd time
    result = _replay(MENU, _conversation("halo", "asdf"))
    assert _kinds(result) == [("loop", 1)]
    finding = result.findings[0]
    assert finding.state == "menu"
    assert "Pilih menu" in finding.message and "3 times" in finding.message
    assert [t.role for t in finding.excerpt][-2:] == ["user", "bot"]
    assert finding.excerpt[-2].text == "asdf"


def test_loop_fires_when_the_customer_is_sent_back_to_the_same_menu() -> None:
    result = _replay(MENU, _conversation("info jam buka", "jam operasional"))
    assert _kinds(result) == [("loop", 1)]
    assert result.findings[0].state == "menu"


def test_wrong_otp_twice_then_right_is_not_a_loop() -> None:
    conversation = _conversation("111111", "222222", "482913", actions={"verify_otp": ["invalid", "invalid", "valid"]})
    result = _replay(OTP, conversation)
    assert result.findings == [] and result.status == "pass"


def test_varied_reprompts_then_a_person_is_neither_a_loop_nor_a_missing_escalation() -> None:
    result = _replay(VARIED, _conversation("halo", "asdf", "qwerty", "zzzz"))
    assert result.findings == []


def test_loop_threshold_is_configurable() -> None:
    assert _replay(MENU, _conversation("halo", "asdf"), loop_threshold=4).findings == []
    assert _kinds(_replay(MENU, _conversation("halo", "asdf", "qwerty"), loop_threshold=4)) == [("loop", 2)]


def test_one_loop_is_one_finding() -> None:
    result = _replay(MENU, _conversation("halo", "asdf", "qwerty"))
    assert [f.kind for f in result.findings] == ["loop"]


# --------------------------------------------------------------------------- missing escalation


def test_bot_that_escalates_on_the_answer_to_a_human_request_is_fine() -> None:
    assert _replay(MENU, _conversation("mau ngomong sama orang")).findings == []
    assert _replay(MENU, _conversation("halo", "min, mau ngomong sama orang aja")).findings == []


def test_human_request_that_does_not_reach_an_escalate_state_fires() -> None:
    result = _replay(NO_HUMAN, _conversation("halo", "mau ngomong sama orang"))
    assert _kinds(result) == [("missing_escalation", 1)]
    assert "asked for a human" in result.findings[0].message
    assert result.findings[0].state == "menu"


def test_three_unmatched_turns_without_escalation_fire() -> None:
    result = _replay(NO_HUMAN, _conversation("halo", "asdf", "qwerty", "zzzz"))
    assert ("missing_escalation", 3) in _kinds(result)
    assert "3 customer turns in a row matched nothing" in result.findings[-1].message


def test_unmatched_run_then_understood_still_fires_and_threshold_is_configurable() -> None:
    conversation = _conversation("halo", "asdf", "qwerty", "zzzz", "cek pesanan")
    assert _kinds(_replay(NO_HUMAN, conversation)) == [("missing_escalation", 3)]
    assert _replay(NO_HUMAN, conversation, no_match_threshold=4).findings == []


def test_escalation_on_the_third_failure_is_not_missing() -> None:
    assert _replay(VARIED, _conversation("cek pesanan", "asdf", "qwerty", "zzzz")).findings == []


def test_escalate_within_allows_a_confirmation_question() -> None:
    conversation = _conversation("mau ngomong sama orang", "iya")
    assert _kinds(_replay(CONFIRM_HANDOFF, conversation)) == [("missing_escalation", 0)]
    assert _replay(CONFIRM_HANDOFF, conversation, escalate_within=2).findings == []
    # the customer leaves before the second answer: nobody came
    assert _kinds(_replay(CONFIRM_HANDOFF, _conversation("mau ngomong sama orang"), escalate_within=2)) == [
        ("missing_escalation", 0)
    ]


# --------------------------------------------------------------------------- dead end


def test_unrouted_action_outcome_is_a_dead_end() -> None:
    result = _replay(LOOKUP, _conversation("INV-123456", actions={"lookup_order": ["not_found"]}))
    assert _kinds(result) == [("dead_end", 0)]
    message = result.findings[0].message
    assert "lookup" in message and "'not_found'" in message and "found, error" in message


def test_state_without_way_on_is_a_dead_end() -> None:
    result = _replay(LOOKUP, _conversation("INV-123456", "makasih", "halo?", actions={"lookup_order": ["found"]}))
    assert _kinds(result) == [("dead_end", 1)]
    assert result.findings[0].state == "bye"


def test_recording_that_stops_in_a_waiting_state_is_not_a_dead_end() -> None:
    assert _replay(LOOKUP, _conversation("INV-123456", actions={"lookup_order": ["found"]})).findings == []
    assert _replay(LOOKUP, _conversation("halo")).findings == []


# --------------------------------------------------------------------------- expectation


def _expecting(*turns: tuple[str, dict]) -> Conversation:
    return _conversation(
        turns=[
            {"role": "user", "text": text, "expect": expect, "line": 3 + i} for i, (text, expect) in enumerate(turns)
        ]
    )


def test_expectations_that_hold_give_no_finding() -> None:
    conversation = _expecting(
        ("halo", {"state": "menu", "escalated": False, "ended": False}),
        ("cek pesanan", {"state": "ask_order", "intent": "check_order", "say_contains": "INV-123456"}),
        ("INV-204518 ya", {"state": "done", "ended": True, "slots": {"order_id": "INV-204518"}}),
    )
    assert _replay(MENU, conversation).findings == []


def test_each_failed_expectation_is_one_finding_at_its_turn() -> None:
    conversation = _expecting(
        ("halo", {"state": "ask_order"}),
        ("cek pesanan", {"intent": "info", "say_contains": "Terima kasih", "escalated": True}),
        ("INV-204518", {"slots": {"order_id": "INV-999999"}, "ended": False}),
    )
    result = _replay(MENU, conversation)
    assert _kinds(result) == [
        ("expectation", 0),
        ("expectation", 1),
        ("expectation", 1),
        ("expectation", 1),
        ("expectation", 2),
        ("expectation", 2),
    ]
    messages = [f.message for f in result.findings]
    assert messages[0] == "expected state 'ask_order', but the conversation is in 'menu' (line 3)"
    assert "expected intent 'info', but the turn was understood as 'check_order' (line 4)" in messages
    assert any(m.startswith("expected the bot to say 'Terima kasih'; it said 'Kirim nomor") for m in messages)
    assert any("expected slot order_id = 'INV-999999', but it holds 'INV-204518'" in m for m in messages)


def test_turn_after_the_end_is_checked_against_the_ended_conversation() -> None:
    conversation = _expecting(
        ("mau bicara dengan CS", {"escalated": True}), ("halo?", {"state": "handoff", "say_contains": "agen"})
    )
    result = _replay(MENU, conversation)
    assert _kinds(result) == [("expectation", 1)]
    assert "it said nothing" in result.findings[0].message


def test_sensitive_slot_values_never_show_in_expectation_messages() -> None:
    conversation = _conversation(
        turns=[{"role": "user", "text": "482913", "expect": {"slots": {"otp": "111111"}}}],
        actions={"verify_otp": ["valid"]},
    )
    result = _replay(OTP, conversation)
    assert len(result.findings) == 1
    message = result.findings[0].message
    assert "482913" not in message and "111111" not in message and "••••" in message
    assert all("482913" not in t.text for t in result.findings[0].excerpt)


# --------------------------------------------------------------------------- replaying


def test_action_without_outcome_is_a_conversation_error_and_the_run_goes_on() -> None:
    flow = _flow(LOOKUP)
    replayer = Replayer(Engine(flow))
    missing = Conversation(
        "c-err",
        [
            {"role": "user", "text": "halo"},
            {"role": "bot", "text": "Kirim nomor"},
            {"role": "user", "text": "INV-123456"},
        ],
        "mem:1",
    )
    fine = Conversation("c-ok", [{"role": "user", "text": "INV-123456"}], "mem:2", actions={"lookup_order": ["found"]})
    report = replayer.run([missing, fine])
    assert [r.status for r in report.results] == ["error", "pass"]
    error = report.results[0].error
    assert error is not None and "'lookup_order'" in error and "turn 2" in error and "found, error" in error


def test_replay_stops_at_the_first_agent_turn() -> None:
    turns = [
        {"role": "user", "text": "cek pesanan"},
        {"role": "bot", "text": "Kirim nomor pesanan Anda."},
        {"role": "agent", "text": "Halo, saya Rina."},
        {"role": "user", "text": "asdf"},
        {"role": "user", "text": "qwerty"},
        {"role": "user", "text": "zzz"},
    ]
    result, trace = trace_conversation(Engine(_flow(MENU)), _conversation(turns=turns))
    assert trace.agent_at == 2 and [t.index for t in trace.turns] == [0]
    assert result.findings == []


def test_turns_after_an_escalation_are_not_replayed() -> None:
    result, trace = trace_conversation(
        Engine(_flow(MENU)), _conversation("mau bicara dengan CS", "halo??", "asdf", "qwerty")
    )
    assert [t.index for t in trace.turns] == [0] and result.findings == []


def test_conversations_for_another_flow_are_counted_not_replayed() -> None:
    replayer = Replayer(Engine(_flow(MENU)))
    report = replayer.run(
        [_conversation("halo", flow="payment_reminder"), _conversation("halo", flow="menu"), _conversation("halo")]
    )
    assert report.conversations == 2 and report.other_flows == {"payment_reminder": 1}
    anyway = Replayer(Engine(_flow(MENU)), ReplayConfig(any_flow=True)).run(
        [_conversation("halo", flow="payment_reminder")]
    )
    assert anyway.conversations == 1 and not anyway.other_flows


def test_fixtures_complete_the_conversations_own_outcomes() -> None:
    conversation = _conversation("INV-123456", actions={})
    assert _replay(LOOKUP, conversation).status == "error"
    fixtures = (("lookup_order", ("found",)),)
    assert _replay(LOOKUP, conversation, fixtures=fixtures).status == "pass"
    # the conversation's own outcomes win over the fixtures
    own = _conversation("INV-123456", actions={"lookup_order": ["not_found"]})
    assert _kinds(_replay(LOOKUP, own, fixtures=fixtures)) == [("dead_end", 0)]
