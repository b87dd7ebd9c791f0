"""The technical admin's view of employers, jobs and fairs: read-only, since every change
of state goes through a service (the portal's own staff pages call them)."""

from django.contrib import admin

from employers.models import Employer, FairBooth, HiringFair, JobPosting
from portal.core.admin import ReadOnlyAdmin


@admin.register(Employer)
class EmployerAdmin(ReadOnlyAdmin):
    list_display = ["display_name", "ein", "status", "city", "state", "created_at"]
    list_filter = ["status", "industry", "state"]
    search_fields = ["display_name", "legal_name", "ein"]


@admin.register(JobPosting)
class JobPostingAdmin(ReadOnlyAdmin):
    list_display = ["title", "employer", "status", "zip_code", "wage_min", "wage_max"]
    list_filter = ["status", "shift_period", "employment_type"]
    list_select_related = ["employer"]
    search_fields = ["title", "employer__display_name", "zip_code"]


@admin.register(HiringFair)
class HiringFairAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "status", "starts_at", "employer_capacity", "booth_fee"]
    list_filter = ["status", "kind"]


@admin.register(FairBooth)
class FairBoothAdmin(ReadOnlyAdmin):
    list_display = ["fair", "employer", "status", "fee", "created_at"]
    list_filter = ["status"]
    list_select_related = ["fair", "employer"]
