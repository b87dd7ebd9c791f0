import pytest
from django.core import mail, signing

from employers.exceptions import InvalidEinError, InvalidTokenError
from employers.models import (
    Employer,
    EmployerInvitation,
    EmployerMembership,
    PolicyDecision,
    RecordStage,
    VettingStatus,
)
from employers.selectors import employer_policy, open_jobs_public
from employers.services import (
    EmployerDetails,
    RuleInput,
    employer_email_verify,
    employer_resubmit,
    employer_sign_up,
    employer_vet,
    hiring_policy_update,
    invitation_accept,
    member_invite,
)
from employers.services.employers import ein_normalize
from portal.core.exceptions import ApplicationError, ConflictError, PermissionDeniedError
from portal.core.models import AuditEvent, OffenseCategory, User
from portal.core.transitions import InvalidTransition
from tests.factories.employers import EmployerFactory, JobFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_at_once")]

SITE = "http://testserver"


def details(**overrides) -> EmployerDetails:
    values = {
        "legal_name": "Blue Valley Builders LLC",
        "display_name": "Blue Valley Builders",
        "ein": "431234567",
        "street": "200 Grand Blvd",
        "city": "Kansas City",
        "state": "MO",
        "zip_code": "64106",
        "industry": "construction",
        "employee_count": 25,
        "phone": "816-555-0199",
        "website": "https://bluevalley.example.org",
    }
    values.update(overrides)
    return EmployerDetails(**values)


def sign_up(**overrides):
    return employer_sign_up(
        details=details(**overrides),
        username="bea",
        email="bea@bluevalley.example.org",
        password="a long enough password 1",
        first_name="Bea",
        last_name="Builder",
        site_url=SITE,
    )


def test_sign_up_creates_pending_employer_inactive_owner_and_sends_verification():
    employer = sign_up()

    assert employer.status == VettingStatus.PENDING
    assert employer.ein == "43-1234567"
    owner = User.objects.get(username="bea")
    assert owner.is_active is False
    assert owner.employer_membership.employer == employer
    assert owner.employer_membership.is_owner
    assert employer.hiring_policy.record_visible_from == RecordStage.INTERVIEWED
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bea@bluevalley.example.org"]
    assert f"{SITE}/employers/verify/" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="employer.signed_up").count() == 1


def test_verification_link_activates_the_account_once():
    sign_up()
    link = mail.outbox[0].body.split(f"{SITE}/employers/verify/")[1].split("/")[0]

    user = employer_email_verify(token=link)
    assert user.is_active
    assert employer_email_verify(token=link).is_active
    assert AuditEvent.objects.filter(action="employer.email_verified").count() == 1


def test_forged_verification_link_is_refused():
    sign_up()
    forged = signing.dumps(User.objects.get(username="bea").pk, salt="other")
    with pytest.raises(InvalidTokenError):
        employer_email_verify(token=forged)
    assert not User.objects.get(username="bea").is_active


@pytest.mark.parametrize("ein", ["12345", "00-1234567", "4312345678", "ab-cdefghi", ""])
def test_invalid_ein_is_refused_and_nothing_saved(ein):
    with pytest.raises(InvalidEinError) as error:
        sign_up(ein=ein)
    assert "ein" in error.value.fields
    assert not Employer.objects.exists()
    assert not User.objects.filter(username="bea").exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("zip_code", "state"), [("00000", "MO"), ("6410", "MO"), ("66101", "MO"), ("abcde", "KS")]
)
def test_invalid_or_wrong_state_zip_is_refused(zip_code, state):
    with pytest.raises(ApplicationError) as error:
        sign_up(zip_code=zip_code, state=state)
    assert "zip_code" in error.value.fields
    assert not Employer.objects.exists()


def test_ein_already_signed_up_is_a_conflict():
    EmployerFactory(ein="43-1234567")
    with pytest.raises(ConflictError):
        sign_up()
    assert not User.objects.filter(username="bea").exists()


def test_weak_password_saves_nothing():
    with pytest.raises(ApplicationError):
        employer_sign_up(
            details=details(),
            username="bea",
            email="bea@example.org",
            password="short",
            first_name="Bea",
            last_name="B",
            site_url=SITE,
        )
    assert not Employer.objects.exists()


def test_ein_normalize_accepts_both_forms():
    assert ein_normalize("43-1234567") == ein_normalize("431234567") == "43-1234567"


def test_staff_approve_emails_members_and_note_is_kept(staff_user):
    employer = sign_up()
    employer_vet(employer=employer, decision="approve", note="Welcome!", actor=staff_user)

    employer.refresh_from_db()
    assert employer.status == VettingStatus.APPROVED
    assert employer.vetting_note == "Welcome!"
    assert employer.vetted_by == staff_user
    # Inactive (unverified) members get no mail; verify first, then the decision mails.
    assert all("review" not in message.subject for message in mail.outbox)


