"""`cycle-without-wait`: `alur check` fails exactly the flows whose states
talk round in a circle, which the engine refuses to run (`alur chat` exit 2).

The rule and the engine must agree: every case here that the rule reports,
the engine refuses on entering the loop, with the same states; and a random
flow's loops are the same for both.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from alur.flows.check import check_paths, check_text
from alur.flows.engine import Engine, FlowCycleError
from alur.flows.rules._graph import cycles
from alur.runner.cli import main

ROOT = Path(__file__).resolve().parents[2]
CODE = "cycle-without-wait"

HEAD = """alur: 1
flow: loops
start: greet
slots:
  amount: {type: number}
intents:
  check_order: {examples: ["cek pesanan"]}
  no_thanks: {examples: ["tidak"]}
  talk_to_human: {handoff: true, examples: ["mau bicara dengan CS"]}
global:
  talk_to_human: handoff
fallback:
  then: handoff
states:
  handoff: {escalate: true, say: "Kami hubungkan dengan agen."}
  done: {end: true, say: "Terima kasih!"}
"""
# HEAD is 16 lines: the states below start on line 17.


def findings(states: str) -> list[tuple[int, int, str]]:
    result = check_text(HEAD + states, "loops.flow.yaml")
    return [(d.line, d.column, d.message) for d in result.diagnostics if d.code == CODE]


def engine_cycle(states: str, start: str, slots: dict | None = None) -> tuple[str, ...] | None:
    """The loop the engine refuses on entering `start`, or None if it runs."""
    flow = check_text(HEAD + states, "loops.flow.yaml").flow
    assert flow is not None
    try:
        Engine(flow).start(state=start, slots=slots, ask_outcome=lambda action, state, routed: routed[0])
    except FlowCycleError as error:
        return error.states
    return None


def message(*names: str) -> str:
    return (
        f"{' → '.join(names)} never waits for the customer: the bot would talk forever; "
        "let one of these states wait (`collect` or `on`) or lead one `next` out of the loop"
    )


SELF_LOOP = """  greet:
    say: "Halo!"
    on: {check_order: status}
  status: {say: "Pesanan Anda sedang dikirim.", next: status}
"""

TWO_CYCLE = """  greet:
    say: "Halo!"
    on: {check_order: status}
  status:
    say: "Pesanan Anda sedang dikirim."
    next: more
  more:
    say: "Ada lagi?"
    next: status
"""

# Entered by a conditional branch of an action at `status`, which the file
# lists last: the finding names the loop from `tip` (first in the file).
THREE_CYCLE_BEHIND_CONDITION = """  greet:
    say: "Halo!"
    on: {check_order: lookup}
  lookup:
    action: lookup_order
    on:
      - {event: found, if: "amount > 1000000", goto: insured}
      - {event: found, goto: done}
  tip: {say: "Simpan nomor resi Anda.", next: insured}
  insured: {say: "Paket Anda diasuransikan.", next: status}
  status: {say: "Pesanan Anda sedang dikirim.", next: tip}
"""


def test_self_loop_fails_the_check_at_the_state():
    assert findings(SELF_LOOP) == [(20, 3, message("status", "status"))]
    assert engine_cycle(SELF_LOOP, "status") == ("status", "status")


def test_two_states_passing_to_each_other_fail_once():
    assert findings(TWO_CYCLE) == [(20, 3, message("status", "more", "status"))]
    assert engine_cycle(TWO_CYCLE, "status") == ("status", "more", "status")


def test_three_cycle_behind_a_conditional_branch_names_its_states_in_order():
    assert findings(THREE_CYCLE_BEHIND_CONDITION) == [(25, 3, message("tip", "insured", "status", "tip"))]
    assert engine_cycle(THREE_CYCLE_BEHIND_CONDITION, "lookup", {"amount": 2_000_000}) == (
        "insured",
        "status",
        "tip",
        "insured",
    )
    assert engine_cycle(THREE_CYCLE_BEHIND_CONDITION, "lookup", {"amount": 5}) is None  # the other branch ends


def test_a_waiting_state_breaks_the_loop():
    waiting = TWO_CYCLE.replace("    next: status\n", "    on: {check_order: status, no_thanks: done}\n")
    assert findings(waiting) == []
    assert engine_cycle(waiting, "status") is None
    collecting = TWO_CYCLE.replace("    next: status\n", "    collect: amount\n    next: status\n")
    assert findings(collecting) == []


def test_a_loop_through_an_action_is_left_to_the_engine_as_it_is_there():
    """An outcome the action does not route, or whose `if:` fails, leaves the
    loop, so the engine does not refuse it on sight (only a turn that really
    goes round `max_moves` times) and neither does the check."""
    polling = """  greet:
    say: "Halo!"
    on: {check_order: lookup}
  lookup:
    action: lookup_order
    on:
      - {event: pending, if: "amount > 0", goto: wait_more}
  wait_more: {say: "Masih diproses.", next: lookup}
