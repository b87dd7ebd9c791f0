"""Finding the apps' optional modules (`demo.py`, `dashboard.py`) without importing them
by name, so that the core never depends on the apps built on it."""

from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps
from django.conf import settings


def portal_app_modules(submodule: str) -> Iterator[ModuleType]:
    """Each of the portal's own apps' `<app>.<submodule>` that exists, in INSTALLED_APPS
    order (so lower layers come first). Third-party apps are never looked at."""
    for app_config in apps.get_app_configs():
        if not app_config.path.startswith(str(settings.BASE_DIR)):
            continue
        module_name = f"{app_config.name}.{submodule}"
        if find_spec(module_name) is not None:
            yield import_module(module_name)
