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
