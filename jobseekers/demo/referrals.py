"""Demo referrals: a few participants sent to the demo partner organisations (seeded by
portal.core), one follow-up overdue, one due today, one connected, one not connected, so
the dashboard, the digest and "My referrals" all have something to show. Added once."""

from datetime import timedelta

from django.utils import timezone

from portal.core.models import PartnerOrganisation

from ..models import Participant, Referral, ReferralNeed, ReferralStatus

# (first name, last name, organisation name, need, status, made days ago, reason)
DEMO_REFERRALS = [
    ("Pat", "Participant", "Northland Shelter House", ReferralNeed.HOUSING, "made", 9, ""),
    ("Pat", "Participant", "United Way 211", ReferralNeed.FOOD, "contacted", 7, ""),
    ("Marcus", "Johnson", "United Way 211", ReferralNeed.ID_DOCUMENTS, "connected", 20, ""),
    (
        "Rosa",
        "Hernández",
        "Midtown Reentry Housing",
        ReferralNeed.HOUSING,
        "not_connected",
        15,
        "No beds for women this month",
    ),
]


def seed_referrals(*, facilitator, today, follow_up_days: int) -> int:
    """Add the demo referrals that are missing; return how many were added."""
    added = 0
    for first, last, organisation_name, need, status, days_ago, reason in DEMO_REFERRALS:
        participant = Participant.objects.filter(first_name=first, last_name=last).first()
        organisation = PartnerOrganisation.objects.filter(name=organisation_name).first()
        if participant is None or organisation is None:
            continue
        if Referral.objects.filter(
            participant=participant, organisation=organisation, need=need
        ).exists():
            continue
        made_on = today - timedelta(days=days_ago)
        is_open = status in (ReferralStatus.MADE, ReferralStatus.CONTACTED)
        Referral.objects.create(
            participant=participant,
            organisation=organisation,
            need=need,
            note="Demo referral: ask for the reentry desk.",
            consent_to_share=True,
            consent_recorded_at=timezone.now() - timedelta(days=days_ago),
            status=status,
            reason=reason,
            made_on=made_on,
            follow_up_due_on=made_on + timedelta(days=follow_up_days) if is_open else None,
            last_followed_up_on=None if status == ReferralStatus.MADE else today,
            made_by=facilitator,
        )
        added += 1
    return added
