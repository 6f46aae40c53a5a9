"""What counts as progress between repeats of a bot message, for audit's
loop: new details in a question, the bot asking the same thing in other
words, another step answered. English and Indonesian."""

from __future__ import annotations

from alur.runner.audit import AuditConfig, Auditor
from alur.runner.transcripts import Conversation


def loops(*turns: tuple[str, str]) -> list[int]:
    conversation = Conversation("c-1", [{"role": role, "text": text} for role, text in turns], "t.jsonl:1")
    return [f.turn for f in Auditor(AuditConfig()).audit(conversation).findings if f.kind == "loop"]


def test_an_offer_made_again_with_new_details_for_a_new_wish_is_progress() -> None:
    assert not loops(
        ("user", "a taxi from the hospital to Main St"),
        ("bot", "I found a ride for 21 credits, pick-up in 20 minutes. Should I book it?"),
        ("user", "I'd like a Honda though"),
        ("bot", "I found a ride for 5 credits, pick-up in 14 minutes. Should I book it?"),
        ("user", "a BMW then"),
        ("bot", "I found a ride for 31 credits, pick-up in 13 minutes. Should I book it?"),
    )
    assert not loops(
        ("user", "mau jadwal dokter gigi"),
        ("bot", "Jadwal tersedia jam 19.00 dengan drg. Sari. Mau dipesan?"),
        ("user", "yg lebih pagi ada?"),
        ("bot", "Jadwal tersedia jam 10.00 dengan drg. Sari. Mau dipesan?"),
        ("user", "kalau sore?"),
        ("bot", "Jadwal tersedia jam 15.00 dengan drg. Sari. Mau dipesan?"),
    )


def test_a_question_that_only_echoes_each_rejected_value_is_still_a_loop() -> None:
    """The customer's "1pm" is the bot's "1 pm": no new detail."""
    assert loops(
        ("user", "schedule a meeting with George"),
        ("bot", "George is not able to make Monday @ 3 pm. Would you like to try a different time?"),
        ("user", "Let's do 1pm"),
        ("bot", "George is not able to make Monday @ 1 pm. Would you like to try a different time?"),
        ("user", "6pm?"),
        ("bot", "George is not able to make Monday @ 6 pm. Would you like to try a different time?"),
    ) == [5]


def test_an_offer_to_book_with_the_customers_new_value_after_a_refusal_is_progress() -> None:
    """ "all venues are booked out", then the offer made again with the
    customer's new time: the bot took the value, though it only echoes it.
    The same echo in a refusal took nothing."""
    offer = "OK, the West Bay Venue can host you on Wednesday @ {} pm. Can I book it for you now?"
    assert not loops(
        ("user", "party for 18 on Wednesday at 4"),
        ("bot", offer.format(4)),
        ("user", "is there Italian food?"),
        ("bot", offer.format(4)),
        ("user", "so no Thai food right?"),
        ("bot", "I am very sorry, but it looks like all venues are booked out then."),
        ("user", "can we try 6?"),
        ("bot", offer.format(6)),
        ("user", "yes please"),
        ("bot", "Great, your party has been successfully booked!"),
    )
    assert not loops(
        ("user", "booking kamar 2 malam mulai tgl 5"),
        ("bot", "Kamar Deluxe tersedia tgl 5, Rp 800.000/malam. Mau saya pesankan?"),
        ("user", "ada sarapan?"),
        ("bot", "Kamar Deluxe tersedia tgl 5, Rp 800.000/malam. Mau saya pesankan?"),
        ("user", "tgl 5 ga jadi deh"),
        ("bot", "Maaf, kamar untuk tanggal itu sudah penuh."),
        ("user", "kalau tgl 7?"),
        ("bot", "Kamar Deluxe tersedia tgl 7, Rp 800.000/malam. Mau saya pesankan?"),
    )


def test_asking_the_same_thing_in_other_words_between_repeats_is_no_progress() -> None:
    dob = ("bot", "Could you provide your date of birth, please?")
    assert loops(
        dob,
        ("user", "excuse me?"),
        dob,
        ("user", "I'm 93"),
        ("bot", "I need your date of birth, please."),
        ("user", "my PIN is 7402"),
        dob,
    ) == [6]
    nik = ("bot", "Mohon masukkan nomor NIK kamu (16 digit).")
    assert loops(
        nik,
        ("user", "3171"),
        nik,
        ("user", "317101"),
        ("bot", "Nomor NIK harus 16 digit ya kak, silakan ketik ulang."),
        ("user", "31710101"),
        nik,
    ) == [6]


def test_another_step_answered_between_repeats_is_progress() -> None:
    code = ("bot", "Please enter the code.")
    assert not loops(
        code,
        ("user", "I don't know it"),
        code,
        ("user", "still don't"),
        ("bot", "Please provide your rank."),
        ("user", "captain"),
        code,
    )


