"""Helpers of the page components in templates/components/ (`{% load components %}`)."""

from collections.abc import Mapping

from django import template

register = template.Library()


@register.filter
def table_cells(row, headers) -> list[dict]:
    """One data-table row's cells, each with its column's name (the `data-label` a phone
    shows before the value) and its text, link or badge tone.

    A cell is a plain value or a mapping with "text" and optionally "url" or "tone"."""
    cells = []
    for label, cell in zip(headers, row, strict=False):
        if isinstance(cell, Mapping):
            item = {"text": cell.get("text", ""), "url": cell.get("url"), "tone": cell.get("tone")}
        else:
            item = {"text": cell, "url": None, "tone": None}
        cells.append({"label": label, **item})
    return cells


# The colour (and so the icon) of a status badge, by the status's stored value; the
# badge's text is always the status's label in the reader's language.
STATUS_TONES = {
    # done, good
    "hired": "success",
    "approved": "success",
    "confirmed": "success",
    "open": "success",
    "checked_in": "success",
    "booked": "success",
    "issued": "success",
    "active": "success",
    "exported": "success",
    "completed": "success",
    "published": "success",
    "connected": "success",
    # waiting on someone
    "submitted": "warning",
    "pending": "warning",
    "pending_payment": "warning",
    "changes_requested": "warning",
    "requested": "warning",
    "reviewed": "warning",
    "made": "warning",
    # moving along
    "reviewing": "info",
    "interview_scheduled": "info",
    "interviewed": "info",
    "conditional_offer": "info",
    "registered": "info",
    "contacted": "info",
    # stopped
    "rejected": "danger",
    "suspended": "danger",
    "denied": "danger",
    "not_connected": "danger",
}


@register.filter
def status_tone(status) -> str:
    """The badge tone of a status value ("hired" → "success"); others are neutral
    (drafts, closed, withdrawn, cancelled: nothing to act on)."""
    return STATUS_TONES.get(str(status), "neutral")
