"""Admin guards for power items (copy and move). Filled in by the copy/move work."""
