"""List filters of the participants pages and API (django-filter), so that a bad value is
refused with a message on its parameter (a 400 in the API, the error next to the filter
on the page) instead of being dropped, and the API schema lists each parameter.

The FilterSet parses; `selectors.caseload_filter` does the narrowing, the same for the
page, the API and the placements areas that search a caseload."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.forms import DateInput
from portal.core.permissions import is_program_admin
from portal.core.selectors import staff_members

from .forms import StaffChoiceField
from .models import Participant, ParticipantStatus
from .selectors import CaseloadFilters, caseload_filter


class CheckboxFilter(django_filters.BooleanFilter):
    """A box to tick: ticked ("on", "true", "1") narrows the list; unticked or absent
    does not (a NullBooleanField would read "on" as unknown)."""

    field_class = forms.BooleanField


class StaffFilter(django_filters.ModelChoiceFilter):
    """A staff member by id, shown by name."""

    field_class = StaffChoiceField


class CaseloadFilter(django_filters.FilterSet):
    """`search` (words of a name or the phone), `status`, `facilitator` (admins only: a
    staff member's id), `released_from`, `released_to` (dates), `missing_id` and
    `no_resume` (boxes) of the caseload list."""

    search = django_filters.CharFilter(label=_("Name or phone"), max_length=100)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ParticipantStatus.choices, empty_label=_("Any status")
    )
    facilitator = StaffFilter(
        label=_("Facilitator"),
        queryset=lambda request: staff_members(),
        empty_label=_("Any"),
    )
    released_from = django_filters.DateFilter(
        label=_("Released from"), field_name="release_date", widget=DateInput
    )
    released_to = django_filters.DateFilter(
        label=_("Released until"), field_name="release_date", widget=DateInput
    )
    missing_id = CheckboxFilter(label=_("Missing ID documents"))
    no_resume = CheckboxFilter(label=_("No résumé yet"))

    class Meta:
        model = Participant
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, user=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        user = user if user is not None else getattr(request, "user", None)
        # Only an admin sees every caseload, so only an admin filters by facilitator;
        # anyone else's `facilitator` parameter is ignored, as it always was.
        if user is None or not is_program_admin(user):
            del self.filters["facilitator"]

    def caseload_filters(self) -> CaseloadFilters:
        """The valid answers as the selector's filters (call after `is_valid()`)."""
        data = self.form.cleaned_data
        facilitator = data.get("facilitator")
        return CaseloadFilters(
            search=data.get("search") or "",
            status=data.get("status") or "",
            facilitator_id=facilitator.pk if facilitator else None,
            released_from=data.get("released_from"),
            released_to=data.get("released_to"),
            missing_id=bool(data.get("missing_id")),
            no_resume=bool(data.get("no_resume")),
        )

    def filter_queryset(self, queryset):
        if self.form.errors:
            return queryset.none()
        return caseload_filter(participants=queryset, filters=self.caseload_filters())
