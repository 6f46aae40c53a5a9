"""Normalisation of chat text, and the word lists it rests on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alur.flows.nlu import normalise
from alur.flows.nlu.lexicon import read_lines, slang, word_set


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("min, pesanan sy blm sampe", "admin pesanan saya belum sampai"),
        ("Min, pesanan sy blm sampe!!", "admin pesanan saya belum sampai"),
        ("HALOOOO KAAAK", "halo kak"),
        ("maaaaf", "maaf"),  # a real double letter survives stretching
        ("gooood morning", "good morning"),
        ("gk bisa login", "tidak bisa login"),
        ("ga", "tidak"),
        ("gaaak", "tidak"),
        ("nggak", "tidak"),
        ("tdk", "tidak"),
        ("yg ini bs utk dgn", "yang ini bisa untuk dengan"),
        ("udh bayar tp blm dikirim", "sudah bayar tapi belum dikirim"),
        ("makasihh kak", "terima kasih kak"),
        ("okee siap 👍", "oke siap oke"),
        ("hati2 di jalan", "hati hati di jalan"),
        ("I don't want a bot", "i do not want a bot"),
        ("what's ur order number", "what is your order number"),
        ("mau cancel order dong", "mau cancel order dong"),
        ("Café  𝗵𝗮𝗹𝗼", "cafe halo"),  # accents and fancy fonts
        ("INV-123456", "inv 123456"),
        ("2️⃣", "2"),
        ("", ""),
        ("?!... 🙈", ""),
    ],
)
def test_normalise_folds_chat_spelling(typed, normalised):
    assert normalise(typed) == normalised


def test_slang_expansions_are_already_normal():
    """An expansion that is itself a slang variant would make normalisation
    depend on how many times it is applied."""
    words, _ = slang()
    for expansion in words.values():
        for word in expansion:
            assert normalise(word) == word, word


@pytest.mark.parametrize("name", ["stopwords.txt", "doubles.txt"])
def test_word_lists_are_in_normal_form(name):
    for word in word_set(name):
        assert normalise(word) == word, f"{name}: {word}"


def test_data_files_have_comments_and_entries():
    lines = read_lines("slang.txt")
    assert lines and all(not text.startswith("#") for _, text in lines)


@given(st.text(max_size=200))
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once
    assert once == once.strip() and "  " not in once
