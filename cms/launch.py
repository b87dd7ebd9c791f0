"""The content the site launches with, and the editors' groups.

Run by `manage.py cms_setup` at each release (production) and by `seed_demo` (demo):
idempotent, and it only ever adds what is missing, so an editor's later changes to a
launch page are never overwritten. The numbers in the texts come from
`placements.rules`, so the pages say what the code computes.
"""

from datetime import date

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backend

from cms import launch_es
from cms.editors import ensure_editor_groups
from cms.launch_text import money, paragraphs, steps
from cms.models import (
    HomePage,
    IncentiveIndexPage,
    IncentivePage,
    IncentiveStatus,
    ResourceDirectoryPage,
    StandardPage,
    StoryIndexPage,
)
from placements.applications import rules
from placements.outcomes import rules as outcome_rules
from portal.core.models import PartnerOrganisation
from portal.core.selectors import partner_organisations

HOME_TITLE = "Second Chance Jobs Portal"
HOME_INTRO = (
    "<p>Fair-chance employers, people coming home from prison, and the job club staff "
    "who help them, in one place.</p>"
)
# Page types whose launch pages have a Spanish text in `launch_es` (stories do not).
LAUNCH_PAGE_TYPES = (
    HomePage,
    IncentiveIndexPage,
    IncentivePage,
    ResourceDirectoryPage,
    StoryIndexPage,
    StandardPage,
)


def ensure_home_page() -> HomePage:
    """The HomePage as the default site's root (works on an empty database too)."""
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.filter(pk=site.root_page_id).first() if site else None
    home = home or HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:
        home = root.add_child(instance=HomePage(title=HOME_TITLE, slug="home", intro=HOME_INTRO))
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=HOME_TITLE,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    return home


