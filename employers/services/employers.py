"""Employers: sign-up, email verification, members, the hiring policy, vetting."""

import re
from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from employers import rules
from employers.exceptions import InvalidEinError, InvalidTokenError
from employers.hooks import jobs_changed
from employers.models import (
    BackgroundCheckTiming,
    Employer,
    EmployerInvitation,
    EmployerMembership,
    HiringPolicy,
    Industry,
    JobStatus,
    OffenseRule,
    PolicyDecision,
    PolicyPart,
    PolicyReason,
    RecordStage,
    VettingDecision,
    VettingStatus,
)
from employers.permissions import can_invite_members, can_vet_employers, is_member_of
from employers.search_cache import job_search_outdate
from employers.selectors import employer_member_recipients
from employers.services._common import absolute, full_clean_or_error, move
from portal.core.audit import audit_record
from portal.core.emails import email_on_commit
from portal.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from portal.core.geo import zip_location_or_error
from portal.core.models import OffenseCategory, Role, User
from portal.core.services import user_create

EIN_PATTERN = re.compile(r"^(\d{2})-?(\d{7})$")
# EIN prefixes the IRS has never assigned (IRS, "How EINs are assigned and valid EIN prefixes").
INVALID_EIN_PREFIXES = frozenset(
    {
        "00",
        "07",
        "08",
        "09",
        "17",
        "18",
        "19",
        "28",
        "29",
        "49",
        "69",
        "70",
        "78",
        "79",
        "89",
        "96",
        "97",
    }
)
VERIFY_SALT = "employers.verify-email"
INVITE_SALT = "employers.invitation"


def ein_normalize(ein: str) -> str:
    """'12-3456789' from '123456789' or '12-3456789'. Raises InvalidEinError."""
    match = EIN_PATTERN.match((ein or "").strip())
    if match is None or match.group(1) in INVALID_EIN_PREFIXES:
        raise InvalidEinError(
            _("Enter the 9-digit EIN (Employer Identification Number), like 12-3456789."),
            fields={"ein": [_("This is not a valid EIN.")]},
        )
    return f"{match.group(1)}-{match.group(2)}"


@dataclass
class EmployerDetails:
    legal_name: str
    display_name: str
    ein: str
    street: str
    city: str
    state: str
    zip_code: str
    industry: str
    employee_count: int
    phone: str
    website: str = ""


def _validated_details(details: EmployerDetails, *, exclude_pk: int | None = None) -> dict:
    ein = ein_normalize(details.ein)
    if Employer.objects.filter(ein=ein).exclude(pk=exclude_pk).exists():
        raise ConflictError(
            _("An organization with this EIN is already signed up. Ask its owner to invite you."),
            code="ein_taken",
            fields={"ein": [_("This EIN is already signed up.")]},
        )
    location = zip_location_or_error(details.zip_code, field="zip_code")
    if location.state != details.state:
        raise ApplicationError(
            _("The ZIP code is not in the state you chose."),
            code="invalid_zip",
            fields={"zip_code": [_("This ZIP code is in %(state)s.") % {"state": location.state}]},
        )
    if details.industry not in Industry.values:
        raise ApplicationError(_("Choose an industry."), fields={"industry": [_("Choose one.")]})
    return {**details.__dict__, "ein": ein, "zip_code": details.zip_code.strip()}


def _send_verification(user: User, *, site_url: str) -> None:
    """The link that turns on a new owner's account, in the language they signed up in
    (the active one)."""
    token = signing.dumps(user.pk, salt=VERIFY_SALT)
    email_on_commit(
        "employers/email/email_confirm",
        {
            "name": user.first_name or user.username,
            "link": absolute(site_url, reverse("employers:verify-email", args=[token])),
        },
        recipients=[(user.email, None)],
    )


@transaction.atomic
def employer_sign_up(
    *,
    details: EmployerDetails,
    username: str,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    site_url: str,
) -> Employer:
    """Create an employer (pending vetting), its default hiring policy and its owner, an
    `employer` user who can sign in once their email is confirmed through the link we
    email. Raises InvalidEinError, ApplicationError (ZIP, password, username) or
    ConflictError (EIN or email in use); nothing is saved then."""
    if not email:
        raise ApplicationError(
            _("Enter your email: we send a link to confirm it."),
            fields={"email": [_("This field is required.")]},
        )
    employer = Employer(**_validated_details(details))
    full_clean_or_error(employer)
    user = user_create(
        username=username,
        role=Role.EMPLOYER,
        password=password,
        email=email,
        first_name=first_name,
        last_name=last_name,
        actor=None,
    )
    user.is_active = False
    user.save(update_fields=["is_active"])
    employer.save()
    HiringPolicy.objects.create(employer=employer)
    EmployerMembership.objects.create(user=user, employer=employer, is_owner=True)
    audit_record(actor=user, action="employer.signed_up", target=employer)
    _send_verification(user, site_url=site_url)
    return employer


