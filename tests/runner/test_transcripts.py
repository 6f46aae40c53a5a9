"""Reading transcripts: streamed JSONL (plain, gzip, stdin), shards, broken
lines as `path:line: why`, and hand-written test conversations."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alur.flows.outcomes import InOrder
from alur.runner.findings import SkippedInput
from alur.runner.transcripts import (
    Conversation,
    parse_shard,
    read_shards,
    read_test_yaml,
    read_transcripts,
)


def _line(ident: str, *turns: tuple[str, str], **extra: object) -> str:
    return json.dumps({"id": ident, "turns": [{"role": r, "text": t} for r, t in turns], **extra})


GOOD = [
    _line("c-1", ("user", "halo"), ("bot", "Halo! Ada yang bisa kami bantu?")),
    _line("c-2", ("user", "mau cek pesanan"), ("bot", "Kirim nomor pesanan Anda."), ("user", "INV-123456")),
    _line("c-3"),
]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_conversations_come_in_order_with_their_source_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "day1.jsonl", GOOD)
    items = list(read_transcripts([str(path)]))
    assert [c.id for c in items] == ["c-1", "c-2", "c-3"]
    assert [c.source for c in items] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert items[1].turns[2] == {"role": "user", "text": "INV-123456"}
    assert items[2].turns == []  # real data has empty conversations; they are not an error


def test_gzip_reads_the_same_as_plain(tmp_path: Path) -> None:
    plain = _write(tmp_path / "a.jsonl", GOOD)
    packed = tmp_path / "a.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    as_plain = [(c.id, c.turns) for c in read_transcripts([str(plain)])]
    as_gzip = list(read_transcripts([str(packed)]))
    assert [(c.id, c.turns) for c in as_gzip] == as_plain
    assert as_gzip[1].source == f"{packed}:2"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("not json", "not valid JSON at column 1"),
        ("[1, 2]", "expected a JSON object (one conversation), got list"),
        ('"just text"', "expected a JSON object (one conversation), got text"),
        ('{"id": "x"}', "no 'turns' list"),
        ('{"turns": {"role": "user"}}', "'turns' must be a list, got object"),
        ('{"turns": ["halo"]}', "turn 0: expected an object with 'role' and 'text', got text"),
        (
            '{"turns": [{"role": "user", "text": "a"}, {"role": "customer", "text": "b"}]}',
            "turn 1: unknown role 'customer'",
        ),
        ('{"turns": [{"role": ["user"], "text": "b"}]}', "turn 0: unknown role list"),
        ('{"turns": [{"text": "b"}]}', "turn 0: no 'role'"),
        ('{"turns": [{"role": "bot", "text": 5}]}', "turn 0: 'text' must be text, got number"),
        ('{"turns": [{"role": "bot"}]}', "turn 0: no 'text'"),
        ('{"turns": [{"role": "bot", "text": "x", "state": 3}]}', "turn 0: 'state' must be text, got number"),
        ('{"id": {"a": 1}, "turns": []}', "'id' must be text, got object"),
        (
            '{"turns": [], "actions": {"lookup": 3}}',
            "'actions': the outcomes of action 'lookup' must be",
        ),  # one outcome as text is read like --actions reads it
    ],
)
def test_a_broken_line_is_skipped_with_its_line_and_reason_and_reading_goes_on(
    tmp_path: Path, line: str, reason: str
) -> None:
    path = _write(tmp_path / "t.jsonl", [GOOD[0], line, GOOD[1]])
    items = list(read_transcripts([str(path)]))
    assert [type(i) for i in items] == [Conversation, SkippedInput, Conversation]
    skipped = items[1]
    assert skipped.source == f"{path}:2"
    assert reason in skipped.reason
    assert str(skipped).startswith(f"{path}:2: ")


def test_bytes_that_are_not_utf8_are_named(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_bytes(GOOD[0].encode() + b'\n{"turns": [{"role": "user", "text": "caf\xe9"}]}\n')
    items = list(read_transcripts([str(path)]))
    assert isinstance(items[1], SkippedInput) and "not UTF-8" in items[1].reason


def test_blank_lines_and_a_byte_order_mark_are_not_records(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD[0].encode() + b"\n\n   \n" + GOOD[1].encode() + b"\r\n")
    items = list(read_transcripts([str(path)]))
    assert [c.id for c in items] == ["c-1", "c-2"]
    assert items[1].source == f"{path}:4"


def test_a_record_without_id_is_named_by_where_it_is(tmp_path: Path) -> None:
    path = _write(tmp_path / "t.jsonl", ['{"turns": []}', '{"id": 42, "turns": []}'])
    assert [c.id for c in read_transcripts([str(path)])] == [f"{path}:1", "42"]


def test_a_missing_file_is_one_skipped_input(tmp_path: Path) -> None:
    items = list(read_transcripts([str(tmp_path / "nope.jsonl")]))
    assert items == [SkippedInput(str(tmp_path / "nope.jsonl"), "no such file")]


def test_a_cut_short_gzip_keeps_what_was_read_and_says_why(tmp_path: Path) -> None:
    lines = [_line(f"c-{i}", ("user", "halo " * 50)) for i in range(2000)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    shards = list(read_shards(str(path), shard_bytes=4096))
    items = [i for s in shards for i in parse_shard(s)]
    read = [i for i in items if isinstance(i, Conversation)]
    assert 0 < len(read) < 2000
    assert [c.id for c in read] == [f"c-{i}" for i in range(len(read))]
    assert isinstance(items[-1], SkippedInput) and "damaged or cut short" in items[-1].reason


def test_a_folder_is_read_file_by_file_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    _write(tmp_path / "b" / "2.jsonl", [GOOD[1]])
    _write(tmp_path / "1.jsonl", [GOOD[0]])
    (tmp_path / "notes.txt").write_text("not a transcript")
    assert [c.id for c in read_transcripts([str(tmp_path)])] == ["c-1", "c-2"]


def test_large_files_are_cut_into_line_aligned_shards_with_true_line_numbers(tmp_path: Path) -> None:
    lines = [_line(f"c-{i}", ("user", "x" * (i % 97))) for i in range(500)]
    path = _write(tmp_path / "big.jsonl", lines)
    shards = list(read_shards(str(path), shard_bytes=1000))
    assert len(shards) > 10
    assert all(s.data is None for s in shards)  # plain files travel as byte ranges, not bytes
    items = [c for s in shards for c in parse_shard(s)]
    assert [c.id for c in items] == [f"c-{i}" for i in range(500)]
    assert [c.source for c in items] == [f"{path}:{i + 1}" for i in range(500)]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(["ok", "broken", "blank"]), min_size=1, max_size=40),
    st.integers(min_value=1, max_value=400),
    st.booleans(),
)
def test_any_shard_size_reads_the_same_lines_at_the_same_places(tmp_path_factory, kinds, shard_bytes, packed) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("shards")
    rows = [
        _line(f"c-{i}", ("user", "é" * i)) if k == "ok" else ("{oops" if k == "broken" else "")
        for i, k in enumerate(kinds)
    ]
    raw = ("\n".join(rows) + "\n").encode()
    path = folder / ("t.jsonl.gz" if packed else "t.jsonl")
    path.write_bytes(gzip.compress(raw) if packed else raw)
    whole = [(type(i).__name__, getattr(i, "source", None)) for i in parse_shard(next(read_shards(str(path), 1 << 30)))]
    cut = [
        (type(i).__name__, getattr(i, "source", None))
        for s in read_shards(str(path), shard_bytes)
        for i in parse_shard(s)
    ]
    assert cut == whole
    assert len(whole) == sum(k != "blank" for k in kinds)


# --------------------------------------------------------------------------- test YAML

TEST_YAML = """\
flow: order_status
conversations:
  - id: slang-order-check
    actions: {lookup_order: [found]}
    turns:
      - user: "min, pesanan sy blm sampe"
        expect: {state: ask_order_id}
      - user: "INV-123456"
        expect: {state: done, say_contains: "dikirim"}
  - id: wants-a-human
    turns:
      - user: "mau ngomong sama CS aja"
        expect: {escalated: true}
