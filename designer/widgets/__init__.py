"""The designer's widgets, one per module."""
