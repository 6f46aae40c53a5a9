"""The engine semantics the graph rules follow, and configuration of rules.

Each test states one behaviour a conversation designer relies on: global
routes apply in every waiting state unless the state handles the intent
itself; an action's outcome is not the customer's choice; a state's
fallback overrides the flow's key by key; the first unmatched turn in
`start` is not a failure; inline ignores and configuration switch findings
off and limits change them.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from alur.flows.check import check_text, load_runnable_flow
from alur.flows.config import Config, ConfigError, parse_config
from alur.flows.diagnostics import FlowError
from alur.flows.engine import Engine

BROKEN = Path(__file__).resolve().parents[2] / "examples" / "broken"
HEAD = """\
alur: 1
flow: semantics
start: greet
"""


def findings(*parts: str, config: Config | None = None) -> list[tuple[int | None, int | None, str]]:
    """(line, column, code) of each finding in the flow HEAD + parts (each dedented)."""
    text = HEAD + "".join(textwrap.dedent(part) for part in parts)
    result = check_text(text, "t.flow.yaml", config)
    assert result.flow is not None, [str(d) for d in result.diagnostics]
    return [(d.line, d.column, d.code) for d in result.diagnostics]


def codes(*parts: str, config: Config | None = None) -> list[str]:
    return [code for _, _, code in findings(*parts, config=config)]


HANDOFF = """\
intents:
  talk_to_human: {handoff: true, examples: ["CS"]}
  pick: {examples: ["pilih"]}
global:
  talk_to_human: handoff
fallback:
  then: handoff
  say: ["Maaf, belum paham.", "Coba lagi ya."]
