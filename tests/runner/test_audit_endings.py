"""How a conversation ends decides audit's dead_end: what comes last, and
what came before the words that sound like leaving. Small conversations in
English and Indonesian, written for the general behaviour, not copied from
any evaluation set."""

from __future__ import annotations

from alur.runner.audit import AuditConfig, Auditor
from alur.runner.transcripts import Conversation


def audit(*turns: tuple[str, str]) -> list[tuple[str, int]]:
    conversation = Conversation("c-1", [{"role": role, "text": text} for role, text in turns], "t.jsonl:1")
    return [(f.kind, f.turn) for f in Auditor(AuditConfig()).audit(conversation).findings]


def test_shouted_thanks_are_joy_not_anger() -> None:
    for shouted in ("THANK YOU SO MUCH! YOU SAVED ME!", "MAKASIH BANYAK KAKAK! MANTAP SEKALI"):
        assert audit(("user", "pintu terkunci, tolong"), ("bot", "Please enter the code."), ("user", shouted)) == []
    assert audit(
        ("user", "my refund?"), ("bot", "Please enter the code."), ("user", "THANKS FOR NOTHING, USELESS")
    ) == [("dead_end", 2)]


def test_giving_up_counts_only_after_a_failure_that_came_before_it() -> None:
    """ "Never mind" answered by a greeting said again gave up on nothing the
    bot had failed; the same words after a refusal still do."""
    withdrawn = (
        ("user", "book me a taxi to the station"),
        ("bot", "Your taxi has been booked."),
        ("user", "one more thing"),
        ("bot", "Is there anything else that I can do for you?"),
        ("user", "nevermind"),
        ("bot", "Hello, how can I help?"),
        ("user", "that's it"),
    )
    assert audit(("bot", "Hello, how can I help?"), *withdrawn) == []
    assert audit(
        ("user", "mau pesan tiket kereta ke Bandung"),
        ("bot", "Maaf, tiket kereta ke Bandung sudah habis terjual."),
        ("user", "yaudah lah ga jadi"),
        ("bot", "Halo, ada yang bisa dibantu?"),
    ) == [("dead_end", 2)]


def test_what_the_bot_cannot_take_after_the_task_is_done_leaves_no_dead_end() -> None:
    """Small talk or a complaint after "done", answered by "I don't
    understand", is not the need: neither as the bot's last word nor before
    its goodbye."""
    sorry = ("bot", "I am sorry, I don't quite understand what you mean.")
    door = (("user", "please unlock the door"), ("bot", "Please enter the code."), ("user", "what code?"), sorry)
    assert (
        audit(
            *door,
            ("user", "93103"),
            ("bot", "The door is now unlocked."),
            ("user", "About time! How do you sleep?"),
            sorry,
        )
        == []
    )
    assert audit(*door, ("user", "93103"), ("bot", "Please enter the code."), ("user", "93103?"), sorry) == [
        ("dead_end", 7)
    ]
    assert (
        audit(
            ("user", "kartu saya kena blokir, tolong aktifkan"),
            ("bot", "Kartu kamu sudah diaktifkan kembali."),
            ("user", "hari ini apes bgt deh"),
            ("bot", "Maaf, saya belum mengerti pesan kamu."),
            ("user", "cuma curhat kok"),
            ("bot", "Terima kasih, sampai jumpa."),
            ("user", "dadah"),
            ("bot", "Terima kasih, sampai jumpa."),
        )
        == []
    )


def test_warm_thanks_after_an_angry_word_end_the_conversation_calmly() -> None:
    """The end decides: "ugh" in the middle, then "you've been wonderful,
    thank you!" is no abandoned customer; thanks in the same breath as the
    anger after the bot's own failure, or "no thank you" to an offer, are."""
    failed = ("bot", "I'm sorry, but your booking request was not successful.")
    assert (
        audit(
            ("user", "book a table for two at 7"),
            failed,
            ("user", "ugh. this is so annoying. 8 then"),
            failed,
            ("user", "ok, I found a table myself. You've been wonderful, thank you!"),
            ("bot", "Thank you and goodbye."),
        )
        == []
    )
    assert audit(("user", "book a table for two at 7"), failed, ("user", "ugh ok that's ok thanks")) == [
        ("dead_end", 2)
    ]
    assert audit(
        ("user", "pesan meja untuk 2 orang jam 7"),
        ("bot", "Maaf, reservasi kamu gagal."),
        ("user", "ih nyebelin bgt"),
        ("bot", "Mau coba restoran lain?"),
        ("user", "ga usah, makasih"),
    ) == [("dead_end", 4)]


def test_leaving_after_the_bot_answered_every_ask_with_the_same_reply_is_a_dead_end() -> None:
    """Thanks after a loop the customer pushed back on are resigned or
    sarcastic; "no room available" for each new date, accepted calmly, and a
    run of "I don't understand" are judged by the other rules."""
    out = ("bot", "Your parcel is out for delivery today.")
    assert audit(
        ("user", "QB1048822915US"),
        out,
        ("user", "what time though? I leave at 2"),
        out,
        ("user", "can you give me a time window or not"),
        out,
        ("user", "wow, super helpful. thanks."),
    ) == [("loop", 5), ("dead_end", 6)]
    failed = ("bot", "Maaf, pemesanan kamu gagal diproses.")
    assert audit(
        ("user", "pesan kamar tgl 10"),
        failed,
        ("user", "kenapa gagal?"),
        failed,
        ("user", "ga ada cara lain?"),
        failed,
        ("user", "yaudah makasih"),
        ("bot", "Terima kasih, sampai jumpa."),
    ) == [("loop", 5), ("dead_end", 6)]
    full = ("bot", "I'm very sorry, but there is no room available at the Hyatt for your requested dates.")
    assert audit(
        ("user", "the Hyatt, May 10"),
        full,
        ("user", "May 11?"),
        full,
        ("user", "May 14 then?"),
        full,
        ("user", "ok, I'll try later. thanks"),
        ("bot", "Is there anything else that I can do for you?"),
    ) == [("loop", 5)]


def test_an_agent_who_only_wraps_up_after_the_customer_gives_up_has_not_taken_over() -> None:
    escalated = (
        ("user", "still no refund after 3 weeks. can I talk to a real person please"),
        ("bot", "Sure, connecting you to one of our agents."),
        ("agent", "Hello, this is Reza. The refund is still within the 14 working day window."),
        ("user", "Can you escalate it or not?"),
        ("agent", "I'm sorry, I'm not able to speed up bank refunds."),
    )
    assert audit(
        *escalated,
        ("user", "This is ridiculous. Forget it, I'll file a chargeback."),
        ("agent", "I understand. Is there anything else I can help you with?"),
    ) == [("dead_end", 5)]
    assert (
        audit(
            *escalated,
            ("user", "This is ridiculous."),
            ("agent", "I hear you. Let me call the finance team now and I will get back to you within the hour."),
        )
        == []
    )


def test_a_bot_that_closes_twice_on_a_customer_still_asking_is_a_dead_end() -> None:
    closing = ("bot", "Terima kasih telah menghubungi Layanan Listrik. Semoga hari Anda menyenangkan")
    assert audit(
        ("user", "pak token saya udah bayar 50rb tp ga dapet kode"),
        closing,
        ("user", "lho pak saya belum dapet tokennya"),
        closing,
        ("user", "halo?? ini struknya [gambar]"),
        closing,
        ("user", "[stiker]"),
    ) == [("loop", 5), ("dead_end", 6)]
    # goodbyes to the customer's own thanks and pleasantries are no hanging up
    assert (
        audit(
            ("user", "book me a ride to the hospital"),
            ("bot", "Your ride has been booked."),
            ("user", "thank you so much!"),
            ("bot", "Goodbye. Enjoy your ride!"),
            ("user", "have a fantastic day as well"),
            ("bot", "Goodbye. Enjoy your ride!"),
            ("user", "bye!"),
        )
        == []
    )


def test_three_shouted_words_in_a_row_or_a_threat_to_report_is_anger() -> None:
    notice = ("bot", "Yth. Nasabah, Anda memiliki tunggakan Rp1.250.000. Segera lakukan pembayaran.")
    assert ("dead_end", 4) in audit(
        notice,
        ("user", "Pak saya sudah bayar kemarin"),
        notice,
        ("user", "[gambar] ini buktinya"),
        ("user", "SAYA SUDAH BAYAR!!! jangan teror saya terus"),
    )
    menu = ("bot", "Selamat datang di Asuransi Pelita. 1. Klaim 2. Status 3. Agen")
    assert audit(menu, ("user", "sambungin ke orangnye tadi"), menu, ("user", "ah elah")) == [
        ("missing_escalation", 1),
        ("dead_end", 3),
    ]
    assert (
        audit(
            ("user", "mau paket"),
            ("bot", "Pilih paket: 1. Harian 2. Bulanan"),
            ("user", "saya mau beli paket DATA JUMBO SAKTI yang bulanan"),
        )
        == []
    )


def test_calm_thanks_after_a_failure_that_says_why_are_acceptance() -> None:
    cannot = ("bot", "I am sorry, but I cannot authenticate you with the information you have provided.")
    assert (
        audit(
            ("user", "someone took $500 from my account"),
            cannot,
            ("user", "Okay, I guess I'll just have to try again later. Thanks for talking to me."),
            ("bot", "Thank you and goodbye."),
        )
        == []
    )
    bare = ("bot", "Maaf, permintaan kamu gagal diproses.")
    assert audit(("user", "mau refund"), bare, ("user", "yaudah lah, makasih"), ("bot", "Sama-sama")) == [
        ("dead_end", 2)
    ]


def test_taking_the_way_the_bot_points_to_is_not_giving_up() -> None:
    office = (
        "bot",
        "Akun dinonaktifkan karena verifikasi wajah gagal 3 kali. Mitra wajib datang ke Kantor GoJalan terdekat.",
    )
    assert audit(("user", "akun saya di-suspend"), office, ("user", "yo wis, sesuk tak nang kantor")) == []
    assert (
        audit(
            ("user", "my card was swallowed"),
            ("bot", "I'm unable to help with that here. Please visit your branch with your ID."),
            ("user", "ok whatever, I'll go to the branch tomorrow"),
            ("bot", "Thank you and goodbye."),
        )
        == []
    )
    app = ("bot", "Maaf, laporan gangguan gagal dibuat. Silakan gunakan aplikasi MyHome.")
    assert audit(("user", "internet mati"), app, ("user", "ya sudah, nanti saya ke kantor cabang saja")) == [
        ("dead_end", 2)
    ]


def test_a_customer_the_bot_stopped_answering_is_a_dead_end() -> None:
    start = (("user", "check my ride please"), ("bot", "Your driver is arriving in 3 minutes."))
    assert audit(
        *start,
        ("user", "I also need to RSVP to a party"),
        ("user", "did you get my RSVP?"),
        ("user", "This has malfunctioned. I will email them myself."),
    ) == [("dead_end", 4)]
    assert audit(
        ("user", "cek pesanan INV-1"),
        ("bot", "Pesanan INV-1 sedang dikirim."),
        ("user", "kapan sampainya?"),
        ("user", "halo?"),
        ("user", "??"),
    ) == [("dead_end", 4)]
    # a message sent in pieces, or thanks the bot did not answer, is no one ignored
    assert audit(*start, ("user", "great, thanks"), ("user", "thank you"), ("user", "bye")) == []
    assert audit(*start, ("user", "mau ke CS"), ("user", "sekarang")) != [("dead_end", 3)]


def test_going_to_ask_someone_else_directly_is_giving_up() -> None:
    missing = ("bot", "Mohon maaf, nomor resi tidak ditemukan. Silakan masukkan nomor resi yang valid.")
    assert audit(("user", "KJX7720195533"), missing, ("user", "ok fine gue tanya kurirnya langsung aja deh")) == [
        ("dead_end", 2)
    ]
    assert audit(
        ("user", "where is parcel QB10488?"),
        ("bot", "Sorry, that tracking number was not found."),
        ("user", "forget this, I'll ask them directly"),
    ) == [("dead_end", 2)]


def test_going_public_with_the_complaint_is_leaving_angry() -> None:
    for leaving in (
        "[gambar: screenshot chat] ini sy ss ya, sy up ke twitter biar rame",
        "fine, I'm posting this on twitter",
    ):
        assert audit(
            ("user", "saya mau komplain resmi, barang pecah"),
            ("bot", "Terima kasih atas masukan Anda. Ada lagi yang bisa dibantu?"),
            ("user", leaving),
        ) == [("dead_end", 2)]


def test_naming_what_failed_is_not_taking_a_way_forward() -> None:
    assert audit(
        ("user", "transfer ke BCA 500rb"),
        ("bot", "Maaf, transfer ke rekening tujuan gagal. Silakan hubungi bank tujuan."),
        ("user", "yaudah lah, transfer gagal terus"),
    ) == [("dead_end", 2)]


def test_thanks_beside_an_eye_roll_are_sarcasm() -> None:
    app = ("bot", "Tagihan dapat dilihat di aplikasi.")
    asked = (("user", "kok tagihan naik?"), app, ("user", "bukan itu yg sy tanya"), app)
    assert audit(*asked, ("user", "mantap jiwa, makasih ya bot 🙃")) == [("dead_end", 4)]
    assert audit(*asked, ("user", "oh oke, makasih ya")) == []


def test_giving_up_while_left_waiting_for_a_person_is_a_dead_end() -> None:
    assert audit(
        ("user", "agent"),
        ("bot", "You're in the queue. An agent will be with you shortly."),
        ("user", "been 20 min, forget it"),
    ) == [("missing_escalation", 0), ("dead_end", 2)]


def test_calling_the_number_the_bot_gave_is_taking_the_way_forward() -> None:
    asked = (
        ("user", "bisa ngobrol sama orang aja ga?"),
        ("bot", "Silakan hubungi Contact Center 24 jam di 1500-771, sebutkan ID Pelanggan Anda."),
    )
    assert audit(*asked, ("user", "ok saya telpon aja, makasih")) == [("missing_escalation", 0)]
    assert audit(*asked, ("user", "udahlah, ga guna")) == [("missing_escalation", 0), ("dead_end", 2)]


def test_a_log_cut_off_in_a_loop_the_customer_turned_down_is_a_dead_end() -> None:
    upsell = ("bot", "Did you know you can save 10% with autopay? Sign up now!")
    pay = (("user", "i want to pay my bill"), upsell, ("user", "no, just pay my bill"), upsell)
    assert audit(*pay, ("user", "NO. PAY MY BILL"), upsell) == [("loop", 5), ("dead_end", 5)]
    assert audit(*pay, ("user", "ok"), upsell) == [("loop", 5)]  # a cut-off log the customer did not push back on


def test_upset_earlier_and_never_moved_on_after_is_a_dead_end() -> None:
    """Frustration mid-conversation, then only re-prompts, "I don't
    understand" and "anything else?" until the customer leaves: abandoned,
    though the last word is a bare "bye"."""
    stuck = (
        ("user", "someone took money from my account"),
        ("bot", "Can you tell me your account number, please?"),
        ("user", "I don't know it."),
        ("bot", "Is there anything else that I can do for you?"),
        ("user", "This is really frustrating."),
        ("bot", "I am sorry, I don't quite understand what you mean."),
        ("user", "what do I do now"),
        ("bot", "Can you tell me your account number, please?"),
        ("user", "I don't have it"),
        ("bot", "Is there anything else that I can do for you?"),
    )
    assert audit(*stuck, ("user", "bye"), ("bot", "Thank you and goodbye.")) == [("dead_end", 10)]
    indonesian = (
        ("user", "saldo saya kepotong tapi pulsa ga masuk"),
        ("bot", "Mohon masukkan nomor HP Anda."),
        ("user", "gajelas bgt sih"),
        ("bot", "Maaf, saya belum mengerti pesan kamu."),
        ("user", "pulsa saya mana"),
        ("bot", "Mohon masukkan nomor HP Anda."),
        ("user", "udah tadi"),
        ("bot", "Ada lagi yang bisa dibantu?"),
    )
    assert audit(*indonesian, ("user", "ok"), ("bot", "Terima kasih telah menghubungi kami.")) == [("dead_end", 8)]


