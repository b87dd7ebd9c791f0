"""List filters of the transitional-jobs area (django-filter): a bad value is refused
with a message on its parameter (a 400 in the API) instead of being dropped, and the API
schema lists each parameter."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from placements.transitional.models import TimeEntry

# The message the API has always given for a bad filter value (clients show it).
BAD_VALUE = {"invalid": _("Use numbers and dates like 2026-03-02.")}


class IdFilter(django_filters.NumberFilter):
    """A row id: a whole number (NumberFilter alone would take 1.5)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, error_messages=BAD_VALUE, **kwargs)


class IsoDateFilter(django_filters.DateFilter):
    """A day written 2026-03-02, as everywhere in the API (not 03/02/2026, which reads
    differently in Spanish)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, input_formats=["%Y-%m-%d"], error_messages=BAD_VALUE, **kwargs)


class TimeEntryFilter(django_filters.FilterSet):
    """`worksite`, `participant` (ids), `work_date`, and the range `from`-`to` (ISO
    dates, both ends included) of the shifts list."""

    worksite = IdFilter(field_name="worksite_id")
    participant = IdFilter(field_name="participant_id")
    work_date = IsoDateFilter()

    class Meta:
        model = TimeEntry
        fields = []

    @classmethod
    def get_filters(cls):
        # "from" and "to" are Python keywords, so they cannot be declared as attributes.
        return {
            **super().get_filters(),
            "from": IsoDateFilter(field_name="work_date", lookup_expr="gte"),
            "to": IsoDateFilter(field_name="work_date", lookup_expr="lte"),
        }
