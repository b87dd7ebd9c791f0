"""The placements app's API views, one module per area (`api/<area>.py`)."""
