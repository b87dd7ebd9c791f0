"""Links the employment plan offers for a need it says is needed."""

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def url_if_exists(name: str, *args) -> str:
    """The URL named `name` with `args`, or "" when no such URL exists.

    The plan suggests a referral for a need in one click (issue 17), but the referral
    form (`jobseekers:referral-add`) is built on another branch (feat/referrals): until
    it is merged the name does not resolve and the plan shows only the support link.
    Once both are merged this tag can become a plain `{% url %}`."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