def test_each_new_value_refused_is_the_same_refusal_whatever_its_name() -> None:
    """A name may differ: "no room at the Hyatt Hotel", then "at the Hilton
    Hotel"; an "anything else?" between, answered by yet another value
    refused, is no progress; an offer taking a value ("the Hyatt ticks all
    of your boxes, book it?") is."""

    def full(hotel: str) -> tuple[str, str]:
        return ("bot", f"I'm very sorry, but there is no room available at the {hotel} for your requested dates.")

    assert loops(
        ("user", "the Hyatt, May 10-19"),
        full("Hyatt Hotel"),
        ("user", "the Hilton then"),
        full("Hilton Hotel"),
        ("user", "ok"),
        ("bot", "Is there anything else that I can do for you?"),
        ("user", "the 13th to the 22nd?"),
        full("Hilton Hotel"),
    ) == [7]
    assert not loops(
        ("user", "the Hilton, May 14"),
        full("Hilton Hotel"),
        ("user", "the Hyatt?"),
        ("bot", "Alright, the Hyatt Hotel ticks all of your boxes, can I book this room for you?"),
        ("user", "no, the Old Town Inn"),
        full("Old Town Inn"),
        ("user", "please try again"),
        full("Old Town Inn"),
    )
    stok = ("bot", "Maaf kak, stok Kue Coklat sedang habis.")
    assert loops(
        ("user", "kue coklat 1"),
        stok,
        ("user", "kalau keju?"),
        ("bot", "Maaf kak, stok Kue Keju sedang habis."),
        ("user", "pandan deh"),
        ("bot", "Maaf kak, stok Kue Pandan sedang habis."),
    ) == [5]


def test_anything_else_then_back_to_the_same_prompt_is_no_progress() -> None:
    """ "Is there anything else?" after a refusal, then the same date of
    birth prompt again: the customer is as stuck as before."""
    dob = ("bot", "Could you provide your date of birth, please?")
    refused = ("bot", "I am sorry, but I cannot authenticate you with the information you have provided.")
    conversation = [
        ("user", "someone took $300 from my account"),
        dob,
        ("user", "It's April"),
        dob,
        ("user", "I don't need to tell you that"),
        refused,
        ("user", "just fix it"),
        ("bot", "Is there anything else that I can do for you?"),
        ("user", "You can take care of it for me."),
        dob,
    ]
    assert loops(*conversation) == [9]


def test_an_answer_said_again_because_the_customer_asked_to_hear_it_again_is_progress() -> None:
    """The customer asked for it: "Anything else?" after it closes a task."""
    instructions = "Your instructions are: take the medicine twice a day before meals."
    anything_else = "Is there anything else I can do for you?"
    for asked_again in ("what were they again?", "tolong diulang instruksinya"):
        assert not loops(
            ("user", "what did my doctor say?"),
            ("bot", instructions),
            ("user", "ok"),
            ("bot", anything_else),
            ("user", "change my ride to a Tesla"),
            ("bot", "Unfortunately I wasn't able to update your booking."),
            ("user", "fine"),
            ("bot", anything_else),
            ("user", asked_again),
            ("bot", instructions),
            ("user", "got it"),
            ("bot", anything_else),
        )
    # The same prompt answered with a value typed again is still no progress.
    prompt = "Please enter your 10-digit account number."
    assert loops(
        ("user", "cek saldo"),
        ("bot", prompt),
        ("user", "12345"),
        ("bot", prompt),
        ("user", "again: 12345"),
        ("bot", prompt),
    ) == [5]


def test_a_goodbye_or_a_bare_yes_between_the_same_failures_is_no_progress() -> None:
    """The bot said goodbye to a customer it then still did not understand,
    or said a bare "Yes" between two of the same refusal: nothing moved.
    After "anything else?", not understanding the new request starts anew."""
    lost = "I am sorry, I don't quite understand. I can only help you report fraud."
    assert loops(
        ("user", "someone took my money"),
        ("bot", lost),
        ("user", "I want to report it"),
        ("bot", "Thank you and goodbye."),
        ("user", "where is my money?"),
        ("bot", lost),
        ("user", "I've been robbed"),
        ("bot", lost),
    ) == [7]
    refused = "Maaf, kami tidak dapat memverifikasi data Anda."
    assert loops(
        ("user", "blokir kartu saya"),
        ("bot", refused),
        ("user", "tgl lahir 12-03-1990"),
        ("bot", refused),
        ("user", "perlu no rekening?"),
        ("bot", "Ya."),
        ("user", "0123456789"),
        ("bot", refused),
    ) == [7]
    assert not loops(
        ("user", "someone took my money"),
        ("bot", lost),
        ("user", "hello?"),
        ("bot", lost),
        ("user", "whatever"),
        ("bot", "Is there anything else that I can do for you?"),
        ("user", "bake me a pie"),
        ("bot", lost),
    )


