"""Demo content for `manage.py seed_demo`: the home page as the site root."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.models import HomePage

HOME_TITLE = "Second Chance Jobs Portal"
HOME_INTRO = (
    "<p>Fair-chance employers, people coming home from prison, and the job club staff "
    "who help them, in one place.</p>"
)


@transaction.atomic
def seed(*, stdout, scale: str = "small") -> None:
    """Make sure a HomePage is the default site's root (idempotent; works on an empty
    database too, as the browser tests' flushed one)."""
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root")
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(title=HOME_TITLE, slug="home", intro=HOME_INTRO))
    site = Site.objects.filter(is_default_site=True).first()
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
    stdout.write("Content: home page ready at /")
