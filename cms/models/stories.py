from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import ContentBlock

STORIES_PER_PAGE = 12


class StoryIndexPage(Page):
    """Stories and news, newest first."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StoryPage"]
    max_count = 1

    class Meta:
        verbose_name = _("stories index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stories"] = (
            StoryPage.objects.child_of(self)
            .live()
            .public()
            .select_related("image")
            .order_by("-date", "-pk")[:STORIES_PER_PAGE]
        )
        return context


class StoryPage(Page):
    """One story or news item: who wrote it, when, an image, and the text."""

    date = models.DateField(_("date"), default=timezone.localdate)
    author = models.CharField(_("author"), max_length=120)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences for lists.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = models.CharField(
        _("image alt text"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    body = StreamField(ContentBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("author")], heading=_("Byline")),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], heading=_("Image")),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.AutocompleteField("author"),
    ]

    parent_page_types = ["cms.StoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt_text.strip():
            raise ValidationError(
                {"image_alt_text": _("Describe the image for people who cannot see it.")}
            )
