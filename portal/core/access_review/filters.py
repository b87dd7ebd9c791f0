"""The access review's filter (django-filter, so a bad value is refused with a message
next to its field): the staff member and the days. The FilterSet parses; the selector
counts."""

import django_filters
from django.utils.translation import gettext_lazy as _

from portal.core.access_review.selectors import AccessReviewFilters
from portal.core.forms import DateInput, StaffChoiceField
from portal.core.models import AccessLog
from portal.core.selectors import staff_members


class StaffFilter(django_filters.ModelChoiceFilter):
    field_class = StaffChoiceField


class AccessReviewFilter(django_filters.FilterSet):
    """`viewer` (a staff member's id), `date_from` and `date_to` (ISO dates)."""

    viewer = StaffFilter(
        label=_("Staff member"), queryset=lambda request: staff_members(), empty_label=_("Anyone")
    )
    date_from = django_filters.DateFilter(label=_("From"), widget=DateInput, method="keep")
    date_to = django_filters.DateFilter(label=_("Until"), widget=DateInput, method="keep")

    class Meta:
        model = AccessLog
        fields: list[str] = []

    def keep(self, queryset, name, value):
        # The selector applies the dates (in the program's time zone).
        return queryset

    def is_valid(self) -> bool:
        valid = super().is_valid()
        data = self.form.cleaned_data if valid else {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.form.add_error("date_to", _("Choose a day on or after the first day."))
            return False
        return valid

    def review_filters(self) -> AccessReviewFilters:
        """The valid answers as the selector's filters (call after `is_valid()`)."""
        data = self.form.cleaned_data
        viewer = data.get("viewer")
        return AccessReviewFilters(
            viewer_id=viewer.pk if viewer else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
