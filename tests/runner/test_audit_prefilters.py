"""The shortcuts that keep `alur audit` fast never change what it reports.

The audit checks each turn in its one pass over a conversation instead of
letting reading check them first, and each detector has a cheap test
(`wanted`) that spares its full rule for most conversations. These
properties are checked on generated conversations: messy ones, with repeats,
did-not-understand replies, requests for a human, frustration, agents and
malformed turns.
"""

from __future__ import annotations

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from alur.runner.audit import DETECTORS, AuditConfig, Auditor
from alur.runner.transcripts import Conversation, Shard, parse_shard

BOT = [
    "Pilih menu: 1. Cek pesanan 2. Pembayaran",
    "pilih MENU 1 cek pesanan 2 pembayaran!!",
    "Maaf, saya tidak mengerti.",
    "I am sorry, I don't quite understand what you mean.",
    "Kirim nomor pesanan Anda.",
    "Thank you and goodbye.",
    "Is there anything else I can do for you?",
]
USER = [
    "halo min",
    "mau ke CS",
    "agent please",
    "kecewa banget",
    "this is useless",
    "ok makasih",
    "bye",
    "INV-123456",
    "INV-654321",
    "besok",
    "refund dong",
    "saya mau refund",
    "adminnn!!",
    "??",
    "Not meant for human use",
]
GOOD_TURN = st.one_of(
    st.tuples(st.just("bot"), st.sampled_from(BOT)),
    st.tuples(st.just("user"), st.sampled_from(USER)),
    st.tuples(st.just("agent"), st.just("Halo, saya Rina dari tim CS.")),
    st.tuples(st.just("system"), st.just("queued")),
).map(lambda t: {"role": t[0], "text": t[1]})
BAD_TURN = st.sampled_from(
    [
        {"role": "bot"},
        {"text": "hi"},
        {"role": "robot", "text": "hi"},
        {"role": "user", "text": 5},
        {"role": "bot", "text": "hi", "state": 3},
        {"role": "user", "text": "hi", "intent": ["x"]},
        {"role": ["user"], "text": "hi"},
        "hello",
        ["user", "hi"],
        None,
        7,
    ]
)
TURNS = st.lists(st.one_of(GOOD_TURN, GOOD_TURN.map(lambda t: {**t, "state": "s"}), GOOD_TURN, BAD_TURN), max_size=14)


@settings(max_examples=300, deadline=None)
@given(st.lists(TURNS, min_size=1, max_size=6))
def test_the_audit_skips_exactly_what_reading_skips_with_the_same_reason(conversations: list[list[object]]) -> None:
    data = b"".join(orjson.dumps({"id": f"c-{i}", "turns": turns}) + b"\n" for i, turns in enumerate(conversations))
    shard = Shard("t.jsonl", 1, data=data)
    read = list(parse_shard(shard))
    report = Auditor(AuditConfig()).audit_shard(shard)
    assert [(s.source, s.reason) for s in report.skipped] == [
        (s.source, s.reason) for s in read if not isinstance(s, Conversation)
    ]
    assert [r.source for r in report.results] == [c.source for c in read if isinstance(c, Conversation)]


@settings(max_examples=400, deadline=None)
@given(st.lists(GOOD_TURN, max_size=16), st.integers(min_value=2, max_value=4), st.integers(min_value=1, max_value=3))
def test_a_detector_whose_cheap_test_says_no_would_have_found_nothing(
    turns: list[dict[str, str]], loop: int, failures: int
) -> None:
    config = AuditConfig(loop_threshold=loop, not_understood_threshold=failures)
    auditor = Auditor(config)
    conversation = Conversation("c-1", turns, "t.jsonl:1")
    for code, cls in DETECTORS.items():
        detector = cls(config)
        view = auditor.view(conversation)
        if not detector.wanted(view):
            assert list(detector.check(view)) == [], code
