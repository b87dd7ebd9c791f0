"""The report's filter form: a period (preset or custom dates) and the cuts of the
program (facilitator, release and enrolment cohorts, risk level, gender, ZIP area)."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from jobseekers.models import Gender, RiskLevel
from placements.outcomes import periods
from placements.outcomes.exceptions import InvalidPeriodError
from placements.outcomes.selectors import Scope
from portal.core.forms import DateInput
from portal.core.selectors import staff_members


def _cohort_field(label):
    # Any quarter of the program's years is accepted (the API and old links); the
    # picker offers the last three years.
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Select(),
        help_text=_("A quarter, like 2026-Q3."),
    )


class ReportFilterForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"),
        choices=periods.PRESETS,
        initial="this_quarter",
        required=False,
        widget=forms.RadioSelect,
    )
    start = forms.DateField(label=_("From"), required=False, widget=DateInput)
    end = forms.DateField(label=_("To"), required=False, widget=DateInput)
    facilitator = forms.ModelChoiceField(
        label=_("Facilitator"),
        queryset=staff_members(),
        required=False,
        empty_label=_("Whole program"),
    )
    release_cohort = _cohort_field(_("Released in"))
    enrolment_cohort = _cohort_field(_("Enrolled in"))
    risk_level = forms.ChoiceField(
        label=_("Risk level"), choices=[("", _("Any")), *RiskLevel.choices], required=False
    )
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("", _("Any")), *Gender.choices], required=False
    )
    zip_area = forms.CharField(
        label=_("Home ZIP code area"),
        required=False,
        max_length=3,
        validators=[
            RegexValidator(r"^\d{3}$", _("Enter the first three digits of a ZIP code, like 641."))
        ],
        help_text=_("The first three digits of a ZIP code, like 641."),
    )

    CUTS = ("release_cohort", "enrolment_cohort", "risk_level", "gender", "zip_area")

    def __init__(
        self, data=None, *, with_facilitator: bool = True, with_cuts: bool = True, **kwargs
    ):
        data = data.copy() if data is not None else None
        # The names (?from=&to=) work as well as the form's (?start=&end=).
        if data is not None:
            for alias, name in (("from", "start"), ("to", "end")):
                if data.get(alias) and not data.get(name):
                    data[name] = data[alias]
            if (data.get("start") or data.get("end")) and not data.get("period"):
                data["period"] = "custom"
        super().__init__(data, **kwargs)
        self.fields["facilitator"].queryset = staff_members()
        quarters = [("", _("Any quarter"))] + [
            (label, label) for label in periods.recent_quarters(count=12)
        ]
        for name in ("release_cohort", "enrolment_cohort"):
            choices = list(quarters)
            typed = (data or {}).get(name)
            if typed and typed not in dict(choices):
                choices.append((typed, typed))
            self.fields[name].widget.choices = choices
        if not with_facilitator:
            del self.fields["facilitator"]
        if not with_cuts:
            # An employer's own page: cuts of a handful of hires could single a person out.
            for name in self.CUTS:
                del self.fields[name]

    def _clean_cohort(self, name):
        label = self.cleaned_data.get(name)
        if not label:
            return None
        try:
            return periods.quarter_period(label)
        except InvalidPeriodError as error:
            raise forms.ValidationError(error.message) from error

    def clean_release_cohort(self):
        return self._clean_cohort("release_cohort")

    def clean_enrolment_cohort(self):
        return self._clean_cohort("enrolment_cohort")

    def clean(self):
        cleaned = super().clean()
        preset = cleaned.get("period") or "this_quarter"
        if preset == "custom":
            try:
                cleaned["report_period"] = periods.period_from(
                    start=cleaned.get("start"), end=cleaned.get("end")
                )
            except InvalidPeriodError as error:
                for field, messages in error.fields.items():
                    for message in messages:
                        self.add_error(field, message)
        else:
            cleaned["report_period"] = periods.preset_period(preset)
        return cleaned

    @property
    def report_period(self) -> periods.Period:
        return self.cleaned_data["report_period"]

    @property
    def scope(self) -> Scope:
        cleaned = self.cleaned_data
        facilitator = cleaned.get("facilitator")
        return Scope(
            facilitator_id=facilitator.pk if facilitator else None,
            release_cohort=cleaned.get("release_cohort"),
            enrolment_cohort=cleaned.get("enrolment_cohort"),
            risk_level=cleaned.get("risk_level") or "",
            gender=cleaned.get("gender") or "",
            zip_area=cleaned.get("zip_area") or "",
        )
