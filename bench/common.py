"""What several benchmarks use: signed-in test clients of the demo logins (staff with
their second factor verified, as after a right code) and the statewide data check."""

from django.contrib.auth.signals import user_logged_in
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from employers.models import JobPosting, JobStatus
from jobseekers.models import Participant
from portal.core.models import User

STATEWIDE = {"active participants": 50_000, "open jobs": 20_000}


def data_size() -> dict[str, int]:
    return {
        "active participants": Participant.objects.filter(status="active").count(),
        "open jobs": JobPosting.objects.filter(status=JobStatus.OPEN).count(),
    }


def signed_in(username: str) -> Client:
    """A client signed in as a demo login; for staff and admins the session is verified
    by their authenticator (what django-otp's login writes after a right code)."""
    user = User.objects.get(username=username)
    client = Client()
    # No last_login update: the benchmarks keep their writes in a transaction rolled back
    # at the end, and a fresh process (bench/cold.py) signing in the same user meanwhile
    # would wait on that row's lock.
    user_logged_in.disconnect(dispatch_uid="update_last_login")
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def get_ok(client: Client, url: str, data=None) -> None:
    response = client.get(url, data)
    if response.status_code != 200:
        raise AssertionError(f"GET {url} {data or ''}: {response.status_code}")
