"""One format per kind of value: templates show dates, times and money only through the
`{% load formatting %}` filters, never a format of their own."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
HAND_MADE = {
    "a date or time format of its own": re.compile(r"\|(date|time):"),
    "a dollar sign before a number (use |money)": re.compile(r"\$\{\{"),
    "a number rounded for money (use |money)": re.compile(r'floatformat:"2g"'),
}


def test_no_template_formats_a_date_a_time_or_money_by_hand():
    found = [
        f"{path.relative_to(TEMPLATES)}:{number}: {what}"
        for path in sorted(TEMPLATES.rglob("*"))
        if path.suffix in {".html", ".txt"}
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        for what, pattern in HAND_MADE.items()
        if pattern.search(line)
    ]
    assert found == []
