"""HTML forms of the employers app: they parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from employers.models import (
    US_STATES,
    BackgroundCheckTiming,
    EmploymentType,
    FairKind,
    Industry,
    PolicyDecision,
    PolicyReason,
    RecordStage,
    Weekday,
)
from portal.core.forms import DateInput, StaffMultipleChoiceField, TimeInput
from portal.core.models import OffenseCategory, Skill, User
from portal.core.selectors import staff_members

DATE_INPUT = DateInput()
TIME_INPUT = TimeInput()
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EmployerDetailsForm(forms.Form):
    legal_name = forms.CharField(label=_("Legal name of the organization"), max_length=200)
    display_name = forms.CharField(
        label=_("Name job seekers see"),
        max_length=200,
        help_text=_("Often the same as the legal name."),
    )
    ein = forms.CharField(
        label=_("EIN (Employer Identification Number)"),
        max_length=10,
        help_text=_("9 digits, like 12-3456789."),
    )
    street = forms.CharField(label=_("Street address"), max_length=200)
    city = forms.CharField(label=_("City"), max_length=100)
    state = forms.ChoiceField(label=_("State"), choices=US_STATES, initial="MO")
    zip_code = forms.CharField(label=_("ZIP code"), max_length=10)
    industry = forms.ChoiceField(label=_("Industry"), choices=Industry.choices)
    employee_count = forms.IntegerField(label=_("Number of employees"), min_value=1)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    phone = forms.CharField(label=_("Phone"), max_length=30)


class SignUpForm(EmployerDetailsForm):
    first_name = forms.CharField(label=_("Your first name"), max_length=150)
    last_name = forms.CharField(label=_("Your last name"), max_length=150)
    email = forms.EmailField(
        label=_("Your email"), help_text=_("We send a link to confirm it before you sign in.")
    )
    username = forms.CharField(label=_("Choose a username"), max_length=150)
    password = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters."),
    )

    DETAIL_FIELDS = list(EmployerDetailsForm.base_fields)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's email"))


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    username = forms.CharField(label=_("Choose a username"), max_length=150)
    password = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters."),
    )


class PolicyOffensesForm(forms.Form):
    """One decision, years and reason per offense category."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        categories = list(OffenseCategory.choices)
        for code, label in reversed(categories):
            self.fields = {
                f"{code}_decision": forms.ChoiceField(
                    label=label, choices=PolicyDecision.choices, initial=PolicyDecision.CONSIDERED
                ),
                f"{code}_years": forms.IntegerField(
                    label=_("%(offense)s: years") % {"offense": label},
                    required=False,
                    min_value=1,
                    max_value=99,
                    help_text=_(
                        "Only for “not considered within a number of years”. The years count "
                        "from the later of the conviction and the release from prison: with "
                        "7 years, someone convicted 9 years ago and released 3 years ago is "
                        "still within them."
                    ),
                ),
                f"{code}_reason": forms.ChoiceField(
                    label=_("%(offense)s: reason") % {"offense": label},
                    choices=PolicyReason.choices,
                    required=False,
                ),
                **self.fields,
            }


class PolicySupervisionForm(forms.Form):
    accepts_parole = forms.BooleanField(label=_("We hire people on parole"), required=False)
    accepts_probation = forms.BooleanField(label=_("We hire people on probation"), required=False)


class PolicyChecksForm(forms.Form):
    background_check_timing = forms.ChoiceField(
        label=_("When we run a background check"), choices=BackgroundCheckTiming.choices
    )
    record_visible_from = forms.ChoiceField(
        label=_("When we may see a person's record"),
        choices=RecordStage.choices,
        help_text=_("Kansas City law: not before the interview."),
    )


PLEDGE_HELP = _(
    "By signing, you promise to judge each person on their skills and to follow "
    "fair-chance hiring law."
)


class PolicyPledgeForm(forms.Form):
    """Signing the pledge on its own page: the name is what the page is for."""

    pledge_signer = forms.CharField(
        label=_("Fair-chance pledge: your full name to sign it"),
        max_length=200,
        help_text=PLEDGE_HELP,
    )


class HiringPolicyForm(PolicyOffensesForm, PolicySupervisionForm, PolicyChecksForm):
    """Every part at once (the policy page before it was split; a post of it still
    saves): the offenses first, then the rest, the pledge optional."""

    pledge_signer = forms.CharField(
        label=_("Fair-chance pledge: your full name to sign it"),
        max_length=200,
        required=False,
        help_text=PLEDGE_HELP,
    )
    field_order = [
        *PolicySupervisionForm.base_fields,
        *PolicyChecksForm.base_fields,
        "pledge_signer",
    ]


