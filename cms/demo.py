"""Demo content for `manage.py seed_demo`: the launch page tree (as `cms_setup` makes it),
demo stories and the demo staff in the editors'
groups."""

from datetime import date

from django.db import transaction

from cms.editors import ensure_editor_groups
from cms.launch import ensure_launch_content, ensure_spanish_translations, spanish_locale
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


# The demo stories in Spanish, by the English story's slug: title, summary, quote.
STORIES_ES = {
    "from-release-to-forklift": (
        "De la salida de prisión a operador de montacargas en seis semanas",
        "Marcus volvió a casa en marzo. Se unió al club de empleo la semana siguiente.",
        "Por fin alguien se fijó en lo que sé hacer.",
    ),
    "a-bakery-that-hires-second-chances": (
        "Una panadería que da segundas oportunidades",
        "La dueña de una panadería de Westport cuenta por qué la mitad de su equipo llegó "
        "por el programa.",
        "Por fin alguien se fijó en lo que sé hacer.",
    ),
    "hiring-fair-inside-the-walls": (
        "Feria de empleo dentro de la prisión",
        "Once empleadores conocieron a cuarenta personas antes de su salida, e hicieron "
        "diecinueve ofertas.",
        "Por fin alguien se fijó en lo que sé hacer.",
    ),
}


def _translate_stories(home: HomePage) -> None:
    """Give each demo story its Spanish version (Wagtail's copy for translation: same
    address, shared translation key), replacing the alias an older seed made."""
    from wagtail.rich_text import RichText

    spanish = spanish_locale()
    if spanish is None:
        return
    index = StoryIndexPage.objects.child_of(home).first()
    if index is None or not index.has_translation(spanish):
        return
    for story in StoryPage.objects.child_of(index).filter(slug__in=STORIES_ES):
        existing = story.get_translation_or_none(spanish)
        if existing is not None and existing.alias_of_id is None:
            continue
        if existing is not None:
            existing.delete()
        title, summary, quote = STORIES_ES[story.slug]
        copy = story.copy_for_translation(spanish)
        copy.title = title
        copy.summary = summary
        copy.author = "Personal del programa"
        copy.body = [
            ("paragraph", RichText(f"<p>{summary}</p>")),
            ("quote", {"quote": quote, "attribution": "Un graduado del programa"}),
        ]
        copy.save_revision().publish()


@transaction.atomic
def seed(*, stdout, scale: str = "small") -> None:
    """Idempotent: running it twice changes nothing."""
    home = ensure_launch_content(stdout=stdout)
    _seed_stories(home)
    _translate_stories(home)
    # Any other English page gets its Spanish alias until an editor translates it.
    ensure_spanish_translations(home)
    editors, publishers = ensure_editor_groups()
    for username, group in (("facilitator", editors), ("admin", publishers)):
        user = User.objects.filter(username=username).first()
        if user is not None:
            user.groups.add(group)
    stdout.write("Content: pages and stories ready.")
