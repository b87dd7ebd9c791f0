"""The employers' emails come from templates (templates/employers/email/) with the same
text, and the same Spanish translation, as the Python strings they replaced; an
organization's team reads them in each member's own language."""

from datetime import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from employers.models import VettingStatus
from employers.services import employer_vet, job_approve
from portal.core.emails import render_email
from portal.core.models import Role
from tests.factories.employers import JobFactory, MembershipFactory
from tests.factories.users import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_at_once")]

# template, context, the old subject and body msgids (what a person received before)
EMAILS = [
    (
        "employers/email/email_confirm",
        {"name": "Ana", "link": "https://portal.example.org/employers/verify/abc/"},
        "Confirm your email for the Second Chance Jobs Portal",
        "Hello %(name)s,\n\nOpen this link to confirm your email and turn on your account:\n"
        "%(link)s\n\nThe link works for 3 days.\n",
    ),
    (
        "employers/email/vetting_decided",
        {"name": "Ana & Bo's Diner", "status": VettingStatus.APPROVED.label, "note": "<Welcome>"},
        "Your organization's review: %(status)s",
        "Program staff reviewed %(name)s.\n\nDecision: %(status)s\n\n%(note)s\n",
    ),
    (
        "employers/email/member_invited",
        {"inviter": "Pam O'Neil", "name": "A & B", "link": "https://x.example/?a=1&b=2"},
        "%(name)s invites you to the Second Chance Jobs Portal",
        "%(inviter)s invites you to join %(name)s on the portal. Open this link:\n%(link)s\n",
    ),
    (
        "employers/email/job_published",
        {"title": 'Cook\'s "helper"'},
        "Your job is published: %(title)s",
        "Program staff approved “%(title)s”. Job seekers can see it now.\n",
    ),
    (
        "employers/email/job_sent_back",
        {"title": "Cook", "note": "Add the <pay>."},
        "Changes needed: %(title)s",
        "Program staff sent back “%(title)s”:\n\n%(note)s\n",
    ),
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("template", "context", "subject", "body"), EMAILS)
def test_email_templates_keep_the_text_and_its_translation(
    template, context, subject, body, language
):
    with translation.override(language):
        values = {name: str(value) for name, value in context.items()}
        expected_subject = _(subject) % values if "%(" in subject else _(subject)
        expected_body = _(body) % values
        rendered_subject, rendered_body = render_email(template, context)
    assert rendered_subject == expected_subject
    assert rendered_body == expected_body
    if language == "es":
        assert rendered_body != body % values  # the Spanish translation applies


def test_team_emails_go_to_each_member_in_their_language(staff_user, employer_user, employer):
    MembershipFactory(
        employer=employer,
        is_owner=False,
        user=UserFactory(role=Role.EMPLOYER, email="sol@example.org", preferred_language="es"),
    )
    employer.status = VettingStatus.PENDING
    employer.save()
    employer_vet(employer=employer, decision="approve", note="", actor=staff_user)

    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address[employer_user.email].subject.endswith("Approved")
    assert by_address["sol@example.org"].subject.endswith("Aprobado")

    mail.outbox.clear()
    job = JobFactory(employer=employer, status="submitted")
    job_approve(job=job, actor=staff_user)
    assert sorted(address for message in mail.outbox for address in message.to) == sorted(
        [employer_user.email, "sol@example.org"]
    )


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "Your organization has a booth at Fair & Square.\nWhen: May 1, 2030, 10 a.m.\n"),
        (
            "es",
            "Su organización tiene un puesto en Fair & Square.\nCuándo: 1 may. 2030, 10:00 a.m.\n",
        ),
    ],
)
def test_the_booth_email_gives_the_fair_date_in_the_readers_format(language, body):
    starts = timezone.make_aware(datetime(2030, 5, 1, 10))
    with translation.override(language):
        subject, rendered = render_email(
            "employers/email/booth_confirmed", {"fair": "Fair & Square", "date": starts}
        )
    assert rendered == body
    assert "Fair & Square" in subject
