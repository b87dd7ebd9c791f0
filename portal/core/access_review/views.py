"""The access review page and its CSV, for program admins (anyone else: 404, signed
out: the sign-in page)."""

import csv

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render

from portal.core.access_review.filters import AccessReviewFilter
from portal.core.access_review.selectors import (
    AccessReviewFilters,
    review_period,
    sensitive_reads_by_day,
)
from portal.core.models import Role
from portal.core.permissions import role_required

ROWS_PER_PAGE = 50
CSV_COLUMNS = [
    "date",
    "username",
    "name",
    "role",
    "reads",
    "participants",
    "records",
    "supervision_terms",
    "case_notes",
]
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _csv_row(row: dict) -> list[str]:
    name = f"{row['viewer__first_name']} {row['viewer__last_name']}".strip()
    return [
        row["day"].isoformat(),
        _cell(row["viewer__username"]),
        _cell(name),
        row["viewer__role"],
        row["reads"],
        row["participants"],
        row["records"],
        row["supervision_terms"],
        row["case_notes"],
    ]


class _Echo:
    def write(self, value):
        return value


def _csv_response(rows, filters: AccessReviewFilters) -> StreamingHttpResponse:
    """Every row of the review (all pages), streamed so a long period stays light."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")

    def stream():
        yield writer.writerow(CSV_COLUMNS)
        for row in rows.iterator(chunk_size=500):
            yield writer.writerow(_csv_row(row))

    date_from, date_to = review_period(filters)
    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="access-review-{date_from}-{date_to}.csv"'
    )
    return response


@role_required(Role.ADMIN)
def access_review(request, as_csv: bool = False):
    """Sensitive reads per staff member per day, newest first, filtered by person and
    days; `?format=csv` (or the .csv address) downloads the same rows."""
    filterset = AccessReviewFilter(request.GET or None, request=request)
    valid = filterset.is_valid() or not filterset.is_bound
    filters = filterset.review_filters() if filterset.is_bound and valid else AccessReviewFilters()
    rows = sensitive_reads_by_day(user=request.user, filters=filters)
    if valid and (as_csv or request.GET.get("format") == "csv"):
        return _csv_response(rows, filters)
    page = Paginator(rows if valid else [], ROWS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    date_from, date_to = review_period(filters)
    return render(
        request,
        "core/access_review/review.html",
        {
            "form": filterset.form,
            "page": page,
            "query": query.urlencode(),
            "date_from": date_from,
            "date_to": date_to,
            "valid": valid,
        },
    )
