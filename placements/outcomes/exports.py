"""The report as rows for the pages, the CSV per section and the funder PDF: the same
values written the same way (`report.display`) everywhere."""

import csv
import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from placements.outcomes import report, rules, selectors
from placements.outcomes.periods import Period
from placements.outcomes.report import OutcomesReport, count_display, display, rows_of
from placements.outcomes.selectors import Rate, Scope
from placements.outcomes.selectors.people import PEOPLE_LISTS, lists_of
from portal.core.pdf import PortalPDF


def section_titles() -> dict[str, str]:
    return {
        "reentry": _("Missouri Reentry 2030 targets"),
        "recidivism": _("Returns to custody"),
        "people_served": _("People served"),
        "placements": _("Placements"),
        "release_to_first_job": _("Days from release to first job"),
        "retention": _("Retention after a job starts"),
        "wioa": _("Employment after leaving the program"),
        "cost_savings": _("Cost savings to the state"),
        "transitional_jobs": _("Transitional jobs"),
        "employers": _("Employers"),
        "job_club": _("Job club and résumés"),
        "referrals_and_supports": _("Referrals and supports"),
    }


def figure_title(key: str) -> str:
    """The title of a people list, for its page (which names it without building it)."""
    spec = PEOPLE_LISTS.get(key)
    return str(spec.title) if spec else key


def people_links(figure_key: str) -> list[dict]:
    """The links to the people lists under a figure: their slug and their text."""
    return [
        {"key": key, "text": _("The people behind “%(title)s”") % {"title": spec.title}}
        for key, spec in lists_of(figure_key)
    ]


def _row(measure, *, public: bool) -> dict:
    value = measure.value
    return {
        "label": measure.label,
        "value": display(value, measure.kind, public=public),
        "count": count_display(value.count, public=public) if isinstance(value, Rate) else "",
        "of": count_display(value.of, public=public) if isinstance(value, Rate) else "",
    }


def _headline(figure, *, public: bool) -> str:
    if figure is None or isinstance(figure.value, dict):
        return ""
    return display(figure.value, figure.value_kind, public=public)


# Measures of a figure that add up to another of its measures (the total first; a rate
# counts as its count). In what leaves the program, when a part is 1 to 4 people ("fewer
# than 5"), the total and the other parts are not shown either: subtracting would tell
# the small number (DOMAIN_RULES.md, "Outcomes": small numbers).
ADDITIVE = {
    "placements": ("count", ("unsubsidized", "subsidized")),
    "referrals_and_supports": (
        "referrals_made",
        ("referrals_connected", "referrals_not_connected", "referrals_open"),
    ),
}


def _people(value) -> int | None:
    if isinstance(value, Rate):
        return value.count
    return value if isinstance(value, int) else None


def hides_total(figure) -> bool:
    """Whether, in what leaves the program, the figure's additive total (and so its
    headline and its base) is withheld because one of its parts is 1 to 4 people."""
    if figure.key not in ADDITIVE:
        return False
    _total, parts = ADDITIVE[figure.key]
    return any(0 < (_people(figure.measure(part)) or 0) < rules.minimum_cell() for part in parts)


def _withhold(rows: list[dict], figure) -> None:
    total, parts = ADDITIVE[figure.key]
    keys = [measure.key for measure in rows_of(figure)]
    for key in (total, *parts):
        row = rows[keys.index(key)]
        if row["value"] != _("fewer than 5"):
            row["value"] = _("not shown")
        if row["of"]:
            row["count"], row["of"] = _("not shown"), _("not shown")


def _rows(figure, previous_figure, *, public: bool) -> list[dict]:
    """The figure's rows, each with the same measure of the previous period when given
    (the measures of one figure come in the same order whatever the period)."""
    rows = [_row(measure, public=public) for measure in rows_of(figure)]
    if public and hides_total(figure):
        _withhold(rows, figure)
    if previous_figure is not None:
        for row, measure in zip(rows, rows_of(previous_figure), strict=True):
            row["previous"] = _row(measure, public=public)["value"]
    return rows


