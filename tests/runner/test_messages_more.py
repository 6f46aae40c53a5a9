"""Messages a new user meets when an input is wrong: chat's script and
action outcomes, explore's --save folder, test conversations naming what
the flow does not have, and replay's summary of conversations it could not
run. Each says what is wrong and what to do, exit 2 for unusable input."""

from __future__ import annotations

import io
import textwrap

import pytest

from alur.runner.cli import main

FLOW = textwrap.dedent(
    """\
    alur: 1
    flow: refund
    start: menu
    slots:
      order_id: {type: regex, pattern: "INV-[0-9]{6}"}
    intents:
      refund: {examples: ["mau refund", "minta uang kembali"]}
      human: {handoff: true, examples: ["minta agen", "talk to agent"]}
    global: {human: agent}
    fallback: {max_retries: 1, then: agent}
    states:
      menu:
        say: "Halo! Ada yang bisa dibantu?"
        on: {refund: ask_reason}
      ask_reason:
        say: "Kirim nomor pesanannya ya."
        collect: order_id
        next: lookup
      lookup:
        action: lookup_order
        on: {found: done, not_found: ask_reason}
      done:
        say: "Refund pesanan {order_id} diproses."
        end: true
      agent:
        say: "Kami sambungkan ke agen."
        escalate: true
    """
)


