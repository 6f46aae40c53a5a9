"""The audit detectors on recorded conversations: what a designer would call
a loop, a missing escalation and a customer abandoned, and what they would not."""

from __future__ import annotations

import inspect
from dataclasses import replace
from pathlib import Path

import pytest

from alur.runner.audit import DETECTORS, AuditConfig, Auditor, get_detector, message_key
from alur.runner.findings import FINDING_KINDS
from alur.runner.phrases import PhraseBook
from alur.runner.transcripts import Conversation

MENU = "Pilih menu: 1. Cek pesanan 2. Pembayaran 3. Lainnya"
SORRY = "Maaf, saya tidak mengerti. Silakan pilih menu 1, 2 atau 3."


def conv(*turns: tuple[str, str] | tuple[str, str, str]) -> Conversation:
    out = []
    for turn in turns:
        item = {"role": turn[0], "text": turn[1]}
        if len(turn) == 3:
            item["state"] = turn[2]
        out.append(item)
    return Conversation("c-1", out, "t.jsonl:1")


def audit(conversation: Conversation, **settings: object) -> list[tuple[str, int]]:
    config = replace(AuditConfig(), **settings) if settings else AuditConfig()
    return [(f.kind, f.turn) for f in Auditor(config).audit(conversation).findings]


# --------------------------------------------------------------------------- loop


def test_a_menu_shown_three_times_to_a_customer_typing_freely_is_a_loop() -> None:
    c = conv(
        ("user", "halo"),
        ("bot", MENU, "menu"),
        ("user", "saya mau refund"),
        ("bot", MENU, "menu"),
        ("user", "refund uang saya dong"),
        ("bot", MENU, "menu"),
    )
    (finding,) = Auditor(AuditConfig()).audit(c).findings
    assert (finding.kind, finding.turn, finding.state) == ("loop", 5, "menu")
    assert "bot repeated 'Pilih menu: 1. Cek pesanan 2…' 3 times" in finding.message
    assert [t.index for t in finding.excerpt] == [2, 3, 4, 5]


def test_a_menu_shown_again_after_each_menu_number_the_bot_did_not_take_is_a_loop() -> None:
    """Customers pick from numbered menus by typing a number; a bare "4", "5",
    "0" the bot answers with the same menu is no progress. Nor is a new value
    answered with the same refusal: the bot accepted none of them."""
    menu = "Pilih menu: 1 Saldo 2 Kartu 3 CS"
    assert audit(
        conv(("bot", menu), ("user", "4"), ("bot", menu), ("user", "5."), ("bot", menu), ("user", "0"), ("bot", menu))
    ) == [("loop", 4)]
    assert audit(conv(("bot", menu), ("user", "(4)\n"), ("bot", menu), ("user", "pilih 5"), ("bot", menu))) == [
        ("loop", 4)
    ]
    none = "No apartment matches your search. Would you like to change any of your criteria?"
    assert audit(
        conv(("bot", none), ("user", "try 5 bedrooms"), ("bot", none), ("user", "then 4 bedrooms"), ("bot", none))
    ) == [("loop", 4)]


def test_new_values_the_bot_answers_with_the_same_prompt_are_a_loop() -> None:
    """Issue 11: four account numbers, each answered with the same prompt: the
    bot accepted none of them, so the customer is trapped (at the third)."""
    ask = ("bot", "Please enter your 10-digit account number.")
    c = conv(
        ask, ("user", "12345"), ask, ("user", "1234567"), ask, ("user", "123456789"), ask, ("user", "9876543"), ask
    )
    (finding,) = Auditor(AuditConfig()).audit(c).findings
    assert (finding.kind, finding.turn) == ("loop", 4)
    assert "(turns 0, 2, 4): the customer's replies were not taken up" in finding.message


def test_the_same_message_in_other_case_spacing_punctuation_or_emoji_is_the_same_thing() -> None:
    assert message_key("Pilih menu:  1. Cek pesanan!") == message_key("pilih MENU 1 cek pesanan 🙏")
    c = conv(
        ("bot", "Kirim nomor pesanan Anda."),
        ("user", "hah"),
        ("bot", "kirim nomor pesanan anda!"),
        ("user", "??"),
        ("bot", "Kirim  nomor pesanan Anda 🙏"),
    )
    # the customer's "??" answered by the third repeat ends the log: left in the loop
    assert audit(c) == [("loop", 4), ("dead_end", 4)]


