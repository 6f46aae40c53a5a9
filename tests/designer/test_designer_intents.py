"""The intents screen (F10) and its edits: driven with Pilot, edits checked
on the editor's text (comments and key order kept, one undo step each)."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from textual.widgets import Input

from alur.designer.app import DesignerApp
from alur.designer.edits import EditError, add_example, apply_edits, remove_intent, rename_intent, replace_example
from alur.designer.intents import clashes, rank
from alur.designer.screens.intents import IntentsScreen
from alur.designer.screens.prompt import PromptScreen
from alur.flows.check import check_text
from alur.flows.loader import load_document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_designer_app import answer, opened, quick_checks, scenario, wait_until  # noqa: E402, F401 (a fixture)

FLOW = textwrap.dedent(
    """\
    alur: 1
    flow: ongkir
    start: greet
    intents:
      # what customers ask
      check_cost:
        examples: ["cek ongkir", "berapa ongkos kirim ke bandung", "ongkir ke surabaya berapa"]
      track:
        examples:
          - lacak paket saya   # the usual
          - "paket saya sampai mana"
      agent: {handoff: true, examples: ["mau bicara dengan CS", "minta admin"]}
    global:
      agent: handoff
    states:
      greet:
        say: "Halo! Mau cek ongkir atau lacak paket?"
        on:
          check_cost: ask_origin
          track: ask_resi
      ask_origin:
        say: "Dari kota mana?"
        on:
          - intent: track
            goto: ask_resi
      ask_resi:
        say: "Nomor resinya?"
        next: done
      handoff:
        escalate: true
        say: "Baik, kami sambungkan ke CS."
      done:
        end: true
        say: "Terima kasih!"
    """
)


def test_rename_an_intent_moves_its_routes_and_keeps_comments():
    document = load_document(FLOW, "f.flow.yaml")
    text = apply_edits(FLOW, rename_intent(document, "track", "track_package"))
    assert "  track_package:\n    examples:\n      - lacak paket saya   # the usual" in text
    assert "      track_package: ask_resi" in text and "      - intent: track_package" in text
    assert "track:" not in text and check_text(text, "f.flow.yaml").flow is not None


def test_examples_added_and_rewritten_in_block_and_inline_lists():
    document = load_document(FLOW, "f.flow.yaml")
    text = apply_edits(FLOW, add_example(document, "track", "resi JNE saya"))
    assert '      - "paket saya sampai mana"\n      - "resi JNE saya"\n  agent:' in text
    text = apply_edits(FLOW, add_example(document, "agent", "operator"))
    assert 'examples: ["mau bicara dengan CS", "minta admin", "operator"]}' in text
    text = apply_edits(FLOW, replace_example(document, "check_cost", 0, "cek ongkos kirim"))
    assert 'examples: ["cek ongkos kirim", "berapa ongkos kirim ke bandung"' in text


def test_an_intent_that_routes_use_is_not_removed():
    document = load_document(FLOW, "f.flow.yaml")
    try:
        remove_intent(document, "track")
    except EditError as error:
        assert "greet" in str(error) and "ask_origin" in str(error)
    else:
        raise AssertionError("removed an intent routes still use")


def test_try_a_message_ranks_the_intents_with_the_example_that_pulled_them():
    flow = check_text(FLOW, "f.flow.yaml").flow
    ranked = rank(flow, "ongkos kirim ke bandung berapa ya")
    assert ranked[0].intent == "check_cost" and ranked[0].passes
    assert ranked[0].example == "berapa ongkos kirim ke bandung"
    assert all(a.score >= b.score for a, b in zip(ranked, ranked[1:], strict=False))


def test_examples_that_read_as_another_intent_are_flagged():
    close = FLOW.replace('"paket saya sampai mana"', '"cek ongkir paket saya"')
    flow = check_text(close, "f.flow.yaml").flow
    # "cek ongkir", left out, reads as track (whose example now holds it whole):
    # the same example `alur check` reports as confusable-example
    assert [(c.intent, c.example, c.other) for c in clashes(flow)] == [("check_cost", "cek ongkir", "track")]
    reported = [d for d in check_text(close, "f.flow.yaml").diagnostics if d.code == "confusable-example"]
    assert len(reported) == 1 and "'cek ongkir'" in reported[0].message
    assert clashes(check_text(FLOW, "f.flow.yaml").flow) == []


@scenario
async def test_the_intents_screen_adds_renames_and_tries(tmp_path: Path):
    path = tmp_path / "ongkir.flow.yaml"
    path.write_text(FLOW, encoding="utf-8")
    app = DesignerApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("f10")
        await wait_until(pilot, lambda: isinstance(app.screen, IntentsScreen))
        intents = app.screen
        assert [o.id for o in intents.intent_list.options] == ["check_cost", "track", "agent"]
        # rename track (the highlighted one after a move); routes follow, one undo step
        await pilot.press("down", "r")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptScreen))
        await answer(pilot, "track_package")
        await wait_until(
            pilot, lambda: isinstance(app.screen, IntentsScreen) and "track_package" in intents.flow.intents
        )
        assert "      track_package: ask_resi" in screen.editor.text
        # add an intent with its first example
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptScreen))
        await answer(pilot, "thanks")
        await wait_until(
            pilot, lambda: isinstance(app.screen, PromptScreen) and app.screen.question.startswith("One thing")
        )
        await answer(pilot, "makasih kak")
        await wait_until(pilot, lambda: isinstance(app.screen, IntentsScreen) and "thanks" in intents.flow.intents)
        assert intents.flow.intents["thanks"].examples == ("makasih kak",)
        # try a message: typing letters goes to the box, not to the screen's keys
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.focused, Input))
        await pilot.press(*[{" ": "space"}.get(c, c) for c in "berapa ongkir ke medan"])
        assert app.focused.value == "berapa ongkir ke medan"
        await wait_until(pilot, lambda: "check_cost" in str(intents.query_one("#try-result").render()))
        shown = str(intents.query_one("#try-result").render())
        assert shown.splitlines()[0].split()[1] == "check_cost"
        # back in the editor: each edit is one undo step
        await pilot.press("escape", "escape")
        await wait_until(pilot, lambda: app.screen is screen)
        screen.action_undo()
        assert "thanks:" not in screen.editor.text and "track_package" in screen.editor.text
        screen.action_undo()
        assert screen.editor.text == FLOW