"""
HANDOFF_ONLY = HANDOFF.replace('  pick: {examples: ["pilih"]}\n', "")


def test_conditional_state_route_does_not_shadow_the_global_handoff():
    body = (
        HANDOFF,
        """\
    slots:
      vip: {type: text}
    states:
      greet:
        say: "Halo"
        on:
          - {intent: pick, goto: done}
          - {intent: talk_to_human, if: "vip is set", goto: done}
      handoff: {escalate: true, say: "Agen"}
      done: {end: true, say: "Bye"}
    """,
    )
    assert codes(*body) == []


def test_action_outcomes_are_not_the_customers_choice():
    # From `ask`, the only way on runs an action that may end the conversation:
    # the customer cannot force a human, although an outcome leads to one.
    body = """\
    intents:
      pick: {examples: ["pilih"]}
    states:
      greet:
        say: "Halo"
        on: {pick: check}
        fallback: {max_retries: 1, say: ["Pilih ya."]}
      check:
        action: check_account
        on: {ok: done, error: handoff}
      handoff: {escalate: true, say: "Agen"}
      done: {end: true, say: "Selesai"}
    """
    found = findings(body)
    assert (7, 3, "escalation-unreachable") in found
    assert "trap-state" not in [code for *_, code in found]  # an ending is reachable


def test_first_unmatched_turn_in_start_costs_one_more_turn():
    body = """\
    intents:
      pick: {examples: ["pilih"]}
    fallback:
      max_retries: 2
      then: handoff
      say: ["Maaf, belum paham.", "Coba lagi ya."]
    states:
      greet:
        say: "Halo"
        on: {pick: ask}
      ask:
        say: "Pilih lagi"
        on: {pick: done}
      handoff: {escalate: true, say: "Agen"}
      done: {end: true, say: "Selesai"}
    """
    found = findings(body)
    escalation = [(line, col) for line, col, code in found if code == "escalation-unreachable"]
    assert escalation == [(11, 3)]  # greet: 4 turns; ask: 3 turns, within the default limit
    assert "no-handoff-route" in [code for *_, code in found]


def test_state_fallback_keeps_the_flows_then():
    body = (
        HANDOFF,
        """\
    states:
      greet:
        say: "Halo"
        on: {pick: done}
        fallback:
          say: ["Pilih salah satu ya.", "Ketik CS untuk agen."]
      handoff: {escalate: true, say: "Agen"}
      done: {end: true, say: "Selesai"}
    """,
    )
    assert codes(*body) == []


def test_state_fallback_then_that_never_reaches_a_human():
    body = (
        HANDOFF,
        """\
    states:
      greet:
        say: "Halo"
        on: {pick: done}
        fallback: {then: done}
      handoff: {escalate: true, say: "Agen"}
      done: {end: true, say: "Selesai"}
    """,
    )
    assert findings(*body) == [(16, 22, "fallback-never-escalates")]


@pytest.mark.parametrize(
    ("state_extra", "expected"),
    [
        ('    say: ["Halo", "Halo lagi"]\n', []),  # variants in turn: each shown at most twice
        ('    say: "Halo"\n    fallback: {max_retries: 3, say: "Maaf?"}\n', ["identical-reprompt"]),
        ('    say: "Halo"\n    fallback: {max_retries: 1}\n', []),  # shown twice only
    ],
)
def test_identical_reprompt_counts_what_the_customer_reads(state_extra, expected):
    body = (
        "intents:\n  talk_to_human: {handoff: true, examples: [CS]}\n  pick: {examples: [pilih]}\n"
        "global: {talk_to_human: handoff}\nfallback: {then: handoff}\nstates:\n  greet:\n"
        + state_extra
        + "    on: {pick: done}\n  handoff: {escalate: true, say: Agen}\n  done: {end: true, say: Bye}\n"
    )
    assert codes(body) == expected


@pytest.mark.parametrize(("slot_type", "expected"), [("text", []), ("number", ["identical-reprompt"])])
def test_identical_reprompt_leaves_a_text_slot_alone_which_takes_any_reply(slot_type, expected):
    body = (
        f"slots: {{note: {{type: {slot_type}}}}}\n"
        "intents:\n  talk_to_human: {handoff: true, examples: [CS]}\n"
        "global: {talk_to_human: handoff}\nfallback: {then: handoff}\nstates:\n  greet:\n"
        '    say: "Ceritakan masalahnya ya"\n    collect: note\n    next: done\n'
        '  handoff: {escalate: true, say: Agen}\n  done: {end: true, say: "Bye {note}"}\n'
    )
    assert [code for code in codes(body) if code == "identical-reprompt"] == expected


def test_button_intents_count_as_defined_and_action_events_are_not_intents():
    body = (
        HANDOFF,
        """\
    states:
      greet:
        say: "Halo"
        buttons: [{title: "Lanjut", intent: go_on}]
        on: {pick: check, go_on: check}
      check:
        action: lookup
        on: {found: done, whatever_event: handoff}
      handoff: {escalate: true, say: "Agen"}
      done: {end: true, say: "Selesai"}
    """,
    )
    assert codes(*body) == []


def test_undefined_slot_in_a_condition_points_at_the_name():
    body = (
        HANDOFF_ONLY,
        """\
    slots:
      amount: {type: money}
    states:
      greet:
        say: "Berapa?"
        collect: amount
        next: check
      check:
        action: limit
        on:
          - {event: ok, if: "amount > 5 and amont < 9", goto: done}
          - {event: ok, goto: handoff}
      handoff: {escalate: true, say: "Agen"}
      done: {end: true, say: "Selesai {amount}"}
    """,
    )
    assert findings(*body) == [(21, 41, "undefined-slot")]


def test_slot_before_collect_is_a_may_analysis():
    body = (
        HANDOFF,
        """\
    slots:
      name: {type: text}
    states:
      greet:
        say: "Halo {name}"
        on: {pick: ask}
      ask:
        say: "Nama? (sekarang: {name})"
        collect: name
        next: greet
      handoff: {escalate: true, say: "Agen"}
    """,
    )
    # `greet` is entered again after `ask` collected the name, so on some path
    # the name is filled: the rule reports only what no path can have filled.
    found = findings(*body)
    assert "slot-before-collect" not in [code for *_, code in found]


def test_slot_shown_in_the_state_that_collects_it_is_reported():
    body = (
        HANDOFF_ONLY,
        """\
    slots:
      name: {type: text}
    states:
      greet:
        say: "Nama Anda {name}?"
        collect: name
        next: done
      handoff: {escalate: true, say: "Agen"}
      done: {end: true, say: "Halo {name}"}
    """,
    )
    assert findings(*body) == [(15, 21, "slot-before-collect")]


def test_collecting_right_before_an_action_counts_as_using_the_slot():
    body = (
        HANDOFF_ONLY,
        """\
    slots:
      nik: {type: regex, pattern: "[0-9]{16}", sensitive: true}
    states:
      greet:
        say: "NIK?"
        collect: nik
        next: verify
      verify:
        action: verify_nik
        on: {ok: done, error: handoff}
      handoff: {escalate: true, say: "Agen"}
      done: {end: true, say: "Terverifikasi"}
    """,
    )
    assert codes(*body) == []


def test_reachable_only_through_global_route_or_fallback_is_reachable():
    body = """\
    intents:
      talk_to_human: {handoff: true, examples: ["CS"]}
      pick: {examples: ["pilih"]}
    global: {talk_to_human: confirm_handoff}
    fallback: {then: sorry, say: ["Maaf?", "Sekali lagi?"]}
    states:
      greet:
        say: "Halo"
        on: {pick: done}
      confirm_handoff:
        say: "Kami sambungkan."
        next: handoff
      sorry:
        say: "Maaf, kami sambungkan ke agen."
        next: handoff
      handoff: {escalate: true, say: "Agen"}
      done: {end: true, say: "Selesai"}
    """
    assert codes(body) == []


def test_a_flow_without_terminal_states_is_reported_once():
    body = """\
    intents:
      pick: {examples: ["pilih"]}
    states:
      greet:
        say: "Halo"
        on: {pick: other}
      other:
        say: "Lagi"
        on: {pick: greet}
    """
    found = findings(body)
    assert [f for f in found if f[2] == "trap-state"] == [(6, 1, "trap-state")]
    assert [f for f in found if f[2] == "escalation-unreachable"] == [(6, 1, "escalation-unreachable")]


def test_handoff_intent_defined_but_never_routed():
    body = """\
    intents:
      talk_to_human: {handoff: true, examples: ["CS"]}
      pick: {examples: ["pilih"]}
    fallback: {max_retries: 1, then: handoff, say: "Maaf?"}
    states:
      greet:
        say: "Halo"
        on: {pick: done}
      handoff: {escalate: true, say: "Agen"}
      done: {end: true, say: "Selesai"}
    """
    assert findings(body) == [(5, 3, "no-handoff-route"), (5, 3, "unused-intent")]


SMS_MENU = (
    HANDOFF.replace("intents:", "channels: [sms]\nintents:")
    + """\