def _child(parent: Page, model, slug: str, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    return parent.add_child(instance=model(slug=slug, **fields)), True


def _incentive_pages() -> list[tuple[str, dict]]:
    partial_max = money(rules.wotc_maximum_credit(full_rate=False))
    full_max = money(rules.wotc_maximum_credit(full_rate=True))
    wage_cap = money(rules.wotc_wage_cap())
    end = rules.wotc_end_date()
    bond = money(rules.bonding_default_amount())
    bond_max = money(rules.bonding_maximum_amount())
    months = rules.bonding_coverage_months()
    return [
        (
            "work-opportunity-tax-credit",
            {
                "title": "Work Opportunity Tax Credit",
                "provider": "The federal government (IRS), through the Missouri and Kansas "
                "workforce agencies",
                "value_summary": f"Up to {full_max} off your federal taxes for each person "
                "you hire who has a felony conviction.",
                "eligibility": paragraphs(
                    "A person convicted of a felony whom you hire within one year of the "
                    "conviction or of release from prison, whichever is later.",
                    "There is no limit on how many people you can claim for.",
                ),
                "claim_steps": steps(
                    (
                        "Fill in IRS Form 8850 with the applicant",
                        "The applicant signs their part on or before the day you offer the "
                        "job. Job club staff can help with this.",
                    ),
                    (
                        "Fill in the state form (ETA 9061)",
                        "This tells the state which group the person belongs to.",
                    ),
                    (
                        "Send both forms to the state workforce agency",
                        f"Within {rules.wotc_filing_window_days()} calendar days after the "
                        "first day of work.",
                    ),
                    (
                        "Claim the credit on your tax return",
                        "After the state certifies the hire, use IRS Form 5884.",
                    ),
                ),
                "deadlines": paragraphs(
                    f"Form 8850 must reach the state within {rules.wotc_filing_window_days()} "
                    "days of the start date. A late form or a missing signature loses the "
                    "credit."
                ),
                "status": IncentiveStatus.PENDING_REAUTHORIZATION,
                "status_since": date(end.year + 1, 1, 1),
                "status_note": f"The credit covered people who started work by "
                f"{end:%B} {end.day}, {end.year}. It has lapsed since then while Congress "
                "considers renewing it. States still accept Form 8850, and the program "
                "keeps filing it for you, because past renewals have covered the gap.",
                "source_name": "IRS: Work Opportunity Tax Credit",
                "source_url": "https://www.irs.gov/businesses/small-businesses-self-employed/"
                "work-opportunity-tax-credit",
                "show_tax_credit_estimator": True,
                "body": [
                    ("heading", {"text": "How much it is worth", "level": "h2"}),
                    (
                        "paragraph",
                        paragraphs(
                            f"It depends on the hours the person works in their first year. "
                            f"Under {rules.wotc_minimum_hours():.0f} hours: no credit. From "
                            f"{rules.wotc_minimum_hours():.0f} to "
                            f"{rules.wotc_full_rate_hours() - 1:.0f} hours: "
                            f"{rules.wotc_partial_rate() * 100:.0f}% of up to {wage_cap} of "
                            f"wages (at most {partial_max}). "
                            f"{rules.wotc_full_rate_hours():.0f} hours or more: "
                            f"{rules.wotc_full_rate() * 100:.0f}% of up to {wage_cap} "
                            f"(at most {full_max})."
                        ),
                    ),
                ],
            },
        ),
        (
            "federal-bonding-program",
            {
                "title": "Federal Bonding Program",
                "provider": "The U.S. Department of Labor, through the state bonding coordinator",
                "value_summary": f"Free insurance of {bond} (up to {bond_max}) against "
                f"employee theft for the first {months} months of a new hire.",
                "eligibility": paragraphs(
                    "Any person with a record whom you offer a job, with a start date. "
                    "It costs you nothing, and there is no deductible."
                ),
                "claim_steps": steps(
                    ("Make a job offer with a start date", "The bond starts on the first day."),
                    (
                        "Tell job club staff",
                        "We send the request with the job title, place, start date, wage and "
                        "hours a week.",
                    ),
                    (
                        "Receive the bond",
                        f"It covers theft, forgery, larceny and embezzlement for {months} months.",
                    ),
                ),
                "deadlines": paragraphs("Ask before or on the first day of work."),
                "status": IncentiveStatus.ACTIVE,
                "source_name": "Federal Bonding Program",
                "source_url": "https://bonds4jobs.com/",
            },
        ),
        (
            "fair-chance-hiring-guide",
            {
                "title": "Fair-chance hiring guide",
                "provider": "Kansas City, MO, the EEOC and the Fair Credit Reporting Act",
                "value_summary": "How to consider a record fairly and within the law.",
                "eligibility": paragraphs(
                    "Kansas City, MO employers with 6 or more employees must follow the city "
                    "ordinance. The EEOC guidance and the FCRA apply to employers everywhere."
                ),
                "claim_steps": steps(
                    (
                        "Wait to ask about a record",
                        "In Kansas City, ask only after the interview, once the person is "
                        "otherwise qualified. The portal shows a record only at that stage.",
                    ),
                    (
                        "Look at the person, not just the record",
                        "Weigh how serious the offense was, how long ago it was, and whether "
                        "it really relates to this job. An arrest alone proves nothing.",
                    ),
                    (
                        "Use a background check the legal way",
                        "Give written notice and get written permission first.",
                    ),
                    (
                        "Before saying no because of a record",
                        "Send a pre-adverse action notice with a copy of the report and the "
                        "summary of rights. Wait at least 5 business days so the person can "
                        "answer. Then, if you still decline, send the adverse action notice.",
                    ),
                ),
                "status": IncentiveStatus.ONGOING,
                "source_name": "EEOC Enforcement Guidance 915.002",
                "source_url": "https://www.eeoc.gov/laws/guidance/"
                "enforcement-guidance-consideration-arrest-and-conviction-records-employment",
            },
        ),
        (
            "what-the-program-does-for-you",
            {
                "title": "What the program does for you",
                "provider": "Second Chance job club staff",
                "value_summary": "Screened, prepared candidates, and follow-up after the hire, "
                "at no cost.",
                "eligibility": paragraphs("Any fair-chance employer the program has approved."),
                "claim_steps": steps(
                    (
                        "Screened candidates",
                        "We send people whose skills and situation fit your job.",
                    ),
                    (
                        "Job club preparation",
                        "Candidates practise interviews, work habits and teamwork, many in "
                        "paid transitional jobs first.",
                    ),
                    (
                        "Retention follow-up",
                        "We check in at 30, 90, 180 and 365 days and help solve problems early.",
                    ),
                ),
                "status": IncentiveStatus.ONGOING,
                "source_name": "Second Chance program",
                "source_url": "https://www.dol.gov/agencies/eta/reentry",
            },
        ),
    ]


def _standard_pages() -> list[tuple[str, dict]]:
    return [
        (
            "about",
            {
                "title": "About the program",
                "summary": "A job club for people coming home from prison, and the employers "
                "who hire them.",
                "body": [
                    (
                        "paragraph",
                        paragraphs(
                            "Second Chance helps people coming home from prison find work and "
                            "keep it. Job club staff help with résumés, interviews, ID and "
                            "transport, and stay in touch after the hire.",
                            "People who have never held a job can start with paid "
                            "transitional jobs: paid crew days that build work habits.",
                        ),
                    ),
                    ("heading", {"text": "Why it matters", "level": "h2"}),
                    (
                        "paragraph",
                        paragraphs(
                            "A steady job is one of the best protections against going back "
                            f"to prison. Each person who stays out for a year saves the state "
                            f"about {money(outcome_rules.savings_per_person_year())}."
                        ),
                    ),
                ],
            },
        ),
        (
            "privacy",
            {
                "title": "Privacy notice",
                "summary": "What we keep about you, why, and who can see it.",
                "body": [
                    ("heading", {"text": "What we keep", "level": "h2"}),
                    (
                        "paragraph",
                        paragraphs(
                            "Your name, how to reach you, your work history and skills, and "
                            "what you tell us about your record and supervision, so we can "
                            "find jobs that fit. We never keep records of substance use "
                            "treatment."
                        ),
                    ),
                    ("heading", {"text": "Who can see it", "level": "h2"}),
                    (
                        "paragraph",
                        paragraphs(
                            "Job club staff. An employer sees your record only at the stage "
                            "the law allows (in Kansas City, after the interview), and only "
                            "with your consent."
                        ),
                    ),
                    (
                        "faq",
                        {
                            "question": "Can I see or correct what you keep?",
                            "answer": paragraphs("Yes. Ask your job club staff at any time."),
                        },
                    ),
                ],
            },
        ),
        (
            "contact",
            {
                "title": "Contact us",
                "summary": "Call, write or visit the job club.",
                "body": [
                    (
                        "paragraph",
                        paragraphs(
                            "Ask at the job club desk, or call the program office during "
                            "working hours. Employers: we answer within one working day."
                        ),
                    ),
                ],
            },
        ),
    ]


@transaction.atomic
def ensure_partner_organisations_indexed() -> None:
    """Put every partner organisation in the site search index. Saves index them as they
    happen; this catches rows written without the model's signals (the migration that
    moved them from cms.Resource to portal.core), so the directory's word search finds
    them. Idempotent: an indexed row is only refreshed."""
    organisations = partner_organisations()
    if organisations.exists():
        get_search_backend().add_bulk(PartnerOrganisation, list(organisations))


def ensure_launch_content(*, stdout=None, spanish: bool = True) -> HomePage:
    """The page tree with its launch content, and its Spanish translation unless
    `spanish` is False; adds only what is missing."""
    home = ensure_home_page()
    ensure_editor_groups()
    ensure_partner_organisations_indexed()
    created = 0

    incentives, new = _child(
        home,
        IncentiveIndexPage,
        "hiring-incentives",
        title="Hiring incentives",
        intro=paragraphs(
            "What you gain by hiring a person with a record, and how the program helps you "
            "claim it."
        ).source,
    )
    created += new
    for slug, fields in _incentive_pages():
        created += _child(incentives, IncentivePage, slug, **fields)[1]
    created += _child(
        home,
        ResourceDirectoryPage,
        "find-help",
        title="Find help near you",
        intro=paragraphs(
            "Housing, food, ID, transport and more, for people coming home and their "
            "families. Search by the kind of help and by how far you can travel."
        ).source,
    )[1]
    created += _child(
        home,
        StoryIndexPage,
        "stories",
        title="Stories and news",
        intro="People who came home, the employers who hired them, and program news.",
    )[1]
    for slug, fields in _standard_pages():
        created += _child(home, StandardPage, slug, **fields)[1]
    translated = ensure_spanish_translations(home) if spanish else 0
    if stdout is not None:
        stdout.write(
            f"Content: page tree ready ({created} launch pages added, "
            f"{translated} translated into Spanish)."
        )
    return home


def spanish_locale() -> Locale | None:
    """The Spanish locale when content translation is on (WAGTAIL_I18N_ENABLED)."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return None
    return Locale.objects.get_or_create(language_code="es")[0]


def ensure_spanish_translations(home: HomePage) -> int:
    """Copy each English launch page that has no Spanish version yet into the Spanish
    tree (same address, shared translation key) with the Spanish text of `launch_es`, and
    publish it. Other English pages get a Spanish alias (they show the English text in
    the Spanish tree until an editor translates them), as wagtail.contrib.simple_translation
    does for pages created in the editor."""
    spanish = spanish_locale()
    if spanish is None or home.locale_id == spanish.pk:
        return 0
    texts = {home.slug: launch_es.home_fields(), **launch_es.page_fields()}
    translated = 0
    for page in [home, *home.get_descendants().filter(locale=home.locale).specific()]:
        if page.has_translation(spanish):
            continue
        fields = texts.get(page.slug) if page.specific_class in LAUNCH_PAGE_TYPES else None
        if fields is None:
            page.copy_for_translation(spanish, alias=True)
            continue
        copy = page.copy_for_translation(spanish)
        for name, value in fields.items():
            setattr(copy, name, value)
        copy.save_revision().publish()
        translated += 1
    return translated