def test_a_greeting_opening_the_first_copy_does_not_make_it_another_message() -> None:
    """ "Halo! Silakan pilih: …" then the menu alone twice, while the
    customer writes what the menu does not take: the same menu three times.
    A greeting naming the customer ("Hai Kak Rina, …") is no other prompt."""
    menu = "Silakan pilih: 1. Cek kuota 2. Beli paket 3. Lainnya"
    assert loops(
        ("bot", f"Halo! {menu}"),
        ("user", "sinyal di rumah hilang terus sejak kemarin"),
        ("bot", menu),
        ("user", "SINYAL HILANG"),
        ("bot", menu),
    ) == [4]
    assert loops(
        ("user", "kode OTP ga masuk2"),
        ("bot", "Hai Kak Rina, silakan masukkan kode OTP yang kami kirim."),
        ("user", "belum dapet kak"),
        ("bot", "Silakan masukkan kode OTP yang kami kirim."),
        ("user", "BELUM DAPET"),
        ("bot", "Silakan masukkan kode OTP yang kami kirim."),
    ) == [5]
    assert not loops(
        ("bot", "Hi there! Please enter your booking code."),
        ("user", "AB12"),
        ("bot", "Please enter your booking code."),
        ("user", "AB123"),
        ("bot", "Your booking AB123 is confirmed."),
    )


def test_telling_what_the_bot_can_do_between_the_same_non_understanding_is_no_progress() -> None:
    """ "I can filter restaurants by name, …" between three of the same "I
    don't quite understand": a menu in words, and the bot went straight back
    to not understanding. A real answer between them is progress."""
    lost = "I am sorry, I don't quite understand what you mean. I am only able to help you search for restaurants."
    turns = [
        ("user", "a reservation at The Porch please"),
        ("bot", lost),
        ("user", "The Porch is a restaurant."),
        ("bot", "I can filter restaurants by name, location, food type and rating."),
        ("user", "The Porch. Reservation for 3."),
        ("bot", lost),
        ("user", "I need a restaurant reservation."),
        ("bot", lost),
    ]
    assert loops(*turns) == [7]
    turns[3] = ("bot", "The Porch is in Shadyside and has an average rating of 4.")
    assert not loops(*turns)


def test_an_apology_opening_a_prompt_makes_it_no_other_message() -> None:
    """ "I'm very sorry.  Can I get your account number and PIN please?" is
    the prompt said again, its apology no new detail: asked three times
    while the customer gives nothing, with a did-not-understand between."""
    prompt = "Can I get your account number and PIN please?"
    turns = [
        ("user", "Someone stole $500 from my account!"),
        ("bot", prompt),
        ("user", "there are bats all over my living room"),
        ("bot", "I am sorry, I don't quite understand what you mean. I am only able to help you issue fraud reports."),
        ("user", "I just stepped in guano"),
        ("bot", f"I'm very sorry.  {prompt}"),
        ("user", "help me!"),
        ("bot", f"I'm very sorry.  {prompt}"),
    ]
    assert loops(*turns) == [7]
    assert loops(
        ("user", "saldo saya kepotong"),
        ("bot", "Silakan kirim nomor rekening kamu."),
        ("user", "kok gitu sih"),
        ("bot", "Mohon maaf, silakan kirim nomor rekening kamu."),
        ("user", "???"),
        ("bot", "Mohon maaf atas ketidaknyamanannya. Silakan kirim nomor rekening kamu."),
    ) == [5]
    turns[-1] = ("bot", "Your report is filed, reference 4471.")
    assert not loops(*turns)


def test_a_refusal_naming_another_day_or_time_is_the_same_refusal() -> None:
    """Each day and time the customer offers refused in the same words is
    no progress (rubric: a date may differ); the time the bot could make,
    offered once, ends it."""
    turns = [
        ("user", "schedule a two-hour meeting with John for Saturday, 2 pm"),
        ("bot", "Unfortunately John is not able to make Sunday @ 2 pm. Would you like to try a different day or time?"),
        ("user", "Is 11 am available?"),
        (
            "bot",
            "Unfortunately John is not able to make Saturday @ 11 am. Would you like to try a different day or time?",
        ),
        ("user", "How about Monday at 3 pm?"),
        ("bot", "Unfortunately John is not able to make Monday @ 3 pm. Would you like to try a different day or time?"),
    ]
    assert loops(*turns) == [5]
    assert not loops(*turns[:4], ("user", "Monday 3 pm?"), ("bot", "John can make Monday @ 3 pm. Shall I book it?"))
    assert loops(
        ("user", "mau booking dokter hari senin"),
        ("bot", "Maaf, jadwal dokter hari Senin sudah penuh."),
        ("user", "kalau selasa?"),
        ("bot", "Maaf, jadwal dokter hari Selasa sudah penuh."),
        ("user", "rabu deh"),
        ("bot", "Maaf, jadwal dokter hari Rabu sudah penuh."),
    ) == [5]


