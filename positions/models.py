"""Job positions: ranks/titles, the framework catalogue, positions and their descriptions."""
