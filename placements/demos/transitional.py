"""Demo data of the transitional area for `manage.py seed_demo` (idempotent)."""


def seed(*, stdout, scale: str = "small") -> None:
    return None
