"""Referral services: making a referral and recording its follow-up (the closed loop)."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from jobseekers import services
from jobseekers.models import Referral, ReferralStatus
from portal.core.exceptions import ApplicationError, NotFoundError
from portal.core.models import AuditEvent
from portal.core.transitions import InvalidTransition
from tests.factories.partners import PartnerOrganisationFactory
from tests.factories.referrals import ReferralFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelter(db):
    return PartnerOrganisationFactory(name="Northland Shelter", hours="Open 24 hours")


def make(person, actor, organisation, **values):
    return services.referral_make(
        participant=person,
        actor=actor,
        organisation_id=organisation.pk,
        need=values.pop("need", "housing"),
        consent_to_share=values.pop("consent_to_share", True),
        **values,
    )


@override_settings(PORTAL_REFERRAL_FOLLOW_UP_DAYS=5)
def test_staff_refer_a_participant_with_a_follow_up_due_after_the_setting(
    person, staff_user, shelter
):
    referral = make(person, staff_user, shelter, note="Bed needed by Friday.")
    today = timezone.localdate()
    assert referral.status == ReferralStatus.MADE
    assert referral.made_on == today
    assert referral.follow_up_due_on == today + datetime.timedelta(days=5)
    assert referral.consent_to_share is True and referral.consent_recorded_at is not None
    event = AuditEvent.objects.get(action="referral.made")
    assert event.details["referral_id"] == referral.pk
    assert "Bed needed" not in str(event.details)


def test_the_note_is_encrypted_at_rest(person, staff_user, shelter):
    from django.db import connection

    referral = make(person, staff_user, shelter, note="Bed needed by Friday.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM jobseekers_referral WHERE id = %s", [referral.pk])
        stored = cursor.fetchone()[0]
    assert "Bed needed" not in stored
    assert Referral.objects.get().note == "Bed needed by Friday."


def test_an_organisation_that_does_not_exist_is_refused_and_nothing_is_saved(person, staff_user):
    with pytest.raises(ApplicationError) as refused:
        services.referral_make(
            participant=person,
            actor=staff_user,
            organisation_id=987654,
            need="housing",
            consent_to_share=True,
        )
    assert refused.value.code == "unknown_organisation"
    assert "organisation" in refused.value.fields
    assert not Referral.objects.exists()
    assert not AuditEvent.objects.filter(action="referral.made").exists()


def test_an_unknown_need_is_refused(person, staff_user, shelter):
    with pytest.raises(ApplicationError) as refused:
        make(person, staff_user, shelter, need="spaceship")
    assert "need" in refused.value.fields
    assert not Referral.objects.exists()


def test_staff_outside_the_caseload_cannot_refer(person, other_staff, shelter):
    with pytest.raises(NotFoundError):
        make(person, other_staff, shelter)
    assert not Referral.objects.exists()


def test_an_admin_refers_anyone(person, admin_user, shelter):
    assert make(person, admin_user, shelter).made_by == admin_user


@override_settings(PORTAL_REFERRAL_FOLLOW_UP_DAYS=7)
def test_the_loop_made_contacted_connected_closes_the_follow_up(person, staff_user, shelter):
    referral = make(person, staff_user, shelter)
    today = timezone.localdate()
    referral = services.referral_follow_up(
        referral=referral, actor=staff_user, status="contacted", note="Called them."
    )
    assert referral.status == ReferralStatus.CONTACTED
    assert referral.follow_up_due_on == today + datetime.timedelta(days=7)
    assert referral.follow_up_note == "Called them."
    referral = services.referral_follow_up(referral=referral, actor=staff_user, status="connected")
    assert referral.status == ReferralStatus.CONNECTED
    assert referral.follow_up_due_on is None
    assert referral.last_followed_up_on == today
    moves = AuditEvent.objects.filter(action="referral.followed_up").order_by("id")
    assert [(e.details["status_from"], e.details["status_to"]) for e in moves] == [
        ("made", "contacted"),
        ("contacted", "connected"),
    ]


def test_a_check_with_no_change_moves_the_next_follow_up(person, staff_user):
    referral = ReferralFactory(
        participant=person, made_on=timezone.localdate() - datetime.timedelta(days=10)
    )
    assert referral.follow_up_due_on < timezone.localdate()
    referral = services.referral_follow_up(referral=referral, actor=staff_user, status="made")
    assert referral.status == ReferralStatus.MADE
    assert referral.follow_up_due_on > timezone.localdate()


def test_not_connected_needs_a_reason_and_nothing_changes_without_one(person, staff_user):
    referral = ReferralFactory(participant=person)
    with pytest.raises(ApplicationError) as refused:
        services.referral_follow_up(referral=referral, actor=staff_user, status="not_connected")
    assert refused.value.code == "reason_required"
    assert refused.value.status_code == 400
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.MADE
    assert not AuditEvent.objects.filter(action="referral.followed_up").exists()

    referral = services.referral_follow_up(
        referral=referral, actor=staff_user, status="not_connected", reason="No beds left"
    )
    assert (referral.status, referral.reason, referral.follow_up_due_on) == (
        ReferralStatus.NOT_CONNECTED,
        "No beds left",
        None,
    )


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("made", "connected"),
        ("connected", "cancelled"),
        ("connected", "connected"),
        ("cancelled", "made"),
        ("not_connected", "contacted"),
        ("contacted", "made"),
    ],
)
def test_an_illegal_move_is_a_conflict_and_changes_nothing(person, staff_user, current, target):
    referral = ReferralFactory(
        participant=person, status=current, reason="Full" if current == "not_connected" else ""
    )
    with pytest.raises(InvalidTransition) as refused:
        services.referral_follow_up(referral=referral, actor=staff_user, status=target)
    assert refused.value.status_code == 409
    assert refused.value.code == "illegal_referral_transition"
    referral.refresh_from_db()
    assert referral.status == current
    assert not AuditEvent.objects.filter(action="referral.followed_up").exists()


def test_cancel_from_made(person, staff_user):
    referral = ReferralFactory(participant=person)
    referral = services.referral_follow_up(referral=referral, actor=staff_user, status="cancelled")
    assert referral.status == ReferralStatus.CANCELLED
    assert referral.follow_up_due_on is None


def test_staff_outside_the_caseload_cannot_follow_up(person, other_staff):
    referral = ReferralFactory(participant=person)
    with pytest.raises(NotFoundError):
        services.referral_follow_up(referral=referral, actor=other_staff, status="contacted")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.MADE


def test_the_follow_up_due_selector_lists_open_referrals_due_by_the_date(person, other_person):
    today = timezone.localdate()
    due = ReferralFactory(participant=person, made_on=today - datetime.timedelta(days=7))
    overdue = ReferralFactory(
        participant=other_person,
        status="contacted",
        made_on=today - datetime.timedelta(days=20),
    )
    ReferralFactory(participant=person)  # due in a week
    ReferralFactory(
        participant=person,
        status="connected",
        made_on=today - datetime.timedelta(days=20),
        follow_up_due_on=None,
    )
    from jobseekers.selectors import referrals_follow_up_due

    assert list(referrals_follow_up_due(on_date=today)) == [overdue, due]
    assert list(referrals_follow_up_due(on_date=today - datetime.timedelta(days=1))) == [overdue]
