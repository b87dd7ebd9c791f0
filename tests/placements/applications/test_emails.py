"""The applications area's emails come from templates, each in its reader's language,
with the same words as before (the Spanish translation still applies)."""

from django.utils import translation

from placements.applications.services import application_transition
from placements.models import ApplicationStatus

S = ApplicationStatus


def test_each_reader_gets_the_stage_update_in_their_language(
    application, employer_user, mail_at_once, mailoutbox
):
    participant = application.participant
    participant.preferred_language = "es"
    participant.save()

    application_transition(application=application, actor=employer_user, to=S.REVIEWING)

    by_address = {message.to[0]: message for message in mailoutbox}
    english = by_address[participant.facilitator.email]
    spanish = by_address[participant.email]
    name, employer = participant.display_name, application.employer.display_name
    assert english.subject == "Application update: Forklift operator"
    assert english.body == (
        f"The application of {name} to Forklift operator at {employer} is now: Being reviewed.\n"
    )
    assert spanish.subject == "Novedad de la solicitud: Forklift operator"
    with translation.override("es"):
        stage = str(S.REVIEWING.label)
    assert spanish.body == (
        f"La solicitud de {name} a Forklift operator en {employer} ahora está: {stage}.\n"
    )
    assert stage != "Being reviewed"


def test_the_email_is_plain_text(application, employer_user, mail_at_once, mailoutbox):
    employer = application.employer
    employer.display_name = "Smith & Sons <Bakery>"
    employer.save()
    application_transition(application=application, actor=employer_user, to=S.REVIEWING)
    assert "Smith & Sons <Bakery>" in mailoutbox[0].body
