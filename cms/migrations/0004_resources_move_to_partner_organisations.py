"""The directory's organisations move down to `portal.core.PartnerOrganisation` (a
referral in jobseekers points at them, and nothing may import cms). Every row is copied
with its id and fields, the id sequence follows, then `cms.Resource` goes. Reversible:
going back recreates `cms.Resource` and copies the rows back.

The copied rows are put in the search index by `manage.py cms_setup` (run at every
release after `migrate`), since historical models send no index signals.
"""

from django.core.management.color import no_style
from django.db import migrations

FIELDS = (
    "id",
    "name",
    "category",
    "description",
    "address",
    "zip_code",
    "phone",
    "hours",
    "eligibility",
    "languages",
    "website",
)


def _copy(source, target, schema_editor):
    rows = [target(**{name: getattr(row, name) for name in FIELDS}) for row in source.objects.all()]
    target.objects.bulk_create(rows, batch_size=500)
    connection = schema_editor.connection
    # Rows keep their ids: move the id sequence past them (PostgreSQL; a no-op on SQLite).
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [target]):
            cursor.execute(statement)


def forwards(apps, schema_editor):
    _copy(
        apps.get_model("cms", "Resource"),
        apps.get_model("core", "PartnerOrganisation"),
        schema_editor,
    )


def backwards(apps, schema_editor):
    _copy(
        apps.get_model("core", "PartnerOrganisation"),
        apps.get_model("cms", "Resource"),
        schema_editor,
    )
    apps.get_model("core", "PartnerOrganisation").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_content_pages_and_resources"),
        ("core", "0006_partner_organisations"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="Resource"),
    ]
