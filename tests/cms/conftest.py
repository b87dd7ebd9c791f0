import pytest

from cms.launch import ensure_launch_content
from cms.models import IncentivePage, ResourceDirectoryPage, StoryIndexPage


@pytest.fixture
def site_tree(db):
    """The English launch page tree (translating it takes time most tests do not need)."""
    return ensure_launch_content(spanish=False)


@pytest.fixture
def bilingual_site_tree(db):
    """The launch page tree in English and Spanish, as `manage.py cms_setup` makes it."""
    return ensure_launch_content()


@pytest.fixture
def tax_credit_page(site_tree):
    return IncentivePage.objects.get(slug="work-opportunity-tax-credit", locale=site_tree.locale)


@pytest.fixture
def directory_page(site_tree):
    return ResourceDirectoryPage.objects.get(locale=site_tree.locale)


@pytest.fixture
def story_index(site_tree):
    return StoryIndexPage.objects.get(locale=site_tree.locale)