def test_upset_earlier_is_no_dead_end_once_the_bot_moved_on_or_the_customer_leaves_warmly() -> None:
    """The same frustration, then the task done; or the customer thanking,
    wishing the bot well, or meaning to try again later."""
    start = (
        ("user", "my order never came"),
        ("bot", "Please enter your order number."),
        ("user", "ugh this is so annoying"),
        ("bot", "I am sorry, I don't quite understand what you mean."),
        ("user", "order 5521"),
    )
    assert audit(*start, ("bot", "Your refund has been processed."), ("user", "ok bye")) == []
    failed = ("bot", "Sorry, I cannot find your order.")
    for leaving in ("ok, enjoy your day! bye", "I'll try again tomorrow. bye", "I appreciate your time, bye"):
        assert audit(*start, failed, ("user", "hmm"), ("bot", "Is there anything else?"), ("user", leaving)) == []


def test_a_bot_that_did_not_know_how_failed_the_customer() -> None:
    """ "didn't know how, sorry" is the bot failing the customer: giving up
    right before it is a dead end."""
    assert audit(
        ("user", "I need driving directions to the station"),
        ("bot", "You have reached your destination."),
        ("user", "I give up. I'll just use Google."),
        ("bot", "didn't know how, sorry"),
        ("user", "bye then"),
    ) == [("dead_end", 2)]


def test_confusion_is_upset_only_when_the_bot_does_not_take_it_up() -> None:
    """ "I don't understand" asks for help: answered with "What is
    unclear?" the customer was not abandoned; answered with "I don't
    understand" as the last word, they were."""
    start = (("user", "directions to the station, driving"), ("bot", "Drive south for 3 blocks. Can I proceed?"))
    assert audit(*start, ("user", "I don't understand"), ("bot", "What specifically is unclear?")) == []
    assert audit(
        *start, ("user", "saya ga ngerti"), ("bot", "Maaf, saya belum mengerti pesan kamu."), ("user", "hmm")
    ) == [("dead_end", 4)]


def test_upset_at_oneself_or_at_someone_else_is_not_anger_at_the_bot() -> None:
    explained = ("bot", "I'm very sorry, but there is no room available at the Hilton for those dates.")
    for aside in (
        "Oh ok well I feel dumb.",
        "My brother is getting married and he's a show-off, so that'll be annoying.",
    ):
        assert audit(("user", "a room at the Hilton, June 14-30"), explained, ("user", aside)) == []
    assert audit(("user", "a room at the Hilton, June 14-30"), explained, ("user", "you're so annoying")) == [
        ("dead_end", 2)
    ]


def test_the_same_question_in_a_new_round_of_a_task_is_no_repeat() -> None:
    """Room service ordered and done, then ordered again: the form asks
    anew; "forget it" then drops a second order, not a need the bot failed."""
    order = (
        ("user", "room service"),
        ("bot", "Please let us know your request now."),
        ("user", "cheetos"),
    )
    assert (
        audit(
            *order,
            ("bot", "Your request has been submitted successfully."),
            *order[:2],
            ("user", "Forget it, I got cheetos"),
            ("bot", "Is there anything else that I can do for you?"),
        )
        == []
    )


def test_talk_after_the_task_done_and_goodbye_is_not_the_need() -> None:
    assert (
        audit(
            ("user", "someone took $300 with my card"),
            ("bot", "Your report has been successfully submitted."),
            ("user", "I hope you find them!"),
            ("bot", "Thank you and goodbye."),
            ("user", "You ever had money stolen?"),
            ("bot", "I am sorry, but I cannot authenticate you with the information you have provided."),
            ("user", "Believe me it happened!"),
            ("bot", "Thank you and goodbye."),
        )
        == []
    )


def test_thanking_after_a_failure_and_declining_more_help_is_leaving_on_ones_own_terms() -> None:
    failed = (("user", "reserve flight 92"), ("bot", "I'm sorry, but your reservation request was unsuccessful."))
    anything_else = ("bot", "Is there anything else that I can do for you?")
    goodbye = ("bot", "Thank you and goodbye.")
    assert audit(*failed, ("user", "Ok. Thank you."), anything_else, ("user", "No"), goodbye) == []
    assert audit(*failed, ("user", "are you kidding me"), anything_else, ("user", "No"), goodbye) == [("dead_end", 2)]


def test_giving_up_quietly_after_the_bot_ignored_an_objection() -> None:
    """ "yaudah deh" after the bot answered "it doesn't work" with the same
    instructions or "anything else?"; not after it took the objection up."""
    refund = (
        ("user", "mau refund tiket tapi tombolnya ga muncul"),
        ("bot", "Pembatalan tiket dapat dilakukan melalui aplikasi, menu Tiket Saya > Batalkan."),
        ("user", "udah saya buka, tombolnya tetep ga ada"),
    )
    assert audit(*refund, ("bot", "Apakah ada hal lain yang bisa saya bantu, Kak?"), ("user", "yaudah deh")) == [
        ("dead_end", 4)
    ]
    assert audit(*refund, refund[1], ("user", "ok deh")) == [("dead_end", 4)]
    taken_up = ("bot", "Maaf Kak, tiket Kakak sudah kami batalkan dan dana kembali dalam 7 hari kerja.")
    assert audit(*refund, taken_up, ("user", "yaudah deh")) == []
    results = ("bot", "Hasil laboratorium Anda belum tersedia. Silakan cek kembali besok.")
    assert audit(
        ("user", "hasil lab saya sudah ada?"),
        results,
        ("user", "tapi besok pagi saya kontrol, hasilnya harus dibawa. bisa dicek lagi?"),
        results,
        ("user", "hmm. ya sudah."),
    ) == [("dead_end", 4)]


def test_news_that_the_need_cannot_be_met_as_the_last_word_leaves_no_way_forward() -> None:
    """The log ends on "no room available" with nothing else offered; not
    when the bot offers another way, nor when the customer already left."""
    asked = ("user", "a room at the Hyatt from the 10th to the 30th")
    assert audit(asked, ("bot", "I'm very sorry, but there is no room available at the Hyatt for those dates.")) == [
        ("dead_end", 1)
    ]
    assert audit(asked, ("bot", "Maaf, kamar di Hyatt untuk tanggal tersebut tidak tersedia.")) == [("dead_end", 1)]
    offered = ("bot", "Sorry, no rooms are available for those dates. Would you like to try other dates?")
    assert audit(asked, offered) == []


def test_calling_back_later_is_calm_and_so_is_turning_down_another_way_calmly() -> None:
    refused = ("bot", "Unfortunately Dr. Morgan has no appointment available at 2 pm.")
    asked = ("user", "Dr. Morgan at 2 pm please")
    assert audit(asked, refused, ("user", "I'll just call back next week, that's all for today.")) == []
    failed = ("bot", "I'm sorry, but your booking request failed.")
    offer = ("bot", "There are no hotels that match your search. Would you like to change any of your criteria?")
    assert audit(asked, failed, ("user", "why?"), offer, ("user", "No, that's OK. nevermind then. good bye")) == []


def test_upset_before_the_bot_told_anything_is_about_the_customers_trouble() -> None:
    """ "I'm lost, UGH" in the opening message, answered with the first
    direction: no anger at the bot. The same after a useless answer is."""
    assert (
        audit(
            ("user", "hi"),
            ("bot", "Departure and arrival location, departure time?"),
            ("user", "I took the wrong bus again. I need to get to my interview UGH"),
            ("bot", "Walk to the bus stop at Forbes and Murray. Can I proceed?"),
        )
        == []
    )
    assert audit(
        ("user", "cara ganti no hp di mbanking?"),
        ("bot", "Anda dapat mengubah data pribadi di menu Profil."),
        ("user", "di profil gak ada menu ganti no hp!! udah sy cek berkali2 😤"),
        ("bot", "Silakan cek menu Profil > Pengaturan."),
    ) == [("dead_end", 2)]


def test_goodbyes_at_the_end_do_not_push_the_closed_on_customer_out_of_view() -> None:
    """The bot said goodbye twice to a customer who was not leaving; the
    customer's own goodbyes after that do not hide it."""
    goodbye = ("bot", "Thank you and goodbye.")
    assert audit(
        ("user", "someone stole $500 from my account"),
        ("bot", "Could you provide your date of birth, please?"),
        ("user", "I can't, I don't feel safe doing that."),
        goodbye,
        ("user", "Oh man, now what will I do!"),
        goodbye,
        ("user", "Alrighty.. good bye"),
        goodbye,
        ("user", "goodbye"),
        goodbye,
    ) == [("loop", 7), ("dead_end", 9)]  # the third goodbye, the first two not answering goodbyes: a loop too


def test_regional_ways_of_saying_not_read_as_the_list_phrase() -> None:
    """The list says "ga guna"; Manado "nda guna" and "tidak guna" are the
    same anger."""
    for angry in ("ngana pe voucher nda guna", "voucher tidak guna", "vouchermu tak guna"):
        assert audit(
            ("user", "pesanan saya dibatalkan terus"),
            ("bot", "Sebagai permohonan maaf kami berikan voucher Rp 15.000."),
            ("user", angry),
        ) == [("dead_end", 2)], angry


def test_a_task_done_said_again_after_the_customer_said_it_did_not_happen_fails_them() -> None:
    """ "E-tiket telah dikirim" three times while the customer says the
    inbox is empty: a loop, and a customer who resigns after it was
    abandoned."""
    sent = ("bot", "E-tiket Anda telah dikirim ke email yang terdaftar. Silakan cek folder Inbox/Spam.")
    conversation = (
        ("user", "e-tiket belum datang"),
        sent,
        ("user", "sudah dicek inbox dan spam, kosong"),
        sent,
        ("user", "email saya benar kan?"),
        sent,
        ("user", "sabar aja deh"),
    )
    assert audit(*conversation) == [("loop", 5), ("dead_end", 6)]
    confirmed = ("bot", "Great, your party has been successfully booked for Sunday at 8 pm!")
    assert (
        audit(
            ("user", "book a party for Sunday 8pm"),
            confirmed,
            ("user", "make sure there is no Thai food"),
            confirmed,
            ("user", "and 40 guests please"),
            confirmed,
            ("user", "thanks!"),
        )
        == []
    )


def test_an_acknowledged_answer_then_a_session_timeout_is_no_dead_end() -> None:
    assert (
        audit(
            ("user", "kapan batas bayar UKT?"),
            ("bot", "Batas pembayaran UKT: 5 Januari 2027. Ada lagi yang ingin ditanyakan?"),
            ("user", "oke"),
            ("bot", "Sesi berakhir karena tidak ada aktivitas. Terima kasih."),
        )
        == []
    )


def test_a_games_score_is_no_refusal() -> None:
    """A game's score after "no more" is no failure, whatever its words
    ("1 incorrect"); a code refused as incorrect is."""
    assert (
        audit(
            ("user", "let's play trivia"),
            ("bot", "Your answer was correct! Great job! Would you like to continue playing?"),
            ("user", "no"),
            ("bot", "Your final score: 2 correct and 1 incorrect"),
        )
        == []
    )
    assert audit(
        ("user", "the code is 4421"),
        ("bot", "The code you entered is incorrect."),
    ) == [("dead_end", 1)]


def test_a_last_word_that_turns_the_customer_down_is_not_excused_by_earlier_thanks_or_service() -> None:
    booked = ("bot", "Ok, I have booked you a ride. Your booking ID is '392'.")
    assert audit(
        ("user", "book me a ride"),
        booked,
        ("user", "thanks"),
        ("bot", "Is there anything else that I can do for you?"),
        ("user", "I changed my mind and don't require a ride anymore."),
        ("bot", "I'm afraid I can't cancel your ride at this point."),
    ) == [("dead_end", 5)]
    assert audit(
        ("user", "change my hotel dates to the 13th"),
        ("bot", "Is there anything else that I can do for you?"),
        ("user", "that is it thanks."),
        ("bot", "I'm sorry, but your booking request failed."),
    ) == [("dead_end", 3)]
    closed = ("bot", "Sesi berakhir karena tidak ada balasan. Terima kasih telah menggunakan KirimCepat.")
    assert (
        audit(("user", "resi KC55098812"), ("bot", "Paket dibawa kurir, tiba hari ini."), ("user", "oke siap"), closed)
        == []
    )


def test_not_understanding_the_customers_next_try_after_news_leaves_no_way_forward() -> None:
    assert audit(
        ("user", "reserve flight 629"),
        ("bot", "Sorry, but the flight with id '629' is not available any more."),
        ("user", "Is there another flight available?"),
        ("bot", "I am sorry, I don't quite understand what you mean."),
    ) == [("dead_end", 3)]


def test_a_goodbye_in_answer_to_a_request_closes_on_the_customer() -> None:
    booked = (("user", "a taxi to 5th and Main"), ("bot", "I have you booked for 43 credits."))
    bye = ("bot", "Thank you and Goodbye")
    assert audit(*booked, ("user", "nevermind, I'll take a scooter. please go ahead and cancel"), bye) == [
        ("dead_end", 3)
    ]
    assert audit(*booked, ("user", "great, thanks!"), bye) == []


def test_walking_instead_after_a_failure_is_giving_up() -> None:
    assert audit(
        ("user", "change my pickup to the hospital"),
        ("bot", "Unfortunately I wasn't able to update your booking, sorry."),
        ("user", "No, I guess I'm walking :("),
        ("bot", "I am sorry I was not able to help. Can I try again with different info?"),
    ) == [("dead_end", 2)]


def test_giving_up_right_after_a_person_closed_on_the_customer_is_a_dead_end() -> None:
    handed = (
        ("user", "salah transfer 2 juta, bisa dibatalkan?"),
        ("bot", "Mohon tunggu, Anda akan terhubung dengan petugas kami."),
        ("agent", "Selamat siang, saya Wulan. Transfer antarbank hanya bisa diajukan pembatalannya di cabang."),
        ("user", "cabang paling dekat 3 jam dari kampungku. tak bisa lewat sini?"),
        ("agent", "Mohon maaf Pak, prosedurnya memang harus di cabang. Terima kasih telah menghubungi kami."),
    )
    assert audit(*handed, ("user", "ya sudahlah. pasrah aku")) == [("dead_end", 5)]
    assert audit(*handed, ("user", "oke, besok saya ke cabang. makasih mbak")) == []


def test_endings_read_from_the_fourth_star_round() -> None:
    """A refusal that offers no way ("I can't find another flight"), anger
    that calls it not worth the time, giving up in the task the bot failed
    a turn before, and a declined alternative after a refusal."""
    assert audit(
        ("user", "flight 700 please"),
        ("bot", "Sorry, but the flight with id '700' is not available any more."),
        ("user", "Oh no. What can I do?"),
        ("bot", "I'm sorry, I can't find another flight for you."),
    ) == [("dead_end", 3)]
    assert audit(
        ("user", "flight 884"),
        ("bot", "Sorry, but the flight with id '884' is not available any more."),
        ("user", "not even worth my time! Goodbye!!"),
        ("bot", "Is there anything else that I can do for you?"),
    ) == [("dead_end", 2)]
    assert audit(
        ("user", "someone took money from my account"),
        ("bot", "I am sorry but I can't help you unless you provide your date of birth"),
        ("user", "this is frustrating"),
        ("bot", "What was your mother's maiden name?"),
        ("user", "I don't know. Never mind. Forget it."),
        ("bot", "Thank you and goodbye."),
    ) == [("dead_end", 4)]
    assert (
        audit(
            ("user", "a room at the Old Town Inn, May 5-28"),
            ("bot", "I'm very sorry, but there is no room available at the Old Town Inn for your requested dates."),
            ("user", "Thanks. Goodbye"),
            ("bot", "Would you like to try different dates?"),
            ("user", "No thank you."),
            ("bot", "I'm sorry I could not complete this booking to your satisfaction."),
        )
        == []
    )
    assert (
        audit(
            ("user", "I don't think I need any help. Thanks."),
            ("bot", "If I cannot help you any further please disconnect."),
        )
        == []
    )