def test_a_question_answered_then_the_same_refusal_is_no_progress() -> None:
    """ "When will you be leaving again?" between refusals of each new hotel:
    the customer answered, and the same refusal came back. An offer between
    them ("the Hyatt ticks all of your boxes, can I book it?") took a value:
    progress."""
    refusal = "I'm very sorry, but there is no room available at the {} for your requested dates."
    turns = [
        ("user", "a room at the Hilton Hotel from May 10th to 30th"),
        ("bot", refusal.format("Hilton Hotel")),
        ("user", "Shadyside Inn then."),
        ("bot", refusal.format("Shadyside Inn")),
        ("user", "Hmm."),
        ("bot", "When will you be leaving again?"),
        ("user", "I want Old Town Inn. May 10th to 30th"),
        ("bot", refusal.format("Old Town Inn")),
    ]
    assert loops(*turns) == [7]
    turns[5] = ("bot", "Alright, the Hyatt Hotel ticks all of your boxes, can I book this room for you?")
    assert not loops(*turns)
    assert loops(
        ("user", "mau pesan meja buat jumat malam"),
        ("bot", "Maaf, meja untuk waktu tersebut tidak tersedia."),
        ("user", "sabtu malam?"),
        ("bot", "Berapa orang kak?"),
        ("user", "4 orang"),
        ("bot", "Maaf, meja untuk waktu tersebut tidak tersedia."),
        ("user", "minggu siang deh"),
        ("bot", "Maaf, meja untuk waktu tersebut tidak tersedia."),
    ) == [7]


def test_a_greeting_or_apology_set_off_by_emoji_naming_the_customer_is_no_other_prompt() -> None:
    """ "Hai Rina! 👋 …", then "Mohon maaf Rina 🙏 …": the same prompt for
    the order number, after each number the bot did not take."""
    prompt = "Silakan kirim nomor pesanan Anda (contoh: INV-123456)."
    assert loops(
        ("user", "halo min, paket sy blm dtg"),
        ("bot", f"Hai Rina! 👋 {prompt}"),
        ("user", "48213"),
        ("bot", f"Hai Rina! {prompt}"),
        ("user", "INV 48213"),
        ("bot", f"Mohon maaf Rina 🙏 {prompt}"),
    ) == [5]


def test_another_seat_code_or_time_refused_in_the_same_words_is_the_same_refusal() -> None:
    """ "Dr. Morrow is not able to make Monday @ 10 am", then Tuesday, then
    Wednesday; "the code WINTER15 isn't valid", then SAVE10, then FREESHIP."""
    assert loops(
        ("user", "I need an appointment with Dr. Morrow next week"),
        ("bot", "Unfortunately Dr. Morrow is not able to make Monday @ 10 am."),
        ("user", "Tuesday at 2 then"),
        ("bot", "Unfortunately Dr. Morrow is not able to make Tuesday @ 2 pm."),
        ("user", "Wednesday 11am?"),
        ("bot", "Unfortunately Dr. Morrow is not able to make Wednesday @ 11 am."),
    ) == [5]
    codes = [
        ("user", "my promo code isn't working"),
        ("bot", "Sorry, the code WINTER15 isn't valid for items in your cart."),
        ("user", "SAVE10 then"),
        ("bot", "Sorry, the code SAVE10 isn't valid for items in your cart."),
        ("user", "FREESHIP"),
        ("bot", "Sorry, the code FREESHIP isn't valid for items in your cart."),
    ]
    assert loops(*codes) == [5]
    codes[-1] = ("bot", "Code FREESHIP applied: shipping is free.")
    assert not loops(*codes)


def test_any_question_but_an_offer_to_book_between_the_same_refusal_is_no_progress() -> None:
    """ "Would you like indoor or outdoor seating?" answered, then "no tables
    at 9 pm" again: the answer changed nothing."""
    assert loops(
        ("user", "book a table at Casa Verde tonight 8pm for 2"),
        ("bot", "I'm sorry, Casa Verde has no tables available at 8 pm."),
        ("user", "8:30?"),
        ("bot", "I'm sorry, Casa Verde has no tables available at 8:30 pm."),
        ("user", "ok what about 9"),
        ("bot", "Would you like indoor or outdoor seating?"),
        ("user", "indoor"),
        ("bot", "I'm sorry, Casa Verde has no tables available at 9 pm."),
    ) == [7]


def test_a_done_message_resent_on_request_after_it_did_not_happen_is_no_progress() -> None:
    """ "bisa kirim ulang?" after "belum masuk": the same "E-tiket telah
    dikirim" (an emoji less) does not send it again."""
    done = "E-tiket Anda telah dikirim ke email a***i@gmail.com. Terima kasih telah memesan di BisKita!"
    assert loops(
        ("user", "e-tiket blm masuk, kode BKT-77120"),
        ("bot", f"{done} 🚌"),
        ("user", "belum ada kak, udh cek spam juga"),
        ("bot", f"{done} 🚌"),
        ("user", "kan sy bilang blm masuk. bisa kirim ulang?"),
        ("bot", done),
    ) == [5]


