"""Questions about jobs that don't fit (issue 14): a participant cannot apply alone to a
job that breaks their supervision terms or travel limits, so they ask their
facilitator. The question is a row (`FitQuestion`) the facilitator sees on their
dashboard until they apply together (`application_submit` closes it) or answer it."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import JobPosting
from jobseekers.models import Participant
from jobseekers.permissions import is_self
from placements.applications import permissions
from placements.applications.exceptions import CannotApplyError, field_error
from placements.applications.models import Application, FitQuestion, FitQuestionStatus
from placements.matching.fit import job_fit_conflicts
from portal.core.audit import audit_record
from portal.core.emails import email_on_commit
from portal.core.exceptions import NotFoundError
from portal.core.models import User
from portal.core.transitions import transition_to

from ._common import EMAILS

FIT_REVIEW_ACTION = "application.fit_review_requested"
ANSWER_MAX_LENGTH = 500


@transaction.atomic
def application_fit_review_request(
    *, participant: Participant, job: JobPosting, actor: User
) -> FitQuestion:
    """A participant asks their facilitator to look with them at a job that does not fit
    their supervision terms or travel limits (they cannot apply to it alone). Stores the
    question with why the job does not fit, writes an audit event and emails the
    facilitator, in their language, once the transaction commits, with the link to
    apply with them. Asking again while the question is open changes nothing and sends
    nothing: the open question is returned.

    Raises NotFoundError for anyone but the participant, CannotApplyError (409) when
    they have no facilitator yet or the job fits (they can apply themself)."""
    if not is_self(actor, participant):
        raise NotFoundError(_("This participant is not on your caseload."))
    facilitator = participant.facilitator
    if facilitator is None:
        raise CannotApplyError(
            _("You have no facilitator yet. Ask at the next job club, or call the program.")
        )
    conflicts = job_fit_conflicts(participant=participant, job=job, viewer=actor)
    if not conflicts:
        raise CannotApplyError(_("This job fits your terms: you can apply to it yourself."))
    open_question = FitQuestion.objects.filter(
        participant=participant, job=job, status=FitQuestionStatus.OPEN
    ).first()
    if open_question is not None:
        return open_question
    try:
        with transaction.atomic():
            question = FitQuestion.objects.create(
                participant=participant,
                job=job,
                facilitator=facilitator,
                conflicts=conflicts,
                asked_at=timezone.now(),
            )
    except IntegrityError:
        # Two requests at once: the partial unique constraint keeps one.
        return FitQuestion.objects.get(
            participant=participant, job=job, status=FitQuestionStatus.OPEN
        )
    audit_record(
        actor=actor,
        action=FIT_REVIEW_ACTION,
        target=participant,
        details={"job": job.pk, "question": question.pk},
    )
    link = reverse("placements:apply", args=[job.pk]) + f"?participant={participant.pk}"
    email_on_commit(
        f"{EMAILS}/fit_review_request",
        {
            "participant": participant.display_name,
            "job": job.title,
            "employer": job.employer.display_name,
            "link": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + link,
        },
        recipients=[(facilitator.email, facilitator.preferred_language)],
    )
    return question


@transaction.atomic
def fit_question_answer(*, question: FitQuestion, actor: User, answer: str) -> FitQuestion:
    """Caseload staff (admins: anyone's) answer a participant's question about a job in
    a few words the participant reads on the job page ("Your officer says no work in
    Kansas. Let's look at the warehouse job instead."). Audited (without the answer's
    text: it may speak of the supervision terms).

    Raises NotFoundError for anyone else, InvalidInputError (field "answer") for an
    empty or too long answer, InvalidTransition (409) for a question already closed."""
    question = (
        FitQuestion.objects.select_for_update(of=("self",))
        .select_related("participant")
        .get(pk=question.pk)
    )
    if not permissions.can_answer_fit_question(actor, question):
        raise NotFoundError(_("This participant is not on your caseload."))
    answer = (answer or "").strip()
    if not answer:
        raise field_error("answer", _("Write a short answer for the participant."))
    if len(answer) > ANSWER_MAX_LENGTH:
        raise field_error(
            "answer",
            _("Keep the answer under %(count)d characters.") % {"count": ANSWER_MAX_LENGTH},
        )
    transition_to(
        question,
        FitQuestionStatus.ANSWERED,
        message=_("This question was already answered."),
    )
    question.answer = answer
    question.answered_at = timezone.now()
    question.answered_by = actor
    question.save(update_fields=["status", "answer", "answered_at", "answered_by"])
    audit_record(
        actor=actor,
        action="application.fit_question_answered",
        target=question.participant,
        details={"job": question.job_id, "question": question.pk},
    )
    return question


def fit_questions_close_applied(*, application: Application, actor: User) -> int:
    """Staff applied with the participant: their open question about this job is
    answered by the application (called inside `application_submit`'s transaction).
    Returns how many were closed (0 or 1)."""
    closed = FitQuestion.objects.filter(
        participant=application.participant_id,
        job=application.job_id,
        status=FitQuestionStatus.OPEN,
    ).update(
        status=FitQuestionStatus.APPLIED,
        application=application,
        answered_at=timezone.now(),
        answered_by=actor,
    )
    if closed:
        audit_record(
            actor=actor,
            action="application.fit_question_answered",
            target=application.participant,
            details={"job": application.job_id, "application": application.pk},
        )
    return closed
