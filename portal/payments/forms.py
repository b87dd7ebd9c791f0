from django import forms
from django.utils.translation import gettext_lazy as _


class OfflineConfirmForm(forms.Form):
    offline_reference = forms.CharField(
        label=_("Invoice or check number"),
        max_length=100,
        help_text=_("Write the number printed on the check or the invoice."),
    )
