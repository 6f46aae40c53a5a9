"""Hostile and broken input: a clear message naming the file, never a traceback.

Exit 1 for a flow with errors in it, 2 for input that cannot be read as a
flow at all. Then property tests: random mutations of the example flows
never crash the checker, and the fast structural validator (`build_flow`)
agrees with the JSON Schema on what is valid.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alur.flows.check import check_text
from alur.flows.diagnostics import FlowError
from alur.flows.loader import Document, load_document
from alur.flows.model import SchemaViolation, build_flow
from alur.flows.validate import schema
from alur.runner.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.flow.yaml"))]

BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9 if previous else ['lol'] * 9)}]\n"
    for previous, name in zip([None, *"abcdefgh"], "abcdefghi", strict=True)
)

# name → (file content, exit code, code, line, column) ; line/column None where the problem has none
CASES = {
    "tabs": (b"alur: 1\nflow: tabs\nstart: a\nstates:\n\ta: {end: true}\n", 2, "yaml-syntax", 5, 1),
    "duplicate-keys": (
        b"alur: 1\nflow: dup\nstart: a\nstates:\n  a: {end: true}\n  a: {escalate: true}\n",
        1,
        "duplicate-key",
        6,
        3,
    ),
    "wrong-types": (b'alur: 1\nflow: types\nstart: a\nstates:\n  a: {end: "yes"}\n', 1, "schema", 5, 12),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(64), 2, "not-text", 3, None),
    "latin-1": ("alur: 1\nflow: caf\u00e9\n".encode("latin-1"), 2, "not-utf8", 2, 10),
    "alias-bomb": (BOMB.encode(), 2, "not-a-flow", 1, 1),
    "alias-in-a-flow": (b"alur: 1\nflow: a\nstart: a\nstates:\n  a: &x {end: true}\n  b: *x\n", 1, "yaml-alias", 5, 6),
    "empty": (b"", 2, "empty-file", 1, 1),
    "only-comments": (b"# nothing here\n", 2, "empty-file", 1, 1),
    "list": (b"- alur: 1\n- states: {}\n", 2, "not-a-flow", 1, 1),
    "scalar": (b"just some text\n", 2, "not-a-flow", 1, 1),
    "deep-brackets": (b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n", 2, "too-deep", 1, 504),
    "deep-indentation": ("".join("  " * i + f"k{i}:\n" for i in range(700)).encode(), 2, "too-deep", None, None),
    "control-character": (b"alur: 1\nflow: x\x07\n", 2, "yaml-syntax", 2, 8),
    "python-tag": (b"alur: 1\nflow: x\nstart: a\nstates: !!python/object:os.system {}\n", 1, "yaml-tag", 4, 9),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_gets_a_clear_message(name, tmp_path, capsys):
    content, exit_code, code, line, column = CASES[name]
    path = tmp_path / f"{name}.flow.yaml"
    path.write_bytes(content)
    assert main(["check", str(path)]) == exit_code
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "internal error" not in out + err
    first = out.splitlines()[0]
    where = ":".join(str(part) for part in (path, line, column) if part is not None)
    assert first.startswith(f"{where}: error {code} "), first


def test_fifty_megabytes_are_refused_before_reading(tmp_path, capsys):
    path = tmp_path / "huge.flow.yaml"
    with path.open("wb") as handle:
        handle.write(b"alur: 1\n")
        handle.write(b"# padding padding padding padding padding padding\n" * 1_000_000)
    assert path.stat().st_size > 50_000_000
    assert main(["check", str(path)]) == 2
    out = capsys.readouterr().out
    assert out.startswith(
        f"{path}: error file-too-large file is 47.7 MB; flows larger than 16 MiB (ALUR_MAX_FLOW_BYTES) are refused"
    )


def test_an_unreadable_file(tmp_path, capsys):
    secret = tmp_path / "secret.flow.yaml"
    secret.write_text("alur: 1\n")
    secret.chmod(0)
    try:
        readable = os.access(secret, os.R_OK)  # root reads anything
        code = main(["check", str(secret)])
        out = capsys.readouterr().out
    finally:
        secret.chmod(0o644)
    if readable:
        assert code == 1 and f"{secret}:1:1: error schema 'flow' is required but missing" in out
    else:
        assert code == 2 and f"{secret}: error unreadable permission denied" in out


# -- property tests -------------------------------------------------------

_OPS = st.sampled_from(["delete", "duplicate", "swap", "insert", "replace", "dedent", "indent", "truncate"])
_JUNK = st.sampled_from(
    [
        "",
        ":",
        "- ",
        "{",
        "}",
        "[",
        "]",
        "&a",
        "*a",
        "!!str",
        "\t",
        "'",
        '"',
        "#",
        "on",
        "yes",
        "null",
        "1e3",
        "{slot}",
        "é",
        "👋",
        "\\",
        "\x0c",
        "\x00",
        "  ",
        "x: y",
        "- {intent: a, goto: b}",
    ]
)


@st.composite
def mutated_example(draw) -> str:
    lines = draw(st.sampled_from(EXAMPLE_TEXTS)).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        op = draw(_OPS)
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        junk = draw(_JUNK)
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            lines.insert(i, junk + "\n")
        elif op == "replace":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + junk + lines[i][at + 1 :]
        elif op == "dedent":
            lines[i] = lines[i][2:]
        elif op == "indent":
            lines[i] = "  " + lines[i]
        else:
            lines = lines[:i]
    return "".join(lines)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_example())
def test_mutated_examples_never_crash_the_checker(text):
    result = check_text(text, "mutant.flow.yaml")
    for diagnostic in result.diagnostics:
        assert "internal error" not in diagnostic.message, str(diagnostic)
        assert "\n" not in diagnostic.message, str(diagnostic)  # one line per diagnostic
        assert diagnostic.file == "mutant.flow.yaml"
    if result.flow is None:
        assert any(d.severity.name == "ERROR" for d in result.diagnostics)
    try:
        document = load_document(text, "mutant.flow.yaml")
    except FlowError:
        return
    _assert_fast_path_agrees(document.data)


_EXAMPLE_DATA = [load_document(text, "example").data for text in EXAMPLE_TEXTS]


def _paths(data: object, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out += _paths(value, (*prefix, index))
    return out


_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 30)
    | st.floats(allow_nan=False, allow_infinity=False)  # JSON Schema cannot say "not NaN"; the fast path does
    | st.text(alphabet="ab_{} 1", max_size=5)
    | st.sampled_from(["greet", "handoff", "done", "text", "regex", "whatsapp", "id-ID", "order_status"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["say", "then", "goto", "intent", "end", "x", "type"]), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def mutated_data(draw) -> object:
    data = copy.deepcopy(draw(st.sampled_from(_EXAMPLE_DATA)))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths[1:]))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(_VALUES)
    return data


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_data())
def test_fast_path_and_json_schema_agree(data):
    _assert_fast_path_agrees(data)


def _assert_fast_path_agrees(data: object) -> None:
    """`build_flow` accepts exactly what the JSON Schema accepts."""
    from jsonschema import Draft202012Validator

    try:
        build_flow(Document("mutant", "", data))
        fast = True
    except SchemaViolation:
        fast = False
    errors = list(Draft202012Validator(schema()).iter_errors(data))
    assert fast == (not errors), [e.message for e in errors]


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the process's peak memory from /proc")
@pytest.mark.parametrize("command", ["audit", "replay"])
def test_a_twenty_megabyte_message_costs_megabytes_not_gigabytes(tmp_path: Path, command: str) -> None:
    """A broken export can hold one enormous "message"; audit and replay read
    a message as far as anyone could have typed it (UNDERSTOOD_CHARS), so
    memory grows with the file, not with what the detectors make of it
    (was: 18 times the line's size, 4 GB for a 50 MB line)."""
    import json
    import subprocess
    import sys

    text = "tolong cek pesanan saya kok lama banget mau ke CS " * 400_000  # 20 MB
    transcript = tmp_path / "huge.jsonl"
    transcript.write_text(
        json.dumps({"id": "h", "turns": [{"role": "user", "text": text}, {"role": "bot", "text": "ok"}]}) + "\n"
    )
    flow = str(Path(__file__).resolve().parents[2] / "examples" / "order_status.flow.yaml")
    arguments = ["audit", str(transcript)] if command == "audit" else ["replay", flow, str(transcript)]
    arguments += ["-j", "1", "-o", str(tmp_path / "r.txt")]
    # The peak of the command's own process (VmHWM starts afresh at exec; the
    # rusage of a child would carry the test runner's size from before exec).
    run = (
        "import sys; from alur.runner.cli import main; code = main(sys.argv[1:]);"
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM'))); sys.exit(code)"
    )
    done = subprocess.run([sys.executable, "-c", run, *arguments], capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    peak_kb = int(done.stdout.split()[-1])
    assert peak_kb < 250_000, f"{peak_kb / 1000:.0f} MB for a 20 MB message"
    assert len((tmp_path / "r.txt").read_text()) < 5_000  # the report shows the start of the message only
