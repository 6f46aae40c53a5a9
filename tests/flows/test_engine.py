"""The engine: each state key and each turn rule of contract §1, on small flows."""

from __future__ import annotations

import sys
import textwrap
import types
from datetime import date

import pytest

from alur.flows.diagnostics import FlowError
from alur.flows.engine import ActionOutcomeError, ClassifierError, Engine, EngineError, FlowCycleError
from alur.flows.machine import compile_flow
from alur.flows.nlu import Lexicon
from alur.flows.plugins import PluginError, load_classifier, read_result
from alur.flows.validate import parse_flow


def flow(body: str, name: str = "test_flow"):
    return parse_flow(f"alur: 1\nflow: {name}\n" + textwrap.dedent(body))


SHOP = flow(
    """
    start: greet
    slots:
      order_id: {type: regex, pattern: "INV-[0-9]{6}"}
      otp: {type: otp, length: 6, sensitive: true}
    intents:
      check_order: {examples: ["cek pesanan", "where is my order"]}
      thanks: {examples: ["terima kasih", "thank you"]}
      talk_to_human: {handoff: true, examples: ["mau bicara dengan CS"]}
    global:
      talk_to_human: handoff
      thanks: done
    fallback: {max_retries: 2, then: handoff}
    states:
      greet:
        say: ["Halo! Ada yang bisa dibantu?", "Hai lagi! Ada yang bisa dibantu?"]
        buttons:
          - {title: "Cek pesanan", intent: check_order}
          - {title: "Bicara dengan CS", intent: talk_to_human}
        on:
          check_order: ask_order_id
      ask_order_id:
        say: "Kirim nomor pesanan (contoh INV-123456)."
        collect: order_id
        next: lookup
        fallback:
          max_retries: 1
          then: handoff
          say: ["Formatnya INV- lalu 6 angka.", "Coba salin dari aplikasi."]
      lookup:
        say: "Sebentar, saya cek dulu."
        action: lookup_order
        on:
          found: tell_status
          not_found: ask_order_id
          error: handoff
      tell_status:
        say: "Pesanan {order_id} sedang dikirim."
        next: done
      handoff:
        escalate: true
        say: "Mohon tunggu, kami hubungkan dengan agen."
      done:
        end: true
        say: "Terima kasih!"
    """
)


def trusting(f=SHOP, **kw) -> Engine:
    return Engine(f, trust_recorded_intents=True, **kw)


# -- opening, say, interpolation ------------------------------------------------


def test_the_bot_opens_by_saying_the_start_state_and_waits_there():
    conversation, step = Engine(SHOP).start()
    assert step.text == "Halo! Ada yang bisa dibantu?"
    assert step.messages[0].buttons == ("Cek pesanan", "Bicara dengan CS")
    assert (step.state, step.waiting, step.terminal, step.path, step.turn) == ("greet", True, False, ("greet",), None)
    assert conversation.state == "greet"


def test_say_variants_rotate_in_order_and_the_seed_shifts_them():
    engine = Engine(SHOP)
    conversation, first = engine.start()
    again = engine.turn(conversation, "halo")  # the customer opening the chat: greeted again
    assert [first.text, again.text] == ["Halo! Ada yang bisa dibantu?", "Hai lagi! Ada yang bisa dibantu?"]
    _, seeded = Engine(SHOP, seed=1).start()
    assert seeded.text == "Hai lagi! Ada yang bisa dibantu?"


def test_same_flow_and_input_always_give_the_same_steps():
    lines = ["halo", "cek pesanan", "nomornya lupa", "INV-123456", "makasih"]

    def run():
        engine = Engine(SHOP)
        conversation, step = engine.start(actions={"lookup_order": ["found"]})
        return [step] + [engine.turn(conversation, line) for line in lines]

    assert run() == run()


def test_slot_values_are_interpolated_and_unset_placeholders_left_visible():
    f = flow(
        """
        start: a
        slots: {name: {type: text}, city: {type: text}}
        states:
          a: {say: "Halo {name} dari {city}!", end: true}
        """
    )
    _, step = Engine(f).start(slots={"name": "Budi"})
    assert step.text == "Halo Budi dari {city}!"


