"""Dashboard panels, one module per area; placements/dashboard.py gathers them."""
