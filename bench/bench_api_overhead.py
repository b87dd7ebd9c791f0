"""The cost of the portal's API stack: GET /api/v1/me/ with a token (DRF, token lookup,
throttling, serialization) against a bare Django view returning the same JSON through
the same middleware. Later endpoints should stay a small multiple of this baseline.

210 calls stay under the default user throttle (1200 a minute).
"""

from django.test import Client, override_settings

from bench.harness import Comparison, compare
from portal.core.models import Role, User
from portal.core.services import api_token_create


def run() -> list[Comparison]:
    user = User.objects.create(username="bench", role=Role.STAFF)
    token = api_token_create(user=user, name="bench").raw
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    bare = Client()

    def call_api():
        assert api.get("/api/v1/me/").status_code == 200

    def call_bare():
        assert bare.get("/bench/bare-json/").status_code == 200

    with override_settings(ROOT_URLCONF="bench.urls"):
        return [
            compare(
                name="API request stack",
                subject=("GET /api/v1/me/ with a token", call_api),
                baseline=("bare Django JSON view", call_bare),
            )
        ]
