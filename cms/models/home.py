from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.figures import home_figures, upcoming_fairs


class HomePage(Page):
    """The site root at "/": a message for each audience with its next step, the live
    figures of the program (from the domain apps' selectors) and a featured story."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("A few plain sentences under the title."),
    )
    employers_text = models.TextField(
        _("message for employers"),
        blank=True,
        help_text=_("Why hire with the program, in two or three sentences."),
    )
    participants_text = models.TextField(
        _("message for participants and families"),
        blank=True,
        help_text=_("How the program helps people coming home and their families."),
    )
    partners_text = models.TextField(
        _("message for partners and funders"),
        blank=True,
        help_text=_("What the program achieves and how it is measured."),
    )
    featured_story = models.ForeignKey(
        "cms.StoryPage",
        verbose_name=_("featured story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to show the newest story."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("employers_text"),
                FieldPanel("participants_text"),
                FieldPanel("partners_text"),
            ],
            heading=_("Audiences"),
        ),
        FieldPanel("featured_story"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("employers_text"),
        index.SearchField("participants_text"),
        index.SearchField("partners_text"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.IncentiveIndexPage",
        "cms.ResourceDirectoryPage",
        "cms.StoryIndexPage",
        "cms.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from cms.models.incentives import IncentiveIndexPage
        from cms.models.resources import ResourceDirectoryPage
        from cms.models.stories import StoryIndexPage, StoryPage

        context = super().get_context(request, *args, **kwargs)
        # One query for the sections the audiences' links point to.
        sections = {}
        for child in self.get_children().live().public():
            sections.setdefault(child.specific_class, child)
        context["incentives_page"] = sections.get(IncentiveIndexPage)
        context["directory_page"] = sections.get(ResourceDirectoryPage)
        context["stories_page"] = sections.get(StoryIndexPage)
        # The chosen story in this page's language (its translation or alias if any).
        story = self.featured_story.localized if self.featured_story else None
        if story is None or not story.live:
            story = (
                StoryPage.objects.live()
                .public()
                .filter(locale_id=self.locale_id)
                .order_by("-date", "-pk")
                .first()
            )
        context["featured_story"] = story
        context["figures"] = home_figures()
        context["upcoming_fairs"] = upcoming_fairs()
        return context
