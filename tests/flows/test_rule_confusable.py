"""confusable-example: only intents that can answer in the same state compete."""

from __future__ import annotations

from alur.flows.check import check_text

FLOW = """\
alur: 1
flow: shop
start: menu
intents:
  check_order: {examples: ["cek status pesanan", "status pesanan saya", "pesanan saya di mana"]}
  check_refund: {examples: ["status refund", "refund saya di mana", "cek status pesanan saya dong"]}
  later: {examples: ["nanti saja"]}
  talk_to_human: {handoff: true, examples: ["mau bicara dengan CS"]}
global:
  talk_to_human: handoff
fallback: {then: handoff, say: ["Maaf, belum paham.", "Ketik CS untuk bicara dengan agen."]}
states:
  menu:
    say: "Mau cek pesanan?"
    on: {check_order: done, later: other}
  other:
    say: "Mau cek refund?"
    on: {check_refund: done}
  handoff: {escalate: true, say: "Kami hubungkan dengan agen."}
  done: {end: true, say: "Terima kasih!"}
"""


def findings(text: str) -> list[tuple[int, str]]:
    result = check_text(text, "shop.flow.yaml")
    return [(d.line, d.message) for d in result.diagnostics if d.code == "confusable-example"]


def test_intents_of_different_states_never_compete():
    """check_order is answered in `menu`, check_refund in `other`: a customer
    can never be torn between them."""
    assert findings(FLOW) == []


def test_an_example_closer_to_an_intent_of_the_same_state_is_reported_on_its_line():
    together = FLOW.replace(
        "on: {check_order: done, later: other}", "on: {check_order: done, check_refund: done, later: other}"
    )
    [(line, message)] = findings(together)
    assert line == 6
    assert message.startswith(
        "example 'cek status pesanan saya dong' of intent 'check_refund' is closer to intent 'check_order' (0."
    )
    assert message.endswith("the matcher would answer 'check_order'")
