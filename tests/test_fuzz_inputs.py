"""Fuzzing what alur reads from anywhere: flow files, transcripts and every
importer's format. Arbitrary bytes, arbitrary text, and real files of each
format damaged line by line never raise past the reader: the result is
conversations (or a flow), lines skipped with their `path:line`, or a clear
error naming the file, exit 2 at worst, never an internal error.

Hypothesis draws the same examples on every run (the "repeatable" profile
of tests/conftest.py), as many as the profile says; look for new crashes
with `HYPOTHESIS_PROFILE=explore pytest tests/test_fuzz_inputs.py`.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import tempfile
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alur.flows.check import check_file
from alur.runner import importers
from alur.runner.audit import AuditConfig, Auditor
from alur.runner.cli import main
from alur.runner.findings import SkippedInput
from alur.runner.transcripts import Conversation, TranscriptError, conversation_from_record, parse_shard, read_shards

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = next(
    (ROOT / "tests").rglob("fixtures/import")
)  # the importers' test files, wherever the test tree keeps them
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
_WORK = Path(tempfile.mkdtemp(prefix="alur-fuzz-"))  # hypothesis examples cannot share pytest's per-test tmp_path

_JUNK = st.sampled_from(
    [
        "",
        ":",
        "- ",
        "{",
        "}",
        "[",
        "]",
        ",",
        ";",
        "\t",
        '"',
        "'",
        "#",
        "\\",
        "\x00",
        "\x1b[2J",
        "\r",
        "\u2028",
        "\ufeff",
        "é",
        "👋",
        "12/03/24 10.00 - ",
        "[12/03/24 10.00.00] ",
        "user:",
        "bot:",
        "- user: x",
        "#me",
        "```",
        "null",
        "1e999",
        '{"role": "user", "text": 1}',
        "a" * 300,
    ]
)


@st.composite
def damaged(draw: st.DrawFn, text: str) -> str:
    """`text` with a few lines deleted, repeated, swapped, cut or spliced with junk."""
    lines = text.splitlines(keepends=True) or [""]
    for _ in range(draw(st.integers(1, 5))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "repeat", "swap", "insert", "splice", "cut"]))
        if op == "delete":
            del lines[i]
        elif op == "repeat":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            lines.insert(i, draw(_JUNK) + "\n")
        elif op == "splice":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(_JUNK) + lines[i][at:]
        else:
            lines = lines[:i] + [lines[i][: draw(st.integers(0, len(lines[i])))]]
    return "".join(lines)


def _content(fixtures: list[Path]) -> st.SearchStrategy[bytes]:
    """Arbitrary bytes, arbitrary text, or a real file of the format damaged."""
    texts = [p.read_text(encoding="utf-8") for p in fixtures]
    shaped = [st.sampled_from(texts).flatmap(lambda t: damaged(t)).map(str.encode)] if texts else []
    return st.one_of(st.binary(max_size=600), st.text(max_size=600).map(str.encode), *shaped)


def _run(arguments: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(arguments)
    return code, err.getvalue()


def _assert_clear(code: int, err: str, path: Path) -> None:
    assert code in (0, 1, 2), err
    assert "internal error" not in err and "Traceback" not in err, err
    if code == 2:
        assert str(path) in err or path.name in err, err  # the message names what it could not use


# --------------------------------------------------------------------------- importers

_OPTIONS = {"whatsapp": ["--bot", "Toko Budi"]}  # what an importer needs besides its file


def _fixtures(name: str) -> list[Path]:
    """The importer's own test files, as seeds to damage."""
    extensions = importers.get(name).EXTENSIONS
    return sorted(p for p in FIXTURES.glob(f"{name}/*") if p.name.endswith(extensions))


def _import(name: str, content: bytes, suffix: str) -> None:
    source = _WORK / f"{name}-source{suffix}"
    source.write_bytes(content)
    out = _WORK / f"{name}-out.jsonl"
    out.unlink(missing_ok=True)
    code, err = _run(["import", name, str(source), "-o", str(out), *_OPTIONS.get(name, [])])
    _assert_clear(code, err, source)
    assert out.exists() == (code == 0)  # never a half-written file


@pytest.mark.parametrize("name", importers.names())
@FUZZ
@given(data=st.data())
def test_fuzz_importer(name: str, data: st.DataObject) -> None:
    """Every registered importer, on its own kind of file."""
    _import(name, data.draw(_content(_fixtures(name))), importers.get(name).EXTENSIONS[0])


@FUZZ
@given(_content(_fixtures("whatsapp")), st.sampled_from(["_chat.txt", "chat.txt", "a.txt"]), st.integers(0, 40))
def test_fuzz_import_whatsapp_zip(content: bytes, member: str, damage: int) -> None:
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, content)
    data = bytearray(packed.getvalue())
    if damage:  # flip a byte inside the compressed member or the directory
        data[(damage * 7919) % len(data)] ^= 0x5A
    _import("whatsapp", bytes(data), ".zip")