states:
  greet:
    say: "{text}"
    buttons: [{buttons}]
    on: {pick: done}
  handoff: {escalate: true, say: "Agen"}
  done: {end: true, say: "Selesai"}
"""
)


def test_sms_counts_buttons_as_numbered_lines():
    text = "x" * 290  # 2 parts alone (153 per part); the button lines make it 3
    body = SMS_MENU.replace("{text}", text).replace("{buttons}", '"Cek pesanan", "Lacak paket"')
    assert codes(body) == ["sms-segments"]
    assert codes(body.replace('"Cek pesanan", "Lacak paket"', '"A"')) == []


def test_limits_and_options_from_configuration():
    body = SMS_MENU.replace("{text}", "x" * 400).replace("{buttons}", '"Cek"')
    assert codes(body) == ["sms-segments"]
    assert codes(body, config=parse_config({"limits": {"sms": {"max_parts": 3}}}, "cfg")) == []
    escalation = BROKEN / "escalation-unreachable.flow.yaml"
    text = escalation.read_text(encoding="utf-8")
    relaxed = parse_config({"rules": {"escalation-unreachable": {"max_turns": 5}}}, "cfg")
    assert len(check_text(text, str(escalation)).diagnostics) == 1
    assert check_text(text, str(escalation), relaxed).diagnostics == []


def test_select_and_ignore():
    text = (BROKEN / "unused-slot.flow.yaml").read_text(encoding="utf-8")
    assert len(check_text(text, "f", parse_config({"ignore": ["unused-slot"]}, "cfg")).diagnostics) == 0
    assert len(check_text(text, "f", parse_config({"select": ["unused-intent"]}, "cfg")).diagnostics) == 0
    assert len(check_text(text, "f", parse_config({"select": ["unused-slot"]}, "cfg")).diagnostics) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"ignore": ["unused-slots"]}, "no such rule: 'unused-slots'; did you mean 'unused-slot'"),
        ({"rules": {"escalation-unreachable": {"max_turn": 4}}}, "has no option 'max_turn'"),
        ({"limits": {"whatsapp": {"button_titel": 24}}}, "whatsapp has no limit 'button_titel'"),
        ({"limits": {"telegram": {}}}, "unknown channel 'telegram'"),
        ({"selct": []}, "unknown setting 'selct'"),
    ],
)
def test_configuration_mistakes_are_named(data, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace("'", "'")):
        parse_config(data, ".alur.yaml")


def test_inline_ignore_comments():
    path = str(BROKEN / "unused-slot.flow.yaml")
    text = (BROKEN / "unused-slot.flow.yaml").read_text(encoding="utf-8")
    trailing = text.replace("  email: {type: email}\n", "  email: {type: email}  # alur: ignore[unused-slot]\n")
    assert [d.line for d in check_text(trailing, path).diagnostics] == [7]
    own_line = text.replace("  voucher:", "  # alur: ignore[unused-intent, unused-slot]\n  voucher:")
    assert [d.line for d in check_text(own_line, path).diagnostics] == [6]
    other_code = text.replace("  email: {type: email}\n", "  email: {type: email}  # alur: ignore[unused-intent]\n")
    assert [d.line for d in check_text(other_code, path).diagnostics] == [6, 7]
    bare = text.replace("  email: {type: email}\n", "  email: {type: email}  # alur: ignore\n")
    assert [d.line for d in check_text(bare, path).diagnostics] == [7]


def test_misspelt_ignore_codes_are_reported_where_they_are_written():
    path = str(BROKEN / "unused-slot.flow.yaml")
    text = (BROKEN / "unused-slot.flow.yaml").read_text(encoding="utf-8")
    own_line = text.replace("  voucher:", "  # alur: ignore[unused-slot,  unusd-intent, schema, ]\n  voucher:")
    found = [(d.line, d.column, d.code, d.message) for d in check_text(own_line, path).diagnostics]
    # voucher's finding is silenced by the code spelt right; the others silence nothing
    assert [f[:3] for f in found] == [
        (6, 3, "unused-slot"),
        (7, 32, "unknown-ignore"),
        (7, 46, "unknown-ignore"),
        (7, 54, "unknown-ignore"),
    ]
    assert "silences nothing; did you mean 'unused-intent'?" in found[1][3]
    assert "a problem with the file itself" in found[2][3]
    assert "an empty code" in found[3][3]
    quiet = parse_config({"ignore": ["unknown-ignore"]}, "cfg")
    assert [d.code for d in check_text(own_line, path, quiet).diagnostics] == ["unused-slot"]


def test_collect_without_next_is_reported_at_the_collect():
    body = (
        HANDOFF_ONLY,
        """\
    slots:
      amount: {type: money}
      note: {type: text}
    states:
      greet:
        say: "Berapa?"
        collect: amount
        next: ask_note
      ask_note:
        say: "Catatan untuk {amount}?"
        collect: note
        on: {talk_to_human: handoff}
      handoff: {escalate: true, say: "Agen {note}"}
    """,
    )
    found = findings(*body)
    assert [f for f in found if f[2] == "collect-without-next"] == [(21, 14, "collect-without-next")]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ('"(?i)inv-[0-9]{6}"', []),
        ('"(?x) INV- [0-9]{6}  # order number"', []),
        ('"^(?P<id>INV-[0-9]{6})$"', []),
        ('"inv(?i)-[0-9]{6}"', [(12, 40, "bad-regex")]),  # at the flag Python refuses there
        ('""', [(12, 36, "bad-regex")]),
    ],
)
def test_bad_regex_refuses_exactly_what_the_engine_cannot_run(tmp_path, pattern, expected):
    body = (
        HANDOFF_ONLY,
        f"""\
    slots:
      order_id: {{type: regex, pattern: {pattern}}}
    states:
      greet:
        say: "Nomor pesanan?"
        collect: order_id
        next: done
      handoff: {{escalate: true, say: "Agen"}}
      done: {{end: true, say: "Pesanan {{order_id}}"}}
    """,
    )
    assert findings(*body) == expected
    path = tmp_path / "t.flow.yaml"
    path.write_text(HEAD + "".join(textwrap.dedent(part) for part in body), encoding="utf-8")
    if expected:  # replay, explore and the designer refuse it
        with pytest.raises(FlowError, match="bad-regex"):
            load_runnable_flow(path)
    else:  # and whatever passes runs
        engine = Engine(load_runnable_flow(path))
        conversation, _ = engine.start()
        assert engine.turn(conversation, "INV-123456").state == "done"


SMS_FLOW = """\
alur: 1
flow: paid_sms
channels: [sms]
start: paid
intents:
  talk_to_human: {handoff: true, examples: ["mau bicara dengan CS"]}
