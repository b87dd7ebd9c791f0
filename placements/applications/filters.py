"""List filters of the applications area (pages and API): a value the filter does not
know is refused with a message next to the filter (page) or a 400 naming it (API), and
the API's filters appear in the OpenAPI schema."""

import django_filters
from django.utils.translation import gettext_lazy as _

from placements.applications.models import Application, ApplicationStatus


class ApplicationFilter(django_filters.FilterSet):
    """`?status=<stage>`: the applications at that stage (empty: every stage)."""

    status = django_filters.ChoiceFilter(
        choices=ApplicationStatus.choices, label=_("Stage"), empty_label=_("All stages")
    )

    class Meta:
        model = Application
        fields = ["status"]
