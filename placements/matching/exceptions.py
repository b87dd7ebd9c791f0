"""The matching area's domain errors (see portal/core/exceptions.py)."""

from django.utils.translation import gettext_lazy as _

from portal.core.exceptions import ConflictError


class MatchingNotReadyError(ConflictError):
    """The index of open jobs is being built in the background (a fresh installation,
    or many jobs changed at once): matches cannot be computed this minute."""

    default_code = "matching_not_ready"

    def __init__(self):
        super().__init__(
            _("Matches are being updated with the latest jobs. Please try again in a minute.")
        )
