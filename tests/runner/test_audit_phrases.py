"""Phrase lists: matching rules, user files, and the quick tests that keep
them fast without ever changing what they find."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alur.flows.nlu.handoff import is_handoff_request
from alur.flows.nlu.lexicon import read_lines
from alur.runner.mood import gives_up
from alur.runner.phrases import (
    BUILT_IN,
    CATEGORIES,
    PhraseBook,
    PhraseFileError,
    PhraseList,
    folded,
    negation_variants,
    read_phrase_file,
)
from alur.runner.phrases.handoff import HandoffRequests, _might_ask, stretched


def test_whole_words_any_case_any_punctuation_between() -> None:
    phrases = PhraseList(("ga ngerti", "sorry, what was that", "cs"))
    assert phrases.search("Aku GA NGERTI deh") == "ga ngerti"
    assert phrases.search("Sorry... what was that??") == "sorry... what was that"
    assert phrases.search("focus on the CS team") == "cs"
    assert phrases.search("focus") is None and phrases.search("gangerti") is None


def test_an_apostrophe_in_a_phrase_is_optional_and_any_apostrophe() -> None:
    phrases = PhraseList(("don't understand",))
    for text in ("I don't understand", "i dont understand", "I don’t understand", "I don`t understand"):
        assert phrases.search(text), text


def test_an_exclusion_covers_only_its_own_words() -> None:
    phrases = PhraseList(("disappointed",), ("won't be disappointed",))
    assert phrases.search("you won't be disappointed") is None
    assert phrases.search("you won't be disappointed, they said. I am disappointed.") == "disappointed"
    assert phrases.find_all("disappointed and disappointed") == ["disappointed", "disappointed"]


WORD = st.text(alphabet="abcdeinostu'", min_size=1, max_size=6).filter(lambda w: w.strip("'"))
TEXT = st.text(alphabet=st.sampled_from(list("abcdeinostu' ,.!?\n-ÉéΣ🙏_")), max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(WORD, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=6), TEXT)
def test_the_trie_and_the_word_test_find_what_a_plain_pattern_finds(phrases: list[str], text: str) -> None:
    plain = PhraseList(())
    compiled = PhraseList(tuple(phrases))

    def naive(phrase: str) -> str:
        parts = []
        for char in phrase:
            parts.append(r"[\W_]+" if char == " " else "['’‘`´]?" if char == "'" else re.escape(char))
        return "".join(parts)

    reference = re.compile(r"(?<!\w)(?:" + "|".join(naive(p) for p in compiled.phrases) + r")(?!\w)")
    assert plain.search(text) is None
    assert (compiled.search(text) is None) == (reference.search(text.casefold()) is None)


def test_every_built_in_list_loads_and_is_both_languages() -> None:
    book = PhraseBook.builtin()
    for category in BUILT_IN:
        assert len(getattr(book, category).phrases) > 10
    assert book.not_understood.search("Maaf, saya tidak mengerti maksud Anda")
    assert book.not_understood.search("Sorry, I didn't get that.")
    assert book.frustration.search("pelayanan macam apa ini, kecewa") and book.frustration.search("this bot is useless")
    assert book.closing.search("makasih kak") and book.closing.search("thanks, bye!")
    assert book.dates.find_all("bisa besok atau hari Senin?") == ["besok", "senin"]
    assert book.handoff.phrases == ()  # built-in handoff judgment is the flow language's


def test_a_user_file_adds_by_heading(tmp_path: Path) -> None:
    path = tmp_path / "ours.txt"
    path.write_text(
        "# ours\n[handoff]\nsambungkan ke tim  # inline comment\n!admin fee\n\n[Not-Understood]\ncoba kata lain\n"
    )
    assert read_phrase_file(path) == {
        "handoff": (("sambungkan ke tim",), ("admin fee",)),
        "not_understood": (("coba kata lain",), ()),
    }
    book = PhraseBook.builtin().extended_from_file(path)
    assert book.not_understood.search("Hmm, coba kata lain ya") and book.handoff.search("sambungkan ke tim")
    assert len(book.frustration.phrases) == len(PhraseBook.builtin().frustration.phrases)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("zonk\n", "x.txt:1: put phrases under a heading"),
        ("[frustration]\nzonk\n[angry]\n", "x.txt:3: unknown heading [angry]"),
        ("[frustration]\n!!!\n", "x.txt:2: '!!!' has no letters or digits"),
    ],
)
def test_a_bad_user_file_names_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "x.txt"
    path.write_text(text)
    with pytest.raises(PhraseFileError) as error:
        read_phrase_file(path)
    assert str(error.value).startswith(str(tmp_path) + "/" + message)
    with pytest.raises(PhraseFileError, match="missing.txt: no such file"):
        read_phrase_file(tmp_path / "missing.txt")


def test_categories_are_the_headings() -> None:
    assert set(BUILT_IN) < set(CATEGORIES) and "handoff" in CATEGORIES


# --------------------------------------------------------------------------- handoff


def _nlu_phrases() -> list[str]:
    return [line for name in ("handoff_id.txt", "handoff_en.txt", "handoff_asked.txt") for _, line in read_lines(name)]


SPELLINGS = st.sampled_from(
    [
        "min",
        "mimin",
        "adminnya",
        "CS nya",
        "cs",
        "agen2",
        "orang2",
        "org asli",
        "manusiaaa",
        "ADMIN!!",
        "ａｄｍｉｎ",
        "agén",
        "admiiin",
        "don't need a human",
    ]
)
FILLER = st.sampled_from(
    [
        "halo",
        "kak",
        "mau",
        "ke",
        "sama",
        "tolong",
        "dong",
        "please",
        "ya",
        "🙏",
        "?",
        "tidak perlu",
        "talk to",
        ",",
        "pesanan saya",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_nlu_phrases()), SPELLINGS, FILLER), min_size=1, max_size=6))
def test_the_quick_handoff_test_never_hides_a_request(parts: list[str]) -> None:
    text = " ".join(parts)
    if is_handoff_request(text):
        assert _might_ask(text), text


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aab  01zé!\n", max_size=14))
def test_the_quick_stretched_letters_test_is_the_regular_expression(text: str) -> None:
    typed = folded(text)
    assert stretched(typed) == (re.search(rb"([a-z])\1\1", typed) is not None)


def test_handoff_requests_are_judged_as_the_flow_engine_judges_them() -> None:
    texts = ["halo min, pesanan saya belum sampai", "mau ngomong sama CS aja", "agent please", "ok", "adminnya mana?"]
    requests = HandoffRequests()
    assert requests.find(texts) == [i for i, t in enumerate(texts) if is_handoff_request(t)] == [1, 2, 4]
    assert requests.may_occur_in("\n".join(texts))
    assert not requests.may_occur_in("pesanan saya belum sampai\nok makasih")


def test_user_handoff_phrases_add_and_exclusions_veto() -> None:
    requests = HandoffRequests(PhraseList(("bos besar",), ("admin fee",)))
    assert requests.find(["tolong bos besar", "berapa admin fee nya? mau ke admin", "mau ke admin"]) == [0, 2]
    assert requests.may_occur_in("tolong bos besar") and not HandoffRequests().may_occur_in("tolong bos besar")


def test_an_indonesian_negation_is_read_however_it_is_written() -> None:
    assert {"ga guna", "nda guna", "tidak guna", "kagak guna"} <= set(negation_variants("ga guna"))
    assert negation_variants("kecewa") == ["kecewa"]
    # Javanese "ora"/"ra" and Sundanese "teu": "wis ra usah" gives up as "udah ga usah" does.
    giving_up = PhraseBook.builtin().giving_up
    for text in ("wis ra usah, tak marani kantor wae", "ora usah wis", "teu usah atuh"):
        assert gives_up(text, giving_up), text
