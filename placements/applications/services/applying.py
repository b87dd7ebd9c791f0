"""Applying to a job: by the participant, or by staff with the participant's agreement."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import JobPosting, JobStatus, VettingStatus
from jobseekers.models import ConsentKind, Participant, ResumeVersion
from jobseekers.permissions import is_on_caseload_of, is_self
from jobseekers.selectors import consent_in_force
from jobseekers.services import consent_set
from placements.applications.exceptions import CannotApplyError, field_error
from placements.applications.models import Application, ApplicationEvent, ApplicationStatus
from placements.applications.selectors import active_application_exists, consent_snapshot
from portal.core.audit import audit_record
from portal.core.exceptions import NotFoundError
from portal.core.models import User

from ._common import notify_participant_side


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
) -> Application:
    """Send an application to an open job of an approved employer.

    The actor is the participant, or their caseload staff, who must confirm that the
    participant agreed (`participant_agreed`). Sharing the profile and résumé with the
    employer (`share_profile`) is required: an employer cannot consider someone it cannot
    see; the consent is recorded if it was not in force. `share_record_summary`, when
    given, records that consent's new state (it applies to every application). The
    application keeps the résumé version and a copy of the consents in force.

    Raises NotFoundError for a participant outside the actor's caseload, CannotApplyError
    (409) for a job that is not open, an employer not approved, or an active application
    already, and InvalidInputError for a résumé of someone else or a missing agreement.
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
    notify_participant_side(
        participant=participant,
        email="application_sent",
        context={"job": job.title, "employer": job.employer.display_name},
    )
    return application