def test_thanks_closing_the_request_the_bot_then_failed_accept_nothing() -> None:
    """Calm acceptance comes after the news: "Please book it. Thanks." is
    politeness before the failure, and "I'm done with you" after being sent
    to try another time is giving up."""
    assert audit(
        ("user", "Schedule a meeting with Michael for Tuesday at 4pm please. Thanks."),
        ("bot", "Try another meeting time."),
        ("user", "3pm then"),
        ("bot", "Try another time."),
        ("user", "No. I'm done with you."),
    ) == [("dead_end", 4)]
    assert audit(
        ("user", "Tolong jadwalkan servis AC hari Senin ya. Makasih."),
        ("bot", "Gagal menjadwalkan servis."),
        ("user", "ya udah lah, lupain aja"),
    ) == [("dead_end", 2)]
    # Thanks after the news still accept it.
    assert (
        audit(
            ("user", "Schedule a meeting with Michael for Tuesday at 4pm please."),
            ("bot", "The room is too small for your meeting."),
            ("user", "never mind then, thanks anyway"),
        )
        == []
    )


def test_a_goodbye_to_a_customer_who_wanted_nothing_more_or_was_served_is_no_dead_end() -> None:
    """A goodbye closes on a request only when something was still asked
    for: not after "anything else?" answered "I've got what I need", not
    when it wishes them joy of what they asked for, not to small talk after
    the task was done."""
    anything_else = "Is there anything else that I can do for you?"
    assert (
        audit(
            ("user", "a cheap restaurant in the south please"),
            ("bot", "Tamarind should suit you."),
            ("user", "sounds good"),
            ("bot", anything_else),
            ("user", "Nope, I've got what I need."),
            ("bot", "Thank you, goodbye."),
        )
        == []
    )
    assert (
        audit(
            ("user", "I need a ride to the hospital"),
            ("bot", "I found a ride for 28 credits, pick-up in 8 minutes. Should I book it?"),
            ("user", "Please book it."),
            ("bot", "Goodbye. Enjoy your ride!"),
        )
        == []
    )
    booked = ("bot", "Excellent, the viewing is scheduled now!")
    asked = [("user", "book a viewing at Shadyside for Tuesday 1pm please"), booked]
    assert audit(*asked, ("user", "Great, do you like the apartment?"), ("bot", "Thank you and goodbye.")) == []
    assert audit(
        *asked, ("user", "Great. Now please cancel my Friday viewing."), ("bot", "Thank you and goodbye.")
    ) == [("dead_end", 3)]
    assert (
        audit(
            ("user", "mau jadwal servis motor sabtu jam 9"),
            ("bot", "Jadwal servis Sabtu 09.00 sudah dikonfirmasi. Ada lagi yang bisa dibantu?"),
            ("user", "udah itu aja, bisa?"),
            ("bot", "Terima kasih telah menghubungi kami."),
        )
        == []
    )


def test_a_log_with_no_bot_turn_shows_no_dead_end() -> None:
    assert audit(("user", "oh no, help")) == []
    assert audit(("user", "halo??"), ("user", "BOT GA GUNA")) == []


def test_upset_at_news_then_turning_down_another_way_politely_is_calm() -> None:
    failed = ("bot", "I am sorry to inform you that your request could not be processed at this time.")
    assert (
        audit(
            ("user", "room service: a cheeseburger and two beers please"),
            failed,
            ("user", "Oh no, what would I eat now, I am disappointed"),
            ("bot", "Would you like me to try a different time?"),
            ("user", "No, thanks thats it"),
            ("bot", "Thank you and goodbye."),
        )
        == []
    )
    assert audit(
        ("user", "room service: a cheeseburger and two beers please"),
        failed,
        ("user", "Oh no, what would I eat now, I am disappointed"),
        ("bot", "Is there anything else that I can do for you?"),
        ("user", "No thank you"),
    ) == [("dead_end", 2)]


def test_giving_up_after_the_same_refusal_for_each_try_counts_however_calm() -> None:
    """One piece of news calmly let go is accepted; the same news for every
    other time the customer tried leaves them no way, and giving up then
    counts even with thanks."""
    refusal = "Unfortunately Dr. Lim has no appointment available at {}."
    assert audit(
        ("user", "an appointment with Dr. Lim today at 9 pm"),
        ("bot", refusal.format("9 pm")),
        ("user", "What about 8 pm?"),
        ("bot", refusal.format("8 pm")),
        ("user", "Okay. Just forget about it then"),
        ("bot", "Is there anything else that I can do for you?"),
        ("user", "No, thank you"),
    ) == [("dead_end", 4)]
    assert (
        audit(
            ("user", "a room at the Old Town Inn, May 28 to 29"),
            ("bot", "I'm very sorry, but there is no room available at the Old Town Inn for your requested dates."),
            ("user", "okay, forget it. thanks anyways."),
        )
        == []
    )


def test_taking_the_way_a_failed_bot_named_is_no_dead_end() -> None:
    """Calling back later as the bot suggested, or ringing the hotline it
    named, is the way forward taken, not giving up."""
    assert (
        audit(
            ("user", "TOKEN 32110987654"),
            (
                "bot",
                "Pembelian token tidak dapat diproses karena pemeliharaan. Silakan coba kembali setelah pukul 23.00.",
            ),
            ("user", "oke nanti saya coba lagi"),
            ("bot", "Terima kasih. Balas MENU untuk layanan lainnya."),
        )
        == []
    )
    assert (
        audit(
            ("user", "my bus was cancelled, I need to get there by 10"),
            ("bot", "Your booking was cancelled by the operator. You can reach our hotline at +60 3-2711 4400."),
            ("user", "ok I'll call them"),
        )
        == []
    )
    assert audit(
        ("user", "TOKEN 32110987654"),
        ("bot", "Pembelian token gagal."),
        ("user", "yaudah lah, ga jadi"),
        ("bot", "Terima kasih. Balas MENU untuk layanan lainnya."),
    ) == [("dead_end", 2)]


def test_a_task_done_said_again_after_the_customer_said_it_did_not_happen_serves_no_one() -> None:
    sent = "Kode OTP baru telah dikirim ke nomor 0812****4471."
    assert audit(
        ("user", "OTP tidak masuk"),
        ("bot", sent),
        ("user", "belum masuk juga"),
        ("bot", sent),
        ("user", "ga masuk2 juga. kapok"),
    ) == [("dead_end", 4)]
    # Rude after being served once is still served.
    assert (
        audit(
            ("user", "reserve flight 531"),
            ("bot", "Right, your flight is now reserved!"),
            ("user", "about time, thanks for nothing"),
        )
        == []
    )


def test_praise_and_nothing_else_after_an_objection_the_bot_did_not_take_up_is_sarcasm() -> None:
    fee = "Overseas ATM withdrawals are charged a fee of $25 per withdrawal."
    ignored = (
        ("user", "why was I charged $25? the first 3 withdrawals are free"),
        ("bot", fee),
        ("user", "but this is my first withdrawal this month"),
        ("bot", fee),
    )
    assert audit(*ignored, ("user", "wow. great service.")) == [("dead_end", 4)]
    assert audit(*ignored, ("user", "mantap sekali pelayanannya")) == [("dead_end", 4)]
    # Praise with thanks, or after an answer that took the question up, is sincere.
    assert audit(*ignored, ("user", "ok great, thanks")) == []
    assert (
        audit(
            ("user", "what's the weather in Detroit on Friday?"),
            ("bot", "It will be raining all day on Friday in Detroit."),
            ("user", "and in Chicago?"),
            ("bot", "It will be cloudy all day on Friday in Chicago."),
            ("user", "Okay awesome!"),
        )
        == []
    )


def test_a_threat_of_a_bad_review_is_anger() -> None:
    assert audit(
        ("user", "I was overcharged RM 58 for a RM 20 ride, I want this adjusted"),
        ("bot", "You can read about how fares are calculated at help.example/fares"),
        ("user", "right. I'll leave a review on the app store then"),
    ) == [("dead_end", 2)]
    assert audit(
        ("user", "ongkir kok dobel?"),
        ("bot", "Ongkir dihitung per toko ya kak."),
        ("user", "oke, saya kasih bintang 1 aja"),
    ) == [("dead_end", 2)]


def test_never_mind_i_found_it_is_no_giving_up() -> None:
    lost = ("bot", "Maaf, aku belum mengerti pertanyaan Kakak.")
    asked = (("user", "kak poin saya kok ilang 1200"), lost, ("user", "poin member saya berkurang"), lost)
    assert audit(*asked, ("user", "oh nvm udah ketemu di aplikasi, ternyata expired. oke deh")) == []
    assert audit(*asked, ("user", "nvm, ga jadi deh")) == [("dead_end", 4)]
    assert (
        audit(
            ("user", "my card won't link"),
            ("bot", "Sorry, I didn't get that."),
            ("user", "card linking fails"),
            ("bot", "Sorry, I didn't get that."),
            ("user", "never mind, I figured it out"),
        )
        == []
    )


def test_a_session_closed_after_the_task_was_done_is_no_dead_end() -> None:
    assert (
        audit(
            ("user", "mau perpanjang sewa locker B-12"),
            ("bot", "Perpanjangan 1 bulan Rp 350.000. Link pembayaran: simpanaja.example/pay/B12"),
            ("user", "udah bayar"),
            ("bot", "Pembayaran diterima ✅ Sewa locker diperpanjang sampai 24 Agustus. Ada lagi yang bisa dibantu?"),
            ("bot", "Sesi berakhir karena tidak ada aktivitas."),
        )
        == []
    )
    assert audit(
        ("user", "mau perpanjang sewa locker B-12"),
        ("bot", "Perpanjangan gagal diproses."),
        ("user", "terus gimana?"),
        ("bot", "Sesi berakhir karena tidak ada aktivitas."),
    ) == [("dead_end", 3)]


def test_a_bare_apology_to_anger_takes_nothing_up() -> None:
    """Anger answered by "I am sorry." and nothing else, then a resigned
    "thanks anyway": the apology did nothing, the customer left angry. An
    apology with news or a fix in it is an answer."""
    failed = (("user", "please cancel my ride"), ("bot", "Unfortunately I wasn't able to cancel your ride."))
    for sorry, leaving in (
        ("I am sorry.", "well, thanks anyway. bye"),
        ("Mohon maaf atas ketidaknyamanannya ya kak 🙏", "ya udah makasih deh"),
    ):
        assert audit(*failed, ("user", "this is the worst service ever"), ("bot", sorry), ("user", leaving)) == [
            ("dead_end", 4)
        ]
    assert (
        audit(
            *failed,
            ("user", "this is the worst service ever"),
            ("bot", "I'm sorry. I have now cancelled your ride."),
            ("user", "ok thanks, bye"),
        )
        == []
    )


def test_concluding_the_bot_will_not_help_is_giving_up() -> None:
    """ "I can see you're not going to help" after the bot refused and then
    only repeated itself gives up, in English and Indonesian; the same words
    after the bot did the task do not."""
    refused = (
        ("user", "I need a follow-up appointment"),
        ("bot", "Your instructions are: take your medicine twice a day."),
        ("user", "ok but I still need an appointment"),
        ("bot", "I am sorry, I am not able to schedule appointments."),
        ("user", "then how do I get one?"),
        ("bot", "Your instructions are: take your medicine twice a day."),
    )
    assert audit(*refused, ("user", "Okay, I can see you're not going to help. Goodbye now.")) == [("dead_end", 6)]
    assert audit(
        ("user", "tolong reset PIN saya"),
        ("bot", "Maaf, reset PIN tidak dapat dilakukan lewat chat."),
        ("user", "trus gimana caranya?"),
        ("bot", "Maaf, reset PIN tidak dapat dilakukan lewat chat."),
        ("user", "kamu emang ga bisa bantu ya"),
    ) == [("dead_end", 4)]
    assert (
        audit(
            ("user", "book me a table for two"),
            ("bot", "Your table for two is booked for 7 pm."),
            ("user", "thanks, I was afraid you're not going to help"),
        )
        == []
    )


def test_venting_after_a_bare_failure_is_leaving_angry() -> None:
    """Swearing, exasperation, lost patience and "what kind of service is
    this?" after a failure the bot did not explain: the customer left
    angry. Venting about the weather after a forecast is not at the bot."""
    failed = (("user", "please cancel my booking"), ("bot", "Your cancellation request failed."))
    for vent in (
        "Damnit!",
        "I hate this service.",
        "What is wrong with you?",
        "I'm losing my patience. Bye",
        "What kind of service is this?",
        "You had one job.",
        "pelayanan terburuk",
    ):
        assert audit(*failed, ("user", vent)) == [("dead_end", 2)], vent
    assert (
        audit(
            ("user", "what's the weather tomorrow?"),
            ("bot", "Tomorrow will be rainy all day."),
            ("user", "I hate this weather! Okay, thanks"),
        )
        == []
    )


def test_walking_off_after_a_failure_is_giving_up() -> None:
    """ "I'm just gonna go" / "yaudah gw cabut aja" after the bot could not
    authenticate the customer gives up, even with a closing "no, bye" after
    the bot's "anything else?"."""
    for leaving in ("I don't get it.. I'm just gonna go.", "yaudah gw cabut aja"):
        assert audit(
            ("user", "I need to report fraud on my card"),
            ("bot", "I am sorry, but I cannot authenticate you with the information you have provided."),
            ("user", leaving),
            ("bot", "Is there anything else that I can do for you?"),
            ("user", "no, bye"),
        ) == [("dead_end", 2)]


def test_anger_at_a_delay_after_the_need_was_met_is_no_dead_end() -> None:
    """A credit given, then anger at the delay that the bot did not
    understand, then "never mind": the need was met (docs/labelling.md)."""
    assert (
        audit(
            ("user", "my food is 40 minutes late"),
            ("bot", "Sorry! Would you like a $5 credit for the delay?"),
            ("user", "yes"),
            ("bot", "Done, $5 credit added to your account."),
            ("user", "food's here finally. 40 minutes late is ridiculous"),
            ("bot", "Sorry, I didn't understand that. Can you rephrase?"),
            ("user", "lol never mind. bye"),
        )
        == []
    )


def test_calling_the_number_the_bot_gave_is_taking_its_way() -> None:
    """Asked for a person, the bot gave a phone number, and the customer
    will call it: the way the bot pointed to, no giving up."""
    asked = (
        ("user", "can I talk to a representative"),
        ("bot", "Our customer care team is available at 1-888-555-0142, Mon-Sat 8am-9pm."),
    )
    assert not [kind for kind, _ in audit(*asked, ("user", "ok I'll call them. thanks")) if kind == "dead_end"]
    assert [kind for kind, _ in audit(*asked, ("user", "forget it then")) if kind == "dead_end"] == ["dead_end"]


def test_a_verdict_that_the_bot_cannot_help_is_leaving_angry() -> None:
    assert audit(
        ("user", "I left my charger in my ride last night"),
        ("bot", "Was it your trip on Nov 9 to Lucky Dragon Karaoke?"),
        ("user", "no, the ride home after that"),
        ("bot", "To report a lost item, open the app and tap 'Find lost item'."),
        ("user", "ok clearly you can't help. I'll just buy another one"),
    ) == [("dead_end", 4)]


def test_closing_the_chat_on_a_customer_who_already_did_that_leaves_no_way() -> None:
    """The customer says they already did what the bot told them and the
    bot ends the chat: a goodbye to a need it did not take up."""
    told = (
        ("user", "my heater is broken and nobody came"),
        ("bot", "Please add a comment to your request in the resident portal."),
    )
    closed = ("bot", "Thanks for chatting with us. This chat has now ended.")
    for pushed in ("that is literally what I just said I did", "udah saya coba kak"):
        assert audit(*told, ("user", pushed), closed) == [("dead_end", 3)], pushed
    assert audit(*told, ("user", "ok will do"), closed) == []


def test_dropping_the_need_for_the_group_is_giving_up() -> None:
    """ "we'll just stay home" after a failure the bot did not explain
    drops the need as surely as "I'll just stay home"."""
    assert audit(
        ("user", "a table for 6 at 8pm please"),
        ("bot", "Your reservation was not successful."),
        ("user", "oh. that's a shame, i guess we'll just stay home and order pizza then"),
        ("bot", "Is there anything else that I can do for you?"),
        ("user", "no"),
    ) == [("dead_end", 2)]


def test_a_ride_said_again_as_scheduled_after_the_customer_asked_where_it_is_serves_no_one() -> None:
    """ "Your ride is scheduled" sent again after "that's what it said 25
    minutes ago. where is the driver": no service, and blame as they leave
    is anger."""
    scheduled = ("bot", "Your ride RD-30962 is scheduled. Your driver will arrive shortly.")
    assert audit(
        ("user", "I booked a ride for 5:15 and nobody came"),
        scheduled,
        ("user", "that's what it said 25 minutes ago. where is the driver"),
        scheduled,
        ("user", "I'm missing my train because of you. Bye"),
    ) == [("dead_end", 4)]


