"""Helpers shared by the participants services: cleaning phones, choices and dates."""

from datetime import date

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.exceptions import ApplicationError
from portal.core.geo import zip_location_or_error
from portal.core.models import User
from portal.core.permissions import is_staff_member

from ..models import Participant, Program, Shift, Transport


def _full_clean(instance, *, exclude=None) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        raise ApplicationError(
            _("Please correct the errors below."), fields=error.message_dict
        ) from error


def normalize_us_phone(value: str, *, field: str = "phone") -> str:
    """A US phone number in E.164 ("+18165550123"), or "" for an empty value.

    Raises ApplicationError naming `field` when it is not a real US number."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number_for_region(number, "US"):
        raise ApplicationError(
            _("Enter a US phone number with its area code, like 816-555-0123."),
            code="invalid_phone",
            fields={field: [_("This is not a valid US phone number.")]},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _check_choices(values, choices, *, field: str) -> list[str]:
    values = list(dict.fromkeys(values or []))
    unknown = [value for value in values if value not in choices.values]
    if unknown:
        raise ApplicationError(
            _("Please correct the errors below."),
            fields={field: [_("Choose only from the list.")]},
        )
    return values


def _clean_titles(titles) -> list[str]:
    cleaned = [str(title).strip()[:100] for title in titles or [] if str(title).strip()]
    if len(cleaned) > 10:
        raise ApplicationError(
            _("Please correct the errors below."),
            fields={"desired_job_titles": [_("List at most 10 jobs.")]},
        )
    return cleaned


def _check_facilitator(facilitator: User | None) -> None:
    if facilitator is not None and not is_staff_member(facilitator):
        raise ApplicationError(
            _("Please correct the errors below."),
            fields={"facilitator": [_("Choose a staff member.")]},
        )


def _check_person_dates(*, date_of_birth: date, release_date: date | None) -> None:
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    if date_of_birth >= today:
        errors["date_of_birth"] = [_("The date of birth must be in the past.")]
    elif date_of_birth < date(today.year - 110, 1, 1):
        errors["date_of_birth"] = [_("Check the year of birth.")]
    if release_date is not None and release_date <= date_of_birth:
        errors["release_date"] = [_("The release date cannot be before the date of birth.")]
    if errors:
        raise ApplicationError(_("Please correct the dates."), code="invalid_dates", fields=errors)


# Fields staff set at intake and may change later. Participants change PARTICIPANT_OWN_FIELDS.
PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "phone",
    "email",
    "preferred_language",
    "zip_code",
    "housing",
    "release_date",
    "facility",
    "risk_level",
    "gender",
    "programs",
    "has_state_id",
    "has_social_security_card",
    "has_birth_certificate",
    "transport",
    "desired_job_titles",
    "preferred_shifts",
    "wage_floor",
)
PARTICIPANT_OWN_FIELDS = (
    "preferred_name",
    "phone",
    "email",
    "preferred_language",
    "desired_job_titles",
    "preferred_shifts",
)


def _apply_profile(participant: Participant, values: dict) -> list[str]:
    """Set the given profile values after cleaning; return the names that changed."""
    if "phone" in values:
        values["phone"] = normalize_us_phone(values["phone"])
    if values.get("zip_code"):
        values["zip_code"] = zip_location_or_error(values["zip_code"]).zip_code
    if "programs" in values:
        values["programs"] = _check_choices(values["programs"], Program, field="programs")
    if "transport" in values:
        values["transport"] = _check_choices(values["transport"], Transport, field="transport")
    if "preferred_shifts" in values:
        values["preferred_shifts"] = _check_choices(
            values["preferred_shifts"], Shift, field="preferred_shifts"
        )
    if "desired_job_titles" in values:
        values["desired_job_titles"] = _clean_titles(values["desired_job_titles"])
    changed = []
    for name, value in values.items():
        if value is None and name not in ("release_date", "wage_floor"):
            continue
        if getattr(participant, name) != value:
            setattr(participant, name, value)
            changed.append(name)
    _check_person_dates(
        date_of_birth=participant.date_of_birth, release_date=participant.release_date
    )
    if participant.wage_floor is not None and participant.wage_floor < 0:
        raise ApplicationError(
            _("Please correct the errors below."),
            fields={"wage_floor": [_("The wage cannot be negative.")]},
        )
    _full_clean(participant, exclude=["user", "facilitator", "skills"])
    return changed
