"""A crawl history shared by the archive tests: two real crawls of the replica, with WARC files.

The first run is a backfill; then an editor changes one page, another is re-saved unchanged
(a 304 next time), DW takes a third down (404), and an update run fetches what changed.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from tests.archive.support import crawl_into, fresh_sqlite, gzip_some, warc_files
from tests.replica.build import fixture_site
from tests.replica.server import ReplicaServer

if TYPE_CHECKING:
    from pathlib import Path

EDIT = "Aya hii imehaririwa na mhariri wa DW."


@dataclass(frozen=True)
class Crawled:
    """The archive two crawls made, and their WARC files."""

    db_url: str
    warc: Path  # the WARC folder (beside the archive)
    first: list[Path]  # the backfill's files
    later: list[Path]  # the update run's files
    pages: int
    edited: int  # DW ids
    touched: int
    removed: int

    def copy_db(self, folder: Path) -> str:
        """Return a copy of the crawl's archive in `folder` (its WARC folder stays `warc`)."""
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.db_url.removeprefix("sqlite:///"), folder / "dw_sw.sqlite3")
        return f"sqlite:///{folder / 'dw_sw.sqlite3'}"


@pytest.fixture(scope="session")
def crawled(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Crawled:
    folder = tmp_path_factory.mktemp("crawled")
    site = fixture_site()
    db_url = fresh_sqlite(sqlite_template, folder)
    with ReplicaServer(site.resources()) as server:
        gzip_some(server, site)
        crawl_into(server, db_url, args={"mode": "backfill"})
        first = warc_files(folder / "warc")
        edited, touched, removed = site.pages[3], site.pages[4], site.pages[5]
        site.revise(edited.spec.dw_id, EDIT)
        site.touch(touched.spec.dw_id)
        site.remove(removed.spec.dw_id)
        server.site = site.resources()
        gzip_some(server, site)
        crawl_into(server, db_url)
    later = [path for path in warc_files(folder / "warc") if path not in first]
    return Crawled(
        db_url,
        folder / "warc",
        first,
        later,
        len(site.pages),
        edited.spec.dw_id,
        touched.spec.dw_id,
        removed.spec.dw_id,
    )