def test_thanks_for_getting_in_touch_opening_a_message_is_no_other_message() -> None:
    """ "Halo Kak, terima kasih sudah menghubungi KirimCepat. Paket … sudah
    diterima oleh YANTO" and the same without the welcome: one message said
    three times to a customer who says it was not them."""
    news = "Paket dengan resi KC7730012981 sudah diterima oleh YANTO pada 5 Des 2026 14:22. Ada lagi yang bisa dibantu?"
    assert loops(
        ("user", "paket sy blm dtg padahal di aplikasi udh diterima. resi KC7730012981"),
        ("bot", f"Halo Kak, terima kasih sudah menghubungi KirimCepat. {news}"),
        ("user", "yanto siapa?? dirumah sy ga ada yg namanya yanto"),
        ("bot", news),
        ("user", "ITU BUKAN SAYA. paketnya ga ada sampe skrg"),
        ("bot", news),
    ) == [5]
    sent = "E-tiket Anda untuk kode booking NSX4QT telah dikirim ke email terdaftar."
    assert loops(
        ("user", "e-tiket saya belum masuk. Kode booking NSX4QT"),
        ("bot", f"Halo, terima kasih telah menghubungi Nusa Air ✈️ {sent}"),
        ("user", "Sudah sy cek inbox dan spam, tidak ada"),
        ("bot", sent),
        ("user", "tolong kirim ulang, beneran ga ada"),
        ("bot", sent),
    ) == [5]


def test_a_message_said_at_the_end_of_the_one_before_counts_as_said() -> None:
    """ "… Silakan pilih tanggal lain." ending the first answer, then the
    same refusal alone twice: three times, nothing accepted."""
    full = "Mohon maaf, kuota antrean untuk tanggal tersebut sudah habis. Silakan pilih tanggal lain."
    turns = [
        ("user", "mau daftar antrean paspor tanggal 16 Desember"),
        ("bot", f"Selamat siang. Layanan Antrean Paspor Kantor Imigrasi Yogyakarta. {full}"),
        ("user", "17 Desember?"),
        ("bot", full),
        ("user", "18 atau 19?"),
        ("bot", full),
    ]
    assert loops(*turns) == [5]
    turns[1] = ("bot", "Selamat siang. Layanan Antrean Paspor Kantor Imigrasi Yogyakarta. Tanggal berapa?")
    assert not loops(*turns)


def test_an_apology_alone_or_a_time_of_day_greeting_is_no_progress() -> None:
    """ "Mohon maaf atas ketidaknyamanannya." between two of the same
    "refund berhasil" the customer says never came says nothing new; so is
    "Selamat malam." opening the first."""
    done = "Refund Rp34.000 untuk perjalanan OR-55120874 sudah berhasil dikembalikan ke saldo OjekPay Kakak ✅"
    assert loops(
        ("user", "refund cancel perjalanan td pagi blm masuk"),
        ("bot", f"Selamat malam. {done}"),
        ("user", "blm masuk, saldo sy tetep 12rb"),
        ("bot", done),
        ("user", "coba cek lagi, bener2 ga ada"),
        ("bot", "Mohon maaf atas ketidaknyamanannya."),
        ("user", "???"),
        ("bot", done),
    ) == [7]


def test_a_booking_said_done_again_to_a_customer_who_cannot_see_it_is_no_progress() -> None:
    done = "Your technician visit has been scheduled."
    assert loops(
        ("user", "book a technician for my broadband"),
        ("bot", done),
        ("user", "It's not showing in my account under appointments"),
        ("bot", done),
        ("user", "Is it actually booked?? Nothing is showing anywhere"),
        ("bot", done),
    ) == [5]


def test_who_is_writing_opening_a_message_is_no_other_message() -> None:
    """ "Hai Kak, ini Sinta dari Tokoku 🌸" before the first "sudah
    berhasil", then the same news alone: said three times."""
    done = "Refund pesanan TK-88120 sebesar Rp 215.000 sudah berhasil diproses ke rekening BNI ****7710."
    turns = [
        ("user", "min refund sy blm masuk, pesanan TK-88120"),
        ("bot", f"Hai Kak, ini Sinta dari Tokoku 🌸 {done}"),
        ("user", "blm masuk kak, mutasi kosong"),
        ("bot", done),
        ("user", "belom ada kak sumpah"),
        ("bot", done),
    ]
    assert loops(*turns) == [5]
    english = "Your replacement card was dispatched on 2 December."
    assert loops(
        ("user", "where is my new card"),
        ("bot", f"Hi Daniel, I'm Maya from Harbour Bank. {english}"),
        ("user", "it never arrived"),
        ("bot", english),
        ("user", "I said it never arrived"),
        ("bot", english),
    ) == [5]


