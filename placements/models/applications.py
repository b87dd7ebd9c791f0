"""Models of the placements app's applications area (see placements/models/__init__.py)."""