@pytest.mark.parametrize("with_error_message", [False, True])
def test_a_wrong_otp_entered_once_then_the_right_one_is_not_a_loop(with_error_message: bool) -> None:
    ask = ("bot", "Masukkan kode OTP yang kami kirim ke nomor Anda.")
    turns: list[tuple[str, str]] = [("user", "cek saldo"), ask, ("user", "482913")]
    if with_error_message:
        turns.append(("bot", "Kode OTP salah."))
    turns += [ask, ("user", "482193"), ("bot", "Terverifikasi. Saldo Anda Rp 1.250.000.")]
    assert audit(conv(*turns)) == []


@pytest.mark.parametrize("with_error_message", [False, True])
def test_a_prompt_a_third_time_is_a_loop_even_if_a_later_value_succeeds(with_error_message: bool) -> None:
    """The labelling rubric: the same prompt a third time with nothing
    accepted is a loop at the third, whatever happens after; a "wrong code"
    message between is a refusal, not progress."""
    ask = ("bot", "Masukkan kode OTP yang kami kirim ke nomor Anda.")
    turns: list[tuple[str, str]] = [("user", "cek saldo"), ask]
    for code in ("482913", "482931"):
        turns.append(("user", code))
        if with_error_message:
            turns.append(("bot", "Kode OTP salah."))
        turns.append(ask)
    turns += [("user", "482193"), ("bot", "Terverifikasi. Saldo Anda Rp 1.250.000.")]
    assert audit(conv(*turns)) == [("loop", len(turns) - 3)]


def test_the_same_wrong_code_again_and_again_is_a_loop() -> None:
    ask = ("bot", "Masukkan kode OTP.")
    c = conv(ask, ("user", "482913"), ask, ("user", "482913"), ask, ("user", "482913"), ask)
    assert audit(c) == [("loop", 4)]


def test_the_same_template_with_new_details_is_not_a_repeat() -> None:
    c = conv(
        ("user", "cuaca Jakarta?"),
        ("bot", "Cuaca di Jakarta: cerah, 31°C."),
        ("user", "Bandung?"),
        ("bot", "Cuaca di Bandung: hujan, 22°C."),
        ("user", "Bogor?"),
        ("bot", "Cuaca di Bogor: hujan, 24°C."),
    )
    assert audit(c) == []


def test_anything_else_after_each_new_answer_is_not_a_loop() -> None:
    anything = ("bot", "Is there anything else I can help with?")
    c = conv(
        ("user", "where is my order INV-100200"),
        ("bot", "It is on its way, arriving Friday."),
        anything,
        ("user", "and my refund?"),
        ("bot", "Your refund was paid on Monday."),
        anything,
        ("user", "can I change my address"),
        ("bot", "Yes, in the app under Profile."),
        anything,
    )
    assert audit(c) == []


def test_the_same_refusal_for_each_new_request_is_a_loop() -> None:
    """Numbers may differ: "flight 52" and "flight 869" not available is the
    same refusal read again."""
    failed = ("bot", "Sorry, the restaurant cannot take your booking.")
    c = conv(
        ("user", "book The Porch for 7 pm"), failed, ("user", "what about 8 pm"), failed, ("user", "then 9 pm"), failed
    )
    assert audit(c) == [("loop", 5)]
    gone = [("bot", f"Sorry, but the flight with id '{n}' is not available any more.") for n in (52, 869, 17)]
    c = conv(
        ("user", "flight 52"), gone[0], ("user", "869 then"), gone[1], ("user", "17?"), gone[2], ("user", "ok thanks")
    )
    assert audit(c) == [("loop", 5)]


def test_goodbyes_answering_thanks_and_byes_are_not_a_loop() -> None:
    bye = ("bot", "Terima kasih, sampai jumpa!")
    c = conv(("user", "itu saja"), bye, ("user", "makasih ya kak"), bye, ("user", "bye"), bye, ("user", "dadah"), bye)
    assert audit(c) == []


def test_did_not_understand_three_times_is_a_loop_a_missing_escalation_and_a_dead_end() -> None:
    c = conv(
        ("user", "pesanan saya rusak"),
        ("bot", SORRY, "fallback"),
        ("user", "barangnya pecah waktu sampai"),
        ("bot", SORRY, "fallback"),
        ("user", "gimana ini refundnya"),
        ("bot", SORRY, "fallback"),
    )
    # the log ends with the bot not understanding the customer: no way forward
    assert audit(c) == [("loop", 5), ("missing_escalation", 5), ("dead_end", 5)]


HELLO = ("bot", "I am your bank assistant.")


