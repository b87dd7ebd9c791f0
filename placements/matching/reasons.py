"""Reasons, cautions and notices in plain language, English and Spanish.

The engine and the stored results keep them as codes with parameters
(`{"code": "bus_line_miles", "miles": 4.0}`), so the same stored result reads in the
language of whoever looks at it. Nothing here mentions a record: an employer never
learns why someone was or was not matched, and the reasons never hint at it.
"""

from datetime import date, time

from django.utils import formats
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from . import rules
from .engine import minutes_before_curfew
from .profiles import (
    RULE_CURFEW,
    RULE_POLICY,
    RULE_PRE_RELEASE,
    RULE_REQUIREMENTS,
    RULE_SUPERVISION,
    RULE_TRANSPORT,
    RULE_TRAVEL,
)

RULE_LABELS = {
    RULE_POLICY: gettext_lazy(
        "Employer's hiring policy and the record (years counted from the later of "
        "conviction and release)"
    ),
    RULE_SUPERVISION: gettext_lazy("Employer does not hire people on parole or probation"),
    RULE_CURFEW: gettext_lazy(
        "Shift hours fall in the curfew or end too close to it to get home in time"
    ),
    RULE_TRAVEL: gettext_lazy("Outside the area they may travel to"),
    RULE_REQUIREMENTS: gettext_lazy("Needs a licence or certificate they do not have"),
    RULE_TRANSPORT: gettext_lazy("Too far without a car and not on a bus line"),
    RULE_PRE_RELEASE: gettext_lazy("Closes before the release date"),
}


def _period(code: str) -> str:
    return {
        "day": _("Day shift"),
        "evening": _("Evening shift"),
        "night": _("Night shift"),
    }.get(code, _("The shift"))


def _clock(value: str) -> str:
    hour, minute = (int(part) for part in value.split(":"))
    return formats.time_format(time(hour, minute), "TIME_FORMAT")


def _day(value: str) -> str:
    return formats.date_format(date.fromisoformat(value), "DATE_FORMAT")


def _miles(value) -> str:
    return formats.number_format(value, decimal_pos=1 if value < 10 else 0)


def _duration(minutes: int) -> str:
    """ "an hour", "2 hours", "1 hour 30 minutes", "45 minutes"."""
    hours, rest = divmod(minutes, 60)
    if hours == 1 and not rest:
        return _("an hour")
    hours_text = ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    minutes_text = ngettext("%(count)d minute", "%(count)d minutes", rest) % {"count": rest}
    if hours and rest:
        return _("%(hours)s %(minutes)s") % {"hours": hours_text, "minutes": minutes_text}
    return hours_text if hours else minutes_text


def _curfew_params(item: dict) -> dict:
    return {
        "period": _period(item["period"]),
        "end": _clock(item["end"]),
        "curfew": _clock(item["curfew"]),
    }


def _curfew_text(item: dict) -> str:
    """How a shift's end sits against the curfew, said truthfully with the travel time
    of the current setting (a result stored under a shorter buffer reads as a warning)."""
    params = _curfew_params(item)
    end = time.fromisoformat(item["end"])
    gap = minutes_before_curfew(end, time.fromisoformat(item["curfew"]))
    buffer = rules.curfew_travel_buffer_minutes()
    if gap >= buffer:
        return _(
            "%(period)s ends at %(end)s, %(gap)s before your %(curfew)s curfew, leaving "
            "time to get home"
        ) % {**params, "gap": _duration(gap)}
    if gap == 0:
        return (
            _(
                "%(period)s ends at %(end)s, just when your %(curfew)s curfew starts: no time "
                "to get home"
            )
            % params
        )
    return _(
        "%(period)s ends at %(end)s, only %(gap)s before your %(curfew)s curfew: not "
        "enough time to get home (allow %(buffer)s)"
    ) % {**params, "gap": _duration(gap), "buffer": _duration(buffer)}