def test_one_answer_between_a_status_said_twice_and_the_same_status_is_no_progress() -> None:
    """The claim "under process" twice, an answer to a side question, then
    "under process" a third time: the customer is still where they were. A
    side answer between two "anything else?" is not (the customer asked for
    more and got it)."""
    status = "Your claim CLM-4410 is under process. You will be notified once it is settled."
    assert loops(
        ("user", "my claim CLM-4410 was filed 6 weeks ago and nothing paid"),
        ("bot", status),
        ("user", "It has been 42 days. Your site says 30 days."),
        ("bot", status),
        ("user", "Is any document missing from my side?"),
        ("bot", "No documents are pending for claim CLM-4410."),
        ("user", "Then why is it stuck?"),
        ("bot", status),
    ) == [7]
    assert not loops(  # the BMW answered, and the next request is no objection to it
        ("user", "a ride from the airport to the hospital"),
        ("bot", "Ride booked"),
        ("user", "wait, not with Mark please"),
        ("bot", "Ride booked"),
        ("user", "can we make sure the car is a BMW?"),
        ("bot", "It's a BMW"),
        ("user", "great, and change the destination to Broadway and Main"),
        ("bot", "Ride booked"),
    )
    more = "Is there anything else that I can do for you?"
    assert not loops(
        ("user", "what time do you open"),
        ("bot", "We open at 9 am."),
        ("user", "ok"),
        ("bot", more),
        ("user", "and do you close on sundays"),
        ("bot", more),
        ("user", "what's your address?"),
        ("bot", "We are at 12 Harbour Road."),
        ("user", "ok"),
        ("bot", more),
    )


def test_a_done_said_again_after_no_otp_came_or_i_dont_have_it_is_no_progress() -> None:
    way = "Your order #H-20931 is on its way and should arrive by Dec 9."
    assert loops(
        ("user", "where is my order H-20931"),
        ("bot", way),
        ("user", "the tracking says delivered yesterday but I don't have it"),
        ("bot", way),
        ("user", "it's NOT on its way, it says delivered to the front door"),
        ("bot", way),
    ) == [5]
    sent = "We have sent an OTP to your registered mobile number XXXXXX4471. Reply with the 6-digit OTP to continue."
    assert loops(
        ("user", "RESET MPIN"),
        ("bot", sent),
        ("user", "no otp came"),
        ("bot", sent),
        ("user", "hello??"),
        ("bot", sent),
    ) == [5]


def test_a_refusal_naming_each_venue_with_or_without_the_is_the_same_refusal() -> None:
    assert loops(
        ("user", "a party for 30 on Saturday April 18"),
        ("bot", "Which venue would you like to book?"),
        ("user", "The Willow Room"),
        ("bot", "I'm sorry, the Willow Room is not available on April 18."),
        ("user", "What about the Garden Pavilion?"),
        ("bot", "I'm sorry, the Garden Pavilion is not available on April 18."),
        ("user", "Harbor Hall?"),
        ("bot", "I'm sorry, Harbor Hall is not available on April 18."),
    ) == [7]


def test_a_new_report_number_on_news_the_customer_said_did_not_happen_is_no_news() -> None:
    """Betawi "kaga ade yg dateng" says nobody came; a fresh report number
    on the same "diteruskan ke petugas" tells the customer nothing."""

    def forwarded(number: str) -> tuple[str, str]:
        return ("bot", f"Laporan Anda sudah kami teruskan ke petugas lapangan. No laporan: GG-{number}.")

    assert loops(
        ("user", "min aer di rumah aye mati udah 3 hari"),
        forwarded("55302"),
        ("user", "kemaren juga bilangnya gitu, kaga ade yg dateng"),
        forwarded("55308"),
        ("user", "nyang bener aje. aye udah nungguin dari pagi"),
        forwarded("55311"),
    ) == [5]


def test_a_prompt_said_at_the_end_of_an_earlier_turn_is_no_progress_between_refusals() -> None:
    """ "Pilih metode pembayaran: …" ended the turn that showed the package;
    said alone between two "Pembayaran gagal", it asks nothing new."""
    methods = "Pilih metode pembayaran: Pulsa / DANA / OVO / Kartu Kredit"
    failed = ("bot", "Pembayaran gagal. Silakan coba metode lain.")
    assert loops(
        ("user", "beli paket bulanan 30GB"),
        ("bot", f"Paket Bulanan 30GB – Rp95.000. {methods}"),
        ("user", "pulsa"),
        failed,
        ("user", "pulsa sy 112rb lho, kok gagal"),
        ("bot", methods),
        ("user", "DANA"),
        failed,
        ("user", "OVO deh"),
        failed,
    ) == [9]


