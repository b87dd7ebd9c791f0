"""The tax-credit lines are made when they are shown: an employer or staff member who
reads Spanish gets them in Spanish, with the portal's date format, whoever made the hire."""

from datetime import date, timedelta

from django.utils import translation

from placements.applications.selectors import wotc_summary
from placements.applications.services import wotc_eligibility, wotc_update
from tests.factories.applications import PlacementFactory

HIRE = date(2026, 6, 1)
FELONY = {
    "level": "felony",
    "convicted_on": date(2024, 1, 10),
    "released_on": date(2026, 3, 2),
    "offense_category": "drug",
}


def _screened(placement, record):
    decision = wotc_eligibility(record, hire_date=HIRE)
    screening = placement.wotc
    screening.record_eligible = decision.eligible
    screening.eligibility_note = decision.note
    screening.eligibility_window_ends_on = decision.window_ends_on
    screening.save()
    return screening


def test_the_eligibility_line_is_in_the_readers_language(db):
    screening = _screened(PlacementFactory(), [FELONY])
    assert screening.eligibility_note.startswith("Felony conviction")  # kept in English
    with translation.override("es"):
        line = wotc_summary(screening)["eligibility_note"]
    assert line.startswith("Condena por delito grave")
    assert "2 mar. 2027" in line
    assert "2027-03-02" not in line
    with translation.override("en"):
        assert "(by March 2, 2027)" in wotc_summary(screening)["eligibility_note"]


def test_no_felony_reads_in_spanish_too(db):
    screening = _screened(PlacementFactory(), [])
    with translation.override("es"):
        line = wotc_summary(screening)["eligibility_note"]
    assert "No felony" not in line
    assert line


def test_the_reason_a_credit_is_lost_is_in_the_readers_language(db, staff_user):
    placement = PlacementFactory(participant__facilitator=staff_user)
    screening = wotc_update(
        screening=placement.wotc,
        actor=staff_user,
        applicant_signed_on=placement.offered_on + timedelta(days=1),
    )
    with translation.override("es"):
        reason = wotc_summary(screening)["ineligible_reason"]
    assert "Formulario 8850" in reason or "8850" in reason
    assert "after the job offer" not in reason
    assert placement.offered_on.isoformat() not in reason
