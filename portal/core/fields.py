"""A text field encrypted at rest with Fernet (the `cryptography` package).

The most sensitive free text of the portal (record descriptions, supervision details,
case notes) is stored encrypted so that a database dump, a replica or a backup does not
disclose it. Keys come from `settings.PORTAL_FIELD_ENCRYPTION_KEYS`, a list: the first
key encrypts, every key decrypts, so a key is rotated by putting a new one first and
re-saving the rows before removing the old one (`MultiFernet`).

Such a column cannot be searched or ordered by its content: that is the point.

A shared building block (DESIGN.md: portal.core holds "field encryption"): any app with
sensitive free text uses `EncryptedTextField` from here.
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

# Every stored value starts with this, so a plain value left from before encryption is
# never mistaken for a token, and the raw column says what it holds.
PREFIX = "fernet:"


@lru_cache(maxsize=8)
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured(
            "PORTAL_FIELD_ENCRYPTION_KEYS is empty: sensitive fields cannot be stored."
        )
    try:
        return MultiFernet([Fernet(key.strip().encode()) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "PORTAL_FIELD_ENCRYPTION_KEYS holds a value that is not a Fernet key."
        ) from error


def field_cipher() -> MultiFernet:
    """The cipher for the current keys (read at call time so tests can override them)."""
    return _fernet_for(tuple(getattr(settings, "PORTAL_FIELD_ENCRYPTION_KEYS", ()) or ()))


def encrypt_text(value: str) -> str:
    return PREFIX + field_cipher().encrypt(value.encode()).decode()


def decrypt_text(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored
    try:
        return field_cipher().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as error:
        # Never include the stored value in the message: it could end up in a log.
        raise ImproperlyConfigured(
            "An encrypted field could not be decrypted with PORTAL_FIELD_ENCRYPTION_KEYS."
        ) from error


class EncryptedTextField(models.TextField):
    """A TextField whose database column holds a Fernet token, never the plain text.

    An empty value is stored as the empty string (nothing to hide, and "has a description"
    stays answerable). The column cannot be filtered on except by emptiness.
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt_text(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(str(value))
