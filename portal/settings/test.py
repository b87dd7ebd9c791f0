"""The test suite: fast hashing, mail kept in memory, tasks run at once.

DATABASE_URL selects PostgreSQL (CI does); without it the tests use SQLite in memory.
"""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-key-not-secret-6f4e2d0c8b1a3957e6d4c2b0a9f8e7d6"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Argon2 is deliberately slow; tests use a fast hasher (the other settings keep Argon2 first).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Participant documents: in memory too, and like the real one without any URL.
    "private": {"BACKEND": "portal.core.storage.PrivateInMemoryStorage"},
}
# A fixed development key (never a real one): the same in every test run.
PORTAL_FIELD_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LWZpZWxkLWtleS1ub3Qtc2VjcmV0LTA="]
# The schema is public in tests (and the fuzz run reads it); tests of the production rule
# turn this off.
PORTAL_API_SCHEMA_PUBLIC = True

# Dashboards are built on every visit in tests (a test changes data between requests
# without a request of its own); tests of the kept dashboard turn it on.
PORTAL_DASHBOARD_SECONDS = 0
