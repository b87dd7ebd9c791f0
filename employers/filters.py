"""The query parameters of the employers' lists, as django-filter FilterSets: the page and
the API share them, a bad value is refused with a message naming its field (next to the
field on a page, a 400 in the API) instead of being dropped, and the API schema lists
them."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from employers.models import Employer, EmploymentType, JobPosting, ShiftPeriod, VettingStatus
from employers.rules import max_search_radius_miles
from employers.selectors import JobSearch

TRUE_WORDS = frozenset({"on", "true", "1", "yes", "y", "t"})
FALSE_WORDS = frozenset({"", "off", "false", "0", "no", "n", "f"})


def _is_yes(value) -> bool:
    return value is True or str(value).strip().lower() in TRUE_WORDS


class YesNoCheckbox(forms.CheckboxInput):
    """A check box that hands its field the raw value: Django's own turns any word
    (even "0") into True."""

    def __init__(self, attrs=None):
        super().__init__(attrs, check_test=_is_yes)

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class YesNoField(forms.BooleanField):
    """A check box on a page ("on"), and the usual yes/no words in an API query
    ("true", "0", ...); any other value is refused, not read as yes."""

    widget = YesNoCheckbox
    default_error_messages = {"invalid": forms.ChoiceField.default_error_messages["invalid_choice"]}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value is None or isinstance(value, bool):
            return bool(value)
        word = str(value).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise forms.ValidationError(
            self.error_messages["invalid"], code="invalid", params={"value": value}
        )


class YesNoFilter(django_filters.BooleanFilter):
    field_class = YesNoField


class WholeNumberFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


SORT_CHOICES = [("newest", _("Newest")), ("wage", _("Highest wage")), ("distance", _("Closest"))]


class JobSearchFilter(django_filters.FilterSet):
    """The public job search (/jobs/ and GET /api/v1/jobs/). This set only checks and
    cleans the parameters: `employers.selectors.job_search` builds the (tuned) query from
    `search()`, so `qs` is never used."""

    q = django_filters.CharFilter(label=_("Keywords"), max_length=100)
    zip = django_filters.CharFilter(label=_("Near ZIP code"), max_length=10)
    radius = WholeNumberFilter(
        label=_("Within (miles)"), min_value=1, max_value=max_search_radius_miles
    )
    shift = django_filters.ChoiceFilter(
        label=_("Shift"),
        choices=[*ShiftPeriod.choices, ("weekend", _("Weekend"))],
        empty_label=_("Any"),
    )
    transit = YesNoFilter(label=_("Only jobs on a bus line"))
    min_wage = django_filters.NumberFilter(
        label=_("Pays at least ($ an hour)"), min_value=0, max_digits=12, decimal_places=2
    )
    type = django_filters.ChoiceFilter(
        label=_("Type of job"), choices=EmploymentType.choices, empty_label=_("Any")
    )
    sort = django_filters.ChoiceFilter(label=_("Sort by"), choices=SORT_CHOICES, empty_label=None)

    class Meta:
        model = JobPosting
        fields = ["q", "zip", "radius", "shift", "transit", "min_wage", "type", "sort"]

    # On the page, `q` is the one search field; the others sit behind "Filters".
    KEYWORD_FIELD = "q"

    def filters_chosen(self) -> int:
        """How many filters besides the keywords the search asks for (the default sort
        does not count), so a closed "Filters" can say so."""
        if not self.is_bound:
            return 0
        return sum(
            1
            for name in self.form.fields
            if name != self.KEYWORD_FIELD
            and (self.data.get(name) or "").strip()
            and not (name == "sort" and self.data.get(name) == "newest")
        )

    def filters_have_errors(self) -> bool:
        """A refused filter value: "Filters" opens so its message shows next to it."""
        return self.is_bound and any(
            name != self.KEYWORD_FIELD for name in self.form.errors if name in self.form.fields
        )

    def search(self) -> JobSearch:
        """The selector's search from the cleaned parameters (call after `is_valid()`);
        the default search for an unbound set."""
        if not self.is_bound:
            return JobSearch()
        data = self.form.cleaned_data
        return JobSearch(
            keyword=data.get("q") or "",
            zip_code=(data.get("zip") or "").strip(),
            radius_miles=data.get("radius"),
            shift=data.get("shift") or "",
            transit_accessible=bool(data.get("transit")),
            minimum_wage=data.get("min_wage"),
            employment_type=data.get("type") or "",
            sort=data.get("sort") or "newest",
        )


class EmployerStatusFilter(django_filters.FilterSet):
    """Staff's list of every employer, by vetting state (`?status=`)."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=VettingStatus.choices, empty_label=_("Any")
    )

    class Meta:
        model = Employer
        fields = ["status"]