# -- understanding a turn ---------------------------------------------------------


def test_a_recorded_intent_is_used_only_when_trusted():
    conversation, _ = trusting().start()
    assert trusting().turn(conversation, "zzz", recorded_intent="check_order").state == "ask_order_id"
    conversation, _ = Engine(SHOP).start()
    step = Engine(SHOP).turn(conversation, "zzz", recorded_intent="check_order")
    assert step.state == "greet" and step.intent is None


def test_a_reply_with_the_button_number_or_title_picks_the_button():
    engine = Engine(SHOP)
    for reply in ("1", "Cek pesanan"):
        conversation, _ = engine.start()
        step = engine.turn(conversation, reply)
        assert (step.state, step.intent, step.via, step.score) == ("ask_order_id", "check_order", "button", 1.0)
    conversation, _ = engine.start()
    assert engine.turn(conversation, "2").escalated


def test_a_plain_button_title_naming_an_intent_routes_on_that_intent():
    f = flow(
        """
        start: ask
        intents: {yes: {examples: ["iya"]}, no: {examples: ["tidak"]}}
        states:
          ask: {say: "Lanjut?", buttons: ["yes", "no"], on: {yes: ok, no: stop}}
          ok: {end: true}
          stop: {end: true}
        """
    )
    engine = Engine(f)
    conversation, _ = engine.start()
    assert engine.turn(conversation, "2").state == "stop"


def test_the_built_in_matcher_understands_an_example_phrase():
    engine = Engine(SHOP)
    conversation, _ = engine.start()
    step = engine.turn(conversation, "where is my order")
    assert (step.state, step.intent, step.via) == ("ask_order_id", "check_order", "nlu")
    assert 0 < step.score <= 1


# -- state on, collect, global, fallback --------------------------------------------


def test_collect_fills_the_slot_then_takes_next():
    engine = Engine(SHOP)
    conversation, _ = engine.start(actions={"lookup_order": ["found"]})
    engine.turn(conversation, "1")
    step = engine.turn(conversation, "nomornya INV-204518 ya")
    assert step.slots["order_id"] == "INV-204518"
    assert step.path == ("lookup", "tell_status", "done")
    assert step.events == ("slot:order_id", "action:lookup_order=found", "ended")
    assert [m.text for m in step.messages] == [
        "Sebentar, saya cek dulu.",
        "Pesanan INV-204518 sedang dikirim.",
        "Terima kasih!",
    ]
    assert step.ended and step.terminal and not step.waiting


def test_state_routes_come_before_collect_and_collect_before_global():
    f = flow(
        """
        start: ask
        slots: {note: {type: text}}
        intents:
          skip: {examples: ["lewati saja"]}
          bye: {examples: ["sampai jumpa"]}
        global: {bye: gone, skip: gone}
        states:
          ask: {say: "Catatan?", collect: note, next: saved, on: {skip: skipped}}
          saved: {end: true}
          skipped: {end: true}
          gone: {end: true}
        """
    )
    engine = trusting(f)
    conversation, _ = engine.start()
    assert engine.turn(conversation, "apa saja", recorded_intent="skip").state == "skipped"  # state `on` beats global
    conversation, _ = engine.start()
    step = engine.turn(conversation, "sampai jumpa", recorded_intent="bye")
    assert step.state == "saved" and step.slots == {"note": "sampai jumpa"}  # a text slot takes it before global
    f2 = flow(
        """
        start: ask
        slots: {n: {type: number}}
        intents: {bye: {examples: ["sampai jumpa"]}}
        global: {bye: gone}
        states:
          ask: {say: "Berapa?", collect: n, next: saved}
          saved: {end: true}
          gone: {end: true}
        """
    )
    engine = trusting(f2)
    conversation, _ = engine.start()
    assert engine.turn(conversation, "sampai jumpa", recorded_intent="bye").state == "gone"  # not a number: global


