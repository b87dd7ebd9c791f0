"""Demo data of the core for `manage.py seed_demo`: one login per role."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

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
