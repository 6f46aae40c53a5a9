"""A project's own word lists: added to the built-in ones, never replacing them."""

from __future__ import annotations

import pytest

from alur.flows.nlu import IntentMatcher, Lexicon, LexiconError, is_handoff_request, match_button, normalise


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_slang_is_added_to_the_built_in_table(tmp_path):
    slang = write(tmp_path, "slang.txt", "# toko kami\nongkos kirim: ongkir ongkr\nvoucher: vcr vocer\n")
    lexicon = Lexicon.builtin().extended(slang=[slang])
    assert lexicon.normalise("min, ongkir ke bdg brp? ada vcr?") == "admin ongkos kirim ke bdg berapa ada voucher"
    assert normalise("ada vcr?") == "ada vcr"  # the built-in lexicon is untouched
    assert lexicon.sources == (str(slang),)


def test_a_project_may_not_change_a_built_in_word(tmp_path):
    slang = write(tmp_path, "slang.txt", "minimum: min\n")
    with pytest.raises(LexiconError, match=r"slang.txt:1: 'min' already means 'admin'"):
        Lexicon.builtin().extended(slang=[slang])


def test_repeating_a_built_in_word_with_its_meaning_is_harmless(tmp_path):
    slang = write(tmp_path, "slang.txt", "admin: min\n")
    assert Lexicon.builtin().extended(slang=[slang]).normalise("min") == "admin"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ongkir\n", r"x.txt:1: expected `expansion: variant variant ...`"),
        ("\n# note\nOngkir: ongkr\n", r"x.txt:3: the expansion must be lower-case words"),
        ("ongkos kirim: ongkir\nongkos: ongkir\n", r"x.txt:2: 'ongkir' is listed twice \(as 'ongkos kirim' before\)"),
        ("ongkos kirim: ongk-ir\n", r"x.txt:1: 'ongk-ir' is neither one word nor one emoji"),
        ("tidak bisa: ongkir\nongkos kirim: tidak\n", r"uses 'tidak', which is itself slang"),
    ],
)
def test_a_bad_slang_line_names_its_file_and_line(tmp_path, text, message):
    with pytest.raises(LexiconError, match=message):
        Lexicon.builtin().extended(slang=[write(tmp_path, "x.txt", text)])


def test_handoff_phrases_are_added_and_read_with_the_slang(tmp_path):
    phrases = write(tmp_path, "handoff.txt", "mandor gudang\npemilik toko\n")
    lexicon = Lexicon.builtin().extended(handoff_phrases=[phrases])
    assert lexicon.is_handoff_request("sy mau ngomong sm mandor gudang aja")
    assert lexicon.is_handoff_request("mau ngomong sama CS")  # built-in phrases still count
    assert not lexicon.is_handoff_request("tidak perlu pemilik toko")  # negations apply to them too
    assert not is_handoff_request("sy mau ngomong sm mandor gudang aja")  # not in other engines


def test_a_handoff_phrase_without_words_is_refused(tmp_path):
    with pytest.raises(LexiconError, match=r"handoff.txt:2: '!!!' has no words"):
        Lexicon.builtin().extended(handoff_phrases=[write(tmp_path, "handoff.txt", "mandor gudang\n!!!\n")])


def test_stopwords_weigh_little_in_matching_and_stand_around_agent_words(tmp_path):
    """The store's name in every greeting should not decide the intent."""
    intents = {"promo": (["promo belanjain", "ada diskon di belanjain"], []), "order": (["cek pesanan"], [])}
    lexicon = Lexicon.builtin().extended(stopwords=[write(tmp_path, "filler.txt", "belanjain\n")])
    plain, extended = IntentMatcher(intents), IntentMatcher(intents, lexicon=lexicon)
    assert plain.match("halo belanjain").intent == "promo" and extended.match("halo belanjain") is None
    assert extended.match("pesanan belanjain").intent == "order"
    assert extended.scores("pesanan belanjain")["promo"] < plain.scores("pesanan belanjain")["promo"]
    assert lexicon.is_handoff_request("CS belanjain dong") and not is_handoff_request("CS belanjain dong")


def test_a_stopword_must_be_one_lower_case_word(tmp_path):
    with pytest.raises(LexiconError, match=r"filler.txt:1: expected one lower-case word, got 'Toko Kami'"):
        Lexicon.builtin().extended(stopwords=[write(tmp_path, "filler.txt", "Toko Kami\n")])


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "cannot read this word list"), (b"\xff\xfe\x00", "this word list is not UTF-8 text")],
)
def test_an_unreadable_file_is_named(tmp_path, content, message):
    path = tmp_path / "slang.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(LexiconError, match=f"{path}: {message}"):
        Lexicon.builtin().extended(slang=[path])


def test_buttons_are_read_with_the_lexicon(tmp_path):
    lexicon = Lexicon.builtin().extended(slang=[write(tmp_path, "slang.txt", "ongkos kirim: ongkir\n")])
    titles = ["Cek ongkos kirim", "Lacak paket"]
    assert match_button("cek ongkir dong", titles) is None
    assert match_button("cek ongkir dong", titles, lexicon) == 0


def test_no_files_is_the_shared_built_in_lexicon():
    builtin = Lexicon.builtin()
    assert builtin.extended() is builtin and builtin.is_builtin
