"""Storage for files that must never have a public address (participants' documents).

Django's FileSystemStorage falls back to MEDIA_URL when `base_url` is None, so a file in
it would still get a /media/... URL. This storage has none: `url()` refuses, and such
files are only ever served by a view that checks who is asking.
"""

from django.core.files.storage import FileSystemStorage, InMemoryStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class NoUrlMixin:
    def url(self, name):
        raise ValueError("Files in the private storage have no URL; serve them through a view.")


class PrivateFileSystemStorage(NoUrlMixin, FileSystemStorage):
    """A folder outside MEDIA_ROOT (PRIVATE_MEDIA_ROOT), never served by a web server."""


class PrivateInMemoryStorage(NoUrlMixin, InMemoryStorage):
    """The same in memory (tests)."""


class PrivateStorage(LazyObject):
    """STORAGES["private"], looked up when first used and again after the STORAGES setting
    changes (as Django does for `default_storage`). A FileField calls its `storage`
    callable only once, when the model is defined; handing it this proxy keeps the choice
    with the settings, so tests (and deployments) decide where documents go."""

    def _setup(self):
        self._wrapped = storages["private"]


private_files_storage = PrivateStorage()


def private_storage():
    """The private storage for a FileField (`FileField(storage=private_storage)`): outside
    MEDIA_ROOT and without a URL, so a file can only be fetched through a view that checks
    who is asking. A callable returning the lazy proxy `private_files_storage`, so that
    settings (and tests) decide where the files go, and migrations refer to this function
    rather than to a storage built at import time."""
    return private_files_storage


@receiver(setting_changed)
def _reset_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        private_files_storage._wrapped = empty
