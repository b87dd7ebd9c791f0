"""Building the translation catalogues without GNU gettext, and the one way to show a
staff-written text (a skill's name, a fair's description) in the reader's language."""

from collections.abc import Iterable
from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation


def compile_catalogues(locale_dirs: Iterable[Path]) -> int:
    """Compile each `<locale_dir>/*/LC_MESSAGES/*.po` into its `.mo` when the `.po` is
    newer. Returns how many were compiled. Django's `compilemessages` needs gettext's
    msgfmt; polib does the same in Python, so a fresh machine needs nothing else."""
    compiled = 0
    for locale_dir in map(Path, locale_dirs):
        for po_path in locale_dir.glob("*/LC_MESSAGES/*.po"):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled += 1
    return compiled


def remember_language(response, language: str) -> None:
    """Speak `language` from now on: for the rest of this request and, through the
    language cookie, for the next ones (after signing in, or a change on My account)."""
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def localized(obj, field: str) -> str:
    """`obj.<field>` in the active language: the `<field>_<language>` twin that staff
    filled in (`name_es` for `name` when Spanish is chosen), else the text as written.
    The one helper behind the `localized` template filter, so no template compares
    languages itself. A missing twin field is no error: the text as written is shown."""
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language != settings.LANGUAGE_CODE.split("-")[0]:
        translated = getattr(obj, f"{field}_{language}", "")
        if translated:
            return translated
    return getattr(obj, field)
