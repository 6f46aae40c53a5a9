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


def _read(text: str):  # noqa: ANN202 - BotText
    return BotFacts(BOOK).learn(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sorry, we don't fly to Ambon on weekdays.",
        "Unfortunately the blue jacket isn't available in XL any more.",
        "Vouchers can't be combined with other discounts.",
        "There are no drivers left near you right now, sorry.",
        "Your SIM has been blocked after three wrong PUK entries.",
        "Our branch is closed now; we open again at 9am.",
        "The early-bird price expired yesterday.",
        "Maaf kak, voucher ini tidak berlaku untuk produk diskon.",
        "Promo ongkir gratis sudah berakhir kemarin ya kak.",
        "Stok ukuran 42 udah habis kak 🙏",
        "Pengajuan Anda ditolak karena dokumen belum lengkap.",
        "Maaf, penarikan tunai belum bisa dilakukan di luar negeri.",
        "Layanan ini sedang dalam pemeliharaan sampai jam 05.00.",
        "Dr. Lim is with another patient then. Try another time.",
        "Slot jam 10 sudah terisi, silakan pilih jadwal lain ya kak.",
        "The venue is too small for your party.",
    ],
)
def test_news_the_customer_may_accept_reads_as_unavailable(text: str) -> None:
    facts = _read(text)
    assert facts.refusal and not facts.bots_fault and not facts.success, text


@pytest.mark.parametrize(
    "text",
    [
        "Can't find your booking? Type MENU to start again.",
        "Do not share your OTP with anyone, not even our staff.",
        "Never give out your PIN, it can't be recovered.",
        "Jangan bagikan kode OTP ke siapa pun, kode tidak dapat digunakan ulang.",
        "Tidak bisa login? Ketik RESET untuk mengatur ulang kata sandi.",
        "Your card has been frozen as requested.",
        "Session ended due to inactivity.",
        "Hotel Mawar has an average rating of 2.",
        "If your card is blocked, call us at 1500-888.",
        "Kalau akun Anda diblokir sementara, hubungi cabang terdekat.",
        "Kartu debit Anda telah diblokir sesuai permintaan.",
        "Would you like to try another venue?",
        "Mau coba jadwal lain kak?",
    ],
)
def test_questions_instructions_and_wrap_ups_are_no_refusal(text: str) -> None:
    assert not _read(text).refusal, text


@pytest.mark.parametrize(
    "text",
    [
        "Invalid option. Reply with a number from 1 to 3.",
        "Pilihan yang Anda kirim tidak tersedia. Balas dengan angka 1-4.",
        "Tanggal tidak sesuai format (DD-MM-YYYY). Silakan kirim lagi.",
        "Nomor rekening harus 10 digit.",
    ],
)
def test_a_rejected_input_is_a_re_prompt_not_news_nor_a_failure(text: str) -> None:
    facts = _read(text)
    assert not facts.refusal and not facts.not_understood, text


@pytest.mark.parametrize(
    "text",
    [
        "Sorry, I can only understand typed messages for now.",
        "We can't listen to voice notes here, please type instead.",
        "Maaf, pesan itu belum bisa saya proses. Coba ketik MENU.",
    ],
)
def test_a_message_the_bot_cannot_read_is_not_understood(text: str) -> None:
    assert _read(text).not_understood, text


@pytest.mark.parametrize(
    "text",
    [
        "Your table for four has been booked for 7pm.",
        "We've reactivated your e-wallet.",
        "Transfer complete: Rp50.000 to BUDI.",
        "Top-up successful! Balance: Rp80.000.",
        "Your SIM has been frozen as requested.",
        "Pesanan kamu udah kita kirim hari ini ya kak.",
        "Aku sudah batalin langganan kamu.",
        "Kartu Anda sudah diaktifkan kembali.",
        "Dana sudah kami kembalikan ke rekening Anda.",
    ],
)
def test_a_task_done_reads_as_success(text: str) -> None:
    assert _read(text).success, text


@pytest.mark.parametrize(
    "text",
    ["Has your parcel been delivered?", "Pesanan sudah diterima? Balas YA atau TIDAK.", "Keluhan sudah kami catat."],
)
def test_a_question_or_a_note_taken_is_no_success(text: str) -> None:
    assert not _read(text).success, text


@pytest.mark.parametrize(
    ("text", "promised"),
    [
        ("Connecting you with a live agent now.", "transfer"),
        ("Your chat has been transferred to our billing team.", "transfer"),
        ("Agent Dewi has joined the chat.", "transfer"),
        ("Please wait while we look for an available advisor.", None),
        ("Hang on, looking for an available agent for you.", "transfer"),
        ("Mohon tunggu, kami sambungkan ke petugas kami.", "transfer"),
        ("Sebentar ya kak, lagi nyari admin yang online.", "transfer"),
        ("Our claims team will email you within two days.", "callback"),
        ("We'll let you know once your parcel is back in stock.", "callback"),
        ("Tim kami akan menghubungi Bapak besok pagi.", "callback"),
        ("Nanti kami kabari lagi lewat SMS ya kak.", "callback"),
        ("Shall I connect you to an agent?", None),
        ("Saya sudah jadwalkan telepon dari tim CS hari ini pukul 13.00. Apakah nomornya sudah benar?", "callback"),
        ("I've scheduled a call with our billing team for 3pm. Anything else?", "callback"),
        ("Mau saya jadwalkan telepon dari tim CS?", None),
        ("We will send you a receipt by email.", None),
    ],
)
def test_a_person_promised_by_shape(text: str, promised: str | None) -> None:
    assert person_promised(text, BOOK) == promised, text


@pytest.mark.parametrize(
    "text",
    [
        "This conversation has been closed due to inactivity.",
        "Chat ini akan kami tutup ya kak. Sampai jumpa!",
        "Sesi Anda telah berakhir. Silakan mulai chat baru kapan saja.",
        "How would you rate your chat with us today? Reply 1 to 5.",
        "Masih ada yang ingin ditanyakan, Kak?",
        "Is there anything else I can help you with on your account?",
    ],
)
def test_wrapping_up_by_shape(text: str) -> None:
    assert _read(text).wraps_up, text


@pytest.mark.parametrize(
    "text",
    [
        "Halo kak, ada yang bisa kami bantu?",
        "Your chat has been escalated. Please don't close this window.",
        "The exchange rate today is 15,800 rupiah to the dollar.",
        "Your table for four at Sate Khas Senayan is confirmed for 7pm on Friday. Anything else I can help with?",
        "Correct, the answer was Jakarta! Would you like another question?",
    ],
)
def test_greetings_and_instructions_do_not_wrap_up(text: str) -> None:
    assert not _read(text).wraps_up, text


@pytest.mark.parametrize(
    ("text", "done"),
    [
        ("Done! Your appointment is now Wed, Nov 20 at 11:45 AM.", True),
        ("Done, $5 credit added to your account.", True),
        ("All done.", True),
        ("Done? Tell me when you have entered the code.", False),
        ("Not done yet: your payment is still pending.", False),
    ],
)
def test_a_message_opening_with_done_says_the_task_is_done(text: str, done: bool) -> None:
    assert BotFacts(BOOK).learn(text).success is done


def test_an_apology_and_nothing_else_is_read_as_such() -> None:
    from alur.runner.bot_shapes import apologises_only

    for text in ("I am sorry.", "Sorry about that!", "We apologise for any inconvenience.", "maaf ya kak 🙏"):
        assert apologises_only(text), text
    for text in ("Sorry?", "Sorry, the flight is not available.", "Maaf, bisa diulang?"):
        assert not apologises_only(text), text
