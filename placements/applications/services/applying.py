"""Applying to a job: by the participant, or by staff with the participant's agreement.
A job that breaks the person's supervision terms or travel limits (issue 14) needs their
caseload staff, who confirm with a note; the participant can ask them for it.

The question is a row (`FitQuestion`) the facilitator sees on their dashboard until
they apply together (`application_submit` closes it) or answer it."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import JobPosting, JobStatus, VettingStatus
from jobseekers.models import ConsentKind, Participant, ResumeVersion
from jobseekers.permissions import is_on_caseload_of, is_self
from jobseekers.selectors import consent_in_force
from jobseekers.services import consent_set
from placements.applications import permissions
from placements.applications.exceptions import (
    CannotApplyError,
    JobDoesNotFitError,
    field_error,
)
from placements.applications.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    FitQuestion,
    FitQuestionStatus,
)
from placements.applications.panels import program_counts_changed
from placements.applications.selectors import active_application_exists, consent_snapshot
from placements.matching.fit import conflict_texts, job_fit_conflicts
from portal.core.audit import audit_record
from portal.core.emails import email_on_commit
from portal.core.exceptions import NotFoundError
from portal.core.models import User
from portal.core.transitions import transition_to

from ._common import EMAILS, notify_participant_side

FIT_NOTE_MAX_LENGTH = 1000


@transaction.atomic
def application_submit(
    *,
    participant: Participant,
    job: JobPosting,
    resume_version: ResumeVersion,
    actor: User,
    share_profile: bool,
    share_record_summary: bool | None = None,
    participant_agreed: bool = False,
    cover_note: str = "",
    fit_confirmed: bool = False,
    fit_note: str = "",
) -> Application:
    """Send an application to an open job of an approved employer.

    The actor is the participant, or their caseload staff, who must confirm that the
    participant agreed (`participant_agreed`). Sharing the profile and résumé with the
    employer (`share_profile`) is required: an employer cannot consider someone it cannot
    see; the consent is recorded if it was not in force. `share_record_summary`, when
    given, records that consent's new state (it applies to every application). The
    application keeps the résumé version and a copy of the consents in force.

    A job that breaks the person's supervision terms or travel limits (curfew, travel
    area, transport, an employer not taking people on parole or probation: the matching
    engine's own rules, `placements.matching.fit`) needs caseload staff, who confirm it
    (`fit_confirmed`) with a note (`fit_note`); the application keeps both and an audit
    event records them.

    Raises NotFoundError for a participant outside the actor's caseload, CannotApplyError
    (409) for a job that is not open, an employer not approved, or an active application
    already, JobDoesNotFitError (400) for such a job applied to by the participant alone
    (field "job") or by staff without the confirmation or the note, and InvalidInputError
    for a résumé of someone else or a missing agreement.
    """
    if not (is_self(actor, participant) or is_on_caseload_of(actor, participant)):
        raise NotFoundError(_("This participant is not on your caseload."))
    job = (
        JobPosting.objects.select_for_update(of=("self",)).select_related("employer").get(pk=job.pk)
    )
    if job.employer.status != VettingStatus.APPROVED:
        raise CannotApplyError(_("This employer is not taking applications through the program."))
    if job.status != JobStatus.OPEN:
        raise CannotApplyError(
            _("This job is not open for applications (it is “%(status)s”).")
            % {"status": job.get_status_display()}
        )
    if resume_version.resume.participant_id != participant.pk:
        raise field_error("resume", _("Choose one of this participant's résumés."))
    staff_applying = not is_self(actor, participant)
    if staff_applying and not participant_agreed:
        raise field_error(
            "participant_agreed",
            _("Confirm that the participant agreed to apply to this job."),
        )
    if not share_profile:
        raise field_error(
            "share_profile",
            _("The employer needs to see the résumé to consider the application. Tick the box."),
        )
    if active_application_exists(participant=participant, job_id=job.pk):
        raise CannotApplyError(_("There is already an application to this job for this person."))
    conflicts = job_fit_conflicts(participant=participant, job=job, viewer=actor)
    fit_note = (fit_note or "").strip()
    if conflicts:
        _check_fit_confirmation(
            participant=participant,
            conflicts=conflicts,
            staff_applying=staff_applying,
            fit_confirmed=fit_confirmed,
            fit_note=fit_note,
        )

    kind = ConsentKind.SHARE_PROFILE_WITH_APPLIED_EMPLOYERS
    if not consent_in_force(participant=participant, kind=kind):
        consent_set(participant=participant, actor=actor, kind=kind, given=True)
    record_kind = ConsentKind.SHARE_RECORD_SUMMARY
    if share_record_summary is not None and share_record_summary != consent_in_force(
        participant=participant, kind=record_kind
    ):
        consent_set(
            participant=participant, actor=actor, kind=record_kind, given=share_record_summary
        )

    now = timezone.now()
    try:
        with transaction.atomic():
            application = Application.objects.create(
                participant=participant,
                job=job,
                employer=job.employer,
                resume_version=resume_version,
                consents_at_application=consent_snapshot(participant=participant),
                status=ApplicationStatus.SUBMITTED,
                status_changed_at=now,
                cover_note=(cover_note or "").strip()[:1500],
                applied_by=actor,
                participant_agreed_at=now,
                fit_conflicts=conflicts,
                fit_note=fit_note[:FIT_NOTE_MAX_LENGTH] if conflicts else "",
            )
    except IntegrityError as error:
        # Two requests at once: the partial unique constraint keeps one.
        raise CannotApplyError(
            _("There is already an application to this job for this person.")
        ) from error
    ApplicationEvent.objects.create(
        application=application, from_status="", to_status=ApplicationStatus.SUBMITTED, actor=actor
    )
    audit_record(
        actor=actor,
        action="application.submitted",
        target=application,
        details={"job": job.pk, "by_staff": staff_applying, "resume_version": resume_version.pk},
    )
    if conflicts:
        # Which rules, not the times or places behind them, and that a note was written,
        # not the note (it speaks of the supervision terms, "what the officer said"): the
        # audit trail keeps no supervision details nor free text (portal.core.audit);
        # the application keeps both for caseload staff.
        audit_record(
            actor=actor,
            action="application.fit_confirmed",
            target=application,
            details={
                "job": job.pk,
                "conflicts": [f"{item['rule']}:{item['code']}" for item in conflicts],
                "note_written": bool(application.fit_note),
                "note_length": len(application.fit_note),
            },
        )
    if staff_applying:
        # Applying together answers the participant's question about this job.
        fit_questions_close_applied(application=application, actor=actor)
    notify_participant_side(
        participant=participant,
        email="application_sent",
        context={"job": job.title, "employer": job.employer.display_name},
    )
    return application


def _facilitator_name(participant: Participant) -> str:
    facilitator = participant.facilitator
    if facilitator is None:
        return ""
    return facilitator.get_full_name() or facilitator.username


def _check_fit_confirmation(
    *,
    participant: Participant,
    conflicts: list[dict],
    staff_applying: bool,
    fit_confirmed: bool,
    fit_note: str,
) -> None:
    """Refuse a job that does not fit unless caseload staff confirm it with a note."""
    why = " ".join(conflict_texts(conflicts))
    if not staff_applying:
        name = _facilitator_name(participant)
        ask = (
            _("Ask %(name)s, your facilitator, to look at it with you.") % {"name": name}
            if name
            else _("Ask your job club staff to look at it with you.")
        )
        message = " ".join(
            [
                _(
                    "This job does not fit your supervision terms or travel limits, so you "
                    "cannot apply to it on your own."
                ),
                why,
                ask,
            ]
        )
        raise JobDoesNotFitError(message, fields={"job": [message]})
    fields = {}
    if not fit_confirmed:
        fields["fit_confirmed"] = [
            _(
                "This job does not fit %(name)s's supervision terms or travel limits: %(why)s "
                "Tick the box to confirm you checked it with them."
            )
            % {"name": participant.display_name, "why": why}
        ]
    if not fit_note:
        fields["fit_note"] = [
            _("Write why applying is all right anyway (for example, what the officer said).")
        ]
    elif len(fit_note) > FIT_NOTE_MAX_LENGTH:
        fields["fit_note"] = [
            _("Keep the note under %(count)d characters.") % {"count": FIT_NOTE_MAX_LENGTH}
        ]
    if fields:
        raise JobDoesNotFitError(next(iter(fields.values()))[0], fields=fields)


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
    program_counts_changed()
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
    program_counts_changed()
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
        program_counts_changed()
        audit_record(
            actor=actor,
            action="application.fit_question_answered",
            target=application.participant,
            details={"job": application.job_id, "application": application.pk},
        )
    return closed
