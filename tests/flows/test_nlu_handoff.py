"""Built-in detection of requests for a human agent."""

from __future__ import annotations

import pytest

from alur.flows.nlu import is_handoff_request
from alur.flows.nlu.lexicon import read_lines


@pytest.mark.parametrize(
    "turn",
    [
        # the contract's list, Indonesian and English
        "give me a human",
        "is there a human I can talk to?",
        "agen",
        "CS",
        "admin",
        "operator",
        "manusia",
        "orang asli",
        "human",
        "agent",
        "real person",
        "customer service",
        "mau ngomong sama orang",
        "talk to a person",
        # as customers type them
        "mau ngomong sama CS aja",
        "gk mau bot, mau ngomong sama CS",
        "CS dong!",
        "minnnn",
        "adminnya mana sih?",
        "cs nya dong kak",
        "tolong sambungkan ke customer service",
        "mau ke admin aja kak",
        "bisa bicara dengan petugas?",
        "Saya mau bicara dengan orang asli",
        "saya tidak mau bot, mau manusia",
        "I want to talk to a human",
        "can I speak to an agent please",
        "Agent pls",
        "get me a manager",
        "I do not want a bot I want a human",
        "speak to someone",
        # asking where the agent is, or for one right now
        "admin mana sih",
        "mana adminnya",
        "halo, CS mana?",
        "where is the agent",
        "agent now",
        "agent please",
        "CS sekarang dong",
        # cue words and whole phrases
        "bisa sambungkan ke CS?",
        "connect me to someone",
        "please transfer me to a person",
        "saya mau komplain ke orang langsung",
        "mau ngomong langsung sama orang",
        # asked where, impatiently; staff by other names; chat spellings of "telepon"
        "CS mana sih lama bgt",
        "mau bicara dgn pegawai bank",
        "sy mau telp call center aja",
        "i want to talk to your staff",
        # asking for the bot's superior (issue 11)
        "Who's you manager? I want to report you",
        "mau komplain ke atasan kamu",
        "saya minta bicara dengan supervisor",
        "tolong hubungkan saya dengan pihak bank",
        "tarif tol di struk sy dobel, tolong oper ke orang",
        "live chat dong",
        "minta eskalasi",
        "tolong telpon saya",
        "please escalate this",
        "call me back",
        "put me through to an agent",
        "adminnya ada ga?",
        "sy mau diteleponin cs",
        "mau dilayani orang aja",
        "bisa ke agent ga",
        "saya perlu bantuan cs",
        "can a real agent help me",
    ],
)
def test_handoff_request(turn):
    assert is_handoff_request(turn)


@pytest.mark.parametrize(
    "turn",
    [
        # addressing the bot, not asking for a human (contract's own test example)
        "min, pesanan sy blm sampe",
        "pesanan saya belum sampai min",
        "halo admin",
        "Halo CS, saya mau tanya ongkir",
        "halo admin, mau tanya ongkir",
        "min mana pesanan sy",  # "admin, where is my order"
        # talking about humans, not asking for one (real STAR turns)
        "Not meant for human use",
        "Are you a robot or a human?",
        # questions and remarks about the bot's nature (issue 11), people mentioned in passing
        "is this a real person??",
        "are you a human?",
        "kamu manusia apa bukan sih wkwk",
        "You sound like an actual person.",
        "The party is for my friend John he just got promoted to manager.",
        "You are lucky I do not ask for your manager!",
        # telling what already happened or what someone said
        "td sy udh telpon CS",
        "kurirnya bilang hubungi cs",
        "I already talked to an agent",
        "ada admin fee ga?",
        "bisa transfer ke rekening lain?",
        "pesanan sy dimana min?",
        "operator mana yang paling murah?",
        "Selamat pagi kak admin, mau cek resi",
        "terima kasih admin atas bantuannya",
        # mentions
        "cs kalian lambat banget balasnya",
        "operator seluler saya telkomsel",
        "mau jadi agen pulsa",
        "the agent said it would arrive today",
        "paket dikirim ke orang lain",
        "transfer ke orang tua saya",
        "I sent the money to someone by mistake",
        # negated
        "tidak perlu ke agen",
        "gak usah ke cs",
        "I do not need to talk to a human",
        "no need for an agent, thanks",
        # word boundaries
        "focus",
        "physics",
        "discuss",
        "administrasi pajak",
        # ordinary turns
        "cek pesanan",
        "halo",
        "",
        # "-nya" mentioning what the agent said, not asking for one
        "kemarin CS nya blg refund 3 hari, kok blm masuk",
        "pegawai bank bilang saldo aman",
    ],
)
def test_not_a_handoff_request(turn):
    assert not is_handoff_request(turn)


