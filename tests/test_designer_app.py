"""The designer driven as a person would, headless (Textual's Pilot).

Each test opens a copy of an example flow in a temporary folder, so saving
and backups never touch the repository.
"""

from __future__ import annotations

import asyncio
import functools
import shutil
import time
from pathlib import Path

import pytest

from alur.designer.app import DesignerApp
from alur.designer.screens.confirm import ConfirmScreen
from alur.designer.screens.main import DesignerScreen
from alur.designer.screens.prompt import PromptScreen
from alur.flows.diagnostics import Severity

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def scenario(test):
    """Run an async Pilot scenario as a plain test (no asyncio plugin needed)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        asyncio.run(test(*args, **kwargs))

    return run


@pytest.fixture(autouse=True)
def quick_checks(monkeypatch):
    """Check 50 ms after the last key instead of 300: tests do not type like people."""
    monkeypatch.setattr(DesignerScreen, "debounce_seconds", 0.05)


@pytest.fixture
def flow_copy(tmp_path: Path) -> Path:
    target = tmp_path / "order_status.flow.yaml"
    shutil.copy(EXAMPLES / "order_status.flow.yaml", target)
    return target


async def wait_until(pilot, condition, timeout: float = 10.0) -> None:
    """Let the app run until `condition()` holds (workers and timers included)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the designer did not get there in time")
        await pilot.pause(0.02)


async def opened(pilot) -> DesignerScreen:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, DesignerScreen) and pilot.app.screen.analysis is not None)
    return pilot.app.screen


async def type_text(pilot, text: str) -> None:
    """Type key by key (for the editor, where each key matters)."""
    await pilot.press(*[{" ": "space"}.get(c, c) for c in text])


async def answer(pilot, text: str) -> None:
    """Fill the focused input (chat, dialog) and press Enter."""
    from textual.widgets import Input

    await wait_until(pilot, lambda: isinstance(pilot.app.focused, Input))
    pilot.app.focused.value = text
    await pilot.press("enter")


@scenario
async def test_an_edit_shows_its_diagnostic_and_the_state_is_flagged(flow_copy: Path):
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        assert screen.analysis.counts()[Severity.ERROR] == 0
        editor = screen.editor
        row = next(i for i, line in enumerate(editor.document.lines) if line.strip() == "next: lookup")
        editor.focus()
        editor.move_cursor((row, len(editor.document.get_line(row))))
        await type_text(pilot, "_typo")
        await wait_until(pilot, lambda: not screen.checking)
        errors = [d for d in screen.analysis.diagnostics if d.severity is Severity.ERROR]
        assert [(d.code, d.line) for d in errors] == [("undefined-state", row + 1)]
        assert "lookup_typo" in errors[0].message
        assert screen.analysis.outline.states["ask_order_id"].worst is Severity.ERROR
        assert "1 error" in str(screen.query_one("#status").render())
        # choosing the problem puts the cursor on it
        screen.action_problems()
        await pilot.press("enter")
        assert editor.cursor_location[0] == row
        # fixing it clears it
        editor.move_cursor((row, len(editor.document.get_line(row))))
        await pilot.press(*["backspace"] * 5)
        await wait_until(pilot, lambda: not screen.checking)
        assert screen.analysis.counts()[Severity.ERROR] == 0


@scenario
async def test_typing_does_not_wait_for_the_checker(flow_copy: Path):
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        checked = screen.analysis.generation
        screen.debounce_seconds = 60  # a designer still typing
        screen.editor.focus()
        await type_text(pilot, "# a note")
        assert screen.editor.text.startswith("# a note")
        assert screen.checking and screen.analysis.generation == checked  # no check per key
        assert "checking" in str(screen.query_one("#status").render())
        screen.debounce_seconds = 0.05  # the designer pauses
        await type_text(pilot, "!")
        await wait_until(pilot, lambda: not screen.checking)
        assert screen.analysis.text.startswith("# a note!")


@scenario
async def test_a_conversation_reaches_the_human_handoff(flow_copy: Path):
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await pilot.press("f5")
        await wait_until(pilot, lambda: screen.chat.simulation is not None)
        assert screen.chat.simulation.last.state == "greet"
        await answer(pilot, "mau cek pesanan")
        assert screen.chat.simulation.last.state == "ask_order_id"
        assert screen.chat.simulation.last.intent == "check_order"
        assert screen.state_list.current == "ask_order_id"
        await answer(pilot, "sambungin ke admin aja deh")
        last = screen.chat.simulation.last
        assert last.escalated and last.state == "handoff"
        assert screen.state_list.current == "handoff"
        assert screen.selected == "handoff"
        shown = "\n".join(str(line.text) for line in screen.chat.log_view.lines)
        assert "handed over to a human" in shown
        # step back, then restart
        await pilot.press("ctrl+b")
        assert screen.chat.simulation.last.state == "ask_order_id"
        await pilot.press("ctrl+r")
        assert screen.chat.simulation.user_turns == 0


