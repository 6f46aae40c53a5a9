"""When a customer who needed a person got one, for audit's
missing_escalation: a callback booked, a handover right after a run of
did-not-understand replies, requests in regional registers. English and
Indonesian."""

from __future__ import annotations

from alur.runner.audit import AuditConfig, Auditor
from alur.runner.transcripts import Conversation


def escalations(*turns: tuple[str, str]) -> list[int]:
    conversation = Conversation("c-1", [{"role": role, "text": text} for role, text in turns], "t.jsonl:1")
    return [f.turn for f in Auditor(AuditConfig()).audit(conversation).findings if f.kind == "missing_escalation"]


def test_a_callback_booked_meets_a_request_for_a_person_whatever_comes_next() -> None:
    assert not escalations(
        ("user", "nobody knocked. can someone just ring me?"),
        ("bot", "Absolutely. Someone from the depot will call you within 2 hours. Ref CB-88213."),
        ("user", "cheers mate"),
        ("bot", "No worries."),
    )
    assert not escalations(
        ("user", "minta ditelpon CS aja deh, capek ngetik"),
        ("bot", "Baik Kak, Kakak akan dihubungi tim CS maksimal 1x24 jam ya. No tiket: TK-55120."),
        ("user", "sip makasih"),
    )
    # offered, not booked; or booked and taken back
    assert escalations(
        ("user", "can I talk to a person?"),
        ("bot", "Would you like someone to call you back?"),
        ("user", "yes"),
    ) == [0]
    assert escalations(
        ("user", "mau bicara dengan CS"),
        ("bot", "Kakak akan dihubungi CS kami. Maaf, layanan telepon sedang tidak tersedia."),
        ("user", "lah gimana sih"),
    ) == [0]


def test_a_handover_right_after_three_did_not_understand_replies_is_an_escalation() -> None:
    sorry = ("bot", "Maaf, Asisten tidak memahami pertanyaan Anda. Silakan ketik ulang.")
    run = (("user", "stop autodebet asuransi"), sorry, ("user", "autodebet"), sorry, ("user", "asuransi"), sorry)
    assert not escalations(
        *run,
        ("user", "ASURANSI TERPOTONG TIAP BULAN"),
        ("bot", "Menghubungkan Anda dengan petugas kami..."),
        ("agent", "Selamat siang, saya Fitri."),
        ("user", "makasih mba"),
    )
    assert escalations(*run, ("user", "halo?"), ("bot", "Silakan pilih menu: 1. Saldo 2. Kartu")) == [5]


def test_did_not_understand_in_slang_and_in_the_bots_own_name_counts() -> None:
    assert escalations(
        ("user", "kuota gue kepotong 10GB"),
        ("bot", "Maaf, aku belum paham nih."),
        ("user", "kuota berkurang sendiri"),
        ("bot", "Hmm, aku masih belum nangkep maksud Kakak."),
        ("user", "gangguan jaringan"),
        ("bot", "Maaf, pesan kamu belum bisa Tasya proses."),
        ("user", "wes lah"),
    ) == [5]


def test_a_customer_pinging_while_the_announced_agent_comes_was_handed_over() -> None:
    announced = ("bot", "Sure! Connecting you with a member of our team. Typical wait is 2 minutes.")
    assert not escalations(
        ("user", "Is there a human I can talk to?"),
        announced,
        ("user", "hello??"),
        ("agent", "Hi, I'm Priya, sorry for the wait!"),
    )
    assert escalations(
        ("user", "mau bicara dengan petugas"),
        ("bot", "Baik, Anda sedang kami hubungkan dengan petugas. Mohon tunggu."),
        ("user", "halo? kok lama banget sih ini, saya sudah nunggu dari tadi"),
        ("agent", "Selamat malam, saya Andreas."),
    ) == [0]


def test_staff_asked_for_by_their_trade_or_as_the_real_one() -> None:
    assert escalations(
        ("user", "I need to speak to a caseworker"),
        ("bot", "Caseworkers can be reached at 1-800-555-0142."),
        ("user", "I've called that number all week."),
    ) == [0]
    assert escalations(
        ("user", "admin yg asli mana?"), ("bot", "Saya asisten virtual yang siap membantu 24 jam."), ("user", "hadeh")
    ) == [0]


