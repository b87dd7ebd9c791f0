from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = _("Portal core")

    def ready(self):
        # Receivers: token revocation on a password, role or active-flag change, and the
        # sign-in time that ends staff sessions (each module says why it is a receiver).
        # The API schema's extensions (times, blank web addresses and emails) register
        # themselves when their module is imported, before any schema is generated.
        from portal.core import (  # noqa: F401
            credential_changes,
            drf,
            session_limits,
        )
