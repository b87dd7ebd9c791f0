"""The fairs area's pages: permission matrix, what each role sees, the flows through
forms, and query budgets."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobseekers.models import ResumeVersion
from jobseekers.services import resume_snapshot
from placements.models import (
    BookingStatus,
    FairRegistration,
    InterviewBooking,
    InterviewSlot,
    RegistrationStatus,
)
from tests.factories.employers import FairFactory
from tests.factories.fairs import BookingFactory, RegistrationFactory, SlotFactory
from tests.factories.jobseekers import ParticipantFactory, RecordEntryFactory, ResumeFactory

from .conftest import give_consent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_at_once")]

ROLES = [
    "anonymous",
    "self",
    "other_participant",
    "booth_employer",
    "other_employer",
    "caseload_staff",
    "other_staff",
    "admin",
    "working_staff",
]


@pytest.fixture
def actors(
    participant,
    other_person,
    employer_user,
    other_employer_user,
    staff_user,
    other_staff,
    admin_user,
    working_staff,
    booth,
):
    return {
        "anonymous": None,
        "self": participant,
        "other_participant": other_person.user,
        "booth_employer": employer_user,
        "other_employer": other_employer_user,
        "caseload_staff": staff_user,
        "other_staff": other_staff,
        "admin": admin_user,
        "working_staff": working_staff,
    }


def with_resume(participant):
    resume = ResumeFactory(participant=participant)
    return ResumeVersion.objects.create(resume=resume, number=1, content=resume_snapshot(resume))


@pytest.fixture
def sharing(fair, person):
    """Pat RSVP'd, opted in, has a résumé (and a record employers must never see)."""
    give_consent(person)
    with_resume(person)
    RecordEntryFactory(participant=person, description="Secret case details 19CR-0042")
    return RegistrationFactory(fair=fair, participant=person, shares_profile=True)


def expect(client, actor, method, url, expected, data=None):
    if actor is not None:
        client.force_login(actor)
    response = getattr(client, method)(url, data or {})
    if expected == "login":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == expected, (actor, url, response.status_code)
    return response


# --- permission matrix ----------------------------------------------------------------

MATRIX = {
    # page: expected per role, in ROLES order
    "rsvp": ["login", 200, 200, 404, 404, 200, 200, 200, 200],
    "registration": ["login", 200, 404, 404, 404, 200, 404, 200, 404],
    # Every staff member reaches the page; what it lists is scoped (test_privacy.py).
    "check_in": ["login", 404, 404, 404, 404, 200, 200, 200, 200],
    "attendees": ["login", 404, 404, 200, 404, 404, 404, 404, 404],
    "resume": ["login", 404, 404, 200, 404, 404, 404, 404, 404],
}


@pytest.mark.parametrize("page", list(MATRIX))
@pytest.mark.parametrize("role_index", range(len(ROLES)))
def test_page_permission_matrix(client, actors, fair, sharing, page, role_index):
    urls = {
        "rsvp": reverse("placements:fair-rsvp", args=[fair.pk]),
        "registration": reverse("placements:fair-registration", args=[sharing.pk]),
        "check_in": reverse("placements:fair-check-in", args=[fair.pk]),
        "attendees": reverse("placements:fair-attendees", args=[fair.pk]),
        "resume": reverse("placements:fair-attendee-resume", args=[fair.pk, sharing.pk]),
    }
    role = ROLES[role_index]
    expected = MATRIX[page][role_index]
    if page == "rsvp" and role == "self":
        expected = 302  # Pat already has an RSVP: they go to it.
    expect(client, actors[role], "get", urls[page], expected)


POST_MATRIX = {
    # action: roles allowed (others: 404, anonymous: login)
    "sharing": {"self", "caseload_staff", "admin"},
    "cancel": {"self", "caseload_staff", "admin"},
    # The person's own staff reach it (and are refused with a message); the staff
    # working the fair and admins check in; other staff do not see the RSVP.
    "check_in": {"caseload_staff", "admin", "working_staff"},
    "book": {"self", "caseload_staff", "admin"},
    "booking_cancel": {"self", "caseload_staff", "admin", "booth_employer"},
    "slot_cancel": {"booth_employer", "caseload_staff", "other_staff", "admin", "working_staff"},
}