def test_fallback_reprompts_max_retries_times_then_goes_to_then():
    engine = Engine(SHOP)
    conversation, _ = engine.start()
    engine.turn(conversation, "halo")  # opening: no retry
    first = engine.turn(conversation, "qwerty")
    second = engine.turn(conversation, "asdfgh")
    third = engine.turn(conversation, "zxcvbn")
    assert (first.retries, first.events, first.state) == (1, ("no_match", "retry"), "greet")
    assert (second.retries, second.state) == (2, "greet")
    assert first.text == "Halo! Ada yang bisa dibantu?" and second.text == "Hai lagi! Ada yang bisa dibantu?"
    assert third.events == ("no_match", "fallback", "escalated") and third.state == "handoff"


def test_a_state_fallback_overrides_the_flows_and_its_say_variants_rotate():
    engine = Engine(SHOP)
    conversation, _ = engine.start()
    engine.turn(conversation, "1")
    first = engine.turn(conversation, "gak tau")
    second = engine.turn(conversation, "gak tau juga")
    assert first.text == "Formatnya INV- lalu 6 angka." and first.retries == 1
    assert second.state == "handoff"  # max_retries 1: the 2nd failure goes to `then`


def test_the_retry_count_resets_when_the_state_changes():
    engine = Engine(SHOP)
    conversation, _ = engine.start(actions={"lookup_order": ["not_found"]})
    engine.turn(conversation, "1")
    assert engine.turn(conversation, "???").retries == 1
    step = engine.turn(conversation, "INV-111111")  # lookup → not_found → back to ask_order_id
    assert step.state == "ask_order_id" and step.retries == 0
    assert step.path == ("lookup", "ask_order_id")


def test_only_the_very_first_turn_is_an_opening():
    engine = Engine(SHOP)
    conversation, _ = engine.start()
    assert engine.turn(conversation, "halo").events == ("opening",)
    assert engine.turn(conversation, "halo").events == ("no_match", "retry")
    conversation, _ = engine.start(state="greet")  # run from a chosen state: no opening
    assert engine.turn(conversation, "halo").events == ("no_match", "retry")


def test_without_then_the_bot_reprompts_forever():
    f = flow(
        """
        start: ask
        intents: {ok: {examples: ["oke"]}}
        fallback: {max_retries: 1}
        states:
          ask: {say: "Oke?", on: {ok: fine}}
          fine: {end: true}
        """
    )
    engine = Engine(f)
    conversation, _ = engine.start(state="ask")
    steps = [engine.turn(conversation, "hmm") for _ in range(4)]
    assert [s.retries for s in steps] == [1, 2, 3, 4] and all(s.state == "ask" and "retry" in s.events for s in steps)


# -- handoff requests ------------------------------------------------------------------


def test_a_built_in_handoff_phrase_follows_the_flows_handoff_intent():
    engine = Engine(SHOP)
    conversation, _ = engine.start()
    step = engine.turn(conversation, "saya mau ngomong sama orang asli aja, agen manusia")
    assert step.escalated and step.state == "handoff"
    assert "handoff_request" in step.events and step.intent == "talk_to_human"


def test_a_handoff_request_is_never_taken_as_a_slot_value():
    f = flow(
        """
        start: ask
        slots: {complaint: {type: text}}
        intents: {human: {handoff: true, examples: ["minta agen"]}}
        global: {human: agent}
        states:
          ask: {say: "Ceritakan masalahnya.", collect: complaint, next: thanks}
          thanks: {end: true}
          agent: {escalate: true}
        """
    )
    engine = Engine(f)
    conversation, _ = engine.start(state="ask")
    step = engine.turn(conversation, "I want to talk to a human agent")
    assert step.state == "agent" and "complaint" not in step.slots