def page_sections(
    outcomes: OutcomesReport,
    *,
    public: bool = False,
    previous: OutcomesReport | None = None,
) -> list[dict]:
    """The report's sections for a page; with `previous` (the same report for the
    period of the same length just before), each value beside the previous one."""
    titles = section_titles()
    sections = []
    for key in report.SECTIONS:
        figures = []
        for figure in outcomes.section(key):
            previous_figure = previous.figures[figure.key] if previous else None
            withheld = public and hides_total(figure)
            figures.append(
                {
                    "figure": figure,
                    "people_links": [] if public else people_links(figure.key),
                    "value": _("not shown") if withheld else _headline(figure, public=public),
                    "previous_value": _headline(previous_figure, public=public),
                    "of": _("not shown") if withheld else count_display(figure.of, public=public),
                    "target": report.target_display(figure),
                    "rows": _rows(figure, previous_figure, public=public),
                }
            )
        sections.append({"key": key, "title": titles[key], "figures": figures})
    return sections


def section_csv(
    outcomes: OutcomesReport, section: str, *, previous: OutcomesReport | None = None
) -> str:
    """One section as CSV: figure, measure, value, count, of, target, period, the value
    of the previous period of the same length (when given), definition."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            _("Figure"),
            _("Measure"),
            _("Value"),
            _("Count"),
            _("Of"),
            _("Target"),
            _("From"),
            _("To"),
            _("Previous period"),
            _("Definition"),
        ]
    )
    for figure in outcomes.section(section):
        previous_figure = previous.figures[figure.key] if previous else None
        for row in _rows(figure, previous_figure, public=False):
            writer.writerow(
                [
                    figure.title,
                    row["label"],
                    row["value"],
                    row["count"],
                    row["of"],
                    report.target_display(figure),
                    outcomes.period.start.isoformat(),
                    outcomes.period.end.isoformat(),
                    row.get("previous", ""),
                    figure.definition,
                ]
            )
    return buffer.getvalue()


def funder_pdf(outcomes: OutcomesReport) -> bytes:
    """The funder summary on Letter pages: program, period, every figure with its
    definition, counts of 1 to 4 people shown as "fewer than 5", and the note saying so."""
    from django.conf import settings

    program = getattr(settings, "PORTAL_PROGRAM_NAME", "Second Chance")
    pdf = PortalPDF(title=_("Outcomes report"), author=program)
    pdf.text_line(program, style="B", size=16, height=9)
    pdf.text_line(
        _("Outcomes from %(start)s to %(end)s")
        % {
            "start": date_format(outcomes.period.start, "DATE_FORMAT"),
            "end": date_format(outcomes.period.end, "DATE_FORMAT"),
        },
        size=12,
    )
    pdf.paragraph(suppression_note(), style="I", size=9)
    for section in page_sections(outcomes, public=True):
        pdf.ln(2)
        pdf.text_line(section["title"], style="B", size=13, height=8)
        for item in section["figures"]:
            figure = item["figure"]
            pdf.text_line(figure.title, style="B", size=11)
            for row in item["rows"]:
                based = (
                    _(" (%(count)s of %(of)s)") % {"count": row["count"], "of": row["of"]}
                    if row["of"]
                    else ""
                )
                pdf.text_line(f"{row['label']}: {row['value']}{based}", size=10, height=6)
            if item["target"]:
                pdf.text_line(
                    _("Target: %(target)s") % {"target": item["target"]}, size=10, height=6
                )
            pdf.paragraph(figure.definition, size=8, height=4)
    return pdf.bytes()


def suppression_note() -> str:
    return _(
        "Any number of fewer than 5 people, and any rate of or based on fewer than 5 "
        "people, is shown as “fewer than 5” so that no one can be singled out; a total "
        "from which such a number could be worked out by subtraction is “not shown”."
    )


def employer_rows(*, period: Period, scope: Scope) -> list[dict]:
    """An employer's own results: hires in the period, still with them 90 days after the
    start, tax credits estimated, bonds issued. Counts of 1 to 4 read "fewer than 5"."""
    employers = selectors.employers_results(period=period, scope=scope)
    retention = selectors.retention(period=period, scope=scope)
    rows = [
        employers.measures[index]
        for index, measure in enumerate(employers.measures)
        if measure.key
        in (
            "hires",
            "tax_credits_estimated",
            "tax_credits_pending",
            "form_8850_on_time",
            "bonds_issued",
        )
    ]
    ninety = next((rate for days, rate in retention.value.items() if days == 90), None)
    if ninety is not None:
        rows.insert(
            1,
            selectors.Measure(
                "retention_90_days", _("Still employed 90 days after the start"), ninety, "rate"
            ),
        )
    return [_row(measure, public=True) for measure in rows]
