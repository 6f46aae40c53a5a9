"""How audit reads a bot's message (BotFacts): failures by their shape, both languages."""

from __future__ import annotations

import pytest

from alur.runner.audit_view import BotFacts, person_promised
from alur.runner.phrases import PhraseBook

BOOK = PhraseBook.builtin()


@pytest.mark.parametrize(
    "text",
    [
        "Sorry, we couldn't process your payment of $42.90.",
        "Sorry, we weren't able to reset your PIN. Please start again.",
        "Update failed. Please try again.",
        "Whoops! Your e-wallet linking failed. Try again?",
        "Uh oh, we hit a snag saving your details.",
        "Koneksi ke server terputus. Permintaan Anda tidak terkirim.",
        "Ada masalah waktu proses pesananmu kak 😞 coba order ulang yaa",
    ],
)
def test_a_failed_action_is_the_bots_failure(text: str) -> None:
    facts = BotFacts(BOOK).learn(text)
    assert facts.refusal and facts.bots_fault, text


@pytest.mark.parametrize(
    "text",
    [
        "I'm still learning and couldn't work out what you meant.",
        "Your payment was received. Anything else?",
        "Pembayaran berhasil. Ada lagi yang bisa dibantu?",
    ],
)
def test_no_failed_action(text: str) -> None:
    facts = BotFacts(BOOK).learn(text)
    assert not facts.bots_fault, text


def test_a_promise_of_a_person_is_a_statement_not_taken_back() -> None:
    assert person_promised("Kami hubungkan dengan agen kami.", BOOK) == "transfer"
    assert person_promised("Someone will call you within 2 hours.", BOOK) == "callback"
    assert person_promised("Mau dihubungkan ke agen?", BOOK) is None
    assert person_promised("Maaf, agen sedang tidak tersedia.", BOOK) == "called off"


@pytest.mark.parametrize(
    "text",
    [
        "Sorry, I'm just a bot and I didn't get you. Please type your question again.",
        "Punten, pesan Akang/Teteh belum kami pahami. Mangga pilih menu nu aya.",
        "Saya kurang yakin maksud Kakak. Apakah Kakak ingin membatalkan pesanan?",
        "Hmm. Not sure what 'asdfgh' means. Want to see the main menu?",
        "Hadeh kak, Mimin masih training nih, coba tanya yg lain dulu ya",
    ],
)
def test_not_understanding_by_its_shape(text: str) -> None:
    assert BotFacts(BOOK).learn(text).not_understood, text


@pytest.mark.parametrize(
    "text",
    ["We didn't get your payment yet. Please check with your bank.", "Pesanan Anda sudah kami terima."],
)
def test_understanding_something_else(text: str) -> None:
    assert not BotFacts(BOOK).learn(text).not_understood, text
