"""Demo content for `manage.py seed_demo`: the launch page tree (as `cms_setup` makes it),
demo stories, 30+ resources around Kansas City, and the demo staff in the editors'
groups."""

from datetime import date

from django.db import transaction

from cms.editors import ensure_editor_groups
from cms.launch import ensure_launch_content, ensure_spanish_translations
from cms.models import HomePage, Resource, ResourceCategory, StoryIndexPage, StoryPage
from portal.core.models import User

C = ResourceCategory
# name, category, address, ZIP, phone, hours, eligibility, languages
RESOURCES = [
    (
        "Northland Shelter House",
        C.HOUSING,
        "1400 NE Vivion Rd",
        "64118",
        "(816) 555-0101",
        "Open 24 hours",
        "Adults 18+",
        "English",
    ),
    (
        "Midtown Reentry Housing",
        C.HOUSING,
        "3100 Main St",
        "64111",
        "(816) 555-0102",
        "Mon-Fri 9-5",
        "People released in the last year",
        "English, Spanish",
    ),
    (
        "Eastside Family Housing Help",
        C.HOUSING,
        "5500 Prospect Ave",
        "64130",
        "(816) 555-0103",
        "Mon-Fri 8-4",
        "Families with children",
        "English",
    ),
    (
        "Independence Transitional Living",
        C.HOUSING,
        "210 W Maple Ave",
        "64050",
        "(816) 555-0104",
        "Mon-Sat 9-6",
        "Men 18+ on parole or probation",
        "English",
    ),
    (
        "Westside Food Pantry",
        C.FOOD,
        "2000 Summit St",
        "64108",
        "(816) 555-0111",
        "Tue and Thu 10-2",
        "Anyone",
        "English, Spanish",
    ),
    (
        "Harvest Community Kitchen",
        C.FOOD,
        "750 Paseo Blvd",
        "64106",
        "(816) 555-0112",
        "Daily 11-1",
        "Anyone",
        "English",
    ),
    (
        "KCK Food Share",
        C.FOOD,
        "800 Minnesota Ave",
        "66101",
        "(913) 555-0113",
        "Mon, Wed, Fri 9-12",
        "Wyandotte County residents",
        "English, Spanish",
    ),
    (
        "Raytown Food Closet",
        C.FOOD,
        "10000 E 59th St",
        "64133",
        "(816) 555-0114",
        "Sat 9-11",
        "Anyone",
        "English",
    ),
    (
        "ID Help Desk at the Library",
        C.ID_DOCUMENTS,
        "14 W 10th St",
        "64105",
        "(816) 555-0121",
        "Mon-Fri 10-4",
        "Anyone who needs a birth certificate or state ID",
        "English, Spanish",
    ),
    (
        "Reentry ID Clinic",
        C.ID_DOCUMENTS,
        "1200 E 18th St",
        "64108",
        "(816) 555-0122",
        "Wed 1-5",
        "People coming home from prison",
        "English",
    ),
    (
        "Bus Pass Program",
        C.TRANSPORTATION,
        "1200 E 18th St",
        "64108",
        "(816) 555-0131",
        "Mon-Fri 9-5",
        "Job seekers in a program",
        "English, Spanish",
    ),
    (
        "Rides to Work",
        C.TRANSPORTATION,
        "4500 Troost Ave",
        "64110",
        "(816) 555-0132",
        "Mon-Fri 6-6",
        "New hires, first 90 days",
        "English",
    ),
    (
        "Dress for Work Closet",
        C.CLOTHING,
        "3700 Broadway Blvd",
        "64111",
        "(816) 555-0141",
        "Tue-Sat 10-3",
        "Job seekers with an interview",
        "English",
    ),
    (
        "Northeast Clothing Bank",
        C.CLOTHING,
        "5800 St John Ave",
        "64123",
        "(816) 555-0142",
        "Thu 9-1",
        "Anyone",
        "English, Spanish, Somali",
    ),
    (
        "Community Health Clinic",
        C.MEDICAL,
        "825 Euclid Ave",
        "64124",
        "(816) 555-0151",
        "Mon-Fri 8-6",
        "Sliding fee, no one turned away",
        "English, Spanish",
    ),
    (
        "Swope Health Walk-In",
        C.MEDICAL,
        "3801 Blue Pkwy",
        "64130",
        "(816) 555-0152",
        "Mon-Sat 8-8",
        "Anyone",
        "English, Spanish",
    ),
    (
        "Wyandotte Free Clinic",
        C.MEDICAL,
        "21 N 12th St",
        "66102",
        "(913) 555-0153",
        "Tue and Thu 5-8",
        "Uninsured adults",
        "English, Spanish",
    ),
    (
        "Crisis Line and Counseling",
        C.MENTAL_HEALTH,
        "1000 E 24th St",
        "64108",
        "(816) 555-0161",
        "Counseling Mon-Fri 9-5; line 24 hours",
        "Anyone",
        "English, Spanish",
    ),
    (
        "Reentry Counseling Group",
        C.MENTAL_HEALTH,
        "4200 Main St",
        "64111",
        "(816) 555-0162",
        "Wed 6-8 pm",
        "People coming home and their families",
        "English",
    ),
    (
        "Recovery Center Kansas City",
        C.SUBSTANCE_USE,
        "2600 E 12th St",
        "64127",
        "(816) 555-0171",
        "Open 24 hours",
        "Adults 18+",
        "English",
    ),
    (
        "Outpatient Recovery Services",
        C.SUBSTANCE_USE,
        "9300 Ward Pkwy",
        "64114",
        "(816) 555-0172",
        "Mon-Fri 8-7",
        "Adults, Medicaid accepted",
        "English, Spanish",
    ),
    (
        "Little Steps Childcare",
        C.CHILDCARE,
        "6000 Swope Pkwy",
        "64130",
        "(816) 555-0181",
        "Mon-Fri 6-6",
        "Children 6 weeks to 5 years",
        "English",
    ),
    (
        "Childcare Subsidy Help",
        C.CHILDCARE,
        "615 E 13th St",
        "64106",
        "(816) 555-0182",
        "Mon-Fri 8-5",
        "Working parents",
        "English, Spanish",
    ),
    (
        "Adult Learning Center (GED)",
        C.EDUCATION,
        "1211 McGee St",
        "64106",
        "(816) 555-0191",
        "Mon-Thu 9-8",
        "Adults 17+",
        "English, Spanish",
    ),
    (
        "Construction Pre-Apprenticeship",
        C.EDUCATION,
        "4747 Troost Ave",
        "64110",
        "(816) 555-0192",
        "Mon-Fri 7-3",
        "Adults 18+ with a valid ID",
        "English",
    ),
    (
        "Forklift and Warehouse Training",
        C.EDUCATION,
        "1600 Genessee St",
        "64102",
        "(816) 555-0193",
        "Classes monthly",
        "Job seekers",
        "English",
    ),
    (
        "Legal Aid Expungement Clinic",
        C.LEGAL,
        "1125 Grand Blvd",
        "64106",
        "(816) 555-0201",
        "First Saturday 9-12",
        "Missouri convictions",
        "English, Spanish",
    ),
    (
        "Clean Slate Law Project",
        C.LEGAL,
        "500 E 8th St",
        "64106",
        "(816) 555-0202",
        "By appointment",
        "Low income",
        "English",
    ),
    (
        "Kansas Expungement Help",
        C.LEGAL,
        "710 N 7th St",
        "66101",
        "(913) 555-0203",
        "Tue 1-4",
        "Kansas convictions",
        "English, Spanish",
    ),
    (
        "Benefits Enrollment Desk",
        C.BENEFITS,
        "615 E 13th St",
        "64106",
        "(816) 555-0211",
        "Mon-Fri 8-5",
        "Food stamps (SNAP), Medicaid, cash help",
        "English, Spanish",
    ),
    (
        "Veterans Reentry Services",
        C.BENEFITS,
        "4801 Linwood Blvd",
        "64128",
        "(816) 555-0212",
        "Mon-Fri 8-4:30",
        "Veterans",
        "English",
    ),
    (
        "Lee's Summit Family Resource Center",
        C.BENEFITS,
        "220 SE Green St",
        "64063",
        "(816) 555-0213",
        "Mon-Fri 9-4",
        "Families in eastern Jackson County",
        "English",
    ),
]
HOTLINE = (
    "United Way 211",
    C.BENEFITS,
    "",
    "",
    "(816) 474-5112",
    "Open 24 hours",
    "Anyone",
    "English, Spanish and interpreters",
)