@pytest.mark.parametrize("name", ["handoff_id.txt", "handoff_en.txt", "handoff_asked.txt"])
def test_every_listed_phrase_alone_is_a_request(name):
    """Extending a list works without code: each line, sent alone, hands off."""
    for _, phrase in read_lines(name):
        assert is_handoff_request(phrase), phrase


def test_every_negation_cancels_a_listed_phrase():
    for _, negation in read_lines("handoff_negations.txt"):
        turn = negation + " manusia"
        assert not is_handoff_request(turn), turn


@pytest.mark.parametrize(
    "turn",
    [
        "ada orang yg bisa aku telpon?",  # someone, then a verb of contacting
        "aya jalmi nu tiasa dihubungi teu?",  # Sundanese, "di-...-i" passive
        "Can someone just call me?",
        "got anyone i can talk to or not",
        "Is there a human I could speak with, maybe?",
        "mohon disambungkan ke petugas mawon",  # "disambungkan" read as "sambung"
        "Mohon disambungkan ke bagian teknis saja",  # a department asked for
        "manusianya mana sih ini",
        "Please arrange a callback from concerned person.",
        "sambungin lagi ke orangnye tadi",  # a verb of contacting, then "to" someone (Betawi "-nye")
        "iso ngomong karo wong e langsung ora?",  # Javanese "with a person"
        "could you connect me with someone",
        "admin yg tadi mana?",  # where the one from before is
        "bisa bicara dengan perawat jaga?",  # staff named by their trade
        "I need someone who can actually decide on this, not a policy paste",  # someone with authority
        "tolong carikan orang yang bisa ambil keputusan",
        "kok bot terus sih, mana orangnya",
        "please have an agent contact me",
        "mau diteleponin aja",
        "I would like to file a formal complaint with a manager",  # complaining, then "with" the manager
    ],
)
def test_request_by_its_structure(turn):
    assert is_handoff_request(turn)


@pytest.mark.parametrize(
    "turn",
    [
        "nanti saya telpon orang rumah dulu",  # the customer calls someone
        "I called someone at the bank",
        "someone called me from your office",
        "bagian mana yang rusak?",
        "saya sudah ke bagian depan",
        "saya sudah bicara dengan orang bank kemarin",  # done before
        "I talked to someone yesterday",
        "nanti aku telpon ke orang rumah",  # the customer's own people
        "Hopefully someone who can see them at the same time as me",  # a doctor for the kids
        "orangnya baik kok",
        "No, I'll try a different clinic with an actual person. Bye now.",  # going elsewhere
    ],
)
def test_someone_and_a_call_that_ask_for_no_one(turn):
    assert not is_handoff_request(turn)


@pytest.mark.parametrize(
    "turn",
    [
        # handed to a person: a verb of contacting or handing, "to"/"with", the person
        "could you pass me on to a colleague who handles it?",
        "put me in touch with your billing team",
        "udah, kasih ke petugas aja",
        "oper aja ke tim teknis",
        # wanting a person
        "I need the duty manager",
        "I'd like a supervisor to look at this",
        "aku butuh orang, bukan jawaban otomatis",
        # a person who can
        "ada cs yg bisa bantu ga?",
        "is there someone there who can read what I write?",
        # served by a person
        "bisa minta dibantu tim teknis langsung?",
        "saya mau ditangani oleh petugas",
        # a call to me
        "telpon aja gw",
        "could you call me back after 5",
        "I want a call today",
        # a person, not the bot; a person alone
        "CSR pls. Not bot.",
        "tolong bales chat aku, jgn bot mulu, admin",
        "ugh, human please",
        "Someone else. A person.",
        # someone who knows, with no person word
        "kak tolong oper ke yg lebih ngerti deh",
        "pass me to whoever knows",
        # someone on duty, asked about
        "ada orang yg jaga ga sih disini",
        "adakah petugas yang bertugas?",
        "Is there anyone at all working there?",
        "Who's in charge there? I want to speak to whoever manages this",
        # someone the customer can reach
        "Is there a manager I can speak to?",
        "can i speak to the receptionist instead?",
        "gw mau ngomong ama yg jaga lah",  # whoever is on duty
        "Sambungkan lah aku sama orang lab itu, biar cepat",  # the business's people
        "pwede po ba makausap yung tao? hindi bot",  # Taglish
        "third complaint number. connect me to your senior",
        "ada yang bisa ambil keputusan ga di situ? sy ga mau ngomong sama mesin",
    ],
)
def test_request_by_its_shape(turn: str) -> None:
    assert is_handoff_request(turn), turn


