"""Giving up and anger read by shape (runner/mood.py), in both languages."""

from __future__ import annotations

import pytest

from alur.runner.mood import aimed_elsewhere, gives_up, resigned, sounds_angry
from alur.runner.phrases import PhraseBook

GIVING_UP = PhraseBook.builtin().giving_up


@pytest.mark.parametrize(
    "text",
    [
        "fine. I'll call the hotline instead",
        "ok i'll try google",
        "i'll just do it myself",
        "saya coba cara lain aja",
        "nanti gw urus sendiri",
        "Saya ke RS langsung saja.",
        "forget about the refund then",
        "Leave it. I'll ask elsewhere.",
        "lupakan aja",
        "ga jd kak",  # the list's "ga jadi", as chat shortens it
        "sdh lah, tdk usah",
        "🤷",
    ],
)
def test_giving_up_by_shape(text: str) -> None:
    assert gives_up(text, GIVING_UP), text


@pytest.mark.parametrize(
    "text",
    [
        "ok, I'll try again later",
        "I'll try another time, thanks",
        "nanti saya coba lagi besok",
        "alright, will wait for the email",
        "leave it at the front door please",
        "Oh well",  # said of small talk as often as of a need
    ],
)
def test_calm_words_are_not_giving_up(text: str) -> None:
    assert gives_up(text, GIVING_UP) is None, text


@pytest.mark.parametrize(
    "text",
    [
        "mantap jiwa, makasih ya bot 🙃",
        "oh fantastic, another error. love it 👏",
        "lol ok cool. thanks a LOT",
        "Terima kasih atas pelayanan yang SANGAT membantu.",
        'iya iya, makasih banyak "bantuannya"',
        "keren ya, 5 hari paket ga gerak. mantap 👍👍",
        "brilliant. thanks for absolutely nothing",
        "Congrats, you've lost a customer of 12 years.",
        "never using this bank again",
        "tidak akan pakai aplikasi ini lagi",
        "ini terakhir kali sy naik maskapai kalian",
        "besok ganti provider lain",
        "I'll leave a 1-star review",
        "Reporting this to the regulator. Disgraceful.",
        "f*** this",
    ],
)
def test_anger_by_shape(text: str) -> None:
    assert sounds_angry(text), text


@pytest.mark.parametrize(
    "text",
    [
        "thanks, that was really helpful!",
        "makasih kak 👍",
        'No, thanks also for not getting me confused with "north, south" directions.',
        "makasih kak 🤗 paketnya udah sampai",
        "great, see you tomorrow",
    ],
)
def test_sincere_words_are_not_anger(text: str) -> None:
    assert sounds_angry(text) is None, text


FRUSTRATION = PhraseBook.builtin().frustration


@pytest.mark.parametrize(
    "text",
    [
        "you lot are a bunch of clowns",
        "absolute shambles, this app",
        "walao this bot sibei jialat",
        "bwisit, ang tagal",
        "dasar kampret, saldo ilang",
        "admin ga ada otak ya",
        "jancuk, ra iso opo opo",  # Javanese
        "goblog pisan ieu sistem",  # Sundanese
        "sumpahin rugi terus perusahaan ini",
    ],
)
def test_insults_and_regional_swearing_are_anger(text: str) -> None:
    assert FRUSTRATION.search(text), text


@pytest.mark.parametrize(
    "text",
    [
        "ga kuat lagi kak, tak tinggal wae",  # Javanese: I'm leaving it
        "nya tos atuh",  # Sundanese: that's it then
        "this chat is getting nowhere",
        "guess i'll just pay it myself",
    ],
)
def test_giving_up_in_regional_words_and_resignation(text: str) -> None:
    assert gives_up(text, GIVING_UP), text


@pytest.mark.parametrize(
    "text",
    [
        "No, thank you anyway",  # star-2180 ends calmly after nothing was found
        "Okay, I'll just wait for him, then. Thanks for your help.",  # star-5142
    ],
)
def test_settling_calmly_is_not_giving_up(text: str) -> None:
    assert gives_up(text, GIVING_UP) is None, text


@pytest.mark.parametrize(
    ("text", "is_resigned"),
    [
        ("yaudah deh", True),
        ("ok deh", True),
        ("hmm. ya sudah.", True),
        ("yaudah nanti aja", True),
        ("oh ok then", True),
        ("ok, and my refund?", False),
        ("ok thanks, that worked", False),
        ("yaudah saya transfer sekarang ya kak, nomor rekeningnya berapa", False),
    ],
)
def test_a_short_resigned_acceptance(text: str, is_resigned: bool) -> None:
    assert resigned(text) is is_resigned


@pytest.mark.parametrize(
    ("sentence", "phrase", "elsewhere"),
    [
        ("Oh ok well I feel dumb.", "dumb", True),
        ("saya bodoh banget lupa PIN", "bodoh", True),
        ("he's a big show-off so that'll be annoying", "annoying", True),
        ("you're so annoying", "annoying", False),
        ("this bot is dumb", "dumb", False),
        ("he said this app is useless", "useless", False),
    ],
)
def test_upset_aimed_at_oneself_or_a_third_person(sentence: str, phrase: str, elsewhere: bool) -> None:
    assert aimed_elsewhere(sentence, phrase) is elsewhere


@pytest.mark.parametrize(
    ("text", "angry"),
    [
        ("wow. best service ever, not.", True),
        ("Great job... not!", True),
        ("I'm disputing the charge with my bank", True),
        ("great, not bad at all", False),
        ("Thanks, not today", False),
        ("best service ever", False),
    ],
)
def test_praise_taken_back_and_a_dispute_are_anger(text: str, angry: bool) -> None:
    assert (sounds_angry(text) is not None) is angry
