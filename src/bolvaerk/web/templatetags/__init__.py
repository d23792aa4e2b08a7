"""Template tags of the web areas, one module per area."""
