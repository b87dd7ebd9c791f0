"""Demo data of the applications area for `manage.py seed_demo` (idempotent)."""


def seed(*, stdout, scale: str = "small") -> None:
    return None
