"""Session telemetry: capture (recorder), reading back, exports, statistics and reports.

This package never imports pygame: the researcher's side installs and runs without it.
"""