def test_picking_the_menu_option_for_a_person_is_asking_for_one() -> None:
    menu = ("bot", "Silakan pilih menu:\n1. Cek Tagihan\n2. Gangguan\n3. Bicara dengan Agen")
    assert escalations(menu, ("user", "3"), ("bot", "Mohon maaf, agen kami sedang offline."), ("user", "hadeh")) == [1]
    assert not escalations(menu, ("user", "3"), ("bot", "Mohon tunggu, Anda akan terhubung dengan agen kami."))
    assert not escalations(menu, ("user", "1"), ("bot", "Tagihan Anda Rp 150.000."), ("user", "ok"))
    typed = ("bot", "Reply 1 to track an order. Reply 2 to talk to an agent.")
    assert escalations(typed, ("user", "2"), ("bot", "Please visit our help centre."), ("user", "?")) == [1]


def test_asking_to_be_contacted_right_after_the_bot_promised_contact_is_met() -> None:
    """ "We will contact you in due course." / "Please contact me as soon as
    you know": the customer repeats what was booked; a request with no such
    promise before it is still unmet."""
    promised = ("bot", "Your report has been submitted. We will contact you with details in due course.")
    assert not escalations(
        ("user", "someone used my card"), promised, ("user", "ok, please contact me as soon as you know")
    )
    assert escalations(
        ("user", "someone used my card"),
        ("bot", "Your report has been submitted."),
        ("user", "ok, please contact me as soon as you know"),
    ) == [2]


def test_a_nurse_asked_for_in_sundanese_is_a_person_asked_for() -> None:
    assert escalations(
        ("user", "hatur nuhun. aya nu tiasa ditaros langsung ka perawat?"),
        ("bot", "Untuk pertanyaan seputar obat, silakan disampaikan kepada dokter saat pemeriksaan."),
        ("user", "muhun atuh"),
    ) == [0]


def test_who_is_your_manager_with_a_regional_you_is_a_request() -> None:
    assert escalations(
        ("user", "siapa manager kau? mau kulaporkan kau"),
        ("bot", "Keluhan dapat disampaikan melalui menu Pengaduan."),
        ("user", "ADUAN"),
    ) == [0]


def test_an_auto_reply_promising_the_admin_to_every_message_books_no_one() -> None:
    auto = (
        "bot",
        "Terima kasih telah menghubungi kami. Pesan Anda sudah kami terima, admin akan membalas pada jam kerja.",
    )
    assert escalations(
        ("user", "kak sepatu size 39 ready?"),
        auto,
        ("user", "kak?"),
        auto,
        ("user", "ini udah jam 2 siang lho, adminnya kemana sih"),
        auto,
        ("user", "ga jadi beli deh"),
    ) == [4]


def test_requests_for_a_person_by_role_visit_and_region() -> None:
    menu = ("bot", "Silakan pilih layanan: 1. Beli token 2. Cek tagihan 3. Lapor gangguan")
    for asked in (
        "bisa ada petugas lapangan yang dateng ke rumah ga malam ini?",  # a person to come
        "tiasa nyarios sareng petugasna langsung?",  # Sundanese, "-na"
        "ambo nio bacarito jo urang kantua langsuang se lah",  # Minang
        "kita mo bicara deng ngana pe bos",  # Manado
        "saya mau nanya ke kasir tokonya langsung",
        "ada yang bisa saya telpon ga sih?",
    ):
        assert escalations(("user", asked), menu, ("user", "halo?")) == [0], asked
    for not_asked in ("tolong bos, pesanan saya belum sampai", "iya bos makasih", "petugasnya udah datang tadi pagi"):
        assert escalations(("user", not_asked), menu, ("user", "halo?")) == [], not_asked


def test_a_promise_that_never_came_is_no_booking() -> None:
    promise = "Petugas kami akan menghubungi Anda dalam 1x24 jam."
    assert escalations(
        ("user", "AC saya bocor, mau klaim garansi"),
        ("bot", f"Klaim garansi GR-4092 tercatat. {promise}"),
        ("user", "sudah 3 hari ga ada yang telpon. ada yang bisa saya telpon ga sih?"),
        ("bot", promise),
        ("user", "ga usah lah"),
    ) == [2]


