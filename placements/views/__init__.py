"""HTML views of the placements app, one module per area (`views/<area>.py`)."""