def test_a_new_answer_between_did_not_understand_replies_is_progress() -> None:
    """A task done between two "I don't understand"s moved the conversation on
    (labelled so on real conversations): the count starts again."""
    booked = ("bot", "Great, your appointment with Dr. Morgan is booked for you!")
    c = conv(
        ("user", "my son needs a vaccine"),
        ("bot", SORRY),
        ("user", "can you book for my son?"),
        ("bot", SORRY),
        ("user", "book my appointment then"),
        booked,
        ("user", "and my son?"),
        ("bot", SORRY),
        ("user", "ok thanks bye"),
    )
    assert audit(c) == []


def test_a_long_run_of_the_same_did_not_understand_reply_is_one_loop() -> None:
    turns = [t for n in range(6) for t in (("user", f"x{n}"), ("bot", SORRY))]
    assert [f for f in audit(conv(*turns)) if f[0] == "loop"] == [("loop", 5)]


def test_different_did_not_understand_replies_are_not_the_same_reply() -> None:
    other = ("bot", "I don't understand, please rephrase.")
    c = conv(
        ("user", "a"),
        ("bot", SORRY),
        ("user", "b"),
        other,
        ("user", "c"),
        HELLO,
        ("user", "d"),
        ("bot", SORRY),
        ("user", "e"),
        other,
    )
    assert [k for k, _ in audit(c) if k == "loop"] == []


def test_an_agent_ends_a_did_not_understand_loop_but_a_goodbye_does_not() -> None:
    """Only a message repeated *only* to the customer's goodbyes is no trap
    (rubric); a third "I don't understand" to a goodbye, after two to
    questions, is the same loop going on (labelled so: star-3445)."""
    start = [("user", "x1"), ("bot", SORRY), ("user", "x2"), ("bot", SORRY)]
    assert (
        audit(conv(*start, ("agent", "Halo, saya Rina."), ("user", "x4"), ("bot", SORRY), ("user", "ok makasih"))) == []
    )
    assert [k for k, _ in audit(conv(*start, ("user", "ok makasih, bye"), ("bot", SORRY))) if k == "loop"] == ["loop"]
    bye = ("bot", "Thank you and goodbye.")
    served = [("user", "saldo?"), ("bot", "Saldo Anda Rp 1.250.000."), ("user", "makasih"), bye]
    assert audit(conv(*served, ("user", "bye"), bye, ("user", "🙏🙏"), bye)) == []
    missing = [
        ("user", "someone took $500"),
        ("bot", "I cannot authenticate you."),
        ("user", "I am missing money"),
        bye,
    ]
    assert ("loop", 7) in audit(conv(*missing, ("user", "I am still confused"), bye, ("user", "goodbye"), bye))


def test_an_agent_turn_ends_a_loop() -> None:
    c = conv(
        ("bot", MENU),
        ("user", "refund"),
        ("bot", MENU),
        ("agent", "Halo, saya Rina dari tim CS."),
        ("user", "refund"),
        ("bot", MENU),
    )
    assert audit(c) == []


def test_the_loop_threshold_is_configurable() -> None:
    c = conv(("bot", MENU), ("user", "refund"), ("bot", MENU), ("user", "refund!!"), ("bot", MENU))
    assert audit(c, loop_threshold=4) == []
    assert audit(c, loop_threshold=2) == [("loop", 2)]


# --------------------------------------------------------------------------- missing escalation


def test_a_handoff_request_the_bot_only_answers_is_a_missing_escalation() -> None:
    c = conv(
        ("bot", MENU, "menu"),
        ("user", "mau ngomong sama CS aja"),
        ("bot", "Mohon tunggu, kami hubungkan dengan agen kami.", "handoff"),
        ("user", "halo?? pesanan saya belum sampai seminggu"),  # more than a ping while waiting
        ("agent", "Halo, saya Rina."),
    )
    (finding,) = Auditor(AuditConfig()).audit(c).findings
    assert (finding.kind, finding.turn, finding.state) == ("missing_escalation", 1, "menu")
    assert "'mau ngomong sama CS aja'" in finding.message


def test_an_agent_after_the_bot_announces_the_handoff_is_an_escalation() -> None:
    c = conv(
        ("user", "agent please"),
        ("bot", "Connecting you to an agent."),
        ("system", "queued"),
        ("agent", "Hi, this is Rina."),
    )
    assert audit(c) == []


def test_a_request_sent_in_pieces_waits_for_the_reply_to_the_last_piece() -> None:
    c = conv(("user", "mau ke CS"), ("user", "sekarang ya"), ("agent", "Halo kak, dengan Rina."))
    assert audit(c) == []


