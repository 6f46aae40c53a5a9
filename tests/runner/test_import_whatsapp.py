"""WhatsApp exports as phones write them: Android and iOS, in Indonesian,
English and the other languages and layouts phones export in, 24- and
12-hour clocks, with the invisible marks and notices real exports contain
(fixtures: tests/runner/fixtures/import/whatsapp/, see the README)."""

from __future__ import annotations

import argparse
import unicodedata
import zipfile
from pathlib import Path

import pytest

from alur.runner.errors import InputError
from alur.runner.findings import SkippedInput
from alur.runner.importers import whatsapp, whatsapp_notices
from alur.runner.importers.base import Note, WrongFormat

FIXTURES = Path(__file__).parent / "fixtures" / "import" / "whatsapp"


def read(path: Path, **flags: object) -> tuple[list[dict], list[SkippedInput], list[Note]]:
    args = argparse.Namespace(bot=None, agent=None, split_gap=None, date_order=None)
    for key, value in flags.items():
        setattr(args, key, value)
    items = list(whatsapp.read(path, whatsapp.options(args)))
    conversations = [i for i in items if isinstance(i, dict)]
    return (
        conversations,
        [i for i in items if isinstance(i, SkippedInput)],
        [i for i in items if isinstance(i, Note)],
    )


def turns(path: Path, **flags: object) -> list[dict]:
    conversations, _, _ = read(path, **flags)
    return [t for c in conversations for t in c["turns"]]


def test_indonesian_android_roles_text_and_times() -> None:
    conversations, skipped, _ = read(FIXTURES / "android_id.txt", bot=["Toko Budi"], agent=["Rina,Dewi"])
    assert skipped == []
    [chat] = conversations
    assert chat["id"] == "android_id-0001" and chat["channel"] == "whatsapp"
    first_user = chat["turns"][1]
    assert first_user == {"role": "user", "text": "halo min", "time": "2020-11-26T23:10:00"}
    roles = [t["role"] for t in chat["turns"]]
    assert roles.count("bot") == 5 and roles.count("agent") == 2 and roles.count("system") == 1
    # the sender with an emoji in the name is the customer
    assert {t["text"] for t in chat["turns"] if t["role"] == "agent"} >= {"Syukurlah, terima kasih kak 🙏"}


def test_a_message_over_several_lines_with_colons_stays_one_turn() -> None:
    texts = [t["text"] for t in turns(FIXTURES / "android_id.txt", bot=["Toko Budi"])]
    assert "ini kak nomornya\nCatatan: paket dikirim ke kantor\nAlamat: Jl. Merdeka, Bandung" in texts
    assert not any(text.startswith("Catatan") for text in texts)


def test_notices_placeholders_deleted_and_edited_are_kept_out_of_text() -> None:
    all_turns = turns(FIXTURES / "android_id.txt", bot=["Toko Budi"])
    system = [t for t in all_turns if t["role"] == "system"]
    assert len(system) == 1 and system[0]["text"].startswith("Pesan dan panggilan terenkripsi")
    spoken = " ".join(t["text"] for t in all_turns if t["role"] != "system")
    for hidden in ("terenkripsi", "Media tidak disertakan", "Pesan ini dihapus", "diedit"):
        assert hidden not in spoken
    assert {"role": "user", "text": "", "time": "2020-11-26T23:12:00", "media": "media"} in all_turns
    assert {"role": "user", "text": "", "time": "2020-11-26T23:15:00", "deleted": True} in all_turns
    assert any(t["text"] == "pagi kak, paketnya sudah sampai" for t in all_turns)


def test_split_gap_cuts_at_silences_with_stable_ids() -> None:
    conversations, _, _ = read(FIXTURES / "android_id.txt", bot=["Toko Budi"], agent=["Rina"], split_gap="30m")
    assert [c["id"] for c in conversations] == ["android_id-0001", "android_id-0002"]
    assert conversations[1]["turns"][0]["time"] == "2020-11-27T08:05:00"
    # 25 minutes of silence before the agent answered is not a new conversation
    assert conversations[0]["turns"][-1]["role"] == "agent"
    assert len(read(FIXTURES / "android_id.txt", bot=["Toko Budi"], split_gap="1d")[0]) == 1


