"""End to end: the real `scrapy crawl dw_sw` over a loopback replica into a real database."""

from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from sqlalchemy import create_engine, text

from tests.replica.archive import records, revision_count, runs
from tests.replica.build import fixture_site
from tests.replica.run import crawl
from tests.replica.server import ReplicaServer
from tests.replica.site import GERMAN_PAGES, GERMAN_SITEMAPS, ReplicaSite
from tests.sitegen import expected_dict

# What the archive must hold exactly as the generator's spec says (the export schema).
COMPARED = (
    "url",
    "kind",
    "language",
    "design",
    "title",
    "teaser",
    "published_at",
    "modified_at",
    "authors",
    "editors",
    "body",
    "photos",
    "media",
    "duration_seconds",
    "permalink",
)


@pytest.fixture
def replica():
    site = fixture_site()
    with ReplicaServer(site.resources()) as server:
        yield site, server


def _run(server: ReplicaServer, db_url: str, **options: Any):
    settings = {"DATABASE_URL": db_url, **options.pop("settings", {})}
    return crawl(server.base_url, proxy=server.base_url, settings=settings, **options)


def _warnings(log: str) -> list[str]:
    return [line for line in log.splitlines() if "] WARNING:" in line]


def _content_paths(server: ReplicaServer, site: ReplicaSite) -> list[str]:
    ids = {str(p.spec.dw_id) for p in site.pages}
    return [r.path for r in server.requests() if r.path.rsplit("-", 1)[-1] in ids]


def test_crawl_stores_every_page_as_specified_then_runs_incrementally(replica, db_url):
    site, server = replica
    sqlite_url = db_url  # the same test runs on SQLite and on PostgreSQL
    feeds = "https://rss.dw.com/rdf/rss-sw-all,https://rss.dw.com/xml/rss-kis-all"
    first = _run(server, sqlite_url, args={"mode": "backfill"}, settings={"DW_FEEDS": feeds})
    assert first.returncode == 0, first.stderr[-3000:]
    assert _warnings(first.stderr) == []  # a clean run is quiet
    assert "Remote control" not in first.stderr  # and opens no control port
    log = server.requests()
    assert [r.path for r in log].count("/robots.txt") == 1  # read once, for rules and sitemaps
    # Nothing left the replica; nothing German, no search/overlay path, no tracking parameter.
    assert {urlsplit(r.url).netloc for r in log} == {server.authority}
    fetched = {unquote(urlsplit(r.url).path) for r in log}
    assert not fetched & {*GERMAN_PAGES, *GERMAN_SITEMAPS}
    assert not any(p.startswith(("/search/", "/overlay/", "/popups/")) for p in fetched)
    assert not any("maca=" in r.url for r in log)
    assert {"/rdf/rss-sw-all", "/xml/rss-kis-all", "/sw/afrika/s-11603?page=2"} <= {
        r.path for r in log
    }
    assert sorted(_content_paths(server, site)) == sorted(p.path for p in site.pages)
    # The archive holds each page exactly as its spec says, under its canonical URL.
    stored = records(sqlite_url)
    assert sorted(stored) == sorted(p.spec.dw_id for p in site.pages)
    for page in site.pages:
        expected, record = expected_dict(page.spec), stored[page.spec.dw_id]
        for key in COMPARED:
            assert record[key] == expected[key], (page.path, key)
        assert record["status"] == "live"
        assert len(record["revisions"]) == 1
    assert any(p["caption"] and p["credit"] for r in stored.values() for p in r["photos"])
    [run] = runs(sqlite_url)
    assert run["outcome"] == "success"
    assert run["counters"]["stored_new"] == len(site.pages)
    assert run["field_rates"]["title"] == 1.0

    # Second run, nothing changed: no content page is fetched again, no revision is written.
    server.clear_log()
    second = _run(server, sqlite_url, settings={"DW_FEEDS": feeds})
    assert second.returncode == 0, second.stderr[-3000:]
    assert _content_paths(server, site) == []
    assert revision_count(sqlite_url) == len(site.pages)
    assert _warnings(second.stderr) == []
    # An update run keeps the validators of the feeds and child sitemaps it read (a backfill
    # keeps none: the first run's were not sent); the next update run sends them back.
    assert all(not r.headers.get("If-None-Match") for r in server.requests())

    def leaves() -> dict[str, Any]:
        return {
            r.path: r
            for r in server.requests()
            if "rss-" in r.path or ("/sw/" in r.path and r.path.endswith("sitemap.xml"))
        }

    # An editor changes one page, another is re-saved unchanged, DW takes a third down:
    # one revision, one 304, one gone.
    edited, touched, removed = site.pages[3], site.pages[4], site.pages[5]
    spec = site.revise(edited.spec.dw_id, "Aya hii imehaririwa na mhariri wa DW.")
    site.touch(touched.spec.dw_id)
    site.remove(removed.spec.dw_id)
    server.site = site.resources()
    server.clear_log()
    third = _run(server, sqlite_url)
    assert third.returncode == 0, third.stderr[-3000:]
    assert sorted(_content_paths(server, site)) == sorted([edited.path, touched.path, removed.path])
    statuses = {r.path: r.status for r in server.requests()}
    assert (statuses[edited.path], statuses[touched.path], statuses[removed.path]) == (
        200,
        304,
        404,
    )
    conditional = next(r for r in server.requests() if r.path == edited.path)
    assert conditional.headers.get("If-None-Match")  # re-checked with the stored ETag
    asked = leaves()
    assert asked["/rdf/rss-sw-all"].headers.get("If-None-Match")
    assert asked["/rdf/rss-sw-all"].status == 304  # the feed did not change
    changed = [r for path, r in asked.items() if path.endswith("sitemap.xml")]
    assert changed  # the sitemap that lists the edits changed: read in full
    assert all(r.status == 200 for r in changed)
    assert "1 not modified (304)" in third.stderr
    assert revision_count(sqlite_url) == len(site.pages) + 1
    after = records(sqlite_url)
    assert after[spec.dw_id]["body"] == expected_dict(spec)["body"]
    assert [r["revision"] for r in after[spec.dw_id]["revisions"]] == [1, 2]
    assert after[removed.spec.dw_id]["status"] == "gone"

    # Fourth run, nothing changed since: the page that answered 304 is not re-checked for the
    # same sitemap lastmod again, nor is anything else fetched.
    server.clear_log()
    fourth = _run(server, sqlite_url, settings={"DW_FEEDS": feeds})
    assert fourth.returncode == 0, fourth.stderr[-3000:]
    assert _content_paths(server, site) == []
    # Sitemaps and feeds unchanged since a clean run: each answers 304, none is read again.
    asked = leaves()
    assert {p for p in asked if p.endswith("sitemap.xml")}
    assert {p for p in asked if "rss-" in p}
    assert all(r.headers.get("If-None-Match") and r.status == 304 for r in asked.values())
    assert f"'discovery/not_modified': {len(asked)}," in fourth.stderr, fourth.stderr[-2500:]
    assert [r["outcome"] for r in runs(sqlite_url)] == ["success"] * 4


