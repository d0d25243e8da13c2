"""A data-driven escape-room engine that teaches money and risk."""

__version__ = "0.1.0"