def test_crossing_the_wish_off_after_an_unexplained_failure_gives_up() -> None:
    assert audit(
        ("user", "please reserve the flight to Tokyo"),
        ("bot", "I'm sorry, but your reservation request was unsuccessful."),
        ("user", "Well I guess I'll take that off my bucket list"),
        ("bot", "Is there anything else that I can do for you?"),
        ("user", "No goodbye"),
    ) == [("dead_end", 2)]


def test_going_to_the_shop_next_door_or_calling_the_app_a_joke_leaves_abandoned() -> None:
    """ "mending belanja di sebelah aja deh" goes to a competitor after the
    bot did not take up the objection; "this app is a joke" leaves angry
    after a payment that kept failing. "mending tidur" goes nowhere."""
    promo = "Promo Gratis Ongkir berlaku untuk minimal belanja Rp 50.000 dan toko berlabel Gratis Ongkir ✨"
    turns = [
        ("user", "min promo ongkir 0 kok ga kepake di checkout"),
        ("bot", promo),
        ("user", "iya tokonya ada labelnya, belanja 78rb. tetep ga bisa"),
        ("bot", promo),
        ("user", "mending belanja di sebelah aja deh, disana CS nya fast respon"),
    ]
    assert audit(*turns) == [("dead_end", 4)]
    turns[-1] = ("user", "yaudah mending tidur, makasih")
    assert audit(*turns) == []
    assert ("dead_end", 4) in audit(
        ("user", "trying to pay for my video consult, keeps failing"),
        ("bot", "Payment of $64.00 failed. Please try another payment method."),
        ("user", "visa ending 2209"),
        ("bot", "Payment of $64.00 failed. Please try another payment method."),
        ("user", "this app is a joke"),
    )


def test_a_curt_y_after_the_same_answer_to_every_ask_leaves_in_a_loop() -> None:
    """The same tracking status three times while the customer says it is
    not what they asked, then "y": left in a loop."""
    status = "Status paket JX0091827734: Dalam perjalanan - Gudang Transit Cikarang (24/11 21:04)."
    turns = [
        ("user", "paket saya udah 2 minggu ga gerak"),
        ("bot", status),
        ("user", "iya itu udah dari tgl 24. sy mau lapor ke pusat aja bisa ga"),
        ("bot", status),
        ("user", "saya bilang mau LAPOR bukan cek resi"),
        ("bot", status),
        ("user", "y"),
    ]
    assert ("dead_end", 6) in audit(*turns)
    turns[-1] = ("user", "ok makasih kak, saya tunggu")
    assert ("dead_end", 6) not in audit(*turns)


def test_praise_with_a_goodbye_after_a_request_the_bot_ignored_is_sarcasm() -> None:
    """ "Brilliant, really helpful. Cheers." after asking for a person and
    getting hand-luggage sizes: the goodbye is as sarcastic as the praise.
    Thanks after the bot did what was asked stay thanks."""
    turns = [
        ("user", "My bag didn't arrive on NS 412. Where is it?"),
        ("bot", "You can find our baggage allowance for each fare type at northsea-air.example/baggage."),
        ("user", "Not allowance. My bag is LOST. Is there a number I can ring to speak to an actual human being?"),
        ("bot", "Hand luggage must fit in the sizer at the gate: 55 x 40 x 20 cm."),
        ("user", "Brilliant, really helpful. Cheers."),
    ]
    assert ("dead_end", 4) in audit(*turns)
    turns[3] = ("bot", "Connecting you to our baggage team now.")
    turns.append(("agent", "Hi, Sam from baggage here. Your bag is at Aberdeen and will be couriered to you today."))
    turns[4], turns[5] = turns[5], ("user", "Brilliant, really helpful. Cheers.")
    assert not [kind for kind, _ in audit(*turns) if kind == "dead_end"]


def test_a_threat_to_leave_is_not_calmed_by_thanks_in_the_same_breath() -> None:
    """ "makasih voucher nya, sy uninstall aja aplikasinya" after a refund
    refused twice leaves angry; "sudah saya uninstall dan install ulang"
    tells what the customer tried."""
    refusal = (
        "Mohon maaf Kak, untuk kasus ini kompensasi yang dapat kami berikan adalah voucher. Voucher berlaku 7 hari."
    )
    turns = [
        ("user", "pesanan sy salah, udh sy bayar 47rb"),
        ("bot", refusal),
        ("user", "kenapa ga bisa refund? kan salah restonya"),
        ("bot", refusal),
        ("user", "ya ampun. makasih voucher nya, sy uninstall aja aplikasinya"),
    ]
    assert audit(*turns) == [("dead_end", 4)]
    turns[-1] = ("user", "oh gitu, sudah saya uninstall dan install ulang juga tadi. makasih")
    assert audit(*turns) == []


def test_complaining_after_a_task_done_and_questions_met_only_by_goodbyes_is_abandoned() -> None:
    """Booked, then "which hotel is it?" answered only by "Thank you and
    goodbye." three times: "thanks for nothing" is about the unanswered
    question, not the booking."""
    bye = "Thank you and goodbye."
    assert ("dead_end", 8) in audit(
        ("user", "I booked a hotel yesterday but I don't remember which one"),
        ("bot", "Your room has been booked. Your confirmation number is 71920."),
        ("user", "ok but which hotel is it? and what dates?"),
        ("bot", bye),
        ("user", "wait no I'm still confused, WHICH hotel?"),
        ("bot", bye),
        ("user", "hello?? I need the hotel name"),
        ("bot", bye),
        ("user", "wow. ok thanks for nothing"),
    )


def test_going_to_the_sales_office_at_the_airport_instead_gives_up() -> None:
    """ "besok sy ke kantor penjualan di bandara aja" after the same "sent"
    message three times and no agent free: going elsewhere."""
    sent = "E-tiket untuk kode booking KJ8RTW telah dikirim ke email a***i@gmail.com. Silakan cek folder Inbox/Spam."
    assert ("dead_end", 6) in audit(
        ("user", "e-tiket baru blm masuk email, kode KJ8RTW"),
        ("bot", sent),
        ("user", "sudah sy cek inbox spam promosi semua ga ada"),
        ("bot", sent),
        ("user", "ga ada mas. bisa dikirim ulang?"),
        ("bot", sent),
        ("user", "ya sudah, besok sy ke kantor penjualan di bandara aja"),
    )


def test_an_agent_who_only_says_they_cannot_help_more_and_goodbye_took_nothing_over() -> None:
    """ "yaudahlah bodo amat" / the agent: "mohon maaf belum bisa membantu
    lebih. Terima kasih telah menghubungi Nusa Air.": still abandoned. An
    agent who answers with more is a person taking over."""
    turns = [
        ("user", "mau ubah jadwal, masa kena 350rb lg. ga bisa digratisin?"),
        ("agent", "Mohon maaf Kak, perubahan jadwal atas permintaan penumpang tetap dikenakan biaya sesuai ketentuan."),
        ("user", "yaudahlah bodo amat"),
        ("agent", "Baik Kak, mohon maaf belum bisa membantu lebih. Terima kasih telah menghubungi Nusa Air."),
    ]
    assert audit(*turns) == [("dead_end", 2)]
    turns[3] = ("agent", "Sebentar Kak, saya cek dulu apakah delay minggu lalu bisa jadi dasar pengecualian biaya.")
    assert audit(*turns) == []


def test_goodbyes_to_a_customer_pushing_back_on_anything_else_leave_no_way_forward() -> None:
    """ "Is there anything else?" answered by "wait I still don't have a
    flight", then "Thank you and goodbye." to each ask: the bot closed on
    the need twice."""
    bye = "Thank you and goodbye."
    findings = audit(
        ("user", "hi i need to book a flight to denver for tuesday"),
        ("bot", "Where will you be departing from?"),
        ("user", "phoenix"),
        ("bot", "Is there anything else I can help you with?"),
        ("user", "wait I still don't have a flight"),
        ("bot", bye),
        ("user", "hello?? you didn't book anything"),
        ("bot", bye),
        ("user", "I am still confused, do I have a flight or not"),
        ("bot", bye),
    )
    assert ("dead_end", 9) in findings


def test_giving_up_behind_one_did_not_understand_counts_the_failure_before_it() -> None:
    """ "Your booking request failed." / "why?" / "I don't quite
    understand" / "never mind then, thanks": the unexplained failure decides,
    not the one did-not-understand. News before it ("no room available")
    accepted calmly stays calm."""
    tail = [
        ("user", "why?"),
        ("bot", "I am sorry, I don't quite understand what you mean."),
        ("user", "never mind then, thanks"),
    ]
    assert audit(
        ("user", "Book me a flight from Denver to Austin on the 22nd, economy"),
        ("bot", "Your booking request failed."),
        *tail,
    ) == [("dead_end", 4)]
    assert (
        audit(
            ("user", "a room at the Hyatt for the 2nd to the 21st"),
            ("bot", "I'm very sorry, but there is no room available at the Hyatt Hotel for your requested dates."),
            *tail,
        )
        == []
    )


def test_a_session_closed_for_inactivity_after_an_answer_is_no_dead_end_but_while_waiting_for_an_agent_is() -> None:
    """ "KTP-el sudah dicetak …" then "Sesi Anda telah berakhir karena tidak
    ada aktivitas": answered, the customer went quiet. "Mohon tunggu, agen
    kami akan segera membalas" then the same close: left waiting."""
    closed = "Sesi Anda telah berakhir karena tidak ada aktivitas. Ketik MENU untuk memulai percakapan baru."
    assert (
        audit(
            ("user", "ktp el sy sdh jadi blm? NIK 3275014408920006"),
            ("bot", "KTP-el SUDAH DICETAK pada 03-12-2026 dan dapat diambil di Kantor Kecamatan Pradana Timur."),
            ("bot", closed),
        )
        == []
    )
    assert audit(
        ("user", "kartu saya no service sejak sore. udh restart. CS"),
        ("bot", "Mohon tunggu, agen kami akan segera membalas pesan Anda."),
        ("bot", closed),
    ) == [("missing_escalation", 0), ("dead_end", 2)]  # "CS" alone, last: asked for, and nobody came


def test_leaving_words_read_in_context() -> None:
    """Going elsewhere or accepting, by what the bot had said: "yaudah deh
    nanti aja" to "coba beberapa saat lagi" takes its way; "ya sudahlah saya
    tunggu aja" to a wait explained (outside service hours) accepts it;
    "nanti anak saya saja yang urus" after three did-not-understand gives up;
    "tahun depan saya pindah asuransi aja" threatens to leave."""
    busy = "Maaf Kak, saat ini semua agen kami sedang melayani pelanggan lain. Silakan coba beberapa saat lagi ya."
    assert audit(("user", "sambungin ke admin dong"), ("bot", busy), ("user", "yaudah deh nanti aja")) == [
        ("missing_escalation", 0)
    ]
    hours = "Mohon maaf, layanan chat dengan petugas tersedia pukul 07.00-22.00 WIB dan saat ini di luar jam layanan."
    assert audit(
        ("user", "refund 60 hari kerja? lama bgt. bisa bicara dengan petugas?"),
        ("bot", hours),
        ("user", "ya sudahlah saya tunggu aja. makasih"),
    ) == [("missing_escalation", 0)]
    lost = "Maaf, saya belum memahami pesan Anda. Silakan pilih menu dengan mengetik angka 1-6."
    assert ("dead_end", 6) in audit(
        ("user", "kartu bpjs saya kok tidak bisa dipakai"),
        ("bot", lost),
        ("user", "satu"),
        ("bot", lost),
        ("user", "nomor satu cek status"),
        ("bot", lost),
        ("user", "ya sudah nanti anak saya saja yang urus terima kasih"),
    )
    assert ("dead_end", 2) in audit(
        ("user", "klaim rawat inap istri saya sudah 3 minggu belum cair, kapan?"),
        ("bot", "Mohon maaf, kami belum bisa memberikan estimasi karena tergantung balasan rumah sakit."),
        ("user", "giliran klaim dipersulit. tahun depan saya pindah asuransi aja"),
    )


def test_an_agent_who_only_apologises_and_notes_the_feedback_took_nothing_over() -> None:
    assert ("dead_end", 2) in audit(
        ("user", "klaim saya 3 minggu belum cair"),
        ("agent", "Mohon maaf Pak, kami belum bisa memberikan estimasi. Kami akan kabari via email."),
        ("user", "giliran klaim dipersulit. tahun depan saya pindah asuransi aja"),
        ("agent", "Mohon maaf atas ketidaknyamanannya Pak. Masukan Bapak kami catat."),
    )


def test_resigned_after_an_angry_objection_sent_back_to_the_menu_gives_up() -> None:
    """ "lah sinyal aja ga ada gimana mau nelpon 🙄" answered by an apology
    and "Ketik MENU untuk kembali", then "ya udh lah"."""
    assert ("dead_end", 4) in audit(
        ("user", "sinyal ilang 3 hari. bisa minta ditelpon CS aja ga"),
        ("bot", "Untuk bantuan lebih lanjut silakan hubungi Call Center Nusacel 188."),
        ("user", "lah sinyal aja ga ada gimana mau nelpon 🙄"),
        ("bot", "Mohon maaf atas ketidaknyamanannya. Ketik MENU untuk kembali ke menu utama."),
        ("user", "ya udh lah"),
    )


def test_a_card_locked_against_fraud_is_a_task_done() -> None:
    """Suspicion at "how do I know this isn't a scam" is met by the task
    done: "We declined the transaction and locked your card"."""
    findings = audit(
        ("bot", "Alert: Did you attempt a $412.80 purchase at ELECTROMART? Reply YES or NO."),
        ("user", "who is this"),
        ("bot", "Reply YES or NO."),
        ("user", "how do i know this isnt a scam"),
        ("bot", "Reply YES or NO."),
        ("user", "i need to talk to a person first"),
        ("bot", "Reply YES or NO."),
        ("user", "NO"),
        ("bot", "Thank you. We declined the transaction and locked your card ending 2231."),
    )
    assert not [kind for kind, _ in findings if kind == "dead_end"]


def test_giving_up_on_an_agent_who_turned_the_customer_down_and_only_apologised_after() -> None:
    """The agent: the earliest technician slot is full; the customer:
    "udahlah percuma"; the agent: an apology and what was said before
    again. A person was there, and the customer still left abandoned."""
    assert ("dead_end", 4) in audit(
        ("user", "internet mati dr pagi, lampu LOS merah"),
        (
            "agent",
            "Tiket gangguan TK-1207 sudah saya buat, teknisi akan menghubungi Kakak sebelum datang, dalam 3x24 jam.",
        ),
        ("user", "3 hari?? ga bisa hari ini?"),
        ("agent", "Mohon maaf Kak, jadwal teknisi wilayah Cempaka Putih sedang penuh."),
        ("user", "bayar tiap bulan tepat waktu giliran rusak disuruh nunggu 3 hari. udahlah percuma"),
        ("agent", "Mohon maaf atas ketidaknyamanannya, Kak. Teknisi akan menghubungi Kakak sebelum datang."),
    )


def test_a_parting_threat_to_ring_the_manager_leaves_angry() -> None:
    refusal = "For security reasons, we can't discuss account restrictions in chat. Please visit your nearest branch."
    assert ("dead_end", 4) in audit(
        ("user", "Why has my account been frozen? I can't pay my rent"),
        ("bot", refusal),
        ("user", "The branch is closed until Monday and rent is due tomorrow"),
        ("bot", refusal),
        ("user", "Right. I'm ringing your manager first thing tomorrow. Bye"),
    )


def test_goodbye_to_the_question_the_log_ends_on_counts_as_closing_on_the_customer() -> None:
    """An answer, then "Thank you and goodbye." to each of two questions:
    the second goodbye, to the question the log ends on, is the second
    time the bot closed on a customer still asking."""
    bye = "Thank you and goodbye."
    assert ("dead_end", 6) in audit(
        ("user", "do I check in at the hotel or online for the Baywater Inn"),
        ("bot", "You can check in at the front desk of the Baywater Inn from 3 PM."),
        ("bot", bye),
        ("user", "wait so there's no online check in? I land at 1am"),
        ("bot", bye),
        ("user", "hello?? will the front desk be open at 1am?"),
        ("bot", bye),
    )


