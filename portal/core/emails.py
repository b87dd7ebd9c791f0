"""The one way the portal sends an email: a subject and a body rendered from templates
(`templates/<app>/email/<name>_subject.txt` and `<name>.txt`), each in its reader's
language, queued as a background task once the current transaction commits."""

from collections.abc import Iterable, Mapping

from django.template.loader import render_to_string
from django.utils import translation

from portal.core.tasks import email_send, enqueue_on_commit


def render_email(template: str, context: Mapping, *, language: str | None = None):
    """(subject, body) of `template` ("employers/email/vetting_decided") in `language`
    (the active language when None). The subject is one line."""
    with translation.override(language or translation.get_language()):
        subject = render_to_string(f"{template}_subject.txt", dict(context))
        body = render_to_string(f"{template}.txt", dict(context))
    return " ".join(subject.split()), body.strip() + "\n"


def email_on_commit(
    template: str,
    context: Mapping,
    *,
    recipients: Iterable[tuple[str, str | None]],
    together: bool = False,
) -> None:
    """Queue `template` for each (address, language) in `recipients`, rendered in that
    language, once the current transaction commits (nothing is sent if it rolls back).
    One message per address; with `together` (the members of one employer's team), one
    message per language to all who read it."""
    groups: list[tuple[str | None, list[str]]] = []
    for address, language in recipients:
        if not address:
            continue
        same = [g for g in groups if g[0] == language] if together else []
        if same:
            same[0][1].append(address)
        else:
            groups.append((language, [address]))
    for language, addresses in groups:
        subject, body = render_email(template, context, language=language)
        enqueue_on_commit(email_send, subject=subject, body=body, to=addresses)
