"""The state form (ctrl+g) with its channel preview, and the issue's
done-when: a "cek ongkir" flow built from a template without typing YAML,
seen on the map, with a transcript's coverage, passing `alur check`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from textual.widgets import TextArea

from alur.designer.app import DesignerApp
from alur.designer.preview import preview
from alur.designer.screens.flow_map import MapScreen
from alur.designer.screens.intents import IntentsScreen
from alur.designer.screens.main import DesignerScreen
from alur.designer.screens.pick import PickScreen
from alur.designer.screens.prompt import PromptScreen
from alur.designer.screens.state_form import StateFormScreen

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_designer_app import answer, opened, quick_checks, scenario, wait_until  # noqa: E402, F401 (a fixture)


def plain(lines) -> str:
    return "\n".join(line.plain for line in lines)


def test_preview_counts_each_channels_limits():
    shown = plain(
        preview(
            ["whatsapp", "sms", "rcs"],
            "Ongkir ke Bandung Rp 25.000 ya kak",
            ["Cek lagi", "Bicara dengan CS sekarang", "Selesai", "Lainnya"],
            None,
        )
    )
    assert "[Bicara dengan CS sekarang] 25/20" in shown  # over WhatsApp's 20 characters
    assert "4 reply buttons: WhatsApp shows at most 3" in shown
    assert "SMS GSM-7" in shown and "1 part" in shown
    assert "(Bicara dengan CS sekarang) 25/25" in shown  # RCS chips allow 25
    sms = plain(preview(["sms"], "Terima kasih 🙏 " * 6, [], None))
    assert "UCS-2 because of '🙏' at 14" in sms and "2 parts" in sms
    listed = plain(preview(["whatsapp"], "Pilih layanan", ["Cek ongkir", "Lacak paket"], "Menu"))
    assert "☰ Menu 4/20  2/10 rows" in listed


async def form_for(pilot, screen: DesignerScreen, state: str) -> StateFormScreen:
    await wait_until(pilot, lambda: not screen.checking and state in screen.analysis.flow.states)
    screen.select_state(state)
    await pilot.press("ctrl+g")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, StateFormScreen))
    return pilot.app.screen


async def fill(pilot, form: StateFormScreen, **fields: str) -> None:
    for name, value in fields.items():
        widget = form.query_one(f"#form-{name.replace('_', '-') if name == 'slot_type' else name}")
        if isinstance(widget, TextArea):
            widget.text = value
        else:
            widget.value = value
    await pilot.pause()
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: not isinstance(pilot.app.screen, StateFormScreen))


async def prompt(pilot, text: str) -> None:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, PromptScreen))
    await answer(pilot, text)


@scenario
async def test_build_cek_ongkir_without_yaml_see_it_on_the_map_and_where_customers_got_stuck(tmp_path: Path):
    path = tmp_path / "ongkir.flow.yaml"
    app = DesignerApp(path, template="minimal")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        # intents: the template's question becomes "cek ongkir", its examples replaced
        await pilot.press("f10")
        await wait_until(pilot, lambda: isinstance(app.screen, IntentsScreen))
        intents = app.screen
        await pilot.press("r")
        await prompt(pilot, "check_shipping_cost")
        await wait_until(
            pilot, lambda: isinstance(app.screen, IntentsScreen) and "check_shipping_cost" in intents.flow.intents
        )
        for example in ("cek ongkir", "berapa ongkos kirim", "ongkir ke bandung berapa"):
            await pilot.press("e")
            await prompt(pilot, example)
            await wait_until(
                pilot,
                lambda example=example: (
                    isinstance(app.screen, IntentsScreen)
                    and example in intents.flow.intents["check_shipping_cost"].examples
                ),
            )
        for _ in range(3):
            await pilot.press("x")
            await wait_until(pilot, lambda: isinstance(app.screen, PickScreen))
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, IntentsScreen))
        await wait_until(
            pilot,
            lambda: (
                intents.flow.intents["check_shipping_cost"].examples
                == ("cek ongkir", "berapa ongkos kirim", "ongkir ke bandung berapa")
            ),
        )
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        # states: the template's answer becomes ask_origin (F2), then F3 adds the rest
        await wait_until(pilot, lambda: not screen.checking)
        screen.select_state("hours")
        await pilot.press("f2")
        await prompt(pilot, "ask_origin")
        for name in ("ask_destination", "ask_weight", "show_price"):
            await wait_until(pilot, lambda: not screen.checking)
            await pilot.press("f3")
            await prompt(pilot, name)
        # each state in its form: what it says, collects, and where it goes
        await fill(
            pilot,
            await form_for(pilot, screen, "greet"),
            say="Halo! Mau cek ongkir? Ketik CS untuk bicara dengan tim kami.\nHai kak! Mau cek ongkos kirim?",
        )
        await fill(
            pilot,
            await form_for(pilot, screen, "ask_origin"),
            say="Dikirim dari kota mana, kak?",
            collect="origin_city",
            next="ask_destination",
        )
        await fill(
            pilot,
            await form_for(pilot, screen, "ask_destination"),
            say="Ke kota mana?",
            collect="destination_city",
            next="ask_weight",
        )
        await fill(
            pilot,
            await form_for(pilot, screen, "ask_weight"),
            say="Beratnya berapa kg?",
            collect="weight",
            slot_type="number",
            next="show_price",
            fallback_say="Tulis beratnya dalam angka ya, misalnya 2.\nCukup angkanya saja, contoh: 1,5",
            retries="2",
            then="handoff",
        )
        await fill(
            pilot,
            await form_for(pilot, screen, "show_price"),
            say="Ongkir dari {origin_city} ke {destination_city} untuk {weight} kg: Rp 25.000.",
            next="done",
        )
        await wait_until(pilot, lambda: not screen.checking)
        problems = [f"{d.severity} {d.code} line {d.line}: {d.message}" for d in screen.analysis.diagnostics]
        assert not problems, problems
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: path.exists() and not screen.modified)
        # on the map, in layers from the start
        await pilot.press("f9")
        await wait_until(pilot, lambda: isinstance(app.screen, MapScreen))
        map_screen = app.screen
        await pilot.press("w")
        await pilot.pause()
        assert map_screen.map.flow_layers.rows[:5] == [
            ["greet"],
            ["ask_origin", "handoff"],
            ["ask_destination"],
            ["ask_weight"],
            ["show_price"],
        ]
        # a transcript: one customer got through, two got stuck at the weight
        transcript = tmp_path / "ongkir.jsonl"
        stuck = ["cek ongkir", "jakarta", "bandung", "ga tau kak", "nanti saya timbang dulu", "hmm"]
        conversations = [
            {
                "id": "ok",
                "turns": [{"role": "user", "text": t} for t in ("berapa ongkos kirim", "jakarta", "bandung", "2")],
            },
            {"id": "stuck-1", "turns": [{"role": "user", "text": t} for t in stuck]},
            {"id": "stuck-2", "turns": [{"role": "user", "text": t} for t in stuck[:4]]},
        ]
        transcript.write_text("".join(json.dumps(c) + "\n" for c in conversations), encoding="utf-8")
        await pilot.press("ctrl+t")
        await prompt(pilot, str(transcript))
        await wait_until(pilot, lambda: isinstance(app.screen, MapScreen) and map_screen.coverage is not None)
        weight = map_screen.coverage.states["ask_weight"]
        assert weight.reached >= 3 and weight.left == 1  # stuck-2 left there mid re-prompts
        assert map_screen.coverage.states["show_price"].reached == 1
        assert map_screen.coverage.states["handoff"].reached == 1  # stuck-1: re-prompted twice, then a human
        assert "1 state(s) where customers got stuck" in map_screen.coverage.summary()
        await pilot.pause()
        drawn = "\n".join(line.plain for line in map_screen.map.lines())
        assert f"ask_weight {weight.reached} ⇥1" in drawn
    checked = subprocess.run(
        [sys.executable, "-m", "alur.runner.cli", "check", str(path)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    text = path.read_text(encoding="utf-8")
    assert "slots:\n  origin_city: {type: text}" in text and '      - "Hai kak! Mau cek ongkos kirim?"' in text


@scenario
async def test_a_form_write_is_one_undo_step_and_keeps_comments(tmp_path: Path):
    path = tmp_path / "order_status.flow.yaml"
    original = (Path(__file__).resolve().parents[2] / "examples" / "order_status.flow.yaml").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    app = DesignerApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        form = await form_for(pilot, screen, "ask_order_id")
        preview_text = str(form.query_one("#form-preview").render())
        assert "WhatsApp" in preview_text
        await fill(pilot, form, say="Boleh kirim nomor pesanannya?\nNomor pesanan diawali INV-, contohnya INV-204518.")
        text = screen.editor.text
        assert (
            '    say:\n      - "Boleh kirim nomor pesanannya?"\n      - "Nomor pesanan diawali INV-, contohnya INV-204518."'
            in text
        )
        comments = [line for line in original.splitlines() if line.strip().startswith("#")]
        assert all(line in text.splitlines() for line in comments)
        screen.action_undo()
        assert screen.editor.text == original
