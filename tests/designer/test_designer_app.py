"""The designer driven as a person would, headless (Textual's Pilot).

Each test opens a copy of an example flow in a temporary folder, so saving
never touches the repository.
"""

from __future__ import annotations

import asyncio
import functools
import shutil
import time
from pathlib import Path

import pytest
from textual.widgets import RadioButton

from alur.designer.app import DesignerApp
from alur.designer.screens.confirm import ConfirmScreen
from alur.designer.screens.main import DesignerScreen
from alur.designer.screens.prompt import PromptScreen
from alur.flows.diagnostics import Severity

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


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
    await wait_until(
        pilot, lambda: isinstance(pilot.app.screen, DesignerScreen) and pilot.app.screen.analysis is not None
    )
    return pilot.app.screen


async def shown(pilot, dialog: type) -> None:
    """Wait until `dialog` is on screen, laid out and ready for clicks."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, dialog) and pilot.app.screen.query("Button"))
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()


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
        assert [r.trigger for r in screen.analysis.flow.states["tracking_help"].routes] == [
            r.trigger for r in routes[:-1]
        ]


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
    assert sorted(p.name for p in flow_copy.parent.iterdir()) == [
        "order_status.flow.yaml"
    ]  # no NAME.bak in the repository


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
async def test_a_reload_from_disk_keeps_the_cursor_the_view_and_undo(flow_copy: Path):
    original = flow_copy.read_text(encoding="utf-8")
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        editor = screen.editor
        editor.focus()
        editor.move_cursor((70, 6))
        editor.scroll_to(0, 50, animate=False, immediate=True)
        await pilot.pause()
        flow_copy.write_text("# added elsewhere, at the top\n" + original + "# and at the end\n", encoding="utf-8")
        screen.watch_disk()
        await wait_until(pilot, lambda: not screen.checking)
        assert editor.text == flow_copy.read_text(encoding="utf-8") and not screen.modified
        assert editor.cursor_location == (70, 6) and editor.scroll_offset.y == 50  # not line 1
        await pilot.press("ctrl+z")  # the reload is an edit: undo goes back to what was shown
        await wait_until(pilot, lambda: not screen.checking)
        assert editor.text == original and screen.modified


@scenario
async def test_an_outside_change_to_other_lines_is_shown_and_merged_with_mine(flow_copy: Path):
    from alur.designer.screens.merging import MergeScreen

    original = flow_copy.read_text(encoding="utf-8")
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        screen.editor.focus()
        await type_text(pilot, "# mine")
        await pilot.press("enter")
        flow_copy.write_text(original + "# added elsewhere\n", encoding="utf-8")
        screen.watch_disk()
        await shown(pilot, MergeScreen)
        diff = str(app.screen.query_one("#merge-theirs").render())
        assert "+# added elsewhere" in diff  # their change is shown before anything happens
        assert app.screen.merge.conflicts == []
        await pilot.click("#merge-button")
        await wait_until(pilot, lambda: app.screen is screen)
        assert screen.editor.text == "# mine\n" + original + "# added elsewhere\n" and screen.modified
        assert screen.editor.has_focus
        await pilot.press("ctrl+s")
        assert flow_copy.read_text(encoding="utf-8") == "# mine\n" + original + "# added elsewhere\n"
    assert [p.name for p in flow_copy.parent.iterdir()] == ["order_status.flow.yaml"]


@pytest.mark.parametrize("pick", ["theirs", "all-mine"])
@scenario
async def test_a_clash_with_an_outside_change_shows_both_and_the_designer_picks(
    flow_copy: Path, pick: str, monkeypatch
):
    from alur.designer.screens import main
    from alur.designer.screens.merging import MergeScreen

    monkeypatch.setattr(main, "DISK_POLL_SECONDS", 3600)  # here it is the save that notices the change

    original = flow_copy.read_text(encoding="utf-8")
    greeting = "Halo Kak! 👋 Selamat datang"
    theirs = original.replace(greeting, "Halo Kakak! 👋 Selamat datang") + "# added elsewhere\n"
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        mine = original.replace(greeting, "Hai Kak! 👋 Selamat datang").replace(
            "title: Cek status", "title: Cek  status"
        )
        screen.editor.become(mine)
        await wait_until(pilot, lambda: not screen.checking and screen.modified)
        flow_copy.write_text(theirs, encoding="utf-8")
        await pilot.press("ctrl+s")  # saving notices the change and merges first
        await shown(pilot, MergeScreen)
        dialog = app.screen
        [clash] = dialog.merge.conflicts
        assert any("Hai Kak!" in line for line in clash.mine) and any("Halo Kakak!" in line for line in clash.theirs)
        if pick == "theirs":
            dialog.query_one("#pick-1").query(RadioButton)[1].value = True
            await pilot.pause()
            await pilot.click("#merge-button")
        else:
            await pilot.click("#all-mine")
        await wait_until(pilot, lambda: app.screen is screen and not screen.modified)
    saved = flow_copy.read_text(encoding="utf-8")
    assert "title: Cek  status" in saved and saved.endswith("# added elsewhere\n")  # both sides' other edits kept
    assert ("Halo Kakak!" in saved) == (pick == "theirs") and ("Hai Kak!" in saved) == (pick == "all-mine")


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
        for extra in ("Save as…", "Toggle light/dark", "Reload from disk"):
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
        await pilot.press("f5")  # a chat first: its state must not stand for the transcript's
        await wait_until(pilot, lambda: screen.chat.simulation is not None)
        await pilot.press("ctrl+t")
        await answer(pilot, str(EXAMPLES / "transcripts" / "otp_login.jsonl"))
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen))
        labels = [label for _, label in app.screen.items]
        assert any(label.startswith("otp-0012-bad") and "⚑ loop" in label for label in labels)
        await answer(pilot, "otp-0012-bad")  # the filter leaves one; Enter takes it
        panel = screen.transcript
        await wait_until(pilot, lambda: panel.stepping is not None)
        stepping = panel.stepping
        await pilot.press("n")
        status = str(screen.query_one("#status").render())
        assert f"transcript: turn 1/{len(stepping.user_turns)} · {stepping.state()}" in status and "chat:" not in status
        await pilot.press("p")
        screen.query_one("#panel").active = "tab-chat"
        await pilot.pause()
        assert f"chat: {screen.chat.simulation.last.state}" in str(screen.query_one("#status").render())
        screen.query_one("#panel").active = "tab-transcript"
        await pilot.pause()
        screen.transcript.turns.focus()
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


def chat_lines(screen: DesignerScreen) -> list[str]:
    return [line.text.rstrip() for line in screen.chat.log_view.lines]


@pytest.mark.parametrize("size", [(80, 30), (120, 40), (220, 50)])
@scenario
async def test_the_chat_shows_every_word_of_long_bot_messages(flow_copy: Path, size):
    app = DesignerApp(flow_copy)
    async with app.run_test(size=size) as pilot:
        screen = await opened(pilot)
        await pilot.press("f5")
        await wait_until(pilot, lambda: screen.chat.simulation is not None)
        await answer(pilot, "mau ngomong sama CS dong")
        await pilot.pause()
        width = screen.chat.log_view.scrollable_content_region.width
        lines = chat_lines(screen)
        assert all(len(line) <= width for line in lines), (width, lines)
        shown = " ".join(" ".join(lines).split())
        for exchange in screen.chat.simulation.exchanges:
            for message in exchange.step.messages:
                said = " ".join(screen.chat.simulation.shown_text(message.text).split())
                assert said in shown
        # zooming the panel wraps the same words again at the new width
        screen.chat.query_one("#chat-input").focus()
        await pilot.press("f12")
        await pilot.pause()
        assert screen.maximized is screen.query_one("#panel")
        assert screen.chat.log_view.size.width >= size[0] - 4  # the whole screen, less padding and scrollbar
        assert " ".join(" ".join(chat_lines(screen)).split()) == shown
        await pilot.press("f12")
        assert screen.maximized is None


@scenario
async def test_enter_on_a_found_state_puts_the_cursor_there_and_clears_the_filter(flow_copy: Path):
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        await pilot.press("ctrl+f")
        await type_text(pilot, "refund")
        assert screen.state_list.options.option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert screen.focused is screen.editor
        row = screen.editor.cursor_location[0]
        assert screen.editor.document.get_line(row).strip() == "refund_info:"
        await type_text(pilot, "x")
        assert screen.editor.document.get_line(row).strip() == "xrefund_info:"
        assert screen.state_list.search.value == ""
        assert screen.state_list.options.option_count == len(screen.analysis.outline.states)
        # Enter on a highlighted row of the list does the same
        screen.state_list.options.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert screen.focused is screen.editor


@scenario
async def test_closing_a_dialog_returns_to_the_editor(flow_copy: Path):
    from alur.designer.screens.help import HelpScreen

    app = DesignerApp(flow_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        screen.state_list.options.focus()
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.pause()
        assert screen.focused is screen.editor


@scenario
async def test_moving_off_a_long_line_shows_the_start_of_lines_again(flow_copy: Path):
    text = flow_copy.read_text(encoding="utf-8")
    long_say = "      say: " + "sangat panjang " * 20 + "\n"
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("  greet:"))
    flow_copy.write_text("".join(lines[:at] + ["  # " + long_say.strip() + "\n"] + lines[at:]), encoding="utf-8")
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(80, 30)) as pilot:
        screen = await opened(pilot)
        screen.editor.goto(at + 1, 1)
        await pilot.press("end")
        assert screen.editor.scroll_x > 0
        await pilot.press("down")
        assert screen.editor.scroll_x == 0
        assert screen.editor.document.get_line(screen.editor.cursor_location[0]) == "  greet:"


@scenario
async def test_undo_and_redo_work_from_every_pane_and_say_so(flow_copy: Path):
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        original = screen.editor.text
        await pilot.press("ctrl+z")
        assert any("Nothing to undo" in n.message for n in app._notifications)
        screen.editor.focus()
        await type_text(pilot, "# note")
        await pilot.press("f5")
        await wait_until(pilot, lambda: screen.chat.simulation is not None)
        await pilot.press("ctrl+z")
        assert screen.editor.text == original
        assert any(n.message.startswith("Undone") for n in app._notifications)
        await pilot.press("f6")
        await pilot.press("ctrl+y")
        assert screen.editor.text.startswith("# note")


@scenario
async def test_saving_yaml_that_does_not_parse_says_where_it_breaks(flow_copy: Path):
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        row = screen.editor.text.splitlines().index("  greet:")
        screen.editor.move_cursor((row, 8))
        screen.editor.focus()
        await pilot.press("backspace")  # `  greet` without its colon
        await pilot.press("ctrl+s")  # saved at once, before the checker ran: the work in progress is kept
        assert "  greet\n" in flow_copy.read_text(encoding="utf-8") and not screen.modified
        [warning] = [n for n in app._notifications if n.severity == "warning"]
        assert f"line {row + 1}, column 8" in warning.message and "'greet' has no ':'" in warning.message
        await wait_until(pilot, lambda: not screen.checking)
        [problem] = screen.analysis.diagnostics
        assert problem.line == row + 1  # the broken line, in the problems list too


@scenario
async def test_a_route_on_a_new_intent_offers_to_create_it_and_a_missing_state_is_refused(flow_copy: Path):
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        screen.select_state("tracking_help")
        await pilot.press("f4")
        await answer(pilot, "ask_promo")
        await answer(pilot, "handof")  # a state that does not exist is refused, with the near miss
        assert isinstance(app.screen, PromptScreen)
        assert "did you mean 'handoff'" in str(app.screen.query_one("#prompt-problem").render())
        await answer(pilot, "handoff")
        await wait_until(
            pilot, lambda: isinstance(app.screen, PromptScreen) and "no intent 'ask_promo'" in app.screen.question
        )
        await answer(pilot, "ada promo apa hari ini?")  # the intent's first example
        await wait_until(pilot, lambda: not screen.checking and "ask_promo" in screen.analysis.flow.intents)
        flow = screen.analysis.flow
        assert flow.intents["ask_promo"].examples == ("ada promo apa hari ini?",)
        assert ("ask_promo", "handoff") in [(r.trigger, r.target) for r in flow.states["tracking_help"].routes]
        assert not [d for d in screen.analysis.diagnostics if d.code == "undefined-intent"]
        await pilot.press("ctrl+z")  # intent and route are one step
        await wait_until(pilot, lambda: not screen.checking)
        assert "ask_promo" not in screen.analysis.flow.intents


@scenario
async def test_later_keeps_editing_and_the_next_save_asks_again(flow_copy: Path):
    from alur.designer.screens.merging import MergeScreen

    original = flow_copy.read_text(encoding="utf-8")
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        screen.editor.focus()
        await type_text(pilot, "# mine")
        flow_copy.write_text(original + "# theirs\n", encoding="utf-8")
        screen.watch_disk()
        await shown(pilot, MergeScreen)
        await pilot.press("escape")  # later
        await wait_until(pilot, lambda: app.screen is screen)
        screen.watch_disk()  # the same change is not offered again while editing
        await pilot.pause()
        assert app.screen is screen and screen.editor.has_focus
        await pilot.press("ctrl+s")  # but saving never overwrites it unseen
        await shown(pilot, MergeScreen)
        assert app.screen.saving
        await pilot.press("escape")
    assert flow_copy.read_text(encoding="utf-8") == original + "# theirs\n"


@scenario
async def test_colours_after_typing_are_the_colours_of_the_text_as_it_is(flow_copy: Path):
    """Only the edited row and those below are coloured again after a key;
    opening a block scalar (`|`) mid-file still recolours the lines under it."""
    from alur.designer.yaml_highlight import highlight_rows, to_bytes

    app = DesignerApp(flow_copy)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await opened(pilot)
        editor = screen.editor
        editor.focus()
        row = editor.text.splitlines().index("  ask_order_id:")
        say = row + 1
        editor.move_cursor((say, 0))
        editor.scroll_to(0, max(0, say - 10), animate=False, immediate=True)
        await pilot.pause()
        line = editor.document.get_line(say)
        editor.move_cursor((say, line.index("say:") + 5))
        await pilot.press("shift+end")
        await type_text(pilot, "|")
        await pilot.press("enter")
        await type_text(pilot, "Kirim nomor pesanan ya")
        await pilot.pause()
        lines = editor.document.lines
        top, height = editor.scroll_offset.y, editor.scrollable_content_region.height
        fresh = highlight_rows(lines, top, top + height)
        assert any(name == "string" for *_, name in fresh[say + 1])  # the block's text reads as text
        for shown in range(top, top + height):  # every row on screen
            assert editor._highlights.get(shown, []) == to_bytes(lines[shown], fresh.get(shown, [])), shown


@scenario
async def test_a_file_made_unreadable_on_disk_is_reported_once(flow_copy: Path):
    app = DesignerApp(flow_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        before = screen.editor.text
        flow_copy.write_bytes(b"alur: 1\nflow: \xff\n")
        screen.watch_disk()
        screen.watch_disk()  # the next poll: the same change
        await pilot.pause()
        errors = [n for n in app._notifications if n.severity == "error"]
        assert (
            len(errors) == 1 and "order_status.flow.yaml:2:7" in errors[0].message and "not UTF-8" in errors[0].message
        )
        assert screen.editor.text == before  # nothing half-loaded


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
        conversation["turns"][2]["text"] = (
            "nol delapan satu dua sembilan delapan tujuh enam lima empat tiga\x1b]0;PWNED\x07"
        )
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
