"""The portal's own date, time and number formats per language (FORMAT_MODULE_PATH).

Only what differs from Django's locale files is set here; the rest falls through to
Django's. Used by `{% load formatting %}` (portal/core/templatetags/formatting.py)."""
