"""`--format html`: one self-contained page that shows where customers got stuck.

The page is checked as a manager's browser shows it: headless Chromium
(Debian's `chromium`, installed by .ci/run) loads the file, runs its
script, and the test reads the DOM it ends with and takes a screenshot.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from alur.flows.graph import Edge, Node
from alur.runner.cli import main
from alur.runner.reports.flow_layout import BOX_HEIGHT, place, rows_of

ROOT = Path(__file__).resolve().parents[2]
FLOW = ROOT / "examples" / "order_status.flow.yaml"
TRANSCRIPTS = ROOT / "examples" / "transcripts" / "order_status.jsonl"
CHROMIUM = next((path for name in ("chromium", "chromium-browser") if (path := shutil.which(name))), None)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium binary (apt-get install chromium; .ci/run installs it)"
)


def _stopped_early(folder: Path) -> Path:
    """The example conversations cut after the customer's second message:
    customers who walked away in the middle of the flow."""
    cut = folder / "cut.jsonl"
    with cut.open("w", encoding="utf-8") as out:
        for line in TRANSCRIPTS.read_text(encoding="utf-8").splitlines():
            conversation = json.loads(line)
            users = [i for i, turn in enumerate(conversation["turns"]) if turn["role"] == "user"]
            if len(users) >= 2:
                conversation["turns"] = conversation["turns"][: users[1] + 1]
            out.write(json.dumps(conversation, ensure_ascii=False) + "\n")
    return cut


def _report(tmp_path: Path, *args: str) -> str:
    out = tmp_path / "report.html"
    main([*args, "--format", "html", "-o", str(out)])
    return out.read_text(encoding="utf-8")


def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--hide-scrollbars",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)  # type: ignore[arg-type]


# -- the layout ----------------------------------------------------------------


def test_rows_follow_the_conversation_from_the_start():
    nodes = [
        Node("", "start", "start"),
        Node("c", "wait", "c"),
        Node("a", "wait", "a"),
        Node("b", "ended", "b"),
        Node("lonely", "wait", "lonely"),
        Node("any waiting state", "any", "any"),
        Node("human", "escalated", "human"),
    ]
    edges = [
        Edge("", "a", "", "start"),
        Edge("a", "b", "x", "route"),
        Edge("a", "c", "y", "route"),
        Edge("c", "a", "back", "route"),
        Edge("any waiting state", "human", "agent", "global"),
    ]
    rows = [[node.name for node in row] for row in rows_of(nodes, edges)]
    assert rows == [[""], ["a"], ["c", "b"], ["any waiting state"], ["human"], ["lonely"]]
    drawing = place(nodes, edges)
    assert drawing.placed["c"].y == drawing.placed["b"].y > drawing.placed["a"].y
    assert drawing.placed["c"].x < drawing.placed["b"].x  # file order within a row
    assert drawing.height >= drawing.placed["lonely"].y + BOX_HEIGHT


# -- the page --------------------------------------------------------------------


def test_page_is_self_contained_and_offered_by_every_command(tmp_path, capsys):
    page = _report(tmp_path, "replay", str(FLOW), str(TRANSCRIPTS))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # nothing fetched
    assert "<svg" in page and "<style>" in page and "<script>" in page
    for command in ("replay", "audit", "explore"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "html" in capsys.readouterr().out


def test_the_state_customers_left_in_most_is_the_worst(tmp_path):
    page = _report(tmp_path, "replay", str(FLOW), str(_stopped_early(tmp_path)))
    states = dict(re.findall(r'data-state="([^"]+)" data-stuck="(\d+)"', page))
    worst = re.search(r'data-state="([^"]+)" data-stuck="\d+" data-fill="[^"]+" data-worst=1', page)
    assert worst is not None
    assert int(states[worst.group(1)]) == max(map(int, states.values())) > 0
    assert f"Customers got stuck most in <b>{worst.group(1)}</b>" in page
    assert int(states["done"]) == 0  # an end is not where anyone got stuck


def test_audit_ranks_the_bot_messages_customers_got_stuck_on(tmp_path):
    page = _report(tmp_path, "audit", str(TRANSCRIPTS))
    chart = page.split("Bot messages customers got stuck on", 1)[1].split("</section>", 1)[0]
    assert "Boleh kirim nomor pesanannya Kak?" in chart
    assert 'data-kind="loop"' in chart


def test_text_from_a_transcript_cannot_become_markup(tmp_path):
    hostile = tmp_path / "hostile.jsonl"
    text = "<script>alert(1)</script>\x1b[2J"
    turns = [{"role": "user", "text": "halo"}] + [
        t for _ in range(3) for t in ({"role": "bot", "text": text}, {"role": "user", "text": "1"})
    ]
    hostile.write_text(json.dumps({"id": "<img src=x onerror=alert(2)>", "turns": turns}) + "\n", encoding="utf-8")
    page = _report(tmp_path, "audit", str(hostile))
    assert "<script>alert" not in page and "<img" not in page and "\x1b" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;\\x1b[2J" in page


# -- in a browser ------------------------------------------------------------------


@needs_chromium
def test_a_browser_shows_the_stuck_states_and_filters_the_findings(tmp_path):
    replay = tmp_path / "replay.html"
    main(["replay", str(FLOW), str(_stopped_early(tmp_path)), "--format", "html", "-o", str(replay)])
    dom = _chromium("--dump-dom", replay.as_uri(), profile=tmp_path / "profile").stdout
    boxes = re.findall(r'<g class="node state" data-state="([^"]+)" data-stuck="(\d+)" data-fill="([^"]+)"', dom)
    assert len(boxes) == 16  # every state of the flow drawn
    fills = {state: fill for state, _, fill in boxes}
    assert {fill for _, stuck, fill in boxes if stuck == "0"} == {
        "#d3f9d8",
        "#f1f3f5",
    }  # reached, no one stuck: green; never reached: grey
    worst = re.search(r'data-state="([^"]+)"[^>]*data-worst="1"', dom)
    assert worst is not None and fills[worst.group(1)] == "#e03131"  # the worst: red

    audit = tmp_path / "audit.html"
    main(["audit", str(TRANSCRIPTS), "--format", "html", "-o", str(audit)])
    everything = _chromium("--dump-dom", audit.as_uri(), profile=tmp_path / "profile").stdout
    loops = _chromium("--dump-dom", audit.as_uri() + "#kind=loop", profile=tmp_path / "profile").stdout
    assert '<form id="filter">' in everything  # the script showed the filter
    assert "4 findings shown" in everything and "1 finding shown" in loops
    hidden = re.findall(r'<div class="finding" data-kind="(\w+)"[^>]*hidden', loops)
    assert sorted(hidden) == ["dead_end", "dead_end", "missing_escalation"]

    shot = tmp_path / "replay.png"
    _chromium(f"--screenshot={shot}", "--window-size=1300,1700", replay.as_uri(), profile=tmp_path / "profile")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_explore_draws_its_traps_on_the_flow(tmp_path):
    flow = ROOT / "examples" / "broken" / "fallback-never-escalates.flow.yaml"
    page = _report(tmp_path, "explore", str(flow))
    expected = json.loads(_json(tmp_path, "explore", str(flow)))
    trapped = {f["state"] for r in expected["results"] for f in r["findings"]}
    worst = re.search(r'data-state="([^"]+)" data-stuck="(\d+)" data-fill="#e03131" data-worst=1', page)
    assert worst is not None and worst.group(1) in trapped
    assert page.count("class=finding ") == sum(len(r["findings"]) for r in expected["results"])


def _json(tmp_path: Path, *args: str) -> str:
    out = tmp_path / "report.json"
    main([*args, "--format", "json", "-o", str(out)])
    return out.read_text(encoding="utf-8")
