"""The content site's page types and snippets (Wagtail stays in cms/)."""

from cms.models.home import HomePage
from cms.models.incentives import IncentiveIndexPage, IncentivePage, IncentiveStatus
from cms.models.resources import Resource, ResourceCategory, ResourceDirectoryPage
from cms.models.standard import StandardPage
from cms.models.stories import StoryIndexPage, StoryPage

__all__ = [
    "HomePage",
    "IncentiveIndexPage",
    "IncentivePage",
    "IncentiveStatus",
    "Resource",
    "ResourceCategory",
    "ResourceDirectoryPage",
    "StandardPage",
    "StoryIndexPage",
    "StoryPage",
]
