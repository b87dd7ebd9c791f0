"""Work sites, assignments, time entries, crew days and ratings: each rule, and bad input
that changes nothing."""

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.test import override_settings

from placements.models import AssignmentStatus, DailyRating, TimeEntry, WorkAssignment, WorkSite
from placements.transitional.services import (
    CrewRow,
    assignment_create,
    assignment_end,
    crew_day_approve,
    crew_day_record,
    rating_record,
    time_entry_create,
    time_entry_update,
    worksite_create,
)
from portal.core.exceptions import ApplicationError, ConflictError, NotFoundError
from portal.core.models import AuditEvent
from tests.factories.jobseekers import ParticipantFactory, StaffFactory
from tests.factories.transitional import (
    WorkAssignmentFactory,
    WorkSiteFactory,
    days_ago,
)

pytestmark = pytest.mark.django_db

GOOD_RATINGS = {
    "cooperation_with_supervisor": 4,
    "effort": 5,
    "punctuality_and_attendance": 3,
    "cooperation_with_coworkers": 4,
    "personal_presentation": 4,
}


@pytest.fixture
def supervisor():
    return StaffFactory()


@pytest.fixture
def site(supervisor):
    return WorkSiteFactory(supervisors=[supervisor])


@pytest.fixture
def assignment(site):
    return WorkAssignmentFactory(worksite=site, starts_on=days_ago(30))


def record(supervisor, assignment, **values):
    values.setdefault("work_date", days_ago(1))
    return time_entry_create(
        actor=supervisor, worksite=assignment.worksite, participant=assignment.participant, **values
    )


# --- Work sites and assignments ---------------------------------------------------------


def test_an_admin_adds_a_work_site_with_its_supervisors(admin_user, supervisor):
    site = worksite_create(
        actor=admin_user, name="Riverfront cleanup", address="1 River Rd", supervisors=[supervisor]
    )
    assert list(site.supervisors.all()) == [supervisor]
    assert AuditEvent.objects.filter(action="transitional.worksite_created").exists()


def test_staff_cannot_add_a_work_site(supervisor):
    with pytest.raises(NotFoundError):
        worksite_create(actor=supervisor, name="X", address="Y")
    assert not WorkSite.objects.exists()


def test_a_supervisor_must_be_staff(admin_user, participant):
    with pytest.raises(ApplicationError) as error:
        worksite_create(actor=admin_user, name="X", address="Y", supervisors=[participant])
    assert "supervisors" in error.value.fields
    assert not WorkSite.objects.exists()


def test_an_assignment_pays_at_least_the_minimum_wage(admin_user, site):
    person = ParticipantFactory()
    with override_settings(PORTAL_MINIMUM_HOURLY_WAGE="15.00"):
        with pytest.raises(ApplicationError) as error:
            assignment_create(
                actor=admin_user,
                participant=person,
                worksite=site,
                starts_on=days_ago(1),
                hourly_rate="14.99",
            )
        assert error.value.code == "below_minimum_wage"
        assert "$15.00" in error.value.message
        assert not WorkAssignment.objects.exists()
        assignment = assignment_create(
            actor=admin_user,
            participant=person,
            worksite=site,
            starts_on=days_ago(1),
            hourly_rate="15.00",
        )
    assert assignment.hourly_rate == Decimal("15.00")


def test_one_crew_at_a_time_and_the_crew_size_holds(admin_user, site):
    site.crew_capacity = 1
    site.save()
    first = ParticipantFactory()
    assignment_create(
        actor=admin_user, participant=first, worksite=site, starts_on=days_ago(5), hourly_rate=16
    )
    with pytest.raises(ConflictError) as error:
        assignment_create(
            actor=admin_user,
            participant=first,
            worksite=WorkSiteFactory(),
            starts_on=days_ago(2),
            hourly_rate=16,
        )
    assert error.value.code == "assignment_overlap"
    with pytest.raises(ConflictError) as error:
        assignment_create(
            actor=admin_user,
            participant=ParticipantFactory(),
            worksite=site,
            starts_on=days_ago(2),
            hourly_rate=16,
        )
    assert error.value.code == "crew_full"
    assert WorkAssignment.objects.count() == 1


def test_ending_an_assignment_refuses_a_day_before_recorded_shifts(supervisor, assignment):
    record(supervisor, assignment, hours="8", work_date=days_ago(2))
    with pytest.raises(ApplicationError):
        assignment_end(actor=supervisor, assignment=assignment, ends_on=days_ago(3))
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACTIVE
    ended = assignment_end(actor=supervisor, assignment=assignment, ends_on=days_ago(2))
    assert ended.status == AssignmentStatus.ENDED


