"""Demo data of the fairs area for `manage.py seed_demo` (idempotent)."""


def seed(*, stdout, scale: str = "small") -> None:
    return None
