"""`alur explore`: personas at every waiting state, traps with their shortest
conversations, and saved tests that fail until the flow is fixed."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from alur.flows.check import load_runnable_flow
from alur.flows.engine import Engine
from alur.runner.cli import main
from alur.runner.explore import ExploreLimits, Trap, explore
from alur.runner.explore.personas import load_personas

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.flow.yaml"))
TRAPS = ROOT / "examples" / "broken" / "explore"
PERSONAS = load_personas()

# each known-trap flow, and the text change that fixes it (the flow keeps its id)
FIXES = {
    "fallback_to_itself": ("      then: ask_phone\n", ""),
    "handoff_only_in_menu": (
        '      talk_to_human: handoff\n    fallback:\n      say:\n        - "Maaf, belum paham.',
        '    fallback:\n      say:\n        - "Maaf, belum paham.',
    ),
    "cycle_without_exit": ("      cancel: confirm_payment\n", "      cancel: cancelled\n"),
}


def run_explore(path: Path | str, **limits: int):
    return explore(Engine(load_runnable_flow(path)), PERSONAS, ExploreLimits(**limits))


def traps(report) -> dict[tuple[str, str], Trap]:
    return {(t.findings[0].kind, t.findings[0].state): t for t in report.results if isinstance(t, Trap) and t.findings}


def fixed_copy(name: str, folder: Path) -> Path:
    text = (TRAPS / f"{name}.flow.yaml").read_text(encoding="utf-8")
    old, new = FIXES[name]
    if name == "handoff_only_in_menu":  # the route moves from the menu to `global`
        text = text.replace(
            "fallback:\n  max_retries: 2", "global:\n  talk_to_human: handoff\n\nfallback:\n  max_retries: 2", 1
        )
    assert old in text, f"the fix for {name} no longer applies"
    path = folder / f"{name}.flow.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the examples


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name.removesuffix(".flow.yaml"))
def test_example_flows_explore_clean_and_every_waiting_state_is_reached(path):
    report = run_explore(path)
    assert [(r.id, r.error, [f.message for f in r.findings]) for r in report.results] == []
    coverage = report.to_dict()["coverage"]
    assert coverage["unreached"] == []
    assert coverage["states_explored"] == coverage["waiting_states"] > 0
    assert coverage["persona_runs"] >= coverage["waiting_states"] * 6  # every persona that applies played everywhere


# --------------------------------------------------------------------------- the known traps


def test_a_fallback_that_returns_to_itself_is_found_with_its_shortest_conversation():
    found = traps(run_explore(TRAPS / "fallback_to_itself.flow.yaml"))
    assert set(found) == {("missing_escalation", "ask_phone"), ("loop", "ask_phone")}
    missing = found["missing_escalation", "ask_phone"]
    # one turn to reach the question, then three failed answers: the third is not escalated
    assert len(missing.turns) == 4 and missing.findings[0].turn == 3
    assert missing.persona == "nothing-useful" and "wrong-value" in missing.found_by
    assert missing.expect == {"escalated": True}
    loop = found["loop", "ask_phone"]
    assert loop.findings[0].turn == 6  # the question's own text a third time, after two rounds
    assert "3 times" in loop.findings[0].message


def test_a_handoff_routed_only_from_the_menu_is_found_in_every_other_waiting_state():
    report = run_explore(TRAPS / "handoff_only_in_menu.flow.yaml")
    found = traps(report)
    assert set(found) == {("missing_escalation", "ask_customer_id"), ("missing_escalation", "confirm_payment")}
    first = found["missing_escalation", "ask_customer_id"]
    assert len(first.turns) == 2 and first.turns[1] == "Permisi, boleh saya bicara dengan CS?"
    assert set(first.found_by) == {
        "asks-human-polite-id",
        "asks-human-blunt-id",
        "asks-human-polite-en",
        "asks-human-blunt-en",
    }
    later = found["missing_escalation", "confirm_payment"]
    assert len(later.turns) == 3
    assert later.actions == {"find_bill": ("found",)}  # the outcome that leads there, recorded for replay
    assert report.results[0] is first  # nearest state first


def test_a_cycle_between_two_states_is_found_by_the_customer_who_changes_their_mind():
    found = traps(run_explore(TRAPS / "cycle_without_exit.flow.yaml"))
    assert set(found) == {("loop", "confirm_payment")}
    loop = found["loop", "confirm_payment"]
    assert loop.persona == "changes-mind"
    assert loop.turns[1:] == (
        "gak jadi",
        "batal",
        "cancel",
        "ga jadi deh, batalin aja",
    )  # the third arrival needs two round trips
    assert loop.expect == {"ended": True}


@pytest.mark.parametrize("name", sorted(FIXES))
def test_saved_traps_replay_failing_before_the_fix_and_passing_after(name, tmp_path, capsys):
    saved = tmp_path / "saved"
    assert main(["explore", str(TRAPS / f"{name}.flow.yaml"), "--save", str(saved)]) == 1
    files = sorted(str(p) for p in saved.glob("*.test.yaml"))
    assert files and all(f"explore_{name}." in Path(f).name for f in files)
    capsys.readouterr()
    assert main(["replay", str(TRAPS / f"{name}.flow.yaml"), *files]) == 1
    before = capsys.readouterr().out
    assert "expectation" in before
    fixed = fixed_copy(name, tmp_path)
    assert main(["replay", str(fixed), *files]) == 0, capsys.readouterr().out
    assert main(["explore", str(fixed)]) == 0


def test_explore_is_deterministic(tmp_path, capsys):
    path = str(TRAPS / "handoff_only_in_menu.flow.yaml")
    main(["explore", path, "--format", "json"])
    first = capsys.readouterr().out
    main(["explore", path, "--format", "json"])
    assert capsys.readouterr().out == first


# --------------------------------------------------------------------------- reaching states

BEHIND_ACTIONS = textwrap.dedent(
    """\
    alur: 1
    flow: behind_actions
    start: menu
    slots:
      order_id: {type: regex, pattern: "ORD-[0-9]{5}"}
      age: {type: number, min: 10, max: 100}
    intents:
      check: {examples: ["cek pesanan"]}
      human: {handoff: true, examples: ["minta agen"]}
      thanks: {examples: ["makasih"]}
    global: {human: agent}
    fallback: {max_retries: 2, then: agent}
    states:
      menu:
        say: "Mau cek pesanan?"
        on: {check: ask_age}
      ask_age:
        say: "Berapa umur Anda?"
        collect: age
        next: ask_id
      ask_id:
        say: "Kirim nomor pesanan."
        collect: order_id
        next: lookup
      lookup:
        action: lookup_order
        on:
          - {event: found, if: "age >= 17", goto: found}
          - {event: found, goto: agent}
          - {event: not_found, goto: poll}
          - {event: error, goto: agent}
      poll:
        action: check_again
        on: {still: poll_wait, gone: sorry}
      poll_wait:
        say: "Masih kami cek."
        next: poll
      found:
        say: "Pesanan {order_id} ketemu."
        on: {thanks: done}
      sorry:
        say: "Pesanan {order_id} tidak ketemu. Ada lagi?"
        on: {thanks: done}
        fallback: {then: sorry, say: ["Maaf?", "Maaf, ulangi?"]}
      done: {end: true, say: "Sama-sama!"}
      agent: {escalate: true, say: "Kami sambungkan ke agen."}
    """
)


def test_states_behind_conditions_and_later_action_outcomes_are_reached_and_replayed(tmp_path, capsys):
    path = tmp_path / "behind_actions.flow.yaml"
    path.write_text(BEHIND_ACTIONS, encoding="utf-8")
    report = run_explore(path)
    assert report.to_dict()["coverage"]["unreached"] == []  # `found` needs age >= 17; `sorry` a second outcome
    trap = traps(report)["missing_escalation", "sorry"]
    # not_found, then the poll says `still` once and `gone` the second time within the same turn
    assert trap.actions == {"lookup_order": ("not_found",), "check_again": ("still", "gone")}
    assert trap.turns[:3] == ("cek pesanan", "10", "ORD-48291")
    saved = tmp_path / "saved"
    assert main(["explore", str(path), "--save", str(saved)]) == 1
    files = sorted(map(str, saved.glob("*.test.yaml")))
    capsys.readouterr()
    assert main(["replay", str(path), *files, "--format", "json"]) == 1
    replayed = json.loads(capsys.readouterr().out)
    # every saved test replays to its end (no action runs out of outcomes) and fails on its expectation
    assert [r["status"] for r in replayed["results"]] == ["fail"] * len(files)
    assert replayed["summary"]["expectation"] == len(files)


def test_a_dead_end_on_the_way_is_found_without_any_misbehaviour(tmp_path, capsys):
    flow = ROOT / "examples" / "broken" / "no-way-out.flow.yaml"
    report = run_explore(flow)
    [trap] = report.results
    assert trap.persona == "follows-the-flow" and trap.findings[0].kind == "dead_end"
    assert trap.turns == ("cek pesanan",) and trap.expect == {}
    saved = tmp_path / "saved"
    main(["explore", str(flow), "--save", str(saved)])
    [test] = saved.glob("*.test.yaml")
    assert "expect" not in test.read_text(encoding="utf-8").split("conversations:")[1]
    capsys.readouterr()
    assert main(["replay", str(flow), str(test)]) == 1
    assert "dead_end" in capsys.readouterr().out


def test_a_cycle_of_states_that_never_wait_is_an_error_result(capsys):
    code = main(["explore", str(ROOT / "examples" / "broken" / "trap-state.flow.yaml"), "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert code == 1
    [error] = document["results"]
    assert error["status"] == "error" and "without reaching a state that waits" in error["error"]


def test_limits_bound_the_search_and_the_report_says_so():
    report = run_explore(TRAPS / "handoff_only_in_menu.flow.yaml", max_states=1)
    coverage = report.to_dict()["coverage"]
    assert coverage["states_reached"] == 3 and coverage["states_explored"] == 1
    assert any("--max-states" in note for note in coverage["notes"])
    assert traps(report) == {}  # the menu routes the handoff: no trap there
    shallow = run_explore(TRAPS / "handoff_only_in_menu.flow.yaml", max_depth=1)
    assert shallow.to_dict()["coverage"]["unreached"] == ["confirm_payment"]


# --------------------------------------------------------------------------- reports and the command line

SENSITIVE = textwrap.dedent(
    """\
    alur: 1
    flow: otp_trap
    start: ask_otp
    slots:
      otp: {type: otp, length: 6, sensitive: true}
    intents:
      human: {handoff: true, examples: ["minta agen"]}
    states:
      ask_otp:
        say: "Kirim kode OTP."
        collect: otp
        next: verify
      verify:
        action: verify_otp
        on: {ok: menu, error: agent}
      menu:
        say: "Berhasil masuk. Ketik 1 untuk saldo."
        buttons: ["Saldo"]
        on: {human: agent}
      agent: {escalate: true, say: "Kami sambungkan."}
    """
)


def test_reports_mask_slot_values_that_the_saved_test_keeps(tmp_path, capsys):
    path = tmp_path / "otp.flow.yaml"
    path.write_text(SENSITIVE, encoding="utf-8")
    saved = tmp_path / "saved"
    assert main(["explore", str(path), "--format", "json", "--save", str(saved)]) == 1
    out = capsys.readouterr().out
    document = json.loads(out)
    assert "482913" not in out
    assert any(t["turns"][0] != "482913" and t["state"] == "menu" for t in document["results"])
    kept = "".join(p.read_text(encoding="utf-8") for p in saved.glob("*menu*.test.yaml"))
    assert '"482913"' in kept  # the saved test must replay: it keeps what explore typed
    assert main(["explore", str(path)]) == 1
    text = capsys.readouterr().out
    assert "482913" not in text and "persona " in text


def test_text_report_shows_each_trap_with_its_conversation_and_coverage(capsys):
    assert main(["explore", str(TRAPS / "cycle_without_exit.flow.yaml")]) == 1
    out = capsys.readouterr().out
    assert "cycle_without_exit.flow.yaml:" in out and "loop:" in out
    for turn in ("bayar cicilan", "gak jadi", "batal", "cancel"):
        assert f"user   {turn}" in out
    assert "persona changes-mind" in out and "a test would expect ended: true" in out
    lines = out.splitlines()
    summary = lines.index("alur explore explore_cycle_without_exit: 1 trap (loop 1)")
    # the coverage section follows the summary, as replay's coverage does
    assert lines[summary + 1] == "" and len(lines) == summary + 3
    assert re.fullmatch(
        r"coverage: 3 of 3 waiting states explored, \d+ persona runs by \d+ personas", lines[summary + 2]
    )


def test_json_and_junit_reports(capsys):
    path = str(TRAPS / "fallback_to_itself.flow.yaml")
    assert main(["explore", path, "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["flow"] == "explore_fallback_to_itself" and document["conversations"] == 2
    assert document["summary"]["missing_escalation"] == 1 and document["summary"]["loop"] == 1
    result = document["results"][0]
    assert {"id", "status", "findings", "state", "persona", "found_by", "turns", "expect"} <= set(result)
    assert document["coverage"]["waiting_states"] == 2 and document["coverage"]["persona_runs"] > 0
    assert main(["explore", path, "--format", "junit"]) == 1
    junit = capsys.readouterr().out
    assert 'tests="3" failures="2"' in junit and "ask_phone/nothing-useful/missing_escalation" in junit
    assert (
        '<testcase classname="explore_fallback_to_itself" name="state greet"/>' in junit
    )  # explored, no trap: a passing test
    assert re.search(
        r'<property name="coverage" value="2 of 2 waiting states explored, \d+ persona runs by \d+ personas"/>', junit
    )


def test_clean_flow_exits_0_and_output_file_is_written(tmp_path, capsys):
    target = tmp_path / "report.json"
    assert main(["explore", str(EXAMPLES[0]), "--format", "json", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["results"] == []


def test_unusable_input_exits_2_with_a_message(tmp_path, capsys):
    bad = tmp_path / "bad.flow.yaml"
    bad.write_text("alur: 1\nflow: bad\nstart: nowhere\nstates:\n  a: {end: true}\n", encoding="utf-8")
    assert main(["explore", str(bad)]) == 2
    assert "bad.flow.yaml:3" in capsys.readouterr().err
    assert main(["explore", str(EXAMPLES[0]), "--persona", "nobody"]) == 2
    assert "no such persona" in capsys.readouterr().err
    assert main(["explore", str(EXAMPLES[0]), "--max-turns", "0"]) == 2
    assert "--max-turns 0" in capsys.readouterr().err
    personas = tmp_path / "p.yaml"
    personas.write_text("personas:\n  rude:\n    say: []\n", encoding="utf-8")
    assert main(["explore", str(EXAMPLES[0]), "--personas", str(personas)]) == 2
    assert f"{personas}:3:10" in capsys.readouterr().err


def test_a_team_persona_file_adds_a_customer_who_finds_a_new_trap(tmp_path, capsys):
    personas = tmp_path / "ours.yaml"
    personas.write_text(
        'personas:\n  wants-supervisor:\n    description: asks for a supervisor\n    say: ["mau bicara sama supervisor"]\n',
        encoding="utf-8",
    )
    flow = str(TRAPS / "handoff_only_in_menu.flow.yaml")
    assert (
        main(["explore", flow, "--personas", str(personas), "--persona", "wants-supervisor", "--format", "json"]) == 1
    )
    document = json.loads(capsys.readouterr().out)
    assert {r["persona"] for r in document["results"]} == {"wants-supervisor"}
    assert document["coverage"]["personas"] == 1


BUTTONS = textwrap.dedent(
    """\
    alur: 1
    flow: buttons
    start: menu
    intents:
      balance: {examples: ["cek saldo", "saldo saya berapa"]}
      promo: {examples: ["diskon", "potongan harga"]}
      human: {handoff: true, examples: ["minta agen"]}
    global: {human: agent}
    fallback:
      say: ["Maaf, pilih menu ya.", "Ketuk salah satu tombol."]
    states:
      menu:
        say: "Mau apa?"
        buttons: ["Cek saldo", "Promo Ramadhan"]
        on: {balance: done, promo: promo}
      promo: {end: true, say: "Diskon 20% sampai Lebaran."}
      done: {end: true, say: "Saldo Anda Rp 100.000"}
      agent: {escalate: true, say: "Kami sambungkan ke agen."}
    """
)


def test_customers_who_tap_a_button_the_bot_does_not_understand_tap_again(tmp_path):
    path = tmp_path / "buttons.flow.yaml"
    path.write_text(BUTTONS, encoding="utf-8")
    only_buttons = [p for p in PERSONAS if p.kind == "buttons"]
    report = explore(Engine(load_runnable_flow(path)), only_buttons)
    trap = traps(report)["missing_escalation", "menu"]
    # the plain title is in no example; at `start` the first tap only opens the chat, then three failures
    assert trap.turns == ("2",) * 4 and trap.findings[0].turn == 3
    assert set(trap.found_by) == {"button-number", "button-title"}
    path.write_text(BUTTONS.replace('["diskon", "potongan harga"]', '["diskon", "promo ramadhan"]'), encoding="utf-8")
    assert explore(Engine(load_runnable_flow(path)), only_buttons).results == []
