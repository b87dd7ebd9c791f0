"""A developer's machine: `make run`. SQLite unless DATABASE_URL says otherwise."""

import base64
import hashlib

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# Only for this machine; production refuses to start without its own.
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY", default="local-development-key-not-secret-5b1f0c7e9d2a4f68b3c1"
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# Sensitive fields are encrypted with a development key derived from the secret key when
# none is set; production refuses to start without PORTAL_FIELD_ENCRYPTION_KEYS.
PORTAL_FIELD_ENCRYPTION_KEYS = env.list("PORTAL_FIELD_ENCRYPTION_KEYS", default=[]) or [
    base64.urlsafe_b64encode(hashlib.sha256(SECRET_KEY.encode()).digest()).decode()
]
# The API schema and its docs are open on a developer's machine (`make run`).
PORTAL_API_SCHEMA_PUBLIC = env.bool("PORTAL_API_SCHEMA_PUBLIC", default=True)