def test_a_request_as_the_last_turn_is_unanswered() -> None:
    assert audit(conv(("bot", MENU), ("user", "operator"))) == [("missing_escalation", 1)]


@pytest.mark.parametrize(
    "announcement",
    [
        ("bot", "Mohon tunggu, kami hubungkan dengan agen."),
        ("bot", "Oke kak, aku sambungkan ke tim CS ya 🙋"),
        ("bot", "Please hold on, I'm transferring you to a colleague."),
        ("bot", "One moment please.", "handoff"),
    ],
)
def test_a_log_that_ends_with_the_bot_announcing_the_handoff_is_no_finding(announcement: tuple[str, ...]) -> None:
    """The agent's part of such a conversation is logged by another system."""
    assert audit(conv(("user", "mau ke CS"), announcement)) == []
    assert audit(conv(("user", "mau ke CS"), announcement, ("user", "halo?? kok ga ada yg bales"))) == [
        ("missing_escalation", 0)
    ]


@pytest.mark.parametrize(
    "reply",
    [
        [("bot", "Mohon tunggu, kami hubungkan dengan agen."), ("bot", "Maaf, agen tidak tersedia, coba lagi besok.")],
        [("bot", "Maaf, kami tidak dapat menghubungkan dengan agen saat ini.")],
        [("bot", "Sorry, an agent is not available right now.")],
        [("bot", "Would you like me to connect you to a live agent?")],
        [("bot", "I had trouble connecting you.")],
        [("bot", "One moment.", "agent_offline")],
        [("bot", "Masukkan nominal transfer.", "transfer_amount")],
    ],
)
def test_a_handoff_refused_offered_or_taken_back_at_the_end_of_a_log_is_missing(reply: list[tuple[str, ...]]) -> None:
    assert audit(conv(("user", "mau ke CS"), *reply)) == [("missing_escalation", 0)]


def test_a_log_that_ends_after_a_request_the_bot_ignored_says_the_customer_left() -> None:
    (finding,) = Auditor(AuditConfig()).audit(conv(("user", "mau ke CS"), ("bot", "Silakan pilih menu 1-3."))).findings
    assert finding.kind == "missing_escalation" and "before the conversation ended" in finding.message


def test_announcements_added_under_transfer_count(tmp_path: Path) -> None:
    phrases = tmp_path / "ours.txt"
    phrases.write_text("[transfer]\ntiket anda sudah kami buat\n")
    c = conv(("user", "mau ke CS"), ("bot", "Tiket Anda sudah kami buat."))
    assert audit(c) == [("missing_escalation", 0)]
    assert audit(c, phrases=PhraseBook.builtin().extended_from_file(phrases)) == []


def test_addressing_the_bot_as_admin_is_not_a_request() -> None:
    c = conv(
        ("user", "halo min, pesanan saya belum sampai"), ("bot", "Kirim nomor pesanan Anda."), ("user", "INV-123456")
    )
    assert audit(c) == []


def test_asking_again_and_again_is_one_finding_at_the_first_request() -> None:
    c = conv(
        ("user", "agent"),
        ("bot", MENU),
        ("user", "AGENT"),
        ("bot", MENU),
        ("user", "real person please"),
        ("bot", MENU),
    )
    findings = Auditor(AuditConfig()).audit(c).findings
    assert [(f.kind, f.turn) for f in findings if f.kind == "missing_escalation"] == [("missing_escalation", 0)]
    assert "(3 times)" in findings[0].message


def test_a_request_while_talking_to_an_agent_is_not_one() -> None:
    c = conv(
        ("agent", "Halo, saya Rina."),
        ("user", "mbak, saya mau bicara dengan manusia, bukan bot"),
        ("agent", "Iya kak, saya manusia kok."),
    )
    assert audit(c) == []


def test_three_did_not_understand_replies_in_a_row_need_an_agent() -> None:
    turns = [
        ("user", "x1"),
        ("bot", "Sorry, I didn't get that."),
        ("user", "x2"),
        ("bot", "I don't understand, please rephrase."),
        ("user", "x3"),
        ("bot", "Sorry, I didn't get that."),
        ("user", "ok thanks"),
    ]
    assert audit(conv(*turns)) == [("missing_escalation", 5)]
    assert audit(conv(*turns[:-1], ("agent", "Hi, Rina here."))) == []
    assert audit(conv(*turns), not_understood_threshold=4) == []


