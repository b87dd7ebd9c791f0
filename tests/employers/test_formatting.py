"""Job descriptions: simple formatting employers can type, rendered to sanitized HTML."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from employers.formatting import render_formatted_text
from employers.models import JobStatus
from tests.factories.employers import JobFactory

FORMATTED = (
    "We are hiring.\n"
    "\n"
    "What you do:\n"
    "- load trucks\n"
    "- keep the dock clean\n"
    "\n"
    "**Paid weekly**, *no experience needed*. "
    "[Read about us](https://example.org/about)."
)


def _tags_and_attributes(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every element a browser would build from `html`, with its attributes."""
    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collector().feed(html)
    return found


def test_paragraphs_lists_bold_italic_and_links():
    html = render_formatted_text(FORMATTED)
    assert "<p>We are hiring.</p>" in html
    assert "<ul>\n<li>load trucks</li>\n<li>keep the dock clean</li>\n</ul>" in html
    assert "<strong>Paid weekly</strong>" in html
    assert "<em>no experience needed</em>" in html
    assert '<a href="https://example.org/about" rel="nofollow noopener">Read about us</a>' in html


def test_star_bullets_make_a_list_too():
    assert "<li>forklift</li>" in render_formatted_text("* forklift\n* pallet jack")


def test_plain_text_still_looks_like_it_did():
    html = render_formatted_text("Line one\nline two\n\nA new paragraph: 5 < 6 & #1 priority")
    assert html == (
        "<p>Line one<br>\nline two</p>\n<p>A new paragraph: 5 &lt; 6 &amp; #1 priority</p>"
    )


def test_indented_lines_are_not_code():
    assert "<pre" not in render_formatted_text("Duties:\n\n    sweep the floor")
    assert "sweep the floor" in render_formatted_text("Duties:\n\n    sweep the floor")


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script>",
        "<style>body { display: none }</style>",
        '<img src="x" onerror="alert(1)">',
        '<a href="https://example.org" onclick="alert(1)">click</a>',
        '<p onmouseover="alert(1)">hover</p>',
        "[win a prize](javascript:alert(1))",
        "[win a prize](JaVaScRiPt:alert(1))",
        "<https://ok.example.org> <javascript:alert(1)>",
        "[data](data:text/html;base64,PHNjcmlwdD4=)",
        "![tracker](https://evil.example.org/pixel.gif)",
        '<iframe src="https://evil.example.org"></iframe>',
    ],
)
def test_dangerous_markup_never_survives(text):
    tags = _tags_and_attributes(render_formatted_text(text))
    assert {tag for tag, _attributes in tags} <= {"p", "a", "br"}
    for _tag, attributes in tags:
        for name, value in attributes:
            assert name in {"href", "rel"}
            assert value.startswith(("https:", "nofollow"))


def test_raw_html_is_shown_as_text_not_run():
    html = render_formatted_text("<b>bold?</b>")
    assert "<b>" not in html
    assert "&lt;b&gt;bold?&lt;/b&gt;" in html


def test_image_keeps_only_its_words():
    html = render_formatted_text("![Our team at work](https://example.org/team.jpg)")
    assert html == "<p>Our team at work</p>"


def test_empty_description():
    assert render_formatted_text("  \n ") == ""


@pytest.mark.django_db
def test_public_job_page_shows_the_formatting(client):
    job = JobFactory(description=FORMATTED + "\n\n<script>alert(1)</script>")
    response = client.get(reverse("employers:job-detail", args=[job.pk]))
    content = response.content.decode()
    assert "<li>load trucks</li>" in content
    assert "<strong>Paid weekly</strong>" in content
    assert "<script>alert(1)</script>" not in content


@pytest.mark.django_db
def test_staff_moderation_page_shows_the_formatting(client, staff_user):
    job = JobFactory(description=FORMATTED, status=JobStatus.SUBMITTED)
    client.force_login(staff_user)
    response = client.get(reverse("employers:staff-job", args=[job.pk]))
    assert "<li>keep the dock clean</li>" in response.content.decode()


@pytest.mark.django_db
def test_employer_sees_own_draft_formatted(client, employer_user, employer):
    job = JobFactory(employer=employer, description=FORMATTED, status=JobStatus.DRAFT)
    client.force_login(employer_user)
    response = client.get(reverse("employers:job-detail", args=[job.pk]))
    assert "<em>no experience needed</em>" in response.content.decode()


@pytest.mark.django_db
def test_api_keeps_the_raw_text_and_adds_html(api_client):
    job = JobFactory(description=FORMATTED + "\n<script>x</script>")
    data = api_client.get(f"/api/v1/jobs/{job.pk}/").data
    assert data["description"] == FORMATTED + "\n<script>x</script>"
    assert "<strong>Paid weekly</strong>" in data["description_html"]
    assert "<script>" not in data["description_html"]


@pytest.mark.django_db
def test_job_form_explains_the_formatting(client, employer_user, employer):
    client.force_login(employer_user)
    response = client.get(reverse("employers:job-new"))
    assert "Start a line with - for a list" in response.content.decode()
