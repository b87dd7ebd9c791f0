"""Placements: made by a hire or recorded by staff, with retention checks, the tax-credit
screening and bonding requests."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from jobseekers.models import RecordEntry
from placements.applications.selectors import wotc_summary
from placements.applications.services import (
    HireDetails,
    OutsidePlacement,
    application_transition,
    bonding_request_create,
    placement_record_outside,
    placement_separate,
    retention_check_record,
    wotc_eligibility,
    wotc_update,
)
from placements.models import (
    ApplicationStatus,
    BondingRequest,
    Placement,
    RetentionCheck,
    WotcScreening,
)
from portal.core.exceptions import ApplicationError, ConflictError, NotFoundError
from portal.core.models import AccessLog
from tests.factories.applications import PlacementFactory

TODAY = timezone.localdate


@pytest.fixture
def hired(application, employer_user):
    application.status = ApplicationStatus.CONDITIONAL_OFFER
    application.offered_on = TODAY()
    application.save()
    application_transition(
        application=application,
        actor=employer_user,
        to=ApplicationStatus.HIRED,
        hire=HireDetails(start_date=TODAY(), hourly_wage=Decimal("17.25"), benefits="Health"),
    )
    return Placement.objects.get(application=application)


def test_a_hire_makes_the_placement_with_checks_and_screening(hired, job, employer_user):
    assert hired.employer == job.employer
    assert hired.job_title == job.title
    assert hired.hourly_wage == Decimal("17.25")
    assert hired.hours_per_week == Decimal(job.hours_per_week)
    checks = list(hired.retention_checks.order_by("days"))
    assert [check.days for check in checks] == [30, 90, 180, 365]
    assert checks[0].due_on == TODAY() + timedelta(days=30)
    # The person was released 60 days ago with a felony: in the ex-felon group.
    assert hired.wotc.record_eligible is True
    # Reading the record for the screening is in the access log, as the program's
    # (the facilitator's) read: never as the employer who marked the hire.
    logged = AccessLog.objects.filter(why=f"wotc:placement:{hired.pk}")
    assert [row.viewer for row in logged] == [hired.participant.facilitator]
    assert not AccessLog.objects.filter(viewer=employer_user).exists()


def test_a_hire_of_someone_without_facilitator_logs_no_employer_read(application, employer_user):
    application.participant.facilitator = None
    application.participant.save()
    application.status = ApplicationStatus.CONDITIONAL_OFFER
    application.offered_on = TODAY()
    application.save()
    application_transition(
        application=application,
        actor=employer_user,
        to=ApplicationStatus.HIRED,
        hire=HireDetails(start_date=TODAY(), hourly_wage=Decimal("17.25")),
    )
    placement = Placement.objects.get(application=application)
    assert placement.wotc.record_eligible is True  # still decided from the record
    assert not AccessLog.objects.filter(viewer=employer_user).exists()


@pytest.mark.parametrize(
    ("level", "released_days_ago", "eligible"),
    [("felony", 60, True), ("felony", 400, False), ("misdemeanor", 60, False)],
)
def test_wotc_eligibility_from_the_record(level, released_days_ago, eligible):
    hire = date(2026, 6, 1)
    record = [
        {
            "level": level,
            "convicted_on": hire - timedelta(days=900),
            "released_on": hire - timedelta(days=released_days_ago),
            "offense_category": "drug",
        }
    ]
    assert wotc_eligibility(record, hire_date=hire)[0] is eligible
    assert wotc_eligibility([], hire_date=hire)[0] is False


def test_staff_record_an_outside_placement(person, staff_user, other_staff):
    details = OutsidePlacement(
        employer_name="Corner Bakery",
        job_title="Baker",
        start_date=TODAY() - timedelta(days=3),
        hourly_wage=Decimal("15.00"),
        hours_per_week=Decimal("30"),
    )
    with pytest.raises(NotFoundError):
        placement_record_outside(participant=person, actor=other_staff, details=details)
    placement = placement_record_outside(participant=person, actor=staff_user, details=details)
    assert placement.from_outside
    assert placement.retention_checks.count() == 4


def test_an_outside_placement_needs_a_wage(person, staff_user):
    with pytest.raises(ApplicationError) as error:
        placement_record_outside(
            participant=person,
            actor=staff_user,
            details=OutsidePlacement(
                employer_name="Corner Bakery",
                job_title="Baker",
                start_date=TODAY(),
                hourly_wage="lots",
                hours_per_week=Decimal("30"),
            ),
        )
    assert "hourly_wage" in error.value.fields
    assert not Placement.objects.exists()


def test_a_retention_check_is_recorded_from_its_due_day(person, staff_user):
    placement = PlacementFactory(participant=person, start_date=TODAY() - timedelta(days=31))
    due = placement.retention_checks.get(days=30)
    not_yet = placement.retention_checks.get(days=90)
    with pytest.raises(ApplicationError) as error:
        retention_check_record(
            check=not_yet, actor=staff_user, outcome="same_employer", verified_by="pay_stub"
        )
    assert "due on" in error.value.message
    assert RetentionCheck.objects.get(pk=not_yet.pk).outcome == ""
    with pytest.raises(ApplicationError) as error:
        retention_check_record(check=due, actor=staff_user, outcome="same_employer")
    assert "verified_by" in error.value.fields
    retention_check_record(
        check=due, actor=staff_user, outcome="same_employer", verified_by="pay_stub"
    )
    due.refresh_from_db()
    assert due.outcome == "same_employer" and due.recorded_by == staff_user


def test_only_caseload_staff_record_checks(person, other_staff, employer_user):
    placement = PlacementFactory(participant=person, start_date=TODAY() - timedelta(days=31))
    check = placement.retention_checks.get(days=30)
    for actor in (other_staff, employer_user):
        with pytest.raises(NotFoundError):
            retention_check_record(check=check, actor=actor, outcome="unknown")


def test_separation(person, staff_user):
    placement = PlacementFactory(participant=person)
    with pytest.raises(ApplicationError):
        placement_separate(
            placement=placement, actor=staff_user, separated_on=TODAY(), reason="bored"
        )
    with pytest.raises(ApplicationError):
        placement_separate(
            placement=placement,
            actor=staff_user,
            separated_on=placement.start_date - timedelta(days=1),
            reason="quit",
        )
    placement_separate(placement=placement, actor=staff_user, separated_on=TODAY(), reason="quit")
    placement.refresh_from_db()
    assert placement.separation_reason == "quit"
    with pytest.raises(ConflictError):
        placement_separate(
            placement=placement, actor=staff_user, separated_on=TODAY(), reason="quit"
        )


def test_8850_signed_after_the_offer_marks_the_credit_ineligible(person, staff_user):
    placement = PlacementFactory(participant=person)
    screening = wotc_update(
        screening=placement.wotc,
        actor=staff_user,
        applicant_signed_on=placement.offered_on + timedelta(days=1),
    )
    assert not screening.eligible
    assert "after the job offer" in screening.ineligible_reason
    assert wotc_summary(screening)["credit"] == 0
    screening = wotc_update(
        screening=screening, actor=staff_user, applicant_signed_on=placement.offered_on
    )
    assert screening.eligible


def test_8850_sent_late_marks_the_credit_ineligible(person, staff_user):
    placement = PlacementFactory(participant=person, start_date=TODAY() - timedelta(days=40))
    screening = wotc_update(screening=placement.wotc, actor=staff_user, submitted_on=TODAY())
    assert "after the deadline" in screening.ineligible_reason


def test_bad_hours_are_refused_and_nothing_changes(person, staff_user):
    placement = PlacementFactory(participant=person)
    with pytest.raises(ApplicationError) as error:
        wotc_update(screening=placement.wotc, actor=staff_user, first_year_hours=Decimal("-1"))
    assert "first_year_hours" in error.value.fields
    assert WotcScreening.objects.get(pk=placement.wotc.pk).first_year_hours is None


@pytest.mark.parametrize(
    ("hours", "credit"),
    [("119", "0.00"), ("120", "1500.00"), ("399", "1500.00"), ("400", "2400.00")],
)
def test_the_estimate_at_the_hour_edges(person, staff_user, hours, credit):
    placement = PlacementFactory(participant=person, start_date=date(2025, 6, 2))
    screening = wotc_update(
        screening=placement.wotc,
        actor=staff_user,
        first_year_hours=Decimal(hours),
        first_year_wages=Decimal("8000"),
    )
    summary = wotc_summary(screening)
    assert summary["credit"] == Decimal(credit)
    assert summary["pending_reauthorization"] is False


def test_a_start_after_the_end_date_is_pending_reauthorization(person):
    before = PlacementFactory(participant=person, start_date=date(2025, 12, 31))
    after = PlacementFactory(participant=person, start_date=date(2026, 1, 1))
    assert wotc_summary(before.wotc)["status"] == "active"
    assert wotc_summary(after.wotc)["status"] == "pending_reauthorization"
    assert str(wotc_summary(after.wotc)["status_label"]) == "Pending reauthorization"


def test_deadline_flags(person):
    soon = PlacementFactory(participant=person, start_date=TODAY() - timedelta(days=25))
    missed = PlacementFactory(participant=person, start_date=TODAY() - timedelta(days=29))
    far = PlacementFactory(participant=person, start_date=TODAY() - timedelta(days=1))
    assert wotc_summary(soon.wotc)["deadline_soon"] is True
    assert wotc_summary(missed.wotc)["deadline_missed"] is True
    assert not wotc_summary(far.wotc)["deadline_soon"]


@pytest.mark.parametrize("amount", ["4999", "7500", "30000", "0", "-5000", "abc"])
def test_bonding_amounts_refused(person, staff_user, amount):
    placement = PlacementFactory(participant=person)
    with pytest.raises(ApplicationError) as error:
        bonding_request_create(placement=placement, actor=staff_user, amount=amount)
    assert "amount" in error.value.fields
    assert not BondingRequest.objects.exists()


def test_bonding_request(person, staff_user):
    placement = PlacementFactory(participant=person, start_date=date(2026, 1, 15))
    bond = bonding_request_create(placement=placement, actor=staff_user, amount="10000")
    assert bond.amount == Decimal("10000.00")
    assert bond.coverage_starts_on == date(2026, 1, 15)
    assert bond.coverage_ends_on == date(2026, 7, 14)
    with pytest.raises(ConflictError):
        bonding_request_create(placement=placement, actor=staff_user, amount="5000")


def test_no_bond_for_a_job_that_has_ended(person, staff_user):
    placement = PlacementFactory(participant=person, start_date=date(2026, 1, 15))
    placement.separated_on = date(2026, 2, 1)
    placement.save()
    with pytest.raises(ConflictError) as error:
        bonding_request_create(placement=placement, actor=staff_user, amount="5000")
    assert error.value.message == "This job has ended: a bond is no longer possible."
    assert not BondingRequest.objects.exists()


def test_the_record_read_for_the_screening_leaves_descriptions_out(hired):
    assert RecordEntry.objects.filter(participant=hired.participant).exists()
    assert hired.wotc.eligibility_note
    assert "Possession" not in hired.wotc.eligibility_note
