"""Helpers of the archive tests: a replica that gzips like DW's CDN, crawls into named folders."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING, Any

from dwcrawler.db.engine import make_engine
from tests.replica.run import crawl
from tests.replica.server import ReplicaServer, site_key
from tests.support.dbfixtures import dump_tables

if TYPE_CHECKING:
    import subprocess
    from pathlib import Path

    from tests.replica.site import ReplicaSite


def gzip_some(server: ReplicaServer, site: ReplicaSite) -> list[str]:
    """Serve two content pages and a sitemap gzip-encoded; return their paths."""
    paths = [site.pages[1].path, site.pages[2].path, "/sw/article-sitemap.xml"]
    for path in paths:
        server.site[site_key(path)].gzip = True
    return paths


def fresh_sqlite(template: Path, folder: Path) -> str:
    """Return the URL of a migrated SQLite archive in `folder` (its WARC files: folder/warc)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "dw_sw.sqlite3"
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


def crawl_into(
    server: ReplicaServer, db_url: str, **options: Any
) -> subprocess.CompletedProcess[str]:
    """Run the real crawl against the replica into `db_url`; assert it worked."""
    settings = {"DATABASE_URL": db_url, **options.pop("settings", {})}
    result = crawl(server.base_url, proxy=server.base_url, settings=settings, **options)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def dump(db_url: str) -> dict[str, Any]:
    """Return every table of the archive at `db_url`, for comparing archives whole."""
    engine = make_engine(db_url)
    try:
        return dump_tables(engine)
    finally:
        engine.dispose()


def warc_files(folder: Path) -> list[Path]:
    """Return the WARC files in `folder`, oldest first."""
    return sorted(folder.glob("*.warc.gz"))
