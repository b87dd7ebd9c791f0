"""`{% load formatting %}`: one format per kind of value, in English and in Spanish."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from portal.core.templatetags.formatting import (
    date_display,
    datetime_display,
    money,
    phone,
    time_display,
)

DAY = date(2026, 12, 3)
# 03:30 UTC on Dec. 4 is 9:30 p.m. on Dec. 3 in the program's zone (America/Chicago).
EVENING = datetime(2026, 12, 4, 3, 30, tzinfo=UTC)


@pytest.fixture(params=["en", "es"])
def language(request):
    with translation.override(request.param):
        yield request.param


def expected(language, english, spanish):
    return english if language == "en" else spanish


def test_date_display(language):
    assert date_display(DAY) == expected(language, "Dec. 3, 2026", "3 dic. 2026")
    assert date_display(DAY, "day") == expected(language, "Dec. 3", "3 dic.")
    assert date_display(DAY, "weekday") == expected(
        language, "Thursday, Dec. 3, 2026", "Jueves, 3 dic. 2026"
    )
    assert date_display(None) == "" and date_display("") == ""


def test_a_datetime_shows_the_day_it_is_in_the_program_s_time_zone(language):
    assert date_display(EVENING) == expected(language, "Dec. 3, 2026", "3 dic. 2026")


def test_time_display(language):
    assert time_display(EVENING) == "9:30 p.m."
    assert time_display(time(9, 5)) == "9:05 a.m."
    assert time_display(None) == ""


def test_datetime_display(language):
    assert datetime_display(EVENING) == expected(
        language, "Dec. 3, 2026, 9:30 p.m.", "3 dic. 2026, 9:30 p.m."
    )
    assert datetime_display(DAY) == expected(language, "Dec. 3, 2026", "3 dic. 2026")


def test_money_has_thousands_separators_and_two_places_in_both_languages(language):
    # Dollars are written the US way in Spanish too (es-US), never "1336,56".
    assert money(Decimal("1336.56")) == "$1,336.56"
    assert money(Decimal("1234567.5")) == "$1,234,567.50"
    assert money(384) == "$384.00"
    assert money("0.005") == "$0.01"
    assert money(Decimal("-5")) == "\u2212$5.00"
    assert money(None) == "" and money("") == ""
    assert money("n/a") == "n/a"


def test_phone_numbers_in_the_national_format(language):
    assert phone("+18165550140") == "(816) 555-0140"
    assert phone("816-555-0140") == "(816) 555-0140"
    assert phone("+442079460000") == "+44 20 7946 0000"
    assert phone("call the office") == "call the office"
    assert phone("") == "" and phone(None) == ""


def test_the_filters_in_a_template_follow_the_active_language():
    template = Template(
        "{% load formatting %}{{ when|date_display:'weekday' }} {{ when|time_display }}"
        " {{ pay|money }} {{ tel|phone }}"
    )
    context = Context({"when": EVENING, "pay": Decimal("1336.56"), "tel": "+18165550140"})
    assert template.render(context) == "Thursday, Dec. 3, 2026 9:30 p.m. $1,336.56 (816) 555-0140"
    with translation.override("es"):
        assert template.render(context) == "Jueves, 3 dic. 2026 9:30 p.m. $1,336.56 (816) 555-0140"


def test_a_stored_choice_reads_as_its_label_in_the_readers_language(language):
    from portal.core.templatetags.formatting import choice_label

    path = "employers.OffenseRule.decision"
    assert choice_label("not_within_years", path) == expected(
        language,
        "Not considered within a number of years",
        "No se toma en cuenta durante un número de años",
    )
    assert choice_label("insurance", "employers.OffenseRule.reason") == expected(
        language, "Our insurance", "Nuestro seguro"
    )
    assert choice_label(None, path) == ""
