"""Concepts: a customer's word and an example's word that mean one thing match."""

from __future__ import annotations

import re
import textwrap

import pytest

from alur.flows.config import ConfigError, parse_config
from alur.flows.diagnostics import FlowError
from alur.flows.engine import Engine
from alur.flows.nlu import IntentMatcher, Lexicon, LexiconError
from alur.flows.validate import parse_flow

SHOP = {
    "refund": (["uang saya belum kembali", "refund dana", "kapan dana dikembalikan"], []),
    "track_order": (["paket saya belum sampai", "cek resi", "pesanan dimana"], []),
    "cancel_order": (["batalkan pesanan", "mau cancel order"], []),
    "greet": (["halo", "selamat pagi"], []),
}

# A bank: "deposit" is a time deposit here, not the top-up of alur's "isi ulang" concept.
BANK = """\
    start: menu
    intents:
      top_up: {examples: ["topup saldo", "isi saldo dong", "cara isi saldo"]}
      greet: {examples: ["halo", "selamat pagi"]}
    states:
      menu:
        say: "Mau isi saldo?"
        on: {top_up: done, greet: menu}
      done: {end: true, say: "Baik."}
    """


def bank(extra: str = "") -> object:
    return parse_flow("alur: 1\nflow: bank\n" + extra + textwrap.dedent(BANK))


def test_a_customers_own_words_match_the_examples_words_of_the_same_concept():
    matcher = IntentMatcher(SHOP)
    found = matcher.match("duit gw blm balik")
    assert found is not None and found.intent == "refund"
    # "duit" is slang for "uang"; "balik" is "kembali" through the concept, which carries it
    plain = IntentMatcher(SHOP, lexicon=Lexicon.builtin().extended(without_concepts=["kembalikan"]))
    assert found.score > 1.4 * plain.scores("duit gw blm balik")["refund"]


def test_a_flow_can_turn_a_concept_off():
    on, off = Engine(bank()), Engine(bank("without_concepts: [isi ulang]\n"))
    for engine, expected in ((on, "top_up"), (off, None)):
        conversation, _ = engine.start()
        assert engine.turn(conversation, "mau deposit").intent == expected


def test_a_flow_naming_an_unknown_concept_is_told_where():
    with pytest.raises(FlowError) as error:
        bank("without_concepts: [isi ulang, duitt]\n")
    message = str(error.value.diagnostics[0])
    assert "duitt" in message and ":3:" in message


def test_a_project_adds_concepts_and_turns_built_in_ones_off(tmp_path):
    (tmp_path / "concepts.txt").write_text("# ours\npaylater | kredivo | akulaku\n", encoding="utf-8")
    config = parse_config({"nlu": {"concepts": ["concepts.txt"], "without_concepts": ["kembalikan"]}}, "x", tmp_path)
    intents = {**SHOP, "paylater": (["daftar paylater", "limit paylater saya berapa"], [])}
    assert IntentMatcher(intents).match("cara daftar kredivo") is None
    found = IntentMatcher(intents, lexicon=config.nlu.lexicon()).match("cara daftar kredivo")
    assert found is not None and found.intent == "paylater"
    plain = IntentMatcher(SHOP, lexicon=config.nlu.lexicon()).scores("duit gw blm balik")["refund"]
    assert plain < IntentMatcher(SHOP).scores("duit gw blm balik")["refund"]  # "balik" is itself again


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("uang | money\ndollar | money\n", "concepts.txt:2: 'money' is already a word of the concept 'uang'"),
        ("uang\n", "concepts.txt:1: expected `name | word | word ...`"),
        ("uang | uang tunai\n", "concepts.txt:1: 'uang tunai' reads as 2 words"),
    ],
)
def test_a_bad_concept_line_names_its_file_and_line(tmp_path, text, message):
    (tmp_path / "concepts.txt").write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape(message)):
        Lexicon.builtin().extended(concepts=[tmp_path / "concepts.txt"])


def test_switching_off_an_unknown_concept_is_an_error():
    with pytest.raises(LexiconError, match="no concept named 'duitt'"):
        Lexicon.builtin().extended(without_concepts=["duitt"])


def test_a_configuration_naming_concepts_wrongly_is_told_which_file_and_setting():
    with pytest.raises(ConfigError, match=r"\.alur\.yaml: `nlu\.without_concepts` must be a list of concept names"):
        parse_config({"nlu": {"without_concepts": [1]}}, ".alur.yaml")
