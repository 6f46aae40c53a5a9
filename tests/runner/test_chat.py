"""`alur chat`: the terminal REPL, driven by scripts and by a fake keyboard."""

from __future__ import annotations

import textwrap

import pytest

from alur.flows.engine import Engine
from alur.flows.validate import parse_flow
from alur.runner.chat import Chat
from alur.runner.cli import main

FLOW = textwrap.dedent(
    """\
    alur: 1
    flow: login
    title: Masuk akun
    start: menu
    slots:
      phone: {type: phone}
      otp: {type: otp, length: 6, sensitive: true}
    intents:
      login: {examples: ["mau login", "tidak bisa masuk"]}
      human: {handoff: true, examples: ["minta agen"]}
    global: {human: agent}
    fallback: {max_retries: 1, then: agent}
    states:
      menu:
        say: "Halo! Ada yang bisa dibantu?"
        buttons:
          - {title: "Masuk akun", intent: login}
          - {title: "Bicara dengan CS", intent: human}
        on: {login: ask_otp}
      ask_otp:
        say: "Kirim kode OTP 6 angka."
        collect: otp
        next: verify
      verify:
        action: check_otp
        on: {valid: welcome, invalid: ask_otp}
      welcome:
        say: "Kode {otp} benar. Selamat datang!"
        end: true
      agent:
        say: "Kami sambungkan ke agen."
        escalate: true
    """
)


@pytest.fixture
def flow_path(tmp_path):
    path = tmp_path / "login.flow.yaml"
    path.write_text(FLOW, encoding="utf-8")
    return path


def chat(tmp_path, flow_path, capsys, lines: str, *extra: str) -> tuple[int, str, str]:
    script = tmp_path / "script.txt"
    script.write_text(textwrap.dedent(lines), encoding="utf-8")
    code = main(["chat", str(flow_path), "--script", str(script), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_script_runs_the_conversation_showing_state_intent_and_slots(tmp_path, flow_path, capsys):
    fixtures = tmp_path / "actions.yaml"
    fixtures.write_text("check_otp: [valid]\n", encoding="utf-8")
    code, out, err = chat(tmp_path, flow_path, capsys, "# login first\nmau login\n482913\n", "--actions", str(fixtures))
    assert (code, err) == (0, "")
    assert "alur chat: login - Masuk akun (5 states)" in out
    assert "bot [menu] Halo! Ada yang bisa dibantu?\n     1) Masuk akun\n     2) Bicara dengan CS" in out
    assert "you> mau login\n  [understood] intent login" in out
    assert "  [now] ask_otp (waiting for otp) | retries 0/1" in out
    assert "action check_otp -> valid" in out
    assert "bot [welcome] Kode •••• benar. Selamat datang!" in out  # sensitive: masked in display
    assert "482913" not in out.replace("you> 482913", "")
    assert "welcome: conversation ended" in out
    assert "login first" not in out  # comments are skipped


def test_retries_and_the_fallback_to_a_human_are_shown(tmp_path, flow_path, capsys):
    code, out, _ = chat(tmp_path, flow_path, capsys, "halo\nasdf\nqwerty\nmasih di sana?\n")
    assert code == 0
    assert "opening the chat (no retry counted)" in out
    assert "retry 1 of 1" in out
    assert "retries used up: fallback" in out and "agent: handed over to a human agent" in out
    assert "the conversation is over; :restart to talk again" in out


def test_commands_back_state_slots_restart_and_quit(tmp_path, flow_path, capsys):
    code, out, _ = chat(tmp_path, flow_path, capsys, "1\n:state\n:slots\n:back\n:restart\n:quit\nmau login\n")
    assert code == 0
    assert "state ask_otp: waits for the customer" in out
    assert "collect: otp (otp) then verify" in out and "global human -> agent" in out
    assert "fallback: 1 re-prompt(s), then agent" in out
    assert "  otp = -  [otp] (sensitive)" in out
    assert "-- back to before your last turn, in menu --" in out
    assert out.count("bot [menu] Halo!") == 3  # opening, :back, :restart
    assert out.endswith("you> :quit\n")  # nothing after :quit is read


def test_an_emoticon_is_a_message_not_a_command(tmp_path, flow_path, capsys):
    _, out, _ = chat(tmp_path, flow_path, capsys, ":)\n:foo\n")
    assert "you> :)\n  [understood] no intent" in out
    assert "unknown command :foo" in out


def test_an_action_with_no_outcome_left_stops_a_script_naming_action_and_line(tmp_path, flow_path, capsys):
    code, _, err = chat(tmp_path, flow_path, capsys, "mau login\n\n123456\n")
    assert code == 2
    assert "script.txt:3:" in err and "action 'check_otp'" in err and "valid, invalid" in err


def test_a_bad_fixtures_file_is_reported_with_its_line(tmp_path, flow_path, capsys):
    fixtures = tmp_path / "actions.yaml"
    fixtures.write_text("check_otp: [valid]\nsend_sms: {a: b}\n", encoding="utf-8")
    code, _, err = chat(tmp_path, flow_path, capsys, "halo\n", "--actions", str(fixtures))
    assert code == 2 and "actions.yaml:2:11:" in err and "send_sms" in err


def test_a_flow_that_cannot_run_is_refused(tmp_path, capsys):
    path = tmp_path / "broken.flow.yaml"
    path.write_text("alur: 1\nflow: broken\nstart: nowhere\nstates:\n  a: {end: true}\n", encoding="utf-8")
    code, _, err = chat(tmp_path, path, capsys, "halo\n")
    assert code == 2 and "broken.flow.yaml:3" in err


def test_interactive_errors_are_shown_and_the_conversation_goes_on():
    out: list[str] = []
    # the person gives up (Ctrl-D) when asked for an outcome
    session = Chat(Engine(parse_flow(FLOW)), None, out.append, ask=lambda action, state, routed: None)
    session.begin()
    session.handle("mau login")
    session.handle("123456")
    assert any(line.startswith("  error: action 'check_otp'") for line in out)
    assert session.conversation.state == "ask_otp"  # nothing changed
    assert session.handle(":quit") is False


def test_nlu_plugin_option_routes_turns_with_the_teams_classifier(tmp_path, flow_path, capsys, monkeypatch):
    import sys
    import types

    module = types.ModuleType("team_nlu_for_chat_test")
    module.classify = lambda text: ("login", 0.77) if "akun" in text else None
    monkeypatch.setitem(sys.modules, module.__name__, module)
    code, out, _ = chat(tmp_path, flow_path, capsys, "akun saya kenapa\n", "--nlu", f"{module.__name__}:classify")
    assert code == 0 and "[understood] intent login 0.77 (plugin)" in out and "[now] ask_otp" in out
    code, _, err = chat(tmp_path, flow_path, capsys, "halo\n", "--nlu", "no_such_nlu_module:classify")
    assert code == 2 and "--nlu no_such_nlu_module:classify: cannot import" in err


def test_lines_piped_on_standard_input_are_read_like_a_script(flow_path, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("mau login\n:quit\n"))
    assert main(["chat", str(flow_path)]) == 0
    out = capsys.readouterr().out
    assert "you> mau login\n  [understood] intent login" in out


def test_terminal_escape_sequences_in_a_script_are_shown_not_obeyed(tmp_path, flow_path, capsys):
    _, out, _ = chat(tmp_path, flow_path, capsys, "halo\x1b]0;PWNED\x07\x1b[2J\n")
    assert "\x1b" not in out and "\x07" not in out
    assert "you> halo\\x1b]0;PWNED\\x07\\x1b[2J" in out
