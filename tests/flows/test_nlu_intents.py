"""Intent matching on realistic Indonesian, English and code-mixed turns."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from alur.flows.nlu import IntentMatch, IntentMatcher

INTENTS = {
    "check_order": (
        [
            "cek pesanan",
            "status order saya",
            "where is my order",
            "pesanan saya belum sampai",
            "track my package",
            "lacak paket",
        ],
        [],
    ),
    "cancel_order": (
        ["batalkan pesanan", "cancel order", "saya mau membatalkan pesanan", "I want to cancel my order"],
        [],
    ),
    "refund": (
        ["minta refund", "pengembalian dana", "uang saya belum kembali", "I want my money back", "refund please"],
        [],
    ),
    "payment": (["cara bayar", "metode pembayaran", "bisa bayar pakai apa", "how can I pay", "payment methods"], []),
    "change_address": (["ubah alamat pengiriman", "ganti alamat", "change my delivery address", "salah alamat"], []),
    "greeting": (["halo", "hai", "selamat pagi", "hello", "hi there"], []),
    "thanks": (["terima kasih", "makasih", "thank you", "thanks a lot"], []),
    "yes": (["ya", "iya", "betul", "yes", "benar", "oke"], []),
    "no": (["tidak", "bukan", "no", "nggak"], []),
    "talk_to_human": (["mau bicara dengan CS", "operator", "agent", "hubungkan ke admin"], []),
    "shipping_cost": (["berapa ongkir", "ongkos kirim ke jakarta", "shipping cost", "how much is delivery"], []),
    "promo": (["ada promo apa", "kode voucher", "diskon hari ini", "any discounts"], []),
}


@pytest.fixture(scope="module")
def matcher():
    return IntentMatcher(INTENTS)


# (turn, the intent it means, or None when it means none of them)
TABLE = [
    # Indonesian and English phrasings of one intent
    ("cek status pesanan dong", "check_order"),
    ("where's my order?", "check_order"),
    ("wheres my package", "check_order"),
    ("lacak paketku", "check_order"),
    ("bayarnya pakai apa aja?", "payment"),
    ("how do I pay", "payment"),
    ("ongkirnya berapa ke bandung?", "shipping_cost"),
    ("how much is shipping", "shipping_cost"),
    ("can I change the delivery address?", "change_address"),
    ("alamat pengiriman salah, mau ganti", "change_address"),
    ("I want my money back!!", "refund"),
    ("refund dong kak", "refund"),
    # slang, chat spelling, filler, vocatives
    ("min, pesanan sy blm sampe", "check_order"),
    ("pesanan saya kok belum sampai ya kak", "check_order"),
    ("uang sy blm kembali kak", "refund"),
    ("bisa bayar pake ovo?", "payment"),
    ("makasih ya kak", "thanks"),
    ("thank u kak", "thanks"),
    ("maturnuwun mas", "thanks"),  # Javanese written as one word
    ("haloooo kak", "greeting"),
    ("selamat pagi kak", "greeting"),
    ("hi", "greeting"),
    ("iya betul", "yes"),
    ("yesss", "yes"),
    ("ok", "yes"),
    ("gak", "no"),
    ("nope", "no"),
    ("saya tidak mau cancel", "no"),
    # code-mixing
    ("mau cancel order dong", "cancel_order"),
    ("mau check order saya dong", "check_order"),
    ("pesanan sy mau di-cancel aja", "cancel_order"),
    # morphology and typos
    ("tolong batalin pesanan saya", "cancel_order"),
    ("gimana cara membatalkan pesanan?", "cancel_order"),
    ("metode pembayarannya apa saja", "payment"),
    ("pesnan saya blm sampai", "check_order"),
    ("cancle my order", "cancel_order"),  # two letters swapped in a word of a concept
    ("ubh almt pngiriman", "change_address"),  # vowels left out
    ("pesanane durung tekan", "check_order"),  # Javanese -e for -nya
    ("ongkirna sabaraha", "shipping_cost"),  # Sundanese -na
    # "ga?" at the end asks a question, it does not negate
    ("ada promo gak kak", "promo"),
    # long turns that still say one thing
    (
        "halo kak selamat siang, saya mau tanya pesanan saya yang kemarin kok belum sampai ya, sudah 3 hari",
        "check_order",
    ),
    ("Hi, I ordered a pair of shoes last week and I would like to cancel that order please", "cancel_order"),
    ("kak aku udah transfer dari kemarin tapi pesananku belum dikirim juga, tolong dicek ya", "check_order"),
    ("selamat malam min, saya mau refund karena barangnya rusak", "refund"),
    ("terima kasih, tapi pesanan saya belum sampai", "check_order"),
    # nothing the flow knows
    ("saya mau tanya", None),
    ("asdfgh", None),
    ("jam berapa tokonya buka?", None),
    ("barangnya rusak", None),
    ("kapan buka", None),
    ("what time do you open", None),
    ("bisa kirim ke luar negeri?", None),
    ("p", None),
    ("", None),
    ("🙈🙈", None),
]


@pytest.mark.parametrize(("turn", "intent"), TABLE)
def test_turn_means_intent(matcher, turn, intent):
    found = matcher.match(turn)
    assert (found.intent if found else None) == intent, found


def test_greeting_does_not_match_an_unrelated_intent(matcher):
    assert matcher.match("halo", candidates={"check_order", "cancel_order"}) is None
    assert matcher.match("halo kak", candidates={"check_order"}) is None


def test_candidates_limit_the_answer(matcher):
    assert matcher.match("mau cancel order dong", candidates=["check_order", "cancel_order"]).intent == "cancel_order"
    assert matcher.match("mau cancel order dong", candidates=["payment"]) is None
    assert matcher.match("mau cancel order dong", candidates=[]) is None


def test_word_order_does_not_matter(matcher):
    assert matcher.match("pesanan cek").intent == "check_order"
    assert matcher.match("order cancel").intent == "cancel_order"


def test_exact_example_after_normalisation(matcher):
    assert matcher.match("Where is my order??") == IntentMatch("check_order", 1.0, "exact")
    assert matcher.match("CEK   PESANAN") == IntentMatch("check_order", 1.0, "exact")


def test_similar_turn_scores_below_one(matcher):
    found = matcher.match("cek status pesanan dong")
    assert found.via == "example" and matcher.threshold <= found.score < 1


def test_patterns_match_raw_or_normalised_text():
    matcher = IntentMatcher(
        {
            "order_id": ([], [r"\bINV-\d{6}\b"]),
            "late": (["pesanan terlambat"], [r"\bbelum sampai\b"]),
        }
    )
    assert matcher.match("ini inv-123456 kak") == IntentMatch("order_id", 1.0, "pattern")
    assert matcher.match("blm sampe nih") == IntentMatch("late", 1.0, "pattern")  # slang folded first
    assert matcher.match("INV-12345") is None


def test_an_exact_example_beats_another_intents_pattern():
    matcher = IntentMatcher({"catch_all": ([], ["pesanan"]), "check": (["cek pesanan"], [])})
    assert matcher.match("cek pesanan").intent == "check"
    assert matcher.match("pesanan dong").intent == "catch_all"


def test_bad_pattern_names_the_intent():
    with pytest.raises(ValueError, match="intent 'late'.*'belum \\('"):
        IntentMatcher({"late": ([], ["belum ("])})


def test_threshold_trades_recall_for_precision():
    strict = IntentMatcher(INTENTS, threshold=0.5)
    lenient = IntentMatcher(INTENTS, threshold=0.1)
    assert strict.match("mau check order saya dong") is None
    assert lenient.match("mau check order saya dong").intent == "check_order"


def test_ties_go_to_the_intent_declared_first():
    matcher = IntentMatcher({"first": (["buka akun"], []), "second": (["buka akun"], [])})
    assert matcher.match("buka akun").intent == "first"
    assert matcher.match("buka akun baru dong").intent == "first"


def test_negation_of_the_intents_words_is_not_the_intent():
    matcher = IntentMatcher({"cancel": (["cancel pesanan"], []), "keep": (["tidak jadi cancel pesanan"], [])})
    # "don't cancel my order" means keeping it (the old matcher answered nothing)
    assert matcher.match("jangan cancel pesanan saya").intent == "keep"
    assert matcher.match("saya tidak mau cancel pesanan").intent == "keep"
    assert matcher.match("tolong cancel pesanan saya").intent == "cancel"


def test_cannot_is_a_problem_with_the_thing_not_its_negation():
    """ "gabisa login" asks for help with logging in, as "can't log in" does in English."""
    matcher = IntentMatcher(
        {"login": (["mau login", "gabisa masuk akun", "lupa password", "login gan"], []), "other": (["cek saldo"], [])}
    )
    for turn in ["gabisa login", "tidak bisa login", "sy gbs login", "kak gmn sih gabisa login", "masuk akun"]:
        match = matcher.match(turn)
        assert match is not None and match.intent == "login", turn


def test_examples_that_normalise_to_nothing_are_ignored():
    matcher = IntentMatcher({"empty": (["", "!!"], []), "hello": (["halo"], [])})
    assert matcher.match("halo").intent == "hello"
    assert matcher.match("!!") is None


def test_prefixed_and_bare_words_meet_either_way():
    matcher = IntentMatcher({"shipped": (["barang sudah dikirim"], []), "pay": (["cara bayar"], [])})
    assert matcher.match("kapan barang saya kirim").intent == "shipped"
    assert matcher.match("sudah terkirim belum barangnya").intent == "shipped"
    assert matcher.match("cara pembayarannya gimana").intent == "pay"


def test_a_prefix_is_only_stripped_from_words_the_flow_does_not_know():
    """ "discount" is not "di-" + "scount": "account" must not meet it by a typo."""
    matcher = IntentMatcher({"promo": (["any discounts"], []), "account": (["my account"], [])})
    assert matcher.match("help with my account").intent == "account"
    assert IntentMatcher({"promo": (["any discounts"], [])}).match("I need help with my account") is None


def test_no_intents_match_nothing():
    assert IntentMatcher({}).match("halo") is None


def test_a_not_reaches_only_the_words_of_its_own_clause():
    """ "Sorry, but I do not understand" is not "not sorry": the "not" stops
    at the comma and the "but", and the turn still reads as its intent."""
    matcher = IntentMatcher(
        {
            "out_of_scope": (["I am very sorry, but I do not understand what you mean", "sorry, no idea"], []),
            "apology": (["I am sorry"], []),
        }
    )
    assert matcher.match("I'm very sorry, but I do not understand what you mean here").intent == "out_of_scope"


def test_no_before_a_noun_is_not_a_negation():
    matcher = IntentMatcher(
        {
            "account_number": (["nomor rekening saya berapa", "minta no rekening"], []),
            "refuse": (["tidak mau", "nggak usah"], []),
        }
    )
    assert matcher.match("no rek nya berapa kak").intent == "account_number"


def test_short_greetings_and_typos_meet_the_examples_by_their_letters():
    matcher = IntentMatcher(
        {
            "hello": (["hello", "hi", "halo kak", "hey there"], []),
            "voucher": (["voucher saya hilang", "kode voucher tidak bisa"], []),
        }
    )
    for turn in ["hallo", "heyy", "helo"]:
        assert (matcher.match(turn) or IntentMatch("", 0, "")).intent == "hello", turn
    assert matcher.match("vocer sy ilang").intent == "voucher"


def test_filler_shared_by_intents_does_not_decide():
    matcher = IntentMatcher(
        {
            "ask_name": (["ok got it, what is your name?", "ok, and your name?"], []),
            "book": (["should I book this now?", "shall I book it"], []),
        }
    )
    assert matcher.match("OK, got it. Should I book this now?").intent == "book"


def test_a_long_turn_that_says_an_example_in_full_still_matches():
    matcher = IntentMatcher(
        {"complain": (["the courier was so rude", "I want to complain"], []), "track": (["where is my parcel"], [])}
    )
    assert (
        matcher.match("the courier was so rude to my mom when she asked him to wait at the gate").intent == "complain"
    )
    assert matcher.match("the courier was not so rude to my mom when she asked him to wait at the gate") is None


def test_what_comes_before_a_but_is_set_aside():
    matcher = IntentMatcher(
        {
            "thanks": (["terima kasih", "makasih kak"], []),
            "late": (["pesanan saya belum sampai", "paket belum datang"], []),
        }
    )
    assert matcher.match("makasih kak, tapi paket saya belum datang juga").intent == "late"
    assert matcher.match("paket sudah datang, makasih kak").intent == "thanks"


def test_a_flow_of_short_varied_examples_takes_the_chatty_turns_its_customers_write(matcher):
    # one global 0.12 refused this (0.107): short varied examples score every turn lower
    turn = "min pembayarannya bisa lewat apa aja, rekening sy error"
    assert matcher.match(turn).intent == "payment"
    assert IntentMatcher(INTENTS, threshold=0.12).match(turn) is None


def test_a_flow_of_alike_examples_keeps_the_strict_threshold():
    alike = {
        "check_order": (["where is my order now", "where is my order please", "where is my order today"], []),
        "refund": (["i want a refund for my order", "i want a refund now", "i want a refund please"], []),
    }
    matcher = IntentMatcher(alike)
    assert matcher.match("i want a new phone now please") is None  # 0.11 to refund: only filler-like words shared
    assert matcher.match("where's my order?").intent == "check_order"


def test_one_word_that_several_intents_use_is_asked_again():
    matcher = IntentMatcher(
        {
            "resend_code": (["no code yet", "resend the code", "kirim ulang kodenya"], []),
            "stop": (["no more messages", "stop texting me", "berhenti"], []),
        }
    )
    assert matcher.match("no") is None  # an answer, neither "no code yet" nor "no more messages"
    assert matcher.match("no more messages please").intent == "stop"
    assert matcher.match("berhenti").intent == "stop"  # one word of one intent's examples


ROOT = Path(__file__).resolve().parents[2]
STAR_TASKS = ROOT.parent / "shared" / "corpus" / "star" / "tasks"


@pytest.mark.skipif(not STAR_TASKS.is_dir(), reason="the STAR corpus is not at ../shared/corpus/star")
@pytest.mark.parametrize(("task", "least"), [("restaurant_book", 0.88), ("trip_directions", 0.76)])
def test_paraphrases_of_intents_that_share_words_go_to_their_own(task, least):
    """Intents that share most of their words ("when do you want to check
    out" beside "when do you want to check in") are told apart by the words
    they do not share: 5-fold on a STAR task, each example a turn the matcher
    built without it must give back to its intent. Centroids without the
    corrections of `corrections` got 0.854 on restaurant_book and 0.737 on
    trip_directions (0.901 and 0.783 with them)."""
    intents: dict[str, list[str]] = {}
    for line in (STAR_TASKS / f"{task}.nlu.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## intent:"):
            examples = intents.setdefault(line.removeprefix("## intent:").strip(), [])
        elif line.startswith("- "):
            examples.append(line[2:].strip())
    folds = [[(name, text) for name, texts in intents.items() for text in texts[held::5]] for held in range(5)]
    right = 0
    for test in folds:
        held = set(test)
        train = {name: ([t for t in texts if (name, t) not in held], []) for name, texts in intents.items()}
        matcher = IntentMatcher(train, threshold=0.0)
        right += sum((found := matcher.match(text)) is not None and found.intent == name for name, text in test)
    assert right / sum(map(len, folds)) >= least


def test_everyday_spoken_forms_meet_the_plain_words_of_the_examples():
    matcher = IntentMatcher(
        {
            "thanks": (["terima kasih", "makasih banyak ya"], []),
            "block_card": (["blokir kartu saya", "kartu atm hilang"], []),
            "loan": (["pengajuan pinjaman", "mau pinjam uang"], []),
            "open_account": (["buat rekening baru", "buka tabungan"], []),
        }
    )
    assert matcher.match("matur nuwun mas").intent == "thanks"  # Javanese
    assert matcher.match("hatur nuhun kang").intent == "thanks"  # Sundanese
    assert matcher.match("kartu sy keblokir").intent == "block_card"  # ke- as ter-/di-
    assert matcher.match("mau pinjem duit").intent == "loan"
    assert matcher.match("bikin rekening baru").intent == "open_account"


def test_a_flow_of_short_varied_examples_takes_customers_who_say_more_than_its_examples():
    # scores 0.085-0.10: the flow's threshold reaches down to 0.085 when its
    # examples are short and varied; above the old floor of 0.10 both were refused
    flow = yaml.safe_load((ROOT / "benchmarks" / "nlu" / "dev" / "bank" / "train.yaml").read_text(encoding="utf-8"))
    matcher = IntentMatcher({name: (intent["examples"], []) for name, intent in flow["intents"].items()})
    assert matcher.threshold < 0.10
    assert matcher.match("daftar nasabah baru gmn").intent == "buka_rekening"
    assert matcher.match("cek saldo dong, mau belanja tp takut ga cukup").intent == "cek_saldo"
    assert matcher.match("transfer pemain bola musim ini siapa aja ya") is None  # football transfers, not the bank's
    assert matcher.match("lowongan teller masih buka?") is None  # a job, not an account


def test_a_turn_that_opens_by_saying_what_it_is_not_means_what_follows():
    # "bukan X, (mau) Y" corrects the bot's guess: X is ruled out, Y is asked
    flow = yaml.safe_load((ROOT / "benchmarks" / "nlu" / "dev" / "courier" / "train.yaml").read_text(encoding="utf-8"))
    matcher = IntentMatcher({name: (intent["examples"], []) for name, intent in flow["intents"].items()})
    assert matcher.match("bukan mau cancel, mau ganti alamat aja").intent == "ubah_alamat"
    assert matcher.match("jangan dibatalin, alamatnya aja yg diganti").intent == "ubah_alamat"
    assert matcher.match("bukan mau cancel") is None  # said alone, still a "not"
