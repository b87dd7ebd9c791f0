from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import PARAGRAPH_FEATURES


class ResourceDirectoryPage(RoutablePageMixin, Page):
    """The resource directory: search and filter by kind of help and distance from a ZIP
    code, and a printable one-page list for people without a phone."""

    intro = RichTextField(_("introduction"), blank=True, features=PARAGRAPH_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("resource directory")

    def _search_context(self, request):
        from cms.forms import ResourceSearchForm
        from cms.selectors import resources_matching

        form = ResourceSearchForm(request.GET or None)
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
        matches = (
            resources_matching(
                query=filters.get("q", ""),
                category=filters.get("category", ""),
                zip_code=filters.get("zip_code", ""),
                miles=int(filters["miles"]) if filters.get("miles") else None,
            )
            if not form.is_bound or form.is_valid()
            else []
        )
        return {
            "form": form,
            "matches": matches,
            "query_string": request.GET.urlencode(),
            "today": timezone.localdate(),
        }

    @path("")
    def directory(self, request):
        return self.render(request, context_overrides=self._search_context(request))

    @path("print/")
    def printable(self, request):
        return self.render(
            request,
            template="cms/resource_directory_print.html",
            context_overrides=self._search_context(request),
        )