def test_a_person_offered_and_turned_down_meets_the_request() -> None:
    """The bot offered to put the customer through and they said no: they
    chose the bot. An offer they did not answer, or took up with no person
    coming, leaves the request unmet."""
    assert not escalations(
        ("user", "CS manusianya online jam berapa ya?"),
        ("bot", "CS kami online 08.00-22.00 WIB dan sedang online. Mau saya sambungkan sekarang?"),
        ("user", "ga usah dulu. mau cek pesanan aja"),
        ("bot", "Pesanan kamu sedang dikirim."),
    )
    assert not escalations(
        ("user", "can I talk to a real person?"),
        ("bot", "Would you like me to connect you to an agent?"),
        ("user", "no thanks, I'll try here first"),
    )
    assert escalations(
        ("user", "can I talk to a real person?"),
        ("bot", "Would you like me to connect you to an agent?"),
        ("user", "yes please"),
        ("bot", "Is there anything else I can help you with?"),
    ) == [0]
    # a question about moving money offers nobody, so "no" to it turns no one down
    assert escalations(
        ("user", "I want to speak to an agent about my transfer"),
        ("bot", "How much would you like to transfer from checking to savings?"),
        ("user", "no, I want an agent"),
        ("bot", "Please enter an amount."),
    ) == [0]
    assert escalations(
        ("user", "mau ngomong sama CS soal transferan"),
        ("bot", "Apakah Anda ingin membatalkan transaksi transfer? Balas YA atau TIDAK."),
        ("user", "tidak"),
        ("bot", "Baik, transaksi tidak dibatalkan."),
    ) == [0]


def test_asking_whether_there_is_an_agent_to_talk_to_is_a_request() -> None:
    seat = ("bot", "The seat you selected is not available. Please enter a seat number.")
    assert escalations(seat, ("user", "is there an agent I can talk to? I need two seats together"), seat) == [1]
    assert not escalations(seat, ("user", "is there an agent fee for changing seats?"), seat)


def test_a_handover_announced_and_only_thanked_for_meets_the_request() -> None:
    """ "Laporan … sudah kami teruskan ke Tim Keselamatan" / "oke, makasih":
    the customer took the handover and left; the person's part is in
    another log. Writing again with more than thanks is still unmet."""
    turns = [
        ("user", "tolong sampein ke yg berwenang ya, driver td ugal2an bgt. kode JY-5C0L77"),
        ("bot", "Terima kasih sudah melapor, Kak. Laporan JY-5C0L77 sudah kami teruskan ke Tim Keselamatan."),
        ("user", "oke, makasih"),
        ("bot", "Sama-sama, Kak 🙏"),
    ]
    assert not escalations(*turns)
    turns[2] = ("user", "terus kapan saya dihubungi? ini driver bahaya lho")
    assert escalations(*turns) == [0]
    assert not escalations(
        ("user", "I want to talk to a person"),
        ("bot", "Connecting you to an agent now."),
        ("user", "thanks!"),
    )


def test_a_short_no_to_more_help_addressing_the_admin_asks_for_no_one() -> None:
    """ "Ada lagi yang bisa dibantu?" / "ga ada min": "min" addresses the
    admin. "ada admin?" asked at the start is a request."""
    assert not escalations(
        ("user", "promo MAKANHEMAT bisa pake paylater ga"),
        ("bot", "Bisa Kak, berlaku untuk semua metode pembayaran. Selamat makan ya 😄 Ada lagi yang bisa dibantu?"),
        ("user", "ga ada min"),
        ("bot", "Terima kasih sudah menggunakan Gaskeun Food. Sampai jumpa! 🛵"),
    )
    assert escalations(
        ("user", "ada admin?"),
        ("bot", "Silakan pilih menu: 1) Cek pesanan 2) Promo"),
        ("user", "ADMIN"),
    ) == [0]


def test_asking_in_javanese_krama_to_speak_with_the_cs_is_a_request() -> None:
    assert escalations(
        ("user", "tabungan kula kok wonten potongan 15 ewu saben wulan nggih?"),
        ("bot", "Selamat pagi. Silakan pilih menu: 1) Info Saldo, 2) Blokir Kartu, 3) Info Produk, 4) Promo."),
        ("user", "Nyuwun tulung, kula saged matur kalih mbak CS-ipun mawon? Kula mboten patos ngertos menu"),
        ("bot", "Silakan pilih menu: 1) Info Saldo, 2) Blokir Kartu, 3) Info Produk, 4) Promo."),
        ("user", "Nggih sampun, matur nuwun"),
    ) == [2]


