"""Where the tests' files live: the repository, the fixtures, the saved pages."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SITE = FIXTURES / "site"  # robots.txt and the real RSS sample the replica serves
