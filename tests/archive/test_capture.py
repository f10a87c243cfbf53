"""WARC capture in the real crawl: warcio accepts the files, the bytes are those the replica sent."""

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select
from warcio.archiveiterator import ArchiveIterator

from dwcrawler.archive.read import read_at
from dwcrawler.archive.records import NOT_MODIFIED, parse_warc_date
from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.models import Article, ArticleRevision
from tests.archive.support import crawl_into, fresh_sqlite, gzip_some, warc_files
from tests.replica.build import fixture_site
from tests.replica.run import crawl
from tests.replica.server import ReplicaServer, site_key

WARCIO = str(Path(sys.executable).parent / "warcio")
NOT_FOUND = b"<html><body><h1>Not found</h1></body></html>"


@pytest.fixture
def replica():
    site = fixture_site()
    with ReplicaServer(site.resources()) as server:
        yield site, server, gzip_some(server, site)


def _responses(path: Path) -> list[tuple[str, int, dict[str, str], bytes, str]]:
    """(target path, status, headers, payload as stored, record type) of each response."""
    found = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type in {"response", "revisit"}:
                target = urlsplit(record.rec_headers.get_header("WARC-Target-URI"))
                key = site_key(target.path + (f"?{target.query}" if target.query else ""))
                headers = dict(record.http_headers.headers)
                status = int(record.http_headers.get_statuscode())
                found.append((key, status, headers, record.raw_stream.read(), record.rec_type))
    return found


def test_a_crawl_keeps_every_response_byte_for_byte_in_files_warcio_accepts(
    replica, sqlite_template, tmp_path
):
    site, server, gzipped = replica
    db_url = fresh_sqlite(sqlite_template, tmp_path / "archive")
    crawl_into(server, db_url, args={"mode": "backfill"})
    files = warc_files(tmp_path / "archive" / "warc")  # the default: beside the archive
    assert files
    check = subprocess.run(
        [WARCIO, "check", "-v", *map(str, files)], capture_output=True, check=False
    )
    assert check.returncode == 0, check.stdout[-2000:]
    index = subprocess.run(
        [WARCIO, "index", *map(str, files)], capture_output=True, text=True, check=False
    )
    assert index.returncode == 0, index.stderr
    types = [json.loads(line)["warc-type"] for line in index.stdout.splitlines()]
    assert types.count("warcinfo") == len(files)
    # One response record per response the replica sent, each with its request.
    responses = [r for path in files for r in _responses(path)]
    assert len(responses) == len(server.requests()) == types.count("request")
    for key, status, headers, body, kind in responses:
        assert kind == "response"
        assert "Transfer-Encoding" not in headers
        resource = server.site.get(key)
        if status != 200:
            assert body == NOT_FOUND, key
        elif resource.gzip:
            assert headers["Content-Encoding"] == "gzip", key
            assert body == resource.gzipped(), key  # still compressed, as it came
        else:
            assert "Content-Encoding" not in headers, key
            assert body == resource.body, key
    assert {site_key(p) for p in gzipped} <= {key for key, *_ in responses}
    # The warcinfo record names the crawler, its settings and the origin it fetched from.
    with files[0].open("rb") as stream:
        info = next(iter(ArchiveIterator(stream))).content_stream().read().decode()
    assert f"dw-base-url: {server.base_url}" in info
    assert "software: dwcrawler/" in info
    assert '"WARC_GZIP_LEVEL": 6' in info
    # Each article row (and its revision) names the record its content came from.
    engine = make_engine(db_url)
    with make_sessionmaker(engine).begin() as session:
        rows = session.execute(select(Article)).scalars().all()
        revisions = {r.article_id: r for r in session.scalars(select(ArticleRevision))}
        assert len(rows) == len(site.pages)
        for row in rows:
            assert row.warc_file is not None
            assert row.warc_offset is not None
            record = read_at(files[0].parent / row.warc_file, row.warc_offset)
            assert record.type == "response"
            assert str(record.target_uri).endswith(f"-{row.dw_id}")
            assert (record.digest, record.date) == (row.warc_digest, row.warc_date)
            assert row.last_fetched_at == row.warc_date == row.first_seen_at
            revision = revisions[row.dw_id]
            assert (revision.warc_file, revision.warc_offset) == (row.warc_file, row.warc_offset)
            assert (revision.cause, revision.fetched_at) == ("fetch", row.warc_date)
    engine.dispose()


def test_a_304_becomes_a_revisit_and_each_run_writes_files_of_its_own(
    replica, sqlite_template, tmp_path
):
    site, server, _ = replica
    db_url = fresh_sqlite(sqlite_template, tmp_path / "archive")
    folder = tmp_path / "elsewhere"
    crawl_into(server, db_url, args={"mode": "backfill"}, settings={"WARC_DIR": str(folder)})
    first = warc_files(folder)
    touched = site.pages[4]
    site.touch(touched.spec.dw_id)
    server.site = site.resources()
    crawl_into(server, db_url, settings={"WARC_DIR": str(folder), "WARC_GZIP_LEVEL": "1"})
    later = [path for path in warc_files(folder) if path not in first]
    assert len(later) == 1  # a run never appends to an earlier run's file
    revisits = [r for r in _responses(later[0]) if r[4] == "revisit"]
    assert [(key, status) for key, status, *_ in revisits] == [(site_key(touched.path), 304)]
    with later[0].open("rb") as stream:
        records = [r for r in ArchiveIterator(stream) if r.rec_type == "revisit"]
        head = records[0].rec_headers
        assert head.get_header("WARC-Profile") == NOT_MODIFIED
        refers_to = parse_warc_date(head.get_header("WARC-Refers-To-Date"))
    engine = make_engine(db_url)
    with make_sessionmaker(engine).begin() as session:
        row = session.get(Article, touched.spec.dw_id)
        assert row is not None
        assert row.warc_date == refers_to  # the revisit points at the capture the row names
        assert row.last_seen_at == parse_warc_date(head.get_header("WARC-Date"))
    engine.dispose()


def test_warc_can_be_switched_off_and_a_folder_that_cannot_be_written_stops_the_crawl(
    replica, sqlite_template, tmp_path
):
    _, server, _ = replica
    db_url = fresh_sqlite(sqlite_template, tmp_path / "archive")
    off = crawl_into(server, db_url, args={"mode": "backfill"}, settings={"WARC_ENABLED": "False"})
    assert not (tmp_path / "archive" / "warc").exists()
    # A choice, not a problem: said once at INFO, and the run stays free of WARNINGs.
    assert "INFO: WARC capture is off (WARC_ENABLED=False): no WARC files" in off.stderr
    assert " WARNING: " not in off.stderr
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    server.clear_log()
    settings = {"DATABASE_URL": db_url, "WARC_DIR": str(blocked / "warc")}
    result = crawl(server.base_url, proxy=server.base_url, settings=settings)
    assert result.returncode == 1
    assert "the WARC files could not be opened: cannot write WARC files in" in result.stderr
    assert [r for r in server.requests() if "/a-" in r.path] == []
