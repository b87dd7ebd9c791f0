"""Participant pages stay in plain language: the Flesch-Kincaid grade of each page's main
text, in English, is 8 or below (most adults read comfortably at grade 8; many people
coming home read below it).

What is measured: the text of the page's <main> element as the demo participant sees it
after `seed_demo` (navigation, scripts and forms' hidden parts left out). Each line of
text (a heading, a button, a table cell, a list item) counts as its own sentence, as a
reader takes it. The grade is the Flesch-Kincaid formula on textstat's word and
syllable counts (textstat 0.7.3 counts syllables with pyphen's dictionaries, offline);
the sentences are those lines, because textstat's own sentence counter, made for prose,
drops every sentence of one or two words, so a page of short labels ("Sent.", "Hired.")
would read to it as one long sentence.

Run with `-s` to see the grade of every page."""

import io
import re

import pytest
import textstat
from bs4 import BeautifulSoup
from django.core.management import call_command

from employers.models import HiringFair, JobPosting
from jobseekers.models import Participant
from placements.applications.models import Application

MAX_GRADE = 8.0
LINE_END = re.compile(r"[.!?:;]$")


@pytest.fixture
def demo_participant(db):
    call_command("seed_demo", "--force", stdout=io.StringIO())
    return Participant.objects.select_related("user").get(user__username="participant")


def _participant_pages(participant: Participant) -> dict[str, str]:
    """Every page the participant works with, by name."""
    application = Application.objects.filter(participant=participant).order_by("pk").first()
    resume = participant.resumes.order_by("pk").first()
    job = (
        JobPosting.objects.filter(status="open").exclude(applications__participant=participant)
    ).first()
    fair = HiringFair.objects.filter(status="published").order_by("starts_at").first()
    pages = {
        "dashboard": "/dashboard/",
        "jobs for you": "/my/jobs-for-you/",
        "job search": "/jobs/",
        "job page": f"/jobs/{job.pk}/",
        "applications": "/applications/",
        "application": f"/applications/{application.pk}/",
        "résumés": "/my/resumes/",
        "résumé": f"/resumes/{resume.pk}/sections/contact/",
        "plan": "/my/plan/",
        "referrals": "/my/referrals/",
        "supports": "/my/supports/",
        "job club": "/my/job-club/",
        "documents": "/my/documents/",
        "consents": "/my/consents/",
        "who read my file": "/my/access-log/",
        "hours": "/transitional/my/hours/",
        "pay": "/transitional/my/pay/",
        "ratings": "/transitional/my/ratings/",
        "fairs": "/fairs/",
        "fair": f"/fairs/{fair.pk}/",
        "profile": "/my/profile/",
    }
    return pages


def main_text(html: str) -> str:
    """The reading text of the page's <main>: one line per block, each a sentence."""
    main = BeautifulSoup(html, "html.parser").find("main")
    assert main is not None, "the page has no <main>"
    for hidden in main.find_all(["nav", "script", "style", "template", "svg"]):
        hidden.decompose()
    for hidden in main.find_all(attrs={"hidden": True}):
        hidden.decompose()
    lines = []
    for line in main.get_text("\n").splitlines():
        line = " ".join(line.split())
        if not re.search(r"[A-Za-z]", line):
            continue  # numbers, dates and symbols alone are not read as words
        lines.append(line if LINE_END.search(line) else f"{line}.")
    return "\n".join(lines)


def grade(text: str) -> float:
    """The Flesch-Kincaid grade of `text`, one sentence per line."""
    sentences = [line for line in text.splitlines() if line.strip()]
    words = sum(textstat.lexicon_count(line) for line in sentences)
    if not words:
        return 0.0
    syllables = sum(textstat.syllable_count(line) for line in sentences)
    # textstat's formula, with its rounding of the two averages.
    words_per_sentence = round(words / len(sentences), 1)
    syllables_per_word = round(syllables / words, 1)
    return round(0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59, 1)


def test_every_participant_page_reads_at_grade_8_or_below(client, demo_participant):
    client.force_login(demo_participant.user)
    grades = {}
    for name, url in _participant_pages(demo_participant).items():
        response = client.get(url)
        assert response.status_code == 200, f"{name} ({url}): {response.status_code}"
        text = main_text(response.content.decode())
        grades[name] = (grade(text), url, text)
    print()
    for name, (level, url, _text) in sorted(grades.items(), key=lambda item: -item[1][0]):
        print(f"  grade {level:5.1f}  {name} ({url})")
    too_hard = {
        f"{name}, grade {level}": text
        for name, (level, _url, text) in grades.items()
        if level > MAX_GRADE
    }
    assert not too_hard, f"above grade {MAX_GRADE}: {too_hard}"


def test_the_measure_tells_hard_text_from_plain_text():
    plain = main_text("<main><h1>Your jobs</h1><p>You can apply today. We help you.</p></main>")
    hard = main_text(
        "<main><p>Notwithstanding the aforementioned considerations, applicants must "
        "substantiate eligibility through comprehensive documentation demonstrating "
        "rehabilitation.</p></main>"
    )
    assert grade(plain) <= MAX_GRADE
    assert grade(hard) > MAX_GRADE
    # The same as textstat's on prose, where its sentence counter agrees.
    prose = "The job club meets on Monday. Bring your résumé and an ID card if you have one."
    assert grade(prose.replace(". ", ".\n")) == textstat.flesch_kincaid_grade(prose)