@pytest.mark.parametrize(
    "turn",
    [
        "mau booking 2 orang",  # people counted
        "sy mau pindah operator",  # wanting another network, not a person
        "sy salah transfer ke rekening org",  # someone's account
        "why are you calling me?",
        "my friends call me John",
        "can you call me a taxi?",
        "please don't call me anymore",
        "So someone will call me tomorrow, right?",
        "I also need to call an Uber.",
        "If I wanted to speak to someone, would that cost extra?",
        "pengen tau aja, kalau saya minta ngomong sama orang itu bisa ga?",
        "kirain org beneran",
        "Would a real person give me a different answer?",
        "kemarin udh minta disambung ke agen tp beres sendiri",
        "HELLO, is anyone there?!?",
        "Don't you need to know what it is for? Someone took $500.",
        "Admin, paket saya belum sampai",
        "is anyone working on my order?",  # being worked on, not someone on duty
        "you're lucky I'm not asking for your manager yet",  # a threat, not a request
        "it said that 20 min ago. you're lucky i'm too hungry to ask for your manager",
        "there is a manager i can talk to tomorrow at the store",  # tells, does not ask
        "schedule a meeting with whoever is available",  # a meeting, not a handover
        "ada orang yang kerja di rumah jadi paket bisa dititip",  # tells, does not ask
        "pesanan saya dikirim ke yang salah",  # "yang" and no one who knows
        "wah cepet bgt, saya kira tadi manusia yg bales",  # what the customer thought
        "udahlah ribet amat. sy tanya langsung ke tokonya aja",  # the customer going elsewhere themselves
    ],
)
def test_a_shape_without_an_ask_is_no_request(turn: str) -> None:
    assert not is_handoff_request(turn), turn


@pytest.mark.parametrize(
    "turn",
    ["kalau bisa sambungkan ke CS", "would you connect me to an agent?", "I would like an agent"],
)
def test_politeness_is_not_supposing(turn: str) -> None:
    assert is_handoff_request(turn), turn


@pytest.mark.parametrize(
    "turn",
    [
        "can u connect me w someone pls",  # "w" as chat writes "with"
        "escalate this to a supervisor now",
        "transfer me to technical support",
        "is anybody real reading this?",
        "mimin tolong bales manual ya",
        "mau langsung ke admin aja",
        "ada cs yg online ga?",
    ],
)
def test_request_in_vocabulary_round_six(turn: str) -> None:
    assert is_handoff_request(turn), turn


def test_needing_a_doctor_appointment_asks_for_no_one() -> None:
    """STAR's doctor-booking task (star-6413): a doctor booked, no person asked for."""
    assert not is_handoff_request("I need a doctor appointment with Dr. Lee on Friday")


def test_doing_it_oneself_is_no_request_but_wanting_it_is() -> None:
    """ "sy tanya langsung ke tokonya aja" tells what the customer will do;
    with a word of wanting or asking it asks the bot."""
    assert not is_handoff_request("aku telpon sendiri aja ke cs nya")
    assert is_handoff_request("saya mau tanya ke CS aja")
    assert is_handoff_request("tanya langsung ke cs aja")


@pytest.mark.parametrize(
    "turn",
    [
        "bisa sama mas yang tadi aja?",  # served by someone in particular, no verb
        "boleh dengan petugas?",
        "let me speak to one of your people",  # the business's staff
        "tolong oper ke salah satu CS",
        "ada nomor WA admin yg asli gak?",  # a person's number asked for
        "can I have your supervisor's number",
        "ada mas atau mbak yg bisa bantu ga?",  # someone by title, who can
        "is there a staff member I can talk to instead of you",  # whatever one can talk to is a person
    ],
)
def test_requests_in_vocabulary_round_fourteen(turn: str) -> None:
    assert is_handoff_request(turn), turn


