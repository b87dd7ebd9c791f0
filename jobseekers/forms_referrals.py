"""Forms of the referral pages (staff): make a referral, record its follow-up. They only
parse; the rules are in `services.referral_make` and `services.referral_follow_up`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.selectors import partner_organisations

from .models import Referral, ReferralNeed, ReferralStatus


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        place = f" ({obj.zip_code})" if obj.zip_code else ""
        return f"{obj.name}: {obj.get_category_display()}{place}"


class ReferralForm(forms.Form):
    need = forms.ChoiceField(label=_("Need"), choices=ReferralNeed.choices)
    organisation = OrganisationChoiceField(
        label=_("Partner organisation"),
        queryset=partner_organisations(),
        empty_label=_("Choose an organisation"),
        error_messages={
            "invalid_choice": _(
                "This partner organisation does not exist. Choose one from the list."
            )
        },
        help_text=_("The places of the resource directory."),
    )
    consent_to_share = forms.BooleanField(
        label=_("The person agrees that we give this partner their name and phone"),
        required=False,
        help_text=_("Ask them first. Without it, give them the partner's phone instead."),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Staff only. Say what the person needs, never details of a treatment or a record."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A fresh queryset per form, so a new organisation is listed at once.
        self.fields["organisation"].queryset = partner_organisations()


class ReferralFollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("What came of it"))
    reason = forms.CharField(
        label=_("Why not connected"),
        max_length=500,
        required=False,
        help_text=_("Needed when the person was not connected (full, not eligible, no reply)."),
    )
    note = forms.CharField(
        label=_("Follow-up note (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Staff only."),
    )

    def __init__(self, *args, referral: Referral, **kwargs):
        super().__init__(*args, **kwargs)
        # The current status ("no change yet") and the moves the referral allows.
        allowed = Referral.ALLOWED_TRANSITIONS.get(referral.status, frozenset())
        self.fields["status"].choices = [
            (value, _("No change yet: still “%(status)s”") % {"status": label})
            if value == referral.status
            else (value, label)
            for value, label in ReferralStatus.choices
            if value == referral.status or value in allowed
        ]
        self.fields["status"].initial = referral.status