class JobForm(forms.Form):
    title = forms.CharField(label=_("Job title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Leave a blank line between paragraphs. Start a line with - for a list. "
            "Put **two stars** around words for bold, *one star* for slanted text. "
            "Links: [words to show](https://example.com)."
        ),
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills"),
        queryset=Skill.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    skills_other = forms.CharField(label=_("Other skills"), max_length=300, required=False)
    certifications_required = forms.CharField(
        label=_("Certifications required"), max_length=300, required=False
    )
    certifications_preferred = forms.CharField(
        label=_("Certifications preferred"), max_length=300, required=False
    )
    street = forms.CharField(label=_("Work address"), max_length=200, required=False)
    zip_code = forms.CharField(label=_("ZIP code of the workplace"), max_length=10)
    transit_accessible = forms.BooleanField(label=_("On a bus line"), required=False)
    remote = forms.BooleanField(label=_("Remote work"), required=False)
    shift_days = forms.MultipleChoiceField(
        label=_("Shift days"), choices=Weekday.choices, widget=forms.CheckboxSelectMultiple
    )
    shift_start = forms.TimeField(label=_("Shift starts"), widget=TIME_INPUT)
    shift_end = forms.TimeField(
        label=_("Shift ends"),
        widget=TIME_INPUT,
        help_text=_("An end before the start means an overnight shift."),
    )
    hours_per_week = forms.IntegerField(label=_("Hours per week"), min_value=1, max_value=80)
    employment_type = forms.ChoiceField(label=_("Type of job"), choices=EmploymentType.choices)
    wage_min = forms.DecimalField(label=_("Lowest hourly wage ($)"), decimal_places=2)
    wage_max = forms.DecimalField(label=_("Highest hourly wage ($)"), decimal_places=2)
    openings = forms.IntegerField(label=_("Openings"), min_value=1, initial=1)
    requires_drivers_license = forms.BooleanField(
        label=_("A driver's licence is needed"), required=False
    )
    lifting_pounds = forms.IntegerField(
        label=_("Must lift up to (pounds)"), min_value=1, required=False
    )
    other_requirements = forms.CharField(
        label=_("Other requirements"), max_length=300, required=False
    )
    expires_on = forms.DateField(label=_("Closes on"), widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in OffenseCategory.choices:
            self.fields[f"rule_{code}"] = forms.ChoiceField(
                label=_("For this job only: %(offense)s") % {"offense": label},
                choices=[("", _("As in our hiring policy")), *PolicyDecision.choices],
                required=False,
            )
            self.fields[f"rule_{code}_years"] = forms.IntegerField(
                label=_("%(offense)s: years (this job)") % {"offense": label},
                min_value=1,
                max_value=99,
                required=False,
                help_text=_(
                    "Counted from the later of the conviction and the release from prison."
                ),
            )

    def tightened_rules(self) -> dict[str, tuple[str, int | None]]:
        return {
            code: (self.cleaned_data[f"rule_{code}"], self.cleaned_data[f"rule_{code}_years"])
            for code in OffenseCategory.values
            if self.cleaned_data.get(f"rule_{code}")
        }


class DecisionNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the employer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required unless you approve. The employer sees it and gets it by email."),
    )


class FairForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of fair"), choices=FairKind.choices)
    venue = forms.CharField(label=_("Venue, facility or video link"), max_length=300)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME_INPUT)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME_INPUT)
    registration_deadline = forms.DateTimeField(
        label=_("Registration closes"), widget=DATETIME_INPUT
    )
    employer_capacity = forms.IntegerField(label=_("Employer booths"), min_value=1)
    participant_capacity = forms.IntegerField(label=_("Participant places"), min_value=1)
    booth_fee = forms.DecimalField(
        label=_("Booth fee ($)"), min_value=0, decimal_places=2, initial=0
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    description_es = forms.CharField(
        label=_("Description in Spanish"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Shown to people who read the portal in Spanish. Empty: the description."),
    )
    staff_working = StaffMultipleChoiceField(
        label=_("Staff working the fair"),
        queryset=User.objects.none(),
        required=False,
        help_text=_(
            "They see every RSVP's name at the door and check people in. Other staff see "
            "only their caseload's RSVPs."
        ),
    )

    def __init__(self, *args, can_assign_staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if can_assign_staff:
            self.fields["staff_working"].queryset = staff_members()
        else:
            # Only a program admin or the fair's organiser chooses who works it.
            del self.fields["staff_working"]

    def fair_details(self) -> dict:
        """The cleaned answers without `staff_working` (the FairDetails fields)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "staff_working"}

    def staff_working_ids(self) -> list[int] | None:
        """The ids ticked, or None when the field is not on this form."""
        if "staff_working" not in self.fields:
            return None
        return [user.pk for user in self.cleaned_data["staff_working"]]