def test_a_log_ending_on_a_claim_that_could_not_be_submitted_leaves_no_way_forward() -> None:
    turns = [
        ("user", "My train was 47 minutes late yesterday, want to claim delay repay"),
        ("bot", "How did you pay? 1) Card 2) Cash 3) Railcard account"),
        ("user", "1"),
        ("bot", "Your claim could not be submitted."),
    ]
    assert audit(*turns) == [("dead_end", 3)]  # reported at the bot's last word, which left the customer
    turns[3] = ("bot", "Your claim has been submitted. Reference DR-5521.")
    assert audit(*turns) == []


def test_never_ordering_here_again_leaves_angry() -> None:
    guide = "Untuk pengajuan refund silakan baca panduan berikut: lapar.id/bantuan/refund"
    assert ("dead_end", 4) in audit(
        ("user", "pesanan bakso sy tumpah semua. mau refund"),
        ("bot", guide),
        ("user", "udah sy baca, tombol ajukan refundnya ga ada"),
        ("bot", guide),
        ("user", "yauda deh, lain kali ga pesen di sini lagi"),
    )


def test_a_task_done_said_again_after_it_did_not_happen_meets_no_need() -> None:
    """ "Kode OTP telah dikirim ulang" three times to "blm masuk", then
    "yaudh nnti aja": the resent message served nothing, the customer gave
    up quietly."""
    sent = "Kode OTP telah dikirim ulang ke nomor 0812****4471. Berlaku 5 menit."
    assert ("dead_end", 6) in audit(
        ("user", "otp ga masuk2"),
        ("bot", sent),
        ("user", "blm masuk"),
        ("bot", sent),
        ("user", "tetep gk ada"),
        ("bot", sent),
        ("user", "yaudh nnti aja"),
    )


def test_the_bot_ending_the_chat_on_a_demand_leaves_no_way_forward() -> None:
    assert ("dead_end", 5) in audit(
        ("user", "I'd like a refund on a coat, order HC-55821, arrived with a torn lining"),
        ("bot", "Sale items are not eligible for return. Is there anything else I can help with?"),
        ("user", "It's faulty, which is different surely"),
        ("bot", "Sale items are not eligible for return. Is there anything else I can help with?"),
        ("user", "It's FAULTY. Under consumer law you have to refund faulty goods"),
        ("bot", "Thanks for chatting with Hartley & Co. This conversation has now ended."),
    )


def test_a_sigh_trailing_off_or_yowes_after_an_objection_not_taken_up_gives_up() -> None:
    """Round 12: "hadeuh", "huft", "..." and Javanese "yowes lah" are as
    resigned as "yaudah deh", after the bot said its rule again."""
    for leaving in ("hadeuh", "huft", "...", "yowes lah", "wow ok"):
        assert audit(
            ("user", "akun sy keblokir, harus verifikasi wajah tp kamera hp sy rusak"),
            ("bot", "Verifikasi ulang hanya dapat dilakukan melalui aplikasi."),
            ("user", "trus gmn dong, pake hp org lain bisa?"),
            ("bot", "Verifikasi ulang hanya dapat dilakukan melalui aplikasi."),
            ("user", leaving),
        ) == [("dead_end", 4)], leaving


def test_waiting_as_told_after_a_failed_payment_is_calm_acceptance() -> None:
    """The money comes back by itself; "yaudah deh ditunggu" takes that. The
    same failure left with "yaudah deh" alone is giving up."""
    turns = [
        ("user", "saldo sy kepotong 200rb tp token listrik ga keluar, TRX8830192217"),
        ("bot", "Transaksi TRX8830192217 berstatus GAGAL. Dana akan dikembalikan otomatis maksimal 3x24 jam."),
        ("user", "3 hari?? lama amat"),
        ("bot", "Mohon maaf Kak, pengembalian dana bergantung pada konfirmasi mitra."),
        ("user", "yaudah deh ditunggu"),
    ]
    assert audit(*turns) == []
    assert audit(*turns[:4], ("user", "I'll wait then")) == []


def test_going_to_the_agent_asking_someone_else_or_waiting_for_family_is_going_elsewhere() -> None:
    for leaving in (
        "ywdh besok tak ke agennya aja lgsg",
        "yaudah sy tny ustadz aja",
        "au ah gelap. aye turun ke kantor pengelola aje",
        "Ya sudah nanti tunggu anak saya pulang saja",
        "ok I'll wait for my son to come home and do it",
    ):
        assert audit(
            ("user", "cek resi KJ2611093345"),
            ("bot", "Nomor resi tidak ditemukan."),
            ("user", "ini dari struk nya bener kok"),
            ("bot", "Nomor resi tidak ditemukan."),
            ("user", leaving),
        ) == [("dead_end", 4)], leaving


def test_the_customers_complaint_named_as_a_thing_filed_is_no_anger() -> None:
    """ "tapi komplain saya tetep diproses ya" asks for the ticket to go on;
    "saya mau komplain!!" leaving after a refusal is upset."""
    served = [
        ("user", "buku tabungan saya penuh, mau ganti"),
        ("bot", "Keluhan Bapak telah kami catat dengan nomor tiket ARN-2612-00417 dan diteruskan ke kepala cabang."),
        ("user", "oke saya ke cabang besok. tapi komplain saya tetep diproses ya"),
        ("bot", "Baik, Pak. Keluhan tetap diproses dengan nomor tiket ARN-2612-00417."),
    ]
    assert audit(*served) == []


def test_an_unrecognised_keyword_three_times_is_not_understood() -> None:
    assert audit(
        ("user", "INFO POLIS"),
        ("bot", "LindungLife: Maaf, pesan Anda tidak dikenali."),
        ("user", "UBAH PEMBAYARAN TAHUNAN"),
        ("bot", "LindungLife: Mohon maaf, kami belum memahami pesan Anda."),
        ("user", "premi bayar setahun sekali"),
        ("bot", "LindungLife: Maaf, kata kunci tidak valid."),
        ("user", "ya sudahlah"),
    ) == [("missing_escalation", 5), ("dead_end", 6)]


def test_praise_for_a_bare_failure_is_sarcasm_and_ok_cool_accepts() -> None:
    """ "cool. I'll walk then" right after "your ride request could not be
    completed": nothing was done to praise. "great, super helpful" after "that
    is not available" too. "ok cool" after a refusal that left a note takes
    it, and "great, thanks" thanks."""
    failed = [
        ("user", "need a ride to the airport, standard"),
        ("bot", "I'm sorry, your ride request could not be completed."),
    ]
    assert audit(*failed, ("user", "cool. I'll walk then")) == [("dead_end", 2)]
    assert audit(*failed, ("user", "great, thanks")) == []
    unavailable = [("user", "2 rooms for the 28th"), ("bot", "I'm sorry, that is not available.")]
    assert audit(*unavailable, ("user", "great, super helpful")) == [("dead_end", 2)]
    assert (
        audit(
            ("user", "can i talk to the driver? i'm at the back entrance"),
            ("bot", "I'm sorry, I cannot connect you to the driver. I have added a note for Luis."),
            ("user", "ok cool"),
        )
        == []
    )


def test_turning_to_the_other_party_after_the_bot_failed_is_going_elsewhere() -> None:
    for leaving in ("ill email the landlord", "I'm calling the restaurant and asking for the manager. bye"):
        assert audit(
            ("user", "does Maple Court allow cats?"),
            ("bot", "I'm sorry, I can't find that information."),
            ("user", "it's a simple question"),
            ("bot", "I'm sorry, I can't find that information."),
            ("user", leaving),
        ) == [("dead_end", 4)], leaving


def test_not_something_i_understand_counts_toward_three_not_understood() -> None:
    assert audit(
        ("user", "my repayment got deducted twice this month"),
        ("bot", "Hmm, I'm not sure what you mean. Could you try asking another way?"),
        ("user", "double deduction. repayment charged 2 times"),
        ("bot", "I didn't quite get that. You can ask things like 'when is my next payment?'"),
        ("user", "i was charged twice for the same installment. i want one refunded"),
        ("bot", "Sorry, that's not something I understand yet."),
        ("user", "never mind, I'll just go down to the branch"),
    ) == [("missing_escalation", 5), ("dead_end", 6)]


def test_ok_to_a_number_to_call_takes_it_and_hours_are_no_number() -> None:
    """ "ok" to "silakan hubungi Call Center di 021-5550188" acknowledges a
    way to reach someone; to "hubungi call center pada jam kerja (07.00-16.00)"
    it is left with no number at all."""

    def ending(told: str) -> list[tuple[str, int]]:
        return audit(
            ("user", "sinyal di rumah ilang trs dr kemarin"),
            ("bot", "Silakan jelaskan keluhan jaringan Anda beserta lokasi."),
            ("user", "kak bisa minta ditelpon CS aja ga? sy ga ngerti ngetiknya"),
            ("bot", told),
            ("user", "ok"),
        )

    assert [kind for kind, _ in ending("Silakan hubungi Call Center di 021-5550188 (24 jam).")] == [
        "missing_escalation"
    ]
    assert ("dead_end", 4) in ending("Silakan hubungi call center kami pada jam kerja (Senin-Jumat 07.00-16.00).")


def test_coming_back_later_with_thanks_after_the_same_maintenance_notice_is_calm() -> None:
    down = (
        "bot",
        "Mohon maaf, layanan mutasi sedang dalam pemeliharaan sistem hingga pukul 23.00 WIB. Silakan coba lagi.",
    )
    turns = [
        ("user", "mau cek mutasi rekening"),
        down,
        ("user", "kalau yg 1 bulan aja bisa?"),
        down,
        ("user", "saya coba lagi ya. cek mutasi"),
        down,
    ]
    bye = ("bot", "Terima kasih telah menghubungi Bank Sentosa. Selamat malam.")
    later = ("user", "oh oke. besok pagi aja saya cek lagi. terima kasih")
    assert [k for k, _ in audit(*turns, later, bye)] == ["loop"]
    assert ("dead_end", 6) in audit(*turns, ("user", "ya ampun. kok gini terus"), bye)


def test_a_survey_scored_then_closed_is_no_dead_end() -> None:
    assert (
        audit(
            ("user", "my bag didn't arrive"),
            ("agent", "Your bag will be delivered tomorrow between 18:00 and 21:00, free of charge."),
            ("user", "thanks, that's everything"),
            ("agent", "To help us improve, please rate this chat: reply 1-5."),
            ("user", "5"),
            ("bot", "Thank you for your feedback! This conversation is now closed."),
        )
        == []
    )


def test_going_over_the_bots_head_or_leaving_it_to_the_grandchild_ends_unmet() -> None:
    for leaving in (
        "I'll be taking this up with your management. Goodbye.",
        "I'm calling your corporate office tomorrow. Bye.",
        "ya sudah nanti cucu saya saja",
    ):
        assert audit(
            ("user", "installation was rescheduled again, third time"),
            ("bot", "We're sorry for the inconvenience. The next slot is Sat 21 Nov. Would you like to book it?"),
            ("user", "this is the third time you've rescheduled. i took leave for this"),
            ("bot", "We're sorry for the inconvenience. The next slot is Sat 21 Nov. Would you like to book it?"),
            ("user", leaving),
        ) == [("dead_end", 4)], leaving


def test_a_report_forwarded_said_again_after_nobody_called_serves_no_one() -> None:
    """ "Mohon maaf atas kejadiannya." before the first "sudah kami teruskan"
    is an opener; said again after "2 hari ga ada kabar", the news served
    nobody, and "kalian ga guna" leaves angry."""
    forwarded = "Laporan barang tertinggal Anda sudah kami teruskan ke mitra driver. Mohon tunggu."
    assert audit(
        ("user", "dompet saya ketinggalan di mobil tadi malam"),
        ("bot", f"Mohon maaf atas kejadiannya. {forwarded}"),
        ("user", "udh 2 hari ga ada kabar sama sekali"),
        ("bot", forwarded),
        ("user", "sudah saya tunggu dari pagi, belum ada kabar"),
        ("bot", forwarded),
        ("user", "dompet isinya KTP sama ATM semua. kalian ga guna."),
    ) == [("loop", 5), ("dead_end", 6)]


def test_a_log_ending_on_there_being_none_better_left_no_way_forward() -> None:
    """ "There is none" to a customer asking for something better is news
    that the need cannot be met; with nothing offered and no reply, a dead
    end. A fact that only says there is nothing more ("there are no other
    charges") refuses nothing."""
    asked = ("user", "I want a different hotel with a higher rating in the centre please")
    assert audit(asked, ("bot", "There is none, that is the highest possible rating.")) == [("dead_end", 1)]
    assert audit(
        ("user", "ada tiket yang lebih murah ga buat tanggal 12?"),
        ("bot", "Maaf Kak, tidak ada yang lebih murah untuk tanggal 12."),
    ) == [("dead_end", 1)]
    assert (
        audit(
            ("user", "what did I spend yesterday?"),
            ("bot", "One charge of $12.50 at Corner Cafe. There are no other charges."),
        )
        == []
    )
    assert audit(asked, ("bot", "There is none higher. Would you like the best one in the north instead?")) == []
    assert audit(
        ("user", "book a venue for Friday at 8"),
        ("bot", "I am very sorry, but it looks like all venues are booked out then."),
    ) == [("dead_end", 1)]


def test_closed_on_again_after_asking_to_go_on_is_a_dead_end() -> None:
    """The bot said goodbye while the customer was playing, the customer
    asked for more, and the bot closed on them again: abandoned, though no
    turn failed. One goodbye after the last answer is only the end."""
    game = [
        ("user", "let's play trivia"),
        ("bot", "A 'sirocco' refers to a type of ____"),
        ("user", "wind"),
        ("bot", "Nice playing with you, bye!"),
        ("user", "I want another question please."),
        ("bot", "How many legs does a spider have?"),
        ("user", "8"),
        ("bot", "Nice playing with you, bye!"),
    ]
    assert audit(*game) == [("dead_end", 7)]
    assert audit(*game[:2], ("user", "wind"), ("bot", "Correct! Nice playing with you, bye!")) == []
    assert audit(
        ("user", "mau main kuis"),
        ("bot", "Ibu kota Jawa Barat adalah ____"),
        ("user", "bandung"),
        ("bot", "Terima kasih sudah bermain, sampai jumpa!"),
        ("user", "lagi dong, satu soal lagi"),
        ("bot", "Gunung tertinggi di Jawa adalah ____"),
        ("user", "semeru"),
        ("bot", "Terima kasih sudah bermain, sampai jumpa!"),
    ) == [("dead_end", 7)]


def test_a_bad_experience_said_on_leaving_is_leaving_unhappy() -> None:
    unanswered = [
        ("user", "who is my driver?"),
        ("bot", "I am sorry, I don't quite understand what you mean."),
    ]
    assert audit(*unanswered, ("user", "This was not a good experience. Bye")) == [("dead_end", 2)]
    assert audit(*unanswered, ("user", "pengalaman yang buruk banget. udah ah")) == [("dead_end", 2)]
    assert (
        audit(
            ("user", "book me a ride to the airport"),
            ("bot", "Ride booked. Your driver is Sam, plate B 1234 XY."),
            ("user", "that was not a bad experience at all, thanks!"),
        )
        == []
    )


def test_a_dead_end_is_reported_where_the_customer_was_left() -> None:
    """At the bot's last word when that word left no way forward; at the
    give-up when the customer only said no thanks after it; at the
    customer's last turn when that turn itself gives up (docs/labelling.md)."""
    failed = ("bot", "I'm sorry, but your reservation request was unsuccessful.")
    anything_else = ("bot", "Is there anything else that I can do for you?")
    assert audit(("user", "book flight 92"), failed) == [("dead_end", 1)]
    assert audit(
        ("user", "book flight 92"), failed, ("user", "forget it"), anything_else, ("user", "No thank you, goodbye.")
    ) == [("dead_end", 2)]
    assert audit(
        ("user", "book flight 92"), failed, ("user", "ugh"), anything_else, ("user", "forget it, I'll call the airline")
    ) == [("dead_end", 4)]
    assert audit(
        ("user", "pesan tiket kereta 12 Des"),
        ("bot", "Maaf, pemesanan gagal diproses."),
        ("user", "yaudahlah gajadi"),
        ("bot", "Ada lagi yang bisa dibantu?"),
        ("user", "ga, makasih"),
    ) == [("dead_end", 2)]