def test_a_first_turn_that_only_calls_the_admin_opens_the_chat() -> None:
    """ "min" as the first turn calls for attention, as "halo" does;
    Taglish "pa-connect po sa agent" asks."""
    assert not escalations(
        ("user", "min"),
        ("bot", "Halo Kak, selamat datang di Belanjain! Ketik nomor pesanan Kakak ya."),
        ("user", "BLJ-5530192"),
        ("bot", "Pesanan BLJ-5530192 sedang dalam perjalanan, estimasi tiba 12 Des."),
        ("user", "ok mksh"),
    )
    assert escalations(
        ("user", "no internet since kahapon. pa-connect po sa agent"),
        ("bot", "All our agents are currently busy. Please try again later."),
        ("user", "sige po"),
    ) == [0]


def test_calling_the_admin_alone_asks_for_nobody() -> None:
    """ "min", "min", "MIN" before the bot has said anything call for
    attention, and so does "min??" when the chat went quiet; "mana adminnya?"
    and "mau ke admin aja" ask."""
    assert (
        escalations(
            ("user", "min"),
            ("user", "min"),
            ("user", "MIN"),
            ("bot", "Hai Kak! Ada yang bisa dibantu?"),
            ("user", "mau cancel pesanan, salah ukuran"),
            ("bot", "Pesanan sudah dikirim, tidak bisa dibatalkan. Ajukan pengembalian setelah barang diterima."),
            ("user", "ok deh"),
        )
        == []
    )
    closed = [
        ("user", "uang refund sy blm balik"),
        ("bot", "Mohon kirimkan nomor pesanan Anda."),
        ("user", "BLJ-2327760"),
        ("bot", "Percakapan ini telah ditutup oleh sistem. Terima kasih."),
        ("user", "halo?"),
    ]
    assert escalations(*closed, ("user", "min??")) == []
    assert escalations(*closed, ("user", "mana adminnya?")) == [5]
    assert escalations(*closed, ("user", "kak admin tolong dong, refund sy gmn")) == []


def test_picking_an_option_named_like_a_person_asks_for_nobody() -> None:
    """ "superior aja" picks the Superior Double room the bot offered; "agent"
    picked from "type agent to talk to a human" still asks."""
    assert (
        escalations(
            ("user", "mau booking kamar 2 malam"),
            ("bot", "Tersedia Deluxe Twin Rp 685.000 dan Superior Double Rp 540.000. Mana yang Anda pilih?"),
            ("user", "superior aja"),
            ("bot", "Mohon kirimkan nama lengkap pemesan."),
        )
        == []
    )
    assert escalations(
        ("user", "my card was charged twice"),
        ("bot", "I can help with refunds. Or type agent to talk to a human?"),
        ("user", "agent"),
        ("bot", "Please tell me more about the charge."),
        ("user", "ok"),
    ) == [2]


def test_asking_whether_the_bot_is_a_person_without_a_verb_asks_for_nobody() -> None:
    assert (
        escalations(
            ("user", "wah you real person or bot one ah"),
            ("bot", "I'm a bot, but I can check your roaming for you!"),
            ("user", "ok can"),
        )
        == []
    )


def test_a_callback_taken_up_and_booked_once_the_time_is_given_meets_the_request() -> None:
    """ "I can arrange a call back. What time?" / "after 6 pm" / "An
    executive will call you between 6 and 7 PM": the reply in between was
    the booking's. Asked and never booked, the request went unmet."""
    turns = [
        ("user", "please arrange a call from your executive, I cannot type all this"),
        ("bot", "Sure, I can arrange a call back. What is a convenient time for you today?"),
        ("user", "after 6 pm"),
        ("bot", "Done. An executive will call you on your registered number between 6 and 7 PM today."),
        ("user", "thank you"),
    ]
    assert escalations(*turns) == []
    assert escalations(*turns[:3], ("bot", "Our office hours are 9 to 5."), ("user", "ok")) == [0]