@transaction.atomic
def employer_email_verify(*, token: str) -> User:
    """Turn on the account of the signed link `token` (idempotent). Raises
    InvalidTokenError for a forged or expired link."""
    try:
        user_pk = signing.loads(
            token, salt=VERIFY_SALT, max_age=rules.email_verification_max_age_seconds()
        )
    except signing.BadSignature as error:
        raise InvalidTokenError() from error
    user = User.objects.select_for_update().filter(pk=user_pk, role=Role.EMPLOYER).first()
    if user is None:
        raise InvalidTokenError()
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_record(actor=user, action="employer.email_verified", target=user)
    return user


@transaction.atomic
def employer_update(*, employer: Employer, details: EmployerDetails, actor: User) -> Employer:
    """Change an organization's details (its members or staff)."""
    if not (is_member_of(actor, employer) or can_vet_employers(actor)):
        raise PermissionDeniedError()
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    for name, value in _validated_details(details, exclude_pk=employer.pk).items():
        setattr(employer, name, value)
    full_clean_or_error(employer)
    employer.save()
    audit_record(actor=actor, action="employer.updated", target=employer)
    # The search shows the employer's name on each of its jobs.
    transaction.on_commit(job_search_outdate)
    return employer


@transaction.atomic
def employer_resubmit(*, employer: Employer, actor: User) -> Employer:
    """After staff asked for changes, a member sends the organization back for review."""
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    if not is_member_of(actor, employer):
        raise PermissionDeniedError()
    move(employer, VettingStatus.PENDING)
    employer.save(update_fields=["status"])
    audit_record(actor=actor, action="employer.resubmitted", target=employer)
    return employer


@dataclass
class RuleInput:
    decision: str
    years: int | None = None
    reason: str = ""


def _validated_rules(rules_by_category: dict[str, RuleInput]) -> dict[str, RuleInput]:
    errors: dict[str, list[str]] = {}
    for category, rule in rules_by_category.items():
        if category not in OffenseCategory.values or rule.decision not in PolicyDecision.values:
            errors[category] = [_("Choose one of the options.")]
        elif rule.decision == PolicyDecision.NOT_WITHIN_YEARS and not (rule.years or 0) >= 1:
            errors[f"{category}_years"] = [_("Enter the number of years (1 or more).")]
        elif rule.reason not in PolicyReason.values:
            errors[f"{category}_reason"] = [_("Choose a reason.")]
        if rule.decision != PolicyDecision.NOT_WITHIN_YEARS:
            rule.years = None
    if errors:
        raise ApplicationError(_("Please correct the errors below."), fields=errors)
    return rules_by_category


@transaction.atomic
def hiring_policy_update(
    *,
    employer: Employer,
    actor: User,
    rules_by_category: dict[str, RuleInput] | None = None,
    accepts_parole: bool | None = None,
    accepts_probation: bool | None = None,
    background_check_timing: str | None = None,
    record_visible_from: str | None = None,
    pledge_signer: str = "",
) -> HiringPolicy:
    """Save the employer's fair-chance policy, or one part of it (`PolicyPart`): a value
    left out (None) stays as it is, so the policy page saves each part on its own. The
    parts: one rule per offense category (when `rules_by_category` is given, a category
    left out of it is "considered"), supervision (parole, probation), the check timing
    and the stage from which a record may be seen, and the pledge (accepted now when
    `pledge_signer` is a new name). Each part given is marked answered.

    Raises ApplicationError for an unknown choice or "not within years" without years;
    nothing is saved then."""
    if not (is_member_of(actor, employer) or can_vet_employers(actor)):
        raise PermissionDeniedError()
    if (
        background_check_timing is not None
        and background_check_timing not in BackgroundCheckTiming.values
    ):
        raise ApplicationError(_("Choose when you run background checks."))
    if record_visible_from is not None and record_visible_from not in RecordStage.values:
        raise ApplicationError(_("Choose when you may see a record."))
    if rules_by_category is not None:
        rules_by_category = _validated_rules(rules_by_category)
    policy, _created = HiringPolicy.objects.select_for_update().get_or_create(employer=employer)
    answered = set(policy.parts_answered or [])
    for name, value in (
        ("accepts_parole", accepts_parole),
        ("accepts_probation", accepts_probation),
        ("background_check_timing", background_check_timing),
        ("record_visible_from", record_visible_from),
    ):
        if value is not None:
            setattr(policy, name, value)
    if accepts_parole is not None or accepts_probation is not None:
        answered.add(PolicyPart.SUPERVISION)
    if background_check_timing is not None or record_visible_from is not None:
        answered.add(PolicyPart.CHECKS)
    if pledge_signer.strip() and pledge_signer.strip() != policy.pledge_signer:
        policy.pledge_signer = pledge_signer.strip()[:200]
        policy.pledge_accepted_at = timezone.now()
    if rules_by_category is not None:
        answered.add(PolicyPart.OFFENSES)
    policy.parts_answered = [part for part in PolicyPart.values if part in answered]
    policy.save()
    if rules_by_category is not None:
        policy.rules.all().delete()
        OffenseRule.objects.bulk_create(
            OffenseRule(
                policy=policy,
                category=category,
                decision=rule.decision,
                years=rule.years,
                reason=rule.reason,
            )
            for category, rule in rules_by_category.items()
            if rule.decision != PolicyDecision.CONSIDERED or rule.reason
        )
    audit_record(
        actor=actor,
        action="employer.policy_updated",
        target=employer,
        details={
            "categories": sorted(rules_by_category or {}),
            "parts": policy.parts_answered,
        },
    )
    jobs_changed(job_ids=employer.jobs.filter(status=JobStatus.OPEN).values_list("pk", flat=True))
    return policy


