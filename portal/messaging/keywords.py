"""The words a reply may start with that change what the portal sends, as carriers and
Twilio read them (Twilio's default opt-out, opt-in and help keywords), plus the Spanish
ones the program tells its Spanish-speaking participants (PARAR, AYUDA). A whole reply
must be the keyword (spaces, case and a final period do not matter): "Stop by at 5" is a
message for the facilitator, not an opt-out."""

import enum


class Keyword(enum.Enum):
    STOP = "stop"
    START = "start"
    HELP = "help"


STOP_WORDS = frozenset(
    {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "PARAR"}
)
START_WORDS = frozenset({"START", "UNSTOP", "YES", "SUBSCRIBE"})
HELP_WORDS = frozenset({"HELP", "INFO", "AYUDA"})


def keyword_of(body: str) -> Keyword | None:
    """The keyword the whole reply `body` is, or None for any other reply."""
    word = (body or "").strip().rstrip(".!").strip().upper()
    if word in STOP_WORDS:
        return Keyword.STOP
    if word in START_WORDS:
        return Keyword.START
    if word in HELP_WORDS:
        return Keyword.HELP
    return None
