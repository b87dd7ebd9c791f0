"""Models of the placements app's matching area (see placements/models/__init__.py)."""
