"""A flow as a diagram: Mermaid (renders in GitHub and GitLab Markdown) or Graphviz DOT.

For docs and pull requests, so the picture shows what a reviewer needs:
every state, every route labelled with its intent or outcome (and its `if:`),
`next`, fallback exits, and the global routes drawn once from a single
"any waiting state" node instead of from every state. Ended states,
escalate states, action states and routes to states that are not defined
are styled apart. Undefined targets are drawn, not refused: a diagram of a
broken flow is how a reviewer sees what is broken.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from alur.flows.model import Flow, State

FORMATS = ("mermaid", "dot")

_ANY = "any waiting state"


@dataclass(frozen=True, slots=True)
class Node:
    name: str
    kind: str  # wait | action | pass | ended | escalated | missing | start | any
    label: str


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    label: str
    kind: str  # route | next | fallback | global | start


def _kind(state: State) -> str:
    if state.escalate:
        return "escalated"
    if state.end:
        return "ended"
    if state.action is not None:
        return "action"
    return "wait" if state.waits else "pass"


def _label(state: State) -> list[str]:
    lines = [state.name]
    if state.action is not None:
        lines.append(f"action: {state.action}")
    if state.collect is not None:
        lines.append(f"collect: {state.collect}")
    if state.escalate:
        lines.append("escalate")
    elif state.end:
        lines.append("end")
    return lines


def _retry_label(max_retries: int) -> str:
    return f"no match x{max_retries + 1}"


def layout(flow: Flow) -> tuple[list[Node], list[Edge]]:
    """The diagram's nodes and edges, in flow order (what both formats draw)."""
    nodes = [Node("", "start", "start")]
    edges = [Edge("", flow.start, "", "start")]
    for state in flow.states.values():
        nodes.append(Node(state.name, _kind(state), "\n".join(_label(state))))
        for route in state.routes:
            label = route.trigger if route.condition is None else f"{route.trigger} if {route.condition}"
            edges.append(Edge(state.name, route.target, label, "route"))
        if state.next is not None:
            edges.append(Edge(state.name, state.next, "filled" if state.collect else "", "next"))
        if state.waits and state.fallback is not None and state.fallback.then is not None:
            edges.append(Edge(state.name, state.fallback.then, _retry_label(state.fallback.max_retries), "fallback"))
    waiting_without_own = any(s.waits and s.fallback is None for s in flow.states.values())
    if flow.global_routes or (flow.fallback.then is not None and waiting_without_own):
        nodes.append(Node(_ANY, "any", _ANY))
        for route in flow.global_routes:
            label = route.trigger if route.condition is None else f"{route.trigger} if {route.condition}"
            edges.append(Edge(_ANY, route.target, label, "global"))
        if flow.fallback.then is not None and waiting_without_own:
            edges.append(Edge(_ANY, flow.fallback.then, _retry_label(flow.fallback.max_retries), "fallback"))
    known = {node.name for node in nodes}
    for edge in edges:
        if edge.target not in known:
            nodes.append(Node(edge.target, "missing", f"{edge.target}\n(not defined)"))
            known.add(edge.target)
    return nodes, edges


def render(flow: Flow, format: str) -> str:
    """The flow as `mermaid` or `dot` text."""
    if format == "mermaid":
        return to_mermaid(flow)
    if format == "dot":
        return to_dot(flow)
    raise ValueError(f"unknown diagram format {format!r}; use {' or '.join(FORMATS)}")


# -- Mermaid -----------------------------------------------------------------

_MERMAID_SHAPES = {
    "wait": ('["', '"]'),
    "pass": ('["', '"]'),
    "action": ('[["', '"]]'),
    "ended": ('(["', '"])'),
    "escalated": ('{{"', '"}}'),
    "missing": ('["', '"]'),
    "any": ('(["', '"])'),
}
_MERMAID_CLASSES = {
    "ended": "fill:#d3f9d8,stroke:#2b8a3e,color:#1b1b1b",
    "escalated": "fill:#ffe8cc,stroke:#d9480f,color:#1b1b1b",
    "action": "fill:#e7f5ff,stroke:#1971c2,color:#1b1b1b",
    "missing": "fill:#ffe3e3,stroke:#c92a2a,stroke-dasharray:4 3,color:#1b1b1b",
    "any": "fill:#f1f3f5,stroke:#868e96,stroke-dasharray:4 3,color:#1b1b1b",
}
_MERMAID_ARROWS = {"route": "-->", "next": "-->", "start": "-->", "fallback": "-.->", "global": "-.->"}