def test_request_changes_needs_a_note_and_emails(staff_user, employer_user, employer):
    employer.status = VettingStatus.PENDING
    employer.save()
    with pytest.raises(ApplicationError) as error:
        employer_vet(employer=employer, decision="request_changes", note=" ", actor=staff_user)
    assert "note" in error.value.fields
    employer.refresh_from_db()
    assert employer.status == VettingStatus.PENDING

    employer_vet(
        employer=employer, decision="request_changes", note="Add your website.", actor=staff_user
    )
    employer.refresh_from_db()
    assert employer.status == VettingStatus.CHANGES_REQUESTED
    assert mail.outbox[-1].to == [employer_user.email]
    assert "Add your website." in mail.outbox[-1].body

    employer_resubmit(employer=employer, actor=employer_user)
    employer.refresh_from_db()
    assert employer.status == VettingStatus.PENDING


def test_vetting_transitions(staff_user, employer):
    # approved -> suspended -> approved; a rejected employer stays rejected.
    employer_vet(employer=employer, decision="suspend", note="Complaint", actor=staff_user)
    employer_vet(employer=employer, decision="approve", note="", actor=staff_user)
    employer.refresh_from_db()
    assert employer.status == VettingStatus.APPROVED
    with pytest.raises(InvalidTransition):
        employer_vet(employer=employer, decision="reject", note="No", actor=staff_user)

    employer.status = VettingStatus.REJECTED
    employer.save()
    with pytest.raises(InvalidTransition):
        employer_vet(employer=employer, decision="approve", note="", actor=staff_user)


def test_suspending_hides_jobs_at_once(staff_user, employer):
    job = JobFactory(employer=employer)
    assert job in open_jobs_public()
    employer_vet(employer=employer, decision="suspend", note="Complaint", actor=staff_user)
    assert job not in open_jobs_public()


def test_only_staff_vet(employer_user, employer):
    with pytest.raises(PermissionDeniedError):
        employer_vet(employer=employer, decision="suspend", note="x", actor=employer_user)


def test_unknown_decision_is_refused(staff_user, employer):
    with pytest.raises(ApplicationError):
        employer_vet(employer=employer, decision="maybe", note="x", actor=staff_user)


def test_policy_update_and_selector(employer_user, employer):
    hiring_policy_update(
        employer=employer,
        actor=employer_user,
        rules_by_category={
            OffenseCategory.THEFT_FRAUD: RuleInput(PolicyDecision.NOT_WITHIN_YEARS, 7, "law"),
            OffenseCategory.SEX_OFFENSE: RuleInput(PolicyDecision.NEVER, 3, "insurance"),
            OffenseCategory.DRUG: RuleInput(PolicyDecision.CONSIDERED),
        },
        accepts_parole=True,
        accepts_probation=False,
        background_check_timing="after_conditional_offer",
        record_visible_from=RecordStage.CONDITIONAL_OFFER,
        pledge_signer="Erin Employer",
    )
    policy = employer_policy(employer_id=employer.pk)
    assert policy.rules["theft_fraud"].decision == "not_within_years"
    assert policy.rules["theft_fraud"].years == 7
    assert policy.rules["sex_offense"].years is None
    assert policy.rules["violent"].decision == "considered"
    assert policy.accepts_probation is False
    assert policy.record_visible_from == "conditional_offer"
    employer.hiring_policy.refresh_from_db()
    assert employer.hiring_policy.pledge_accepted_at is not None


def test_policy_years_required_and_nothing_changed(employer_user, employer):
    with pytest.raises(ApplicationError) as error:
        hiring_policy_update(
            employer=employer,
            actor=employer_user,
            rules_by_category={"violent": RuleInput(PolicyDecision.NOT_WITHIN_YEARS, None)},
            accepts_parole=False,
            accepts_probation=True,
            background_check_timing="none",
            record_visible_from="interviewed",
        )
    assert "violent_years" in error.value.fields
    employer.hiring_policy.refresh_from_db()
    assert employer.hiring_policy.accepts_parole is True
    assert not employer.hiring_policy.rules.exists()


def test_policy_of_another_employer_is_refused(other_employer_user, employer):
    with pytest.raises(PermissionDeniedError):
        hiring_policy_update(
            employer=employer,
            actor=other_employer_user,
            rules_by_category={},
            accepts_parole=False,
            accepts_probation=False,
            background_check_timing="none",
            record_visible_from="interviewed",
        )


def test_owner_invites_member_who_accepts(employer_user, employer):
    member_invite(employer=employer, email="Sam@Example.org", actor=employer_user, site_url=SITE)
    assert mail.outbox[-1].to == ["sam@example.org"]
    token = mail.outbox[-1].body.split("/employers/invitations/")[1].split("/")[0]

    user = invitation_accept(
        token=token,
        username="sam",
        password="a long enough password 2",
        first_name="Sam",
        last_name="Member",
    )
    assert user.is_active
    assert user.employer_membership.employer == employer
    assert not user.employer_membership.is_owner
    with pytest.raises(InvalidTokenError):
        invitation_accept(
            token=token,
            username="sam2",
            password="a long enough password 2",
            first_name="",
            last_name="",
        )


def test_non_owner_cannot_invite(employer):
    member = EmployerMembership.objects.create(
        user=User.objects.create(username="mo", role="employer"), employer=employer, is_owner=False
    )
    with pytest.raises(PermissionDeniedError):
        member_invite(employer=employer, email="x@example.org", actor=member.user, site_url=SITE)
    assert not EmployerInvitation.objects.exists()
