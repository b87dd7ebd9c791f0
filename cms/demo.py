"""Demo content for `manage.py seed_demo`: the launch page tree (as `cms_setup` makes it),
demo stories and the demo staff in the editors'
groups."""

from datetime import date

from django.db import transaction

from cms.editors import ensure_editor_groups
from cms.launch import ensure_launch_content, ensure_spanish_translations
from cms.models import HomePage, StoryIndexPage, StoryPage
from portal.core.models import User

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
    editors, publishers = ensure_editor_groups()
    for username, group in (("facilitator", editors), ("admin", publishers)):
        user = User.objects.filter(username=username).first()
        if user is not None:
            user.groups.add(group)
    stdout.write("Content: pages and stories ready.")
