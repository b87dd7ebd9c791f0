"""Payment pages: Stripe's webhook, the page Stripe sends the payer back to, and the
staff list of payments with the offline confirmation."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal.core.exceptions import ApplicationError
from portal.core.forms import show_error_on_form
from portal.core.models import Role
from portal.core.permissions import role_required
from portal.payments.exceptions import PaymentProviderError, WebhookSignatureError
from portal.payments.forms import OfflineConfirmForm
from portal.payments.models import PaymentStatus
from portal.payments.providers import stripe_configured
from portal.payments.selectors import payments_visible_to, stripe_events_needing_review
from portal.payments.services import (
    payment_confirm_offline,
    payment_fulfil_checkout,
    stripe_event_receive,
)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's events: 400 for a bad or stale signature (nothing stored), 200 for
    everything handled, replayed or ignored, 503 only when retrying later can help."""
    if not stripe_configured():
        raise Http404
    try:
        stripe_event_receive(
            payload=request.body, signature=request.headers.get("Stripe-Signature", "")
        )
    except WebhookSignatureError:
        return HttpResponseBadRequest("bad signature")
    except PaymentProviderError:
        return HttpResponse("try again later", status=503)
    except ApplicationError:
        return HttpResponseBadRequest("bad event")
    return HttpResponse("ok")


def stripe_return(request):
    """Where Stripe sends the payer after paying: settle the payment at once (the same
    function as the webhook), then go on to `next`."""
    session_id = request.GET.get("session_id", "")
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    try:
        payment = payment_fulfil_checkout(session_id=session_id, actor=request.user)
    except PaymentProviderError as error:
        messages.warning(request, error.message)
    else:
        if payment is not None and payment.status == PaymentStatus.PAID:
            messages.success(request, _("Thank you: your payment is received."))
        else:
            messages.info(request, _("We have not received the payment yet. We will email you."))
    return redirect(target)


@role_required(Role.STAFF)
def payment_list(request):
    """Staff: every payment and its state, and Stripe events that need a look."""
    payments = Paginator(payments_visible_to(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "payments/payment_list.html",
        {
            "page": payments,
            "flagged_events": stripe_events_needing_review(user=request.user)[:20],
            "confirm_form": OfflineConfirmForm(),
        },
    )


@role_required(Role.STAFF)
@require_POST
def payment_confirm(request, pk):
    """Staff confirm an invoice or check payment with its number."""
    payment = get_object_or_404(payments_visible_to(user=request.user), pk=pk)
    form = OfflineConfirmForm(request.POST)
    if form.is_valid():
        try:
            payment_confirm_offline(
                payment=payment,
                offline_reference=form.cleaned_data["offline_reference"],
                actor=request.user,
            )
        except ApplicationError as error:
            show_error_on_form(form, error)
        else:
            messages.success(request, _("The payment is confirmed."))
            target = request.POST.get("next", "")
            if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                target = "payments:list"
            return redirect(target)
    return render(request, "payments/payment_confirm.html", {"form": form, "payment": payment})