"""


def test_test_conversations_carry_their_expectations_and_lines(tmp_path: Path) -> None:
    path = tmp_path / "order.test.yaml"
    path.write_text(TEST_YAML)
    first, second = read_test_yaml(str(path))
    assert (first.id, first.flow, first.actions, first.source) == (
        "slang-order-check",
        "order_status",
        {"lookup_order": InOrder(("found",))},
        f"{path}:3",
    )
    assert first.turns[1] == {
        "role": "user",
        "text": "INV-123456",
        "expect": {"state": "done", "say_contains": "dikirim"},
        "line": 8,
    }
    assert second.turns[0]["expect"] == {"escalated": True}
    assert [c.id for c in read_transcripts([str(path)])] == ["slang-order-check", "wants-a-human"]


@pytest.mark.parametrize(
    ("change", "where", "reason"),
    [
        ("expect: {escalated: true}", None, None),
        ("expect: {escalatd: true}", "13:18", "unknown expect key 'escalatd'"),
        ("expect: {escalated: yes please}", "13:29", "expect 'escalated' must be true or false, got text"),
        ("expect: [escalated]", "13:17", "'expect' must be a mapping"),
        ("expected: {escalated: true}", "13:9", "unknown key 'expected'"),
    ],
)
def test_a_broken_test_conversation_is_skipped_at_its_line_and_column(
    tmp_path: Path, change: str, where: str | None, reason: str | None
) -> None:
    path = tmp_path / "t.test.yaml"
    path.write_text(TEST_YAML.replace("expect: {escalated: true}", change))
    items = list(read_test_yaml(str(path)))
    assert isinstance(items[0], Conversation)
    if reason is None:
        assert isinstance(items[1], Conversation)
        return
    assert items[1] == SkippedInput(f"{path}:{where}", items[1].reason)
    assert reason in items[1].reason


def test_a_test_file_that_is_not_yaml_is_skipped_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "t.test.yaml"
    path.write_text("conversations:\n  - id: a\n    turns: [\n")
    (item,) = read_test_yaml(str(path))
    assert isinstance(item, SkippedInput)
    assert item.source.startswith(f"{path}:") and item.source.count(":") == 2
    assert "YAML" in item.reason
