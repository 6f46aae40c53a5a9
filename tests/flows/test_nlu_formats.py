"""Money and dates as the bot writes them, per locale."""

from __future__ import annotations

import datetime

import pytest

from alur.flows.nlu.formats import MONTH_NAMES, value_formatter


@pytest.mark.parametrize(
    ("locale", "value", "shown"),
    [
        ("id-ID", 500000, "500.000"),
        ("id-ID", 1500000, "1.500.000"),
        ("id-ID", 999, "999"),
        ("id-ID", 1500000.0, "1.500.000"),
        ("id-ID", 1250.5, "1.250,50"),
        ("en-US", 500000, "500,000"),
        ("en-US", 1250.5, "1,250.50"),
        ("en-GB", 2000000, "2,000,000"),
        ("id", 10000, "10.000"),
    ],
)
def test_money(locale, value, shown):
    assert value_formatter("money", locale)(value) == shown


@pytest.mark.parametrize(
    ("locale", "value", "shown"),
    [
        ("id-ID", "2025-08-30", "30 Agustus 2025"),
        ("id-ID", "2026-01-05", "5 Januari 2026"),
        ("en-US", "2025-08-30", "August 30, 2025"),
        ("en", "2025-12-01", "December 1, 2025"),
        ("en-GB", "2025-08-30", "30 August 2025"),
        ("id-ID", datetime.date(2025, 3, 1), "1 Maret 2025"),
    ],
)
def test_date(locale, value, shown):
    assert value_formatter("date", locale)(value) == shown


@pytest.mark.parametrize("locale", [None, "", "ms-MY", "ja-JP"])
def test_other_locales_show_values_as_kept(locale):
    assert value_formatter("money", locale) is None
    assert value_formatter("date", locale) is None


@pytest.mark.parametrize("slot_type", ["number", "text", "otp", "phone", "choice"])
def test_only_money_and_dates_change(slot_type):
    assert value_formatter(slot_type, "id-ID") is None


@pytest.mark.parametrize(
    ("slot_type", "value"), [("money", "lima ratus"), ("money", True), ("date", "besok"), ("date", 20250830)]
)
def test_a_value_of_another_shape_is_left_to_the_caller(slot_type, value):
    assert value_formatter(slot_type, "id-ID")(value) is None


def test_month_names_cover_both_languages():
    assert {"agustus", "august", "mei", "may"} <= MONTH_NAMES
