"""The parts of a message around `say` that channels limit: a WhatsApp
interactive message's header and footer, its list sections, an RCS card.

Each limit is read from the channel's configurable limits, is checked only
on a channel the flow declares, and a part the schema does not know is a
schema error, not a silent no-op.
"""

from __future__ import annotations

import textwrap

from alur.flows.check import check_text
from alur.flows.config import Config, parse_config


def _flow(channels: str, menu: str) -> str:
    return textwrap.dedent(
        """\
        alur: 1
        flow: parts
        channels: [{channels}]
        start: menu
        intents:
          talk_to_human: {{handoff: true, examples: ["mau bicara dengan CS"]}}
        global: {{talk_to_human: handoff}}
        fallback: {{then: handoff, say: ["Pilih salah satu ya.", "Ketik CS untuk bicara dengan agen."]}}
        states:
          menu:
        {menu}
            on: {{talk_to_human: handoff}}
          handoff: {{escalate: true, say: "Kami hubungkan dengan agen."}}
        """
    ).format(channels=channels, menu=textwrap.indent(textwrap.dedent(menu), "    "))


def _found(text: str, config: Config | None = None) -> list[tuple[int | None, int | None, str, str]]:
    result = check_text(text, "parts.flow.yaml", config)
    assert result.flow is not None, [str(d) for d in result.diagnostics]
    return [(d.line, d.column, d.code, d.message) for d in result.diagnostics]


ROWS_IN_SECTIONS = "".join(f'  - {{title: "Pilihan {i}", section: "Bagian {i}"}}\n' for i in range(11))


def test_a_footer_over_60_characters_is_reported_at_the_footer() -> None:
    footer = "Balas CS kapan saja, tim kami siap membantu setiap hari pukul 08.00–22.00"
    text = _flow("whatsapp", f'say: "Pilih:"\nfooter: "{footer}"\nbuttons: ["Bicara dengan CS"]\n')
    assert _found(text) == [
        (
            12,
            13,
            "whatsapp-interactive",
            f"footer 'Balas CS kapan saja, tim kami…' is {len(footer)} characters; WhatsApp allows 60",
        )
    ]


def test_header_and_footer_at_the_limit_pass() -> None:
    text = _flow(
        "whatsapp", f'header: "{"h" * 60}"\nsay: "Pilih:"\nfooter: "{"f" * 60}"\nbuttons: ["Bicara dengan CS"]\n'
    )
    assert _found(text) == []


def test_eleven_list_sections_are_one_too_many() -> None:
    text = _flow("whatsapp", 'say: "Pilih:"\nlist_button: "Menu"\nbuttons:\n' + ROWS_IN_SECTIONS)
    found = _found(text)
    # at the list itself, beside whatsapp-list's finding of 11 rows (at most 10)
    assert [(line, code) for line, _, code, _ in found] == [(14, "whatsapp-list"), (14, "whatsapp-list-sections")]
    assert "11 sections: a WhatsApp list message holds at most 10" in found[1][3]


def test_rows_sharing_a_section_count_it_once_and_a_long_title_is_reported_once() -> None:
    rows = "".join(f'  - {{title: "Pilihan {i}", section: "Pesanan dan pengiriman barang"}}\n' for i in range(3))
    found = _found(_flow("whatsapp", 'say: "Pilih:"\nlist_button: "Menu"\nbuttons:\n' + rows))
    assert [(line, column, code) for line, column, code, _ in found] == [(14, 39, "whatsapp-list-sections")]


def test_sections_of_reply_buttons_are_not_a_list_message() -> None:
    # without list_button the rows are reply buttons: sections are not sent
    rows = '  - {title: "Ya", section: "Pesanan dan pengiriman barang"}\n'
    assert _found(_flow("whatsapp", 'say: "Pilih:"\nbuttons:\n' + rows)) == []


def test_an_rcs_card_description_over_2000_characters_is_reported() -> None:
    text = _flow("rcs", f'say: "Promo:"\ncard: {{title: "Gratis ongkir", description: "{"x" * 2001}"}}\n')
    assert [
        (code, message.endswith("is 2001 characters; RCS allows 2000")) for _, _, code, message in _found(text)
    ] == [("rcs-card", True)]


def test_limits_come_from_configuration() -> None:
    text = _flow(
        "whatsapp, rcs",
        'header: "Layanan pelanggan"\nsay: "Pilih:"\ncard: {title: "Gratis ongkir"}\nbuttons: ["Bicara dengan CS"]\n',
    )
    assert _found(text) == []
    config = parse_config({"limits": {"whatsapp": {"header": 10}, "rcs": {"card_title": 5}}}, "cfg")
    assert [code for _, _, code, _ in _found(text, config)] == ["whatsapp-interactive", "rcs-card"]


def test_parts_are_checked_only_on_the_channels_the_flow_declares() -> None:
    long = "x" * 300
    text = _flow("sms", f'header: "{long}"\nsay: "Pilih:"\ncard: {{title: "{long}"}}\nbuttons: ["Bicara dengan CS"]\n')
    assert _found(text) == []


def test_an_empty_card_or_an_unknown_card_key_is_a_schema_error() -> None:
    for card, message in (
        ("{}", "states/menu/card: needs `title` or `description`"),
        ('{image: "x.png"}', "unknown key 'image'"),
    ):
        result = check_text(_flow("rcs", f'say: "Promo:"\ncard: {card}\n'), "parts.flow.yaml")
        assert result.flow is None
        assert [d.code for d in result.diagnostics] == ["schema"]
        assert message in result.diagnostics[0].message
