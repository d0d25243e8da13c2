"""Where tests find the project and their fixtures (import this, never `conftest`)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LEVELS = ROOT / "levels"