def test_indonesian_ios_marks_notices_from_the_business_and_placeholders() -> None:
    chat_turns = turns(FIXTURES / "ios_id.txt", bot=["toko budi"], agent=["Dewi CS"])
    assert [t["role"] for t in chat_turns[:2]] == ["system", "system"]  # attributed to the business on iOS
    assert chat_turns[1]["text"].startswith("Bisnis ini menggunakan layanan aman dari Meta")
    assert all("\u200e" not in t["text"] for t in chat_turns)
    assert chat_turns[3] == {
        "role": "bot",
        "text": "Halo Kak! 👋 Pilih menu:\n1. Cek pesanan\n2. Ongkir\n3. Bicara dengan CS",
        "time": "2022-03-18T14:56:31",
    }
    assert chat_turns[4] == {"role": "user", "text": "", "time": "2022-03-18T14:57:02", "media": "image"}
    # an attachment's file name tells its kind
    assert chat_turns[9] == {"role": "agent", "text": "", "time": "2022-03-18T15:02:44", "media": "image"}


def test_english_ios_12_hour_clock_with_narrow_no_break_space() -> None:
    chat_turns = turns(FIXTURES / "ios_en_12h.txt", bot=["Acme Shop"], agent=["Sam (Agent)"])
    times = [t["time"] for t in chat_turns]
    assert times[0] == "2022-03-18T23:56:01"  # month-first: 18 cannot be a month
    assert "2022-03-19T00:00:05" in times  # 12:00:05 AM is just after midnight
    assert times[-1] == "2022-03-19T12:15:00"  # 12:15 PM is a quarter past noon
    assert {"role": "user", "text": "I want a real person: now", "time": "2022-03-19T00:00:05"} in chat_turns
    assert chat_turns[3]["media"] == "image"
    assert [t["role"] for t in chat_turns if t["text"].startswith("Missed voice call")] == ["system"]
    assert chat_turns[-1]["role"] == "agent"


def test_english_android_12_hour_clock_month_first() -> None:
    chat_turns = turns(FIXTURES / "android_en_12h.txt", bot=["Acme Shop"])
    assert [t["time"] for t in chat_turns] == [
        "2020-12-31T23:58:00", "2020-12-31T23:58:00", "2020-12-31T23:59:00",
        "2021-01-01T00:01:00", "2021-01-01T00:02:00", "2021-01-01T13:15:00",
    ]  # fmt: skip
    assert chat_turns[1] == {"role": "user", "text": "hello", "time": "2020-12-31T23:58:00"}
    assert chat_turns[-1]["deleted"] is True


def test_ambiguous_dates_follow_date_order_defaulting_to_day_first() -> None:
    assert turns(FIXTURES / "ambiguous_dates.txt", bot=["Toko Budi"])[0]["time"] == "2022-03-05T10:00:00"
    mdy = turns(FIXTURES / "ambiguous_dates.txt", bot=["Toko Budi"], date_order="mdy")
    assert mdy[0]["time"] == "2022-05-03T10:00:00"


def test_a_day_above_12_overrides_the_date_order_flag_with_a_note() -> None:
    conversations, _, notes = read(FIXTURES / "android_id.txt", bot=["Toko Budi"], date_order="mdy")
    assert conversations[0]["turns"][0]["time"] == "2020-11-26T23:10:00"
    assert any("--date-order mdy ignored" in note.message for note in notes)


def test_indonesian_day_periods_on_a_12_hour_clock() -> None:
    times = [t["time"][11:16] for t in turns(FIXTURES / "day_periods_id.txt", bot=["Toko Budi"])]
    assert times == ["09:15", "12:30", "14:45", "16:05", "20:20", "23:10"]


