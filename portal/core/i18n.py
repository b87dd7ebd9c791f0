"""Building the translation catalogues without GNU gettext."""

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
