"""Shared test configuration: database fixtures live in tests/support/dbfixtures.py."""

from collections.abc import Iterator

import pytest

pytest_plugins = ["tests.support.dbfixtures"]


@pytest.fixture(autouse=True, scope="session")
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # Crawls on PostgreSQL keep their WARC files in the data folder: never the user's own.
    mp = pytest.MonkeyPatch()
    mp.setenv("DWCRAWLER_DATA_DIR", str(tmp_path_factory.mktemp("data-dir")))
    yield
    mp.undo()
