"""List filters of the fairs area (django-filter), so a bad value is refused with a
message instead of being dropped. The door list's name search keeps its `q` parameter."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from placements.fairs.models import FairRegistration

# A name search looks at the first few words only (first, last or preferred name each).
NAME_SEARCH_WORDS = 3


class CheckInFilter(django_filters.FilterSet):
    """The check-in page's door list: RSVPs whose participant's first, last or preferred
    name contains each of the words searched."""

    q = django_filters.CharFilter(label=_("Find a name"), method="filter_name")

    class Meta:
        model = FairRegistration
        fields: list[str] = []

    def filter_name(self, queryset, name, value):
        for word in value.split()[:NAME_SEARCH_WORDS]:
            queryset = queryset.filter(
                Q(participant__first_name__icontains=word)
                | Q(participant__last_name__icontains=word)
                | Q(participant__preferred_name__icontains=word)
            )
        return queryset
