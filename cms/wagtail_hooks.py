from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.core.models import PartnerOrganisation


class PartnerOrganisationViewSet(SnippetViewSet):
    """The directory's places to get help, kept once in portal.core (referrals point at
    them) and edited here by staff, as "Resources" in the editor's menu."""

    model = PartnerOrganisation
    icon = "site"
    menu_label = _("Resources")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "category", "zip_code", "phone"]
    list_filter = ["category"]
    ordering = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("category"),
        FieldPanel("description"),
        FieldPanel("description_es"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("zip_code"), FieldPanel("phone")],
            heading=_("How to reach them (a phone or an address, or both)"),
        ),
        FieldPanel("hours"),
        FieldPanel("hours_es"),
        FieldPanel("eligibility"),
        FieldPanel("eligibility_es"),
        FieldPanel("languages"),
        FieldPanel("languages_es"),
        FieldPanel("website"),
    ]


register_snippet(PartnerOrganisationViewSet)
