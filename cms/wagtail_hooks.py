from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import Resource


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "site"
    menu_label = _("Resources")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "category", "zip_code", "phone"]
    list_filter = ["category"]
    ordering = ["name"]


register_snippet(ResourceViewSet)
