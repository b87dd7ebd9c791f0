"""Résumés: create, save (a new version each time), staff comments."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.audit import audit_record
from portal.core.exceptions import ApplicationError, NotFoundError
from portal.core.geo import zip_location
from portal.core.models import User
from portal.core.transitions import InvalidTransition

from .. import rules
from ..models import (
    EducationKind,
    ExperienceKind,
    Participant,
    Resume,
    ResumeComment,
    ResumeVersion,
)
from ..permissions import can_comment_on_resume, can_edit, can_edit_resume, can_resolve_comment
from ._common import _full_clean, normalize_us_phone

RESUME_TEXT_FIELDS = (
    "title",
    "contact_phone",
    "contact_email",
    "contact_city",
    "summary",
    "skills",
    "references",
)
ENTRY_SHAPES = {
    "experience": (
        ("kind", ExperienceKind, 0),
        ("title", None, 100),
        ("employer", None, 150),
        ("start", None, 20),
        ("end", None, 20),
        ("details", None, 1000),
    ),
    "education": (
        ("kind", EducationKind, 0),
        ("school", None, 150),
        ("year", None, 20),
        ("details", None, 500),
    ),
    "certifications": (("name", None, 150), ("year", None, 20)),
}


def _clean_entries(section: str, entries) -> list[dict]:
    cleaned = []
    for index, entry in enumerate(entries or []):
        if not isinstance(entry, dict):
            raise ApplicationError(
                _("Please correct the errors below."), fields={section: [_("Invalid entry.")]}
            )
        row = {}
        for key, choices, max_length in ENTRY_SHAPES[section]:
            value = str(entry.get(key) or "").strip()
            if choices is not None:
                if value not in choices.values:
                    raise ApplicationError(
                        _("Please correct the errors below."),
                        fields={f"{section}.{index}.{key}": [_("Choose from the list.")]},
                    )
            elif len(value) > max_length:
                raise ApplicationError(
                    _("Please correct the errors below."),
                    fields={
                        f"{section}.{index}.{key}": [
                            _("Use at most %(count)d characters.") % {"count": max_length}
                        ]
                    },
                )
            row[key] = value
        if any(value for key, value in row.items() if key != "kind"):
            cleaned.append(row)
    if len(cleaned) > rules.resume_max_entries():
        raise ApplicationError(
            _("Please correct the errors below."),
            fields={
                section: [
                    _("Keep the most recent %(count)d.") % {"count": rules.resume_max_entries()}
                ]
            },
        )
    return cleaned


def resume_snapshot(resume: Resume) -> dict:
    """What a version keeps and the PDF prints: the résumé's own sections, nothing else
    about the person (never record or supervision data)."""
    return {
        "title": resume.title,
        "name": resume.participant.display_name,
        "contact_phone": resume.contact_phone,
        "contact_email": resume.contact_email,
        "contact_city": resume.contact_city,
        "summary": resume.summary,
        "experience": resume.experience,
        "education": resume.education,
        "certifications": resume.certifications,
        "skills": resume.skills,
        "references": resume.references if resume.include_references else "",
    }


def _new_version(resume: Resume, actor: User) -> ResumeVersion:
    last = resume.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return ResumeVersion.objects.create(
        resume=resume, number=last + 1, content=resume_snapshot(resume), created_by=actor
    )


@transaction.atomic
def resume_create(*, participant: Participant, actor: User, title: str) -> Resume:
    """Start a résumé, with the contact section filled from the profile (city from the
    ZIP code, never a street address), and save version 1."""
    if not (can_edit(actor, participant) or participant.user_id == actor.pk):
        raise NotFoundError()
    location = zip_location(participant.zip_code) if participant.zip_code else None
    resume = Resume(
        participant=participant,
        title=(title or "").strip(),
        contact_phone=participant.phone,
        contact_email=participant.email,
        contact_city=f"{location.city}, {location.state}" if location else "",
    )
    _full_clean(resume, exclude=["participant"])
    resume.save()
    _new_version(resume, actor)
    audit_record(actor=actor, action="resume.created", target=resume)
    return resume


@transaction.atomic
def resume_save(*, resume: Resume, actor: User, **content) -> ResumeVersion:
    """Save the résumé's sections (only those given) and make a new version, which is
    what applications will keep. Raises ApplicationError for too-long fields, unknown
    kinds or too many entries; nothing is saved then."""
    if not can_edit_resume(actor, resume):
        raise NotFoundError()
    allowed = {*RESUME_TEXT_FIELDS, *ENTRY_SHAPES, "include_references"}
    unknown = set(content) - allowed
    if unknown:
        raise TypeError(f"Unknown résumé fields: {sorted(unknown)}")
    resume = Resume.objects.select_for_update().select_related("participant").get(pk=resume.pk)
    for name in RESUME_TEXT_FIELDS:
        if name in content and content[name] is not None:
            setattr(resume, name, str(content[name]).strip())
    if "contact_phone" in content:
        resume.contact_phone = normalize_us_phone(resume.contact_phone, field="contact_phone")
    for section in ENTRY_SHAPES:
        if section in content and content[section] is not None:
            setattr(resume, section, _clean_entries(section, content[section]))
    if content.get("include_references") is not None:
        resume.include_references = bool(content["include_references"])
    _full_clean(resume, exclude=["participant"])
    resume.save()
    version = _new_version(resume, actor)
    audit_record(
        actor=actor,
        action="resume.saved",
        target=resume,
        details={"version": version.number, "fields": sorted(content)},
    )
    return version


@transaction.atomic
def resume_comment_add(*, resume: Resume, actor: User, section: str, text: str) -> ResumeComment:
    """Staff leave a comment on a section for the participant to read and resolve."""
    if not can_comment_on_resume(actor, resume):
        raise NotFoundError()
    comment = ResumeComment(resume=resume, section=section, text=(text or "").strip(), author=actor)
    _full_clean(comment, exclude=["resume", "author", "resolved_by"])
    comment.save()
    audit_record(
        actor=actor, action="resume.comment_added", target=resume, details={"section": section}
    )
    return comment


@transaction.atomic
def resume_comment_resolve(*, comment: ResumeComment, actor: User) -> ResumeComment:
    """Mark a comment done (the participant or staff). Resolving twice is refused."""
    if not can_resolve_comment(actor, comment):
        raise NotFoundError()
    comment = ResumeComment.objects.select_for_update().get(pk=comment.pk)
    if comment.resolved_at is not None:
        raise InvalidTransition(_("This comment is already resolved."), code="invalid_transition")
    comment.resolved_at = timezone.now()
    comment.resolved_by = actor
    comment.save(update_fields=["resolved_at", "resolved_by"])
    audit_record(actor=actor, action="resume.comment_resolved", target=comment.resume)
    return comment