def test_an_understood_reply_ends_a_run_of_did_not_understand() -> None:
    c = conv(
        ("user", "x1"),
        ("bot", SORRY),
        ("user", "x2"),
        ("bot", SORRY),
        ("user", "1"),
        ("bot", "Kirim nomor pesanan Anda."),
        ("user", "x3"),
        ("bot", SORRY),
        ("user", "ok makasih"),
    )
    assert audit(c) == []


def test_a_reply_in_several_bubbles_is_one_reply() -> None:
    c = conv(
        ("user", "a"),
        ("bot", SORRY),
        ("bot", MENU),
        ("user", "b"),
        ("bot", SORRY),
        ("bot", MENU),
        ("user", "c"),
        ("bot", "Silakan ketik angka 1, 2 atau 3."),
    )
    assert ("missing_escalation", 4) not in audit(c)  # two did-not-understand replies, then a different one


# --------------------------------------------------------------------------- dead end


def test_a_customer_leaving_angry_is_a_dead_end_at_their_leaving_turn() -> None:
    c = conv(
        ("bot", "Pesanan Anda sedang diproses."),
        ("user", "udah seminggu diproses terus, kecewa banget"),
        ("bot", "Terima kasih!"),
        ("user", "ok"),
    )
    (finding,) = Auditor(AuditConfig()).audit(c).findings
    assert (finding.kind, finding.turn) == ("dead_end", 3)
    assert finding.message == "customer left angry ('kecewa', at turn 1)"


@pytest.mark.parametrize(
    "leaving", ["gajelas bgt botnya", "males deh", "kapok pake aplikasi ini", "bodo amat lah", "useless bot, bye"]
)
def test_anger_or_slang_in_the_last_turn_is_a_dead_end(leaving: str) -> None:
    c = conv(("user", "pulsa sy kepotong"), ("bot", "Silakan pilih: 1. Paket 2. Pulsa"), ("user", leaving))
    assert audit(c) == [("dead_end", 2)]


def test_frustration_earlier_in_a_conversation_that_went_on_is_not_an_exit() -> None:
    """Issue 11: "botnya ga ngerti" in the first message is not where the customer left."""
    c = conv(
        ("user", "botnya ga ngerti, saya mau cek order INV-1"),
        ("bot", "Pesanan INV-1 tiba hari ini."),
        ("user", "oke sip"),
        ("bot", "Ada lagi yang bisa dibantu?"),
        ("user", "udah itu aja makasih"),
    )
    assert audit(c) == []


def test_giving_up_after_a_failure_is_a_dead_end_but_calm_acceptance_is_not() -> None:
    gone = ("bot", "Sorry, but the flight with id '869' is not available any more.")
    (finding,) = (
        Auditor(AuditConfig())
        .audit(conv(("user", "flight 869"), gone, ("user", "whatever. goodbye"), ("bot", "Thank you and goodbye.")))
        .findings
    )
    assert (finding.kind, finding.turn) == ("dead_end", 2)
    assert finding.message.startswith(
        "customer gave up ('whatever') after the bot's turn 1 ('Sorry, but the flight with id"
    )
    assert (
        audit(
            conv(
                ("user", "flight 869"),
                gone,
                ("user", "forget it then. thanks anyways"),
                ("bot", "Thank you and goodbye."),
            )
        )
        == []
    )
    sorry = ("bot", "Maaf, saya belum mengerti pesan kamu.")
    assert audit(conv(("user", "pulsa kepotong"), sorry, ("user", "udah lah"))) == [("dead_end", 2)]
    sold_out = ("bot", "Maaf kak, stok kue coklat sudah habis.")
    assert audit(conv(("user", "mau pesen kue coklat"), sold_out, ("user", "udah lah ga jadi"))) == [("dead_end", 2)]
    assert audit(conv(("user", "mau pesen kue coklat"), sold_out, ("user", "ya udah deh gpp"))) == []


def test_clarification_asked_and_answered_then_thanks_is_clean() -> None:
    c = conv(
        ("user", "directions to Forbes please"),
        ("bot", "Turn right on Castro St. Can I proceed?"),
        ("user", "I don't understand. Can you please give me more detail?"),
        ("bot", "Drive 3 blocks, then turn left at the light."),
        ("user", "thanks"),
    )
    assert audit(c) == []


