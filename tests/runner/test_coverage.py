"""Coverage: which states and transitions replayed conversations exercised."""

from __future__ import annotations

import pickle
import textwrap

from alur.flows.engine import Engine
from alur.flows.validate import parse_flow
from alur.runner.coverage import Coverage, describe, transitions_of
from alur.runner.replay import ReplayConfig, Replayer
from alur.runner.transcripts import Conversation

FLOW = """
alur: 1
flow: shop
start: menu
slots:
  order_id: {type: regex, pattern: "INV-[0-9]{6}"}
intents:
  check_order: {examples: ["cek pesanan", "status pesanan saya"]}
  refund: {examples: ["tanya refund", "uang saya kapan kembali"]}
  talk_to_human: {handoff: true, examples: ["mau bicara dengan CS"]}
global:
  talk_to_human: handoff
fallback: {max_retries: 1, then: handoff, say: ["Maaf, belum paham."]}
states:
  menu:
    say: "Mau cek pesanan atau tanya refund?"
    on: {check_order: ask_order, refund: refund_info}
  ask_order:
    say: "Kirim nomor pesanan Anda."
    collect: order_id
    next: lookup
  lookup:
    action: lookup_order
    on: {found: tell, not_found: ask_order, error: handoff}
  tell:
    say: "Pesanan {order_id} sedang dikirim."
    next: done
  refund_info:
    say: "Refund masuk 3 hari kerja."
    next: done
  handoff: {escalate: true, say: "Agen kami akan membantu."}
  done: {end: true, say: "Terima kasih!"}
"""


def _replay(*conversations: list[str], actions: dict | None = None) -> Coverage:
    replayer = Replayer(Engine(parse_flow(textwrap.dedent(FLOW), "shop.flow.yaml")), ReplayConfig(coverage=True))
    items = [
        Conversation(f"c-{n}", [{"role": "user", "text": text} for text in texts], f"mem:{n}", actions=actions or {})
        for n, texts in enumerate(conversations)
    ]
    report = replayer.run(items)
    assert report.coverage is not None
    return report.coverage


def test_transitions_are_listed_as_the_flow_writes_them() -> None:
    transitions = transitions_of(parse_flow(textwrap.dedent(FLOW), "shop.flow.yaml"))
    assert [describe(t) for t in transitions] == [
        "menu --check_order--> ask_order",
        "menu --refund--> refund_info",
        "menu --fallback--> handoff",
        "ask_order --next--> lookup",
        "ask_order --fallback--> handoff",
        "lookup --found--> tell",
        "lookup --not_found--> ask_order",
        "lookup --error--> handoff",
        "tell --next--> done",
        "refund_info --next--> done",
        "* --global talk_to_human--> handoff",
    ]


def test_each_move_is_counted_on_the_transition_it_took() -> None:
    coverage = _replay(["cek pesanan", "INV-123456", "INV-654321"], actions={"lookup_order": ["not_found", "found"]})
    taken = {describe(t): n for t, n in coverage.transition_visits.items()}
    assert taken == {
        "menu --check_order--> ask_order": 1,
        "ask_order --next--> lookup": 2,
        "lookup --not_found--> ask_order": 1,
        "lookup --found--> tell": 1,
        "tell --next--> done": 1,
    }
    assert coverage.state_visits["ask_order"] == 2 and coverage.state_visits["menu"] == 1
    assert coverage.never_visited() == ["refund_info", "handoff"]


def test_fallback_and_global_handoff_are_told_apart() -> None:
    by_fallback = _replay(["cek pesanan", "asdf", "qwerty"])
    assert {describe(t) for t in by_fallback.transition_visits} == {
        "menu --check_order--> ask_order",
        "ask_order --fallback--> handoff",
    }
    by_request = _replay(["cek pesanan", "mau ngomong sama orang aja"])
    assert "* --global talk_to_human--> handoff" in {describe(t) for t in by_request.transition_visits}
    assert ("ask_order", "fallback", "handoff") not in by_request.transition_visits


def test_counts_merge_and_survive_the_trip_from_a_worker() -> None:
    first = _replay(["tanya refund"])
    second = pickle.loads(pickle.dumps(_replay(["cek pesanan", "INV-123456"], actions={"lookup_order": ["found"]})))
    merged = first.merge(second)
    assert merged.state_visits["done"] == 2 and merged.state_visits["refund_info"] == 1
    assert merged.never_visited() == ["handoff"]
    assert merged.summary() == "6 of 7 states (86%), 6 of 11 transitions (55%)"
    data = merged.to_dict()
    assert data["states"]["never_visited"] == ["handoff"]  # type: ignore[index]
    assert {"from": "*", "on": "global:talk_to_human", "to": "handoff"} in data["transitions"]["never_taken"]  # type: ignore[index]
    assert "    menu --fallback--> handoff" in merged.text_lines()
