"""HTML forms of the participants pages. They parse input; the services hold the rules.

One module at ~500 lines of plain field declarations; the newer forms already live
beside it (`forms_supports.py`, `forms_referrals.py`), and intake's step forms move to
their own module next."""

import datetime

from django import forms
from django.forms import formset_factory
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.forms import DateInput, TimeInput
from portal.core.models import OffenseCategory, Skill, User
from portal.core.selectors import staff_members

from . import rules
from .models import (
    AttendanceStatus,
    CaseNoteKind,
    CustodyEventKind,
    DocumentKind,
    EducationKind,
    ExperienceKind,
    Gender,
    Housing,
    JobClubTopic,
    Language,
    OffenseLevel,
    ParticipantStatus,
    Program,
    ProgramExitReason,
    ResumeSection,
    RiskLevel,
    Shift,
    SupervisionType,
    Transport,
    TravelLimit,
)


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.username


class CommaListField(forms.CharField):
    """A list typed as "cook, dishwasher, forklift driver"."""

    def to_python(self, value):
        value = super().to_python(value)
        return [part.strip() for part in value.split(",") if part.strip()]

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value


# ------------------------------------------------------------------------------ intake


class PersonStepForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    preferred_name = forms.CharField(
        label=_("Preferred name"),
        max_length=100,
        required=False,
        help_text=_("The name the person wants us to use, if different."),
    )
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DateInput)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        help_text=_("US number with area code, like 816-555-0123."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(label=_("Email"), required=False, help_text=_("Optional."))
    preferred_language = forms.ChoiceField(label=_("Language"), choices=Language.choices)


class SituationStepForm(forms.Form):
    zip_code = forms.CharField(label=_("ZIP code"), max_length=10, required=False)
    housing = forms.ChoiceField(
        label=_("Housing"), choices=[("", _("Not known")), *Housing.choices], required=False
    )
    release_date = forms.DateField(
        label=_("Release date"),
        required=False,
        widget=DateInput,
        help_text=_("A future date for someone still inside (pre-release)."),
    )
    facility = forms.CharField(label=_("Facility"), max_length=150, required=False)
    risk_level = forms.ChoiceField(
        label=_("Risk level (corrections assessment)"),
        choices=[("", _("Not known")), *RiskLevel.choices],
        required=False,
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[("", _("Not recorded")), *Gender.choices],
        required=False,
        help_text=_("Optional, as the person describes themselves. Used only in reports."),
    )
    programs = forms.MultipleChoiceField(
        label=_("Programs"),
        choices=Program.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    has_state_id = forms.BooleanField(label=_("Has a state ID"), required=False)
    has_social_security_card = forms.BooleanField(
        label=_("Has a Social Security card"), required=False
    )
    has_birth_certificate = forms.BooleanField(label=_("Has a birth certificate"), required=False)
    transport = forms.MultipleChoiceField(
        label=_("How they get around"),
        choices=Transport.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class WorkStepForm(forms.Form):
    desired_job_titles = CommaListField(
        label=_("Jobs wanted"),
        required=False,
        max_length=500,
        help_text=_("Separate with commas, like: cook, forklift driver."),
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills"),
        queryset=Skill.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    preferred_shifts = forms.MultipleChoiceField(
        label=_("Shifts they can work"),
        choices=Shift.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    wage_floor = forms.DecimalField(
        label=_("Lowest hourly wage wanted ($)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    facilitator = StaffChoiceField(
        label=_("Facilitator"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = staff_members()
        self.fields["facilitator"].empty_label = _("Me")


INTAKE_STEPS = [
    ("person", _("The person"), PersonStepForm),
    ("situation", _("Situation"), SituationStepForm),
    ("work", _("Work"), WorkStepForm),
]


class DuplicateConfirmForm(forms.Form):
    confirmed_not_duplicate = forms.BooleanField(
        label=_("I checked: this is a different person"), required=False
    )


class ParticipantEditForm(PersonStepForm, SituationStepForm, WorkStepForm):
    """Staff edit every profile field at once (facilitator changes go through
    reassignment)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["facilitator"]


class SelfProfileForm(forms.Form):
    preferred_name = PersonStepForm.base_fields["preferred_name"]
    phone = PersonStepForm.base_fields["phone"]
    email = PersonStepForm.base_fields["email"]
    preferred_language = PersonStepForm.base_fields["preferred_language"]
    desired_job_titles = WorkStepForm.base_fields["desired_job_titles"]
    preferred_shifts = WorkStepForm.base_fields["preferred_shifts"]


class StatusForm(forms.Form):
    # Leaving the program and a return to custody have their own forms (a date, a reason,
    # a source), which move the status themselves.
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[
            (ParticipantStatus.ACTIVE, ParticipantStatus.ACTIVE.label),
            (ParticipantStatus.PLACED, ParticipantStatus.PLACED.label),
        ],
        help_text=_(
            "To record that the person left the program or returned to custody, use the "
            "forms under “Custody and program status”: they keep the date and the reason."
        ),
    )
    on_date = forms.DateField(label=_("Date"), required=False, widget=DateInput)


class ReassignForm(forms.Form):
    facilitator = StaffChoiceField(label=_("New facilitator"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = staff_members()


# ------------------------------------------------------------------ sensitive sections


class SupervisionForm(forms.Form):
    supervision_type = forms.ChoiceField(label=_("Supervision"), choices=SupervisionType.choices)
    officer_name = forms.CharField(label=_("Officer name"), max_length=150, required=False)
    officer_phone = forms.CharField(
        label=_("Officer phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    ends_on = forms.DateField(label=_("Supervision ends on"), required=False, widget=DateInput)
    curfew_start = forms.TimeField(label=_("Curfew starts"), required=False, widget=TimeInput)
    curfew_end = forms.TimeField(
        label=_("Curfew ends"),
        required=False,
        widget=TimeInput,
        help_text=_("May be the next morning, like 10 pm to 6 am."),
    )
    travel_limit = forms.ChoiceField(label=_("Travel limit"), choices=TravelLimit.choices)
    electronic_monitoring = forms.BooleanField(label=_("Electronic monitoring"), required=False)
    standing_meetings = forms.CharField(
        label=_("Standing meetings"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RecordEntryForm(forms.Form):
    offense_category = forms.ChoiceField(
        label=_("Kind of offense"), choices=OffenseCategory.choices
    )
    level = forms.ChoiceField(label=_("Level"), choices=OffenseLevel.choices)
    convicted_on = forms.DateField(label=_("Conviction date"), widget=DateInput)
    released_on = forms.DateField(label=_("Release date"), required=False, widget=DateInput)
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. Staff only: never shared with employers."),
    )


class CaseNoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CaseNoteKind.choices)
    text = forms.CharField(
        label=_("Note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


# ------------------------------------------------------- custody and program status


class CustodyEventForm(forms.Form):
    occurred_on = forms.DateField(
        label=_("Date"),
        widget=DateInput,
        help_text=_("Not before the release date, not in the future."),
    )
    kind = forms.ChoiceField(
        label=_("What happened"),
        choices=CustodyEventKind.choices,
        help_text=_("An arrest without a new conviction is not counted as recidivism."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=120,
        help_text=_("Who told the program, e.g. Department of Corrections, probation officer."),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Staff only: never shared with employers or the participant."),
    )


class ProgramExitForm(forms.Form):
    exited_on = forms.DateField(label=_("Left the program on"), widget=DateInput)
    reason = forms.ChoiceField(label=_("Reason"), choices=ProgramExitReason.choices)
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)


class ReenrolForm(forms.Form):
    reenrolled_on = forms.DateField(
        label=_("Re-enrolled on"),
        widget=DateInput,
        required=False,
        help_text=_("Leave empty for today."),
    )


# ------------------------------------------------------------------------- invitations


class ClaimForm(forms.Form):
    code = forms.CharField(
        label=_("Invitation code"),
        max_length=20,
        help_text=_("The code job club staff gave you, like ABCDE-23456."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    username = forms.CharField(
        label=_("Choose a username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        help_text=_("At least 12 characters. A short sentence is easy to remember."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords are not the same."))
        return data


# ----------------------------------------------------------------------------- résumés


class ResumeCreateForm(forms.Form):
    title = forms.CharField(
        label=_("Name of this résumé"),
        max_length=100,
        help_text=_("For the kind of job, like Warehouse or Kitchen."),
    )


class ResumeContactForm(forms.Form):
    title = ResumeCreateForm.base_fields["title"]
    contact_phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    contact_email = forms.EmailField(label=_("Email"), required=False)
    contact_city = forms.CharField(
        label=_("City"),
        max_length=100,
        required=False,
        help_text=_("City and state only. No street address."),
    )


class ResumeSummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary"),
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ResumeSkillsForm(forms.Form):
    skills = forms.CharField(
        label=_("Skills"),
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResumeReferencesForm(forms.Form):
    references = forms.CharField(
        label=_("References"),
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    include_references = forms.BooleanField(label=_("Show references"), required=False)


class ResumeForm(ResumeContactForm, ResumeSummaryForm, ResumeSkillsForm, ResumeReferencesForm):
    """Every text section at once (the old one-page editor's form, still accepted)."""

    field_order = [
        *ResumeContactForm.base_fields,
        *ResumeSummaryForm.base_fields,
        *ResumeSkillsForm.base_fields,
        *ResumeReferencesForm.base_fields,
    ]


class ExperienceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of work"), choices=ExperienceKind.choices)
    title = forms.CharField(label=_("Job title"), max_length=100, required=False)
    employer = forms.CharField(
        label=_("Employer as shown"),
        max_length=150,
        required=False,
        help_text=_("For work inside, you may write “State of Missouri”."),
    )
    start = forms.CharField(label=_("From (year)"), max_length=20, required=False)
    end = forms.CharField(label=_("To (year or “now”)"), max_length=20, required=False)
    details = forms.CharField(
        label=_("What you did"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EducationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EducationKind.choices)
    school = forms.CharField(label=_("School or program"), max_length=150, required=False)
    year = forms.CharField(label=_("Year"), max_length=20, required=False)
    details = forms.CharField(label=_("Details"), max_length=500, required=False)


class CertificationForm(forms.Form):
    name = forms.CharField(
        label=_("Certificate"),
        max_length=150,
        required=False,
        help_text=_("Like forklift, ServSafe, OSHA-10, CDL."),
    )
    year = forms.CharField(label=_("Year"), max_length=20, required=False)


ExperienceFormSet = formset_factory(ExperienceForm, extra=1, can_delete=True, max_num=10)
EducationFormSet = formset_factory(EducationForm, extra=1, can_delete=True, max_num=10)
CertificationFormSet = formset_factory(CertificationForm, extra=1, can_delete=True, max_num=10)


class CommentForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), choices=ResumeSection.choices)
    text = forms.CharField(
        label=_("Comment"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


# ---------------------------------------------------------------------------- job club


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    time = forms.TimeField(label=_("Time"), widget=TimeInput)
    place = forms.CharField(label=_("Place"), max_length=200)
    topic = forms.ChoiceField(label=_("Topic"), choices=JobClubTopic.choices)
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=500, initial=20)

    def starts_at(self) -> datetime.datetime:
        naive = datetime.datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])
        return timezone.make_aware(naive)


class AttendanceForm(forms.Form):
    """One status and note per person on the roster, built from `roster`."""

    def __init__(self, *args, roster, **kwargs):
        super().__init__(*args, **kwargs)
        self.roster = roster
        for row in roster:
            person, attendance = row["participant"], row["attendance"]
            self.fields[f"status_{person.pk}"] = forms.ChoiceField(
                label=person.display_name,
                choices=[("", _("Not marked")), *AttendanceStatus.choices],
                required=False,
                initial=attendance.status if attendance else "",
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{person.pk}"] = forms.CharField(
                label=_("Note for %(name)s") % {"name": person.display_name},
                max_length=200,
                required=False,
                initial=attendance.note if attendance else "",
            )

    def marks(self):
        for row in self.roster:
            person = row["participant"]
            status = self.cleaned_data.get(f"status_{person.pk}")
            if status:
                yield person, status, self.cleaned_data.get(f"note_{person.pk}", "")


class DocumentUploadForm(forms.Form):
    """A PDF for the participant's file. The service checks the content and the limits;
    the form only collects the three answers. Prefixed, because the staff participant
    page holds other forms with a "kind" field (ids must stay unique on a page)."""

    prefix = "document"

    kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        help_text=_("For example: Forklift certificate, 2024."),
    )
    file = forms.FileField(
        label=_("PDF file"),
        help_text=_("A PDF only, up to %(size)s. A phone can save a scan as a PDF."),
        error_messages={"required": _("Choose a PDF file.")},
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].help_text % {
            "size": filesizeformat(rules.document_max_bytes())
        }