@pytest.mark.parametrize(
    "turn",
    [
        "ada nomor pesanan?",  # a number, nobody's
        "ada nomer telpon orang pangkalannya?",  # anyone's number, not the business's
        "is there a topic I can chat about",
        "is there a way I can talk to you about my bill",  # the bot itself
        "untuk satu orang",  # counted people
        "I spoke to one of your people yesterday",  # told of before
        "bisa sama ukuran M?",
    ],
)
def test_not_requests_in_vocabulary_round_fourteen(turn: str) -> None:
    assert not is_handoff_request(turn), turn


@pytest.mark.parametrize(
    "turn",
    [
        "[Contact support]",  # a button's label, as exports log the click
        "mau lanjut sama mbak Rina yg tadi aja",
        "Can I get a call back from the billing team?",
        "siapa yg bisa sy ajak ngomong?",
        "itu nomor sy semua. CS mitra mana sih, sambungin",  # putting through, said alone, the person named in the turn
        "Anybody in charge there?",
    ],
)
def test_requests_in_vocabulary_round_fourteen_second(turn: str) -> None:
    assert is_handoff_request(turn), turn


@pytest.mark.parametrize(
    "turn",
    [
        "I have a call back scheduled",
        "did I get a call back?",
        "lanjut ke pembayaran",
        "sambungin",  # no one named
    ],
)
def test_not_requests_in_vocabulary_round_fourteen_second(turn: str) -> None:
    assert not is_handoff_request(turn), turn


@pytest.mark.parametrize(
    "turn",
    [
        "I would rather talk to a person in Welsh.",
        "Could you arrange for one of them to call me on my landline?",
        "24 hours?? I'm standing at the airport. operator!!",  # the agent word alone, last
    ],
)
def test_requests_in_vocabulary_round_fourteen_third(turn: str) -> None:
    assert is_handoff_request(turn), turn


@pytest.mark.parametrize(
    "turn",
    [
        "td sy telpon CS nya blg refund 14 hari kerja ya?",  # what the agent said
        "My neighbour says they can send someone to check the meter. Is that right?",
        "makasih ya. admin",  # thanks to whoever answered
        "Admin, tolong cek pesanan saya",  # addressed first
    ],
)
def test_not_requests_in_vocabulary_round_fourteen_third(turn: str) -> None:
    assert not is_handoff_request(turn), turn


def test_no_before_a_person_is_no_number() -> None:
    """ "no" abbreviates "nomor" only before a channel ("no WA admin"); "I
    have no nurse training" (STAR) asks for nobody."""
    assert is_handoff_request("ada no wa admin ga?")
    assert not is_handoff_request("I know I shouldn't, I have no nurse training")


@pytest.mark.parametrize(
    "turn", ["iya makanya, bisa tanya apoteker langsung?", "can I call the manager", "bisa tanya admin?"]
)
def test_the_person_right_after_a_verb_of_asking_or_calling(turn: str) -> None:
    assert is_handoff_request(turn), turn


def test_the_customers_own_people_right_after_the_verb_are_no_request() -> None:
    assert not is_handoff_request("saya mau tanya orang rumah dulu")


def test_someone_on_duty_by_title_with_ada_before() -> None:
    assert is_handoff_request("ini ada mas mas atau mbak mbak yg jaga ga sih di sini")
    assert not is_handoff_request("ini ada mas yang jaga kemarin bilang bisa")


@pytest.mark.parametrize(
    "turn",
    [
        "my husband spoke to your manager at the store last week and he said we'd get a refund",
        "Oh begitu. Baik, saya bicarakan langsung dengan pemilik kos.",  # the customer will do it
    ],
)
def test_told_of_before_or_done_oneself_asks_no_one(turn: str) -> None:
    assert not is_handoff_request(turn), turn
    assert is_handoff_request("bisa saya bicara langsung dengan petugas?")


def test_a_person_one_can_explain_it_to() -> None:
    assert is_handoff_request("is there a person I can explain this to?")
    assert not is_handoff_request("is there a way I can explain this")


@pytest.mark.parametrize(
    "turn",
    [
        "Selamat pagi. Apakah saya sedang berbicara dengan manusia atau bot?",
        "Is this an automated service? You write remarkably like an actual person.",
        "who is responsible for the delay at the port?",
    ],
)
def test_about_the_bot_or_blame_asks_no_one(turn: str) -> None:
    assert not is_handoff_request(turn), turn