def test_a_state_route_for_the_handoff_intent_wins_over_global():
    f = flow(
        """
        start: ask
        intents:
          human: {handoff: true, examples: ["minta agen"]}
          ok: {examples: ["oke"]}
        global: {human: agent}
        states:
          ask: {say: "Oke?", on: {ok: done, human: confirm_agent}}
          confirm_agent: {say: "Yakin?", on: {ok: agent}}
          done: {end: true}
          agent: {escalate: true}
        """
    )
    engine = Engine(f)
    conversation, _ = engine.start(state="ask")
    assert engine.turn(conversation, "tolong sambungkan ke operator").state == "confirm_agent"


def test_a_handoff_request_the_flow_cannot_route_is_reported_and_falls_back():
    f = flow(
        """
        start: ask
        intents: {ok: {examples: ["oke"]}}
        states:
          ask: {say: "Oke?", on: {ok: done}}
          done: {end: true}
        """
    )
    engine = Engine(f)
    conversation, _ = engine.start(state="ask")
    step = engine.turn(conversation, "I want a real person")
    assert step.events == ("handoff_request", "no_match", "retry") and step.state == "ask"


# -- moving on through states that do not wait ----------------------------------------


def test_actions_take_outcomes_in_order_and_route_on_them():
    engine = Engine(SHOP)
    conversation, _ = engine.start(actions={"lookup_order": ["not_found", "found"]})
    engine.turn(conversation, "1")
    assert engine.turn(conversation, "INV-000001").state == "ask_order_id"
    step = engine.turn(conversation, "INV-000002")
    assert "action:lookup_order=found" in step.events and step.state == "done"


def test_an_action_with_no_outcome_left_names_the_action_and_turn_and_changes_nothing():
    engine = Engine(SHOP)
    conversation, _ = engine.start(actions={"lookup_order": []})
    engine.turn(conversation, "1")
    before = conversation.snapshot()
    with pytest.raises(ActionOutcomeError) as caught:
        engine.turn(conversation, "INV-123456")
    error = caught.value
    assert (error.action, error.turn, error.state) == ("lookup_order", 1, "lookup")
    assert "lookup_order" in str(error) and "user turn 1" in str(error) and "found, not_found, error" in str(error)
    assert conversation.snapshot() == before


def test_ask_outcome_is_asked_when_no_outcome_is_left():
    asked = []

    def ask(action, state, routed):
        asked.append((action, state, routed))
        return "error"

    engine = Engine(SHOP)
    conversation, _ = engine.start(ask_outcome=ask)
    engine.turn(conversation, "1")
    assert engine.turn(conversation, "INV-123456").escalated
    assert asked == [("lookup_order", "lookup", ("found", "not_found", "error"))]


def test_an_unrouted_outcome_takes_next_else_stops_in_a_dead_end():
    f = flow(
        """
        start: pay
        states:
          pay: {action: charge, on: {paid: ok}, next: sorry}
          check: {action: verify, on: {valid: ok}}
          sorry: {say: "Gagal.", escalate: true}
          ok: {end: true}
        """
    )
    engine = Engine(f)
    _, step = engine.start(actions={"charge": ["declined"]})
    assert step.state == "sorry" and step.events == ("action:charge=declined", "escalated")
    conversation, step = engine.start(state="check", actions={"verify": ["timeout"]})
    assert step.events == ("action:verify=timeout", "dead_end")
    assert (step.state, step.waiting, step.terminal) == ("check", False, False)
    assert engine.turn(conversation, "halo?").events == ("dead_end",)


def test_a_state_with_only_say_is_a_dead_end():
    f = flow("start: a\nstates:\n  a: {say: 'Halo.'}\n")
    _, step = Engine(f).start()
    assert step.events == ("dead_end",) and not step.waiting and not step.terminal


def test_conditions_pick_the_first_route_whose_if_holds():
    f = flow(
        """
        start: ask
        slots: {amount: {type: number}}
        states:
          ask: {say: "Berapa?", collect: amount, next: check}
          check:
            action: limit
            on:
              - {event: ok, if: "amount >= 1000000", goto: big}
              - {event: ok, goto: small}
          big: {end: true, say: "Besar"}
          small: {end: true, say: "Kecil"}
        """
    )
    engine = Engine(f)
    for amount, expected in (("2000000", "big"), ("5000", "small")):
        conversation, _ = engine.start(actions={"limit": ["ok"]})
        assert engine.turn(conversation, amount).state == expected


