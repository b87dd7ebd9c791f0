"""Production settings: fail fast without secrets, pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    environment.update(DJANGO_SETTINGS_MODULE="portal.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "kq3V8zR1pW6nT0yL4xB9mC2fJ7hD5sG8aE1uN6oQ3iY0rK4tZw7Mx",
    "DJANGO_ALLOWED_HOSTS": "jobs.example.org",
    "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
    "PORTAL_FIELD_ENCRYPTION_KEYS": "x8wI7c4Q0m2pV1hKc9cD3eN5rT6yU8iO0pA2sD4fG6E=",
}


def test_production_passes_check_deploy_at_warning_level():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "DJANGO_SECRET_KEY"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_to_start_without_a_database():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "DATABASE_URL"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "DATABASE_URL must be set in production" in result.stderr


def test_production_refuses_to_start_without_field_encryption_keys():
    env = {
        key: value for key, value in PRODUCTION_ENV.items() if key != "PORTAL_FIELD_ENCRYPTION_KEYS"
    }
    result = manage("check", PORTAL_FIELD_ENCRYPTION_KEYS="", **env)
    assert result.returncode != 0
    assert "PORTAL_FIELD_ENCRYPTION_KEYS must be set in production" in result.stderr


def test_production_settings_harden_sessions_and_tasks():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SESSION_COOKIE_AGE, s.TIME_ZONE,"
        " s.TASKS['default']['BACKEND'], s.SESSION_COOKIE_SECURE)"
    )
    result = manage("shell", "--no-imports", "-c", code, **PRODUCTION_ENV)
    assert result.stdout.split() == [
        "False",
        "1800",
        "America/Chicago",
        "django_tasks_db.DatabaseBackend",
        "True",
    ], result.stderr


def test_redis_url_backs_the_cache_and_sessions():
    code = (
        "from django.conf import settings as s;"
        "print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)"
    )
    result = manage(
        "shell", "--no-imports", "-c", code, REDIS_URL="redis://127.0.0.1:6379/0", **PRODUCTION_ENV
    )
    assert result.stdout.split() == [
        "portal.core.cache.RedisCache",
        "django.contrib.sessions.backends.cache",
    ], result.stderr