@pytest.fixture
def flow_path(tmp_path):
    path = tmp_path / "refund.flow.yaml"
    path.write_text(FLOW, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- chat --script ---------------------------------------------------------------


def test_a_binary_script_is_named_as_the_script_not_as_a_flow(tmp_path, flow_path, capsys):
    script = tmp_path / "x.txt"
    script.write_bytes(b"halo\n\x7fELF\x02\x01\x00\x00binary")
    code, out, err = run(capsys, "chat", str(flow_path), "--script", str(script))
    assert code == 2
    assert f"--script {script}:2: a binary file, not text" in err
    assert "YAML flow" not in err and "Traceback" not in err


def test_a_script_that_is_not_utf8_gives_line_and_column(tmp_path, flow_path, capsys):
    script = tmp_path / "latin1.txt"
    script.write_bytes("mau refund\nterima kasih caf\xe9\n".encode("latin-1"))
    code, _, err = run(capsys, "chat", str(flow_path), "--script", str(script))
    assert code == 2 and f"--script {script}:2:17: not UTF-8 text" in err


def test_binary_piped_to_chat_is_refused_at_its_line(flow_path, capsys, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(b"mau refund\n\x00\x01\x02\n"), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    code, _, err = run(capsys, "chat", str(flow_path))
    assert code == 2 and "<stdin>:2: binary, not text" in err


def test_chat_asks_for_outcomes_with_its_own_option_not_the_transcript_map(tmp_path, flow_path, capsys):
    script = tmp_path / "s.txt"
    script.write_text("mau refund\nINV-123456\n", encoding="utf-8")
    code, _, err = run(capsys, "chat", str(flow_path), "--script", str(script))
    assert code == 2
    assert f"{script}:2: action 'lookup_order' (state 'lookup') ran and no outcome was given for it" in err
    assert "with --actions FILE: a YAML file such as `lookup_order: [found]`" in err
    assert "transcript" not in err and "fixtures" not in err


def test_chat_says_the_actions_file_ran_out_and_how_to_add_more(tmp_path, flow_path, capsys):
    actions = tmp_path / "actions.yaml"
    actions.write_text("lookup_order: [not_found]\n", encoding="utf-8")
    script = tmp_path / "s.txt"
    script.write_text("mau refund\nINV-123456\nINV-654321\n", encoding="utf-8")
    code, _, err = run(capsys, "chat", str(flow_path), "--script", str(script), "--actions", str(actions))
    assert code == 2
    assert f"{script}:3:" in err
    assert "the 1 outcome --actions gave it (not_found) is used up" in err
    assert "`lookup_order: [not_found, found]`" in err


# -- explore --save ----------------------------------------------------------------


def test_explore_save_to_an_existing_file_is_refused_before_exploring(tmp_path, flow_path, capsys):
    target = tmp_path / "s1.txt"
    target.write_text("notes\n", encoding="utf-8")
    code, out, err = run(capsys, "explore", str(flow_path), "--save", str(target))
    assert code == 2 and out == ""
    assert f"--save {target}: is a file; give a folder to save the test conversations in" in err
    assert target.read_text(encoding="utf-8") == "notes\n"


def test_explore_save_under_a_file_names_the_file(tmp_path, flow_path, capsys):
    (tmp_path / "s1.txt").write_text("notes\n", encoding="utf-8")
    target = tmp_path / "s1.txt" / "traps"
    code, _, err = run(capsys, "explore", str(flow_path), "--save", str(target))
    assert code == 2 and f"{tmp_path / 's1.txt'} is a file, not a folder" in err


# -- test conversations naming what the flow does not have --------------------------


def replay_test(tmp_path, flow_path, capsys, expects: str) -> tuple[int, str]:
    test = tmp_path / "typo.test.yaml"
    test.write_text(
        textwrap.dedent(
            """\
            flow: refund
            conversations:
              - id: typo
                actions: {lookup_order: [found]}
                turns:
                  - user: "mau refund"
                    expect: %s
            """
        )
        % expects,
        encoding="utf-8",
    )
    code, out, err = run(capsys, "replay", str(flow_path), str(test))
    assert "Traceback" not in err
    return code, out


def test_an_expected_state_the_flow_lacks_suggests_the_closest(tmp_path, flow_path, capsys):
    code, out = replay_test(tmp_path, flow_path, capsys, "{state: ask_reasn}")
    assert code == 1
    assert (
        "expectation: expected state 'ask_reasn', but the flow has no state 'ask_reasn'; did you mean 'ask_reason'?"
        in out
    )


def test_an_expected_intent_the_flow_lacks_suggests_or_lists(tmp_path, flow_path, capsys):
    code, out = replay_test(tmp_path, flow_path, capsys, "{intent: refnd}")
    assert code == 1 and "the flow has no intent 'refnd'; did you mean 'refund'?" in out
    _, out = replay_test(tmp_path, flow_path, capsys, "{intent: zzz}")
    assert "the flow has no intent 'zzz'; its intents: refund, human" in out


def test_an_expected_slot_the_flow_lacks_suggests_the_closest(tmp_path, flow_path, capsys):
    code, out = replay_test(tmp_path, flow_path, capsys, "{slots: {ordr_id: INV-123456}}")
    assert code == 1
    assert "expectation: expected slot 'ordr_id', but the flow has no slot 'ordr_id'; did you mean 'order_id'?" in out


def test_known_names_keep_the_ordinary_message(tmp_path, flow_path, capsys):
    _, out = replay_test(tmp_path, flow_path, capsys, "{state: done}")
    assert "expected state 'done', but the conversation is in 'ask_reason'" in out
    assert "has no state" not in out


# -- replay's summary -----------------------------------------------------------------


def test_replay_summary_counts_conversations_it_could_not_run(tmp_path, flow_path, capsys):
    test = tmp_path / "mixed.test.yaml"
    test.write_text(
        textwrap.dedent(
            """\
            flow: refund
            conversations:
              - id: no-outcome
                turns:
                  - user: "mau refund"
                  - user: "INV-123456"
              - id: wrong-state
                actions: {lookup_order: [found]}
                turns:
                  - user: "mau refund"
                    expect: {state: done}
              - id: fine
                turns:
                  - user: "mau refund"
                    expect: {state: ask_reason}
            """
        ),
        encoding="utf-8",
    )
    code, _, err = run(capsys, "replay", str(flow_path), str(test), "--format", "json", "-o", str(tmp_path / "r.json"))
    assert code == 1
    assert "3 conversations, 1 with findings, 1 could not be run" in err