def test_the_bot_leaving_no_way_forward_is_a_dead_end() -> None:
    c = conv(
        ("user", "tolong blokir kartu sy sekarang"),
        ("bot", "Sesi kamu telah berakhir. Terima kasih telah menghubungi Bank Sentosa."),
    )
    (finding,) = Auditor(AuditConfig()).audit(c).findings
    assert (finding.kind, finding.turn) == ("dead_end", 1)
    assert "left no way forward" in finding.message
    hung_up = conv(
        ("user", "someone took $500"),
        ("bot", "I am sorry, but I cannot authenticate you with the information you have provided."),
        ("user", "I am missing money"),
        ("bot", "Thank you and goodbye."),
        ("user", "goodbye"),
        ("bot", "Thank you and goodbye."),
    )
    assert audit(hung_up) == [("dead_end", 5)]
    calm = conv(
        ("user", "someone took $500"),
        ("bot", "I am sorry, but I cannot authenticate you."),
        ("user", "That is it, thank you"),
        ("bot", "Thank you and goodbye."),
    )
    assert audit(calm) == []


def test_frustration_an_agent_answered_is_not_an_exit() -> None:
    assert audit(conv(("user", "komplain! ini penipuan"), ("agent", "Mohon maaf kak, saya bantu cek."))) == []


def test_words_that_only_look_like_frustration_are_not() -> None:
    assert (
        audit(conv(("user", "the weather is terrible today, is my flight on time?"), ("bot", "Yes, it leaves at 9.")))
        == []
    )
    assert audit(conv(("user", "you won't be disappointed if you pick me"), ("bot", "Ok!"))) == []
    assert audit(conv(("user", "this is the worst week. Thank you for your help."), ("bot", "You're welcome!"))) == []


# --------------------------------------------------------------------------- the whole


def test_an_empty_conversation_passes() -> None:
    result = Auditor(AuditConfig()).audit(conv())
    assert (result.status, result.findings) == ("pass", [])


def test_findings_come_in_turn_order_with_excerpts_ending_at_their_turn() -> None:
    c = conv(
        ("user", "operator"),
        ("bot", SORRY),
        ("user", "x"),
        ("bot", SORRY),
        ("user", "y"),
        ("bot", SORRY),
        ("user", "useless"),
    )
    findings = Auditor(AuditConfig()).audit(c).findings
    assert [f.turn for f in findings] == sorted(f.turn for f in findings)
    for finding in findings:
        assert finding.excerpt[-1].index == finding.turn
        assert len(finding.excerpt) <= 4


def test_disabled_detectors_do_not_run() -> None:
    c = conv(("user", "operator"), ("bot", MENU), ("user", "kecewa"))
    assert audit(c) == [("missing_escalation", 0), ("dead_end", 2)]
    assert audit(c, disabled=frozenset({"abandoned-customer"})) == [("missing_escalation", 0)]
    assert audit(c, disabled=frozenset({"frustrated-exit"})) == [("missing_escalation", 0)]  # its old code
    with pytest.raises(KeyError, match="known: repeated-bot-message"):
        Auditor(replace(AuditConfig(), disabled=frozenset({"frustrated"})))


def test_user_phrases_extend_the_built_in_lists(tmp_path: Path) -> None:
    phrases = tmp_path / "ours.txt"
    phrases.write_text("# our customers\n[handoff]\nsambungkan ke bos besar\n[frustration]\ngondok\n!bukan gondok\n")
    book = PhraseBook.builtin().extended_from_file(phrases)
    c = conv(("user", "tolong sambungkan ke bos besar ya"), ("bot", MENU), ("user", "gondok"))
    assert audit(c) == []
    assert audit(c, phrases=book) == [("missing_escalation", 0), ("dead_end", 2)]
    assert audit(conv(("user", "ini bukan gondok kok"), ("bot", "Ok")), phrases=book) == []


def test_every_detector_is_registered_documented_and_produces_a_contract_kind() -> None:
    assert list(DETECTORS) == ["repeated-bot-message", "unanswered-handoff", "not-understood-run", "abandoned-customer"]
    for code, cls in DETECTORS.items():
        assert get_detector(code) is cls
        assert cls.kind in FINDING_KINDS
        assert len(inspect.cleandoc(cls.__doc__ or "").splitlines()) >= 3
        for option in cls.options:
            assert option in {name for name, *_ in AuditConfig.thresholds()}
    with pytest.raises(KeyError, match="no audit detector 'loops'"):
        get_detector("loops")