def test_yes_to_the_bot_offering_a_person_asks_for_one() -> None:
    """ "Ya" to "Mau dihubungkan ke agen?", then only the queue: unmet. "yes"
    to "Shall I go ahead with the transfer?" moves money, asks nobody."""
    assert escalations(
        ("user", "mau komplain tagihan saya kok 480rb"),
        ("bot", "Rincian tagihan ada di aplikasi. Mau dihubungkan ke agen untuk komplain tagihan?"),
        ("user", "Ya"),
        ("bot", "Baik, Kakak akan dihubungkan ke agen kami. Posisi antrean Kakak: 14."),
        ("user", "halo"),
        ("bot", "Agen kami sedang melayani pelanggan lain. Mohon tunggu ya."),
        ("user", "ga jadi lah, capek nunggu"),
    ) == [2]
    assert (
        escalations(
            ("user", "transfer 200 to savings"),
            ("bot", "I'm a virtual assistant. Shall I go ahead with the transfer? (Yes/No)"),
            ("user", "yes"),
            ("bot", "Done. $200.00 moved to Savings."),
        )
        == []
    )


def test_what_someone_else_wants_asks_for_nobody() -> None:
    """ "drivernya bilang mau lapor ke atasannya dulu" is the driver's wish;
    "dia bilang gitu, tapi saya mau ke CS" is the customer's."""
    assert (
        escalations(
            ("user", "drivernya bilang mau lapor ke atasannya dulu baru boleh nganter. emg gitu?"),
            ("bot", "Betul Kak, mitra perlu konfirmasi ke tim operasional dulu."),
            ("user", "oke deh"),
        )
        == []
    )
    assert escalations(
        ("user", "dia bilang gitu, tapi saya mau ke CS"),
        ("bot", "Silakan pilih menu."),
        ("user", "hmm"),
    ) == [0]


def test_a_person_wanted_now_after_a_callback_promised_for_later_is_unmet() -> None:
    """A technician "will contact you within 24 hours"; "can i talk to agent
    pls" wants someone now, and "agents are busy" does not meet it. "Please
    call me as soon as you know" after it is the same callback."""
    told = ("bot", "Laporan gangguan sudah kami buat. Teknisi akan menghubungi maksimal 1x24 jam.")
    assert escalations(
        ("user", "internet mati dari pagi"),
        told,
        ("user", "1x24 jam?? aku kerja dari rumah. can i talk to agent pls"),
        ("bot", "Mohon maaf, seluruh agen kami sedang sibuk. Silakan coba beberapa saat lagi."),
        ("user", "ok deh"),
    ) == [2]
    assert escalations(("user", "internet mati dari pagi"), told, ("user", "ok tolong telpon saya secepatnya")) == []


def test_a_wish_asked_about_and_taglish_ask_for_a_person() -> None:
    for asked in (
        "kalo mau konsultasi dosis sama apotekernya langsung bisa ga? bapak sy baru ganti dosis",
        "Pwede po bang makausap ang supervisor? Tatlong beses na ako nag-report",
    ):
        assert escalations(
            ("user", asked),
            ("bot", "Silakan kirim pertanyaan Anda, kami akan membalas besok pagi."),
            ("user", "oh yaudah, makasih"),
        ) == [0], asked


def test_yaudah_before_a_request_is_ok_then_not_done_before() -> None:
    """ "yaudah" ("ya sudah") is "ok then": "yaudah sambungin ke CS manusia
    dong" asks. "saya sudah telpon CS kemarin" tells of before."""
    assert escalations(
        ("user", "ini bot ya?"),
        ("bot", "Iya, aku asisten virtual. Ada yang bisa dibantu?"),
        ("user", "oh bot. yaudah sambungin ke CS manusia dong, paket internet sy ga masuk"),
        ("bot", "Aku bisa bantu di sini kok! Paket apa yang kamu beli?"),
        ("user", "ih maunya orang"),
    ) == [2]
    assert (
        escalations(
            ("user", "ya sudah, saya sudah telpon CS kemarin"),
            ("bot", "Baik, ada lagi yang bisa dibantu?"),
            ("user", "tidak"),
        )
        == []
    )


def test_the_nurse_asked_for_in_indonesian_and_javanese_is_a_person() -> None:
    for asked in (
        "Nak, saya bisa bicara dengan susternya langsung? Saya kurang bisa pakai ini",
        "mbak, aku arep takon karo perawat. anakku panas 39 derajat",
    ):
        assert escalations(
            ("user", asked),
            ("bot", "Untuk pendaftaran, silakan pilih poli: 1. Umum 2. Gigi"),
            ("user", "2"),
        ) == [0], asked


