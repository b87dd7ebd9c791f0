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