@pytest.mark.parametrize("action", list(POST_MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_post_permission_matrix(client, actors, fair, employer, sharing, action, role):
    slot = SlotFactory(fair=fair, employer=employer)
    booking = BookingFactory(slot=SlotFactory(fair=fair, employer=employer), registration=sharing)
    url, data = {
        "sharing": (
            reverse("placements:fair-registration-sharing", args=[sharing.pk]),
            {"share": "no"},
        ),
        "cancel": (reverse("placements:fair-registration-cancel", args=[sharing.pk]), {}),
        "check_in": (reverse("placements:fair-registration-check-in", args=[sharing.pk]), {}),
        "book": (
            reverse("placements:interview-slot-book", args=[slot.pk]),
            {"registration": sharing.pk},
        ),
        "booking_cancel": (reverse("placements:interview-booking-cancel", args=[booking.pk]), {}),
        "slot_cancel": (reverse("placements:interview-slot-cancel", args=[slot.pk]), {}),
    }[action]
    if role == "anonymous":
        expected = "login"
    elif role in POST_MATRIX[action]:
        expected = 302
    else:
        expected = 404
    expect(client, actors[role], "post", url, expected, data)
    changed = {
        "sharing": lambda: not FairRegistration.objects.get(pk=sharing.pk).shares_profile,
        "cancel": lambda: FairRegistration.objects.get(pk=sharing.pk).status == "cancelled",
        # The fair is in 20 days: check-in is refused with a message, nothing changes.
        "check_in": lambda: False,
        "book": lambda: InterviewBooking.objects.filter(slot=slot).exists(),
        "booking_cancel": lambda: InterviewBooking.objects.get(pk=booking.pk).status == "cancelled",
        "slot_cancel": lambda: InterviewSlot.objects.get(pk=slot.pk).status == "cancelled",
    }[action]()
    if expected != 302:
        assert not changed


# --- flows ----------------------------------------------------------------------------


def test_participant_rsvps_with_opt_in_from_the_fair_page(client, participant, person, fair):
    client.force_login(participant)
    detail = client.get(reverse("employers:fair-detail", args=[fair.pk]))
    assert reverse("placements:fair-rsvp", args=[fair.pk]) in detail.content.decode()
    response = client.post(
        reverse("placements:fair-rsvp", args=[fair.pk]), {"share_profile": "on"}, follow=True
    )
    registration = FairRegistration.objects.get(participant=person)
    assert registration.shares_profile
    assert "The RSVP is saved" in response.content.decode()
    panel = client.get(reverse("dashboard")).content.decode()
    assert "My hiring fairs" in panel and fair.title in panel


def test_rsvp_page_shows_the_full_message(client, participant, person):
    fair = FairFactory(participant_capacity=1)
    RegistrationFactory(fair=fair)
    client.force_login(participant)
    response = client.post(reverse("placements:fair-rsvp", args=[fair.pk]), {})
    assert response.status_code == 200
    assert "This fair is full" in response.content.decode()
    assert not FairRegistration.objects.filter(participant=person).exists()


def test_someone_inside_sees_why_they_cannot_rsvp_for_a_community_fair(
    client, participant, person, fair
):
    person.release_date = timezone.localdate() + dt.timedelta(days=60)
    person.save(update_fields=["release_date"])
    client.force_login(participant)
    detail = client.get(reverse("employers:fair-detail", args=[fair.pk])).content.decode()
    assert reverse("placements:fair-rsvp", args=[fair.pk]) not in detail
    assert "is not released until" in detail
    # Posting anyway is refused with the same reason, and nothing is saved.
    response = client.post(reverse("placements:fair-rsvp", args=[fair.pk]), {})
    assert response.status_code == 200
    assert "is not released until" in response.content.decode()
    assert not FairRegistration.objects.filter(participant=person).exists()
    # In Spanish too.
    detail = client.get(
        reverse("employers:fair-detail", args=[fair.pk]), HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert "no sale en libertad hasta" in detail


def test_someone_inside_may_rsvp_for_a_virtual_fair(client, participant, person):
    fair = FairFactory(kind="virtual")
    person.release_date = timezone.localdate() + dt.timedelta(days=60)
    person.save(update_fields=["release_date"])
    client.force_login(participant)
    detail = client.get(reverse("employers:fair-detail", args=[fair.pk])).content.decode()
    assert reverse("placements:fair-rsvp", args=[fair.pk]) in detail


def test_staff_rsvp_only_lists_their_caseload(client, staff_user, person, other_person, fair):
    client.force_login(staff_user)
    page = client.get(reverse("placements:fair-rsvp", args=[fair.pk])).content.decode()
    assert person.display_name in page and other_person.display_name not in page
    response = client.post(
        reverse("placements:fair-rsvp", args=[fair.pk]), {"participant": other_person.pk}
    )
    assert response.status_code == 200  # not a valid choice
    assert not FairRegistration.objects.exists()
    client.post(reverse("placements:fair-rsvp", args=[fair.pk]), {"participant": person.pk})
    assert FairRegistration.objects.filter(participant=person, registered_by=staff_user).exists()


def test_staff_check_in_and_walk_in_on_the_day(client, staff_user, person):
    start = timezone.now() - dt.timedelta(hours=1)
    fair = FairFactory(starts_at=start, ends_at=start + dt.timedelta(hours=4))
    registration = RegistrationFactory(fair=fair, participant=person)
    walk_in = ParticipantFactory(facilitator=staff_user, first_name="Walker")
    fair.staff_working.add(staff_user)
    client.force_login(staff_user)
    page = client.get(reverse("placements:fair-check-in", args=[fair.pk])).content.decode()
    assert "Check in" in page and person.display_name in page
    response = client.post(
        reverse("placements:fair-registration-check-in", args=[registration.pk]), follow=True
    )
    assert f"{person.display_name} is checked in" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CHECKED_IN
    client.post(
        reverse("placements:fair-check-in", args=[fair.pk]), {"walk_in-participant": walk_in.pk}
    )
    assert FairRegistration.objects.get(participant=walk_in).status == RegistrationStatus.CHECKED_IN


def test_check_in_search_finds_by_name(client, staff_user, fair):
    RegistrationFactory(fair=fair, participant=ParticipantFactory(first_name="Zelda"))
    RegistrationFactory(fair=fair, participant=ParticipantFactory(first_name="Yusuf"))
    fair.staff_working.add(staff_user)
    client.force_login(staff_user)
    page = client.get(reverse("placements:fair-check-in", args=[fair.pk]), {"q": "zel"})
    assert "Zelda" in page.content.decode() and "Yusuf" not in page.content.decode()


def test_employer_sees_opted_in_attendees_and_never_the_record(
    client, employer_user, fair, booth, sharing, person
):
    quiet = RegistrationFactory(fair=fair, shares_profile=False)
    give_consent(quiet.participant)
    client.force_login(employer_user)
    page = client.get(reverse("placements:fair-attendees", args=[fair.pk])).content.decode()
    assert person.display_name in page
    assert quiet.participant.display_name not in page
    resume = client.get(
        reverse("placements:fair-attendee-resume", args=[fair.pk, sharing.pk])
    ).content.decode()
    assert "forklift" in resume.lower()
    for secret in ("19CR-0042", "Secret case", "Officer", "drug"):
        assert secret not in page and secret not in resume


def test_consent_withdrawal_hides_the_participant_from_employers_at_once(
    client, employer_user, fair, booth, sharing, person, employer
):
    slot = SlotFactory(fair=fair, employer=employer)
    BookingFactory(slot=slot, registration=sharing)
    client.force_login(employer_user)
    url = reverse("placements:fair-attendees", args=[fair.pk])
    assert person.display_name in client.get(url).content.decode()

    give_consent(person, given=False)

    page = client.get(url).content.decode()
    assert person.display_name not in page
    assert "no longer shares their profile" in page
    resume_url = reverse("placements:fair-attendee-resume", args=[fair.pk, sharing.pk])
    assert client.get(resume_url).status_code == 404


def test_employer_offers_a_slot_and_the_participant_books_it(
    client, employer_user, participant, fair, booth, sharing
):
    client.force_login(employer_user)
    starts = timezone.localtime(fair.starts_at + dt.timedelta(minutes=30))
    response = client.post(
        reverse("placements:fair-attendees", args=[fair.pk]),
        {
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "length_minutes": 20,
            "mode": "in_person",
            "place": "Table 7",
        },
    )
    assert response.status_code == 302
    slot = InterviewSlot.objects.get()
    client.force_login(participant)
    page = client.get(reverse("placements:fair-registration", args=[sharing.pk])).content.decode()
    assert "Table" not in page or "Book" in page
    client.post(
        reverse("placements:interview-slot-book", args=[slot.pk]), {"registration": sharing.pk}
    )
    assert InterviewBooking.objects.get().status == BookingStatus.BOOKED
    client.force_login(employer_user)
    page = client.get(reverse("placements:fair-attendees", args=[fair.pk])).content.decode()
    assert "Booked by" in page


def test_slot_form_shows_a_clear_error(client, employer_user, fair, booth):
    client.force_login(employer_user)
    response = client.post(
        reverse("placements:fair-attendees", args=[fair.pk]),
        {
            "starts_at": timezone.localtime(fair.starts_at).strftime("%Y-%m-%dT%H:%M"),
            "length_minutes": 20,
            "mode": "video",
            "place": "not a link",
        },
    )
    assert response.status_code == 200
    assert "https://" in response.content.decode()
    assert not InterviewSlot.objects.exists()


# --- query budgets --------------------------------------------------------------------


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_check_in_list_query_budget(client, staff_user, fair, django_assert_max_num_queries):
    fair.staff_working.add(staff_user)  # so that every row is listed
    client.force_login(staff_user)
    url = reverse("placements:fair-check-in", args=[fair.pk])
    RegistrationFactory(fair=fair)
    one = _count_queries(client, url)
    for _ in range(29):
        RegistrationFactory(fair=fair)
    assert _count_queries(client, url) == one
    with django_assert_max_num_queries(12):
        client.get(url)


def test_attendee_list_query_budget(
    client, employer_user, fair, booth, employer, django_assert_max_num_queries
):
    def attendee():
        registration = RegistrationFactory(fair=fair, shares_profile=True)
        give_consent(registration.participant)
        with_resume(registration.participant)
        BookingFactory(slot=SlotFactory(fair=fair, employer=employer), registration=registration)

    client.force_login(employer_user)
    url = reverse("placements:fair-attendees", args=[fair.pk])
    attendee()
    one = _count_queries(client, url)
    for _ in range(29):
        attendee()
    page = client.get(url).content.decode()
    assert page.count("See the résumé") == 30
    assert _count_queries(client, url) == one
    # 13: one more than before two-factor sign-in (does this signed-in user have a factor?).
    with django_assert_max_num_queries(13):
        client.get(url)


# --- admins pick from every active participant (bounded, searchable) -------------------


def test_admin_rsvp_and_walk_in_list_everyone_active(
    client, admin_user, person, other_person, fair
):
    from jobseekers.models import ParticipantStatus

    exited = ParticipantFactory(first_name="Gone", status=ParticipantStatus.EXITED)
    start = timezone.now() - dt.timedelta(hours=1)
    today = FairFactory(starts_at=start, ends_at=start + dt.timedelta(hours=4))
    client.force_login(admin_user)
    for url in (
        reverse("placements:fair-rsvp", args=[fair.pk]),
        reverse("placements:fair-check-in", args=[today.pk]),
    ):
        page = client.get(url).content.decode()
        assert person.display_name in page and other_person.display_name in page
        assert exited.display_name not in page
    client.post(reverse("placements:fair-rsvp", args=[fair.pk]), {"participant": person.pk})
    assert FairRegistration.objects.filter(participant=person, registered_by=admin_user).exists()
    client.post(
        reverse("placements:fair-check-in", args=[today.pk]),
        {"walk_in-participant": other_person.pk},
    )
    registration = FairRegistration.objects.get(participant=other_person)
    assert registration.status == RegistrationStatus.CHECKED_IN and registration.walk_in
    response = client.post(
        reverse("placements:fair-rsvp", args=[fair.pk]), {"participant": exited.pk}
    )
    assert response.status_code == 200  # not a valid choice
    assert not FairRegistration.objects.filter(participant=exited).exists()


def test_admin_picker_is_bounded_and_searchable(
    client, admin_user, fair, django_assert_max_num_queries
):
    from placements.fairs.selectors import PARTICIPANT_CHOICES_SHOWN

    ParticipantFactory.create_batch(PARTICIPANT_CHOICES_SHOWN + 3, last_name="Aaron")
    needle = ParticipantFactory(first_name="Quintessa", last_name="Zzyzx")
    client.force_login(admin_user)
    url = reverse("placements:fair-rsvp", args=[fair.pk])
    page = client.get(url).content.decode()
    assert page.count('<option value="') == PARTICIPANT_CHOICES_SHOWN + 1  # with "Choose…"
    assert "first 50 people only" in page and "Quintessa" not in page
    with django_assert_max_num_queries(12):
        page = client.get(url, {"who": "quint"}).content.decode()
    assert "Quintessa" in page and page.count('<option value="') == 2
    assert "first 50 people only" not in page
    # The person found by the search can be chosen from that page.
    client.post(f"{url}?who=quint", {"participant": needle.pk})
    assert FairRegistration.objects.filter(participant=needle).exists()


def test_staff_walk_in_search_stays_within_their_caseload(client, staff_user, person, other_person):
    start = timezone.now() - dt.timedelta(hours=1)
    fair = FairFactory(starts_at=start, ends_at=start + dt.timedelta(hours=4))
    client.force_login(staff_user)
    url = reverse("placements:fair-check-in", args=[fair.pk])
    page = client.get(url, {"who": other_person.first_name}).content.decode()
    assert other_person.display_name not in page
    client.post(f"{url}?who={other_person.first_name}", {"walk_in-participant": other_person.pk})
    assert not FairRegistration.objects.filter(participant=other_person).exists()


def test_check_in_keeps_an_odd_door_search_safely(client, staff_user, person):
    """The door list's search comes back after a check-in, encoded: "&" or a line break
    in it neither changes the address nor breaks the page."""
    start = timezone.now() - dt.timedelta(hours=1)
    fair = FairFactory(starts_at=start, ends_at=start + dt.timedelta(hours=4))
    registration = RegistrationFactory(fair=fair, participant=person)
    client.force_login(staff_user)
    response = client.post(
        reverse("placements:fair-registration-check-in", args=[registration.pk]),
        {"q": "Pat & Lee\r\nX"},
    )
    assert response.status_code == 302
    url = reverse("placements:fair-check-in", args=[fair.pk])
    assert response["Location"] == f"{url}?q=Pat+%26+Lee%0D%0AX"
