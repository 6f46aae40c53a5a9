"""The personas `alur explore` plays, and the slot values it types."""

from __future__ import annotations

import pytest

from alur.flows.model import Slot
from alur.flows.nlu import is_handoff_request
from alur.runner.errors import InputError
from alur.runner.explore.personas import load_personas
from alur.runner.explore.values import fills, plausible_values, regex_sample, wrong_values

BUILTIN = {persona.id: persona for persona in load_personas()}
ASKS_HUMAN = [p for p in BUILTIN.values() if p.id.startswith("asks-human-")]


def test_builtin_personas_cover_the_difficult_customers_of_the_issue():
    assert {p.id for p in ASKS_HUMAN} == {
        "asks-human-polite-id",
        "asks-human-blunt-id",
        "asks-human-polite-en",
        "asks-human-blunt-en",
    }
    kinds = {p.id: p.kind for p in BUILTIN.values()}
    assert kinds["nothing-useful"] == "say" and BUILTIN["nothing-useful"].repeat
    assert kinds["wrong-value"] == "wrong_values"
    assert {BUILTIN["button-number"].buttons, BUILTIN["button-title"].buttons} == {"number", "title"}
    assert {"gak jadi", "batal", "cancel"} <= set(BUILTIN["changes-mind"].lines)
    assert {"kecewa banget", "penipuan!"} <= set(BUILTIN["angry-id"].lines) and "this is useless" in BUILTIN[
        "angry-en"
    ].lines


@pytest.mark.parametrize("line", [line for p in ASKS_HUMAN for line in p.lines])
def test_every_request_for_a_person_is_one_the_engine_recognises(line):
    # otherwise a flow that routes its handoff everywhere would show a false trap
    assert is_handoff_request(line)


@pytest.mark.parametrize(
    "line", BUILTIN["nothing-useful"].lines + BUILTIN["changes-mind"].lines + BUILTIN["angry-id"].lines
)
def test_other_personas_do_not_ask_for_a_person(line):
    assert not is_handoff_request(line)


def test_a_team_file_adds_personas_and_replaces_builtin_ones_by_id(tmp_path):
    ours = tmp_path / "ours.yaml"
    ours.write_text(
        "personas:\n"
        '  angry-id:\n    say: ["GANTI RUGI SEKARANG"]\n    wants: escalated\n'
        '  pelit:\n    description: haggles\n    repeat: true\n    wants: ended\n    say: ["bisa diskon?", "mahal amat"]\n',
        encoding="utf-8",
    )
    personas = load_personas([ours])
    ids = [p.id for p in personas]
    assert ids.index("angry-id") < ids.index("pelit") == len(ids) - 1  # replaced in place, added at the end
    angry = next(p for p in personas if p.id == "angry-id")
    assert angry.lines == ("GANTI RUGI SEKARANG",) and angry.source == f"{ours}:2"
    assert next(p for p in personas if p.id == "pelit").wants == "ended"


@pytest.mark.parametrize(
    "text, where, message",
    [
        ("personas: []\n", ":1:1:", "mapping with `personas:`"),
        ("personas:\n  x:\n    say: [a]\n    buttons: number\n", ":2:3:", "it has say and buttons"),
        ("personas:\n  x:\n    buttons: letter\n", ":3:14:", "number or title"),
        ("personas:\n  x:\n    wrong_values: {passport: [a]}\n", ":3:20:", "unknown slot type 'passport'"),
        ("personas:\n  x:\n    say: [a]\n    wants: maybe\n", ":4:12:", "escalated or ended"),
        ("personas:\n  x:\n    say: [a]\n    colour: red\n", ":4:5:", "unknown key 'colour'"),
        ('personas:\n  x:\n    say: ["ok", ""]\n', ":3:17:", "non-empty text"),
        ("personas:\n  x: {say: [a]}\n  x: {say: [b]}\n", ":3:3:", "duplicate"),
    ],
)
def test_a_bad_persona_file_is_named_with_line_and_column(tmp_path, text, where, message):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_personas([path])
    assert f"{path}{where}" in str(raised.value) and message in str(raised.value)


def test_a_missing_persona_file_is_input_error(tmp_path):
    with pytest.raises(InputError, match="nope.yaml"):
        load_personas([tmp_path / "nope.yaml"])


# --------------------------------------------------------------------------- slot values

SLOTS = [
    Slot("phone", "phone"),
    Slot("email", "email"),
    Slot("when", "date"),
    Slot("otp", "otp", length=6),
    Slot("pin", "otp", length=4),
    Slot("age", "number", min=17, max=80),
    Slot("amount", "money", min=10000),
    Slot("plan", "choice", choices=("Paket Hemat", "Paket Keluarga")),
    Slot("invoice", "regex", pattern="INV-[0-9]{6}"),
    Slot("code", "regex", pattern=r"[A-Z]{2}\d{4,6}(?:-[0-9])?"),
    Slot("note", "text"),
]


@pytest.mark.parametrize("slot", SLOTS, ids=lambda s: s.name)
def test_plausible_values_fill_the_slot_and_wrong_ones_do_not(slot):
    found = plausible_values(slot)
    assert found.texts and found.note is None
    assert all(fills(slot, text) for text in found.texts)
    candidates = [line for lines in BUILTIN["wrong-value"].wrong_values.values() for line in lines]
    wrong = wrong_values(slot, candidates, near_miss=True)
    assert not any(fills(slot, text) for text in wrong)
    if slot.type != "text":
        assert wrong  # every typed slot can be answered wrongly


def test_values_that_decide_routes_are_all_offered():
    assert plausible_values(Slot("plan", "choice", choices=("A", "B", "C"))).texts == ("A", "B", "C")
    assert plausible_values(Slot("age", "number", min=17, max=80)).texts[:2] == ("17", "80")
    assert plausible_values(Slot("otp", "otp", length=6)).texts == ("482913",)


def test_a_near_miss_is_the_right_kind_of_value_with_its_last_character_missing():
    assert wrong_values(Slot("invoice", "regex", pattern="INV-[0-9]{6}"), [], near_miss=True) == ("INV-48291",)
    assert wrong_values(Slot("otp", "otp", length=6), ["123456"], near_miss=True) == (
        "48291",
    )  # a right value is dropped


def test_regex_values_come_from_the_pattern_else_from_the_flow_texts_with_a_note():
    assert regex_sample("INV-[0-9]{6}") == "INV-482913"
    assert regex_sample(r"(?:BK|BX)\d{3}") == "BK482"
    assert regex_sample(r"(?<=#)\d+") is None  # a look-behind: not generated
    slot = Slot("ref", "regex", pattern=r"(?<=#)\d{5}")
    found = plausible_values(slot, ["Nomor referensi ada di email, contoh #55123."])
    assert found.texts == ("55123",) and "too complex" in (found.note or "")
    nothing = plausible_values(slot, ["Kirim nomor referensi."])
    assert nothing.texts == () and "write an example" in (nothing.note or "")
