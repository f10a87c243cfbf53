"""Where the golden files live, and how extracted output is compared with them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PAGES = FIXTURES / "pages"
SAMPLES = FIXTURES / "samples"


def page_fixtures() -> list[Path]:
    """Every generated golden page (HTML next to its JSON)."""
    return sorted(PAGES.glob("*/*.html"))


def sample_fixtures() -> list[Path]:
    """Every stored real DW sample page."""
    return sorted(SAMPLES.glob("*.html"))


def comparable(data: dict[str, Any]) -> dict[str, Any]:
    """Output as compared with a golden file: warnings by their stable code only."""
    return {**data, "warnings": [w.split(":", 1)[0] for w in data.get("warnings", [])]}