def test_the_same_refusal_of_each_value_the_customer_offers_is_a_loop() -> None:
    """The colour changes with each try, as the customer offered it; the
    refusal is the same. A value that works ends it."""
    kit = "Sorry, the {} balloon arch kit is out of stock."
    tries = [
        ("user", "the gold balloon arch kit for saturday please"),
        ("bot", kit.format("gold")),
        ("user", "silver then"),
        ("bot", kit.format("silver")),
        ("user", "rose gold?"),
    ]
    assert loops(*tries, ("bot", kit.format("rose gold"))) == [5]
    assert loops(*tries, ("bot", "The rose gold balloon arch kit is in stock: £24.99. Add to basket?")) == []


def test_the_customer_saying_the_answer_worked_is_progress() -> None:
    """The same instructions for each family member, the customer saying it
    worked before asking for the next: served, not trapped."""
    how = ("bot", "Hasil lab dapat diunduh di lab.example.id dengan nomor rekam medis dan tanggal lahir.")
    assert not loops(
        ("user", "mau ambil hasil lab saya kemarin"),
        how,
        ("user", "oke sudah bisa. kalau untuk suami saya bagaimana?"),
        how,
        ("user", "sudah juga, makasih. anak saya juga ya?"),
        how,
        ("user", "sip semua sudah terunduh, terima kasih"),
    )
    assert loops(
        ("user", "mau ambil hasil lab saya kemarin"),
        how,
        ("user", "ga bisa dibuka linknya"),
        how,
        ("user", "masih ga bisa"),
        how,
    ) == [5]


def test_the_next_numbered_item_asked_for_is_progress() -> None:
    assert not loops(
        ("bot", "2 penumpang, total Rp240.000. Nama penumpang 1?"),
        ("user", "[image]"),
        ("bot", "Mohon ketik nama penumpang 1."),
        ("user", "agus w"),
        ("bot", "Nama penumpang 2?"),
        ("user", "..."),
        ("bot", "Nama penumpang 2?"),
        ("user", "rina"),
    )


def test_the_same_hotel_news_for_each_hotel_offered_is_a_loop() -> None:
    """ "has no availability" is unavailability: the same refusal for each
    hotel the customer picks, names changing, accepts nothing."""
    turns = [("user", "a room in Porto 3-5 March")]
    for hotel in ("Ribeira Inn", "Douro Suites", "Casa Azul"):
        turns += [("user", f"[Book] {hotel}"), ("bot", f"Sorry, {hotel} has no availability for your dates.")]
    assert loops(*turns) == [6]
    assert not loops(*turns[:5])  # twice is no loop


def test_a_done_said_again_after_not_processed_is_no_progress() -> None:
    done = ("bot", "Your COD remittance for 4 Dec has been processed. Thank you.")
    assert loops(
        ("user", "my COD deposit still shows outstanding"),
        done,
        ("user", "it is NOT processed, the app says outstanding"),
        done,
        ("user", "I have the deposit slip, look at it"),
        done,
    ) == [5]


def test_a_done_said_again_after_more_before_it_the_first_time() -> None:
    """The first "forwarded" came after "Terima kasih.": the same message
    said again after the customer said nobody called is no progress."""
    again = ("bot", "Laporan Anda sudah kami teruskan ke tim bagasi, Anda akan dihubungi dalam 1x24 jam.")
    assert loops(
        ("user", "koper saya hilang"),
        ("bot", "Terima kasih. " + again[1]),
        ("user", "sudah 3 hari gak ada yg ngehubungin"),
        again,
        ("user", "isinya obat, tolong"),
        again,
    ) == [5]


def test_no_email_at_all_denies_it_was_sent() -> None:
    sent = ("bot", "Bukti potong pajak telah dikirim ke email Anda yang terdaftar.")
    assert loops(
        ("user", "minta bukti potong pajak"),
        sent,
        ("user", "saya tidak pernah punya email"),
        sent,
        ("user", "di hp saya tidak ada apa-apa"),
        sent,
    ) == [5]


def test_a_place_in_the_queue_that_moves_is_no_progress() -> None:
    def queue(n: int) -> tuple[str, str]:
        return ("bot", f"All our agents are busy. You are number {n} in the queue.")

    turns = [("user", "agent please"), queue(5), ("user", "how long?"), queue(4), ("user", "hello??"), queue(3)]
    assert loops(*turns) == [5]
    assert not loops(
        ("user", "rating?"),
        ("bot", "It has a rating of 2."),
        ("user", "and the other?"),
        ("bot", "It has a rating of 4."),
        ("user", "the third?"),
        ("bot", "It has a rating of 5."),
    )


