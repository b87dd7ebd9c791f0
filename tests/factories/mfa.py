"""Second-factor helpers for tests: a confirmed authenticator for a user, and the code
its app would show (django-otp's own TOTP, so tests sign in the way a person does)."""

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def authenticator_for(user, *, name: str = "test authenticator") -> TOTPDevice:
    """The user's confirmed TOTP device, made on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
    return device


def code_for(device: TOTPDevice) -> str:
    """A code the device accepts now: the current one, or the next one when the current
    one was already used (django-otp refuses a code twice, and accepts one step ahead)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    step = max(totp.t(), device.last_t + 1)
    if step > totp.t() + device.tolerance:
        time.sleep((step - device.tolerance) * device.step + device.t0 - time.time() + 0.1)
    totp.time = step * device.step + device.t0
    return f"{totp.token():0{device.digits}d}"
