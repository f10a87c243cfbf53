"""`dwcrawler reextract`: revisions only where the clean content changed, and which fields."""

from dataclasses import replace

from sqlalchemy import select

import dwcrawler.archive.reextract
import dwcrawler.extraction
from dwcrawler.archive.reextract import is_older, version_key
from dwcrawler.cleaning import clean_article as original
from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.models import Article, ArticleRevision
from tests.archive.support import dump
from tests.support.clihelpers import run, seed


def test_reextract_all_with_an_unchanged_extractor_writes_nothing(crawled, db_url, capsys):
    files = [str(path) for path in crawled.first + crawled.later]
    assert run(capsys, "import-warc", "--database", db_url, *files).status == 0
    before = dump(db_url)
    result = run(capsys, "reextract", "--all", "--database", db_url, "--jobs", "2")
    assert result.status == 0, result.err
    assert f"re-extracted {crawled.pages} articles" in result.out
    assert "0 changed (0 with a new revision, 0 metadata only)" in result.out
    assert "fields changed: none" in result.out
    assert dump(db_url) == before


def test_a_new_extractor_revises_only_what_it_reads_differently(
    crawled, tmp_path, monkeypatch, capsys
):
    db_url = crawled.copy_db(tmp_path)
    warc = ["--warc-dir", str(crawled.warc), "--database", db_url, "--jobs", "1"]
    fixed = crawled.edited

    def improved(item, version):  # "a cleaning fix": one page's title reads differently now
        cleaned = original(item, version)
        return (
            replace(cleaned, title=cleaned.title + " (imesahihishwa)")
            if item.dw_id == fixed
            else cleaned
        )

    monkeypatch.setattr(dwcrawler.extraction, "clean_article", improved)
    monkeypatch.setattr(dwcrawler.extraction, "EXTRACTOR_VERSION", "9.0")
    monkeypatch.setattr(dwcrawler.archive.reextract, "EXTRACTOR_VERSION", "9.0")
    result = run(capsys, "reextract", *warc)
    assert result.status == 0, result.err
    others = crawled.pages - 1
    assert f"{crawled.pages} changed (1 with a new revision, {others} metadata only)" in result.out
    assert "fields changed: 1 title" in result.out
    engine = make_engine(db_url)
    with make_sessionmaker(engine).begin() as session:
        assert set(session.scalars(select(Article.extractor_version))) == {"9.0"}
        newest = session.scalars(
            select(ArticleRevision)
            .where(ArticleRevision.article_id == fixed)
            .order_by(ArticleRevision.revision.desc())
        ).first()
        assert newest is not None
        assert (newest.cause, newest.changed_fields) == ("reextract", ["title"])
        assert newest.extractor_version == "9.0"
        causes = list(session.scalars(select(ArticleRevision.cause)))
        assert causes.count("reextract") == 1
    engine.dispose()
    # Run again: every row is the current extractor's now.
    again = run(capsys, "reextract", *warc)
    assert again.status == 0, again.err
    assert f"skipped: {crawled.pages} extracted by the current extractor" in again.out


def test_since_limits_the_captures_and_rows_without_one_are_counted(crawled, db_url, capsys):
    seed(db_url)  # stored without WARC captures
    files = [str(path) for path in crawled.first]
    assert run(capsys, "import-warc", "--database", db_url, *files).status == 0
    late = run(capsys, "reextract", "--all", "--since", "2999-01-01", "--database", db_url)
    assert late.status == 0, late.err
    assert "re-extracted 0 articles" in late.out
    assert "skipped: 7 no WARC capture" in late.out


def test_a_capture_that_cannot_be_read_is_named_and_fails_the_run(crawled, tmp_path, capsys):
    db_url = crawled.copy_db(tmp_path)
    result = run(capsys, "reextract", "--all", "--database", db_url, "--warc-dir", str(tmp_path))
    assert result.status == 1
    lines = [line for line in result.err.splitlines() if "cannot read" in line]
    assert len(lines) == crawled.pages
    assert "No such file or directory" in lines[0]


def test_extractor_versions_compare_as_numbers():
    assert version_key("1.10") > version_key("1.9") > version_key("1") > version_key("")
    assert is_older("0.9")
    assert not is_older(dwcrawler.extraction.EXTRACTOR_VERSION)
