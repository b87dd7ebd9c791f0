"""HTML forms of the applications area. They only parse; the services decide."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placements.applications.models import (
    DeclineReason,
    InterviewMode,
    RecordDecision,
    RetentionOutcome,
    RetentionVerification,
    SeparationReason,
)
from portal.core.forms import DateInput, TimeInput


class ChooseParticipantForm(forms.Form):
    participant = forms.ModelChoiceField(
        label=_("Who is applying?"), queryset=None, empty_label=_("Choose a participant")
    )

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants


class ApplyForm(forms.Form):
    resume_version = forms.ChoiceField(
        label=_("Which résumé do you send?"), widget=forms.RadioSelect
    )
    cover_note = forms.CharField(
        label=_("A short note to the employer (optional)"),
        required=False,
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    share_profile = forms.BooleanField(
        label=_("I agree that this employer sees my profile and this résumé."), required=False
    )
    share_record_summary = forms.BooleanField(
        label=_(
            "I agree that employers I apply to may see a summary of my record (kind of offense "
            "and dates, never details), only after the interview or an offer. This counts for "
            "all my applications; I can change it at any time."
        ),
        required=False,
    )

    def __init__(self, *args, versions, staff: bool, fit_needed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resume_version"].choices = [
            (str(version.pk), f"{version.resume.title} ({_('version')} {version.number})")
            for version in versions
        ]
        if staff:
            self.fields["participant_agreed"] = forms.BooleanField(
                label=_("The participant agreed to apply to this job."), required=False
            )
        if staff and fit_needed:
            # The job breaks a supervision term or travel limit (shown above the form):
            # the service refuses it without both (issue 14).
            self.fields["fit_confirmed"] = forms.BooleanField(
                label=_(
                    "I checked with the participant that this job can work anyway, "
                    "even though it does not fit the terms above."
                ),
                required=False,
            )
            self.fields["fit_note"] = forms.CharField(
                label=_("Why applying is all right anyway"),
                help_text=_(
                    "For example, what the officer said. Kept on the application for staff; "
                    "the employer never sees it."
                ),
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )


class InterviewForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    time = forms.TimeField(label=_("Time"), widget=TimeInput())
    mode = forms.ChoiceField(label=_("How"), choices=InterviewMode.choices)
    place = forms.CharField(label=_("Address or phone number"), required=False, max_length=300)
    video_link = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")

    def starts_at(self):
        data = self.cleaned_data
        return timezone.make_aware(datetime.combine(data["date"], data["time"]))


class HireForm(forms.Form):
    start_date = forms.DateField(label=_("First day of work"), widget=DateInput())
    hourly_wage = forms.DecimalField(label=_("Hourly wage ($)"), max_digits=12, decimal_places=2)
    hours_per_week = forms.DecimalField(label=_("Hours per week"), max_digits=5, decimal_places=2)
    benefits = forms.CharField(label=_("Benefits (optional)"), required=False, max_length=300)
    subsidized = forms.BooleanField(label=_("The wage is subsidized"), required=False)


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why"),
        choices=[
            (DeclineReason.NOT_SELECTED, DeclineReason.NOT_SELECTED.label),
            (DeclineReason.POSITION_FILLED, DeclineReason.POSITION_FILLED.label),
        ],
    )


class AssessmentForm(forms.Form):
    nature_and_gravity = forms.CharField(
        label=_("Nature and gravity of the offense"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    time_elapsed = forms.CharField(
        label=_("Time since the offense or the sentence"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    nature_of_job = forms.CharField(
        label=_("How it relates to the duties of this job"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NoticeForm(forms.Form):
    notice_text = forms.CharField(
        label=_("Pre-adverse action notice"),
        help_text=_(
            "What in the record may lead to a decline, and why. The participant and their "
            "staff will read it."
        ),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ResponseForm(forms.Form):
    response = forms.CharField(
        label=_("Your answer to the notice"),
        help_text=_("For example: a mistake in the record, what you have done since, references."),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"), choices=RecordDecision.choices, widget=forms.RadioSelect
    )


class RetentionCheckForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What is the person doing now?"), choices=RetentionOutcome.choices
    )
    verified_by = forms.ChoiceField(
        label=_("How do you know?"),
        choices=[("", _("Not verified")), *RetentionVerification.choices],
        required=False,
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=500)
    hours_per_week = forms.DecimalField(
        label=_("Hours a week now (optional, if working)"),
        required=False,
        max_digits=5,
        decimal_places=2,
    )
    hourly_wage = forms.DecimalField(
        label=_("Hourly wage now in $ (optional, if working)"),
        required=False,
        max_digits=12,
        decimal_places=2,
    )


class SeparationForm(forms.Form):
    separated_on = forms.DateField(label=_("Last day of work"), widget=DateInput())
    separation_reason = forms.ChoiceField(
        label=_("Why the job ended"), choices=SeparationReason.choices
    )


class WotcForm(forms.Form):
    applicant_signed_on = forms.DateField(
        label=_("The participant signed Form 8850 on"),
        required=False,
        widget=DateInput(),
    )
    employer_signed_on = forms.DateField(
        label=_("The employer signed Form 8850 on"),
        required=False,
        widget=DateInput(),
    )
    submitted_on = forms.DateField(
        label=_("Sent to the state on"),
        required=False,
        widget=DateInput(),
    )
    first_year_hours = forms.DecimalField(
        label=_("Hours worked in the first year"), required=False, max_digits=7, decimal_places=2
    )
    first_year_wages = forms.DecimalField(
        label=_("Wages paid in the first year ($)"), required=False, max_digits=12, decimal_places=2
    )

    def __init__(self, *args, applicant_signature: bool = True, **kwargs):
        """`applicant_signature=False` (the employer) leaves out the participant's
        signature date: program staff record it."""
        super().__init__(*args, **kwargs)
        if not applicant_signature:
            del self.fields["applicant_signed_on"]


class BondingForm(forms.Form):
    amount = forms.ChoiceField(
        label=_("Bond amount"),
        choices=[(str(n * 5000), f"${n * 5000:,}") for n in range(1, 6)],
    )


class BondDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("The bonding agency's answer"),
        choices=[("issued", _("Bond issued")), ("denied", _("Not issued"))],
        widget=forms.RadioSelect,
    )
    bond_number = forms.CharField(label=_("Bond number (if issued)"), required=False, max_length=50)
    denial_reason = forms.CharField(
        label=_("Why it was not issued (if not issued)"), required=False, max_length=300
    )


class OutsidePlacementForm(forms.Form):
    participant = forms.ModelChoiceField(label=_("Participant"), queryset=None)
    employer_name = forms.CharField(label=_("Employer"), max_length=200)
    job_title = forms.CharField(label=_("Job title"), max_length=200)
    offered_on = forms.DateField(
        label=_("Offer day (optional)"),
        required=False,
        widget=DateInput(),
    )
    start_date = forms.DateField(label=_("First day of work"), widget=DateInput())
    hourly_wage = forms.DecimalField(label=_("Hourly wage ($)"), max_digits=12, decimal_places=2)
    hours_per_week = forms.DecimalField(label=_("Hours per week"), max_digits=5, decimal_places=2)
    benefits = forms.CharField(label=_("Benefits (optional)"), required=False, max_length=300)
    subsidized = forms.BooleanField(label=_("The wage is subsidized"), required=False)

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants


class FitQuestionAnswerForm(forms.Form):
    """Staff's short reply to a participant's question about a job that does not fit."""

    answer = forms.CharField(
        label=_("Your answer to the participant"),
        help_text=_(
            "A few plain words they read on the job page, for example: "
            "“Your officer says no work in Kansas. Let's look at other jobs on Thursday.”"
        ),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
