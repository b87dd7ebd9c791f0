"""Sensitive free text is encrypted at rest: the raw column never holds the plain text."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import override_settings

from jobseekers.models import CaseNote, RecordEntry, SupervisionTerms
from portal.core.fields import PREFIX
from tests.factories.jobseekers import (
    CaseNoteFactory,
    RecordEntryFactory,
    SupervisionTermsFactory,
)

pytestmark = pytest.mark.django_db


def raw_column(model, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s",  # noqa: S608
            [pk],
        )
        return cursor.fetchone()[0]


@pytest.mark.parametrize(
    ("factory", "model", "field"),
    [
        (RecordEntryFactory, RecordEntry, "description"),
        (SupervisionTermsFactory, SupervisionTerms, "standing_meetings"),
        (SupervisionTermsFactory, SupervisionTerms, "officer_name"),
        (SupervisionTermsFactory, SupervisionTerms, "officer_phone"),
        (CaseNoteFactory, CaseNote, "text"),
    ],
)
def test_sensitive_text_is_not_stored_in_plain(factory, model, field):
    row = factory()
    plain = getattr(row, field)

    stored = raw_column(model, field, row.pk)

    assert plain
    assert plain not in stored
    assert stored.startswith(PREFIX)
    assert getattr(model.objects.get(pk=row.pk), field) == plain


def test_empty_text_stays_empty():
    entry = RecordEntryFactory(description="")
    assert raw_column(RecordEntry, "description", entry.pk) == ""


def test_key_rotation_reads_old_rows_with_a_new_key_first(settings):
    entry = RecordEntryFactory(description="Old key text")
    old_keys = list(settings.PORTAL_FIELD_ENCRYPTION_KEYS)
    settings.PORTAL_FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *old_keys]

    assert RecordEntry.objects.get(pk=entry.pk).description == "Old key text"


def test_a_wrong_key_fails_loudly_without_showing_the_value(settings):
    entry = RecordEntryFactory(description="Secret text")
    settings.PORTAL_FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(ImproperlyConfigured) as error:
        RecordEntry.objects.get(pk=entry.pk)
    assert "Secret text" not in str(error.value)


def test_no_key_refuses_to_store():
    with override_settings(PORTAL_FIELD_ENCRYPTION_KEYS=[]), pytest.raises(ImproperlyConfigured):
        RecordEntryFactory(description="Anything")
