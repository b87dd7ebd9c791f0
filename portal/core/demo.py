"""Demo data of the core for `manage.py seed_demo`: one login per role."""

from django.conf import settings
from django.db import transaction

from portal.core.models import Role, User

DEMO_USERS = [
    # username, role, first name, last name
    ("admin", Role.ADMIN, "Alex", "Admin"),
    ("facilitator", Role.STAFF, "Fran", "Facilitator"),
    ("employer", Role.EMPLOYER, "Erin", "Employer"),
    ("participant", Role.PARTICIPANT, "Pat", "Participant"),
]


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
    stdout.write(f"Demo logins: {len(DEMO_USERS)} ready (listed at the end).")


def logins_summary(*, stdout) -> None:
    """The demo logins and their password, printed last by `seed_demo` so that
    `make run` shows them just before the server starts."""
    stdout.write(f"Demo logins (password: {settings.DEMO_PASSWORD})")
    for username, role, _first, _last in DEMO_USERS:
        stdout.write(f"  {username:<12} {role.label}")
