"""Twilio's webhooks: inbound messages and delivery reports. Both check Twilio's request
signature first (403 when it is missing or wrong, nothing done), then hand the message to
the handlers the owning app registered (`registry`)."""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal.messaging.providers import twilio_configured
from portal.messaging.registry import text_handlers


def _called_url(request) -> str:
    """The URL Twilio called, as it signed it. Behind a proxy that rewrites the host,
    PORTAL_SMS_WEBHOOK_BASE_URL gives the public address."""
    base = settings.PORTAL_SMS_WEBHOOK_BASE_URL.rstrip("/")
    if base:
        return base + request.get_full_path()
    return request.build_absolute_uri()


def _verified(request) -> bool:
    from portal.messaging.twilio import request_signed_by_twilio

    return request_signed_by_twilio(
        url=_called_url(request),
        params=request.POST,
        signature=request.headers.get("X-Twilio-Signature", ""),
    )


@csrf_exempt
@require_POST
def twilio_inbound(request):
    """A text to the program's number: STOP / START / HELP, or a reply filed for the
    facilitator. Answers with TwiML (empty, or the HELP text)."""
    if not twilio_configured():
        raise Http404
    if not _verified(request):
        return HttpResponseForbidden("bad signature")
    from portal.messaging.twilio import inbound_text, twiml

    handlers = text_handlers()
    reply = handlers.on_inbound(inbound_text(request.POST)) if handlers else ""
    return HttpResponse(twiml(reply), content_type="text/xml; charset=utf-8")


@csrf_exempt
@require_POST
def twilio_status(request):
    """Twilio's report on a message it took: sent, delivered or failed."""
    if not twilio_configured():
        raise Http404
    if not _verified(request):
        return HttpResponseForbidden("bad signature")
    from portal.messaging.twilio import delivery_report

    report = delivery_report(request.POST)
    handlers = text_handlers()
    if report is not None and handlers is not None:
        handlers.on_delivery_report(report)
    return HttpResponse(status=204)
