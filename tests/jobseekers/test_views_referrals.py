"""Referral pages: the staff form (with a preselected need), the follow-up page, the
participant page's section, the participant's own page, the dashboard's follow-ups."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from jobseekers.models import Referral, ReferralStatus
from tests.factories.jobseekers import ParticipantFactory
from tests.factories.partners import PartnerOrganisationFactory
from tests.factories.referrals import ReferralFactory

pytestmark = pytest.mark.django_db


def test_the_referral_form_preselects_the_need_from_the_query(client, person, staff_user):
    client.force_login(staff_user)
    url = reverse("jobseekers:referral-add", args=[person.pk])
    assert url == f"/participants/{person.pk}/referrals/add/"
    page = client.get(url + "?need=childcare")
    assert page.status_code == 200
    assert page.context["form"]["need"].value() == "childcare"
    assert 'value="childcare" selected' in page.content.decode()
    # A need that is not in the list is ignored, not an error.
    assert client.get(url + "?need=spaceship").context["form"]["need"].value() is None


def test_staff_make_a_referral_from_the_form(client, person, staff_user):
    organisation = PartnerOrganisationFactory(name="Northland Shelter")
    client.force_login(staff_user)
    response = client.post(
        reverse("jobseekers:referral-add", args=[person.pk]),
        {"need": "housing", "organisation": organisation.pk, "consent_to_share": "on"},
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.organisation, referral.consent_to_share) == (organisation, True)
    page = client.get(reverse("jobseekers:participant", args=[person.pk]))
    assert "Northland Shelter" in page.content.decode()


def test_the_form_refuses_an_organisation_that_does_not_exist(client, person, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("jobseekers:referral-add", args=[person.pk]),
        {"need": "housing", "organisation": 999999},
    )
    assert response.status_code == 200
    assert "does not exist" in response.content.decode()
    assert not Referral.objects.exists()


@pytest.mark.parametrize("who", ["other_staff", "employer_user", "participant"])
def test_the_staff_pages_are_404_to_anyone_else(client, request, person, who):
    referral = ReferralFactory(participant=person)
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("jobseekers:referral-add", args=[person.pk])).status_code == 404
    assert client.get(reverse("jobseekers:referral", args=[referral.pk])).status_code == 404


def test_staff_record_a_follow_up_and_a_not_connected_needs_a_reason(client, person, staff_user):
    referral = ReferralFactory(participant=person, status="contacted")
    client.force_login(staff_user)
    url = reverse("jobseekers:referral", args=[referral.pk])
    refused = client.post(url, {"status": "not_connected", "reason": ""})
    assert refused.status_code == 200
    assert "Say why" in refused.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.CONTACTED
    done = client.post(url, {"status": "not_connected", "reason": "Waiting list full"})
    assert done.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.reason) == ("not_connected", "Waiting list full")
    # Closed: no form any more.
    assert "Record the follow-up" not in client.get(url).content.decode()


def test_the_participant_sees_their_referrals_with_address_and_hours_in_spanish(
    client, person, participant
):
    organisation = PartnerOrganisationFactory(
        name="Casa Segura", address="3100 Main St", hours="Lun-Vie 9-5"
    )
    ReferralFactory(participant=person, organisation=organisation, note="Staff words")
    client.force_login(participant)
    page = client.get(reverse("jobseekers:my-referrals"))
    content = page.content.decode()
    assert "Casa Segura" in content and "3100 Main St" in content and "Lun-Vie 9-5" in content
    assert "Staff words" not in content
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    spanish = client.get(reverse("jobseekers:my-referrals"))
    assert "Mis referencias" in spanish.content.decode()


def test_the_dashboard_shows_follow_ups_due_until_recorded(client, person, staff_user):
    today = timezone.localdate()
    referral = ReferralFactory(
        participant=person,
        organisation=PartnerOrganisationFactory(name="Food Pantry North"),
        made_on=today - datetime.timedelta(days=9),
    )
    ReferralFactory(
        participant=person,
        organisation=PartnerOrganisationFactory(name="Not Yet Due Place"),
    )
    client.force_login(staff_user)
    content = client.get("/dashboard/").content.decode()
    assert "Food Pantry North" in content
    assert "Not Yet Due Place" not in content
    client.post(reverse("jobseekers:referral", args=[referral.pk]), {"status": "connected"})
    client.post(reverse("jobseekers:referral", args=[referral.pk]), {"status": "contacted"})
    assert "Food Pantry North" not in client.get("/dashboard/").content.decode()


def test_other_staff_do_not_see_someone_elses_follow_ups(client, person, other_staff):
    ReferralFactory(
        participant=person,
        organisation=PartnerOrganisationFactory(name="Food Pantry North"),
        made_on=timezone.localdate() - datetime.timedelta(days=9),
    )
    client.force_login(other_staff)
    assert "Food Pantry North" not in client.get("/dashboard/").content.decode()


def _add_referrals(person, rows):
    for _ in range(rows):
        ReferralFactory(
            participant=person, made_on=timezone.localdate() - datetime.timedelta(days=8)
        )


def _queries(client, url, django_assert_max_num_queries, budget=60):
    with django_assert_max_num_queries(budget) as counted:
        assert client.get(url).status_code == 200
    return len(counted.captured_queries)


def test_the_pages_run_the_same_queries_with_1_and_30_referrals(
    client, staff_user, participant, django_assert_max_num_queries
):
    person = ParticipantFactory(facilitator=staff_user, user=participant)
    _add_referrals(person, 1)
    staff_pages = ["/dashboard/", reverse("jobseekers:participant", args=[person.pk])]
    client.force_login(staff_user)
    for url in staff_pages:
        client.get(url)  # warm caches (content types, session)
    with_one = [_queries(client, url, django_assert_max_num_queries) for url in staff_pages]
    client.force_login(participant)
    own_page = reverse("jobseekers:my-referrals")
    own_with_one = _queries(client, own_page, django_assert_max_num_queries, budget=15)

    _add_referrals(person, 29)
    client.force_login(staff_user)
    for url, budget in zip(staff_pages, with_one, strict=True):
        _queries(client, url, django_assert_max_num_queries, budget=budget)
    client.force_login(participant)
    page = client.get(own_page)
    assert page.content.decode().count('class="resource"') == 30
    _queries(client, own_page, django_assert_max_num_queries, budget=own_with_one)