"""
    assert findings(polling) == []
    assert engine_cycle(polling, "lookup", {"amount": 0}) is None


def test_ignore_comment_silences_the_finding():
    ignored = SELF_LOOP.replace("next: status}\n", "next: status}  # alur: ignore[cycle-without-wait]\n")
    assert findings(ignored) == []
    own_line = TWO_CYCLE.replace("  status:\n", "  # alur: ignore[cycle-without-wait]\n  status:\n")
    assert findings(own_line) == []


def test_check_exits_1_on_the_loop(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "loop.flow.yaml"
    path.write_text("alur: 1\nflow: loop\nstart: a\nstates:\n  a: {say: hi, next: a}\n", encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out, _ = capsys.readouterr()
    assert f"{path}:5:3: error {CODE} a → a never waits for the customer" in out
    assert "trap-state" in out  # no ending at all is still said, once, about the flow


def test_rules_prints_the_documentation(capsys):
    assert main(["rules", CODE]) == 0
    out = capsys.readouterr().out
    assert "Why:" in out and "Fails:" in out and "next: anything_else" in out


def test_every_example_flow_still_passes():
    results = [r for r in check_paths([ROOT / "examples"]) if "broken" not in Path(r.path).parts]
    assert len(results) >= 8
    assert [str(d) for r in results for d in r.diagnostics if d.code == CODE or d.severity.name == "ERROR"] == []


def test_a_long_loop_is_named_by_its_ends():
    ring = "".join(f"  s{i}: {{say: hi, next: s{(i + 1) % 2000}}}\n" for i in range(2000))
    (found,) = findings("  greet:\n    say: Halo\n    on: {check_order: s0}\n" + ring)
    assert found[:2] == (20, 3)
    assert found[2].startswith(
        "s0 → s1 → s2 → s3 → s4 → s5 → … → s1995 → s1996 → s1997 → s1998 → s1999 → s0 (2000 states)"
    )


# -- the rule and the engine agree on random flows ---------------------------

KINDS = ("pass", "pass", "wait", "action", "end")


@st.composite
def random_states(draw) -> str:
    """Up to 7 states of every kind, each leading to random states."""
    count = draw(st.integers(1, 7))
    names = [f"s{i}" for i in range(count)]
    target = st.sampled_from(names)
    lines = []
    for name in names:
        kind = draw(st.sampled_from(KINDS))
        if kind == "pass":
            lines.append(f"  {name}: {{say: hi, next: {draw(target)}}}\n")
        elif kind == "wait":
            lines.append(f"  {name}: {{say: hi, on: {{check_order: {draw(target)}}}}}\n")
        elif kind == "action":
            condition = draw(st.sampled_from(["", ', if: "amount > 5"']))
            follow = draw(st.sampled_from(["", f", next: {draw(target)}"]))
            lines.append(f"  {name}: {{action: look, on: [{{event: ok{condition}, goto: {draw(target)}}}]{follow}}}\n")
        else:
            lines.append(f"  {name}: {{end: true}}\n")
    return "  greet: {say: Halo, on: {check_order: s0}}\n" + "".join(lines)


def canonical(loop: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    body = list(loop[:-1])
    first = body.index(min(body))
    return tuple(body[first:] + body[:first])


@settings(max_examples=150, deadline=None)
@given(random_states(), st.integers(0, 10))
def test_rule_loops_are_the_loops_the_engine_refuses(states, amount):
    flow = check_text(HEAD + states, "random.flow.yaml").flow
    assert flow is not None
    engine = Engine(flow, max_moves=40)
    refused = set()
    for name in flow.states:
        try:
            engine.start(state=name, slots={"amount": amount}, ask_outcome=lambda action, state, routed: "ok")
        except FlowCycleError as error:
            if "form a cycle" in str(error):  # not the max_moves guard
                refused.add(canonical(error.states))
    assert {canonical(loop) for loop in cycles(flow)} == refused


def test_broken_example_fails_with_this_rule_alone(capsys):
    assert main(["check", str(ROOT / "examples" / "broken" / f"{CODE}.flow.yaml")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[2] for line in out] == [CODE]