def test_a_redesign_that_loses_captions_fails_the_run_and_names_the_field(replica, sqlite_url):
    site, server = replica
    assert _run(server, sqlite_url, args={"mode": "backfill"}).returncode == 0
    site.redesign(drop_captions=True)
    server.site = site.resources()
    result = _run(server, sqlite_url)
    assert result.returncode == 1
    alarm = [line for line in result.stderr.splitlines() if "field-rate alarm: 'captions'" in line]
    assert alarm, result.stderr[-3000:]
    assert "far below the mean of recent runs" in alarm[0]
    assert runs(sqlite_url)[-1]["outcome"] == "failed"


def test_store_refuses_a_database_not_at_head(replica, tmp_path):
    site, server = replica
    url = f"sqlite:///{tmp_path / 'never-migrated.sqlite3'}"
    result = _run(server, url)
    assert result.returncode == 1
    assert "dwcrawler db upgrade" in result.stderr
    assert "the store refused to start" in result.stderr
    assert "run failed: the store refused to start" in result.stderr
    assert _content_paths(server, site) == []


def test_a_failed_write_fails_the_run_and_names_the_url(replica, sqlite_url):
    site, server = replica
    victim = site.pages[2]
    engine = create_engine(sqlite_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                f"CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.dw_id = {victim.spec.dw_id} "
                "BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
            )
        )
    engine.dispose()
    result = _run(server, sqlite_url, args={"mode": "backfill"})
    assert result.returncode == 1
    assert f"{victim.url}: not stored: IntegrityError" in result.stderr
    assert "1 item(s) could not be written to the database" in result.stderr
    stored = records(sqlite_url)
    assert victim.spec.dw_id not in stored
    assert len(stored) == len(site.pages) - 1
