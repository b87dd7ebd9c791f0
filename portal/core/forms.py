from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from portal.core.exceptions import ApplicationError
from portal.core.models import User
from portal.core.tasks import email_send, enqueue_on_commit


def show_error_on_form(form: forms.BaseForm, error: ApplicationError) -> None:
    """Show a service's `ApplicationError` on an HTML form, the way the API shows it:
    each field message next to its field, and the main message at the top.

    Views call it in the `except` of a service call and re-render the form:

        try:
            user_profile_update(user=request.user, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            show_error_on_form(form, error)
    """
    shown_by_a_field = set()
    for field, messages in error.fields.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
            if field in form.fields:
                shown_by_a_field.add(str(message))
    # An error is shown once: not again at the top when its field already says it.
    if str(error.message) not in shown_by_a_field:
        form.add_error(None, error.message)


class DateInput(forms.DateInput):
    """A date field as the browser's date picker (ISO value, works without JavaScript)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    """A time field as the browser's time picker (24-hour value)."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def staff_label(user: User) -> str:
    """How a staff member is named in a list to choose from."""
    return user.get_full_name() or user.username


class StaffChoiceField(forms.ModelChoiceField):
    """One staff member (from `portal.core.selectors.staff_members()`), shown by name."""

    def label_from_instance(self, user):
        return staff_label(user)


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several staff members as boxes to tick (works without JavaScript), by name."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, user):
        return staff_label(user)


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("Optional. We use it to send you password resets and updates."),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language"), choices=User._meta.get_field("preferred_language").choices
    )


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset form, sending its email through the task queue so a slow
    mail server never holds up the page."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        enqueue_on_commit(email_send, subject=subject, body=body, to=[to_email])
