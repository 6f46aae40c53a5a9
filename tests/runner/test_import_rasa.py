"""Rasa test stories and end-to-end test cases (fixtures: tests/runner/fixtures/import/rasa/)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from alur.runner.errors import InputError
from alur.runner.findings import SkippedInput
from alur.runner.importers import rasa
from alur.runner.importers.base import WrongFormat

FIXTURES = Path(__file__).parent / "fixtures" / "import" / "rasa"


def read(path: Path, domain: Path | None = None) -> tuple[list[dict], list[SkippedInput]]:
    items = list(rasa.read(path, rasa.options(argparse.Namespace(domain=domain))))
    return [i for i in items if isinstance(i, dict)], [i for i in items if isinstance(i, SkippedInput)]


def test_stories_become_conversations_with_intents_and_domain_texts() -> None:
    conversations, _ = read(FIXTURES / "test_stories.yml", FIXTURES / "domain.yml")
    assert [c["id"] for c in conversations] == ["cek pesanan lancar", "minta agen di tengah"]
    first = conversations[0]["turns"]
    assert first[0] == {"role": "user", "text": "halo min", "intent": "greet"}
    assert first[1] == {"role": "bot", "text": "Halo! Ada yang bisa kami bantu?", "response": "utter_greet"}
    # entity markup is reduced to its text; a custom action and slot events are not turns
    assert first[2] == {"role": "user", "text": "mau cek pesanan INV-123456 dong", "intent": "check_order"}
    assert first[3] == {"role": "bot", "text": "utter_order_status", "response": "utter_order_status"}  # not in the domain
    assert first[4]["text"] == "yes"  # YAML 1.1 would have made this a boolean
    assert conversations[1]["turns"][0]["text"] == "pesanan ke Bandung belum sampai"


def test_without_a_domain_bot_turns_carry_the_response_name() -> None:
    conversations, _ = read(FIXTURES / "test_stories.yml")
    assert conversations[0]["turns"][1] == {"role": "bot", "text": "utter_greet", "response": "utter_greet"}


def test_steps_that_make_no_transcript_are_reported_by_line() -> None:
    path = FIXTURES / "test_stories.yml"
    _, skipped = read(path)
    assert [(s.source, s.reason.split(" (")[0].split(";")[0]) for s in skipped] == [
        (f"{path}:32", "an `or:` step lists alternatives"),
        (f"{path}:36", "unknown step key 'bogus_step'"),
        (f"{path}:38", "story 'training only' has no user text"),
        (f"{path}:44", "a rule, not a conversation"),
    ]


def test_end_to_end_test_cases() -> None:
    conversations, skipped = read(FIXTURES / "e2e_test_cases.yml", FIXTURES / "domain.yml")
    assert skipped == []
    assert [c["id"] for c in conversations] == ["wants a human", "order number twice"]
    assert [t["role"] for t in conversations[0]["turns"]] == ["user", "bot", "bot"]
    assert conversations[1]["turns"][3]["text"] == "Kirim nomor pesanan Anda (contoh: INV-123456)."


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