@pytest.mark.parametrize(
    "turn",
    [
        "I would appreciate it if a supervisor could contact me.",
        "Who is responsible for this service? I wish to lodge a formal complaint with them.",
        "siapa yang bertanggung jawab? saya mau komplain",
    ],
)
def test_polite_or_formal_requests(turn: str) -> None:
    assert is_handoff_request(turn), turn


@pytest.mark.parametrize(
    "turn",
    [
        # a shape before a negation later in the sentence still asks
        "mbak tolong saya disambungkan sama orang gaskeun nya langsung saja saya sudah tua tidak paham begini",
        "is there anybody at the front desk I could actually chat with instead of this",
        "you ARE support? connect me to support then",
    ],
)
def test_requests_in_vocabulary_round_fourteen_last(turn: str) -> None:
    assert is_handoff_request(turn), turn


def test_a_negation_before_the_shape_still_cancels_it() -> None:
    assert not is_handoff_request("ga usah sambungin ke orang, saya bisa sendiri")
    assert not is_handoff_request("instead of this, can you email me the invoice")


@pytest.mark.parametrize(
    "turn",
    [
        "hala. pwede ba ako makausap ng tao?",  # Taglish "ng"
        "Kalau bisa tolong ada yang dari tim verifikasi chat saya langsung biar jelas",  # someone to contact me
        "Mohon agar ada petugas yang menghubungi saya kembali mengenai rincian biaya",
        "Apakah bisa saya ditelepon oleh bagian pendaftaran?",  # a call to me, in the passive
        "Would it be possible to speak with someone from the billing department?",
        "is there a human I can complain to? your driver reversed into my fence",
        "kak nomor admin yg bisa dihubungi berapa ya?",  # asking after the number
        "how do I get hold of someone in your complaints team?",
        "bkn itu. bsa ngbrol sm org?",  # typed short
    ],
)
def test_requests_from_the_writers_who_asked_for_people(turn: str) -> None:
    assert is_handoff_request(turn), turn


@pytest.mark.parametrize(
    "turn",
    [
        "petugas yang menghubungi saya kemarin ramah",  # told of before
        "kapan saya dihubungi?",  # asking when, of a call promised
        "btw ini dibalas manusia atau mesin?",  # about the bot
        "wkwk botnya lebih sopan dr manusia",
        "nomor admin ga aktif",
    ],
)
def test_not_requests_from_the_writers_who_asked_for_people(turn: str) -> None:
    assert not is_handoff_request(turn), turn
    assert is_handoff_request("I want a human or someone who can help")


def test_fortunate_supposes() -> None:
    assert not is_handoff_request("You're fortunate I haven't asked for your manager, frankly.")


@pytest.mark.parametrize(
    "turn",
    [
        "wait actually she said 3-5 days but my bank says 10. can I get the lady back, Hannah?",
        "mas Rizky yg tadi siang mana? sambungin lagi dong",
        "eh tunggu, vouchernya ga bisa dipake. balikin ke CS dong",
        "siapa yang bisa kuajak ngomong di kantor kelen ini? jangan mesin",
        "It's not pending. Is anyone able to look at my account and see what happened?",
        "bisa dicek sama timnya langsung ga kak?",
        "wow. is there anyone with a pulse over there who can look at this?",
        "the form rejects my ticket number. Can a supervisor approve this manually?",
        "siang kak, Mbak Dina yang kemarin nanganin retur aku ada ga?",
        "can someone from your tech team look at our API integration?",
    ],
)
def test_requests_asked_as_questions_or_for_someone_again(turn: str) -> None:
    assert is_handoff_request(turn), turn


@pytest.mark.parametrize(
    "turn",
    [
        "Also please pass my thanks to Jamal on your phone team, he was brilliant",
        "kata petugas di bandara saya harus hubungi agen travel karena nama di tiket salah",
        "halo kak pesanan dari warung bu ning itu kok es teh nya nggak ada cuma nasi",
        "can I get the invoice back",
        "pak ada promo ga?",
    ],
)
def test_not_requests_asked_as_questions(turn: str) -> None:
    assert not is_handoff_request(turn), turn


def test_a_member_of_staff() -> None:
    assert is_handoff_request("Hello, would it be possible to speak with a member of staff please?")


def test_give_me_a_ring() -> None:
    assert is_handoff_request("can you have Daniel from the enterprise team give me a ring today?")
    assert not is_handoff_request("don't give me a call, email me")