def test_conditional_intent_routes_fall_through_when_their_condition_fails():
    f = flow(
        """
        start: ask
        slots: {vip: {type: text}}
        intents: {go: {examples: ["lanjut"]}}
        global: {go: normal}
        states:
          ask:
            say: "?"
            on:
              - {intent: go, if: "vip is set", goto: priority}
          priority: {end: true}
          normal: {end: true}
        """
    )
    engine = trusting(f)
    conversation, _ = engine.start(slots={"vip": "gold"})
    assert engine.turn(conversation, "", recorded_intent="go").state == "priority"
    conversation, _ = engine.start()
    assert engine.turn(conversation, "", recorded_intent="go").state == "normal"


def test_a_cycle_of_states_that_never_wait_is_an_error_not_a_hang():
    f = flow(
        """
        start: a
        states:
          a: {say: "A", next: b}
          b: {say: "B", next: a}
        """
    )
    with pytest.raises(FlowCycleError) as caught:
        Engine(f).start()
    assert caught.value.states == ("a", "b", "a") and "a -> b -> a" in str(caught.value)


def test_an_action_loop_stops_at_the_move_limit():
    f = flow(
        """
        start: retry
        states:
          retry: {action: ping, on: {fail: retry, ok: done}}
          done: {end: true}
        """
    )
    with pytest.raises(FlowCycleError, match="without reaching a state that waits"):
        Engine(f, max_moves=50).start(ask_outcome=lambda action, state, routed: "fail")


# -- terminal states, snapshots ------------------------------------------------------


def test_turns_after_the_end_change_nothing():
    engine = trusting()
    conversation, _ = engine.start()
    step = engine.turn(conversation, "", recorded_intent="thanks")
    assert step.ended and step.events == ("ended",)
    after = engine.turn(conversation, "halo?")
    assert after.events == ("after_end",) and after.messages == () and after.state == "done" and after.turn == 1


def test_snapshot_and_restore_go_back_exactly():
    engine = Engine(SHOP)
    conversation, _ = engine.start(actions={"lookup_order": ["found"]})
    engine.turn(conversation, "1")
    saved = conversation.snapshot()
    expected = engine.turn(conversation, "INV-123456")
    conversation.restore(saved)
    assert conversation.state == "ask_order_id" and "order_id" not in conversation.slots
    assert engine.turn(conversation, "INV-123456") == expected


def test_sensitive_values_are_listed_for_masking_but_kept_in_the_data():
    engine = Engine(SHOP)
    assert engine.sensitive_values({"otp": "123456", "order_id": "INV-1"}) == ("123456",)
    assert engine.is_sensitive("otp") and not engine.is_sensitive("order_id")


# -- the Machine ---------------------------------------------------------------------------


def test_one_machine_per_flow_without_auto_transitions_or_registered_models():
    a, b = Engine(SHOP), Engine(SHOP, seed=3)
    assert a.machine is b.machine and compile_flow(SHOP) is a.compiled
    assert not any(name.startswith("to_") for name in a.machine.events)
    conversation, _ = a.start()
    b.turn(conversation, "1")
    assert a.machine.models == []  # conversations are never add_model-ed


def test_a_flow_with_undefined_references_is_refused_with_positions():
    f = flow(
        """
        start: a
        states:
          a: {say: "x", collect: nope, next: missing}
        """
    )
    with pytest.raises(FlowError) as caught:
        Engine(f)
    messages = [str(d) for d in caught.value.diagnostics]
    assert messages == [
        "<text>:6:38: error undefined-state state 'a' has `next: missing`, which is not defined",
        "<text>:6:26: error undefined-slot state 'a' collects slot 'nope', which is not declared under `slots`",
    ]


def test_starting_in_an_unknown_state_is_a_clear_error():
    with pytest.raises(EngineError, match="no state 'nowhere'"):
        Engine(SHOP).start(state="nowhere")