global:
  talk_to_human: handoff
fallback:
  then: handoff
  say: ["Balas CS untuk bicara dengan agen.", "Belum paham. Balas CS untuk bicara dengan agen."]
states:
  paid:
    say: "MESSAGE"
    next: done
  handoff: {escalate: true, say: "Kami hubungkan dengan agen."}
  done: {end: true, say: "Terima kasih!"}
"""


def test_one_emoji_that_alone_doubles_an_sms_is_named_with_the_parts_with_and_without_it():
    """Issue 11: a 116-character Indonesian message fits one GSM-7 SMS; one
    emoji makes it two UCS-2 parts, and the sender pays double."""
    text = "Pembayaran Anda sudah kami terima. Pesanan INV-88123 dikirim besok melalui JNE. Terima kasih sudah belanja di toko 🙏"
    assert len(text) == 116
    result = check_text(SMS_FLOW.replace("MESSAGE", text), "paid.flow.yaml")
    (warning,) = [d for d in result.diagnostics if d.code == "sms-segments"]
    assert (warning.line, warning.column) == (14, 10 + text.index("🙏") + 1)
    assert "'🙏' alone makes this SMS UCS-2: 2 billed parts with it, 1 without it" in warning.message
    clean = check_text(SMS_FLOW.replace("MESSAGE", text.removesuffix(" 🙏")), "paid.flow.yaml")
    assert [d for d in clean.diagnostics if d.code == "sms-segments"] == []


def test_a_text_that_stays_ucs2_without_one_character_is_not_blamed_on_it():
    text = "Pembayaran “diterima” ✅ Pesanan dikirim besok."  # curly quotes and a check mark: no single culprit
    result = check_text(SMS_FLOW.replace("MESSAGE", text), "paid.flow.yaml")
    assert [d for d in result.diagnostics if d.code == "sms-segments"] == []
