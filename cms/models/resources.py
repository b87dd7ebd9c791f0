import phonenumbers
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import PARAGRAPH_FEATURES
from portal.core.geo import zip_location


class ResourceCategory(models.TextChoices):
    HOUSING = "housing", _("Housing")
    FOOD = "food", _("Food")
    ID_DOCUMENTS = "id_documents", _("ID documents")
    TRANSPORTATION = "transportation", _("Transportation")
    CLOTHING = "clothing", _("Clothing")
    MEDICAL = "medical", _("Medical care")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    SUBSTANCE_USE = "substance_use", _("Substance use treatment")
    CHILDCARE = "childcare", _("Childcare")
    EDUCATION = "education", _("Education")
    LEGAL = "legal", _("Legal help and expungement")
    BENEFITS = "benefits", _("Benefits")


class Resource(index.Indexed, models.Model):
    """A place that helps people coming home and their families (the program's
    "resource and referral" service). Edited by staff as a Wagtail snippet."""

    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(
        _("kind of help"), max_length=30, choices=ResourceCategory.choices, db_index=True
    )
    description = models.TextField(_("what they offer"))
    address = models.CharField(_("street address"), max_length=250, blank=True)
    zip_code = models.CharField(
        _("ZIP code"),
        max_length=10,
        blank=True,
        help_text=_("5 digits. Needed with an address, so people can find help near them."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    hours = models.CharField(
        _("opening hours"), max_length=200, blank=True, help_text=_("For example: Mon-Fri 9-5")
    )
    eligibility = models.CharField(
        _("who can get help"), max_length=300, blank=True, help_text=_("For example: adults 18+")
    )
    languages = models.CharField(
        _("languages spoken"), max_length=200, blank=True, default="English"
    )
    website = models.URLField(
        _("website"),
        blank=True,
        error_messages={"invalid": _("Enter a full web address, starting with https://")},
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("category"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("zip_code"), FieldPanel("phone")],
            heading=_("How to reach them (a phone or an address, or both)"),
        ),
        FieldPanel("hours"),
        FieldPanel("eligibility"),
        FieldPanel("languages"),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.SearchField("eligibility"),
        index.SearchField("languages"),
        index.FilterField("category"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        self.phone = self.phone.strip()
        self.address = self.address.strip()
        self.zip_code = self.zip_code.strip()
        if not self.phone and not self.address:
            message = _("Give a phone number or a street address, so people can reach them.")
            errors["phone"] = message
            errors["address"] = message
        if self.phone:
            try:
                number = phonenumbers.parse(self.phone, "US")
                valid = phonenumbers.is_valid_number(number)
            except phonenumbers.NumberParseException:
                valid = False
            if valid:
                self.phone = phonenumbers.format_number(
                    number, phonenumbers.PhoneNumberFormat.NATIONAL
                )
            else:
                errors["phone"] = _("Enter a US phone number, for example (816) 555-0123.")
        if self.zip_code and zip_location(self.zip_code) is None:
            errors["zip_code"] = _("This is not a known US ZIP code.")
        elif self.address and not self.zip_code:
            errors["zip_code"] = _("Add the ZIP code of the address.")
        if errors:
            raise ValidationError(errors)

    @property
    def location(self):
        return zip_location(self.zip_code) if self.zip_code else None


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
