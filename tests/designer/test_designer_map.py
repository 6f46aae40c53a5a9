"""The flow map (F9): its layout without the app, then driven with Pilot."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_designer_app import EXAMPLES, answer, opened, quick_checks, scenario, wait_until  # noqa: E402, F401 (a fixture)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from genflow import generate_flow  # noqa: E402

from alur.designer.app import DesignerApp
from alur.designer.flowmap import around, layer
from alur.designer.mapcoverage import map_coverage
from alur.designer.outline import build_outline
from alur.designer.screens.flow_map import MapScreen
from alur.designer.screens.main import DesignerScreen
from alur.designer.screens.prompt import PromptScreen
from alur.flows.check import check_text

FLOW = textwrap.dedent(
    """\
    alur: 1
    flow: demo
    start: greet
    intents:
      buy: {examples: ["beli"]}
      info: {examples: ["info"]}
      again: {examples: ["lagi"]}
      agent: {handoff: true, examples: ["agen"]}
    global:
      agent: handoff
    fallback: {max_retries: 1, then: handoff}
    states:
      greet:
        say: "Halo"
        on:
          info: faq
          buy: pay
      faq:
        say: "Info"
        on:
          again: greet
      pay:
        action: charge
        on:
          ok: done
          failed: nowhere
      handoff:
        escalate: true
        say: "Tunggu"
      done:
        end: true
        say: "Makasih"
      orphan:
        say: "Tidak ada yang ke sini"
        next: done
    """
)


def outline_of(text: str):
    result = check_text(text, "demo.flow.yaml")
    return build_outline(result.flow, result.diagnostics)


def test_layers_are_steps_from_the_start_and_loops_do_not_push_states_down():
    layers = layer(outline_of(FLOW))
    # faq loops back to greet: greet stays at step 0. handoff is reached by the
    # global route (and the fallback) from the first waiting state: step 1.
    # Within step 1, greet's routes come in the order the file writes them.
    assert layers.rows == [["greet"], ["faq", "pay", "handoff"], ["done"]]
    assert layers.unreachable == ["orphan"]
    assert layers.position("orphan") == (3, 0)
    assert layers.position("pay") == (1, 1)


def test_layers_follow_the_first_predecessor_so_routes_do_not_cross():
    text = FLOW.replace("    on:\n      again: greet", "    on:\n      again: greet\n      buy: orphan")
    layers = layer(outline_of(text))
    # step 1 is faq, pay, handoff; orphan (now after faq) comes before done (after pay),
    # though the file writes done first
    assert layers.rows == [["greet"], ["faq", "pay", "handoff"], ["orphan", "done"]]
    assert not layers.unreachable


def test_around_a_state_shows_two_steps_each_way_and_marks_what_repeats():
    ins, outs = around(outline_of(FLOW), "faq")
    assert [(b.state, b.label, b.depth, b.seen) for b in outs] == [
        ("greet", "again", 1, False),
        ("faq", "info", 2, True),  # back where we started: a loop, not expanded
        ("pay", "buy", 2, False),
        ("handoff", "not understood, agent (global)", 2, False),  # the flow's fallback and the global route, once
        ("handoff", "not understood, agent (global)", 1, True),  # faq's own ways out, already drawn
    ]
    assert [(b.state, b.depth) for b in ins] == [("greet", 1), ("faq", 2)]


def test_the_map_of_a_2000_state_flow_is_layered_quickly():
    outline = outline_of(generate_flow(200, seed=1))
    layers = layer(outline)
    assert sum(len(row) for row in layers.rows) + len(layers.unreachable) == len(outline.states)
    assert not layers.unreachable  # genflow's flows are fully connected


def text_of(screen: MapScreen) -> str:
    return "\n".join(line.plain for line in screen.map.lines())


@scenario
async def test_map_around_the_selected_state_then_the_whole_flow_and_enter_edits(tmp_path: Path):
    path = tmp_path / "demo.flow.yaml"
    path.write_text(FLOW, encoding="utf-8")
    app = DesignerApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        screen.select_state("greet")
        await pilot.press("f9")
        await wait_until(pilot, lambda: isinstance(app.screen, MapScreen))
        await pilot.pause()
        map_screen = app.screen
        drawn = text_of(map_screen)
        assert (
            "\n▶greet\n" in drawn and "→  faq  info" in drawn and "→ ▲handoff  not understood, agent (global)" in drawn
        )
        # the undefined route target of pay is a lint error, shown on pay; the missing state is marked ?
        assert "→ ◇pay ✗1  buy" in drawn and "→ ?nowhere  failed" in drawn
        await pilot.press("w")
        await pilot.pause()
        whole = text_of(map_screen).splitlines()
        assert whole[0].split() == ["step", "0", "▶greet"]
        assert whole[1].split()[:2] == ["step", "1"] and "▲handoff" in whole[1]
        assert whole[-1].split()[0] == "unreachable" and "orphan" in whole[-1]
        # the cursor moves through layers; Enter puts the editor on the state
        await pilot.press("down", "right")
        assert map_screen.map.cursor == "pay"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DesignerScreen))
        assert screen.selected == "pay"
        assert screen.editor.document.get_line(screen.editor.cursor_location[0]).strip() == "pay:"


@scenario
async def test_map_filter_narrows_a_big_flow(tmp_path: Path):
    path = tmp_path / "big.flow.yaml"
    path.write_text(generate_flow(300, seed=2), encoding="utf-8")
    app = DesignerApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("f9")
        await wait_until(pilot, lambda: isinstance(app.screen, MapScreen))
        map_screen = app.screen
        await pilot.press("w", "slash")
        name = list(map_screen.outline.states)[-3]
        map_screen.query_one("#map-filter").value = name
        await pilot.press("enter")
        await pilot.pause()
        drawn = text_of(map_screen)
        assert name in drawn and len(drawn.splitlines()) <= 2
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DesignerScreen))
        assert app.screen.selected == name


@scenario
async def test_coverage_on_the_map_has_the_numbers_of_alur_replay(tmp_path: Path):
    flow = tmp_path / "otp_login.flow.yaml"
    shutil.copy(EXAMPLES / "otp_login.flow.yaml", flow)
    transcript = EXAMPLES / "transcripts" / "otp_login.jsonl"
    report = subprocess.run(
        [
            sys.executable,
            "-m",
            "alur.runner.cli",
            "replay",
            str(flow),
            str(transcript),
            "--coverage",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    visits = json.loads(report.stdout)["coverage"]["states"]["visits"]
    app = DesignerApp(flow)
    async with app.run_test(size=(120, 30)) as pilot:
        await opened(pilot)
        await pilot.press("f9")
        await wait_until(pilot, lambda: isinstance(app.screen, MapScreen))
        map_screen = app.screen
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptScreen))
        await answer(pilot, str(transcript))
        await wait_until(pilot, lambda: isinstance(app.screen, MapScreen) and map_screen.coverage is not None)
        shown = map_screen.coverage
        assert {name: seen.reached for name, seen in shown.states.items()} == visits
        # where customers got stuck is on the map, on the states concerned
        stuck = {name for name, seen in shown.states.items() if seen.looped or seen.ignored_handoff or seen.left}
        assert stuck
        await pilot.press("w")
        await pilot.pause()
        drawn = text_of(map_screen)
        for name in stuck:
            seen = shown.states[name]
            cell = drawn[drawn.index(f"{name} ") :].split("  ")[0]
            assert cell.startswith(f"{name} {seen.reached}")
            if seen.looped:
                assert f"↻{seen.looped}" in cell
            if seen.left:
                assert f"⇥{seen.left}" in cell
        # kept for the next time the map opens
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DesignerScreen))
        await pilot.press("f9")
        await wait_until(pilot, lambda: isinstance(app.screen, MapScreen))
        assert app.screen.coverage is shown


def test_map_coverage_counts_conversations_that_left_and_looped(tmp_path: Path):
    flow = check_text((EXAMPLES / "order_status.flow.yaml").read_text(encoding="utf-8"), "order_status.flow.yaml").flow
    lines = [
        {
            "id": "left",
            "flow": flow.id,
            "turns": [{"role": "user", "text": "halo"}, {"role": "user", "text": "mau cek pesanan"}],
        },
    ]
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    found = map_coverage(flow, path)
    assert found.conversations == 1
    assert sum(seen.left for seen in found.states.values()) == 1
    (left_in,) = [name for name, seen in found.states.items() if seen.left]
    assert not flow.states[left_in].end and not flow.states[left_in].escalate