# --- Time entries -----------------------------------------------------------------------


def test_clock_times_are_rounded_to_the_quarter_hour_after_the_break(supervisor, assignment):
    entry = record(
        supervisor, assignment, clock_in=time(7, 58), clock_out=time(16, 5), break_minutes=30
    )
    assert entry.hours == Decimal("7.50")
    assert entry.hourly_rate == assignment.hourly_rate
    assert entry.entered_by == supervisor
    assert entry.approved_by is None


def test_typed_hours_are_rounded_to_the_quarter_hour(supervisor, assignment):
    assert record(supervisor, assignment, hours="7.9").hours == Decimal("8.00")


def test_an_overnight_shift_that_says_so_is_counted(supervisor, assignment):
    entry = record(
        supervisor, assignment, clock_in=time(22, 0), clock_out=time(6, 0), crosses_midnight=True
    )
    assert entry.hours == Decimal("8.00")


@pytest.mark.parametrize(
    ("values", "field", "code"),
    [
        ({"hours": "-3"}, "hours", "invalid_hours"),
        ({"hours": "0"}, "hours", "invalid_hours"),
        ({"hours": "abc"}, "hours", "invalid_hours"),
        ({"hours": "13"}, "hours", "too_many_hours"),
        ({"hours": "8", "break_minutes": -5}, "break_minutes", "invalid"),
        (
            {"clock_in": time(16, 0), "clock_out": time(8, 0)},
            "clock_out",
            "clock_out_before_clock_in",
        ),
        ({"clock_in": time(8, 0)}, "clock_out", "invalid"),
        (
            {"clock_in": time(8, 0), "clock_out": time(9, 0), "break_minutes": 60},
            "break_minutes",
            "invalid",
        ),
        ({"hours": "8", "days_ago": -1}, "work_date", "future_day"),
        ({"hours": "8", "days_ago": 45}, "work_date", "outside_assignment"),
        ({}, "hours", "invalid"),
    ],
)
def test_bad_time_entries_are_refused_and_nothing_is_saved(
    supervisor, assignment, values, field, code
):
    # Dates are worked out when the test runs, not when it is collected: a run that crosses
    # midnight would otherwise record "tomorrow" as today.
    values = dict(values)
    if "days_ago" in values:
        values["work_date"] = days_ago(values.pop("days_ago"))
    with pytest.raises(ApplicationError) as error:
        record(supervisor, assignment, **values)
    assert error.value.code == code
    assert field in error.value.fields
    assert error.value.message
    assert not TimeEntry.objects.exists()


def test_the_daily_maximum_is_a_setting(supervisor, assignment):
    with override_settings(PORTAL_MAX_HOURS_PER_DAY="6"), pytest.raises(ApplicationError) as error:
        record(supervisor, assignment, hours="7")
    assert "6 hours" in error.value.message


def test_overlapping_shifts_are_refused(supervisor, assignment):
    record(supervisor, assignment, clock_in=time(8, 0), clock_out=time(12, 0))
    with pytest.raises(ConflictError) as error:
        record(supervisor, assignment, clock_in=time(11, 0), clock_out=time(15, 0))
    assert error.value.code == "overlapping_entry"
    with pytest.raises(ConflictError):
        record(supervisor, assignment, hours="2")
    # A second shift later the same day is fine.
    record(supervisor, assignment, clock_in=time(13, 0), clock_out=time(17, 0))
    assert TimeEntry.objects.count() == 2


def test_an_overnight_shift_overlapping_the_next_morning_is_refused(supervisor, assignment):
    record(
        supervisor,
        assignment,
        work_date=days_ago(2),
        clock_in=time(22, 0),
        clock_out=time(6, 0),
        crosses_midnight=True,
    )
    with pytest.raises(ConflictError):
        record(
            supervisor, assignment, work_date=days_ago(1), clock_in=time(5, 0), clock_out=time(9, 0)
        )


def test_only_the_sites_supervisors_or_an_admin_record_shifts(assignment, admin_user):
    with pytest.raises(NotFoundError):
        record(StaffFactory(), assignment, hours="8")
    assert record(admin_user, assignment, hours="8").hours == Decimal("8.00")