def test_unreadable_lines_are_reported_with_file_and_line() -> None:
    path = FIXTURES / "broken_lines.txt"
    conversations, skipped, _ = read(path, bot=["Toko Budi"])
    assert [s.source for s in skipped] == [f"{path}:1", f"{path}:3"]
    assert "before the first message" in skipped[0].reason
    assert "31/02/21" in skipped[1].reason and "lines 3-4" in skipped[1].reason
    # the broken message's second line is not glued onto another message
    assert [t["text"] for t in conversations[0]["turns"]] == ["halo", "Ada yang bisa dibantu?"]


def test_ios_zip_export_is_opened_and_named_after_the_zip(tmp_path: Path) -> None:
    archive = tmp_path / "WhatsApp Chat - Toko Budi.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("_chat.txt", (FIXTURES / "broken_lines.txt").read_text(encoding="utf-8"))
        out.writestr("00000012-PHOTO-2022-03-18-15-02-44.jpg", b"\xff\xd8")
    conversations, skipped, _ = read(archive, bot=["Toko Budi"])
    assert conversations[0]["id"] == "WhatsApp Chat - Toko Budi-0001"
    assert skipped[0].source == f"{archive}/_chat.txt:1"


def test_windows_line_endings_and_byte_order_mark_read_the_same(tmp_path: Path) -> None:
    original = (FIXTURES / "ios_id.txt").read_text(encoding="utf-8")
    copy = tmp_path / "ios_id.txt"
    copy.write_bytes(b"\xef\xbb\xbf" + original.replace("\n", "\r\n").encode("utf-8"))
    assert turns(copy, bot=["Toko Budi"]) == turns(FIXTURES / "ios_id.txt", bot=["Toko Budi"])


def test_names_match_ignoring_case_spacing_and_the_tilde_of_unsaved_contacts(tmp_path: Path) -> None:
    chat = tmp_path / "group.txt"
    chat.write_text(
        "[01/02/24 09.00.00] ~\u202fRina  🌸: Halo, saya Rina\n[01/02/24 09.01.00] Andi: ok\n", encoding="utf-8"
    )
    assert [t["role"] for t in turns(chat, agent=["rina 🌸"])] == ["agent", "user"]


def test_a_name_given_that_sent_nothing_is_a_note_and_none_matching_is_an_error() -> None:
    _, _, notes = read(FIXTURES / "android_id.txt", bot=["Toko Budi"], agent=["Rina,Dewi"])
    assert [n.message.split(";")[0] for n in notes] == ["--agent 'Dewi' sent no message in this chat"]
    with pytest.raises(InputError, match=r"none of 'Toko Bud'.*did you mean 'Toko Budi'"):
        read(FIXTURES / "android_id.txt", bot=["Toko Bud"])


def test_more_than_one_customer_suggests_an_agent_was_not_named() -> None:
    _, _, notes = read(FIXTURES / "android_id.txt", bot=["Toko Budi"])
    assert [n.message for n in notes] == [
        "2 senders are read as the customer: Budi 🌸 (8), Rina (2); name agents with --agent"
    ]
    assert read(FIXTURES / "android_id.txt", bot=["Toko Budi"], agent=["Rina"])[2] == []


def test_phone_number_senders_are_masked_in_messages() -> None:
    with pytest.raises(InputError) as error:
        read(FIXTURES / "android_en_12h.txt", bot=["Nobody"])
    assert "812-3456" not in str(error.value) and "7890" in str(error.value)


def test_options_are_checked() -> None:
    with pytest.raises(InputError, match="--bot"):
        read(FIXTURES / "android_id.txt")
    with pytest.raises(InputError, match="--split-gap"):
        read(FIXTURES / "android_id.txt", bot=["Toko Budi"], split_gap="sebentar")
    with pytest.raises(InputError, match="both"):
        read(FIXTURES / "android_id.txt", bot=["Rina"], agent=["rina"])


