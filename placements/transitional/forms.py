"""Forms of the transitional-jobs pages. They parse input only; the services hold the
rules (a form error here is "not a time", never "more than 12 hours")."""

from datetime import time

from django import forms
from django.utils.translation import gettext_lazy as _

from placements.transitional.models import PaySchedule
from portal.core.forms import DateInput, TimeInput

RATING_CHOICES = [(value, str(value)) for value in range(1, 6)]
RATING_LABELS = {
    "cooperation_with_supervisor": _("Works with the supervisor"),
    "effort": _("Effort"),
    "punctuality_and_attendance": _("On time"),
    "cooperation_with_coworkers": _("Works with the crew"),
    "personal_presentation": _("Ready for work (dress, hygiene)"),
}


class CrewRowForm(forms.Form):
    """One person on the crew sheet. Prefixed with the participant's id."""

    present = forms.BooleanField(label=_("Present"), required=False, initial=True)
    clock_in = forms.TimeField(label=_("Clock in"), widget=TimeInput, initial=time(8, 0))
    clock_out = forms.TimeField(label=_("Clock out"), widget=TimeInput, initial=time(16, 0))
    crosses_midnight = forms.BooleanField(label=_("Shift ends after midnight"), required=False)
    break_minutes = forms.IntegerField(
        label=_("Unpaid break (minutes)"), initial=30, min_value=0, max_value=600
    )
    cooperation_with_supervisor = forms.TypedChoiceField(
        label=RATING_LABELS["cooperation_with_supervisor"],
        choices=RATING_CHOICES,
        coerce=int,
        initial=3,
    )
    effort = forms.TypedChoiceField(
        label=RATING_LABELS["effort"], choices=RATING_CHOICES, coerce=int, initial=3
    )
    punctuality_and_attendance = forms.TypedChoiceField(
        label=RATING_LABELS["punctuality_and_attendance"],
        choices=RATING_CHOICES,
        coerce=int,
        initial=3,
    )
    cooperation_with_coworkers = forms.TypedChoiceField(
        label=RATING_LABELS["cooperation_with_coworkers"],
        choices=RATING_CHOICES,
        coerce=int,
        initial=3,
    )
    personal_presentation = forms.TypedChoiceField(
        label=RATING_LABELS["personal_presentation"], choices=RATING_CHOICES, coerce=int, initial=3
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=500)

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member

    def full_clean(self):
        # An absent person's times and ratings do not matter.
        super().full_clean()
        if self.is_bound and not self.cleaned_data.get("present") and "present" not in self.errors:
            self._errors = {}
            self.cleaned_data = {"present": False}


class PayPeriodForm(forms.Form):
    schedule = forms.ChoiceField(label=_("Pay schedule"), choices=PaySchedule.choices)
    starts_on = forms.DateField(label=_("First day"), widget=DateInput)
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput)
    pay_date = forms.DateField(label=_("Pay date"), widget=DateInput)


class AdjustmentForm(forms.Form):
    participant = forms.TypedChoiceField(label=_("Participant"), coerce=int)
    amount = forms.DecimalField(
        label=_("Amount in dollars"),
        max_digits=10,
        decimal_places=2,
        help_text=_("Negative to take back an overpayment, like -12.50."),
    )
    hours = forms.DecimalField(
        label=_("Hours (optional)"), max_digits=6, decimal_places=2, required=False, initial=0
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].choices = [(person.pk, str(person)) for person in people]


class WorkSiteForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    address = forms.CharField(label=_("Address"), max_length=255)
    crew_capacity = forms.IntegerField(label=_("Crew size"), min_value=1, max_value=200, initial=8)
    supervisors = forms.ModelMultipleChoiceField(
        label=_("Supervisors"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisors"].queryset = staff


class AssignmentForm(forms.Form):
    participant = forms.ModelChoiceField(label=_("Participant"), queryset=None)
    worksite = forms.ModelChoiceField(label=_("Work site"), queryset=None)
    starts_on = forms.DateField(label=_("First day"), widget=DateInput)
    hourly_rate = forms.DecimalField(label=_("Hourly rate"), max_digits=10, decimal_places=2)
    pay_schedule = forms.ChoiceField(label=_("Pay schedule"), choices=PaySchedule.choices)

    def __init__(self, *args, people=None, sites=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = people
        self.fields["worksite"].queryset = sites


class AssignmentEndForm(forms.Form):
    ends_on = forms.DateField(
        label=_("Last day"),
        widget=DateInput,
        help_text=_("The last day the person works on this crew."),
    )


class AssignmentChangeForm(forms.Form):
    effective_on = forms.DateField(
        label=_("From this day"),
        widget=DateInput,
        help_text=_("Shifts before this day keep the old rate."),
    )
    hourly_rate = forms.DecimalField(label=_("New hourly rate"), max_digits=10, decimal_places=2)
    pay_schedule = forms.ChoiceField(label=_("Pay schedule"), choices=PaySchedule.choices)
