"""The Work Opportunity Tax Credit screening of a placement (ex-felon target group,
Form 8850 dates, first-year hours and wages)."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jobseekers.models import OffenseLevel
from placements.applications import rules
from placements.applications.exceptions import InvalidInputError, field_error
from placements.applications.models import WotcScreening
from placements.applications.panels import program_counts_changed
from placements.applications.permissions import can_edit_wotc, is_placement_staff
from placements.applications.wotc_text import eligibility_text, paperwork_problem
from portal.core.audit import audit_record
from portal.core.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from portal.core.models import User
from portal.core.money import to_money


class WotcEligibility(NamedTuple):
    """The ex-felon target group decision: `eligible`, the English `note` kept on the
    screening, and the end of the one-year window (None: no felony on record), from
    which readers get the sentence in their language (`wotc_text.eligibility_text`)."""

    eligible: bool
    note: str
    window_ends_on: date | None


def wotc_eligibility(record: list[dict], *, hire_date: date) -> WotcEligibility:
    """The ex-felon target group (26 U.S.C. 51(d)(4)): a felony conviction, and hired
    within a year of the conviction or of the release from prison, whichever is later.
    `record` is the summary (level, convicted_on, released_on per conviction)."""
    felonies = [row for row in record if row["level"] == OffenseLevel.FELONY]
    ends = None
    if felonies:
        ends = max(
            rules.wotc_eligibility_ends_on(
                conviction_date=row["convicted_on"], release_date=row["released_on"]
            )
            for row in felonies
        )
    eligible = ends is not None and hire_date <= ends
    decision = SimpleNamespace(
        record_eligible=eligible, eligibility_window_ends_on=ends, eligibility_note=""
    )
    with translation.override("en"):
        note = eligibility_text(decision)
    return WotcEligibility(eligible, note, ends)


WOTC_FIELDS = (
    "applicant_signed_on",
    "employer_signed_on",
    "submitted_on",
    "first_year_hours",
    "first_year_wages",
)


@transaction.atomic
def wotc_update(*, screening: WotcScreening, actor: User, **changes) -> WotcScreening:
    """Record Form 8850 dates and first-year hours and wages (caseload staff or the
    employer; only staff record the participant's signature, `applicant_signed_on`,
    because it discloses the eligibility to the employer). The applicant signs on or
    before the offer day and the form reaches the state within 28 days of the start:
    otherwise the credit is marked not eligible, with the reason. Hours and wages go
    through the credit rules (a negative or impossible number is refused). Dates cannot
    be in the future."""
    screening = (
        WotcScreening.objects.select_for_update(of=("self",))
        .select_related("placement__participant")
        .get(pk=screening.pk)
    )
    placement = screening.placement
    if not can_edit_wotc(actor, placement):
        raise NotFoundError()
    staff = is_placement_staff(actor, placement)
    unknown = set(changes) - set(WOTC_FIELDS)
    if unknown:
        raise field_error(sorted(unknown)[0], _("This cannot be changed here."))
    if "applicant_signed_on" in changes and not staff:
        # The signature discloses the eligibility to the employer (wotc_disclosed_to):
        # the employer must not be able to unlock it.
        message = _("Program staff record the participant's signature on Form 8850.")
        raise PermissionDeniedError(message, fields={"applicant_signed_on": [message]})
    today = timezone.localdate()
    for name in ("applicant_signed_on", "employer_signed_on", "submitted_on"):
        if name in changes:
            value = changes[name]
            if value is not None and (not isinstance(value, date) or value > today):
                raise field_error(name, _("Give a date no later than today."))
            setattr(screening, name, value)
    if "first_year_hours" in changes or "first_year_wages" in changes:
        hours = changes.get("first_year_hours", screening.first_year_hours)
        wages = changes.get("first_year_wages", screening.first_year_wages)
        try:
            rules.wotc_credit(
                hours=hours if hours is not None else 0, wages=wages if wages is not None else 0
            )
        except ApplicationError as error:
            name = "first_year_hours" if "hours" in error.fields else "first_year_wages"
            raise InvalidInputError(error.message, fields={name: [error.message]}) from error
        screening.first_year_hours = Decimal(str(hours)) if hours is not None else None
        screening.first_year_wages = to_money(Decimal(str(wages))) if wages is not None else None
    # Stored in English as the record of why (and the flag the lists filter on);
    # readers get it in their language from wotc_text.ineligible_text.
    with translation.override("en"):
        screening.ineligible_reason = paperwork_problem(screening, placement)
    screening.save()
    audit_record(
        actor=actor,
        action="wotc.updated",
        target=placement,
        details={"fields": sorted(changes), "ineligible": bool(screening.ineligible_reason)},
    )
    program_counts_changed()
    return screening
