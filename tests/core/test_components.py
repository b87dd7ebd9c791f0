"""The page components in templates/components/: what a reader (or a screen reader) gets."""

import re

from django import forms
from django.template.loader import render_to_string
from django.utils import translation


def test_the_stepper_ticks_the_steps_before_the_current_one_and_marks_it():
    html = render_to_string(
        "components/stepper.html",
        {"steps": ["Sent", "Interview", "Offer", "Hired"], "current": 3, "label": "Stages"},
    )
    steps = re.findall(r"<li(.*?)</li>", html, re.S)
    assert len(steps) == 4
    assert "stepper__step--done" in steps[0] and "(done)" in steps[0]
    assert "stepper__step--done" in steps[1]
    assert 'aria-current="step"' in steps[2] and "Offer" in steps[2]
    assert "done" not in steps[2] and "aria-current" not in steps[3]
    assert html.count('aria-current="step"') == 1
    assert html.lstrip().startswith('<ol class="stepper" aria-label="Stages">')


def test_a_badge_says_its_status_in_words_with_an_icon_not_colour_alone():
    html = render_to_string("components/badge.html", {"text": "Overdue", "tone": "danger"})
    assert "badge--danger" in html and "Overdue" in html
    assert '<svg class="icon"' in html and 'aria-hidden="true"' in html


def test_a_figure_cards_link_reads_the_number_with_its_label():
    html = render_to_string(
        "components/figure_card.html",
        {"number": 3, "label": "checks due", "url": "#checks", "badge": "1 overdue"},
    )
    link = re.search(r'<a href="#checks">(.*?)</a>', html, re.S).group(1)
    assert re.sub(r"<[^>]+>|\s+", " ", link).split() == ["3", "checks", "due"]
    assert "1 overdue" in html and "badge--danger" in html
    zero = render_to_string("components/figure_card.html", {"number": 0, "label": "x", "url": "#"})
    assert "figure-card--zero" in zero


def test_the_data_table_labels_each_cell_for_the_stacked_phone_layout():
    html = render_to_string(
        "components/data_table.html",
        {
            "caption": "Hires",
            "headers": ["Name", "Job", "Status"],
            "rows": [
                [{"text": "Pat", "url": "/p/1/"}, "Cook", {"text": "Overdue", "tone": "danger"}]
            ],
        },
    )
    assert '<th scope="row">' in html and '<a href="/p/1/">Pat</a>' in html
    assert '<td data-label="Job">' in html and "Cook" in html
    assert '<td data-label="Status">' in html and "badge--danger" in html


def test_the_empty_state_offers_the_next_step():
    html = render_to_string(
        "components/empty_state.html",
        {"message": "No jobs yet.", "action_url": "/jobs/new/", "action_label": "Post a job"},
    )
    assert (
        "No jobs yet." in html and '<a class="button button--secondary" href="/jobs/new/">' in html
    )


def test_a_destructive_action_is_secondary_and_asks_for_confirmation(rf):
    html = render_to_string(
        "components/action_bar.html",
        {
            "primary_url": "/interview/",
            "primary_label": "See the interview",
            "danger_action": "/withdraw/",
            "danger_label": "Withdraw",
        },
        request=rf.get("/"),
    )
    assert html.index("See the interview") < html.index("Withdraw")
    assert '<a class="button" href="/interview/">' in html
    # The post form only appears after opening the disclosure: one tap destroys nothing.
    assert re.search(r'<details class="confirm">\s*<summary class="button button--danger">', html)
    assert 'action="/withdraw/"' in html and "Yes: Withdraw" in html
    with translation.override("es"):
        spanish = render_to_string(
            "components/action_bar.html",
            {"danger_action": "/withdraw/", "danger_label": "Retirar"},
            request=rf.get("/"),
        )
    assert "¿Está seguro? No se puede deshacer." in spanish and "Sí: Retirar" in spanish


class _Form(forms.Form):
    email = forms.EmailField(help_text="We write to this address.")
    agree = forms.BooleanField(label="I agree")


def test_a_form_fields_error_shows_once_next_to_it_and_is_described_by():
    form = _Form(data={"email": "not-an-email"})
    html = render_to_string("components/form_field.html", {"field": form["email"]})
    assert html.count("Enter a valid email address.") == 1
    assert 'id="id_email_error"' in html and 'id="id_email_helptext"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'aria-invalid="true"' in html
    # label, hint, error, then the input
    assert (
        html.index("<label") < html.index("_helptext") < html.index("_error") < html.index("<input")
    )


def test_a_checkbox_sits_on_one_row_with_its_label():
    html = render_to_string("components/form_field.html", {"field": _Form()["agree"]})
    row = re.search(r'<div class="field__choice">(.*?)</div>', html, re.S).group(1)
    assert 'type="checkbox"' in row and "I agree" in row


class _SignUpForm(forms.Form):
    email = forms.EmailField()
    name = forms.CharField()

    def clean(self):
        raise forms.ValidationError("These details do not match an invitation.")


def test_a_forms_errors_show_once_each_next_to_its_field_and_the_general_one_on_top():
    form = _SignUpForm(data={"email": "not-an-email", "name": ""})
    html = render_to_string("includes/form.html", {"form": form})
    for message in ("Enter a valid email address.", "This field is required."):
        assert html.count(message) == 1
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    # The summary holds the error of no one field and links to the fields, by name only.
    assert "These details do not match an invitation." in summary
    assert '<a href="#id_email">Email</a>' in summary and "Enter a valid" not in summary
    email = re.search(
        r'<div class="field field--error">\s*<label for="id_email".*?</div>', html, re.S
    )
    assert "Enter a valid email address." in email.group(0)