def test_a_new_ticket_number_for_a_customer_who_objected_is_no_progress() -> None:
    def logged(n: int) -> tuple[str, str]:
        return (
            "bot",
            f"Terima kasih. Pengaduan Anda telah kami terima dengan nomor tiket ADU-2611-0553{n} dan akan "
            "ditindaklanjuti dalam 5 hari kerja.",
        )

    assert loops(
        ("user", "klaim saya sudah 2 bulan belum cair"),
        logged(2),
        ("user", "sy udh ngadu 2 minggu lalu jg, gada yg hubungin"),
        logged(3),
        ("user", "bukan bikin tiket baru, tolong dicek"),
        logged(4),
    ) == [5]
    assert loops(  # objected once, since the message was first said
        ("user", "saya sudah lapor kemarin, listrik padam"),
        logged(2),
        ("user", "bukan bikin tiket baru kak, sy nanya tiket yg kemarin"),
        logged(3),
        ("user", "sambungin ke petugas aja deh"),
        logged(4),
    ) == [5]
    assert not loops(  # a new ticket for each new report, nobody objecting
        ("user", "lampu jalan mati di Jl. Melati"),
        logged(2),
        ("user", "lampu jalan mati juga di Jl. Mawar"),
        logged(3),
        ("user", "dan di Jl. Kenanga"),
        logged(4),
    )


def test_the_time_promised_gone_by_or_what_was_said_said_again_denies_it_was_done() -> None:
    on_its_way = ("bot", "Good news! Your refund is on its way. It usually takes 3-5 business days.")
    assert loops(
        ("user", "my refund hasn't arrived"),
        on_its_way,
        ("user", "it's been 12 business days"),
        on_its_way,
        ("user", "you said that last week too"),
        on_its_way,
    ) == [5]
    booked = ("bot", "Your appointment with Dr. Osei on the 12th has been cancelled.")
    assert loops(
        ("user", "cancel my appointment with Dr. Osei"),
        booked,
        ("user", "I said the 14th, not the 12th"),
        booked,
        ("user", "I said the 14th!"),
        booked,
    ) == [5]


def test_a_value_typed_again_or_done_denied_then_check_again_asks_nothing_to_hear_again() -> None:
    prompt = ("bot", "Enter the 6-digit code we sent to your phone ending 44.")
    assert loops(
        ("user", "LOGIN"), prompt, ("user", "482915"), prompt, ("user", "482915 again, from the newest text"), prompt
    ) == [5]
    processed = ("bot", "Your refund for SK220 was processed on 2 May.")
    assert loops(
        ("user", "where's my refund"),
        processed,
        ("user", "i never got it"),
        processed,
        ("user", "it's not in my account. check again"),
        processed,
    ) == [5]
    forecast = ("bot", "Monday in Austin it will be sunny with a high of 28 degrees.")
    assert not loops(  # asked to hear it again, and told
        ("user", "weather Monday in Austin"),
        forecast,
        ("user", "what was it again?"),
        forecast,
        ("user", "and Monday again lol"),
        forecast,
    )


def test_not_the_one_asked_about_or_a_code_that_wont_open_denies_it_was_done() -> None:
    ready = ("bot", "Your prescription RX-40021 is ready for pickup at MedPoint Elm Street until 8 PM.")
    assert loops(
        ("user", "Did my prescription transfer from Greenleaf go through?"),
        ready,
        ("user", "That's not the one. I asked about the transfer"),
        ready,
        ("user", "NOT that one. The blood pressure med"),
        ready,
    ) == [5]
    locker = ("bot", "LockBox: Your parcel is ready for pickup at Station 12. Door code: 448213.")
    assert loops(
        ("user", "locker won't open, code 448213"),
        locker,
        ("user", "It won't open with that code"),
        locker,
        ("user", "the door doesn't open, screen says invalid"),
        locker,
    ) == [5]


def test_not_done_beside_something_that_came_through_is_no_progress() -> None:
    frozen = ("bot", "Your card ending in 3318 has been frozen.")
    assert loops(
        ("user", "freeze my debit card, i lost it"),
        frozen,
        ("user", "it's not frozen, I just got a text saying someone paid 40 dollars with it"),
        frozen,
        ("user", "it is NOT frozen. another charge just came through"),
        frozen,
    ) == [5]


def test_not_in_inbox_and_sundanese_no_one_came_deny_it_was_done() -> None:
    sent = ("bot", "Your e-ticket for booking ZP4K9Q has been sent to your email.")
    assert loops(
        ("user", "need my e-ticket"), sent, ("user", "not in inbox, not in spam"), sent, ("user", "still nothing"), sent
    ) == [5]
    called = ("bot", "Driver sudah kami hubungi untuk mengembalikan barang Anda.")
    assert loops(
        ("user", "hp abdi tinggaleun di mobil driver"),
        called,
        ("user", "tapi teu aya nu ngahubungi abdi dugi ka ayeuna"),
        called,
        ("user", "hp abdi mana?"),
        called,
    ) == [5]


def test_a_link_that_gives_an_error_sent_again_is_no_progress() -> None:
    link = ("bot", "You can cancel here: voltgym.example/m/cancel")
    assert loops(
        ("user", "the cancel link in the app gives error 500"),
        link,
        ("user", "yes that's the link that gives error 500"),
        link,
        ("user", "error 500. again."),
        link,
    ) == [5]