STORIES = [
    (
        "from-release-to-forklift",
        "From release to forklift operator in six weeks",
        "Marcus came home in March. He joined the job club the next week.",
        date(2026, 4, 20),
    ),
    (
        "a-bakery-that-hires-second-chances",
        "A bakery that hires second chances",
        "The owner of a Westport bakery explains why half her crew came through the program.",
        date(2026, 6, 2),
    ),
    (
        "hiring-fair-inside-the-walls",
        "Hiring fair inside the walls",
        "Eleven employers met forty people before their release, and made nineteen offers.",
        date(2026, 9, 15),
    ),
]


def _seed_resources() -> int:
    created = 0
    for name, category, address, zip_code, phone, hours, eligibility, languages in [
        *RESOURCES,
        HOTLINE,
    ]:
        _, new = Resource.objects.update_or_create(
            name=name,
            defaults={
                "category": category,
                "description": f"{category.label}: ask for the reentry desk and say the job "
                "club sent you.",
                "address": address,
                "zip_code": zip_code,
                "phone": phone,
                "hours": hours,
                "eligibility": eligibility,
                "languages": languages,
            },
        )
        created += new
    return created


def _seed_stories(home: HomePage) -> None:
    from wagtail.rich_text import RichText

    index = StoryIndexPage.objects.child_of(home).first()
    if index is None:
        return
    for slug, title, summary, day in STORIES:
        if StoryPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        index.add_child(
            instance=StoryPage(
                slug=slug,
                title=title,
                summary=summary,
                date=day,
                author="Program staff",
                body=[
                    ("paragraph", RichText(f"<p>{summary}</p>")),
                    (
                        "quote",
                        {
                            "quote": "Someone finally looked at what I can do.",
                            "attribution": "A program graduate",
                        },
                    ),
                ],
            )
        )


@transaction.atomic
def seed(*, stdout, scale: str = "small") -> None:
    """Idempotent: running it twice changes nothing."""
    home = ensure_launch_content(stdout=stdout)
    _seed_stories(home)
    # The stories are English only: give them their Spanish aliases.
    ensure_spanish_translations(home)
    added = _seed_resources()
    editors, publishers = ensure_editor_groups()
    for username, group in (("facilitator", editors), ("admin", publishers)):
        user = User.objects.filter(username=username).first()
        if user is not None:
            user.groups.add(group)
    stdout.write(f"Content: {Resource.objects.count()} resources ({added} added), stories ready.")
