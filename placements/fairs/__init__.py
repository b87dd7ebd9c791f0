"""The fairs area of placements."""