# --------------------------------------------------------------------------- flows


@FUZZ
@given(_content(sorted((ROOT / "examples").glob("*.flow.yaml"))))
def test_fuzz_flow_loader(content: bytes) -> None:
    path = _WORK / "fuzz.flow.yaml"
    path.write_bytes(content)
    result = check_file(path)
    for diagnostic in result.diagnostics:
        assert "internal error" not in diagnostic.message, str(diagnostic)
        assert diagnostic.file == str(path)


# --------------------------------------------------------------------------- transcripts

_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["user", "bot", "agent", "system", "role", "text", "turns", "id"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["id", "turns", "role", "text", "intent", "state", "flow", "channel", "actions", "media", "x"]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=12,
)
_TURN = st.fixed_dictionaries(
    {"role": st.sampled_from(["user", "bot", "agent", "system"]), "text": st.text(max_size=40)},
    optional={
        "intent": st.none() | st.text(max_size=8),
        "state": st.none() | st.text(max_size=8),
        "media": st.text(max_size=5),
    },
)
_RECORD = st.fixed_dictionaries(
    {"id": st.text(max_size=10), "turns": st.lists(_TURN | _JSON, max_size=12)},
    optional={"flow": _JSON, "actions": _JSON},
)
_AUDITOR = Auditor(AuditConfig())
_EXAMPLE_TRANSCRIPTS = [p for p in sorted((ROOT / "examples").rglob("*.jsonl"))]


@FUZZ
@given(st.one_of(_JSON, _RECORD))
def test_fuzz_records_are_conversations_or_a_reason(record: object) -> None:
    """Any JSON value: a conversation audit can read, or TranscriptError."""
    try:
        conversation = conversation_from_record(record, "fuzz.jsonl:1")
    except TranscriptError as error:
        assert str(error) and "\n" not in str(error)
        return
    _AUDITOR.audit(conversation)


@FUZZ
@given(
    st.one_of(
        st.binary(max_size=800),
        st.lists(
            st.one_of(_RECORD, _JSON).map(lambda r: json.dumps(r).encode()) | st.binary(max_size=60), max_size=6
        ).map(b"\n".join),
        st.sampled_from([p.read_text(encoding="utf-8") for p in _EXAMPLE_TRANSCRIPTS] or [""])
        .flatmap(lambda t: damaged(t))
        .map(str.encode),
    ),
    st.booleans(),
)
def test_fuzz_transcript_reader(content: bytes, packed: bool) -> None:
    """Any bytes, plain or gzip (cut anywhere): conversations and skipped
    lines with their `path:line`, never an exception; and the audit command
    over the same file exits 0, 1 or 2 with a message."""
    path = _WORK / ("fuzz.jsonl.gz" if packed else "fuzz.jsonl")
    path.write_bytes(
        gzip.compress(content)[: max(10, len(content) // 2)]
        if packed and len(content) % 3 == 0
        else gzip.compress(content)
        if packed
        else content
    )
    for item in (item for shard in read_shards(str(path), 97) for item in parse_shard(shard)):
        assert isinstance(item, (Conversation, SkippedInput))
        if isinstance(item, SkippedInput):
            assert item.source.startswith(str(path)) and item.reason
    code, err = _run(["audit", str(path), "-j", "1", "-o", str(_WORK / "report.txt")])
    _assert_clear(code, err, path)


def test_a_zip_with_damaged_compressed_data_is_a_clear_error() -> None:
    """Found by the zip fuzz: a flipped byte inside the compressed chat made
    zlib raise inside zipfile, reported as an internal error."""
    chat = ("12/03/24 10.00 - Budi: halo, pesanan saya belum sampai " * 20 + "\n").encode() * 20
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", chat)
    data = packed.getvalue()
    for position in range(40, len(data)):
        damaged_zip = bytearray(data)
        damaged_zip[position] ^= 0x5A
        try:
            with zipfile.ZipFile(io.BytesIO(bytes(damaged_zip))) as archive:
                archive.read("_chat.txt")
        except zlib.error:
            break
        except Exception:  # noqa: BLE001 - other damage is other tests' business
            continue
    else:
        raise AssertionError("no position gives damaged deflate data")
    source = _WORK / "damaged.zip"
    source.write_bytes(bytes(damaged_zip))
    code, err = _run(["import", "whatsapp", str(source), "--bot", "Toko Budi", "-o", str(_WORK / "damaged.jsonl")])
    assert code == 2 and f"{source}: the zip file cannot be read (Error -3 while decompressing data" in err, err
