"""Demo jobs for the people of the demo history (jobseekers/demo/history.py: released one
to three years ago), so that the outcomes report has placements, retention and earnings
to show next to their returns to custody and exits: most found a job within a month of
release, one after six weeks, one a transitional job first; a job ends at a return to
custody; the retention checks due are answered with the hours and wage (a raise at 180
days). Two people have no job (one left the program, one went back inside first)."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jobseekers.models import CustodyEvent, Participant
from placements.applications import rules
from placements.applications.models import Placement, RetentionCheck, SeparationReason
from portal.core.models import User

RETURNS = ("new_offense", "technical_violation")
# (first name, last name): jobs as (days after release, employer, title, wage, hours,
# days kept or None, subsidized).
JOBS = {
    ("Tyrone", "Davis"): [(14, "Riverside Foods", "Line cook", "16.50", "40", None, False)],
    ("Keisha", "Brown"): [
        (10, "Show-Me Logistics", "Forklift operator", "18.25", "40", None, False)
    ],
    ("Carlos", "Martínez"): [(25, "Gateway Builders", "Laborer", "19.00", "40", None, False)],
    ("Angela", "Moore"): [(45, "KC Metro Transit", "Bus cleaner", "15.75", "32", None, False)],
    ("Brandon", "Lee"): [(20, "Mid-Rivers Landscaping", "Crew member", "15.50", "40", 120, False)],
    ("José", "Thomas"): [
        (8, "Second Chance work crew", "Crew member", "15.00", "30", 50, True),
        (60, "Ozark Recycling", "Recycling sorter", "16.00", "40", None, False),
    ],
    ("Crystal", "White"): [(18, "Riverside Foods", "Dishwasher", "15.25", "35", None, False)],
}


def seed_history_placements(*, stdout, facilitator: User | None = None) -> None:
    """The jobs of JOBS for the demo history people on the demo facilitator's caseload
    who have none yet."""
    facilitator = facilitator or User.objects.filter(username="facilitator").first()
    if facilitator is None:
        return
    today = timezone.localdate()
    added = 0
    with transaction.atomic():
        for (first, last), jobs in JOBS.items():
            person = Participant.objects.filter(
                facilitator=facilitator, first_name=first, last_name=last
            ).first()
            if person is None or person.release_date is None or person.placements.exists():
                continue
            returned = (
                CustodyEvent.objects.filter(participant=person, kind__in=RETURNS)
                .order_by("occurred_on")
                .values_list("occurred_on", flat=True)
                .first()
            )
            for after, employer, title, wage, hours, kept, subsidized in jobs:
                start = person.release_date + timedelta(days=after)
                if start > today or (returned and start >= returned):
                    continue
                _job(
                    person,
                    facilitator,
                    start=start,
                    employer=employer,
                    title=title,
                    wage=Decimal(wage),
                    hours=Decimal(hours),
                    kept=kept,
                    subsidized=subsidized,
                    returned=returned,
                    today=today,
                )
                added += 1
    if added:
        stdout.write(f"Demo history: {added} jobs with their retention checks.")


def _job(
    person,
    facilitator,
    *,
    start: date,
    employer: str,
    title: str,
    wage: Decimal,
    hours: Decimal,
    kept: int | None,
    subsidized: bool,
    returned: date | None,
    today: date,
) -> None:
    separated_on, reason = None, ""
    if kept is not None and start + timedelta(days=kept) <= today:
        separated_on, reason = start + timedelta(days=kept), SeparationReason.QUIT
    if returned and returned > start and (separated_on is None or returned < separated_on):
        separated_on, reason = returned, SeparationReason.RETURNED_TO_CUSTODY
    placement = Placement.objects.create(
        participant=person,
        employer_name=employer,
        job_title=title,
        offered_on=start - timedelta(days=5),
        start_date=start,
        hourly_wage=wage,
        hours_per_week=hours,
        subsidized=subsidized,
        separated_on=separated_on,
        separation_reason=reason,
        created_by=facilitator,
    )
    for days in rules.retention_check_days():
        due = start + timedelta(days=days)
        answered = due <= today
        working = answered and (separated_on is None or separated_on >= due)
        RetentionCheck.objects.create(
            placement=placement,
            days=days,
            due_on=due,
            outcome=("same_employer" if working else "not_working") if answered else "",
            verified_by="pay_stub" if answered else "",
            hours_per_week=hours if working else None,
            hourly_wage=(wage + (Decimal("0.50") if days >= 180 else 0)) if working else None,
            recorded_at=timezone.now() if answered else None,
            recorded_by=facilitator if answered else None,
        )