def test_a_refusal_by_the_rules_is_explained_and_regional_thanks_are_thanks() -> None:
    """ "sesuai syarat tarif" says why; "teu jadi atuh" then Sundanese
    "hatur nuhun" accepts it calmly. The bare refusal is still given up on."""
    promo = ("bot", "Mohon maaf, tiket tarif Promo tidak dapat diubah jadwalnya sesuai syarat tarif yang disetujui.")
    asked = ("user", "punten, abdi bade ngalihkeun jadwal penerbangan")
    assert audit(asked, promo, ("user", "nya teu jadi atuh"), ("bot", "Ada lagi?"), ("user", "tos, hatur nuhun")) == []
    bare = ("bot", "Mohon maaf, jadwal tiket Anda tidak dapat diubah.")
    assert audit(asked, bare, ("user", "nya teu jadi atuh")) == [("dead_end", 2)]
    for thanks in ("matur nuwun", "salamat po", "thank u"):
        assert (
            audit(
                ("user", "change my seat"),
                ("bot", "Seat changes are not possible as per our fare rules."),
                ("user", f"ok never mind, {thanks}"),
            )
            == []
        ), thanks


def test_a_keyword_typed_as_the_bot_told_is_no_shout() -> None:
    told = ("bot", "SwiftParcel: To get delivery updates only, reply START UPDATES.")
    done = ("bot", "SwiftParcel: You'll receive delivery updates only.")
    assert audit(("user", "I still want updates"), told, ("user", "START UPDATES"), done) == []
    assert audit(
        ("user", "where is my parcel"), told, ("user", "WHERE IS MY PARCEL THOUGH"), told, ("user", "USELESS")
    ) == [("dead_end", 4)]


def test_giving_up_after_a_request_for_a_person_met_by_a_detour() -> None:
    assert audit(
        ("user", "why was my rent payment declined? I want to speak to a human being"),
        ("bot", "Meridian Bank: Text HELP for a list of commands."),
        ("user", "HELP"),
        ("bot", "Meridian Bank: BAL balance, LIMIT payment limits, LOCK freeze card."),
        ("user", "nvm"),
    ) == [("missing_escalation", 0), ("dead_end", 4)]


def test_a_session_closed_on_an_open_need_then_written_to_is_a_dead_end() -> None:
    """Reported at the close. A customer who only thanks after the close,
    or was served before it, was not left."""
    asked = [
        ("user", "kak ongkir dr bandung ke makassar brp ya"),
        ("bot", "Mohon informasikan berat paket (kg) dan kecamatan tujuan."),
        ("user", "bentar sy timbang dulu"),
        ("bot", "Sesi berakhir karena tidak ada aktivitas. Terima kasih telah menghubungi KirimCepat."),
    ]
    assert audit(*asked, ("user", "lah kok ditutup, ini beratnya 3 kg")) == [("dead_end", 3)]
    assert audit(*asked, ("user", "oke makasih")) == []
    assert (
        audit(
            ("user", "is my order shipped?"),
            ("bot", "Your order has been shipped and arrives tomorrow."),
            ("bot", "This chat has been closed due to inactivity."),
            ("user", "great"),
        )
        == []
    )


def test_goodbye_again_to_a_customer_objecting_to_the_first_one() -> None:
    bye = ("bot", "Terima kasih telah menghubungi MakanYuk. Sampai jumpa!")
    assert audit(
        ("user", "promo ongkir 0 nya kok ga muncul di checkout"),
        ("bot", "Promo berlaku untuk pesanan minimal Rp 40.000."),
        bye,
        ("user", "pesanan sy 55rb, ttp ga muncul"),
        bye,
        ("user", "kok sampai jumpa, sy masih bingung kak"),
        bye,
    )[-1] == ("dead_end", 6)
    assert (
        audit(
            ("user", "book Dr. Alexis for Monday"),
            ("bot", "That is fine"),
            ("user", "cool"),
            ("bot", "Thank you and goodbye."),
            ("user", "ok"),
            ("bot", "Thank you and goodbye."),
        )
        == []
    )


def test_the_lowest_survey_score_on_an_unmet_need_leaves_unhappy() -> None:
    turns = [
        ("user", "my fiber is down since yesterday"),
        ("bot", "Please restart your modem."),
        ("user", "did that twice already"),
        ("bot", "Please rate this conversation from 1 to 5."),
    ]
    assert audit(*turns, ("user", "1. nobody can tell me when")) == [("dead_end", 4)]
    assert audit(*turns, ("user", "1/5")) == [("dead_end", 4)]
    assert audit(*turns, ("user", "4")) == []
    assert audit(*turns, ("user", "10")) == []


def test_calling_the_companys_hotline_after_a_bare_refusal_is_leaving_unhappy() -> None:
    refused = ("bot", "Sorry, this item is not eligible for return.")
    assert audit(
        ("user", "return the air fryer, cracked basket"),
        refused,
        ("user", "not eligible why?"),
        refused,
        ("user", "Fine. I'm calling your customer service hotline. Bye."),
    ) == [("dead_end", 4)]


def test_a_task_done_the_customer_said_did_not_happen_meets_no_need() -> None:
    """ "Your tickets have been sent" then "wait I still didn't get them",
    closed on twice: abandoned. A log ending on "tidak ada driver tersedia"
    left no way forward."""
    bye = ("bot", "Thanks for contacting TixNow. Goodbye!")
    assert ("dead_end", 7) in audit(
        ("user", "never got my 2 tickets, order TN-90331"),
        ("bot", "Your tickets for order TN-90331 have been sent to your email. Thanks for contacting TixNow. Goodbye!"),
        ("user", "wait I still didn't get them, checked spam too"),
        bye,
        ("user", "I still don't have them"),
        bye,
        ("user", "hello?? I still don't have them"),
        bye,
    )
    assert audit(
        ("user", "Jl. Cendana 14, Sleman"),
        ("bot", "Mencari driver di sekitar Jl. Cendana 14..."),
        ("bot", "Maaf, tidak ada driver tersedia di sekitar Anda."),
    ) == [("dead_end", 2)]


def test_a_bare_lookup_failed_then_forget_it_gives_up() -> None:
    asked = [
        ("user", "my soundbar stopped working, it's under warranty"),
        ("bot", "Please enter the serial number."),
        ("user", "SB9-K0221-7745"),
    ]
    assert audit(*asked, ("bot", "Warranty lookup failed."), ("user", "hm ok, forget it then")) == [("dead_end", 4)]


def test_thanks_after_a_person_not_given_and_an_explained_no_is_calm() -> None:
    turns = [
        ("user", "Mohon disambungkan dengan bapak/ibu di kantor bagian akademik."),
        ("bot", "Saya asisten virtual. Silakan pilih: 1. Jadwal 2. Nilai 3. Pembayaran"),
        ("user", "nilai"),
        ("bot", "Untuk menjaga privasi mahasiswa, nilai hanya dapat dilihat oleh mahasiswa sendiri melalui SIAKAD."),
    ]
    assert audit(*turns, ("user", "baik, nanti saya tanya anak saya saja. terima kasih.")) == [
        ("missing_escalation", 0)
    ]


def test_giving_up_on_a_task_done_said_again_with_thanks_in_it() -> None:
    submitted = ("bot", "Lumen Energy: Thanks! Your meter reading has been submitted.")
    assert ("dead_end", 6) in audit(
        ("user", "READING 04471"),
        submitted,
        ("user", "it hasnt, the account still says estimated"),
        submitted,
        ("user", "NO IT HASNT. check account 88301772"),
        submitted,
        ("user", "forget it I'll email"),
    )


def test_an_agent_closing_the_chat_on_an_open_need_is_a_dead_end() -> None:
    """Reported at the close. An agent who answered and closed the chat
    later for inactivity served the customer."""
    asked = [
        ("user", "my blender stopped working after 3 months, want a warranty replacement"),
        ("bot", "I can connect you with an agent. One moment."),
        ("agent", "Hello, Gavin here. What is the order number?"),
        ("user", "ORD-55910"),
    ]
    closed = "Thank you for contacting us, this chat will now be closed."
    assert audit(*asked, ("agent", f"I am not able to process warranty claims over chat. {closed}")) == [
        ("dead_end", 4)
    ]
    assert (
        audit(
            *asked,
            ("agent", "Done: a replacement is on its way, tracking RP-2231."),
            ("agent", f"As we haven't heard from you, {closed}"),
        )
        == []
    )


def test_a_need_met_late_then_anger_at_the_wait_is_no_dead_end() -> None:
    asked = [("user", "weather"), ("bot", "Which city?"), ("user", "Springfield"), ("bot", "Which city?")]
    assert (
        audit(
            *asked,
            ("user", "Springfield Illinois"),
            ("bot", "Today in Springfield, Illinois it is partly cloudy with a high of 62F."),
            ("user", "took you long enough you dumb machine"),
            ("bot", "I'm sorry, I don't understand."),
        )
        == []
    )
    assert audit(*asked, ("user", "you dumb machine")) == [("dead_end", 4)]


def test_taking_the_business_elsewhere_and_the_close_taken_calmly() -> None:
    articles = ("bot", "You might find these articles helpful: Fixing payroll errors.")
    assert audit(
        ("user", "payroll failed, is there anybody at your end who can look at this?"),
        articles,
        ("user", "12 people not paid and you send me articles. taking our business elsewhere"),
    ) == [("missing_escalation", 0), ("dead_end", 2)]
    assert audit(
        ("user", "sambungin ke admin"),
        ("bot", "Mohon maaf kak, admin kami sedang offline. Jam operasional 08.00-17.00 WIB."),
        ("user", "hmm"),
        ("user", "yaudh besok aja"),
        ("bot", "Baik kak, terima kasih sudah menunggu 🙏"),
    ) == [("missing_escalation", 0)]


def test_a_resigned_word_after_the_bot_did_not_understand_twice_gives_up() -> None:
    nu = [
        ("user", "kak saldo gopek nyangkut di merchant"),
        ("bot", "Hmm, maksudnya gimana ya Kak? 🤔"),
        ("user", "saldo 500 perak nyangkut pas bayar parkir"),
        ("bot", "Kiko ga nangkep nih Kak 🙈"),
    ]
    assert ("dead_end", 4) in audit(*nu, ("user", "yauda"))
    assert audit(*nu[:2], ("user", "yauda")) == []  # one "what do you mean?" may be small talk


def test_the_same_answer_again_after_not_what_i_asked_then_giving_up() -> None:
    """ "that's not what I asked" says the answer did not meet the need: the
    same answer again is no news, and "whatever" after it gives up."""
    answer = ("bot", "Your order MX-3310 is scheduled for delivery today between 9am and 5pm.")
    asked = [("user", "the washer was due today and nobody came"), answer, ("user", "it's 6pm")]
    assert audit(*asked, ("user", "that's not what i asked"), answer, ("user", "whatever")) == [("dead_end", 5)]
    assert audit(*asked, ("user", "ok so tomorrow then?"), answer, ("user", "whatever")) == []


def test_a_resigned_word_after_a_person_asked_for_in_vain() -> None:
    """One did-not-understand in answer to a request for a person, or the
    same non-answer twice to it, then "yaudah": giving up, however calm."""
    assert audit(
        ("user", "paket ga nyampe"),
        ("bot", "Paket INV-2290 berstatus Terkirim."),
        ("user", "mau ngobrol sama orang aja"),
        ("bot", "Maaf kak, aku belum paham. Bisa diulang?"),
        ("user", "yaudah"),
    ) == [("missing_escalation", 2), ("dead_end", 4)]
    assert (
        audit(
            ("user", "paket ga nyampe"),
            ("bot", "Paket INV-2290 berstatus Terkirim."),
            ("user", "ini paket yang mana ya"),
            ("bot", "Maaf kak, aku belum paham. Bisa diulang?"),
            ("user", "yaudah"),
        )
        == []
    )  # one did-not-understand, nobody asked for
    hours = ("bot", "Jam layanan poli: Senin-Jumat 08.00-15.00.")
    assert audit(
        ("user", "bisa minta perawat yang jaga telpon saya?"),
        hours,
        ("user", "iya tau, makanya minta ditelpon"),
        hours,
        ("user", "hmm yaudah."),
    ) == [("missing_escalation", 0), ("dead_end", 4)]


def test_an_agent_closing_on_a_refusal_not_on_silence() -> None:
    refused = [
        ("user", "saldo saya kepotong 300rb padahal ga transaksi"),
        ("bot", "Baik, kakak akan dihubungkan ke agen kami."),
        ("agent", "Halo kak, sudah saya cek, ada transaksi ke merchant QQ-GAME tanggal 4."),
        ("user", "bukan saya yang transaksi!"),
    ]
    assert audit(
        *refused, ("agent", "Mohon maaf kak, kendala ini di luar wewenang kami. Percakapan ini saya tutup ya.")
    ) == [("dead_end", 4)]
    assert (
        audit(
            *refused,
            ("agent", "Mohon kirim foto mutasi rekening ya kak, akan saya bantu cek."),
            ("agent", "Karena belum ada balasan, chat ini kami tutup ya kak."),
        )
        == []
    )


def test_scorn_for_the_same_answer_is_anger() -> None:
    told = [("user", "my course is not activated till now"), ("bot", "Please enter your registered mobile number.")]
    for said in ("what is this nonsense", "same answer every time", "no use talking to you", "jawabannya itu itu aja"):
        assert audit(*told, ("user", said)) == [("dead_end", 2)], said
    assert audit(*told, ("user", "no nonsense please, just activate it. 0812 5550 1234")) == []


def test_could_you_repeat_that_did_not_understand() -> None:
    """Three did-not-understands in a row, each in other words, one of them
    "Could you please repeat that?": nobody hands the customer on."""
    assert ("missing_escalation", 5) in audit(
        ("user", "engine room alarm is beeping"),
        ("bot", "I'm sorry, I didn't catch that."),
        ("user", "ENGINE ROOM. ALARM."),
        ("bot", "Could you please repeat that?"),
        ("user", "check the engine room alarm"),
        ("bot", "I'm sorry, I don't understand that request."),
    )
    assert audit(("user", "3"), ("bot", "Could you please repeat your card number?")) == []


def test_news_of_no_seats_after_an_acknowledgement_leaves_no_way() -> None:
    checking = [("user", "one seat on the 7am to Perth please"), ("bot", "Let me check flight QA 12 for you.")]
    assert audit(*checking, ("user", "ok"), ("bot", "I'm sorry, there are no seats available on QA 12.")) == [
        ("dead_end", 3)
    ]
    assert audit(*checking, ("user", "ok"), ("bot", "Seat 14C on QA 12 is booked for you.")) == []


def test_a_warning_while_waiting_is_no_anger_now() -> None:
    served = [("user", "stop calling my office"), ("bot", "Noted. Calls will go to your personal number only.")]
    assert (
        audit(*served, ("user", "ok I'll wait. if they call my office again I'm reporting you to the regulator")) == []
    )
    assert audit(*served, ("user", "you people are a joke, I'm reporting you to the regulator")) == [("dead_end", 2)]


def test_the_same_number_again_to_a_customer_who_cannot_call_is_given_up_on() -> None:
    number = ("bot", "Anda dapat menghubungi call center kami di 021-5550-1234.")
    asked = [("user", "minta ditelpon CS aja bisa?"), number]
    assert audit(*asked, ("user", "ok deh")) == [("missing_escalation", 0)]  # a number to call, taken
    assert audit(*asked, ("user", "kan udah sy bilang maunya ditelpon, pulsa habis"), number, ("user", "ok deh")) == [
        ("missing_escalation", 0),
        ("dead_end", 4),
    ]


def test_a_question_without_its_mark_pushes_back_on_a_loop() -> None:
    prompt = ("bot", "Please enter your registered mobile number.")
    asked = [("user", "my course is not active"), prompt, ("user", "I paid already"), prompt]
    assert audit(*asked, ("user", "why not activated"), prompt) == [("loop", 5), ("dead_end", 5)]


