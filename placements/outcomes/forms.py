"""The report's filter form: a period (preset or custom dates) and a facilitator."""

from django import forms
from django.utils.translation import gettext_lazy as _

from placements.outcomes import periods
from placements.outcomes.exceptions import InvalidPeriodError
from placements.outcomes.selectors import Scope
from portal.core.forms import DateInput
from portal.core.selectors import staff_members


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

    def __init__(self, data=None, *, with_facilitator: bool = True, **kwargs):
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
        if not with_facilitator:
            del self.fields["facilitator"]

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
        facilitator = self.cleaned_data.get("facilitator")
        return Scope(facilitator_id=facilitator.pk if facilitator else None)
