"""Only the historical migrations use this path (`jobseekers/migrations/0001_initial.py`
does `import jobseekers.fields`); the field lives in `portal.core.fields`. Since this is
the same class, its deconstructed path is `portal.core.fields.EncryptedTextField`, in the
migration state and in the models alike. New code imports from `portal.core.fields`."""

from portal.core.fields import EncryptedTextField

__all__ = ["EncryptedTextField"]