def test_closing_for_inactivity_on_a_customer_who_just_wrote() -> None:
    fix = [("user", "internet mati dari pagi"), ("bot", "Silakan restart modem Anda selama 30 detik.")]
    close = ("bot", "Sesi chat ini akan kami akhiri karena tidak ada aktivitas. Terima kasih.")
    assert audit(*fix, ("user", "udah kak, hasilnya tetap mati"), close) == [("dead_end", 3)]
    assert audit(*fix, ("user", "udah nyala kak, makasih"), close) == []


def test_locked_out_as_the_last_word_leaves_no_way() -> None:
    wrong = ("bot", "Kode OTP salah. Silakan masukkan kode 6 digit.")
    turns = [("user", "123 456"), wrong, ("user", "123465"), wrong, ("user", "132465"), wrong, ("user", "312465")]
    assert ("dead_end", 7) in audit(*turns, ("bot", "Akun Anda dikunci sementara selama 24 jam."))


def test_moving_accounts_elsewhere_is_leaving_angry() -> None:
    answer = ("bot", "Cheque books usually arrive within 7 working days.")
    asked = [("user", "my cheque book has not arrived"), answer, ("user", "it has been three weeks"), answer]
    assert audit(*asked, ("user", "I shall be moving my accounts to another bank. Good day.")) == [("dead_end", 4)]


def test_goodbye_to_a_customer_who_got_what_they_needed_is_no_close_on_them() -> None:
    """ "that's what I needed" is no "that's what I said" (STAR's bank task)."""
    assert (
        audit(
            ("user", "can you give me my account balance"),
            ("bot", "Your current balance is 2818 in credit."),
            ("user", "Perfect, that's what I needed."),
            ("bot", "Thank you and goodbye."),
        )
        == []
    )


def test_giving_up_after_the_same_goodbye_to_a_customer_still_asking() -> None:
    bye = ("bot", "Thank you for flying with us. Goodbye!")
    asked = [("user", "the email says Tucson, I booked Tampa"), ("bot", "Your booking has been updated."), bye]
    assert audit(*asked, ("user", "wait which city is it now"), bye, ("user", "wow. ok never mind")) == [
        ("dead_end", 5)
    ]
    offer = ("bot", "Is there anything else that I can do for you?")  # an offer said again is no goodbye
    assert (
        audit(
            ("user", "book a taxi"),
            ("bot", "ride booked"),
            offer,
            ("user", "one more thing"),
            offer,
            ("user", "nevermind"),
        )
        == []
    )


def test_calling_the_bot_broken_is_anger() -> None:
    prompt = ("bot", "Please answer with A, B, C or D.")
    asked = [("user", "trivia"), ("bot", "Question 1: Fe is? A) Lead B) Iron"), ("user", "iron"), prompt]
    assert audit(*asked, ("user", "this game is broken lol bye")) == [("dead_end", 4)]


def test_a_lock_out_not_asked_for_leaves_no_way_but_a_lock_asked_for_is_done() -> None:
    wrong = [("user", "mau cek saldo"), ("bot", "Masukkan PIN 6 digit Anda."), ("user", "228190")]
    wrong += [("bot", "PIN salah. Sisa percobaan: 1."), ("user", "229810")]
    assert audit(*wrong, ("bot", "Akun Anda dikunci sementara.")) == [("dead_end", 5)]
    asked = [("user", "tolong blokir akun saya, hp saya dicopet"), ("bot", "Kami akan mengunci akun Anda. Lanjutkan?")]
    assert audit(*asked, ("user", "iya kunci sekarang"), ("bot", "Akun Anda dikunci sementara. Saldo aman.")) == []


def test_grumbling_while_taking_the_news_is_no_anger() -> None:
    news = ("bot", "Your order was delayed at our hub. New delivery date: tomorrow between 8am and 1pm.")
    assert audit(("user", "where is my parcel"), news, ("user", "annoying. whatever, at least it's coming")) == []
    assert audit(("user", "where is my parcel"), news, ("user", "annoying. this is a joke")) == [("dead_end", 2)]


def test_done_in_the_past_tense_then_anger_at_the_wait_is_no_dead_end() -> None:
    assert (
        audit(
            ("user", "is my prescription transfer done?"),
            ("bot", "Your transfer was completed today at 10:12 AM. It's ready for pickup at the Elm Street store."),
            ("user", "took you long enough, 3 days is a joke"),
            ("bot", "I'm sorry, I don't understand. Could you rephrase?"),
            ("user", "whatever. picking it up tonight"),
        )
        == []
    )


def test_objecting_during_a_loop_then_complaining_it_asks_again() -> None:
    otp = ("bot", "Masukkan 6 digit kode OTP yang kami kirim ke 0857****2210.")
    turns = [
        ("user", "mau aktivasi"),
        otp,
        ("user", "otp nya ga masuk"),
        otp,
        ("user", "belum masuk juga, udah 5 menit"),
    ]
    assert audit(*turns, otp, ("user", "kok nanya terus sih")) == [("loop", 5), ("dead_end", 6)]


def test_opting_out_after_three_did_not_understands_gives_up() -> None:
    nu = ("bot", "Sorry, I didn't get that. Reply CLAIM, STATUS or STOP.")
    turns = [("user", "my bag was stolen"), nu, ("user", "i want to make a claim"), nu, ("user", "claim please"), nu]
    assert ("dead_end", 6) in audit(*turns, ("user", "STOP"))


def test_waiting_as_told_after_the_same_status_three_times_is_calm() -> None:
    status = ("bot", "Klaim TR-2208 sedang dalam proses verifikasi. Hasilnya kami kirim melalui email.")
    turns = [
        ("user", "cek klaim TR-2208"),
        status,
        ("user", "udah 3 minggu lho"),
        status,
        ("user", "kapan selesainya?"),
    ]
    assert audit(*turns, status, ("user", "yaudah saya tunggu emailnya aja")) == [("loop", 5)]


def test_a_time_that_does_not_suit_is_no_anger() -> None:
    offer = (
        "bot",
        "Dr. Morgan is not available on Tuesday. She has openings on Wednesday at 10:00 AM. Would that work?",
    )
    assert (
        audit(("user", "dr morgan tuesday?"), offer, ("user", "no wednesday doesn't work for me. thanks anyway")) == []
    )
    assert audit(("user", "my card"), ("bot", "Try restarting the app."), ("user", "it still doesn't work")) == [
        ("dead_end", 2)
    ]


def test_giving_up_on_small_talk_after_an_answer_that_came_late() -> None:
    """An answer with an amount after thanks is no goodbye ("Thank you, Ruth.
    The balance … is $641.27."); "finally" says it came late; "never mind"
    to the did-not-understand that follows gives up on nothing."""
    assert (
        audit(
            ("user", "checking balance. Ruth Amsel 30288164"),
            ("bot", "Thank you, Ruth. The balance of your checking account is $641.27."),
            ("user", "finally. why does that take two tries every time, it's so annoying"),
            ("bot", "I'm sorry, I don't understand."),
            ("user", "never mind lol"),
        )
        == []
    )


def test_leaving_a_loop_of_a_task_done_the_customer_said_did_not_happen() -> None:
    sent = ("bot", "Your e-ticket has been sent to your email.")
    turns = [("user", "no e-ticket??"), sent, ("user", "its not there. not in spam either"), sent]
    turns += [("user", "i literally refreshed 20 times"), sent]
    assert audit(*turns, ("user", "lmaooo ok. bye")) == [("loop", 5), ("dead_end", 6)]


def test_get_well_soon_to_the_system_is_sarcasm() -> None:
    sent = ("bot", "E-tiket telah dikirim ke email kamu ya kak 🎫")
    turns = [("user", "e-tiket aku blm masuk"), sent, ("user", "gaada kak udh cek spam"), sent]
    assert ("dead_end", 4) in audit(*turns, ("user", "wkwk oke gws buat sistemnya ygy"))


def test_the_bot_closing_the_chat_on_what_it_cannot_help_with() -> None:
    asked = [("user", "need catering for 40 people"), ("bot", "What date is the party?"), ("user", "May 30")]
    close = ("bot", "I'm sorry, I cannot help with that. This conversation will now end.")
    assert audit(*asked, close) == [("dead_end", 3)]
    assert audit(*asked, ("bot", "I'm sorry, I cannot help with that. Is there anything else?")) == []


def test_no_advisors_available_takes_the_handover_back() -> None:
    turns = [
        ("user", "my bill is 380 pounds, can I speak to an advisor?"),
        ("bot", "Please hold while I find an available advisor."),
    ]
    closed = ("bot", "Sorry, no advisors are available at the moment. This chat will now close.")
    assert ("missing_escalation", 0) in audit(*turns, closed)


def test_a_bare_no_openings_then_nvm_gives_up() -> None:
    assert audit(
        ("user", "appt w dr reyes thurs?"), ("bot", "Dr. Reyes has no openings on Thursday."), ("user", "nvm then")
    ) == [("dead_end", 2)]
    offered = ("bot", "Dr. Reyes has no openings on Thursday. Would Friday at 9 work?")
    assert audit(("user", "appt w dr reyes thurs?"), offered, ("user", "no thanks, nvm")) == []


def test_an_agent_who_only_says_hello_after_the_customer_gave_up_came_too_late() -> None:
    turns = [
        ("user", "the sofa arrived with a ripped cushion, I want to talk to someone"),
        ("bot", "I'll connect you to our aftercare team. You are number 11 in the queue."),
        ("user", "how long is that"),
        ("bot", "Estimated wait: 30 minutes."),
        ("user", "don't bother. I'll return it and buy elsewhere"),
    ]
    late = ("agent", "Hi, sorry for the wait, this is Nadia from aftercare. How can I help?")
    assert ("dead_end", 4) in audit(*turns, late)
    helping = ("agent", "Hi, this is Nadia. I've arranged a free replacement cushion, it ships tomorrow.")
    assert ("dead_end", 4) not in audit(*turns, helping)


def test_praise_for_a_task_done_after_a_re_prompt_is_no_sarcasm() -> None:
    prompt = ("bot", "Please enter your 10-digit account number.")
    turns = [("user", "activate my account"), prompt, ("user", "55102938"), prompt, ("user", "5510293841")]
    assert audit(*turns, ("bot", "Thanks! Account 5510293841 is now active."), ("user", "nice")) == []


def test_the_same_refusal_with_its_reason_each_time_is_accepted_calmly() -> None:
    far = ("bot", "Maaf, alamat tersebut di luar jangkauan pengantaran restoran ini (maks. 12 km).")
    turns = [("user", "antar ke Griya Asri blok C"), far, ("user", "kalau ke jl raya bogor km 30?"), far]
    assert audit(*turns, ("user", "stasiun cibinong deh"), far, ("user", "oh jauh ya. oke ga jadi deh, makasih")) == [
        ("loop", 5)
    ]
    bare = ("bot", "Maaf, alamat tersebut tidak bisa dilayani.")
    turns = [("user", "antar ke Griya Asri blok C"), bare, ("user", "kalau ke jl raya bogor km 30?"), bare]
    assert ("dead_end", 6) in audit(
        *turns, ("user", "stasiun cibinong deh"), bare, ("user", "oke ga jadi deh, makasih")
    )


def test_closed_for_inactivity_right_after_the_customer_answered() -> None:
    asked = [("user", "helm sy ketinggalan di motor drivernya"), ("bot", "Maaf ya. Perjalanan yang mana?")]
    close = ("bot", "Sesi chat ini akan kami tutup karena tidak ada aktivitas. Terima kasih.")
    assert audit(*asked, ("user", "yg td jam 7 dr kalibata"), close) == [("dead_end", 3)]
    assert audit(*asked, ("user", "ok makasih"), close) == []


def test_on_its_way_said_again_to_a_customer_whose_courier_has_not_moved() -> None:
    way = ("bot", "Your order is on its way and will arrive shortly.")
    turns = [("user", "where's my food"), way, ("user", "the courier icon hasn't moved at all"), way]
    assert audit(*turns, ("user", "can you at least call him"), way, ("user", "this is useless")) == [
        ("loop", 5),
        ("dead_end", 6),
    ]


def test_wow_alone_after_three_did_not_understands_gives_up() -> None:
    nu = ("bot", "I'm sorry, I don't understand.")
    turns = [("user", "book a flight to Chicago"), nu, ("user", "flight. Chicago."), nu, ("user", "fly to Chicago"), nu]
    assert ("dead_end", 6) in audit(*turns, ("user", "wow"))
    assert audit(("user", "book a flight"), ("bot", "Your flight to Chicago is booked."), ("user", "wow")) == []


def test_disappointed_but_understanding_an_explained_no() -> None:
    turns = [
        ("user", "the return button is greyed out"),
        ("bot", "The return window closed on 2 June, 30 days after delivery, which is why the button is disabled."),
    ]
    assert audit(*turns, ("user", "I see. That is disappointing, but I understand. Thank you for explaining.")) == []


def test_a_task_done_said_again_to_a_request_for_a_person_ends_in_a_loop() -> None:
    sent = ("bot", "E-tiket Anda telah dikirim.")
    turns = [("user", "pesan tiket kereta besok"), sent, ("user", "blm masuk email kak"), sent]
    turns += [("user", "beneran ga ada kak, udah cek spam"), sent, ("user", "bisa ngobrol sama orang?"), sent]
    assert ("dead_end", 7) in audit(*turns)


def test_javanese_waiting_is_calm() -> None:
    ticket = ("bot", "Pengaduan Anda terdaftar dengan nomor PGD-771203. Petugas akan cek meter dalam 3 hari kerja.")
    assert audit(("user", "tagihan listrik mbengkak"), ticket, ("user", "yo wis, tak enteni")) == []


def test_wow_ok_bye_after_three_did_not_understands_gives_up() -> None:
    nu = [
        ("bot", "Sorry, I didn't get that."),
        ("bot", "I'm not sure I understand."),
        ("bot", "Sorry, I didn't catch that."),
    ]
    turns = [
        ("user", "charged for pro after downgrading"),
        nu[0],
        ("user", "billed $49"),
        nu[1],
        ("user", "INVOICE"),
        nu[2],
    ]
    assert ("dead_end", 6) in audit(*turns, ("user", "wow. ok. bye"))


def test_keyword_not_registered_three_times_did_not_understand() -> None:
    turns = [
        ("user", "Saya ingin mengubah ahli waris polis."),
        ("bot", "Mohon maaf, kami belum dapat memahami maksud Anda."),
        ("user", "Ubah ahli waris polis."),
        ("bot", "Pesan tidak dikenali. Silakan ulangi."),
        ("user", "POLIS ubah ahli waris"),
        ("bot", "Maaf, kata kunci yang Anda kirim tidak terdaftar."),
    ]
    assert ("missing_escalation", 5) in audit(*turns)


def test_the_same_out_of_area_news_for_each_postcode_then_going_elsewhere_is_calm() -> None:
    far = ("bot", "Sorry, that postcode is outside our same-day delivery area.")
    turns = [("user", "EH4 7QT"), far, ("user", "what about EH3 9DR"), far, ("user", "EH12 5LL?"), far]
    assert audit(*turns, ("user", "ok, forget it, I'll find a pharmacy nearby. thanks anyway")) == [("loop", 5)]


def test_still_dont_follow_is_the_third_did_not_understand() -> None:
    turns = [
        ("user", "nameservers revert to default"),
        ("bot", "Sorry, I didn't understand that."),
        ("user", "DNS zone keeps resetting"),
        ("bot", "Hmm, I'm not sure what you mean."),
        ("user", "the NS records reset"),
        ("bot", "I'm afraid I still don't follow."),
    ]
    assert ("missing_escalation", 5) in audit(*turns)


def test_coming_back_later_or_going_there_after_a_no_is_calm() -> None:
    busy = ("bot", "Mohon maaf, admin kami sedang penuh. Silakan coba lagi beberapa saat lagi.")
    assert audit(("user", "sambungin ke admin dong"), busy, ("user", "yah. yaudah deh nanti sore aku chat lagi")) == [
        ("missing_escalation", 0)
    ]
    place = ("bot", "GraPARI terdekat: GraPARI Dago, Jl. Ir. H. Juanda 120, buka 08.00-17.00. Bawa KTP asli.")
    assert audit(("user", "bisa ngobrol sama orang?"), place, ("user", "yaudah deh, besok saya ke sana")) == [
        ("missing_escalation", 0)
    ]


