"""Models of the placements app's fairs area (see placements/models/__init__.py)."""