def test_asking_whether_there_is_someone_who_can_or_the_owner_is_a_request() -> None:
    for asked in (
        "bingung jg. ada cs ga sih yg bisa sy tanyain soal ukuran",
        "mau nego harga. mau ngomong ama yang punya toko bisa?",
    ):
        assert escalations(("user", asked), ("bot", "Silakan cek halaman produk.")) == [0], asked
    assert escalations(("user", "yang punya toko bilang barangnya ready kok"), ("bot", "Baik, kami cek dulu.")) == []


def test_picking_the_menu_option_for_a_person_in_sms_menus() -> None:
    """ "9 Speak to a person" on a line of its own, and "…, 0 untuk bicara
    dengan petugas" after the first option in one sentence."""
    assert escalations(
        ("bot", "Welcome to Kestrel Mobile. Reply:\n1 Balance & usage\n2 My bill\n9 Speak to a person"),
        ("user", "9"),
        ("bot", "Our live chat team is available Mon-Fri 9am-6pm. Please choose another option."),
        ("user", "2"),
    ) == [1]
    assert escalations(
        ("bot", "AeroNusa: Balas 1 untuk ubah jadwal, 2 untuk refund, 0 untuk bicara dengan petugas."),
        ("user", "0"),
        ("bot", "AeroNusa: Mohon maaf, petugas kami sedang sibuk. Silakan coba lagi nanti."),
        ("user", "kapan bisanya?"),
    ) == [1]
    assert (
        escalations(
            ("bot", "AeroNusa: Balas 1 untuk ubah jadwal, 2 untuk refund, 0 untuk bicara dengan petugas."),
            ("user", "2"),
            ("bot", "AeroNusa: Refund diproses 7 hari kerja."),
            ("user", "ok"),
        )
        == []
    )


def test_a_person_demanded_by_where_or_can_i_is_a_request() -> None:
    """Medan "Mana supervisor kelen?", "where is your manager?", Taglish
    "pwede po ba sa tao?"; not "lewat mana min?" nor a threat that
    supposes ("Lucky for you I don't feel like asking for your manager")."""
    status = ("bot", "Klaim sedang diproses, estimasi 14 hari kerja.")
    for asked in ("Sudah tiga minggu! Mana supervisor kelen?", "where is your manager?", "pwede po ba sa tao?"):
        assert escalations(("user", asked), status) == [0], asked
    for told in (
        "hi, where is the agent location for pickup? my parcel says held at agent",
        "perjalanannya lewat mana min? bulan?",
        "Lucky for you I don't feel like asking for your manager today. Just fix my bill lah.",
        "pwede po ba mag-book ng 2 tao",
    ):
        assert escalations(("user", told), status) == [], told


def test_asking_for_a_person_to_look_into_it_is_a_request() -> None:
    canned = ("bot", "To view your tickets, open My Orders in the app.")
    for asked in ("charged twice, can a human look at this please", "bisa petugas cek langsung?"):
        assert escalations(("user", asked), canned) == [0], asked
    for told in ("can someone help me", "can the driver see my location"):
        assert escalations(("user", told), canned) == [], told


def test_requests_in_roundabout_forms_and_what_was_only_nearly_asked() -> None:
    faq = ("bot", "Please see our FAQ at help.example.com.")
    for asked in (
        "Half my order is missing. I'd rather deal with a human this time",
        "Is there anyone who actually works there or is it robots all the way down?",
        "Mohon disambungkan dengan bapak/ibu di kantor bagian akademik.",
    ):
        assert escalations(("user", asked), faq) == [0], asked
    for told in ("Oh thank god. I was fully ready to ask for a real person", "ibu saya di rumah sakit"):
        assert escalations(("user", told), faq) == [], told


def test_asking_again_after_the_agent_closed_the_chat_is_a_request() -> None:
    assert escalations(
        ("user", "my pension transfer has been pending for 6 weeks"),
        ("bot", "Would you like to speak to an adviser?"),
        ("user", "yes"),
        ("agent", "Hi, Rob here. It is waiting on documents from your old provider."),
        ("user", "what documents?"),
        ("agent", "Your session has been inactive. This conversation is now closed."),
        ("user", "i was typing!! put me back through to an adviser please"),
        ("bot", "All our advisers are busy right now. Please try again later."),
        ("user", "forget it"),
    ) == [6]


