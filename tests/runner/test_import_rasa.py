"""Rasa test stories and end-to-end test cases (fixtures: tests/runner/fixtures/import/rasa/)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from alur.runner.errors import InputError
from alur.runner.findings import SkippedInput
from alur.runner.importers import rasa
from alur.runner.importers.base import Note, WrongFormat

FIXTURES = Path(__file__).parent / "fixtures" / "import" / "rasa"


def read(path: Path, domain: Path | None = None) -> tuple[list[dict], list[SkippedInput]]:
    items = list(rasa.read(path, rasa.options(argparse.Namespace(domain=domain))))
    return [i for i in items if isinstance(i, dict)], [i for i in items if isinstance(i, SkippedInput)]


def test_stories_become_conversations_with_intents_domain_texts_and_checks() -> None:
    conversations, _ = read(FIXTURES / "test_stories.yml", FIXTURES / "domain.yml")
    assert [c["id"] for c in conversations] == ["cek pesanan lancar", "minta agen di tengah"]
    assert conversations[0]["source"] == f"{FIXTURES / 'test_stories.yml'}:3"
    first = conversations[0]["turns"]
    # the story's intent is what Rasa must understand: kept on the turn and checked by replay
    assert first[0] == {"role": "user", "text": "halo min", "intent": "greet", "line": 5, "expect": {"intent": "greet"}}
    assert first[1] == {"role": "bot", "text": "Halo! Ada yang bisa kami bantu?", "response": "utter_greet", "line": 8}
    # entity markup is reduced to its text; the slot event after the turn is checked on it
    assert first[2]["text"] == "mau cek pesanan INV-123456 dong"
    assert first[2]["expect"] == {"intent": "check_order", "slots": {"order_id": "INV-123456"}}
    assert first[3] == {
        "role": "bot",
        "text": "utter_order_status",
        "response": "utter_order_status",
        "line": 17,
    }  # not in the domain
    assert first[4]["text"] == "yes"  # YAML 1.1 would have made this a boolean
    second = conversations[1]["turns"]
    assert second[0]["text"] == "pesanan ke Bandung belum sampai"
    # two responses after one turn: both texts must appear in the bot's answer
    assert second[2]["expect"]["say_contains"] == [
        "Maaf, saya tidak mengerti.",
        "Mohon tunggu, kami hubungkan dengan agen kami.",
    ]


def test_a_response_missing_from_the_domain_is_reported_not_silently_its_name() -> None:
    path = FIXTURES / "test_stories.yml"
    _, skipped = read(path, FIXTURES / "domain.yml")
    [missing] = [s for s in skipped if "utter_order_status" in s.reason]
    assert missing.source == f"{path}:17"
    assert "not in --domain" in missing.reason
    # several text variants: which one the bot says is not known, so it is not checked either
    assert any(s.source == f"{path}:8" and "2 text variants" in s.reason for s in skipped)


def test_without_a_domain_bot_turns_carry_the_response_name_and_a_note_says_so() -> None:
    items = list(rasa.read(FIXTURES / "test_stories.yml", rasa.options(argparse.Namespace(domain=None))))
    conversations = [i for i in items if isinstance(i, dict)]
    assert conversations[0]["turns"][1] == {"role": "bot", "text": "utter_greet", "response": "utter_greet", "line": 8}
    assert "say_contains" not in str(conversations)
    [note] = [i for i in items if isinstance(i, Note)]
    assert "no --domain: 5 bot turn(s) carry the response name" in note.message


def test_steps_that_make_no_transcript_are_reported_by_line() -> None:
    path = FIXTURES / "test_stories.yml"
    _, skipped = read(path, FIXTURES / "domain.yml")
    assert [(s.source, s.reason.split(" (")[0].split(";")[0].split(":")[0]) for s in skipped] == [
        (f"{path}:8", "response 'utter_greet' has 2 text variants"),
        (f"{path}:9", "entity annotations are not checked"),
        (f"{path}:16", "custom action 'action_lookup_order'"),
        (f"{path}:17", "response 'utter_order_status' is not in --domain"),
        (f"{path}:24", "entity annotations are not checked"),
        (f"{path}:32", "an `or"),
        (f"{path}:36", "unknown step key 'bogus_step'"),
        (f"{path}:38", "story 'training only' has no user text"),
        (f"{path}:44", "a rule, not a conversation"),
    ]


def test_end_to_end_test_cases_check_what_the_bot_says_and_slots() -> None:
    conversations, skipped = read(FIXTURES / "e2e_test_cases.yml", FIXTURES / "domain.yml")
    assert skipped == []
    assert [c["id"] for c in conversations] == ["wants a human", "order number twice"]
    assert [t["role"] for t in conversations[0]["turns"]] == ["user", "bot", "bot"]
    assert conversations[0]["turns"][0]["expect"] == {"say_contains": "Mohon tunggu, kami hubungkan dengan agen kami."}
    twice = conversations[1]["turns"]
    assert twice[3]["text"] == "Kirim nomor pesanan Anda (contoh: INV-123456)."
    assert twice[2]["expect"] == {
        "say_contains": "Kirim nomor pesanan Anda (contoh: INV-123456).",
        "slots": {"order_id": None},
    }


def test_calm_assertions_become_expect_or_are_skipped_by_line() -> None:
    path = FIXTURES / "e2e_calm.yml"
    conversations, skipped = read(path, FIXTURES / "domain.yml")
    smooth, unsure, handoff = conversations
    assert [t.get("expect") for t in smooth["turns"]] == [
        {"say_contains": "Mau kirim uang ke siapa?"},
        # a response with a {placeholder}: its longest fixed part
        {"slots": {"recipient": "Sari"}, "say_contains": "Berapa jumlah yang mau dikirim ke"},
        # a number stays a number; action_executed of a response and a plain text_matches are texts to say
        {"slots": {"amount": 50000}, "say_contains": ["Transfer Rp", "Saldo Anda cukup."]},
        None,  # a regular expression and an LLM judge: nothing alur can check
    ]
    assert [t.get("expect") for t in unsure["turns"] if t["role"] == "user"] == [
        {"slots": {"amount": None}},
        None,
        {"say_contains": "Mohon tunggu, kami hubungkan dengan agen kami.", "slots": {"handoff": True}},
    ]
    # Rasa's handoff pattern is alur's escalation; "any of" a handoff or chitchat says nothing certain
    assert [t.get("expect") for t in handoff["turns"]] == [{"escalated": True}, None]
    reasons = {int(s.source.rsplit(":", 1)[1]): s.reason for s in skipped}
    assert sorted(reasons) == [6, 15, 17, 22, 32, 40, 41, 45, 50, 51, 58, 63, 68, 70, 72, 74, 75, 77, 92]
    assert reasons[22].startswith("flow_started: Rasa flows are not alur states")
    assert reasons[40] == "slot_was_set 'confirmed' without a value: alur's expect compares values"
    assert reasons[41].startswith("custom action 'check_balance'")
    assert reasons[50] == "text_matches is a regular expression; say_contains takes plain text"
    assert reasons[51].startswith("generative_response_is_relevant: judged by an LLM")
    assert reasons[68].startswith("response 'utter_ask_how_are_you' is not in --domain")
    assert reasons[74] == "unknown assertion 'teleport_used'"
    assert reasons[15] == "fixtures: they preset slots before the test; alur's replay starts with empty slots"
    assert reasons[17] == reasons[77] == "metadata: message metadata is not replayed"


def test_a_check_before_any_customer_turn_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "opening.yml"
    path.write_text(
        'test_cases:\n- test_case: bot first\n  steps:\n  - bot: "Halo!"\n  - user: "halo"\n  - slot_was_set:\n    - a: 1\n    - a: 2\n',
        encoding="utf-8",
    )
    [convo], skipped = read(path)
    assert convo["turns"][1]["expect"] == {"slots": {"a": 1}}
    assert [(s.source, s.reason.split(":")[0]) for s in skipped] == [
        (f"{path}:4", "a check before the first customer turn"),
        (f"{path}:8", "slot a is already expected to hold another value after this customer turn"),
    ]


def test_a_domain_file_is_not_a_test_file() -> None:
    with pytest.raises(WrongFormat, match="no `stories:`"):
        read(FIXTURES / "domain.yml")


def test_invalid_yaml_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.yml"
    path.write_text("stories:\n- story: x\n  steps: [\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"{path}:4:1: not valid YAML"):
        read(path)
    with pytest.raises(InputError, match="--domain"):
        read(FIXTURES / "test_stories.yml", tmp_path / "missing_domain.yml")


def test_malformed_assertions_are_reported_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "odd.yml"
    path.write_text(
        "test_cases:\n- test_case: odd\n  steps:\n  - user: halo\n    assertions:\n    - bot said hi\n"
        "    - bot_uttered: utter_greet\n    - slot_was_set: amount\n    - flow_started: {flow_ids: [a, b], operator: any}\n",
        encoding="utf-8",
    )
    [convo], skipped = read(path)
    assert "expect" not in convo["turns"][0]
    assert [(int(s.source.rsplit(":", 1)[1]), s.reason.split(" such")[0].split(":")[0]) for s in skipped] == [
        (6, "an assertion must be a mapping"),
        (7, "bot_uttered must be a mapping with utter_name, text_matches or buttons"),
        (8, "`slot_was_set"),
        (9, "flow_started"),
    ]
