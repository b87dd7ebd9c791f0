from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from placements.applications import rules
from placements.applications.rules import HOURS_IN_A_YEAR, WotcEstimate
from portal.core.exceptions import ApplicationError
from portal.core.forms import DateInput, show_error_on_form
from portal.core.geo import zip_location
from portal.core.models import HelpKind


class TaxCreditEstimatorForm(forms.Form):
    """The tax-credit estimator: a GET form, so it works without JavaScript and a result
    can be bookmarked or shared."""

    hours = forms.DecimalField(
        label=_("Hours the person will work in the first year"),
        min_value=Decimal("0"),
        max_value=HOURS_IN_A_YEAR,
        decimal_places=2,
        help_text=_("Full time for a year is about 2,080 hours."),
    )
    wages = forms.DecimalField(
        label=_("Wages in the first year, in dollars"),
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        help_text=_("Before taxes. For example: 31200"),
    )
    start_date = forms.DateField(
        label=_("First day of work"),
        required=False,
        help_text=_("Optional. Year-month-day, for example 2026-03-02. Empty means today."),
        widget=DateInput(),
    )

    def estimate(self) -> WotcEstimate | None:
        if not self.is_valid():
            return None
        try:
            return rules.wotc_estimate(
                hours=self.cleaned_data["hours"],
                wages=self.cleaned_data["wages"],
                start_date=self.cleaned_data.get("start_date"),
            )
        except ApplicationError as error:
            show_error_on_form(self, error)
            return None

    @staticmethod
    def credit_end_date():
        return rules.wotc_end_date()


DISTANCE_CHOICES = [
    ("", _("Any distance")),
    ("5", _("Within 5 miles")),
    ("10", _("Within 10 miles")),
    ("25", _("Within 25 miles")),
    ("50", _("Within 50 miles")),
]


class ResourceSearchForm(forms.Form):
    """Search the resource directory: words, a category, and near a ZIP code."""

    q = forms.CharField(label=_("Words to look for"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Kind of help"),
        required=False,
        choices=[("", _("All kinds of help")), *HelpKind.choices],
    )
    zip_code = forms.CharField(
        label=_("Near ZIP code"),
        required=False,
        max_length=10,
        help_text=_("5 digits, for example 64106."),
    )
    miles = forms.ChoiceField(label=_("Distance"), required=False, choices=DISTANCE_CHOICES)

    def clean_zip_code(self):
        zip_code = self.cleaned_data["zip_code"].strip()
        if zip_code and zip_location(zip_code) is None:
            raise forms.ValidationError(_("This is not a known US ZIP code."))
        return zip_code


class SiteSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the website"), max_length=100, strip=True)
