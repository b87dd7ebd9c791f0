from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import PARAGRAPH_FEATURES, ContentBlock, StepBlock


class IncentiveIndexPage(Page):
    """Hiring incentives: what an employer gains by hiring a person with a record."""

    intro = RichTextField(_("introduction"), blank=True, features=PARAGRAPH_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.IncentivePage"]
    max_count = 1

    class Meta:
        verbose_name = _("hiring incentives index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["incentives"] = IncentivePage.objects.child_of(self).live().public()
        return context


class IncentiveStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    LAPSED = "lapsed", _("Lapsed")
    PENDING_REAUTHORIZATION = "pending_reauthorization", _("Pending reauthorization")
    ONGOING = "ongoing", _("Always available")


class IncentivePage(Page):
    """One incentive or guide, with the facts in fixed fields (so every page answers the
    same questions) and a free body. The tax-credit page turns on the estimator, which
    computes with `placements.rules`, the code placements use."""

    provider = models.CharField(
        _("who provides it"), max_length=200, help_text=_("For example: the IRS and the state.")
    )
    value_summary = models.CharField(
        _("what it is worth"), max_length=300, help_text=_("In one plain sentence.")
    )
    eligibility = RichTextField(_("who qualifies"), features=PARAGRAPH_FEATURES)
    claim_steps = StreamField(
        [("step", StepBlock())],
        verbose_name=_("how to claim"),
        blank=True,
        help_text=_("The steps in order."),
    )
    deadlines = RichTextField(_("deadlines"), blank=True, features=PARAGRAPH_FEATURES)
    status = models.CharField(
        _("current status"),
        max_length=30,
        choices=IncentiveStatus.choices,
        default=IncentiveStatus.ACTIVE,
    )
    status_since = models.DateField(_("status since"), null=True, blank=True)
    status_until = models.DateField(_("status until"), null=True, blank=True)
    status_note = models.CharField(
        _("status in plain words"),
        max_length=300,
        blank=True,
        help_text=_("For example: Congress has not yet renewed it."),
    )
    source_name = models.CharField(_("official source"), max_length=200)
    source_url = models.URLField(
        _("official source web address"),
        error_messages={"invalid": _("Enter a full web address, starting with https://")},
    )
    body = StreamField(ContentBlock(), verbose_name=_("more about it"), blank=True)
    show_tax_credit_estimator = models.BooleanField(
        _("show the tax-credit estimator"),
        default=False,
        help_text=_("Only on the Work Opportunity Tax Credit page."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("provider"),
        FieldPanel("value_summary"),
        FieldPanel("eligibility"),
        FieldPanel("claim_steps"),
        FieldPanel("deadlines"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("status_since"),
                FieldPanel("status_until"),
                FieldPanel("status_note"),
            ],
            heading=_("Status"),
        ),
        MultiFieldPanel([FieldPanel("source_name"), FieldPanel("source_url")], heading=_("Source")),
        FieldPanel("body"),
        FieldPanel("show_tax_credit_estimator"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("provider"),
        index.SearchField("value_summary"),
        index.SearchField("eligibility"),
        index.SearchField("body"),
        index.FilterField("status"),
    ]

    parent_page_types = ["cms.IncentiveIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("hiring incentive")

    def get_context(self, request, *args, **kwargs):
        from cms.forms import TaxCreditEstimatorForm

        context = super().get_context(request, *args, **kwargs)
        if self.show_tax_credit_estimator:
            form = TaxCreditEstimatorForm(request.GET if "hours" in request.GET else None)
            context["estimator_form"] = form
            context["estimate"] = form.estimate() if form.is_bound else None
            context["credit_end_date"] = form.credit_end_date()
        return context
