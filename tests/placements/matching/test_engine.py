"""The pure core of the matching engine: each hard rule alone and combined, the score,
reasons and cautions, and the bad input that must never raise."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.utils import translation

from placements.matching.engine import (
    JobIndex,
    curfew_conflict_exact,
    full_years_between,
    normalize_term,
    rank_jobs,
)
from placements.matching.profiles import Conviction, Limits, Weights
from placements.matching.reasons import texts_of
from portal.core.geo import miles_between
from tests.factories.matching import PLACES, TODAY, job, person, ranked, shown_ids

FORKLIFT = (("certification", "Forklift certificate"),)


# --- 1. Employer or job policy against the record ----------------------------------------


def test_policy_never_considered_excludes_the_job():
    bank = job("Bank teller", lookback_years={"theft_fraud": None})
    store = job("Stocker")
    theft = person(convictions=(Conviction("theft_fraud", date(2001, 1, 1)),))
    result = ranked(theft, [bank, store])
    assert [m.job_id for m in result.matches] == [store.id]
    assert result.excluded["policy"] == 1


def test_policy_within_years_counts_from_the_later_of_conviction_and_release():
    bank = job("Bank teller", lookback_years={"theft_fraud": 7})
    # Convicted 9 years ago but released 3 years ago: still inside the 7 years.
    released_recently = person(
        convictions=(Conviction("theft_fraud", date(2017, 6, 1), date(2023, 6, 1)),)
    )
    assert shown_ids(released_recently, [bank]) == []
    # Released 7 years ago to the day: the look-back is over.
    clear = person(convictions=(Conviction("theft_fraud", date(2015, 1, 1), date(2019, 11, 23)),))
    assert shown_ids(clear, [bank]) == [bank.id]
    almost = person(convictions=(Conviction("theft_fraud", date(2015, 1, 1), date(2019, 11, 24)),))
    assert shown_ids(almost, [bank]) == []


def test_policy_of_another_category_does_not_exclude():
    bank = job("Bank teller", lookback_years={"theft_fraud": None})
    drug = person(convictions=(Conviction("drug", date(2024, 1, 1)),))
    assert shown_ids(drug, [bank]) == [bank.id]


def test_no_record_passes_every_policy():
    strict = job("Day care aide", lookback_years=dict.fromkeys(["violent", "sex_offense"]))
    assert shown_ids(person(), [strict]) == [strict.id]


def test_full_years_between_handles_leap_days():
    assert full_years_between(date(2020, 2, 29), date(2027, 2, 28)) == 7
    assert full_years_between(date(2020, 2, 29), date(2027, 2, 27)) == 6
    assert full_years_between(date(2020, 3, 1), date(2027, 2, 28)) == 6


# --- 2. Supervision ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("supervision", "accepts_parole", "accepts_probation", "shown"),
    [
        ("parole", False, True, False),
        ("parole", True, False, True),
        ("probation", True, False, False),
        ("probation", False, True, True),
        ("none", False, False, True),
    ],
)
def test_supervision_the_employer_does_not_accept(
    supervision, accepts_parole, accepts_probation, shown
):
    posting = job(accepts_parole=accepts_parole, accepts_probation=accepts_probation)
    result = ranked(person(supervision_type=supervision), [posting])
    assert bool(result.matches) is shown
    assert result.excluded["supervision"] == (0 if shown else 1)


# --- 3. Curfew ---------------------------------------------------------------------------


def test_a_10_pm_curfew_never_sees_a_night_shift():
    night = job("Night stocker", shift_start=time(22), shift_end=time(6), shift_period="night")
    late = job("Order picker", shift_start=time(14), shift_end=time(22, 30), shift_period="evening")
    day = job("Day stocker")
    curfew = person(curfew_start=time(22), curfew_end=time(6))
    result = ranked(curfew, [night, late, day])
    assert [m.job_id for m in result.matches] == [day.id]
    assert result.excluded["curfew"] == 2


def test_a_shift_ending_exactly_at_the_curfew_leaves_no_time_to_get_home():
    # The case: a 10 p.m. end was shown as "before your 10 p.m. curfew".
    ends_at_ten = job(shift_start=time(14), shift_end=time(22), shift_period="evening")
    result = ranked(person(curfew_start=time(22), curfew_end=time(6)), [ends_at_ten])
    assert result.matches == []
    assert result.excluded["curfew"] == 1


def test_a_shift_ending_an_hour_before_the_curfew_fits_and_says_so():
    ends_at_nine = job(shift_start=time(13), shift_end=time(21), shift_period="evening")
    result = ranked(person(curfew_start=time(22), curfew_end=time(6)), [ends_at_nine])
    assert [m.job_id for m in result.matches] == [ends_at_nine.id]
    with translation.override("en"):
        assert (
            "Evening shift ends at 9 p.m., an hour before your 10 p.m. curfew, leaving time to "
            "get home" in texts_of(result.matches[0].reasons)
        )
    with translation.override("es"):
        spanish = " ".join(texts_of(result.matches[0].reasons))
        assert "una hora antes de su toque de queda" in spanish


def test_a_shift_ending_inside_the_travel_time_is_left_out():
    ends_at_half_past_nine = job(shift_start=time(13), shift_end=time(21, 30))
    curfew = person(curfew_start=time(22), curfew_end=time(6))
    assert shown_ids(curfew, [ends_at_half_past_nine]) == []
    # A shorter buffer (the setting, through Limits) lets it through.
    short = Limits(curfew_travel_minutes=30)
    assert shown_ids(curfew, [ends_at_half_past_nine], limits=short) == [ends_at_half_past_nine.id]
    assert shown_ids(curfew, [ends_at_half_past_nine], limits=Limits(curfew_travel_minutes=0))


def test_the_buffer_is_only_before_the_curfew_and_wraps_midnight():
    # A curfew starting at 00:30 with an hour to get home: a shift ending at 23:45 the
    # evening before is too late; one ending at 23:30 fits.
    curfew = person(curfew_start=time(0, 30), curfew_end=time(6))
    too_late = job(shift_start=time(16), shift_end=time(23, 45))
    in_time = job(shift_start=time(15), shift_end=time(23, 30))
    assert shown_ids(curfew, [too_late, in_time]) == [in_time.id]
    # A shift starting when the curfew ends is untouched by the buffer.
    assert shown_ids(curfew, [job(shift_start=time(6), shift_end=time(14))])


def test_curfew_checks_every_shift_day_across_midnight():
    # Sunday 23:00 to Monday 07:00 against a curfew of 06:00-06:30 (on Monday morning).
    sunday_night = job(
        shift_days=("sun",), shift_start=time(23), shift_end=time(7), shift_period="night"
    )
    early = person(curfew_start=time(6), curfew_end=time(6, 30))
    assert shown_ids(early, [sunday_night]) == []
    # A weekend-only day shift does not touch a weekday-style night curfew.
    saturday = job(shift_days=("sat",), shift_start=time(8), shift_end=time(12))
    assert shown_ids(person(curfew_start=time(21), curfew_end=time(7)), [saturday]) == [saturday.id]


def test_a_24_hour_curfew_leaves_only_remote_jobs_and_says_why():
    on_site, remote = job("Stocker"), job("Call center agent", remote=True)
    house_arrest = person(curfew_start=time(0), curfew_end=time(0))
    result = ranked(house_arrest, [on_site, remote])
    assert [m.job_id for m in result.matches] == [remote.id]
    assert {"code": "curfew_all_day"} in result.notices


def test_jobs_with_no_shift_times_are_kept_with_a_caution_for_a_curfew():
    unknown = job("Helper", shift_start=None, shift_end=None, shift_period="", shift_days=())
    result = ranked(person(curfew_start=time(22), curfew_end=time(6)), [unknown])
    assert [m.job_id for m in result.matches] == [unknown.id]
    with translation.override("en"):
        cautions = " ".join(texts_of(result.matches[0].cautions))
        assert "Hours not listed: check that the shift ends in time to get home" in cautions


def test_curfew_at_odd_minutes_is_never_missed():
    # Ten minutes of overlap inside one quarter hour: 21:50-22:10 against 22:05.
    short_overlap = job(shift_start=time(21, 50), shift_end=time(22, 10), shift_period="night")
    assert shown_ids(person(curfew_start=time(22, 5), curfew_end=time(5)), [short_overlap]) == []
    # Ending exactly the travel time (an hour) before 22:05 fits.
    touching = job(shift_start=time(5, 0), shift_end=time(21, 5), shift_period="day")
    assert shown_ids(person(curfew_start=time(22, 5), curfew_end=time(5)), [touching]) == [
        touching.id
    ]


def test_exact_curfew_reference_agrees_with_simple_cases():
    curfew = person(curfew_start=time(22), curfew_end=time(6))
    assert curfew_conflict_exact(job(shift_start=time(21), shift_end=time(23)), curfew)
    assert not curfew_conflict_exact(job(shift_start=time(6), shift_end=time(21)), curfew)
    # Ending exactly at the curfew leaves no travel time; without a buffer it would fit.
    assert curfew_conflict_exact(job(shift_start=time(6), shift_end=time(22)), curfew)
    assert not curfew_conflict_exact(job(shift_start=time(6), shift_end=time(22)), curfew, 0)


# --- 4. Travel limits --------------------------------------------------------------------


def test_travel_limit_county_and_state():
    same_county, other_county = job(zip_code="64111"), job(zip_code="64118")
    other_state = job(zip_code="66101")
    county = person(travel_limit="county", transport=frozenset({"car"}))
    state = person(travel_limit="state", transport=frozenset({"car"}))
    assert set(shown_ids(county, [same_county, other_county, other_state])) == {same_county.id}
    assert set(shown_ids(state, [same_county, other_county, other_state])) == {
        same_county.id,
        other_county.id,
    }


def test_remote_jobs_pass_travel_and_transport():
    remote = job("Data entry", zip_code="66101", remote=True, transit_accessible=False)
    walker = person(travel_limit="county", transport=frozenset())
    assert shown_ids(walker, [remote]) == [remote.id]


# --- 5. Requirements ---------------------------------------------------------------------


def test_driver_licence_required():
    driving = job("Delivery driver", requires_drivers_license=True)
    assert shown_ids(person(), [driving]) == []
    assert shown_ids(person(has_drivers_license=True), [driving]) == [driving.id]


def test_required_certification_must_be_held():
    forklift = job("Forklift operator", certifications_required=("Forklift certification",))
    assert shown_ids(person(terms=FORKLIFT), [forklift]) == [forklift.id]
    # Wanting the job is not holding the certificate.
    wants = person(terms=(("desired", "Forklift operator"),))
    assert shown_ids(wants, [forklift]) == []
    assert ranked(wants, [forklift]).excluded["requirements"] == 1


# --- 6. Transport ------------------------------------------------------------------------


def test_transport_without_a_car():
    off_bus_near = job("Janitor", zip_code="64127", transit_accessible=False)  # ~2.7 miles
    off_bus_far = job("Laborer", zip_code="64050", transit_accessible=False)  # ~8.7 miles
    on_bus_far = job("Picker", zip_code="64050", transit_accessible=True)
    jobs = [off_bus_near, off_bus_far, on_bus_far]
    assert set(shown_ids(person(transport=frozenset({"bus"})), jobs)) == {on_bus_far.id}
    assert set(shown_ids(person(transport=frozenset({"bike"})), jobs)) == {
        off_bus_near.id,
        on_bus_far.id,
    }
    assert len(shown_ids(person(transport=frozenset({"car"})), jobs)) == 3


def test_walking_and_biking_distances_are_settings():
    off_bus_near = job("Janitor", zip_code="64127", transit_accessible=False)
    walker = person(transport=frozenset())
    assert shown_ids(walker, [off_bus_near]) == []
    assert shown_ids(walker, [off_bus_near], limits=Limits(walking_miles=3)) == [off_bus_near.id]


def test_distances_are_the_great_circle_miles_of_portal_core_geo():
    # One formula for the engine and the rest of the portal: the miles a reason states
    # are those of `miles_between`, and a job in the person's own ZIP is 0 miles away
    # (as close as a remote job).
    home = person(zip_code="64106", terms=(("skill", "Cook"),), transport=frozenset({"car"}))
    same_zip = job("Cook", zip_code="64106")
    independence = job("Cook", zip_code="64050")
    remote = job("Cook", remote=True)
    matches = {m.job_id: m for m in ranked(home, [remote, same_zip, independence]).matches}
    latitude, longitude = PLACES["64050"][:2]
    expected = round(miles_between(home.latitude, home.longitude, latitude, longitude), 1)
    assert [r["miles"] for r in matches[independence.id].reasons if "miles" in r] == [expected]
    assert [r["miles"] for r in matches[same_zip.id].reasons if "miles" in r] == [0.0]
    assert matches[same_zip.id].score == matches[remote.id].score


# --- 7. Pre-release ----------------------------------------------------------------------


def test_pre_release_sees_facility_fair_employers_or_jobs_open_after_release():
    inside = person(release_date=date(2027, 2, 1))
    closes_before = job("Cook", expires_on=date(2027, 1, 15))
    fair_employer = job(
        "Cook at a fair employer", expires_on=date(2027, 1, 15), hires_at_facility_fairs=True
    )
    open_after = job("Cook, open long", expires_on=date(2027, 3, 1))
    result = ranked(inside, [closes_before, fair_employer, open_after])
    assert {m.job_id for m in result.matches} == {fair_employer.id, open_after.id}
    assert result.excluded["pre_release"] == 1
    assert all(m.available_from == date(2027, 2, 1) for m in result.matches)
    assert result.matches[0].cautions[0] == {"code": "available_from", "date": "2027-02-01"}


# --- Combined ----------------------------------------------------------------------------


def test_rules_combined_each_counted():
    jobs = [
        job("Bank teller", lookback_years={"theft_fraud": 7}),
        job("Night stocker", shift_start=time(23), shift_end=time(7), shift_period="night"),
        job("Casino", zip_code="66101"),
        job("Both", lookback_years={"theft_fraud": 7}, zip_code="66101"),
        job("Fine"),
    ]
    someone = person(
        convictions=(Conviction("theft_fraud", date(2024, 1, 1)),),
        supervision_type="parole",
        curfew_start=time(22),
        curfew_end=time(6),
        travel_limit="state",
    )
    result = ranked(someone, jobs)
    assert [m.job_id for m in result.matches] == [jobs[-1].id]
    assert result.excluded == {
        "policy": 2,
        "supervision": 0,
        "curfew": 1,
        "travel": 2,
        "requirements": 0,
        "transport": 0,
        "pre_release": 0,
    }
    assert result.eligible == 1 and result.considered == 5


# --- Score, reasons, cautions ------------------------------------------------------------


def test_forklift_certificate_ranks_warehouse_above_barista():
    warehouse = job("Warehouse associate", skills=("Forklift operation", "forklift", "pallet jack"))
    barista = job("Barista", skills=("Customer service", "cashier"))
    result = ranked(person(terms=FORKLIFT), [barista, warehouse])
    assert [m.job_id for m in result.matches] == [warehouse.id, barista.id]
    assert 0 <= result.matches[1].score < result.matches[0].score <= 100
    assert result.matches[0].reasons[0] == {
        "code": "certification_matches",
        "name": "Forklift certificate",
    }


def test_reasons_are_at_most_three_and_in_spanish_too():
    posting = job("Warehouse associate", skills=("forklift",), wage_max=Decimal("14.00"))
    someone = person(zip_code="64127", terms=FORKLIFT, curfew_start=time(22), curfew_end=time(6))
    match = ranked(someone, [posting]).matches[0]
    assert len(match.reasons) == 3
    with translation.override("en"):
        english = texts_of(match.reasons)
    with translation.override("es"):
        spanish = texts_of(match.reasons)
    assert any("On a bus line" in text and "miles away" in text for text in english)
    assert any("curfew" in text for text in english)
    assert english != spanish
    assert any("autobús" in text for text in spanish)


def test_wage_below_goal_is_a_caution_and_lowers_the_score():
    low = job("Stocker", wage_max=Decimal("13.00"))
    high = job("Stocker", wage_max=Decimal("19.00"))
    result = ranked(person(wage_floor=Decimal("16.00")), [low, high])
    assert [m.job_id for m in result.matches] == [high.id, low.id]
    assert result.matches[1].cautions == [
        {"code": "wage_below_goal", "wage": "13.00", "floor": "16.00"}
    ]
    with translation.override("en"):
        assert texts_of(result.matches[1].cautions) == [
            "Wage below your goal: up to $13.00, your goal is $16.00"
        ]


def test_readiness_raises_the_score_when_given_and_is_left_out_when_not():
    posting = job("Stocker")
    without = ranked(person(), [posting]).matches[0].score
    strong = ranked(person(readiness=Decimal("4.8")), [posting]).matches[0]
    weak = ranked(person(readiness=Decimal("1.2")), [posting]).matches[0]
    assert weak.score < without < strong.score
    assert {"code": "readiness_strong", "average": "4.8"} in strong.reasons


def test_weights_are_settings():
    near_low = job("Stocker", zip_code="64106", wage_max=Decimal("14.00"))
    far_high = job("Stocker", zip_code="64050", wage_max=Decimal("25.00"))
    someone = person(transport=frozenset({"car"}))
    distance_first = Weights(skills=0, distance=100, wage=1, shift=0, readiness=0)
    wage_first = Weights(skills=0, distance=1, wage=100, shift=0, readiness=0)
    assert shown_ids(someone, [near_low, far_high], weights=distance_first)[0] == near_low.id
    assert shown_ids(someone, [near_low, far_high], weights=wage_first)[0] == far_high.id


def test_limit_keeps_the_best_in_order_ties_by_job_id():
    jobs = [job("Stocker") for _ in range(30)]
    result = rank_jobs(JobIndex(jobs), person(), today=TODAY, limit=5)
    assert [m.job_id for m in result.matches] == sorted(j.id for j in jobs)[:5]


# --- Bad input ---------------------------------------------------------------------------


def test_no_skills_no_zip_gives_results_and_notices():
    posting = job("Stocker")
    result = ranked(person(zip_code=""), [posting])
    assert [m.job_id for m in result.matches] == [posting.id]
    assert {"code": "no_skills"} in result.notices
    assert {"code": "no_zip"} in result.notices


def test_unknown_zip_is_a_notice_and_travel_becomes_a_caution():
    posting = job("Stocker", zip_code="66101")
    someone = person(zip_code="00000", travel_limit="state")
    result = ranked(someone, [posting])
    assert {"code": "unknown_zip"} in result.notices
    assert {"code": "check_travel_area"} in result.matches[0].cautions


def test_zero_open_jobs():
    result = rank_jobs(JobIndex([]), person(terms=FORKLIFT), today=TODAY)
    assert result.matches == [] and result.considered == 0
    assert {"code": "no_open_jobs"} in result.notices
    with translation.override("es"):
        assert texts_of(result.notices)


def test_normalize_term_drops_filler_words():
    assert normalize_term("Forklift Certificate") == "forklift"
    assert normalize_term("Operator") == "operator"  # nothing else left: kept
    assert normalize_term("Cocinera, línea") == "cocinera linea"
