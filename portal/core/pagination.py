"""A paginator for lists whose size is counted (or estimated) before paging: the job
search counts exactly only up to a limit, so its pages stop there too."""

import math
from functools import cached_property

from django.core.paginator import Paginator


class CountedPaginator(Paginator):
    """Django's Paginator, told the list's `count` instead of counting it, and offering
    pages over the first `browsable` rows only when that count is an estimate.

    Past the exact limit the number is an estimate, so a last page computed from it could
    be empty or miss rows; and a page 400 deep costs a scan of everything before it while
    nobody reads it. The first `browsable` rows are always there; a narrower search
    reaches the rest."""

    def __init__(self, object_list, per_page, *, count: int, is_estimate: bool, browsable: int):
        super().__init__(object_list, per_page)
        self._given_count = count
        self.count_is_estimate = is_estimate
        self.browsable = browsable

    @cached_property
    def count(self):
        return self._given_count

    @cached_property
    def num_pages(self):
        rows = min(self.count, self.browsable) if self.count_is_estimate else self.count
        if rows == 0 and not self.allow_empty_first_page:
            return 0
        return math.ceil(max(1, rows - self.orphans) / self.per_page)
