"""List filters of the matching area (django-filter), shared by the candidates page and
the candidates API: a value the filter does not know is refused with a message next to
the filter (page) or a 400 naming it (API), and the API's filters appear in the OpenAPI
schema. Query names as always: `availability` and `readiness`."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placements.matching.models import MatchResult

AVAILABILITY_CHOICES = [("now", _("Available now")), ("pre_release", _("Pre-release"))]


class CandidateFilter(django_filters.FilterSet):
    """A job's candidates (`selectors.candidates_for_job`): `?availability=now` (out of
    prison today, or no release date), `?availability=pre_release` (released after
    today), `?readiness=<1-5>` (a work-readiness average of at least that, from the
    last matching run)."""

    availability = django_filters.ChoiceFilter(
        label=_("Available"),
        choices=AVAILABILITY_CHOICES,
        empty_label=_("Everyone"),
        method="filter_availability",
    )
    readiness = django_filters.NumberFilter(
        label=_("Lowest work-readiness average (1 to 5)"),
        min_value=1,
        max_value=5,
        method="filter_readiness",
        widget=forms.NumberInput(attrs={"step": "0.1"}),
    )

    class Meta:
        model = MatchResult
        fields: list[str] = []

    def filter_availability(self, queryset, name, value):
        today = timezone.localdate()
        if value == "now":
            return queryset.filter(
                Q(participant__release_date__isnull=True) | Q(participant__release_date__lte=today)
            )
        return queryset.filter(participant__release_date__gt=today)

    def filter_readiness(self, queryset, name, value):
        return queryset.filter(participant__match_run__readiness__gte=value)
