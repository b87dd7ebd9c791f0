"""Absolute links the employers pages and API hand out: the site's address for the links
in emails, and where Stripe Checkout sends an employer back after paying a booth fee.
A neutral module, so that the API never imports a views module."""

from django.urls import reverse

from employers.models import FairBooth


def site_url(request) -> str:
    """ "https://portal.example.org": the address the request came to."""
    return f"{request.scheme}://{request.get_host()}"


def booth_checkout_return_urls(request, booth: FairBooth) -> tuple[str, str]:
    """(success URL, cancel URL) of a booth fee's Stripe Checkout: both lead back to the
    booth's page, the success one through the payment's return page."""
    back = reverse("employers:booth-detail", args=[booth.pk])
    success = f"{site_url(request)}{reverse('payments:stripe-return')}?next={back}"
    return success, site_url(request) + back
