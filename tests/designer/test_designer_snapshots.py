"""What the designer looks like, at 80×24 and 120×40 (pytest-textual-snapshot).

The flow is written to a temporary folder (only file names are shown, so
the pictures do not depend on where tests run). Update
after an intended change with `pytest tests/designer/test_designer_snapshots.py
--snapshot-update` and look at the SVGs before committing them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alur.designer.app import DesignerApp
from alur.designer.screens.main import DesignerScreen

SIZES = [(80, 24), (120, 40)]

FLOW = """\
# Toko kue: pesan kue ulang tahun lewat WhatsApp.
alur: 1
flow: support
title: Pesan kue
locale: id-ID
channels: [whatsapp]
start: greet

slots:
  size: {type: choice, choices: [kecil, sedang, besar]}

intents:
  order_cake:
    examples: ["pesan kue", "mau order kue ultah", "order cake"]
  talk_to_human:
    handoff: true
    examples: ["bicara dengan CS", "minta admin", "agent"]

global:
  talk_to_human: handoff

fallback:
  max_retries: 3          # tanya ulang tiga kali sebelum ke CS
  then: handoff

states:
  greet:
    say: "Halo! Mau pesan kue?"
    buttons: ["Pesan kue", "Bicara dengan CS"]
    on:
      order_cake: ask_size

  ask_size:
    say: "Ukuran kuenya apa? (kecil / sedang / besar)"
    collect: size
    next: confirm

  confirm:
    say: "Siap, kue {size} kami catat. Terima kasih!"
    next: done

  handoff:
    escalate: true
    say: "Baik, kami sambungkan ke admin ya."

  done:
    end: true
    say: "Sampai jumpa!"
"""

LOOPING = {
    "id": "size-not-understood",
    "flow": "support",
    "turns": [
        {"role": "user", "text": "pesan kue"},
        {"role": "bot", "text": "Ukuran kuenya apa? (kecil / sedang / besar)"},
        {"role": "user", "text": "yang buat 10 orang"},
        {"role": "bot", "text": "Ukuran kuenya apa? (kecil / sedang / besar)"},
        {"role": "user", "text": "buat 10 orang kak"},
        {"role": "bot", "text": "Ukuran kuenya apa? (kecil / sedang / besar)"},
        {"role": "user", "text": "yang 20 cm"},
    ],
}


@pytest.fixture
def flow_file(tmp_path: Path) -> Path:
    path = tmp_path / "support.flow.yaml"
    path.write_text(FLOW, encoding="utf-8")
    return path


async def settle(pilot) -> DesignerScreen:
    """Wait for the first check; stop the cursors blinking so pictures are stable."""
    app = pilot.app
    while not isinstance(app.screen, DesignerScreen) or app.screen.analysis is None or app.screen.checking:
        await pilot.pause(0.02)
    await app.workers.wait_for_complete()
    for widget in app.screen.query("TextArea, Input"):
        widget.cursor_blink = False
    await pilot.pause()
    return app.screen


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_main_screen(snap_compare, flow_file: Path, size):
    assert snap_compare(DesignerApp(flow_file), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_chat_reaching_a_human(snap_compare, flow_file: Path, size):
    async def run_before(pilot):
        screen = await settle(pilot)
        await pilot.press("f5")
        while screen.chat.simulation is None:
            await pilot.pause(0.02)
        for text in ("halo", "pesan kue", "mau bicara dengan CS"):
            screen.chat.query_one("#chat-input").value = text
            await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(DesignerApp(flow_file), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_problem_in_the_editor(snap_compare, flow_file: Path, size):
    flow_file.write_text(
        flow_file.read_text(encoding="utf-8").replace("next: confirm", "next: confirmm"), encoding="utf-8"
    )

    async def run_before(pilot):
        screen = await settle(pilot)
        screen.action_problems()
        await pilot.pause()

    assert snap_compare(DesignerApp(flow_file), terminal_size=size, run_before=run_before)


def test_transcript_at_its_loop(snap_compare, flow_file: Path):
    transcript = flow_file.with_name("support.jsonl")
    transcript.write_text(json.dumps(LOOPING, ensure_ascii=False) + "\n", encoding="utf-8")

    async def run_before(pilot):
        screen = await settle(pilot)
        await pilot.press("ctrl+t")
        pilot.app.focused.value = str(transcript)
        await pilot.press("enter")
        while screen.transcript.stepping is None:
            await pilot.pause(0.02)
        await pilot.press("n", "n", "n", "n")
        await settle(pilot)

    assert snap_compare(DesignerApp(flow_file), terminal_size=(120, 40), run_before=run_before)


def test_help_screen(snap_compare, flow_file: Path):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(DesignerApp(flow_file), terminal_size=(80, 24), run_before=run_before)


def test_light_theme(snap_compare, flow_file: Path):
    assert snap_compare(DesignerApp(flow_file, dark=False), terminal_size=(120, 40), run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_flow_map(snap_compare, flow_file: Path, size):
    """F9 around the start, then the whole flow in layers, the cursor on ask_size."""

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("down", "down")
        await pilot.press("w")
        await pilot.pause()

    assert snap_compare(DesignerApp(flow_file), terminal_size=size, run_before=run_before)
