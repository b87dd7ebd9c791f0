from decimal import Decimal

import pytest
from django.test import override_settings

from portal.core.exceptions import ApplicationError
from portal.core.geo import miles_between, zip_location, zip_location_or_error
from portal.core.models import OffenseCategory, Skill
from portal.core.money import from_cents, to_cents, to_money
from portal.core.panels import Panel, dashboard_panels
from portal.core.rules import minimum_hourly_wage


def test_a_kansas_city_zip_has_its_county_and_centre():
    location = zip_location("64106")
    assert (location.city, location.state, location.county) == (
        "Kansas City",
        "MO",
        "Jackson County",
    )
    assert 39.0 < location.latitude < 39.2


@pytest.mark.parametrize("bad", ["", "6410", "641066", "abcde", "00000", None])
def test_bad_zips_are_unknown_and_the_error_names_the_field(bad):
    assert zip_location(bad) is None
    with pytest.raises(ApplicationError) as error:
        zip_location_or_error(bad, field="work_zip")
    assert error.value.fields == {"work_zip": ["This is not a known US ZIP code."]}


def test_distances_in_miles():
    downtown, independence = zip_location("64106"), zip_location("64050")
    miles = miles_between(
        downtown.latitude, downtown.longitude, independence.latitude, independence.longitude
    )
    assert 7 < miles < 13
    assert miles_between(39.1, -94.5, 39.1, -94.5) == 0


def test_money_rounds_to_the_cent_and_converts_to_cents():
    assert to_money("10.005") == Decimal("10.01")
    assert to_money(Decimal("2.344")) == Decimal("2.34")
    assert to_cents(Decimal("12.34")) == 1234
    assert from_cents(1234) == Decimal("12.34")
    with pytest.raises(TypeError):
        to_money(0.1)


def test_the_minimum_wage_comes_from_settings():
    assert minimum_hourly_wage() == Decimal("15.00")
    with override_settings(PORTAL_MINIMUM_HOURLY_WAGE="16.25"):
        assert minimum_hourly_wage() == Decimal("16.25")


def test_the_offense_taxonomy_is_the_one_employers_and_records_share():
    assert set(OffenseCategory.values) == {
        "violent",
        "sex_offense",
        "theft_fraud",
        "drug",
        "weapons",
        "dui",
        "other",
    }


@pytest.mark.django_db
def test_starter_skills_come_with_their_other_words():
    forklift = Skill.objects.get(slug="forklift-operation")
    assert "forklift" in forklift.synonyms
    assert Skill.objects.count() >= 30


def test_zip_plus_four_is_accepted():
    assert zip_location("64106-1234").zip_code == "64106"


def test_dashboard_panels_come_from_the_apps_in_their_order(monkeypatch):
    class AppDashboard:
        @staticmethod
        def panels(request):
            return [Panel("a.html", {"n": 2}, order=20), Panel("b.html", {"n": 1}, order=10)]

    monkeypatch.setattr("portal.core.panels.portal_app_modules", lambda name: iter([AppDashboard]))
    assert [panel.context["n"] for panel in dashboard_panels(None)] == [1, 2]