def _term_name(item: dict) -> str:
    """A taxonomy skill's name in the reader's language: the Spanish name stored with the
    reason when Spanish is chosen (reasons stored before it existed keep the English)."""
    if (get_language() or "").startswith("es") and item.get("name_es"):
        return item["name_es"]
    return item["name"]


def text_of(item: dict) -> str:
    """The sentence for one stored reason, caution or notice, in the active language.
    An unknown code gives an empty string (a newer code read by an older page)."""
    code = item.get("code", "")
    texts = {
        # Reasons
        "certification_matches": lambda: (
            _("Your certificate “%(name)s” matches") % {"name": item["name"]}
        ),
        "skill_matches": lambda: (
            _("Your skill “%(name)s” fits this job") % {"name": _term_name(item)}
        ),
        "experience_matches": lambda: (
            _("Your work as %(name)s fits this job") % {"name": item["name"]}
        ),
        "desired_matches": lambda: _("You want to work as %(name)s") % {"name": item["name"]},
        "remote": lambda: _("Work from home"),
        "bus_line_miles": lambda: (
            _("On a bus line, %(miles)s miles away") % {"miles": _miles(item["miles"])}
        ),
        "miles_from_home": lambda: (
            _("%(miles)s miles from home") % {"miles": _miles(item["miles"])}
        ),
        "wage_above_goal": lambda: (
            _("Pays up to $%(wage)s an hour, your goal is $%(floor)s")
            % {"wage": item["wage"], "floor": item["floor"]}
        ),
        "wage": lambda: _("Pays up to $%(wage)s an hour") % {"wage": item["wage"]},
        "shift_fits_curfew": lambda: _curfew_text(item),
        "shift_near_curfew": lambda: _curfew_text(item),
        "shift_in_curfew": lambda: (
            _("%(period)s ends at %(end)s: some of its hours fall in your %(curfew)s curfew")
            % _curfew_params(item)
        ),
        "shift_preferred": lambda: (
            _("%(period)s, as you like") % {"period": _period(item["period"])}
        ),
        "readiness_strong": lambda: (
            _("Your work-readiness ratings are strong (%(average)s of 5)")
            % {"average": item["average"]}
        ),
        # Cautions
        "wage_below_goal": lambda: (
            _("Wage below your goal: up to $%(wage)s, your goal is $%(floor)s")
            % {"wage": item["wage"], "floor": item["floor"]}
        ),
        "far": lambda: _("Far from home: %(miles)s miles") % {"miles": _miles(item["miles"])},
        "no_bus_line": lambda: _("Not on a bus line: plan how you will get there"),
        "check_hours_curfew": lambda: _(
            "Hours not listed: check that the shift ends in time to get home before your curfew"
        ),
        "check_travel_area": lambda: _("Check that this job is inside the area you may travel to"),
        "shift_not_preferred": lambda: (
            _("%(period)s, not the shift you asked for") % {"period": _period(item["period"])}
        ),
        "available_from": lambda: (
            _("Available from %(date)s, after your release") % {"date": _day(item["date"])}
        ),
        # Notices about the whole list
        "no_open_jobs": lambda: _("There are no open jobs right now. Check again soon."),
        "no_skills": lambda: _(
            "Add your skills, certificates or the jobs you want to your profile or résumé "
            "for better matches."
        ),
        "no_zip": lambda: _(
            "Add your ZIP code to your profile so we can show jobs near you and check "
            "how you would get there."
        ),
        "unknown_zip": lambda: _(
            "We do not know the ZIP code on your profile. Please check it so we can show "
            "jobs near you."
        ),
        "curfew_all_day": lambda: _(
            "Your curfew covers the whole day, so only work-from-home jobs fit. Ask your "
            "officer or job club staff about changes."
        ),
        "pre_release": lambda: (
            _(
                "You are still inside. These jobs are with employers who hire at prison job "
                "fairs or that stay open until after %(date)s."
            )
            % {"date": _day(item["date"])}
        ),
    }
    maker = texts.get(code)
    return maker() if maker else ""


def texts_of(items) -> list[str]:
    return [text for text in (text_of(item) for item in items or []) if text]
