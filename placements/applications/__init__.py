"""The applications area of placements."""
