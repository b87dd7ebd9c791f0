"""Demo data of the core for `manage.py seed_demo`: one login per role; and what the
statewide (`--scale large`) bulk loads of every app share: progress lines, COPY, ANALYZE."""

import time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction

from portal.core.demo_partners import seed_partner_organisations
from portal.core.mfa.permissions import second_factor_required
from portal.core.mfa.services import (
    demo_second_factor_install,
    otpauth_uri,
    secret_from_base32,
)
from portal.core.models import PartnerOrganisation, Role, User

DEMO_USERS = [
    # username, role, first name, last name
    ("admin", Role.ADMIN, "Alex", "Admin"),
    ("facilitator", Role.STAFF, "Fran", "Facilitator"),
    ("employer", Role.EMPLOYER, "Erin", "Employer"),
    ("participant", Role.PARTICIPANT, "Pat", "Participant"),
]


# The demo staff and admin sign in with a second factor. Their authenticator secret (base32)
# comes from DEMO_TOTP_SECRET; when that is unset and DEBUG is on (`make run`), from this
# fixed value, documented in the README so a newcomer can add it to an authenticator app.
# With DEBUG off and no DEMO_TOTP_SECRET they are left unenrolled (they set it up at their
# first sign-in): a known secret must never reach a server by accident.
DEMO_TOTP_SECRET_FOR_DEBUG = "SECONDCHANCEJOBSPORTALDEMO234567"  # noqa: S105 (public demo value)


def demo_totp_secret() -> str | None:
    """The base32 secret the demo staff and admin get, or None (see above)."""
    if settings.DEMO_TOTP_SECRET:
        return settings.DEMO_TOTP_SECRET
    if settings.DEBUG:
        return DEMO_TOTP_SECRET_FOR_DEBUG
    return None


def _demo_totp_key() -> str | None:
    secret = demo_totp_secret()
    if secret is None:
        return None
    try:
        return secret_from_base32(secret)
    except ValueError as error:
        raise ImproperlyConfigured(
            "DEMO_TOTP_SECRET must be a base32 secret of at least 16 characters (A-Z, 2-7)."
        ) from error


# ZIP codes of the places a statewide Missouri program serves, shared by the apps' demo
# data at `--scale large` (employers add Kansas City, Kansas; participants add an unknown
# ZIP on purpose).
STATEWIDE_DEMO_ZIPS = [
    "64106",
    "64108",
    "64111",
    "64120",
    "64126",
    "64127",
    "64128",
    "64130",
    "64050",
    "64118",
    "64151",
    "64030",
    "64063",
    "63101",
    "63103",
    "63106",
    "63110",
    "63115",
    "63118",
    "63136",
    "63301",
    "65802",
    "65803",
    "65806",
    "65201",
    "65203",
    "65101",
    "65109",
    "64801",
    "64804",
    "64501",
    "64503",
    "63701",
    "63401",
    "65401",
    "64093",
    "65301",
]


@transaction.atomic
def seed(*, stdout, scale: str = "small") -> None:
    """Create or refresh the four demo logins with the demo password (idempotent: running
    it again changes nothing but the password, if DEMO_PASSWORD changed)."""
    password = settings.DEMO_PASSWORD
    key = _demo_totp_key()
    for username, role, first_name, last_name in DEMO_USERS:
        user, _created = User.objects.update_or_create(
            username=username,
            defaults={
                "role": role,
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@example.org",
                "is_active": True,
                # The demo admin also opens the technical Django admin.
                "is_superuser": role == Role.ADMIN,
                "is_staff": role == Role.ADMIN,
            },
        )
        if not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        if key is not None and second_factor_required(user):
            demo_second_factor_install(user=user, key=key)
    stdout.write(f"Demo logins: {len(DEMO_USERS)} ready (listed at the end).")
    added = seed_partner_organisations()
    stdout.write(f"Partner organisations: {PartnerOrganisation.objects.count()} ({added} added).")


def logins_summary(*, stdout) -> None:
    """The demo logins and their password, printed last by `seed_demo` so that
    `make run` shows them just before the server starts."""
    stdout.write(f"Demo logins (password: {settings.DEMO_PASSWORD})")
    staff = [username for username, role, _f, _l in DEMO_USERS if role in (Role.STAFF, Role.ADMIN)]
    for username, role, _first, _last in DEMO_USERS:
        note = "  + a code from an authenticator app" if username in staff else ""
        stdout.write(f"  {username:<12} {role.label}{note}")
    secret = demo_totp_secret()
    if secret is None:
        stdout.write(
            "Two-factor sign-in: DEMO_TOTP_SECRET is unset and DEBUG is off, so the demo "
            f"staff and admin ({', '.join(staff)}) are not enrolled; they set it up at "
            "their first sign-in."
        )
        return
    key = _demo_totp_key()
    stdout.write(
        f"Two-factor sign-in for {', '.join(staff)}: add this key to an authenticator app "
        "(time-based, 6 digits, 30 seconds), then type the code it shows after the password."
    )
    stdout.write(f"  key: {secret}")
    for user in User.objects.filter(username__in=staff).order_by("username"):
        stdout.write(f"  {user.username:<12} {otpauth_uri(user=user, key=key)}")


# --- Bulk loads of `seed_demo --scale large` ----------------------------------------------


class Progress:
    """Progress lines of a long seed, each with the seconds since the seed began."""

    def __init__(self, stdout):
        self.stdout = stdout
        self.started = time.perf_counter()

    def __call__(self, text: str) -> None:
        self.stdout.write(f"[{time.perf_counter() - self.started:7.1f} s] {text}")
        flush = getattr(self.stdout, "flush", None)
        if flush is not None:
            flush()


def analyze(*models) -> None:
    """Planner statistics for tables a bulk load just filled: autovacuum may be off (or
    not yet run), and without them PostgreSQL plans the first queries on empty tables."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def copy_rows(model, fields: list[str], rows) -> int:
    """Insert many rows fast: COPY on PostgreSQL, bulk_create in batches elsewhere.
    `rows` yields tuples in the order of `fields` (model field names; foreign keys by
    their `_id` attribute name). Returns the number of rows written."""
    if connection.vendor != "postgresql":
        written = 0
        batch = []
        for row in rows:
            batch.append(model(**dict(zip(fields, row, strict=True))))
            if len(batch) >= 5000:
                written += len(model.objects.bulk_create(batch))
                batch = []
        return written + len(model.objects.bulk_create(batch))
    columns = ", ".join(
        connection.ops.quote_name(model._meta.get_field(name).column) for name in fields
    )
    table = connection.ops.quote_name(model._meta.db_table)
    written = 0
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)
            written += 1
    return written
