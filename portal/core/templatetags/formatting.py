"""One format per kind of value, in the reader's language: `{% load formatting %}`.

    {{ interview.starts_at|date_display:"weekday" }}   Thursday, Dec. 3, 2026 / jueves, 3 dic. 2026
    {{ check.due_on|date_display }}                    Dec. 3, 2026 / 3 dic. 2026
    {{ check.due_on|date_display:"day" }}              Dec. 3 / 3 dic.
    {{ interview.starts_at|time_display }}             3:30 p.m.
    {{ interview.starts_at|datetime_display }}         Dec. 3, 2026, 3:30 p.m.
    {{ stub.gross|money }}                             $1,336.56
    {{ participant.phone|phone }}                      (816) 555-0140
    {{ rule.decision|choice_label:"employers.OffenseRule.decision" }}
                                                       Never considered / Nunca se considera
    {{ skill|localized:"name" }}                       Forklift operation / Manejo de montacargas

Dates and times come from Django's localisation (DATE_FORMAT, TIME_FORMAT,
MONTH_DAY_FORMAT of the active language, with the portal's own in portal/formats/); aware
datetimes are shown in the current time zone (the program's). Money is dollars with two
places and the language's separators. Phone numbers are parsed with `phonenumbers` (the
library Google's Android uses) and shown in the national format of the program's region,
other countries' numbers in the international format. A stored choice ("never") is shown
as its label in the reader's language, never as the code. Empty values give "".
"""

from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import phonenumbers
from django import template
from django.apps import apps
from django.conf import settings
from django.utils import formats, numberformat, timezone

from portal.core.i18n import localized as _localized

register = template.Library()

CENTS = Decimal("0.01")
MINUS = "\u2212"  # a real minus sign: screen readers say "minus", not "dash"


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter(expects_localtime=True)
def date_display(value, style: str = "") -> str:
    """A date (or a datetime's date): "Dec. 3, 2026"; style "weekday" adds the day's name
    ("Thursday, Dec. 3, 2026"), "day" leaves out the year ("Dec. 3")."""
    if value in (None, "") or not isinstance(value, date):
        return ""
    value = _local(value)
    if style == "day":
        return formats.date_format(value, "MONTH_DAY_FORMAT")
    text = formats.date_format(value, "DATE_FORMAT")
    if style == "weekday":
        return f"{formats.date_format(value, 'l')}, {text}"
    return text


@register.filter(expects_localtime=True)
def time_display(value) -> str:
    """A time of day: "3:30 p.m." (a datetime's time, in the program's time zone)."""
    if value in (None, "") or not isinstance(value, time | datetime):
        return ""
    return formats.time_format(_local(value), "TIME_FORMAT")


@register.filter(expects_localtime=True)
def datetime_display(value, style: str = "") -> str:
    """A date and its time: "Dec. 3, 2026, 3:30 p.m."; style as in `date_display`."""
    if not isinstance(value, datetime):
        return date_display(value, style)
    return f"{date_display(value, style)}, {time_display(value)}"


@register.filter
def money(value) -> str:
    """Dollars to the cent with thousands separators: "$1,336.56"; a debt with a minus sign."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value)).quantize(CENTS, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return str(value)
    digits = numberformat.format(
        abs(amount),
        formats.get_format("DECIMAL_SEPARATOR"),
        decimal_pos=2,
        grouping=formats.get_format("NUMBER_GROUPING"),
        thousand_sep=formats.get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )
    return f"{MINUS if amount < 0 else ''}${digits}"


@register.filter
def phone(value) -> str:
    """A phone number as people write it: "(816) 555-0140" for "+18165550140"; a number
    of another country in the international format; anything unparseable as it was."""
    if value in (None, ""):
        return ""
    text = str(value)
    region = getattr(settings, "PORTAL_PHONE_REGION", "US")
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return text
    if not phonenumbers.is_possible_number(number):
        return text
    home = phonenumbers.region_code_for_number(number) == region
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if home
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


@register.filter
def choice_label(value, field_path: str) -> str:
    """The label of a stored choice, for values read without their model instance (a
    selector's plain dataclass): `"never"|choice_label:"employers.OffenseRule.decision"`
    gives "Never considered". The field is named as "app_label.Model.field", looked up in
    the app registry so this core helper imports no app. An unknown value is shown as it
    is; a wrong field path is a programming error and raises."""
    if value is None:
        return ""
    app_label, model_name, field_name = field_path.split(".")
    field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
    return str(dict(field.flatchoices).get(value, value))


@register.filter
def localized(obj, field: str) -> str:
    """A staff-written text in the reader's language: `{{ skill|localized:"name" }}` shows
    `name_es` when Spanish is chosen and it is filled in, else `name`
    (`portal.core.i18n.localized`)."""
    if obj in (None, ""):
        return ""
    return _localized(obj, field)
