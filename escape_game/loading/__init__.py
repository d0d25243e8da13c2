"""The level loader: safe YAML in, a checked Campaign out, or LevelError with located problems.

Parsing, validation and cross-reference checking are separate steps; every mistake a teacher
can make is reported as a Problem at file:line:column, never as a traceback.
"""

from escape_game.loading.campaign import LoadedCampaign, load_campaign, load_campaign_text
from escape_game.loading.discovery import find_levels, validate_paths
from escape_game.loading.problems import LevelError, Location, Problem
from escape_game.loading.safe_yaml import Limits

__all__ = [
    "LevelError",
    "Limits",
    "LoadedCampaign",
    "Location",
    "Problem",
    "find_levels",
    "load_campaign",
    "load_campaign_text",
    "validate_paths",
]
