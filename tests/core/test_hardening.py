"""Hardening findings of the outside review (issue 16): rate limits on the real client
address and atomic, nothing private in a browser's cache, API errors in the API's shape
for an oversized body."""

import json
import threading
import time

import pytest
from axes.helpers import get_client_ip_address
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.test import RequestFactory, override_settings
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from portal.core.throttling import client_address
from tests.factories.employers import JobFactory
from tests.factories.users import UserFactory

JOBS = "/api/v1/jobs/"


# --- Rate limits keyed on the real client address ------------------------------------------


@pytest.fixture
def sixty_a_minute(monkeypatch):
    """The documented anonymous limit, whatever the environment says; the clock stays
    inside one minute so the count is exact."""
    monkeypatch.setattr(AnonRateThrottle, "rate", "60/minute", raising=False)
    monkeypatch.setattr(UserRateThrottle, "rate", "60/minute", raising=False)
    for throttle_class in api_settings.DEFAULT_THROTTLE_CLASSES:
        monkeypatch.setattr(throttle_class, "timer", lambda self: 1_800_000_010.0)


@pytest.mark.django_db
def test_rotating_x_forwarded_for_does_not_dodge_the_anonymous_limit(client, sixty_a_minute):
    JobFactory()
    statuses = [
        client.get(JOBS, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}", REMOTE_ADDR="203.0.113.7")
        for n in range(80)
    ]
    passed = [response for response in statuses if response.status_code == 200]
    assert len(passed) == 60
    refused = statuses[-1]
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    assert 0 < int(refused.headers["Retry-After"]) <= 60


@pytest.mark.django_db
@override_settings(PORTAL_TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_the_proxy_appended_is_the_client(client, sixty_a_minute):
    """The client may write anything left of the proxy's entry; only the proxy's counts."""

    def call(client_wrote: str, proxy_saw: str):
        return client.get(
            JOBS, HTTP_X_FORWARDED_FOR=f"{client_wrote}, {proxy_saw}", REMOTE_ADDR="10.0.0.2"
        ).status_code

    passed = sum(call(f"192.0.2.{n}", "198.51.100.23") == 200 for n in range(80))
    assert passed == 60
    # Another client behind the same load balancer has its own minute.
    assert call("192.0.2.1", "198.51.100.99") == 200


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "203.0.113.7"),  # no proxy: the header is anyone's to write
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "192.0.2.9, 198.51.100.1", "198.51.100.1"),
        (2, "192.0.2.9, 198.51.100.1, 10.0.0.3", "198.51.100.1"),
        (2, "198.51.100.1", "203.0.113.7"),  # shorter than the proxies: the connection
        (1, "not-an-address", "203.0.113.7"),
        (1, "", "203.0.113.7"),
    ],
)
def test_the_login_lockout_and_the_api_read_the_same_address(proxies, forwarded, expected):
    with override_settings(PORTAL_TRUSTED_PROXY_COUNT=proxies):
        headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
        request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7", **headers)
        assert client_address(request) == expected
        assert get_client_ip_address(request) == expected  # django-axes
        throttle = api_settings.DEFAULT_THROTTLE_CLASSES[0]()
        assert throttle.get_ident(Request(request)) == expected


class SlowCache:
    """The shared cache as a second app server sees it: each call takes a moment (the
    round trip to Redis), so two requests' reads and writes interleave."""

    def __init__(self, real):
        self._real = real

    def __getattr__(self, name):
        method = getattr(self._real, name)

        def slow(*args, **kwargs):
            time.sleep(0.001)
            return method(*args, **kwargs)

        return slow


@pytest.mark.parametrize(
    ("throttle_index", "signed_in"), [(0, False), (1, True)], ids=["anonymous", "user"]
)
def test_concurrent_calls_cannot_pass_the_limit(sixty_a_minute, throttle_index, signed_in):
    throttle_class = api_settings.DEFAULT_THROTTLE_CLASSES[throttle_index]
    user = UserFactory.build(pk=41) if signed_in else None
    slow_cache = SlowCache(cache)
    allowed = []
    start = threading.Barrier(16)

    def caller():
        start.wait()
        for _ in range(10):
            request = Request(RequestFactory().get(JOBS, REMOTE_ADDR="203.0.113.7"))
            request.user = user or AnonymousUser()
            throttle = throttle_class()
            throttle.cache = slow_cache
            allowed.append(throttle.allow_request(request, None))

    threads = [threading.Thread(target=caller) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(allowed) == 160
    assert sum(allowed) == 60


# --- Nothing private stays in a browser's cache --------------------------------------------


@pytest.mark.django_db
def test_a_signed_in_page_is_never_stored(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/dashboard/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"


@pytest.mark.django_db
def test_an_api_response_is_never_stored(api_client, participant):
    api_client.force_authenticate(participant)
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    # Anonymous API answers too: one rule for the whole API, no list to keep up to date.
    assert APIClient().get(JOBS)["Cache-Control"] == "no-store, private"


@pytest.mark.django_db
def test_a_public_job_page_stays_cacheable_for_an_anonymous_visitor(client):
    job = JobFactory()
    response = client.get(f"/jobs/{job.pk}/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


# --- Errors in the API's own shape ----------------------------------------------------------


@pytest.fixture
def small_uploads(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", json.dumps({"first_name": "x" * 5000})),
        ("application/x-www-form-urlencoded", "first_name=" + "x" * 5000),
    ],
    ids=["json", "form"],
)
def test_an_oversized_api_body_gets_the_json_error_shape(
    client, participant, small_uploads, content_type, body
):
    client.force_login(participant)
    response = client.patch("/api/v1/me/", data=body, content_type=content_type)
    assert response.status_code == 413
    assert response.json() == {
        "detail": "The request is too large. Send less data at once.",
        "code": "request_too_large",
        "fields": {},
    }
    participant.refresh_from_db()
    assert participant.first_name == "Pat"


@pytest.mark.django_db
def test_an_oversized_body_to_the_token_endpoint_is_json_too(client, small_uploads):
    response = client.post("/api/v1/auth/token/", data={"username": "x" * 5000, "password": "p"})
    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"


@pytest.mark.django_db
def test_an_oversized_body_to_a_page_keeps_the_page(client, small_uploads):
    response = client.post(
        "/accounts/login/",
        data="username=" + "x" * 5000,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Something was wrong with that request" in response.text
