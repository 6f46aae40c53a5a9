"""Botium .convo.txt and Chatdown .chat files (fixtures: tests/runner/fixtures/import/botium/, chatdown/)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from alur.runner.findings import SkippedInput
from alur.runner.importers import botium, chatdown
from alur.runner.importers.base import WrongFormat

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def read(module, path: Path, **flags: object) -> tuple[list[dict], list[SkippedInput]]:
    items = list(module.read(path, module.options(argparse.Namespace(**flags))))
    return [i for i in items if isinstance(i, dict)], [i for i in items if isinstance(i, SkippedInput)]


def test_botium_sections_asserters_and_utterances() -> None:
    path = FIXTURES / "botium" / "cek_pesanan.convo.txt"
    [convo], _ = read(botium, path, utterances=None)
    assert convo["id"] == "TC01 - cek pesanan"
    assert convo["source"] == f"{path}:1"
    assert convo["turns"] == [
        # the utterance list name is replaced by its first utterance; INTENT on the bot's answer is
        # checked on the user turn (and kept as what the bot understood)
        {
            "role": "user",
            "text": "mau cek pesanan dong",
            "utterance": "UTT_CEK_PESANAN",
            "line": 4,
            "expect": {"intent": "check_order"},
            "intent": "check_order",
        },
        {
            "role": "bot",
            "text": "Kirim nomor pesanan Anda (contoh: INV-123456).",
            "buttons": ["Batal", "Bicara dengan CS"],
            "line": 7,
        },
        # BUTTON payload|text; the #bot section that only checks the intent makes no bot turn
        {
            "role": "user",
            "text": "Bicara dengan CS",
            "line": 12,
            "expect": {"intent": "talk_to_human"},
            "intent": "talk_to_human",
        },
        {"role": "bot", "text": "Mohon tunggu, kami hubungkan\ndengan agen kami.", "line": 19},
        {"role": "user", "text": "", "media": "bukti_transfer.jpg", "line": 23},
    ]


def test_botium_steps_it_cannot_use_are_reported_by_line() -> None:
    path = FIXTURES / "botium" / "cek_pesanan.convo.txt"
    _, skipped = read(botium, path, utterances=None)
    assert [s.source for s in skipped] == [f"{path}:{n}" for n in (17, 26, 29, 31)]
    assert "PAUSE" in skipped[0].reason
    assert "negated" in skipped[1].reason
    assert "#include" in skipped[2].reason
    assert "#customer" in skipped[3].reason


def test_botium_text_asserters_become_say_contains_or_are_reported() -> None:
    path = FIXTURES / "botium" / "asserters.convo.txt"
    [convo], skipped = read(botium, path, utterances=None)
    customer = [t for t in convo["turns"] if t["role"] == "user"]
    assert [t.get("expect") for t in customer] == [
        {"intent": "check_order", "say_contains": ["nomor pesanan", "INV-123456"]},  # TEXT_CONTAINS_ALL a|b
        {"say_contains": "Pesanan INV-204518 sedang dikirim."},  # a regex that is plain text
        {"say_contains": "Pilih menu"},  # TEXT_WILDCARDEXACT_ALL without a wildcard
    ]
    # a #bot step of buttons only is still a bot message
    assert convo["turns"][-1] == {"role": "bot", "text": "", "buttons": ["Cek pesanan", "Bicara dengan CS"], "line": 39}
    reasons = {int(s.source.rsplit(":", 1)[1]): s.reason for s in skipped}
    assert sorted(reasons) == [5, 9, 15, 16, 17, 21, 25, 26, 27, 29, 30, 33, 34, 42, 43, 44]
    assert "scripting memory" in reasons[44]  # "$order" is only known while Botium runs
    assert reasons[42].startswith("TEXT_EQUALS: any one of several texts")  # TEXT_EQUALS a|b takes either
    assert reasons[43] == "TEXT_WER: alur's expect does not check this"
    assert reasons[5].startswith("a check before the first customer turn")
    assert "ignores case" in reasons[15]
    assert "negated" in reasons[17] and "negated" in reasons[34]
    assert "wildcard" in reasons[25]
    assert "any of 2 texts" in reasons[26]  # an utterance list with two texts
    # the FORM input was skipped, so the checks on the bot's answer to it are not pinned on "INV-204518"
    assert reasons[33].startswith("the customer step this check follows was skipped")


def test_botium_without_a_name_line_and_with_optional_text() -> None:
    path = FIXTURES / "botium" / "no_name.convo.txt"
    [convo], skipped = read(botium, path, utterances=None)
    assert [(s.source, s.reason) for s in skipped] == [
        (f"{path}:6", "TEXT_CONTAINS_ANY: any one of several texts; say_contains needs each of its texts to appear")
    ]
    assert convo["id"] == "no_name"
    assert convo["turns"] == [
        {"role": "user", "text": "halo", "line": 1},
        {"role": "bot", "text": "Halo! Ada yang bisa dibantu?", "line": 4},
    ]


def test_botium_utterances_from_another_folder(tmp_path: Path) -> None:
    convo = tmp_path / "convos" / "a.convo.txt"
    convo.parent.mkdir()
    convo.write_text("#me\nUTT_HALO\n\n#bot\nHai!\n", encoding="utf-8")
    (tmp_path / "utt").mkdir()
    (tmp_path / "utt" / "halo.utterances.txt").write_text("UTT_HALO\nhalo kak\nhai\n", encoding="utf-8")
    [without], _ = read(botium, convo, utterances=None)
    [with_flag], _ = read(botium, convo, utterances=tmp_path / "utt")
    assert without["turns"][0]["text"] == "UTT_HALO"
    assert with_flag["turns"][0] == {"role": "user", "text": "halo kak", "utterance": "UTT_HALO", "line": 1}


def test_a_text_file_without_sections_is_not_a_botium_convo(tmp_path: Path) -> None:
    path = tmp_path / "readme.convo.txt"
    path.write_text("just notes\n", encoding="utf-8")
    with pytest.raises(WrongFormat, match="no #me or #bot"):
        read(botium, path, utterances=None)


def test_chatdown_names_commands_cards_and_continuations() -> None:
    path = FIXTURES / "chatdown" / "cek_pesanan.chat"
    [chat], _ = read(chatdown, path)
    assert chat["id"] == "cek_pesanan"
    assert chat["source"] == f"{path}:4"
    assert [{k: v for k, v in t.items() if k != "line"} for t in chat["turns"]] == [
        {"role": "bot", "text": "Halo! Ada yang bisa dibantu?", "buttons": ["Cek pesanan", "Bicara dengan CS"]},
        # "Budi:" is the user named in the header; "[INV-123456]" is not a command; "tolong:" continues the message
        {"role": "user", "text": "mau cek pesanan [INV-123456]\ntolong: cepat ya"},
        {
            "role": "bot",
            "text": "Status pesanan\nPesanan Anda sedang dikirim",
            "buttons": ["Lacak", "Selesai"],
            "media": "herocard",
        },
        {"role": "user", "text": "", "media": "bukti.jpg"},
        {"role": "bot", "text": "Terima kasih!"},  # bot->Budi:
    ]
    assert [t["line"] for t in chat["turns"]] == [4, 7, 9, 14, 15]


def test_chatdown_conversation_updates_become_system_turns_in_either_form() -> None:
    path = FIXTURES / "chatdown" / "anggota.chat"
    [chat], skipped = read(chatdown, path)
    assert [(t["role"], t["text"]) for t in chat["turns"]] == [
        ("system", "Joe, Susan joined"),  # before the first message: not "text before the first message"
        ("bot", "Halo Joe, ada yang bisa dibantu?"),
        ("user", "mau cek pesanan"),
        ("bot", "Kirim nomor pesanan Anda."),  # [ConversationUpdate:membersremoved=Susan] is not part of it
        ("system", "Susan left"),
        ("user", "aku ikut tanya juga"),
        ("system", "Joe left"),  # a command over two lines
    ]
    assert [(s.source, s.reason) for s in skipped] == [(f"{path}:7", "[AttachmentLayout]: presentation, not a message")]


def test_chatdown_reports_what_it_cannot_use() -> None:
    cek = FIXTURES / "chatdown" / "cek_pesanan.chat"
    stray = FIXTURES / "chatdown" / "stray_header.chat"
    assert [(s.source, s.reason) for s in read(chatdown, cek)[1]] == [
        (f"{cek}:4", "[Typing]: presentation, not a message"),
        (f"{cek}:4", "[Delay]: presentation, not a message"),
        (f"{cek}:16", "a message with no text, buttons or attachment"),
    ]
    conversations, skipped = read(chatdown, stray)
    assert [s.source for s in skipped] == [f"{stray}:1"]
    assert [t["text"] for t in conversations[0]["turns"]] == ["halo", "Halo kak"]


def test_a_file_without_message_lines_is_not_a_chat_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.chat"
    path.write_text("user=Budi\nbot=TokoBot\n", encoding="utf-8")
    with pytest.raises(WrongFormat, match="no message lines"):
        read(chatdown, path)
