"""HTML forms of the fairs area: they parse input; the rules are in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from jobseekers.models import Participant
from placements.fairs import rules
from placements.fairs.models import FairInterviewMode

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

SHARE_LABEL = _("Share my profile and résumé with the employers at this fair")
SHARE_HELP = _(
    "They see your name, the jobs you want, your skills and your latest résumé. Never your "
    "record, your supervision or staff notes. You can stop sharing at any time."
)
STAFF_SHARE_HELP = _(
    "Employers with a booth see the person's name, the jobs they want, their skills and "
    "their latest résumé. Never the record, supervision or staff notes."
)


class RsvpForm(forms.Form):
    """A participant's own RSVP."""

    share_profile = forms.BooleanField(label=SHARE_LABEL, help_text=SHARE_HELP, required=False)


class StaffRsvpForm(forms.Form):
    """Staff RSVP (or register a walk-in) for someone on their caseload (admins: anyone)."""

    participant = forms.ModelChoiceField(
        label=_("Participant"), queryset=Participant.objects.none(), empty_label=_("Choose…")
    )
    share_profile = forms.BooleanField(
        label=_(
            "The participant agrees to share their profile and résumé with this fair's employers"
        ),
        help_text=SHARE_HELP,
        required=False,
    )

    def __init__(self, *args, participants=None, shown=None, **kwargs):
        """`participants`: everyone who may be picked (a posted id is checked against
        it); `shown`: the few listed in the drop-down (by default all of them)."""
        super().__init__(*args, **kwargs)
        field = self.fields["participant"]
        if participants is not None:
            field.queryset = participants
        if shown is not None:
            field.choices = [("", field.empty_label)] + [
                (person.pk, field.label_from_instance(person)) for person in shown
            ]


class SlotForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME_INPUT)
    length_minutes = forms.IntegerField(label=_("Length (minutes)"), initial=20)
    mode = forms.ChoiceField(
        label=_("How"),
        choices=FairInterviewMode.choices,
        widget=forms.RadioSelect,
        initial=FairInterviewMode.IN_PERSON,
    )
    place = forms.CharField(
        label=_("Table or room, or video link"),
        max_length=300,
        help_text=_("For a video call, paste the link (https://…)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["length_minutes"].help_text = _("From %(shortest)s to %(longest)s minutes.") % {
            "shortest": rules.fair_interview_minimum_minutes(),
            "longest": rules.fair_interview_maximum_minutes(),
        }
