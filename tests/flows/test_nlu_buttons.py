"""Which button a reply picks."""

from __future__ import annotations

import pytest

from alur.flows.nlu import match_button

TITLES = ["Cek pesanan", "Bicara dengan CS", "Batalkan pesanan"]


@pytest.mark.parametrize(
    ("reply", "index"),
    [
        ("1", 0),
        ("2", 1),
        ("2.", 1),
        ("2)", 1),
        ("#2", 1),
        ("2️⃣", 1),
        ("no 2", 1),
        ("No. 2", 1),
        ("nomor 3", 2),
        ("pilih yang kedua", 1),
        ("yang 1 aja kak", 0),
        ("option two", 1),
        ("the 3rd one", 2),
        ("cek pesanan", 0),
        ("  CEK   PESANAN ", 0),
        ("bicara dengan cs!", 1),
        ("cek pesanan dong kak", 0),
    ],
)
def test_reply_picks_button(reply, index):
    assert match_button(reply, TITLES) == index


@pytest.mark.parametrize("reply", ["0", "4", "12", "2 juta", "no", "pesanan", "halo", "", "  ", "1 2"])
def test_reply_picks_nothing(reply):
    assert match_button(reply, TITLES) is None


def test_number_beyond_the_list_picks_the_title_holding_it():
    assert match_button("6", ["1 bulan", "3 bulan", "6 bulan"]) == 2
    assert match_button("3", ["1 bulan", "3 bulan", "6 bulan"]) == 2  # in range: the 3rd button


def test_a_typed_title_beats_its_position():
    assert match_button("2", ["1", "2"]) == 1
    assert match_button("1", ["2", "1"]) == 1