def test_an_approved_shift_cannot_be_edited(supervisor, assignment):
    entry = record(supervisor, assignment, hours="8")
    time_entry_update(actor=supervisor, entry=entry, hours="7")
    entry.refresh_from_db()
    assert entry.hours == Decimal("7.00")
    crew_day_approve(actor=supervisor, worksite=assignment.worksite, work_date=entry.work_date)
    with pytest.raises(ConflictError) as error:
        time_entry_update(actor=supervisor, entry=entry, hours="6")
    assert error.value.code == "entry_locked"
    entry.refresh_from_db()
    assert entry.hours == Decimal("7.00")
    assert entry.approved_by == supervisor


# --- Ratings and the crew day -----------------------------------------------------------


def test_a_rating_is_one_to_five_on_each_dimension(supervisor, assignment):
    rating = rating_record(
        actor=supervisor,
        worksite=assignment.worksite,
        participant=assignment.participant,
        work_date=days_ago(1),
        ratings=GOOD_RATINGS,
        note="Great start",
    )
    assert rating.average == Decimal("4.00")


@pytest.mark.parametrize("bad", [0, 6, -1, "x", None, 3.5, True])
def test_a_rating_outside_one_to_five_is_refused(supervisor, assignment, bad):
    with pytest.raises(ApplicationError) as error:
        rating_record(
            actor=supervisor,
            worksite=assignment.worksite,
            participant=assignment.participant,
            work_date=days_ago(1),
            ratings={**GOOD_RATINGS, "effort": bad},
        )
    assert error.value.code == "invalid_rating"
    assert "effort" in error.value.fields
    assert not DailyRating.objects.exists()


def test_a_crew_day_records_everyone_present_with_ratings(supervisor, site):
    crew = [WorkAssignmentFactory(worksite=site, starts_on=days_ago(10)) for _ in range(3)]
    rows = [
        CrewRow(
            participant=crew[0].participant,
            clock_in=time(8),
            clock_out=time(16),
            break_minutes=30,
            ratings=GOOD_RATINGS,
        ),
        CrewRow(participant=crew[1].participant, hours=Decimal("6"), ratings=GOOD_RATINGS),
        CrewRow(participant=crew[2].participant, present=False),
    ]
    entries = crew_day_record(actor=supervisor, worksite=site, work_date=days_ago(1), rows=rows)
    assert [entry.hours for entry in entries] == [Decimal("7.50"), Decimal("6.00")]
    assert DailyRating.objects.count() == 2
    assert crew_day_approve(actor=supervisor, worksite=site, work_date=days_ago(1)) == 2
    with pytest.raises(ConflictError):
        crew_day_approve(actor=supervisor, worksite=site, work_date=days_ago(1))


def test_one_bad_row_saves_nothing_and_names_the_person(supervisor, site):
    good, bad = (WorkAssignmentFactory(worksite=site, starts_on=days_ago(10)) for _ in range(2))
    rows = [
        CrewRow(participant=good.participant, hours=Decimal("8"), ratings=GOOD_RATINGS),
        CrewRow(
            participant=bad.participant, hours=Decimal("8"), ratings={**GOOD_RATINGS, "effort": 9}
        ),
    ]
    with pytest.raises(ApplicationError) as error:
        crew_day_record(actor=supervisor, worksite=site, work_date=days_ago(1), rows=rows)
    assert bad.participant.display_name in error.value.message
    assert not TimeEntry.objects.exists()
    assert not DailyRating.objects.exists()


def test_a_crew_day_with_nobody_present_is_refused(supervisor, assignment):
    with pytest.raises(ApplicationError) as error:
        crew_day_record(
            actor=supervisor,
            worksite=assignment.worksite,
            work_date=days_ago(1),
            rows=[CrewRow(participant=assignment.participant, present=False)],
        )
    assert error.value.code == "nobody_present"


def test_a_day_before_the_assignment_is_refused_in_a_crew_day(supervisor, assignment):
    with pytest.raises(ApplicationError) as error:
        crew_day_record(
            actor=supervisor,
            worksite=assignment.worksite,
            work_date=assignment.starts_on - timedelta(days=1),
            rows=[CrewRow(participant=assignment.participant, hours=Decimal("8"))],
        )
    assert error.value.code == "outside_assignment"
    assert not TimeEntry.objects.exists()


@pytest.mark.parametrize("status", ["placed", "exited", "returned_to_custody"])
def test_only_active_participants_join_a_crew(admin_user, site, status):
    person = ParticipantFactory(status=status)
    with pytest.raises(ApplicationError) as error:
        assignment_create(
            actor=admin_user,
            participant=person,
            worksite=site,
            starts_on=days_ago(1),
            hourly_rate=16,
        )
    assert error.value.message == "Only active participants can join a crew."
    assert not WorkAssignment.objects.exists()
