"""Revoke a user's API tokens when their password, role or active flag changes.

Why a save hook on the user and not a call in each service: a password changes through
Django's password-change page, the reset link, the Django admin's set-password form,
`manage.py changepassword` and (later) others; a role or the active flag through the
admin and several services. A list of call sites is one that a new path silently escapes,
and a token that survives a password change is exactly the finding of issue 16. The user
row is the one place all of them meet, so this module watches it: `pre_save` compares the
stored values (one query, only when a save may touch these fields), `post_save` revokes,
so nothing is revoked for a save that fails. The revocation itself is the service
`api_tokens_revoke_all`, which writes the audit event.

Sessions need no hook: Django's session auth hash is an HMAC of the password hash
(`User.get_session_auth_hash`), so a password change ends the other sessions, and an
inactive user's session no longer authenticates.
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from portal.core.models import User
from portal.core.services import api_tokens_revoke_all

WATCHED_FIELDS = frozenset({"password", "role", "is_active"})
UNUSABLE_PREFIX = "!"  # Django's mark of an unusable password hash


def _reason(stored: dict, user: User) -> str | None:
    if stored["password"] != user.password:
        # Django rehashes a password on sign-in when the hasher's cost changes: that save
        # comes with `_password` None and a usable hash before and after, and is no change
        # of password (Django's own `password_changed` validators skip it the same way).
        rehash = (
            getattr(user, "_password", None) is None
            and not stored["password"].startswith(UNUSABLE_PREFIX)
            and not user.password.startswith(UNUSABLE_PREFIX)
        )
        if not rehash:
            return "password_changed"
    if stored["role"] != user.role:
        return "role_changed"
    if stored["is_active"] and not user.is_active:
        return "deactivated"
    return None


@receiver(pre_save, sender=User, dispatch_uid="core.credential_change_noted")
def credential_change_noted(sender, instance: User, raw=False, update_fields=None, **kwargs):
    instance._credential_change_reason = None
    if raw or instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and not WATCHED_FIELDS & set(update_fields):
        return  # e.g. the last_login update on every sign-in: no query
    stored = User.objects.filter(pk=instance.pk).values(*WATCHED_FIELDS).first()
    if stored is not None:
        instance._credential_change_reason = _reason(stored, instance)


@receiver(post_save, sender=User, dispatch_uid="core.credential_change_revokes_tokens")
def credential_change_revokes_tokens(sender, instance: User, created=False, **kwargs):
    reason = getattr(instance, "_credential_change_reason", None)
    if reason:
        instance._credential_change_reason = None
        api_tokens_revoke_all(user=instance, reason=reason)
