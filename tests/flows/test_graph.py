"""`alur graph`: the flow as a Mermaid or DOT diagram."""

from __future__ import annotations

import re
import textwrap

import pytest

from alur.flows.graph import layout, to_dot, to_mermaid
from alur.flows.validate import parse_flow
from alur.runner.cli import main

FLOW = textwrap.dedent(
    """\
    alur: 1
    flow: refund
    title: Refund "cepat" <baru>
    start: ask
    slots: {amount: {type: money}}
    intents:
      human: {handoff: true, examples: ["agen"]}
      yes: {examples: ["ya"]}
    global: {human: agent}
    fallback: {max_retries: 2, then: agent}
    states:
      ask:
        say: "Berapa?"
        collect: amount
        next: check
      check:
        action: limit_check
        on:
          - {event: ok, if: "amount > 1000000 or tier == 'a|b'", goto: big}
          - {event: ok, goto: confirm}
          - {event: error, goto: agent}
      confirm:
        say: "Yakin?"
        on: {yes: done}
        fallback: {max_retries: 1, then: nowhere}
      big: {say: "Besar", next: agent}
      agent: {escalate: true, say: "Agen"}
      done: {end: true}
    """
)


@pytest.fixture
def flow():
    return parse_flow(FLOW, "refund.flow.yaml")


def test_layout_has_every_route_next_fallback_and_global_edge(flow):
    nodes, edges = layout(flow)
    kinds = {node.name: node.kind for node in nodes}
    assert kinds["agent"] == "escalated" and kinds["done"] == "ended" and kinds["check"] == "action"
    assert kinds["nowhere"] == "missing"  # drawn, not refused
    triples = {(e.source, e.target, e.label, e.kind) for e in edges}
    assert ("check", "big", "ok if amount > 1000000 or tier == 'a|b'", "route") in triples
    assert ("ask", "check", "filled", "next") in triples
    assert ("confirm", "nowhere", "no match x2", "fallback") in triples
    assert ("any waiting state", "agent", "human", "global") in triples
    assert ("any waiting state", "agent", "no match x3", "fallback") in triples  # `ask` uses the flow's fallback


def test_mermaid_styles_terminal_states_apart_and_escapes_labels(flow):
    text = to_mermaid(flow)
    assert text.startswith('---\ntitle: "Refund \\"cepat\\" <baru>"\n---\nflowchart TD\n')
    ids = dict(re.findall(r'^  (s\d+)\S*?"([a-z_]+)', text, re.M))
    by_name = {name: node for node, name in ids.items()}
    assert f'{by_name["agent"]}{{{{"agent<br/>escalate"}}}}:::escalated' in text
    assert f'{by_name["done"]}(["done<br/>end"]):::ended' in text
    assert f"{by_name['check']} -->|\"ok if amount #gt; 1000000 or tier == 'a#124;b'\"| {by_name['big']}" in text
    assert f'any -.->|"human"| {by_name["agent"]}' in text
    assert "classDef escalated" in text and "classDef missing" in text
    assert "<baru>" not in text.split("---")[2]  # no raw HTML inside the diagram


def test_dot_is_well_formed_and_escapes_quotes(flow):
    text = to_dot(flow)
    assert text.startswith('digraph "refund" {') and text.rstrip().endswith("}")
    assert 'label="Refund \\"cepat\\" <baru>"' in text
    assert '"agent" [label="agent\\nescalate", shape=octagon' in text
    assert '"check" -> "big" [label="ok if amount > 1000000 or tier == \'a|b\'"];' in text
    assert '"any waiting state" -> "agent" [label="human", style=dashed' in text
    assert '"start point" -> "ask";' in text
    assert text.count("{") == text.count("}")


def test_the_command_prints_or_writes_the_diagram(tmp_path, capsys):
    path = tmp_path / "refund.flow.yaml"
    path.write_text(FLOW, encoding="utf-8")
    assert main(["graph", str(path)]) == 0
    assert "flowchart TD" in capsys.readouterr().out
    out = tmp_path / "refund.dot"
    assert main(["graph", str(path), "--format", "dot", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith('digraph "refund"')


def test_the_command_refuses_a_file_that_is_not_a_flow(tmp_path, capsys):
    path = tmp_path / "bad.flow.yaml"
    path.write_text("alur: 1\nflow: x\nstart: a\nstates: [1]\n", encoding="utf-8")
    assert main(["graph", str(path)]) == 2
    assert "bad.flow.yaml:4" in capsys.readouterr().err
