"""What the designer knows about each state, and how it colours YAML."""

from __future__ import annotations

import textwrap

from alur.designer.outline import build_outline
from alur.designer.yaml_highlight import BOOLEAN, COMMENT, KEY, NUMBER, STRING, highlight_rows, scan_line, to_bytes
from alur.flows.check import check_text

FLOW = textwrap.dedent(
    """\
    alur: 1
    flow: demo
    start: greet
    intents:
      buy: {examples: ["beli"]}
      agent: {handoff: true, examples: ["agen"]}
    global:
      agent: handoff
    fallback: {max_retries: 1, then: handoff}
    states:
      greet:
        say: "Halo"
        on:
          buy: pay
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
    """
)


def test_outline_marks_kinds_links_and_problems():
    result = check_text(FLOW, "demo.flow.yaml")
    outline = build_outline(result.flow, result.diagnostics)
    greet, pay, handoff = outline.states["greet"], outline.states["pay"], outline.states["handoff"]
    assert greet.start and greet.waits and (greet.retries, greet.fallback_then) == (1, "handoff")
    assert handoff.escalate and outline.states["done"].end
    assert [(link.target, link.label, link.kind) for link in greet.outgoing] == [("pay", "buy", "intent")]
    assert [(link.source, link.label) for link in outline.states["pay"].incoming] == [("greet", "buy")]
    assert outline.states["pay"].intents_in == ["buy"]
    assert {(link.source, link.kind) for link in handoff.incoming} == {
        ("(global)", "global"),
        ("(fallback)", "fallback"),
    }
    assert handoff.intents_in == ["agent"]
    # the undefined target is filed under the state that names it, not its neighbours
    assert [d.code for d in pay.problems if d.code == "undefined-state"] == ["undefined-state"]
    assert not [d for d in greet.problems if d.code == "undefined-state"]
    assert outline.state_at_line(FLOW.splitlines().index("      ok: done") + 1) == "pay"
    assert outline.state_at_line(3) is None


def test_scan_line_colours_keys_values_and_comments():
    line = '  - {title: "Ya, batalkan", intent: confirm}  # tombol'
    kinds = [(name, line[start:end]) for start, end, name in scan_line(line).tokens]
    assert (KEY, "title") in kinds and (STRING, '"Ya, batalkan"') in kinds
    assert (KEY, "intent") in kinds and (STRING, "confirm") in kinds
    assert (COMMENT, "# tombol") in kinds
    line = "    max_retries: 2        # 2x"
    assert [(line[s:e], n) for s, e, n in scan_line(line).tokens if n in (KEY, NUMBER, COMMENT)] == [
        ("max_retries", KEY),
        ("2", NUMBER),
        ("# 2x", COMMENT),
    ]
    line = "    escalate: true"
    assert (line[14:18], BOOLEAN) in [(line[s:e], n) for s, e, n in scan_line(line).tokens]
    url = "    say: see http://x.id/a#b for: details"  # '#' inside a word and ': ' inside text stay text
    assert [n for _, _, n in scan_line(url).tokens if n == COMMENT] == []


def test_block_scalars_are_text_until_the_indentation_ends():
    lines = ["  refund_info:", "    say: |-", "      Info refund:", "", "      • key: not a key", "    buttons: [a]"]
    rows = highlight_rows(lines, 2, 6)
    assert rows[2] == [(6, 18, STRING)] and rows[4] == [(6, 22, STRING)]
    assert (4, 11, KEY) in rows[5]


def test_byte_offsets_for_non_ascii_lines():
    line = 'say: "Halo Kak! 👋 ya"'
    tokens = scan_line(line).tokens
    value = [t for t in tokens if t[2] == STRING][0]
    start, end, _ = to_bytes(line, [value])[0]
    assert line.encode()[start:end].decode() == '"Halo Kak! 👋 ya"'