def _mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label: entity codes for the
    characters Mermaid or its HTML labels would read as syntax."""
    for char, code in (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("|", "#124;")):
        text = text.replace(char, code)
    return text.replace("\n", "<br/>")


def to_mermaid(flow: Flow) -> str:
    nodes, edges = layout(flow)
    ids = {node.name: f"s{i}" for i, node in enumerate(nodes)}
    ids[""] = "start"
    ids[_ANY] = "any"
    lines = ["flowchart TD"]
    if flow.title:  # front matter: Mermaid shows it above the diagram
        lines[:0] = ["---", f"title: {json.dumps(flow.title, ensure_ascii=False)}", "---"]
    lines.append('  start(("start"))')
    for node in nodes:
        if node.kind == "start":
            continue
        left, right = _MERMAID_SHAPES[node.kind]
        css = f":::{node.kind}" if node.kind in _MERMAID_CLASSES else ""
        lines.append(f"  {ids[node.name]}{left}{_mermaid_text(node.label)}{right}{css}")
    for edge in edges:
        arrow = _MERMAID_ARROWS[edge.kind]
        label = f'|"{_mermaid_text(edge.label)}"|' if edge.label else ""
        lines.append(f"  {ids[edge.source]} {arrow}{label} {ids[edge.target]}")
    used = {node.kind for node in nodes}
    for kind, style in _MERMAID_CLASSES.items():
        if kind in used:
            lines.append(f"  classDef {kind} {style}")
    return "\n".join(lines) + "\n"


# -- Graphviz DOT ------------------------------------------------------------

_DOT_NODES = {
    "wait": 'shape=box, style="rounded"',
    "pass": 'shape=box, style="rounded,dashed"',
    "action": 'shape=box, style="filled", fillcolor="#e7f5ff", color="#1971c2"',
    "ended": 'shape=box, style="rounded,filled,bold", fillcolor="#d3f9d8", color="#2b8a3e"',
    "escalated": 'shape=octagon, style="filled,bold", fillcolor="#ffe8cc", color="#d9480f"',
    "missing": 'shape=box, style="dashed,filled", fillcolor="#ffe3e3", color="#c92a2a"',
    "any": 'shape=box, style="rounded,dashed", color="#868e96", fontcolor="#495057"',
    "start": 'shape=circle, style="filled", fillcolor="black", label="", width=0.25',
}
_DOT_EDGES = {
    "route": "",
    "next": "",
    "start": "",
    "fallback": ', style=dashed, color="#c92a2a"',
    "global": ', style=dashed, color="#868e96"',
}


def _dot_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(flow: Flow) -> str:
    nodes, edges = layout(flow)
    ids = {node.name: _dot_text(node.name) for node in nodes}
    ids[""] = '"start point"'  # state names have no spaces, so these ids cannot clash
    ids[_ANY] = _dot_text(_ANY)
    lines = [
        f"digraph {_dot_text(flow.id)} {{",
        "  rankdir=TB;",
        '  node [fontname="Helvetica", fontsize=11];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    if flow.title:
        lines.append(f"  label={_dot_text(flow.title)}; labelloc=t;")
    for node in nodes:
        label = "" if node.kind == "start" else f"label={_dot_text(node.label)}, "
        lines.append(f"  {ids[node.name]} [{label}{_DOT_NODES[node.kind]}];")
    for edge in edges:
        label = f"label={_dot_text(edge.label)}" if edge.label else ""
        attrs = (label + _DOT_EDGES[edge.kind]).lstrip(", ")
        lines.append(f"  {ids[edge.source]} -> {ids[edge.target]}" + (f" [{attrs}];" if attrs else ";"))
    lines.append("}")
    return "\n".join(lines) + "\n"
