"""A GIN full-text index for the public job search, on PostgreSQL only (SQLite, used by
`make run`, searches with a plain contains-match). The expression must stay identical to
`employers.selectors.SEARCH_DOCUMENT_SQL` for the planner to use it."""

from django.db import migrations

INDEX = "employers_job_search_document"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON employers_jobposting USING gin ("
    "to_tsvector('english'::regconfig, "
    "COALESCE(title, '') || ' ' || COALESCE(description, '') || ' ' || "
    "COALESCE(skills_other, '')))"
)
DROP = f"DROP INDEX IF EXISTS {INDEX}"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("employers", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
