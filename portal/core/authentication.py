"""API authentication by the portal's own hashed, expiring tokens (`portal.core.ApiToken`).

Clients send the same header as before: `Authorization: Token <token>`.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from portal.core.models import ApiToken

# `last_used_at` is written at most this often, so a busy client does not write the row
# on every call.
LAST_USED_PRECISION = timedelta(minutes=1)


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's header parsing and `WWW-Authenticate: Token`, with the credentials checked
    against `ApiToken`: looked up by its non-secret prefix, compared by digest in constant
    time, refused with 401 and a clear message when expired, revoked or the owner is
    inactive. `request.auth` is the ApiToken (the logout endpoint revokes it)."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        prefix = key[: ApiToken.PREFIX_LENGTH]
        token = (
            ApiToken.objects.select_related("user").filter(key_prefix=prefix).first()
            if len(key) > ApiToken.PREFIX_LENGTH
            else None
        )
        if token is None or not token.matches(key):
            raise AuthenticationFailed(_("Invalid token."))
        now = timezone.now()
        if token.revoked_at is not None:
            raise AuthenticationFailed(
                _("This token was revoked. Ask for a new one at /api/v1/auth/token/.")
            )
        if token.expires_at <= now:
            raise AuthenticationFailed(
                _("This token has expired. Ask for a new one at /api/v1/auth/token/.")
            )
        if not token.user.is_active:
            raise AuthenticationFailed(_("User inactive or deleted."))
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token