@scenario
async def test_sensitive_slots_are_masked_in_the_chat(tmp_path: Path):
    target = tmp_path / "otp_login.flow.yaml"
    shutil.copy(EXAMPLES / "otp_login.flow.yaml", target)
    app = DesignerApp(target)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        flow = screen.analysis.flow
        otp_state = next(name for name, s in flow.states.items() if s.collect and flow.slots[s.collect].type == "otp")
        otp_slot = flow.states[otp_state].collect
        screen.chat.start(otp_state)
        await wait_until(pilot, lambda: screen.chat.simulation is not None)
        screen.chat.query_one("#chat-input").focus()
        await answer(pilot, "482913")
        assert screen.chat.simulation.last.slots.get(otp_slot) is not None
        status = str(screen.chat.query_one("#chat-status").render())
        assert "482913" not in status and "••••" in status


@scenario
async def test_save_the_chat_as_a_test_conversation(flow_copy: Path):
    from alur.runner.transcripts import read_test_yaml

    app = DesignerApp(flow_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await pilot.press("f5")
        await wait_until(pilot, lambda: screen.chat.simulation is not None)
        await answer(pilot, "minta operator")
        await pilot.press("f8")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("enter")  # the suggested id
        target = flow_copy.with_name("order_status.test.yaml")
        await wait_until(pilot, target.exists)
        conversations = list(read_test_yaml(str(target)))
        assert len(conversations) == 1
        turn = conversations[0].turns[0]
        assert turn["text"] == "minta operator"
        assert turn["expect"]["state"] == "handoff" and turn["expect"]["escalated"] is True


@scenario
async def test_rename_changes_every_reference_and_undo_restores(flow_copy: Path):
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        before = screen.editor.text
        screen.select_state("ask_order_id")
        await pilot.press("f2")
        assert isinstance(app.screen, PromptScreen)
        await answer(pilot, "minta_nomor")
        after = screen.editor.text
        assert "ask_order_id" not in after
        assert after.count("minta_nomor") == before.count("ask_order_id")
        assert after.replace("minta_nomor", "ask_order_id") == before  # nothing else moved
        await wait_until(pilot, lambda: not screen.checking)
        assert "minta_nomor" in screen.analysis.flow.states
        assert screen.analysis.counts()[Severity.ERROR] == 0
        screen.editor.focus()
        await pilot.press("ctrl+z")
        assert screen.editor.text == before


@scenario
async def test_add_state_and_route_then_remove_the_route(flow_copy: Path):
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        await pilot.press("f3")
        await answer(pilot, "survey")
        await wait_until(pilot, lambda: not screen.checking)
        assert "survey" in screen.analysis.flow.states
        screen.select_state("tracking_help")
        await pilot.press("f4")
        await answer(pilot, "refund_question")
        await answer(pilot, "survey")
        await wait_until(pilot, lambda: not screen.checking)
        routes = screen.analysis.flow.states["tracking_help"].routes
        assert [(r.trigger, r.target) for r in routes][-1] == ("refund_question", "survey")
        # remove it again from the details pane
        details = screen.query_one("#details")
        links = details.query_one("#details-links")
        links.focus()
        links.highlighted = len(routes) - 1
        await pilot.press("delete")
        await wait_until(pilot, lambda: not screen.checking)
        assert [r.trigger for r in screen.analysis.flow.states["tracking_help"].routes] == [r.trigger for r in routes[:-1]]


@scenario
async def test_save_keeps_comments_and_leaves_no_temp_file(flow_copy: Path):
    original = flow_copy.read_text(encoding="utf-8")
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        screen.select_state("greet")
        await pilot.press("f2")
        await answer(pilot, "welcome")
        assert screen.modified
        await pilot.press("ctrl+s")
        assert not screen.modified
    saved = flow_copy.read_text(encoding="utf-8")
    assert saved == original.replace("start: greet", "start: welcome").replace("  greet:", "  welcome:")
    assert "# Nomor pesanan selalu" in saved and "# lacak juga butuh nomor pesanan dulu" in saved
    assert flow_copy.with_name(flow_copy.name + ".bak").read_text(encoding="utf-8") == original
    assert sorted(p.name for p in flow_copy.parent.iterdir()) == ["order_status.flow.yaml", "order_status.flow.yaml.bak"]


@scenario
async def test_quitting_with_unsaved_edits_asks_first(flow_copy: Path):
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        screen.editor.focus()
        await type_text(pilot, "# x")
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert app.screen is screen and app.is_running
        await pilot.press("ctrl+q")
        await pilot.press("y")
    assert app.return_value == 0
    assert flow_copy.read_text(encoding="utf-8") == (EXAMPLES / "order_status.flow.yaml").read_text(encoding="utf-8")


@scenario
async def test_a_file_changed_on_disk_is_reloaded_or_reported(flow_copy: Path):
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        flow_copy.write_text(flow_copy.read_text(encoding="utf-8") + "# added elsewhere\n", encoding="utf-8")
        screen.watch_disk()
        assert screen.editor.text.endswith("# added elsewhere\n") and not screen.modified
        screen.editor.focus()
        await type_text(pilot, "# mine")
        flow_copy.write_text("alur: 1\n", encoding="utf-8")
        screen.watch_disk()
        assert screen.editor.text.startswith("# mine")  # their change never overwrites mine
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)  # and mine never silently overwrites theirs
        await pilot.press("escape")
        assert flow_copy.read_text(encoding="utf-8") == "alur: 1\n"


