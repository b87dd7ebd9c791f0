"""The tax-credit (WOTC) sentences a reader sees, made when they are shown, in the reader's
language and with dates in the portal's format. The screening stores facts (eligible or
not, the end of the one-year window, the Form 8850 dates), never a finished sentence, so
an employer reading in Spanish does not get the English words of whoever made the hire.

Pure functions of a screening and its placement: the service uses them to decide whether
the paperwork failed, the selectors to show why."""

from django.utils.translation import gettext as _

from placements.applications import rules
from portal.core.templatetags.formatting import date_display


def eligibility_text(screening) -> str:
    """Why the hire is (or is not) in the ex-felon target group, from the stored window
    end (`eligibility_window_ends_on`): none means no felony on record. A screening
    older than that field with a custom note keeps its note."""
    ends = screening.eligibility_window_ends_on
    if ends is None:
        if screening.record_eligible:
            return screening.eligibility_note
        return _("No felony conviction on record: not in the ex-felon group.")
    if screening.record_eligible:
        return _(
            "Felony conviction; hired within a year of the conviction or release (by %(day)s)."
        ) % {"day": date_display(ends)}
    return _(
        "Hired more than a year after the conviction or release (the window ended %(day)s)."
    ) % {"day": date_display(ends)}


def paperwork_problem(screening, placement) -> str:
    """Why Form 8850 makes the credit lost, or "": signed by the participant after the
    job offer, or received by the state after the deadline (start + 28 days)."""
    offered_on = placement.offered_on or placement.start_date
    if screening.applicant_signed_on and screening.applicant_signed_on > offered_on:
        return _(
            "The participant signed Form 8850 on %(signed)s, after the job offer (%(offer)s). It "
            "must be signed on or before the offer day."
        ) % {
            "signed": date_display(screening.applicant_signed_on),
            "offer": date_display(offered_on),
        }
    deadline = rules.wotc_filing_deadline(placement.start_date)
    if screening.submitted_on and screening.submitted_on > deadline:
        return _("Form 8850 reached the state on %(sent)s, after the deadline (%(deadline)s).") % {
            "sent": date_display(screening.submitted_on),
            "deadline": date_display(deadline),
        }
    return ""


def ineligible_text(screening) -> str:
    """Why the credit is lost, in the reader's language; a stored reason the rules no
    longer explain (written by hand or by an older version) is shown as stored."""
    if not screening.ineligible_reason:
        return ""
    return paperwork_problem(screening, screening.placement) or screening.ineligible_reason
