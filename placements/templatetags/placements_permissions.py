"""Template tags that answer "may this user do this here?" with the placements areas'
predicates, for pages rendered outside placements (an employer's job or fair page), so
that no template re-derives a rule:

    {% load placements_permissions %}
    {% can_apply_to request.user job as may_apply %}
"""

from django import template

from placements.applications import permissions as application_rules
from placements.fairs import permissions as fair_rules

register = template.Library()


@register.simple_tag
def can_apply_to(user, job) -> bool:
    return application_rules.can_apply_to(user, job)


@register.simple_tag
def can_rsvp(user, fair) -> bool:
    return fair_rules.can_rsvp(user, fair)


@register.simple_tag
def can_see_attendees_with(booth) -> bool:
    return fair_rules.can_see_attendees_with(booth)