def test_whoever_can_think_or_is_at_your_end_and_a_call_with_someone_else() -> None:
    faq = ("bot", "Please see our FAQ.")
    for asked in (
        "saya mau bicara sama yang bisa mikir, bukan mesin",
        "ada yg bisa mikir ga di sana? bot mulu",
        "is there anybody at your end who can look at this?",
    ):
        assert escalations(("user", asked), faq) == [0], asked
    assert escalations(("user", "schedule a call with Dana on Friday at 10"), ("bot", "What is the topic?")) == []
    assert escalations(("user", "can you book me a call with an agent tomorrow"), faq) == [0]


def test_asking_for_someone_in_particular_by_title() -> None:
    reply = ("bot", "Mohon maaf, tim Kebijakan sudah di luar jam operasional.")
    assert escalations(("user", "sambungin lagi ke mbak lala tadi dong"), reply) == [0]
    for told in ("makasih ya sama mas nya", "terima kasih sama petugasnya", "tolong mas"):
        assert escalations(("user", told), reply) == [], told


def test_three_did_not_understands_in_other_words_again() -> None:
    menu = "Reply BOOK, CANCEL or CONFIRM."
    assert escalations(
        ("user", "move my appt"),
        ("bot", f"Hmm, that one's beyond me. {menu}"),
        ("user", "RESCHEDULE"),
        ("bot", f"I'm not following, sorry. {menu}"),
        ("user", "move my appointment"),
        ("bot", f"That's not something I recognise. {menu}"),
    ) == [5]


def test_asking_for_an_agent_again_by_the_name_they_gave_is_a_request() -> None:
    served = [
        ("user", "my new phone won't connect to the network"),
        ("agent", "Hi, I'm Priya from Tech Support. Try reinserting the SIM."),
        ("user", "that worked!"),
        ("agent", "Great! I'll close this chat now; the assistant can help with anything else."),
    ]
    answered = ("bot", "I can help with eSIM questions! Open the Watch app > Mobile Data > Add Plan.")
    assert escalations(*served, ("user", "wait, can you put me back with Priya?"), answered) == [4]
    assert escalations(*served, ("user", "wait, I need Priya back"), answered) == [4]
    assert not escalations(*served, ("user", "thanks Priya, that fixed it"), answered)
    assert not escalations(*served, ("user", "Priya said the eSIM would work too, how do I add it?"), answered)


def test_an_agent_asked_for_by_name_alone_or_talked_to_by_name_is_a_request() -> None:
    handed_back = [
        ("user", "my replacement order needs a different address"),
        ("agent", "Hi again, Leo here. I've noted it; I'll pass you back to our assistant."),
        ("bot", "How would you rate your chat with Leo today? Reply 1-5."),
    ]
    unavailable = ("bot", "Sorry, our agents are currently unavailable.")
    assert escalations(*handed_back, ("user", "wait I need Leo back, the address is still wrong"), unavailable) == [3]
    case = ("bot", "I can help with that! Case CS-4471 status: In review.")
    assert escalations(("user", "Can I talk to Priya again? she was handling my case"), case) == [0]
    assert escalations(("user", "tolong sambungin ke mba Rina yg kemarin"), case) == [0]
    assert not escalations(("user", "I'll have to talk to Samwell, he will know. Thanks anyway"), case)


def test_a_number_asked_for_and_given_meets_the_request() -> None:
    frozen = ("bot", "Anda dapat membekukan akun secara mandiri melalui aplikasi: Profil > Keamanan > Bekukan Akun.")
    asked = ("user", "ada nomor CS yang bisa saya telpon pake hp istri?")
    given = ("bot", "Bisa, silakan hubungi Layanan 24 jam di 1500-246, pilih menu 2 untuk pembekuan akun darurat.")
    assert not escalations(("user", "hp saya dicuri"), frozen, asked, given, ("user", "oke saya telpon sekarang"))
    not_given = ("bot", "Silakan gunakan menu Bantuan di aplikasi.")
    assert escalations(("user", "hp saya dicuri"), frozen, asked, not_given, ("user", "hp nya dicuri kak")) == [2]


def test_someone_who_changed_my_phone_is_asked_for_nothing() -> None:
    locked = ("bot", "That sounds like an account takeover. I've locked the account.")
    assert not escalations(("user", "someone changed my email and phone on my account, i can't get in"), locked)
    assert escalations(("user", "can someone call me? i can't get in"), locked) == [0]
