"""The referrals API: who may reach it (a matrix of roles), what it saves and refuses,
the access log and the query budget of the list."""

import pytest

from jobseekers.models import Referral, ReferralStatus
from portal.core.models import AccessLog
from tests.factories.jobseekers import ParticipantFactory
from tests.factories.partners import PartnerOrganisationFactory
from tests.factories.referrals import ReferralFactory

pytestmark = pytest.mark.django_db


def list_url(participant):
    return f"/api/v1/participants/{participant.pk}/referrals/"


def detail_url(referral):
    return f"/api/v1/referrals/{referral.pk}/"


@pytest.fixture
def referral(person):
    return ReferralFactory(
        participant=person,
        organisation=PartnerOrganisationFactory(hours="Mon-Fri 9-5", hours_es="lun-vie 9-5"),
    )


def test_staff_make_a_referral_and_read_it_with_the_partner_address_and_hours(
    api_client, person, staff_user
):
    organisation = PartnerOrganisationFactory(address="1400 NE Vivion Rd", hours="Open 24 hours")
    api_client.force_authenticate(staff_user)
    created = api_client.post(
        list_url(person),
        {
            "organisation": organisation.pk,
            "need": "housing",
            "consent_to_share": True,
            "note": "Needs a bed.",
        },
        format="json",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "made"
    assert body["organisation"]["hours"] == "Open 24 hours"
    assert body["note"] == "Needs a bed."
    listed = api_client.get(list_url(person))
    assert [row["id"] for row in listed.json()] == [body["id"]]
    assert AccessLog.objects.filter(viewer=staff_user, what="referrals", why="caseload").exists()


def test_an_unknown_organisation_is_a_400_and_nothing_is_saved(api_client, person, staff_user):
    api_client.force_authenticate(staff_user)
    response = api_client.post(
        list_url(person),
        {"organisation": 424242, "need": "housing", "consent_to_share": False},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_organisation"
    assert not Referral.objects.exists()


def test_patch_moves_the_status_and_refuses_an_illegal_move_or_a_missing_reason(
    api_client, referral, staff_user
):
    api_client.force_authenticate(staff_user)
    illegal = api_client.patch(detail_url(referral), {"status": "connected"}, format="json")
    assert illegal.status_code == 409
    no_reason = api_client.patch(detail_url(referral), {"status": "not_connected"}, format="json")
    assert no_reason.status_code == 400
    assert "reason" in no_reason.json()["fields"]
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.MADE

    moved = api_client.patch(
        detail_url(referral), {"status": "contacted", "note": "Left a message."}, format="json"
    )
    assert moved.status_code == 200
    assert moved.json()["status"] == "contacted"
    assert moved.json()["follow_up_note"] == "Left a message."


def test_the_participant_reads_their_own_without_staff_notes_and_cannot_write(
    api_client, referral, participant, person
):
    api_client.force_authenticate(participant)
    own = api_client.get(list_url(person))
    assert own.status_code == 200
    assert own.json()[0]["organisation"]["hours"] == "Mon-Fri 9-5"
    # The Spanish beside the English, as the API gives every staff-written text.
    assert own.json()[0]["organisation"]["hours_es"] == "lun-vie 9-5"
    assert "note" not in own.json()[0]
    one = api_client.get(detail_url(referral))
    assert one.status_code == 200 and "note" not in one.json()
    assert not AccessLog.objects.exists()
    assert api_client.patch(detail_url(referral), {"status": "cancelled"}).status_code == 403
    refused = api_client.post(
        list_url(person),
        {"organisation": referral.organisation_id, "need": "food", "consent_to_share": True},
        format="json",
    )
    assert refused.status_code == 403
    assert Referral.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("participant", 200),
        ("other_participant_user", 404),
        ("staff_user", 200),
        ("other_staff", 404),
        ("admin_user", 200),
        ("employer_user", 404),
    ],
)
def test_who_may_read_a_participants_referrals(api_client, request, referral, who, expected):
    api_client.force_authenticate(request.getfixturevalue(who))
    assert api_client.get(list_url(referral.participant)).status_code == expected
    assert api_client.get(detail_url(referral)).status_code == expected


@pytest.mark.parametrize("who", ["other_participant_user", "other_staff", "employer_user"])
def test_outsiders_cannot_write_and_nothing_changes(api_client, request, referral, who):
    api_client.force_authenticate(request.getfixturevalue(who))
    patched = api_client.patch(detail_url(referral), {"status": "cancelled"}, format="json")
    posted = api_client.post(
        list_url(referral.participant),
        {"organisation": referral.organisation_id, "need": "food", "consent_to_share": True},
        format="json",
    )
    assert (patched.status_code, posted.status_code) == (404, 404)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.MADE
    assert Referral.objects.count() == 1


def test_anonymous_gets_nothing(api_client, referral):
    assert api_client.get(list_url(referral.participant)).status_code in (401, 403)
    assert api_client.get(detail_url(referral)).status_code in (401, 403)


def test_an_admin_reading_outside_their_caseload_is_logged_as_admin(
    api_client, referral, admin_user
):
    api_client.force_authenticate(admin_user)
    api_client.get(detail_url(referral))
    assert AccessLog.objects.get().why == "admin"


def test_the_list_runs_the_same_queries_with_1_and_30_rows(
    api_client, staff_user, django_assert_max_num_queries
):
    person = ParticipantFactory(facilitator=staff_user)
    ReferralFactory(participant=person)
    api_client.force_authenticate(staff_user)
    api_client.get(list_url(person))  # warm caches (content types)
    with django_assert_max_num_queries(10) as with_one:
        api_client.get(list_url(person))
    for _ in range(29):
        ReferralFactory(participant=person)
    with django_assert_max_num_queries(len(with_one.captured_queries)):
        response = api_client.get(list_url(person))
    assert len(response.json()) == 30
