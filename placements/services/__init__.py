"""Writes of the placements app, one module per area (`services/<area>.py`)."""