# -- plug-in classifiers -----------------------------------------------------------------


def test_a_plugin_classifier_replaces_the_matcher():
    engine = Engine(SHOP, classifier=lambda text: ("check_order", 0.42) if "paket" in text else None)
    conversation, _ = engine.start()
    step = engine.turn(conversation, "paket saya di mana")
    assert (step.state, step.intent, step.score, step.via) == ("ask_order_id", "check_order", 0.42, "plugin")


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (None, (None, None)),
        ("thanks", ("thanks", 1.0)),
        (("thanks", 0.5), ("thanks", 0.5)),
        ({"intent": "thanks", "score": 0.7}, ("thanks", 0.7)),
        (types.SimpleNamespace(intent="thanks", score=0.9), ("thanks", 0.9)),
    ],
)
def test_classifier_answers_in_every_documented_shape(answer, expected):
    assert read_result(answer) == expected


def test_a_broken_classifier_is_an_engine_error_naming_the_turn():
    engine = Engine(SHOP, classifier=lambda text: 42)
    conversation, _ = engine.start()
    with pytest.raises(ClassifierError, match="user turn 0"):
        engine.turn(conversation, "x")

    def crash(text):
        raise RuntimeError("model server down")

    conversation, _ = Engine(SHOP, classifier=crash).start()
    with pytest.raises(ClassifierError, match="model server down"):
        Engine(SHOP, classifier=crash).turn(conversation, "x")


def test_load_classifier_by_module_and_function(monkeypatch):
    module = types.ModuleType("acme_nlu_test")
    module.classify = lambda text: "thanks"
    monkeypatch.setitem(sys.modules, "acme_nlu_test", module)
    assert load_classifier("acme_nlu_test:classify")("x") == "thanks"
    with pytest.raises(PluginError, match="has no 'nothing'"):
        load_classifier("acme_nlu_test:nothing")
    with pytest.raises(PluginError, match="cannot import"):
        load_classifier("no_such_module_xyz:f")
    with pytest.raises(PluginError, match="no NLU plug-in named 'acme'"):
        load_classifier("acme")


def test_a_flow_with_a_broken_regex_is_refused_before_any_turn():
    f = flow(
        """
        start: a
        slots: {code: {type: regex, pattern: "INV-[0-9"}}
        states:
          a: {say: "x", collect: code, next: b}
          b: {end: true}
        """
    )
    with pytest.raises(FlowError, match="slot 'code': pattern 'INV-\\[0-9' is not a valid regular expression"):
        Engine(f)


def test_a_list_button_menu_keeps_its_label_and_rows_on_the_message():
    f = flow(
        """
        start: menu
        intents: {a: {examples: ["satu"]}}
        states:
          menu:
            say: "Pilih layanan"
            list_button: "Lihat menu"
            buttons: [{title: "Satu", intent: a, description: "yang pertama"}, "Dua"]
            on: {a: done}
          done: {end: true}
        """
    )
    engine = Engine(f)
    conversation, step = engine.start()
    assert (step.messages[0].list_button, step.messages[0].buttons) == ("Lihat menu", ("Satu", "Dua"))
    assert engine.turn(conversation, "1").state == "done"


# -- what messages show, and what the slots keep ----------------------------------------------

PLAN = """
    locale: {locale}
    start: ask_amount
    slots:
      amount: {{type: money}}
      day: {{type: date}}
      pin: {{type: money, sensitive: true}}
      code: {{type: regex, pattern: "(?i)inv-[0-9]{{6}}"}}
    states:
      ask_amount: {{say: "Berapa?", collect: amount, next: ask_day}}
      ask_day: {{say: "Kapan?", collect: day, next: confirm}}
      confirm:
        say: "Bayar Rp{{amount}} paling lambat {{day}}."
        on:
          - {{event: ok, if: "amount >= 500000", goto: done}}
        action: note
      done: {{end: true, say: "Tercatat."}}
    """


