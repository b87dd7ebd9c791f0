"""Request context that services need without taking the request as an argument, and the
headers and signals every response shares."""

from contextvars import ContextVar

from axes.helpers import get_client_ip_address

from portal.core.panels import dashboard_changed_by

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

_current_request: ContextVar[object | None] = ContextVar("current_request", default=None)


def current_client_ip() -> str | None:
    """The IP address of the request being served, or None outside a request (a task, a
    management command). Worked out on the first call of a request (most requests audit
    nothing, so most never pay for it), then kept on the request."""
    request = _current_request.get()
    if request is None:
        return None
    if not hasattr(request, "_portal_client_ip"):
        request._portal_client_ip = get_client_ip_address(request) or None
    return request._portal_client_ip


class RequestContextMiddleware:
    """Remembers the request being served, so that the audit trail can read its client's
    IP without a request argument.

    Services write audit events with one call and no request argument; the IP comes from
    here. The same proxy rules as the login throttle (django-axes) decide the address.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


class PrivateCacheControlMiddleware:
    """`Cache-Control: no-store, private` on every API response and on every page served
    to someone signed in.

    Participants and job clubs share phones and library computers: a page with a name, a
    record or a pay stub must not stay in the browser's cache (the Back button, the
    history) or in a proxy after the person signs out. Pages for anonymous visitors (the
    public job list, the content site) keep whatever caching their view chose. Runs after
    the views (it sits right after AuthenticationMiddleware), so no view can loosen it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith("/api/") or (user is not None and user.is_authenticated):
            # Whatever a view said (max-age, public) gives way: no-store is the strongest.
            response["Cache-Control"] = "no-store, private"
            if "Expires" in response:
                del response["Expires"]
        return response


class DashboardChangedMiddleware:
    """After a successful change (POST, PUT, PATCH, DELETE answered below 400) by someone
    signed in, their dashboard is built afresh next time (`portal.core.panels`): the
    person who just recorded an interview sees it on the page they go back to. Checked
    after the view, where an API token's user is known too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in SAFE_METHODS and response.status_code < 400:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                dashboard_changed_by(user)
        return response
