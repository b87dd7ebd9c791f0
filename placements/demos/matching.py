"""Demo data of the matching area for `manage.py seed_demo` (idempotent)."""


def seed(*, stdout, scale: str = "small") -> None:
    return None
