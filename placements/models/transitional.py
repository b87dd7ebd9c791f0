"""Models of the placements app's transitional area (see placements/models/__init__.py)."""
