"""Forms of the direct-supports and employment-plan pages. They only parse input: the
rules (budget left, approval threshold, dates) are the services'."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.forms import DateInput
from portal.core.templatetags.formatting import date_display, money

from .models import GoalOwner, GoalStatus, NeedKey, NeedState, SupportKind


def funding_source_label(source) -> str:
    """ "Bus fund: $120.00 left of $500.00 (until Dec. 31, 2026)", so staff choose with
    the money left in view."""
    return _("%(name)s: %(left)s left of %(budget)s (until %(end)s)") % {
        "name": source.name,
        "left": money(source.left),
        "budget": money(source.budget),
        "end": date_display(source.ends_on),
    }


class SupportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What was given"), choices=SupportKind.choices)
    amount = forms.DecimalField(
        label=_("Amount in dollars"),
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    given_on = forms.DateField(label=_("Date given"), widget=DateInput)
    funding_source = forms.TypedChoiceField(
        label=_("Funding source"),
        coerce=int,
        help_text=_("What is left in each budget is shown next to its name."),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Staff only: the participant sees what they received, not this note."),
    )

    def __init__(self, *args, sources=(), threshold=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funding_source"].choices = [("", _("Choose a funding source"))] + [
            (source.pk, funding_source_label(source)) for source in sources
        ]
        self.fields["given_on"].initial = timezone.localdate()
        if threshold is not None:
            self.fields["amount"].help_text = _(
                "More than %(threshold)s waits for a program admin's approval."
            ) % {"threshold": money(threshold)}


class FundingSourceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    budget = forms.DecimalField(
        label=_("Budget in dollars"),
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    starts_on = forms.DateField(label=_("Period starts on"), widget=DateInput)
    ends_on = forms.DateField(label=_("Period ends on"), widget=DateInput)
    is_active = forms.BooleanField(
        label=_("Active: pays for new supports"), required=False, initial=True
    )


NEED_CHOICES = [("", _("Not assessed")), *NeedState.choices]


class PlanNeedsForm(forms.Form):
    """The needs assessment: one "have / need / not needed" question per need."""

    started_on = forms.DateField(
        label=_("Plan began on"),
        widget=DateInput,
        required=False,
        help_text=_("Intake day or later. Empty: today."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in NeedKey.choices:
            self.fields[f"need_{key}"] = forms.ChoiceField(
                label=label, choices=NEED_CHOICES, required=False, widget=forms.RadioSelect
            )

    def needs(self) -> dict[str, str]:
        return {
            key: self.cleaned_data[f"need_{key}"]
            for key in NeedKey.values
            if self.cleaned_data.get(f"need_{key}")
        }


class GoalForm(forms.Form):
    text = forms.CharField(label=_("Goal"), max_length=300)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput)
    owner = forms.ChoiceField(
        label=_("Whose goal"), choices=GoalOwner.choices, widget=forms.RadioSelect
    )


class PlanReviewForm(forms.Form):
    reviewed_on = forms.DateField(label=_("Reviewed at job club on"), widget=DateInput)


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(choices=GoalStatus.choices)