@transaction.atomic
def employer_vet(*, employer: Employer, decision: str, note: str, actor: User) -> Employer:
    """Staff decide on an employer: approve (also reinstates a suspended one), reject,
    request changes or suspend, with a note the employer sees and gets by email. A note
    is required for anything but approval. Suspending hides the employer's jobs at once
    (public selectors show approved employers' jobs only).

    Raises PermissionDeniedError for non-staff, ApplicationError for an unknown decision
    or a missing note, InvalidTransition when the state does not allow it."""
    if not can_vet_employers(actor):
        raise PermissionDeniedError()
    if decision not in VettingDecision.ALL:
        raise ApplicationError(
            _("Choose approve, reject, request changes or suspend."),
            fields={"decision": [_("Choose a valid decision.")]},
        )
    note = (note or "").strip()
    if decision != VettingDecision.APPROVE and not note:
        raise ApplicationError(
            _("Write a note so the employer knows why."),
            fields={"note": [_("A note is required for this decision.")]},
        )
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    move(employer, VettingDecision.TARGET[decision])
    employer.vetting_note = note
    employer.vetted_at = timezone.now()
    employer.vetted_by = actor
    employer.save()
    audit_record(
        actor=actor,
        action="employer.vetted",
        target=employer,
        details={"decision": decision, "status": employer.status},
    )
    # Approving or suspending shows or hides the employer's open jobs at once.
    jobs_changed(job_ids=employer.jobs.filter(status=JobStatus.OPEN).values_list("pk", flat=True))
    email_on_commit(
        "employers/email/vetting_decided",
        # The state's label stays lazy: each member reads it in their own language.
        {
            "name": employer.display_name,
            "status": VettingStatus(employer.status).label,
            "note": note,
        },
        recipients=employer_member_recipients(employer_id=employer.pk),
        together=True,
    )
    return employer


@transaction.atomic
def member_invite(
    *, employer: Employer, email: str, actor: User, site_url: str
) -> EmployerInvitation:
    """An owner invites a colleague by email; the signed link lets them make their
    account. Raises PermissionDeniedError for non-owners, ConflictError for an email
    that already has an account."""
    if not can_invite_members(actor, employer):
        raise PermissionDeniedError(_("Only the organization's owner can invite members."))
    email = (email or "").strip().lower()
    if not email or "@" not in email:
        raise ApplicationError(
            _("Enter an email address."), fields={"email": [_("Enter a valid email.")]}
        )
    if User.objects.filter(email__iexact=email).exists():
        raise ConflictError(
            _("Someone with this email already has an account."),
            code="email_in_use",
            fields={"email": [_("This email is already in use.")]},
        )
    invitation = EmployerInvitation.objects.create(employer=employer, email=email, invited_by=actor)
    token = signing.dumps(invitation.pk, salt=INVITE_SALT)
    link = absolute(site_url, reverse("employers:invitation-accept", args=[token]))
    audit_record(actor=actor, action="employer.member_invited", target=employer)
    # The invited person has no account yet: they read the inviter's language.
    email_on_commit(
        "employers/email/member_invited",
        {
            "inviter": actor.get_full_name() or actor.username,
            "name": employer.display_name,
            "link": link,
        },
        recipients=[(email, None)],
    )
    return invitation


def invitation_from_token(token: str) -> EmployerInvitation:
    """The open invitation of a signed link. Raises InvalidTokenError."""
    try:
        pk = signing.loads(token, salt=INVITE_SALT, max_age=rules.invitation_max_age_seconds())
    except signing.BadSignature as error:
        raise InvalidTokenError() from error
    invitation = (
        EmployerInvitation.objects.select_related("employer")
        .filter(pk=pk, accepted_at=None)
        .first()
    )
    if invitation is None:
        raise InvalidTokenError()
    return invitation


@transaction.atomic
def invitation_accept(
    *, token: str, username: str, password: str, first_name: str, last_name: str
) -> User:
    """Make the invited person's account (active: the link proved the email) and its
    membership. Raises InvalidTokenError for a bad, old or used link."""
    invitation = invitation_from_token(token)
    invitation = EmployerInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvalidTokenError()
    user = user_create(
        username=username,
        role=Role.EMPLOYER,
        password=password,
        email=invitation.email,
        first_name=first_name,
        last_name=last_name,
        actor=None,
    )
    EmployerMembership.objects.create(user=user, employer=invitation.employer, is_owner=False)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(actor=user, action="employer.member_joined", target=invitation.employer)
    return user