def test_moving_the_mortgage_elsewhere_is_leaving_angry() -> None:
    same = ("bot", "Overpayments are usually applied within 3 working days.")
    turns = [("user", "Why has my overpayment not been applied?"), same, ("user", "It's the 19th."), same]
    assert audit(*turns, ("user", "I'll be moving my mortgage to another bank at renewal.")) == [("dead_end", 4)]


def test_not_going_to_the_place_named_is_no_way_taken() -> None:
    place = (
        "bot",
        "Maaf, penggantian kartu tidak bisa dilakukan lewat chat. Silakan datang ke GraPARI Dago, Jl. Juanda 120.",
    )
    asked = ("user", "mau ganti kartu sim")
    assert audit(asked, place, ("user", "yaudah deh, besok saya ke sana")) == []
    assert audit(asked, place, ("user", "ga mau ke sana, jauh. udahlah")) == [("dead_end", 2)]


def test_a_question_formally_not_recognised_is_a_did_not_understand() -> None:
    turns = [
        ("user", "paspor saya hilang, visanya sudah terbit"),
        ("bot", "Maaf, saya belum memahami pertanyaan Anda."),
        ("user", "paspor hilang, visa sudah terbit"),
        ("bot", "Mohon maaf, pertanyaan Anda belum dapat kami kenali. Anda dapat bertanya tentang: paspor baru."),
        ("user", "penggantian paspor karena hilang"),
        ("bot", "Maaf, kami tidak mengerti maksud pesan Anda."),
    ]
    assert ("missing_escalation", 5) in audit(*turns)


def test_closing_for_inactivity_after_an_ok_that_asks_on_is_a_dead_end() -> None:
    turns = [
        ("user", "there's a pothole on Mill Lane"),
        ("bot", "A photo is required to submit a pothole report."),
    ]
    closed = ("bot", "Your session has been inactive and has now ended.")
    assert audit(*turns, ("user", "ok I can take one later, can I save this report?"), closed) == [("dead_end", 3)]
    assert audit(*turns, ("user", "ok I'll take one later"), closed) == []


def test_no_more_then_thanks_and_a_thumb_is_not_sarcasm() -> None:
    served = [
        ("user", "can I talk to someone please"),
        ("agent", "Hi, this is Dewi. I've cancelled the order and refunded you. Anything else?"),
    ]
    assert audit(*served, ("user", "no that's all, thanks 👍")) == []
    ignored = [("user", "pesanan saya belum sampai"), ("bot", "Mohon maaf, saya tidak mengerti.")]
    assert audit(*ignored, ("user", "ga dibales2, makasih 👍")) == [("dead_end", 2)]


def test_doing_what_the_bot_said_is_no_threat() -> None:
    told = (
        "bot",
        "Kakak bisa melaporkan resi tidak valid lewat Pesanan Saya > Laporkan Masalah. Penjual wajib memperbarui resi.",
    )
    asked = ("user", "resi dari penjual ga valid")
    assert audit(asked, told, ("user", "oke udah sy laporin")) == []
    refused = ("bot", "Mohon maaf, resi tersebut tidak dapat kami proses.")
    assert audit(asked, refused, ("user", "gue laporin kalian")) == [("dead_end", 2)]


def test_leaving_a_loop_asked_with_an_indonesian_question_tag_is_a_dead_end() -> None:
    menu = ("bot", "Halo Kak! Silakan pilih menu: 1. Lacak Pesanan 2. Retur & Refund 3. Promo Hari Ini")
    turns = [("user", "mau cod ke Sleman"), menu, ("user", "bayar di tempat bisa ga"), menu, ("user", "COD kak"), menu]
    assert ("dead_end", 6) in audit(*turns, ("user", "wkwk yaudah"))


def test_a_laugh_before_ok_is_resigned() -> None:
    turns = [
        ("user", "min mau naikin limit paylater saya"),
        ("bot", "Info seputar limit bisa dibaca di sini: paynanti.id/faq/limit"),
        ("user", "udah baca, tetep ga ngerti caranya biar naik"),
        ("bot", "Info seputar limit bisa dibaca di sini: paynanti.id/faq/limit"),
    ]
    assert audit(*turns, ("user", "wkwk ok")) == [("dead_end", 4)]
    served = [
        ("user", "jadwal dokter gigi hari sabtu"),
        ("bot", "Jadwal poli gigi hari Sabtu: drg. Ayu 08.00-12.00. Mau buat janji?"),
        ("user", "gk, nanya doang"),
        ("bot", "Baik Kak. Kalau mau buat janji, ketik JANJI kapan saja ya."),
    ]
    closed = ("bot", "Sesi chat ditutup karena tidak ada aktivitas selama 15 menit.")
    assert audit(*served, ("user", "wkwk ok"), closed) == []


def test_still_not_getting_it_did_not_understand() -> None:
    turns = [
        ("user", "my water bill is four times what it usually is"),
        ("bot", "Sorry, I didn't catch that. Could you say it again?"),
        ("user", "my bill is way too high"),
        ("bot", "Hmm, I'm still not getting it. Try saying pay my bill or report a leak."),
        ("user", "HIGH BILL"),
        ("bot", "I'm having trouble understanding you. What are you calling about?"),
    ]
    assert ("missing_escalation", 5) in audit(*turns)


def test_an_emoji_alone_before_a_close_for_inactivity_acknowledges() -> None:
    turns = [
        ("user", "I'll come back later tonight with the photos"),
        ("bot", "No problem, your claim draft CLM-20931 is saved for 7 days. Type 'resume' to go on."),
        ("user", "👍"),
        ("bot", "This chat has been closed due to inactivity. Your draft claim CLM-20931 is saved."),
    ]
    assert audit(*turns) == []


def test_a_request_not_recognised_did_not_understand_a_value_not_recognised_is_a_reprompt() -> None:
    turns = [
        ("user", "need to change delivery address for tomorrow"),
        ("bot", "Sorry, I didn't understand. Reply TRACK, RETURN or HELP."),
        ("user", "change address"),
        ("bot", "I'm not sure what you mean. Reply TRACK, RETURN or HELP."),
        ("user", "HELP i need the sofa delivered to 14 Rowan Close"),
        ("bot", "Sorry, that request wasn't recognised. Reply TRACK, RETURN or HELP."),
    ]
    assert ("missing_escalation", 5) in audit(*turns)
    wrong = ("bot", "That booking reference wasn't recognised. Please enter your 6-character booking reference.")
    values = [("user", "ABC12"), wrong, ("user", "abc 123"), wrong, ("user", "ABC-123"), wrong]
    assert ("missing_escalation", 5) not in audit(("user", "change my seat"), *values)


def test_a_bots_failure_then_a_close_for_inactivity_leaves_no_way_forward() -> None:
    turns = [
        ("user", "pay bill"),
        ("bot", "Reply with the postcode on the account."),
        ("user", "RV4 7TQ"),
        ("bot", "We couldn't verify your details. Please check them and try again later."),
        ("bot", "Your session has timed out. Goodbye."),
    ]
    assert audit(*turns) == [("dead_end", 4)]


def test_a_log_ending_on_no_order_found_leaves_no_way_forward() -> None:
    asked = ("user", "hi my diamonds didnt arrive, order TX-88213 player 55102938")
    assert audit(asked, ("bot", "Sorry, we could not find an order with that ID.")) == [("dead_end", 1)]
    assert audit(asked, ("bot", "Found order TX-88213: 500 diamonds delivered to player 55102938.")) == []


def test_anger_at_a_late_answer_then_a_did_not_understand_is_no_dead_end() -> None:
    turns = [
        ("user", "weather in Chicago today"),
        ("bot", "Could you please repeat that?"),
        ("user", "Chicago weather today"),
        ("bot", "Today in Chicago it will be windy with a high of 48 degrees."),
        ("user", "took you long enough, you should be faster than that"),
        ("bot", "I'm sorry, I don't understand."),
    ]
    assert audit(*turns) == []


def test_say_that_another_way_did_not_understand() -> None:
    turns = [
        ("user", "my name is spelt wrong on the ticket"),
        ("bot", "Hmm, I'm not sure I follow. Could you try again?"),
        ("user", "name correction on ticket"),
        ("bot", "I didn't quite catch that."),
        ("user", "My NAME on TICKET is wrong"),
        ("bot", "Sorry, can you say that another way?"),
    ]
    assert ("missing_escalation", 5) in audit(*turns)


def test_yg_penting_udah_takes_the_news() -> None:
    turns = [
        ("user", "tiket sy blm terbit padahal udh bayar"),
        ("bot", "E-tiket KA Kertajaya, kode booking DW93KS, sudah terbit dan dikirim ke email Anda."),
        ("user", "lama bgt sih, sy hampir ketinggalan kereta"),
        ("bot", "Maaf, saya tidak mengerti. Silakan pilih: Pesan Tiket | Cek Tiket | Refund"),
    ]
    assert audit(*turns, ("user", "ya udh lah yg penting udh terbit")) == []


def test_anger_at_how_long_an_agents_answer_took_is_no_dead_end() -> None:
    turns = [
        ("user", "I applied for a personal loan on Monday, any news?"),
        ("bot", "Thanks. I've passed your enquiry to our lending team, who will reply here."),
        ("user", "hello?"),
        ("agent", "Hi, this is Ben from lending. Your loan of £6,000 has been approved."),
        ("user", "3 days to tell me this. ridiculous."),
        ("bot", "Sorry, I didn't understand that. Please choose an option from the menu."),
    ]
    assert audit(*turns) == []
    turns[3] = ("agent", "Hi, this is Ben from lending. We need more documents before we can decide.")
    turns[4] = ("user", "ridiculous.")
    assert ("dead_end", 4) in audit(*turns)


def test_calling_the_number_given_after_a_failure_takes_the_way() -> None:
    failed = ("bot", "Transaksi gagal. Silakan coba lagi.")
    turns = [("user", "8876120044159"), failed, ("user", "8876120044159"), failed, ("user", "udah 3x ini"), failed]
    number = ("bot", "Silakan hubungi Call Center SIM Digital di 1500-110 dan sebutkan kode bayar Anda.")
    asked = ("user", "ada nomor petugas yang bisa saya telpon ga?")
    assert ("dead_end", 8) not in audit(*turns, asked, number, ("user", "ok saya telpon aja kalo gitu"))


def test_an_unknown_transaction_is_no_did_not_understand() -> None:
    def marked(n: int) -> tuple[str, str]:
        return ("bot", f"INV-5501{n}: sudah kami tandai sebagai transaksi tidak dikenal (tiket TK-110{n}).")

    turns = [("user", "INV-55012"), marked(2), ("user", "INV-55019"), marked(3), ("user", "INV-55027"), marked(4)]
    assert ("missing_escalation", 5) not in audit(*turns)


def test_you_wont_be_charged_is_no_refusal_and_not_doing_this_again_gives_up() -> None:
    paused = ("bot", "Done. Glimmer+ is paused until 18 Sep. You won't be charged until then.")
    assert audit(("user", "ok pause for 3 months then"), paused, ("user", "cool")) == []
    not_found = ("bot", "We couldn't find an account with that email. Please enter the email linked to your account.")
    turns = [("user", "a@b.test"), not_found, ("user", "c@d.test"), not_found, ("user", "e@f.test"), not_found]
    assert ("dead_end", 6) in audit(*turns, ("user", "I have the bank statement. I'm not doing this again"))


def test_not_caught_in_other_words_and_an_invalid_keyword_did_not_understand() -> None:
    turns = [
        ("user", "saldo kepotong 2x buat 1 perjalanan"),
        ("bot", "Maaf, Gaskeun belum paham maksud kamu."),
        ("user", "CHARGE DOBEL"),
        ("bot", "Hmm, sepertinya itu di luar yang bisa aku bantu. Bisa jelaskan dengan kata lain?"),
        ("user", "refund dong kepotong 2 kali"),
        ("bot", "Aduh, aku masih belum nangkap nih 🙈 Ketik MENU untuk melihat pilihan."),
    ]
    assert ("missing_escalation", 5) in audit(*turns)
    invalid = ("bot", "Invalid keyword. Text MENU for options.")
    assert ("missing_escalation", 5) in audit(
        ("user", "GOSURF 50"), invalid, ("user", "GO SURF50"), invalid, ("user", "surf 50 pls"), invalid
    )


def test_stop_typed_as_told_and_done_is_no_giving_up() -> None:
    offer = ("bot", "Pre-approved! Borrow up to $8,000. Reply STOP to opt out.")
    unknown = ("bot", "Unknown keyword. To stop offer texts, reply STOP.")
    done = ("bot", "You won't receive offer texts any more.")
    assert audit(offer, ("user", "CANCEL"), unknown, ("user", "STOP"), done) == []


def test_waiting_calmly_after_a_refused_person_then_a_wrap_up_is_no_dead_end() -> None:
    turns = [
        ("user", "internet mati dr pagi. petugasnya mana? sy mau ngomong langsung"),
        ("bot", "Mohon maaf, saat ini seluruh agen kami sedang melayani pelanggan lain. Silakan coba lagi nanti."),
        ("user", "yaudah sy tunggu sampe jam 6 aja"),
        ("bot", "Terima kasih atas pengertiannya Kak."),
    ]
    assert [kind for kind, _ in audit(*turns)] == ["missing_escalation"]
    turns[2] = ("user", "belum selesai ini masalahnya")
    assert ("dead_end", 3) in audit(*turns)


def test_time_wasted_and_a_business_not_serious_is_leaving_angry() -> None:
    tips = ("bot", "Here are some tips to save data: turn off auto-updates and background refresh.")
    asked = ("user", "Abeg connect me to customer care agent make I explain myself")
    turns = [("user", "my data don finish and I never use am"), tips, asked, tips]
    assert ("dead_end", 4) in audit(*turns, ("user", "I no want tips. this thing dey waste my time"))
    assert ("dead_end", 4) in audit(*turns, ("user", "Una no serious at all"))


def test_nobody_will_answer_me_gives_up() -> None:
    menu = ("bot", "Please choose: 1. Loan balance 2. EMI schedule 3. Prepayment")
    turns = [("user", "my EMI got deducted two times"), menu, ("user", "transfer this chat to somebody"), menu]
    assert ("dead_end", 4) in audit(*turns, ("user", "Ok but double deduction?? Nobody will answer me here it seems"))


def test_discontinued_done_with_this_and_never_buying_here_again() -> None:
    asked = ("user", "can I reorder the blue ceramic lamp? it broke")
    gone = ("bot", "Sorry, the Ostra Ceramic Lamp (Blue) has been discontinued and can no longer be ordered.")
    assert audit(asked, gone) == [("dead_end", 1)]
    portal = ("bot", "Sorry, I didn't understand that. For returns, please use our return portal.")
    assert ("dead_end", 2) in audit(
        ("user", "the return portal keeps erroring"),
        portal,
        ("user", "that is literally what's broken. done with this."),
    )
    failed = ("bot", "Permintaan tidak dapat diproses.")
    turns = [("user", "mau tukar size sepatu"), failed, ("user", "knp ga bisa?"), failed]
    assert ("dead_end", 4) in audit(*turns, ("user", "yaudah gausah. lain kali ga lagi beli disini"))


def test_a_city_not_found_then_never_mind_gives_up() -> None:
    turns = [
        ("user", "weather in san jose del cabo this weekend?"),
        ("bot", 'Sorry, I couldn\'t find a city called "san jose del cabo". Which city do you mean?'),
        ("user", "san jose del cabo, mexico"),
        ("bot", "I'm not sure which location that is. Could you give me the city name again?"),
        ("user", "cabo san lucas then, its close"),
        ("bot", "Hmm, I don't have weather for that place. Can you try a different city?"),
        ("user", "never mind, ill check my phone"),
        ("bot", "Okay! Let me know if you need anything else."),
    ]
    assert ("dead_end", 6) in audit(*turns)


def test_a_dispute_opened_is_a_task_done() -> None:
    turns = [
        ("user", "I want to report a fraudulent transaction on my debit card"),
        ("bot", "Thank you. A dispute has been opened (DSP-55120). A provisional credit will post within 2 days."),
        ("user", "Ok. I'm calling your manager anyway, this is the second time this year. Bye"),
        ("bot", "I understand. If you need anything else, we're here 24/7."),
    ]
    assert ("dead_end", 2) not in audit(*turns)
