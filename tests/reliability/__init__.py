"""Reliability scenarios shared by the tests (`make test`, small counts) and `make reliability`.

`DWCRAWLER_RELIABILITY=full` (set by `make reliability`) selects the full counts: the
"reliability" hypothesis profile and the long kill loops; otherwise the "ci" profile and
short loops keep `make test` quick.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_SLOW_INPUTS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
# `make test` (and so CI) runs a fixed set of examples: a run must not fail today on an input
# it did not try yesterday. `make reliability` draws fresh examples every time, and a failure
# it finds becomes a fixed `@example` on the test.
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    suppress_health_check=_SLOW_INPUTS,
    print_blob=True,
    derandomize=True,
)
settings.register_profile(
    "reliability",
    max_examples=5000,
    deadline=None,
    suppress_health_check=_SLOW_INPUTS,
    print_blob=True,
)


def full() -> bool:
    """Return True when the full counts are wanted (`make reliability`)."""
    return os.environ.get("DWCRAWLER_RELIABILITY") == "full"


def profile() -> settings:
    """Return the hypothesis profile of this run: "reliability" or "ci"."""
    return settings.get_profile("reliability" if full() else "ci")