@pytest.mark.parametrize(
    ("turn", "asks"),
    [
        ("Saya mau bicara dengan kepala kantor dukcapil.", True),  # the head of an office, as one asks for a manager
        ("tolong sambungkan ke kepala cabang", True),
        ("sy mau ngadu ke pak lurah langsung aja bisa?", True),  # complaining to someone
        ("mau mengadu kepada petugas", True),
        ("kepala saya pusing banget", False),  # a head that aches
        ("sakit kepala sejak kemarin", False),
        ("mau ngadu ke mana ya?", False),  # where to complain, nobody asked for
    ],
)
def test_the_head_of_an_office_and_complaining_to_someone(turn: str, asks: bool) -> None:
    assert is_handoff_request(turn) is asks


@pytest.mark.parametrize(
    ("turn", "asks"),
    [
        ("I want to talk with your higher authority", True),  # someone above whoever answered
        ("Who is the one in charge there? I will report this to them", True),
        ("great, can you add my manager, Ruth Kessler, to the invite", False),  # "add" is not "ada" ("there is")
    ],
)
def test_higher_authority_and_the_one_in_charge(turn: str, asks: bool) -> None:
    assert is_handoff_request(turn) is asks


@pytest.mark.parametrize(
    ("turn", "asks"),
    [
        ("admin tolong dong, nama di tiket kapal sy kebalik", False),  # the admin addressed, then the need
        ("CS, pesanan saya belum sampai", False),
        ("admin tolong dong", True),  # nothing else: asked for
        ("CS tolong, sambungin ke orang aja", True),
    ],
)
def test_an_address_word_opening_a_turn_that_goes_on_with_the_need_addresses(turn: str, asks: bool) -> None:
    assert is_handoff_request(turn) is asks


@pytest.mark.parametrize(
    ("turn", "asks"),
    [
        ("karyawan sih. atasan saya yg admin", False),  # the customer's own boss
        ("oke nanti sy minta atasan kasih akses", False),  # what the customer will do later
        ("oke nanti minta teknisinya aja", False),
        ("nanti sore tolong telpon saya", True),  # a call asked for, later today
        ("24 hours?? I'm standing at the airport. operator!!", True),
    ],
)
def test_the_customers_own_boss_and_their_own_plan_for_later_ask_for_nobody(turn: str, asks: bool) -> None:
    assert is_handoff_request(turn) is asks


@pytest.mark.parametrize(
    ("turn", "asks"),
    [
        ("bisa langsung sama mbaknya aja nggak jangan sama robot", True),  # the one serving, by title
        ("can i explain to somebody from your office?", True),  # the business's people
        ("I need someone to come and collect them", False),  # a service, not a person to talk to
        ("can someone actually check this with the courier?", True),
    ],
)
def test_someone_from_your_office_and_someone_to_come(turn: str, asks: bool) -> None:
    assert is_handoff_request(turn) is asks


@pytest.mark.parametrize(
    ("turn", "asks"),
    [
        ("kak panggilin orangnya dong, nasi kotak pesenan kantor aye kurang 5", True),  # Betawi: call them over
        ("aing hayang ngobrol jeung jelema we, lain jeung robot", True),  # Sundanese: a person, not a robot
        ("Hi, I need to speak to a consultant about my claim", True),
        ("panggilan tidak masuk", False),  # a call that did not come through
    ],
)
def test_calling_someone_over_a_sundanese_person_and_a_consultant(turn: str, asks: bool) -> None:
    assert is_handoff_request(turn) is asks


def test_getting_someone_from_the_business_on_it_is_a_request() -> None:
    assert is_handoff_request("can you get someone from your fraud team on this?")
    assert not is_handoff_request("can you get the refund sent to my card?")


def test_whether_the_driver_is_a_real_person_asks_for_nobody() -> None:
    assert not is_handoff_request("no. is the driver a real person lol or is it a self driving car")
    assert not is_handoff_request("is it a real person?")
    assert is_handoff_request("I want a real person")


@pytest.mark.parametrize(
    ("turn", "asks"),
    [
        ("blm ada min, udh cek spam jg", False),  # "not there yet", the admin addressed
        ("udah sy bilang error. ada mbak2 CS nya ga sih disini", True),  # is there a CS person here at all
        ("adminnya ada ga?", True),
    ],
)
def test_not_yet_there_and_anyone_here(turn: str, asks: bool) -> None:
    assert is_handoff_request(turn) is asks
