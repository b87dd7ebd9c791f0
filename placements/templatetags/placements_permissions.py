"""Template tags that answer "may this user do this here?" with the placements areas'
predicates, for pages rendered outside placements (an employer's job or fair page), so
that no template re-derives a rule:

    {% load placements_permissions %}
    {% can_apply_to request.user job as may_apply %}
"""

from django import template

from jobseekers.selectors import participant_for_user_account
from placements.applications import permissions as application_rules
from placements.fairs import permissions as fair_rules

register = template.Library()


@register.simple_tag
def can_apply_to(user, job) -> bool:
    return application_rules.can_apply_to(user, job)


@register.simple_tag
def can_rsvp(user, fair) -> bool:
    """A participant's own RSVP: the fair is open and they can attend it."""
    return fair_rules.can_rsvp(user, fair, _own_participant(user))


@register.simple_tag
def rsvp_refusal(user, fair) -> str:
    """Why a signed-in participant cannot go to this fair ("" if they can, or for
    anyone else), shown where the RSVP button would be."""
    participant = _own_participant(user)
    refusal = None if participant is None else fair_rules.attend_refusal(participant, fair)
    return str(refusal.message) if refusal is not None else ""


def _own_participant(user):
    return participant_for_user_account(user=user) if user.is_authenticated else None


@register.simple_tag
def can_see_attendees_with(booth) -> bool:
    return fair_rules.can_see_attendees_with(booth)