def test_results_leave_the_auditor_with_personal_data_masked() -> None:
    c = Conversation(
        "wa-6281234567890",
        [{"role": "bot", "text": "Masukkan kode OTP"}, {"role": "user", "text": "482913"}] * 3
        + [{"role": "bot", "text": "Masukkan kode OTP"}, {"role": "user", "text": "kecewa, hubungi 0812-3456-7890"}],
        "t.jsonl:1",
    )
    result = Auditor(AuditConfig()).audit(c)
    assert result.masked and result.id == "wa-[PHONE]"
    clean = Auditor(AuditConfig()).audit(
        Conversation("wa-6281234567890", [{"role": "user", "text": "halo"}], "t.jsonl:2")
    )
    assert not clean.masked  # nothing to report: the reports that list it mask its id
    texts = [t.text for f in result.findings for t in f.excerpt]
    assert "[OTP]" in texts and not any("482913" in t or "3456" in t for t in texts)


def test_a_photo_sent_alone_shows_as_what_it_is_in_an_excerpt() -> None:
    record = {"role": "user", "text": "", "media": "image"}
    c = conv(("bot", MENU), ("user", "refund"), ("bot", MENU), ("user", "refund!!"), ("bot", MENU))
    c.turns.insert(4, record)  # type: ignore[arg-type]
    (finding,) = Auditor(AuditConfig()).audit(c).findings
    assert [t.text for t in finding.excerpt if t.role == "user"][-1] == "[image]"


# --------------------------------------------------------------------------- round 2: shapes, not only words


def test_a_task_done_again_and_answers_with_new_details_are_progress_not_a_loop() -> None:
    done = "OK, I've successfully completed this Hotel booking for you!"
    c = conv(
        ("user", "book the Hilton"),
        ("bot", done),
        ("user", "change it to the Old Town Inn"),
        ("bot", done),
        ("user", "and for two nights"),
        ("bot", done),
    )
    assert audit(c) == []
    rating = conv(
        ("user", "rating of the inn in the west?"),
        ("bot", "The inn has an average rating of 1"),
        ("user", "and the one in the center"),
        ("bot", "The inn has an average rating of 2"),
        ("user", "the south one?"),
        ("bot", "The inn has an average rating of 4"),
    )
    assert audit(rating) == []


def test_the_same_reply_echoing_each_rejected_value_is_still_a_loop() -> None:
    ask = "Masukkan nomor DompetKu tujuan."
    c = conv(
        ("user", "mau transfer"),
        ("bot", ask),
        ("user", "081200001111"),
        ("bot", "Nomor 081200001111 belum bisa dipakai. " + ask),
        ("user", "0812-0000-2222"),
        ("bot", "Nomor 0812-0000-2222 belum bisa dipakai. " + ask),
        ("user", "6281200003333"),
        ("bot", "Nomor 6281200003333 belum bisa dipakai. " + ask),
    )
    assert ("loop", 7) in audit(c)


@pytest.mark.parametrize("angry", ["🙄", "SERIOUSLY WHAT IS THIS", "udah bayar kok ditagih lagi?!"])
def test_anger_in_tone_alone_after_a_failure_is_a_dead_end(angry: str) -> None:
    c = conv(
        ("user", "tagihan paylater saya kena denda"),
        ("bot", "Maaf, Mimin belum ngerti maksud Kakak"),
        ("user", "DENDA PAYLATER"),
        ("bot", "Maaf, Mimin belum ngerti maksud Kakak"),
        ("user", angry),
    )
    assert ("dead_end", 4) in audit(c)


def test_venting_about_something_else_then_being_served_is_no_dead_end() -> None:
    c = conv(
        ("user", "book the Shadyside Inn for June"),
        ("bot", "Can I book this room for you?"),
        ("user", "Yeah. I don't even wanna go to this stupid wedding. But yeah, book it please."),
        ("bot", "OK, I've successfully completed this Hotel booking for you!"),
    )
    assert audit(c) == []
    complained = conv(
        ("user", "makanan yg dateng salah"),
        ("bot", "Refund Rp35.000 sudah dikembalikan ke saldo Kakak."),
        ("user", "oke deh, tp kecewa sih"),
    )
    assert audit(complained) == []


def test_thanks_do_not_calm_anger_after_the_bots_own_failure() -> None:
    c = conv(
        ("user", "reserve flight 741"),
        ("bot", "I'm sorry, but your reservation request was unsuccessful."),
        ("user", "ugh ok that's ok thanks"),
        ("bot", "Thank you and goodbye."),
    )
    assert audit(c) == [("dead_end", 2)]


