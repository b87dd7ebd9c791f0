"""Writes of the transitional-jobs area: work sites and crew assignments (`sites`), time
entries, daily ratings and the crew sheet (`time`), pay periods, payroll runs and pay
adjustments (`payroll`).

Every function is keyword-only, atomic, validates before it saves, and writes its audit
event in the same transaction. Bad input raises an ApplicationError with a message a
person can act on, and nothing is saved. Who may do what is decided in permissions.py;
someone not allowed gets a 404.
"""

from placements.transitional.services.payroll import (
    EXPORT_COLUMNS,
    pay_adjustment_create,
    pay_period_create,
    payroll_csv,
    payroll_run_approve,
    payroll_run_create,
    payroll_run_export,
    payroll_run_export_download,
    payroll_run_recalculate,
    payroll_run_review,
)
from placements.transitional.services.sites import (
    assignment_change,
    assignment_create,
    assignment_end,
    worksite_create,
)
from placements.transitional.services.time import (
    CrewRow,
    crew_day_approve,
    crew_day_record,
    rating_record,
    time_entry_create,
    time_entry_update,
)

__all__ = [
    "EXPORT_COLUMNS",
    "CrewRow",
    "assignment_change",
    "assignment_create",
    "assignment_end",
    "crew_day_approve",
    "crew_day_record",
    "pay_adjustment_create",
    "pay_period_create",
    "payroll_csv",
    "payroll_run_approve",
    "payroll_run_create",
    "payroll_run_export",
    "payroll_run_export_download",
    "payroll_run_recalculate",
    "payroll_run_review",
    "rating_record",
    "time_entry_create",
    "time_entry_update",
    "worksite_create",
]
