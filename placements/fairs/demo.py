"""Demo data of the fairs area for `manage.py seed_demo` (idempotent): RSVPs to the two
demo fairs of employers/demo.py, some sharing their profile and one checked in, a
confirmed (free) booth for the demo employer at the facility fair, a few interview
slots there, one booked, and the demo facilitator assigned to work both fairs.

Pat (the demo "participant" login) gets no RSVP, so the demo shows the RSVP form. The
demo fairs are weeks away, so the checked-in row is there to show how the door list
looks; checking in with the button works on the fair's day.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from employers.models import (
    BOOTH_HOLDS_PLACE,
    Employer,
    EmployerMembership,
    FairBooth,
    FairKind,
    HiringFair,
)
from employers.services import booth_book
from jobseekers.models import Participant
from placements.fairs.models import (
    FairInterviewMode,
    FairRegistration,
    InterviewBooking,
    InterviewSlot,
    RegistrationStatus,
)
from placements.fairs.services import fair_register, interview_book
from portal.core.models import User

COMMUNITY_FAIR = "Kansas City Second Chance Hiring Fair"
FACILITY_FAIR = "Pre-release hiring fair at Western Missouri Correctional Center"

# (first name, last name, fair title, shares profile, checked in)
RSVPS = [
    ("Rosa", "Hernández", COMMUNITY_FAIR, True, True),
    ("DeShawn", "Williams", COMMUNITY_FAIR, True, False),
    ("Marcus", "Johnson", FACILITY_FAIR, True, False),
]
# Minutes after the facility fair opens, length in minutes.
FACILITY_SLOTS = [(30, 20), (60, 20), (90, 20)]


def _rsvp(fair, participant, *, shares: bool, checked_in: bool, staff) -> FairRegistration:
    registration = FairRegistration.objects.filter(
        fair=fair,
        participant=participant,
        status__in=(RegistrationStatus.REGISTERED, RegistrationStatus.CHECKED_IN),
    ).first()
    if registration is None:
        registration = fair_register(
            fair=fair, participant=participant, actor=staff, share_profile=shares
        )
    if checked_in and registration.status == RegistrationStatus.REGISTERED:
        # Data, not a door: the demo fairs are weeks away (see the module docstring).
        registration.status = RegistrationStatus.CHECKED_IN
        registration.checked_in_at = timezone.now()
        registration.checked_in_by = staff
        registration.save(update_fields=["status", "checked_in_at", "checked_in_by"])
    return registration


def _facility_booth_and_slots(fair, employer_user, marcus_registration) -> int:
    membership = EmployerMembership.objects.filter(user=employer_user).select_related("employer")
    employer: Employer | None = membership.first().employer if membership.exists() else None
    if employer is None or employer.status != "approved":
        return 0
    if not FairBooth.objects.filter(
        fair=fair, employer=employer, status__in=BOOTH_HOLDS_PLACE
    ).exists():
        booth_book(fair=fair, employer=employer, actor=employer_user)
    slots = []
    for minutes_in, length in FACILITY_SLOTS:
        starts = fair.starts_at + dt.timedelta(minutes=minutes_in)
        slot, _created = InterviewSlot.objects.get_or_create(
            fair=fair,
            employer=employer,
            starts_at=starts,
            defaults={
                "length_minutes": length,
                "ends_at": starts + dt.timedelta(minutes=length),
                "mode": FairInterviewMode.IN_PERSON,
                "place": "Visiting room, table 2",
                "created_by": employer_user,
            },
        )
        slots.append(slot)
    if (
        marcus_registration is not None
        and not InterviewBooking.objects.filter(slot=slots[0]).exists()
    ):
        interview_book(
            slot=slots[0],
            registration=marcus_registration,
            actor=marcus_registration.participant.facilitator,
        )
    return len(slots)


@transaction.atomic
def seed(*, stdout, scale: str = "small") -> None:
    staff = User.objects.filter(username="facilitator").first()
    employer_user = User.objects.filter(username="employer").first()
    fairs = {
        fair.title: fair
        for fair in HiringFair.objects.filter(title__in=[COMMUNITY_FAIR, FACILITY_FAIR])
    }
    if staff is None or len(fairs) < 2:
        return
    # The demo facilitator works both demo fairs, so their check-in list shows every
    # RSVP (other staff would see only their caseload's).
    for fair in fairs.values():
        fair.staff_working.add(staff)
    registrations = {}
    for first, last, title, shares, checked_in in RSVPS:
        participant = Participant.objects.filter(first_name=first, last_name=last).first()
        if participant is None:
            continue
        registrations[first] = _rsvp(
            fairs[title], participant, shares=shares, checked_in=checked_in, staff=staff
        )
    facility = fairs[FACILITY_FAIR]
    slots = 0
    if employer_user is not None and facility.kind == FairKind.FACILITY:
        slots = _facility_booth_and_slots(facility, employer_user, registrations.get("Marcus"))
    stdout.write(f"Fair RSVPs: {len(registrations)}, interview slots: {slots}.")