@pytest.mark.parametrize(
    ("locale", "said"),
    [
        ("id-ID", "Bayar Rp500.000 paling lambat 30 Agustus 2025."),
        ("en-US", "Bayar Rp500,000 paling lambat August 30, 2025."),
    ],
)
def test_messages_show_money_and_dates_in_the_flows_locale_and_slots_keep_the_value(locale, said):
    f = flow(PLAN.format(locale=locale))
    engine = Engine(f, today=date(2025, 8, 14))
    conversation, _ = engine.start(actions={"note": ["ok"]})
    engine.turn(conversation, "500rb")
    step = engine.turn(conversation, "30/08/2025")
    assert step.messages[0].text == said
    assert step.slots == {"amount": 500000, "day": "2025-08-30"}  # conditions, tests and reports see these
    assert step.state == "done"  # the condition compared the number


def test_a_sensitive_amount_is_masked_as_kept_and_as_shown():
    engine = Engine(flow(PLAN.format(locale="id-ID")))
    assert engine.sensitive_values({"pin": 1500000}) == ("1500000", "1.500.000")


def test_a_regex_slot_with_a_global_flag_runs():
    """It passed `alur check` and used to crash the engine on the first turn."""
    f = flow(
        """
        start: ask
        slots: {code: {type: regex, pattern: "(?i)inv-[0-9]{6}"}}
        states:
          ask: {say: "Nomor?", collect: code, next: done}
          done: {end: true, say: "Pesanan {code}."}
        """
    )
    engine = Engine(f)
    conversation, _ = engine.start()
    assert engine.turn(conversation, "nomornya INV-123456 kak").text == "Pesanan INV-123456."


def test_collecting_without_next_leaves_the_bot_silent():
    """What `collect-without-next` warns about."""
    f = flow(
        """
        start: ask
        slots: {amount: {type: money}}
        intents: {pay: {examples: ["bayar"]}}
        states:
          ask:
            say: "Berapa?"
            collect: amount
            on: [{intent: pay, if: "amount is set", goto: done}]
          done: {end: true, say: "Diproses."}
        """
    )
    engine = Engine(f)
    conversation, _ = engine.start()
    step = engine.turn(conversation, "500rb")
    assert (step.state, step.messages, step.slots) == ("ask", (), {"amount": 500000})


# -- a project's own word lists -------------------------------------------------------------


def test_an_engine_reads_turns_with_the_lexicon_it_is_given(tmp_path):
    (tmp_path / "slang.txt").write_text("cek pesanan: cekpes\n", encoding="utf-8")
    (tmp_path / "handoff.txt").write_text("# store staff\nmandor gudang\n", encoding="utf-8")
    lexicon = Lexicon.builtin().extended(slang=[tmp_path / "slang.txt"], handoff_phrases=[tmp_path / "handoff.txt"])
    plain, extended = Engine(SHOP), Engine(SHOP, lexicon=lexicon)
    for engine, state in ((plain, "greet"), (extended, "ask_order_id")):
        conversation, _ = engine.start()
        engine.turn(conversation, "halo")
        assert engine.turn(conversation, "cekpes").state == state
    for engine, state in ((plain, "greet"), (extended, "handoff")):
        conversation, _ = engine.start()
        engine.turn(conversation, "halo")
        assert engine.turn(conversation, "mau sama mandor gudang").state == state
    assert plain.matcher is compile_flow(SHOP).matcher  # the default path shares the flow's matcher


@pytest.mark.parametrize("slot", ['{type: regex, pattern: ""}', "{type: regex}", '{type: regex, pattern: "x(?i)y"}'])
def test_a_regex_slot_that_cannot_run_is_refused_before_any_turn(slot):
    """For library callers who did not check the flow first (commands do)."""
    f = flow(f"start: a\nslots: {{c: {slot}}}\nstates:\n  a: {{say: x, collect: c, next: b}}\n  b: {{end: true}}\n")
    with pytest.raises(FlowError, match="bad-regex slot 'c'"):
        Engine(f)
