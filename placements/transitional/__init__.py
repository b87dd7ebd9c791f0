"""The transitional area of placements."""
