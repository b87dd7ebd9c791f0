"""Demo data, one module per area; placements/demo.py runs them in order."""
