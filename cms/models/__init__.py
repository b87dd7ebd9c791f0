"""The content site's page types (Wagtail stays in cms/). The directory's organisations
are `portal.core.models.PartnerOrganisation`, edited here as a snippet."""

from cms.models.home import HomePage
from cms.models.incentives import IncentiveIndexPage, IncentivePage, IncentiveStatus
from cms.models.resources import ResourceDirectoryPage
from cms.models.standard import StandardPage
from cms.models.stories import StoryIndexPage, StoryPage

__all__ = [
    "HomePage",
    "IncentiveIndexPage",
    "IncentivePage",
    "IncentiveStatus",
    "ResourceDirectoryPage",
    "StandardPage",
    "StoryIndexPage",
    "StoryPage",
]
