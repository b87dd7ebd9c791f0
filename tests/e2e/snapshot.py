"""Seed the demo once per browser-test session, then put it back before each test.

Every browser test needs the demo data, and `live_server`'s transactional database is
emptied after each test (Django's `flush`: TRUNCATE of ~130 tables, then the post-migrate
content types and permissions), so each test used to run `seed_demo` again and flush after:
about 25 seconds of CPU per test, most of the browser suite's time in CI.

On PostgreSQL (the CI database) the first test seeds and flushes as before; this module
keeps a binary `COPY` of every table (and the sequences' positions) as `seed_demo` left
them, and as the first flush left them. Each later test gets the seeded state back, and its
teardown the flushed state, each in well under a second. The local-memory cache (the stored
matching index, count estimates) is kept and put back with the seeded state. On SQLite
every test still seeds and flushes.
"""

from __future__ import annotations

import io

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import TransactionTestCase


def _tables() -> list[str]:
    return [name for name in connection.introspection.table_names() if name != "django_migrations"]


def _filled_by_triggers() -> set[str]:
    """Tables the database fills itself from another's rows (placements migration 0011:
    the monthly sums of the shifts): copying the shifts back refills them, so copying
    them too would count every shift twice."""
    from placements.models import TimeEntryMonth

    return {TimeEntryMonth._meta.db_table}


class TableSnapshot:
    """Every table's rows and every sequence's position at one moment (PostgreSQL)."""

    def __init__(self) -> None:
        self.tables: dict[str, bytes] = {}
        self.sequences: list[tuple[str, int | None]] = []

    @classmethod
    def take(cls) -> TableSnapshot:
        snapshot = cls()
        derived = _filled_by_triggers()
        with connection.cursor() as cursor:
            for table in _tables():
                if table in derived:
                    continue
                buffer = io.BytesIO()
                with cursor.copy(
                    f"COPY {connection.ops.quote_name(table)} TO STDOUT (FORMAT binary)"
                ) as copy:
                    for block in copy:
                        buffer.write(block)
                snapshot.tables[table] = buffer.getvalue()
            cursor.execute(
                "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename), last_value "
                "FROM pg_sequences WHERE schemaname = current_schema()"
            )
            snapshot.sequences = list(cursor.fetchall())
        return snapshot

    def restore(self) -> None:
        """Every table emptied and refilled in one transaction: Django's foreign keys are
        deferred to its end, so the order of the tables does not matter. DELETE, not
        TRUNCATE: on a few thousand rows it is many times faster."""
        with transaction.atomic(), connection.cursor() as cursor:
            for table in _tables():
                # Table names come from the database itself, never from input.
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for table, data in self.tables.items():
                with cursor.copy(
                    f"COPY {connection.ops.quote_name(table)} FROM STDIN (FORMAT binary)"
                ) as copy:
                    copy.write(data)
            for sequence, last_value in self.sequences:
                if last_value is None:
                    cursor.execute("SELECT setval(%s, 1, false)", [sequence])
                else:
                    cursor.execute("SELECT setval(%s, %s, true)", [sequence, last_value])
        # A flush re-creates content types with new ids and the restored rows have other
        # ones, so Django's per-process lookup of them must forget.
        ContentType.objects.clear_cache()


class DemoSnapshot:
    """The demo as `seed_demo` left it (with the cache beside it), and the database as
    the first flush after a browser test left it."""

    def __init__(self) -> None:
        self.seeded: TableSnapshot | None = None
        self.flushed: TableSnapshot | None = None
        self.cache_items: dict | None = None
        self.cache_expiry: dict | None = None
        self.in_use = False

    def set_up(self) -> None:
        """The demo data for one test: seeded the first time, restored after."""
        self.in_use = True
        if self.seeded is not None:
            self.seeded.restore()
            self._restore_cache()
            return
        call_command("seed_demo", "--force", stdout=io.StringIO())
        if connection.vendor == "postgresql":
            self.seeded = TableSnapshot.take()
            # The test settings' cache is Django's local-memory one: its entries are
            # pickled bytes, so copies of its two dictionaries are its whole state.
            if hasattr(cache, "_cache") and hasattr(cache, "_expire_info"):
                self.cache_items = dict(cache._cache)
                self.cache_expiry = dict(cache._expire_info)

    def tear_down(self, flush) -> None:
        """After a test that used the demo: the flushed state, taken from Django's own
        flush the first time. Other tests keep Django's flush untouched."""
        used, self.in_use = self.in_use, False
        if not used or self.seeded is None:
            flush()
            return
        if self.flushed is None:
            flush()
            self.flushed = TableSnapshot.take()
            return
        self.flushed.restore()

    def _restore_cache(self) -> None:
        cache.clear()
        if self.cache_items is not None:
            cache._cache.update(self.cache_items)
            cache._expire_info.update(self.cache_expiry)


def install(demo: DemoSnapshot) -> None:
    """Route TransactionTestCase's end-of-test flush through `demo.tear_down`."""
    original = TransactionTestCase._fixture_teardown
    if getattr(original, "_demo_snapshot", False):
        return

    def _fixture_teardown(self):
        demo.tear_down(lambda: original(self))

    _fixture_teardown._demo_snapshot = True
    TransactionTestCase._fixture_teardown = _fixture_teardown