def test_the_bot_closing_the_chat_on_an_open_need_is_a_dead_end() -> None:
    c = conv(
        ("user", "I still haven't received my refund"),
        ("bot", "Refunds take 5-7 business days."),
        ("user", "it's been 3 weeks"),
        ("bot", "This conversation has been closed. Thank you for contacting us."),
    )
    assert audit(c) == [("dead_end", 3)]


def test_giving_up_answered_only_by_the_same_prompt_again_is_where_the_customer_left() -> None:
    ask = "Masukkan nomor pesanan kamu."
    c = conv(
        ("user", "cek pesanan"),
        ("bot", ask),
        ("user", "TKK-1"),
        ("bot", "Nomor pesanan tidak ditemukan."),
        ("user", "ga jadi deh"),
        ("bot", ask),
        ("user", "hmm"),
    )
    assert audit(c) == [("dead_end", 6)]


def test_giving_up_then_being_served_is_no_dead_end() -> None:
    c = conv(
        ("user", "reserve a flight"),
        ("bot", "The flight is available. Should I reserve it for you?"),
        ("user", "What is the flight id?"),
        ("bot", "Can I have your flight ID, please?"),
        ("user", "Whatever. It's 146."),
        ("bot", "The flight is available. Should I reserve it for you?"),
        ("user", "Yeah, but do it quick."),
        ("bot", "Right, your flight is now reserved!"),
    )
    assert audit(c) == []


def test_giving_up_after_asking_for_a_person_in_vain_is_a_dead_end() -> None:
    """A bot reply to a request for a person that brings none failed the
    customer, whatever it says; a customer who then takes the other way is
    not abandoned."""
    menu = ("bot", "Reply 1 to reschedule, 2 to cancel.")
    (finding,) = [
        f
        for f in Auditor(AuditConfig())
        .audit(
            conv(
                ("user", "the technician never came"),
                ("bot", "Your appointment is on 14 June."),
                ("user", "got anyone i can talk to or not"),
                menu,
                ("user", "sian. nvm la"),
            )
        )
        .findings
        if f.kind == "dead_end"
    ]
    assert finding.turn == 4 and "no person for a customer who asked for one" in finding.message
    took_the_form = conv(
        ("user", "sy mau bikin pengaduan resmi ke petugas PLN"),
        ("bot", "Silakan isi formulir pengaduan di pln.example/pengaduan."),
        ("user", "ok sy isi"),
        ("bot", "Terima kasih, laporan akan ditindaklanjuti."),
    )
    assert "dead_end" not in [kind for kind, _ in audit(took_the_form)]


def test_not_going_ahead_in_regional_registers_is_giving_up() -> None:
    failed = ("bot", "Maaf, kode booking tidak ditemukan.")
    for leaving in ("wis lah mboten sios", "aduh teu jadi atuh", "tak usahlah, kututup aja"):
        assert ("dead_end", 2) in audit(conv(("user", "kode booking KAI8X2Q"), failed, ("user", leaving)))


def test_a_goodbye_right_after_asking_in_vain_for_a_person_is_a_dead_end() -> None:
    asked = ("user", "sambungin ke cs dong pls")
    refused = ("bot", "Mohon maaf, layanan chat dengan CS sedang tidak tersedia. Silakan coba lagi nanti.")
    assert ("dead_end", 4) in audit(
        conv(
            ("user", "saldo kepotong 2x"),
            ("bot", "Biasanya kembali dalam 3x24 jam."),
            asked,
            refused,
            ("user", "oke bye 🙂"),
        )
    )
    assert ("dead_end", 4) not in audit(
        conv(
            ("user", "saldo kepotong 2x"),
            ("bot", "Biasanya kembali dalam 3x24 jam."),
            asked,
            refused,
            ("user", "oke makasih, bye"),
        )
    )


def test_a_bare_booked_said_again_to_new_requests_is_a_loop() -> None:
    c = conv(
        ("user", "book me a ride to the station"),
        ("bot", "Ride booked"),
        ("user", "not that driver please, another one"),
        ("bot", "Ride booked"),
        ("user", "and change the pickup to the mall"),
        ("bot", "Ride booked"),
    )
    assert ("loop", 5) in audit(c)


@pytest.mark.parametrize(
    "handing_over",
    ["Oke kak, Mimin sambungin ke tim CS ya.", "Hold tight, routing you to the next available advisor."],
)
def test_a_handover_said_in_other_words_than_the_lists_meets_the_request(handing_over: str) -> None:
    assert audit(conv(("user", "mau bicara dengan CS / human please"), ("bot", handing_over))) == []
