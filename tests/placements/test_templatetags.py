"""The employer-side pages (a job, a fair) ask placements' predicates, through template
tags, who may apply, RSVP or see the attendees: the links follow the rules."""

import pytest
from django.urls import reverse

from employers.models import FairStatus, JobStatus
from tests.factories.employers import FairFactory, JobFactory
from tests.factories.fairs import ConfirmedBoothFactory

pytestmark = pytest.mark.django_db


def job_page(client, user, job):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("employers:job-detail", args=[job.pk])).content.decode()


def test_the_apply_link_follows_who_may_apply(
    client, participant, staff_user, employer_user, employer
):
    job = JobFactory(employer=employer)
    apply_url = reverse("placements:apply", args=[job.pk])
    assert f'href="{apply_url}"' in job_page(client, participant, job)
    assert "Apply with a participant" in job_page(client, staff_user, job)
    page = job_page(client, employer_user, job)
    assert f'href="{apply_url}"' not in page


def test_a_closed_job_offers_no_apply_link(client, participant, employer):
    job = JobFactory(employer=employer, status=JobStatus.CLOSED)
    page = job_page(client, participant, job)
    assert reverse("placements:apply", args=[job.pk]) not in page


def test_rsvp_only_for_a_participant_while_the_fair_is_published(
    client, participant, employer_user
):
    fair = FairFactory()
    rsvp = reverse("placements:fair-rsvp", args=[fair.pk])
    detail = reverse("employers:fair-detail", args=[fair.pk])
    client.force_login(participant)
    assert rsvp in client.get(detail).content.decode()
    fair.status = FairStatus.COMPLETED
    fair.save()
    assert rsvp not in client.get(detail).content.decode()
    client.force_login(employer_user)
    fair.status = FairStatus.PUBLISHED
    fair.save()
    assert rsvp not in client.get(detail).content.decode()


def test_attendees_link_once_the_booth_is_confirmed(client, employer_user, employer):
    fair = FairFactory()
    attendees = reverse("placements:fair-attendees", args=[fair.pk])
    detail = reverse("employers:fair-detail", args=[fair.pk])
    client.force_login(employer_user)
    assert attendees not in client.get(detail).content.decode()
    ConfirmedBoothFactory(fair=fair, employer=employer)
    assert attendees in client.get(detail).content.decode()
