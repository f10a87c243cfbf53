"""Bad servers never cost data: every fault of the replica, met by the real crawl (issue 5).

One round installs every fault at once on a replica, runs `scrapy crawl dw_sw` in update mode,
then again with the faults gone; `make reliability` repeats rounds and runs each fault alone.
"""

from __future__ import annotations

import pytest

from tests.reliability.faultcases import CASES
from tests.reliability.faultrun import run_round


@pytest.mark.slow
def test_every_fault_is_shown_survived_and_repaired_by_the_next_run(db_url):
    results = run_round(CASES, db_url, seed=3)
    failed = {r.case.name: r.problems for r in results if not r.survived}
    assert failed == {}
    assert sum(r.lost for r in results) == 0
    assert len(results) == len(CASES) >= 25