def test_a_file_that_is_not_a_chat_export_is_the_wrong_format(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("belanja: telur, beras\njangan lupa: bayar listrik\n", encoding="utf-8")
    with pytest.raises(WrongFormat, match="not a WhatsApp chat export"):
        read(notes, bot=["Toko Budi"])


# ---------------------------------------------------------------- other languages and layouts


def _shape(chat_turns: list[dict]) -> list[tuple]:
    """(role, text, media or "deleted") per turn: what a reader of the import checks."""
    return [(t["role"], t["text"], t.get("media") or ("deleted" if t.get("deleted") else None)) for t in chat_turns]


@pytest.mark.parametrize(
    ("name", "bot", "expected"),
    [
        ("android_fr.txt", "Boutique Lumière", [
            ("user", "Bonjour, ma commande n'est pas arrivée", None),
            ("bot", "Bonjour ! Quel est votre numéro de commande ?", None),
            ("user", "", "media"), ("user", "le bon de livraison", "image"), ("user", "", "deleted"),
            ("user", "CMD-4821", None), ("bot", "Votre colis arrive demain.", None),
        ]),
        ("android_es_12h.txt", "Tienda Sol", [
            ("user", "Hola, quiero cambiar la dirección de entrega", None),
            ("bot", "¡Hola! Claro, envíanos la nueva dirección", None),
            ("user", "", "location"), ("user", "", "media"), ("user", "", "deleted"),
            ("user", "Es la casa azul", None), ("bot", "Listo, dirección actualizada.", None),
        ]),
        ("android_pt_br.txt", "Loja Sabiá", [
            ("user", "Oi, meu pedido veio errado", None), ("bot", "Olá! Pode mandar uma foto do produto?", None),
            ("user", "", "media"), ("user", "a etiqueta da caixa", "image"), ("user", "", "deleted"),
            ("user", "Veio tamanho M", None), ("bot", "Vamos trocar, o entregador passa amanhã.", None),
        ]),
        ("ios_de.txt", "Laden Nord", [
            ("user", "Hallo, wo ist mein Paket?", None), ("bot", "Hallo Laura! Wie lautet die Bestellnummer?", None),
            ("user", "", "image"), ("user", "", "image"), ("user", "", "deleted"),
            ("user", "B-2211", None), ("bot", "Das Paket kommt heute.", None),
        ]),
        ("android_tr.txt", "Mağaza Ege", [
            ("user", "Merhaba, siparişim nerede?", None), ("bot", "Merhaba! Sipariş numaranızı yazar mısınız?", None),
            ("user", "", "media"), ("user", "", "deleted"), ("user", "SP-7731", None), ("user", "", "location"),
            ("bot", "Kargonuz yarın teslim edilecek.", None),
        ]),
        ("android_ar.txt", "متجر النخيل", [
            ("user", "مرحبا، أين طلبي؟", None), ("bot", "أهلا سارة! ما هو رقم الطلب؟", None),
            ("user", "", "media"), ("user", "", "deleted"), ("bot", "سيصل طلبك غدا.", None),
        ]),
        ("android_hi.txt", "Dukaan Plus", [
            ("user", "नमस्ते, मेरा ऑर्डर कहाँ है?", None), ("bot", "नमस्ते प्रिया! अपना ऑर्डर नंबर भेजिए", None),
            ("user", "", "media"), ("user", "", "image"), ("user", "", "deleted"), ("user", "ORD-5521", None),
            ("bot", "आपका ऑर्डर कल पहुँच जाएगा।", None),
        ]),
        ("fi_colon.txt", "Kauppa Kuu", [
            ("user", "Hei, missä tilaukseni on?", None), ("bot", "Hei Laura! Mikä on tilausnumero?", None),
            ("user", "", "media"), ("user", "", "deleted"), ("user", "T-9910\ntoinen rivi: ovikoodi 1234", None),
            ("bot", "Kiitos, paketti tulee huomenna.", None),
        ]),
        ("hu_spaces.txt", "Bolt Duna", [
            ("user", "Szia, hol a csomagom?", None), ("bot", "Szia Laura! Mi a rendelésszám?", None),
            ("user", "", "media"), ("user", "", "deleted"), ("user", "R-1200", None),
            ("bot", "A csomag ma érkezik.", None),
        ]),
    ],
)  # fmt: skip
def test_exports_from_phones_in_other_languages_import_clean(name: str, bot: str, expected: list[tuple]) -> None:
    conversations, skipped, _ = read(FIXTURES / name, bot=[bot])
    assert skipped == []
    [chat] = conversations
    spoken = [t for t in chat["turns"] if t["role"] != "system"]
    assert _shape(spoken) == expected
    # WhatsApp's own lines (encryption, missed calls, security code) are system turns, never someone's words
    for notice in (t for t in chat["turns"] if t["role"] == "system"):
        assert notice["text"] and not any(notice["text"] in t["text"] for t in spoken)


def test_times_in_other_layouts_and_clocks() -> None:
    times = lambda name, bot: [t["time"] for t in turns(FIXTURES / name, bot=[bot])]  # noqa: E731
    # "9:25 p. m." with narrow no-break spaces; "12:05 a. m." is just after midnight
    assert times("android_es_12h.txt", "Tienda Sol")[1] == "2018-06-13T21:25:00"
    assert times("android_es_12h.txt", "Tienda Sol")[-1] == "2018-06-14T00:05:00"
    # Arabic-Indic digits, U+200F marks, the Arabic comma, م (pm) and ص (am)
    assert times("android_ar.txt", "متجر النخيل")[1] == "2018-06-13T21:25:00"
    assert times("android_ar.txt", "متجر النخيل")[-1] == "2018-06-14T00:05:00"
    assert times("fi_colon.txt", "Kauppa Kuu")[2] == "2018-06-13T21:25:40"  # dots in the time, ":" after it
    assert times("hu_spaces.txt", "Bolt Duna")[-1] == "2018-06-14T08:05:10"


@pytest.mark.parametrize(
    ("line", "time"),
    [
        ("2018/06/13 21:25 - Laura: m", "2018-06-13T21:25:00"),  # year first
        ("[2018. 6. 13. 오후 9:25:15] Laura: m", "2018-06-13T21:25:15"),  # Korean: meridiem before the time
        ("2018/06/13 午前0:05 - Laura: m", "2018-06-13T00:05:00"),  # Japanese
        ("13/6/2561 21:25 - Laura: m", "2018-06-13T21:25:00"),  # Thai Buddhist year
        ("۱۳۹۷/۳/۲۳، ۲۱:۲۵ - Laura: m", "2018-06-13T21:25:00"),  # Persian digits, Solar Hijri year
        ("\u200f[13/06/2018, 9:25:15 PM] Laura: m", "2018-06-13T21:25:15"),  # direction mark before the line
        ("6/13/18, 9:25\u202fPM - Laura: m", "2018-06-13T21:25:00"),  # US, narrow no-break space
        ("13/06/2018, 9:25 p.m. - Laura: m", "2018-06-13T21:25:00"),
        ("13/06/2018, 9:25 अपराह्न - Laura: m", "2018-06-13T21:25:00"),
        ("2018. 06. 13. 21:25 - Laura: m", "2018-06-13T21:25:00"),  # Hungarian Android
        ("2018/6/13 下午9:25 - Laura: m", "2018-06-13T21:25:00"),  # Chinese Android
        ("[١٣\u200f/٦\u200f/٢٠١٨، ٩:٢٥:١٥ م] Laura: m", "2018-06-13T21:25:15"),  # Arabic iOS
        ("[13.6.2018 klo 21.25.15] Laura: m", "2018-06-13T21:25:15"),  # Finnish iOS
        ("[21:25:15, 6/13/18] Laura: m", "2018-06-13T21:25:15"),  # Vietnamese iOS: time first
        ("[6/13/2561 BE, 21:25:15] Laura: m", "2018-06-13T21:25:15"),  # Thai iOS, with the era
        ("[6/13/R4, 21:25:15] Laura: m", "2022-06-13T21:25:15"),  # Japanese calendar: Reiwa 4
    ],
)
def test_date_and_time_layouts_of_phones_in_other_locales(tmp_path: Path, line: str, time: str) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(line + "\n", encoding="utf-8")
    assert [t["time"] for t in turns(chat, bot=["Laura"])] == [time]


def test_a_line_that_starts_like_a_message_is_never_merged_silently() -> None:
    path = FIXTURES / "mixed_layouts.txt"
    conversations, skipped, notes = read(path, bot=["Toko Budi"])
    # no layout reads "23.13h": the message is skipped, with the line after it
    assert [s.source for s in skipped] == [f"{path}:9"]
    assert "'26/11/20 23.10 - Name: text'" in skipped[0].reason and "lines 9-10" in skipped[0].reason
    # lines of another export's layout, pasted by the customer, stay in their message, with a note
    [pasted] = [n for n in notes if n.source.startswith(f"{path}:")]
    assert pasted.source == f"{path}:5"
    assert "lines 5, 7, 8 written like messages of another export" in pasted.message
    assert "message from line 4" in pasted.message
    assert [t["text"] for t in conversations[0]["turns"]] == [
        "halo kak",
        # a line starting with a date but naming nobody is part of the message
        "Jadwal servis yang tersedia:\n27/11/20 10.00 sampai 11.00 di cabang Bandung",
        "ini chat saya kemarin:\n[25/11/20 20.01.05] Toko Budi: Pesanan INV-123 dikirim besok\n"
        "dan ini lanjutannya\n[20:02:10, 11/25/20] Budi: oke\n13. 6. 2018. 21:25:15 Laura: m",
        "Siap kak",
    ]


def test_the_20_most_spoken_languages_have_wording_and_every_row_is_recognised() -> None:
    rows = whatsapp_notices.rows()
    languages = {lang for _, lang, _ in rows}
    spoken_most = "en zh hi es fr ar bn pt ru ur id de ja mr te tr ta vi ko it".split()
    assert set(spoken_most) <= languages

    def without(kind: str) -> set[str]:
        return set(spoken_most) - {lang for k, lang, _ in rows if k == kind}

    assert without("media") == without("notice") == set()
    assert without("deleted") == {"te"}  # no Telugu source found yet
    # every row is usable: the text it lists is recognised as what it says it is
    known = whatsapp_notices.wording()
    for kind, lang, text in rows:
        sample = whatsapp_notices.fold(text.replace("{}", "Budi").rstrip("$"))
        if kind == "media":
            assert known.media_of(f"<{sample}>") == "media", (lang, text)
        elif kind in whatsapp_notices.MEDIA_KINDS:
            assert known.media_of(sample) == kind, (lang, text)
        elif kind == "deleted":
            assert known.deleted.fullmatch(sample), (lang, text)
        elif kind == "edited":
            assert known.without_edited(f"ok <{text}>") == "ok", (lang, text)
        elif kind == "notice":
            assert known.is_notice(sample), (lang, text)
        elif kind == "group_event":
            assert known.is_event_line(sample) and not known.is_notice(sample), (lang, text)


def test_a_year_of_another_calendar_or_an_impossible_time_is_reported_not_misread(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "13/06/2018 21:25 - Laura: m\n"
        "١٤٣٩/٩/٢٨ ٢١:٢٥ - Laura: Hijri year in Arabic-Indic digits\n"  # not Persian digits: not converted
        "13/06/2018 25:10 - Laura: no such hour\n",
        encoding="utf-8",
    )
    conversations, skipped, _ = read(chat, bot=["Laura"])
    assert [t["text"] for t in conversations[0]["turns"]] == ["m"]
    assert [s.source for s in skipped] == [f"{chat}:2", f"{chat}:3"]
    assert "1439 is not a year alur can read" in skipped[0].reason
    assert "time 25:10 does not exist" in skipped[1].reason


def test_polls_live_locations_and_group_events_and_words_that_only_resemble_them(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "13/06/2018, 21:25 - Toko Budi: POLL:\nHari apa kirimnya?\nOPTION: Senin (1 vote)\nOPTION: Selasa (0 votes)\n"
        "13/06/2018, 21:26 - Budi: live location shared\n"
        '13/06/2018, 21:27 - Budi changed the subject to "Promo: 50%"\n'
        "13/06/2018, 21:28 - Budi: I changed the subject of my email: still no answer\n",
        encoding="utf-8",
    )
    assert _shape(turns(chat, bot=["Toko Budi"])) == [
        ("bot", "Hari apa kirimnya?", "poll"),
        ("user", "", "location"),
        ("system", 'Budi changed the subject to "Promo: 50%"', None),
        ("user", "I changed the subject of my email: still no answer", None),
    ]


def test_a_short_notice_is_the_whole_message_not_the_first_words_of_one(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "[13/06/2018, 21:25:00] Lucía: \u200eLlamada perdida\n"
        "[13/06/2018, 21:25:30] Lucía: \u200eMissed voice call, \u200eTap to call back\n"
        "[13/06/2018, 21:26:00] Lucía: Llamada perdida de su número, ¿quién es?\n"
        "[13/06/2018, 21:27:00] Tienda Sol: Somos Tienda Sol\n"
        "[13/06/2018, 21:28:00] Lucía: Menunggu pesan ini dibalas ya kak\n"
        "[13/06/2018, 21:29:00] Lucía: \u200eWaiting for this message. This may take a while.\n",
        encoding="utf-8",
    )
    roles = [t["role"] for t in turns(chat, bot=["Tienda Sol"])]
    assert roles == ["system", "system", "user", "bot", "user", "system"]


@pytest.mark.parametrize(
    ("text", "media"),
    [
        ("null", "view_once"),  # Android writes "null" for view-once media
        ("<Média vynechány>", "media"),  # Czech Android
        ("Untitled • 9 pages \u200edocument omitted", "document"),  # a document whose name has no extension
        ("Resume 2024.pdf • 2 pages \u200eDokument weggelassen", "document"),
        ("\u200e<attached: 00000031-AUDIO-2022-03-27-21-44-47.opus>", "audio"),
        ("PTT-20180129-WA0025.opus (Datei angehängt)", "audio"),
        ("STK-20180129-WA0026.webp (file attached)", "sticker"),
        ("Laporan.pdf (file terlampir)", "document"),
        ("لوکیشن", None),  # a word alone is someone's message
        ("the image omitted from the report", None),
    ],
)
def test_media_placeholders_become_a_kind(tmp_path: Path, text: str, media: str | None) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(f"[13/06/2018, 21:25:15] Laura: {text}\n", encoding="utf-8")
    [only] = turns(chat, bot=["Laura"])
    assert only.get("media") == media and (only["text"] == "") == (media is not None)


def test_wording_is_recognised_whatever_the_unicode_normalisation(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    decomposed = unicodedata.normalize("NFD", "Tin nhắn này đã bị xóa")  # as some phones write Vietnamese
    chat.write_text(f"[21:25:15, 6/13/18] Lan: {decomposed}\n[21:26:00, 6/13/18] Lan: cảm ơn\n", encoding="utf-8")
    assert _shape(turns(chat, bot=["Shop"], agent=["Lan"])) == [("agent", "", "deleted"), ("agent", "cảm ơn", None)]
