"""Every lint rule, triggered and not, at exact positions.

`examples/broken/` holds one small flow per rule that triggers exactly that
rule. Each is checked for its exact findings (line, column, code), then
again with the fix the rule's documentation suggests, which must leave it
clean: so each rule is seen both firing and staying silent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from alur.flows.check import check_file, check_text
from alur.flows.rules import RULES, UnknownRule, get

BROKEN = Path(__file__).resolve().parents[2] / "examples" / "broken"

Fix = list[tuple[str, str]]  # text replacements, applied in order

# code → (expected (line, column) of each finding, the fix)
CASES: dict[str, tuple[list[tuple[int, int]], Fix]] = {
    "undefined-start": ([(4, 8)], [("start: greeting", "start: greet")]),
    "undefined-state": ([(11, 9)], [("then: handof\n", "then: handoff\n")]),
    "undefined-slot": ([(23, 19)], [("{order}", "{order_id}")]),
    "undefined-intent": (
        [(8, 3)],
        [("  check_order: {", '  talk_to_human: {handoff: true, examples: ["CS"]}\n  check_order: {')],
    ),
    "bad-condition": ([(22, 34)], [("amount >> 1000000", "amount > 1000000")]),
    "bad-regex": ([(6, 41)], [("INV-[0-9{6}", "INV-[0-9]{6}")]),
    "slow-regex": ([(6, 38)], [("^([A-Z0-9]+-?)+$", "^[A-Z0-9]+(-[A-Z0-9]+)*$")]),
    "next-beside-intents": ([(18, 11)], [("    next: paid\n", "")]),
    "no-way-out": ([(17, 3)], [("action: lookup_order\n", "action: lookup_order\n    on: {error: handoff}\n")]),
    "collect-without-next": ([(19, 14)], [("    collect: amount\n", "    collect: amount\n    next: confirm\n")]),
    "conflicting-terminal": ([(17, 3)], [("    end: true\n  done", "  done")]),
    "cycle-without-wait": (
        [(18, 3)],
        [("    next: tell_status\n", "    on: {check_order: tell_status, no_thanks: done}\n")],
    ),
    "unreachable-state": ([(17, 3)], [("on: {check_order: done}", "on: {check_order: refund}")]),
    "trap-state": (
        [(17, 3), (20, 3)],
        [("on: {pending: still_pending}", "on: {pending: still_pending, failed: handoff}")],
    ),
    "fallback-never-escalates": ([(11, 1)], [("  max_retries: 2\n", "  max_retries: 2\n  then: handoff\n")]),
    "no-handoff-route": (
        [(4, 1)],
        [
            ("intents:\n", 'intents:\n  talk_to_human: {handoff: true, examples: ["CS"]}\n'),
            ("fallback:", "global: {talk_to_human: handoff}\nfallback:"),
        ],
    ),
    "escalation-unreachable": ([(22, 3)], [("max_retries: 4", "max_retries: 1")]),
    "slot-before-collect": ([(16, 25)], [("Pesanan {order_id} sudah", "Pesanan Anda sudah")]),
    "unused-slot": (
        [(6, 3), (7, 3)],
        [("  voucher: {type: text}\n", ""), ("Terima kasih!", "Terima kasih, kami kirim ke {email}.")],
    ),
    "confusable-example": ([(8, 49)], [('"cek pesanan saya dong"', '"saya mau cancel pesanan"')]),
    "unused-intent": ([(7, 3)], [("on: {check_order: done}", "on: {check_order: done, refund_question: done}")]),
    "duplicate-example": ([(7, 45)], [('"Status order?"', '"posisi paket"')]),
    "identical-reprompt": (
        [(17, 10)],
        [("  then: handoff\n", '  then: handoff\n  say: ["Nomor diawali INV- lalu 6 angka."]\n')],
    ),
    "whatsapp-buttons": (
        [(20, 7), (20, 17)],
        [('    say: "Pilih layanan:"\n', '    say: "Pilih layanan:"\n    list_button: "Pilih menu"\n')],
    ),
    "whatsapp-list": ([(19, 18)], [("Lihat semua pilihan layanan", "Pilih menu")]),
    "whatsapp-list-sections": ([(21, 69)], [("Pesanan dan pengiriman barang", "Pesanan")]),
    "whatsapp-interactive": ([(16, 13)], [(", buka setiap hari pukul 08.00 sampai 22.00", "")]),
    "rcs-card": (
        [(18, 14)],
        [
            (
                ", berlaku sampai 31 Desember untuk pembayaran dengan transfer bank atau e-wallet, tidak berlaku untuk barang pre-order dan voucher lain",
                "",
            )
        ],
    ),
    "whatsapp-text": (
        [(16, 10)],
        [("Dengan melanjutkan, Anda menyetujui syarat dan ketentuan layanan kami.", "Setuju?")],
    ),
    "sms-segments": ([(16, 17)], [("Halo! 👋 ", "Halo! ")]),
    "rcs-limits": ([(19, 17)], [("Cek status pesanan saya sekarang", "Cek status pesanan")]),
    "unknown-ignore": ([(6, 55)], [("identical-repromt", "identical-reprompt")]),
    "webchat-text": (
        [(18, 17)],
        [("Saya ingin mengecek status pesanan yang sudah saya bayar kemarin", "Cek status pesanan")],
    ),
}


def test_every_rule_has_a_broken_example_and_a_case():
    assert sorted(CASES) == sorted(RULES)
    assert sorted(p.name.removesuffix(".flow.yaml") for p in BROKEN.glob("*.flow.yaml")) == sorted(RULES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_broken_example_triggers_exactly_its_rule(code):
    result = check_file(BROKEN / f"{code}.flow.yaml")
    assert result.flow is not None
    found = [(d.line, d.column, d.code) for d in result.diagnostics]
    assert found == [(line, column, code) for line, column in CASES[code][0]]
    assert all(d.severity is RULES[code].SEVERITY for d in result.diagnostics)


@pytest.mark.parametrize("code", sorted(CASES))
def test_documented_fix_silences_the_rule(code):
    text = (BROKEN / f"{code}.flow.yaml").read_text(encoding="utf-8")
    for old, new in CASES[code][1]:
        assert old in text, f"fix for {code} no longer applies"
        text = text.replace(old, new)
    result = check_text(text, f"{code}.flow.yaml")
    assert [str(d) for d in result.diagnostics] == []


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_module_shape(code):
    rule = get(code)
    assert rule.ID == code
    assert code == code.lower() and " " not in code and "_" not in code
    assert rule.SUMMARY and "\n" not in rule.SUMMARY
    doc = rule.__doc__ or ""
    assert doc.startswith(f"{code}:")
    for section in ("Why:", "Fails", "Passes", "Fix:"):
        assert section in doc, f"{code} documentation lacks {section!r}"


def test_get_names_an_unknown_code_and_suggests_the_closest():
    with pytest.raises(UnknownRule, match="no such rule: 'unused-slots'; did you mean 'unused-slot'"):
        get("unused-slots")