@scenario
async def test_new_flow_from_a_template_is_created_on_save(tmp_path: Path):
    target = tmp_path / "Promo Bot.flow.yaml"
    app = DesignerApp(target, template="basic-en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        assert screen.modified and not target.exists()
        assert screen.analysis.flow.id == "promo_bot"
        await pilot.press("ctrl+s")
        assert target.exists()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["Promo Bot.flow.yaml"]


@scenario
async def test_every_action_is_in_the_command_palette(flow_copy: Path):
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        titles = [command.title for command in app.get_system_commands(screen)]
        for binding in DesignerScreen.BINDINGS:
            assert any(title.startswith(binding.description) for title in titles), binding.description
        for extra in ("Undo", "Redo", "Save as…", "Toggle light/dark", "Reload from disk"):
            assert extra in titles
        app.action_toggle_dark()
        assert app.theme == "textual-light"


@scenario
async def test_step_a_transcript_to_its_loop_and_jump_to_the_state(tmp_path: Path):
    from alur.designer.screens.pick import PickScreen

    flow = tmp_path / "otp_login.flow.yaml"
    shutil.copy(EXAMPLES / "otp_login.flow.yaml", flow)
    app = DesignerApp(flow)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        await pilot.press("ctrl+t")
        await answer(pilot, str(EXAMPLES / "transcripts" / "otp_login.jsonl"))
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen))
        labels = [label for _, label in app.screen.items]
        assert any(label.startswith("otp-0012-bad") and "⚑ loop" in label for label in labels)
        await answer(pilot, "otp-0012-bad")  # the filter leaves one; Enter takes it
        panel = screen.transcript
        await wait_until(pilot, lambda: panel.stepping is not None)
        stepping = panel.stepping
        loop = next(f for f in stepping.findings if f.kind == "loop")
        assert stepping.position == -1
        states = []
        while stepping.turn_index is None or stepping.turn_index < loop.turn:
            await pilot.press("n")
            states.append(screen.state_list.current)
        assert stepping.turn_index == loop.turn
        assert screen.state_list.current == stepping.step.state  # the flow state follows
        assert len(set(states)) > 1
        await pilot.press("p")
        assert stepping.turn_index < loop.turn
        await pilot.press("f")  # jump to the finding's state in the editor
        assert screen.selected == loop.state
        assert screen.editor.has_focus
        row = screen.editor.cursor_location[0]
        assert screen.editor.document.get_line(row).strip() == f"{loop.state}:"


@scenario
async def test_transcripts_are_shown_masked_and_with_control_characters_escaped(tmp_path: Path):
    import json

    from alur.designer.screens.pick import PickScreen

    flow = tmp_path / "otp_login.flow.yaml"
    shutil.copy(EXAMPLES / "otp_login.flow.yaml", flow)
    lines = (EXAMPLES / "transcripts" / "otp_login.jsonl").read_text().splitlines()[:2]
    hostile = []
    for number, line in enumerate(lines):
        conversation = json.loads(line)
        conversation["id"] = f"wa-08129876543{number}\x1b[2J"
        conversation["turns"][2]["text"] = "nol delapan satu dua sembilan delapan tujuh enam lima empat tiga\x1b]0;PWNED\x07"
        hostile.append(json.dumps(conversation))
    transcript = tmp_path / "chats.jsonl"
    transcript.write_text("\n".join(hostile) + "\n")
    app = DesignerApp(flow)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        await pilot.press("ctrl+t")
        await answer(pilot, str(transcript))
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen))
        labels = [label for _, label in app.screen.items]
        assert all(label.startswith("wa-[PHONE]\\x1b[2J") for label in labels), labels
        await answer(pilot, "wa")
        panel = screen.transcript
        await wait_until(pilot, lambda: panel.stepping is not None)
        row = panel._row(2).plain
        assert "[PHONE]\\x1b]0;PWNED\\x07" in row and "delapan" not in row and "\x1b" not in row
