"""The flow loader: YAML 1.2 scalars, positions, and what it refuses."""

from __future__ import annotations

import math

import pytest

from alur.flows.diagnostics import FlowError
from alur.flows.loader import Span, load_document, read_text


def codes(text: str) -> list[tuple[int | None, int | None, str]]:
    with pytest.raises(FlowError) as caught:
        load_document(text, "f.flow.yaml")
    return [(d.line, d.column, d.code) for d in caught.value.diagnostics]


def test_yaml_1_2_scalars():
    data = load_document(
        "on: yes\nno: off\nt: true\nf: False\nn: ~\ne:\ni: 0x1F\no: 0o17\nx: 1e3\ninf: -.inf\nq: 'true'\nv: 012\n"
    ).data
    assert data["on"] == "yes" and data["no"] == "off"
    assert data["t"] is True and data["f"] is False
    assert data["n"] is None and data["e"] is None
    assert data["i"] == 31 and data["o"] == 15 and data["x"] == 1000.0
    assert data["inf"] == -math.inf
    assert data["q"] == "true"
    assert data["v"] == 12  # YAML 1.2: no octal without 0o


def test_spans_of_values_and_keys():
    document = load_document('alur: 1\nstates:\n  greet: {say: "Halo", end: true}\n')
    assert document.values[("states", "greet", "say")] == Span(3, 16, 3, 22)
    assert document.keys[("states", "greet")] == Span(3, 3, 3, 8)
    assert document.key_span(("states", "greet")).column == 3
    # a path with no node of its own falls back to the nearest enclosing one
    assert document.span(("states", "greet", "missing")) == document.values[("states", "greet")]


def test_duplicate_key_names_the_first():
    with pytest.raises(FlowError) as caught:
        load_document("states:\n  a: {end: true}\n  b: {end: true}\n  a: {end: true}\n", "f.flow.yaml")
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (4, 3, "duplicate-key")
    assert "first defined at line 2" in diagnostic.message


def test_every_structural_problem_is_reported_at_once():
    text = "a: 1\na: 2\nb: &x [1]\nc: *x\nd: !!int 5\n<<: {e: 1}\n? [k]\n: v\n"
    assert codes(text) == [
        (2, 1, "duplicate-key"),
        (3, 4, "yaml-alias"),
        (5, 4, "yaml-tag"),
        (6, 1, "yaml-alias"),
        (7, 3, "yaml-key"),
    ]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: [1, 2\n", (1, 4)),  # the bracket never closed: where it opened, not the line after
        ("states:\n  greet:\n    say: hi\n    next x\n  b:\n    say: y\n", (4, 5)),  # a key without its colon
        ('states:\n  greet:\n    say: "hi\n    next: x\n  b:\n    say: y\n', (3, 10)),  # a quote never closed
        ("states:\n  greet:\n    say: hi\n   next: x\n", (4, 4)),  # a line indented wrongly is itself the broken one
        (
            "states:\n  greet\n    say: hi\n  b: 1\n",
            (2, 8),
        ),  # a key without its colon over its block: where the colon goes
    ],
)
def test_a_syntax_error_points_at_the_broken_line(text: str, where: tuple[int, int]):
    assert codes(text) == [(*where, "yaml-syntax")]


def test_syntax_errors_and_tabs():
    with pytest.raises(FlowError, match="a tab character is used for indentation"):
        load_document("states:\n\tgreet: {}\n")


def test_empty_documents():
    assert codes("") == [(1, 1, "empty-file")]
    assert codes("# only a comment\n") == [(1, 1, "empty-file")]


def test_read_text_strips_a_bom_and_names_bad_bytes(tmp_path):
    path = tmp_path / "f.flow.yaml"
    path.write_bytes("\ufeffalur: 1\n".encode())
    assert read_text(path) == "alur: 1\n"
    path.write_bytes(b"alur: 1\nflow: \xff\n")
    with pytest.raises(FlowError) as caught:
        read_text(path)
    [diagnostic] = caught.value.diagnostics
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (2, 7, "not-utf8")
    assert "0xff" in diagnostic.message
