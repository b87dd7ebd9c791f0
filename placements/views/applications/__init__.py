"""HTML pages of the applications area: apply, the application page with its actions
and fair-chance steps, the record summary, placements with retention checks, tax credit
and bonding."""

from .pages import (
    application_detail,
    application_list,
    application_record,
    apply,
    placement_detail,
    placement_list,
    placement_new,
)

__all__ = [
    "application_detail",
    "application_list",
    "application_record",
    "apply",
    "placement_detail",
    "placement_list",
    "placement_new",
]
