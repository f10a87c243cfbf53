"""`dwcrawler import-warc`: a crawl's WARC files rebuild its archive, older captures add history."""

import json
import re
from typing import Any

from sqlalchemy import func, select
from warcio.indexer import Indexer

from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.models import Article, ArticleRevision
from tests.archive.support import dump
from tests.replica.archive import records
from tests.support.clihelpers import run


def _export(capsys, db_url: str) -> list[dict[str, Any]]:
    result = run(capsys, "export", "--database", db_url)
    assert result.status == 0, result.err
    return [json.loads(line) for line in result.out.splitlines()]


def _causes(db_url: str) -> set[str]:
    engine = make_engine(db_url)
    try:
        with make_sessionmaker(engine).begin() as session:
            return set(session.scalars(select(ArticleRevision.cause)))
    finally:
        engine.dispose()


def _articles(db_url: str) -> int:
    engine = make_engine(db_url)
    try:
        with make_sessionmaker(engine).begin() as session:
            return int(session.scalar(select(func.count()).select_from(Article)) or 0)
    finally:
        engine.dispose()


def test_a_crawls_warc_files_imported_into_an_empty_archive_give_the_same_export(
    crawled, db_url, capsys
):
    files = [str(path) for path in reversed(crawled.first + crawled.later)]  # any order
    result = run(capsys, "import-warc", "--database", db_url, "--jobs", "2", *files)
    assert result.status == 0, result.err
    assert f"{crawled.pages + 1} pages stored ({crawled.pages} new, 1 revised," in result.out
    assert "1 seen again (not modified), 1 gone" in result.out
    assert "0 damaged record(s), 0 page(s) not stored" in result.out
    rebuilt, original = _export(capsys, db_url), _export(capsys, crawled.db_url)
    assert len(rebuilt) == crawled.pages
    # Record for record, seen and fetched times included; only how and when this archive
    # learned each version differs: each revision's cause, and the row's `changed_at`.
    assert {r["cause"] for a in original for r in a["revisions"]} == {"fetch"}
    assert {r["cause"] for a in rebuilt for r in a["revisions"]} == {"import"}
    assert [_learned_aside(a) for a in rebuilt] == [_learned_aside(a) for a in original]
    assert _causes(crawled.db_url) == {"fetch"}
    assert _causes(db_url) == {"import"}


def _learned_aside(record: dict[str, Any]) -> dict[str, Any]:
    """The record without how and when the archive learned it (cause, changed_at)."""
    revisions = [{k: v for k, v in r.items() if k != "cause"} for r in record["revisions"]]
    return {k: v for k, v in record.items() if k != "changed_at"} | {"revisions": revisions}


def test_an_older_capture_adds_history_and_never_replaces_the_current_version(
    crawled, db_url, capsys
):
    newer = run(capsys, "import-warc", "--database", db_url, *map(str, crawled.later))
    assert newer.status == 0, newer.err
    assert [r["revision"] for r in records(db_url)[crawled.edited]["revisions"]] == [1]
    older = run(capsys, "import-warc", "--database", db_url, *map(str, crawled.first))
    assert older.status == 0, older.err
    assert "1 older versions added to history" in older.out
    mine, theirs = records(db_url)[crawled.edited], records(crawled.db_url)[crawled.edited]
    assert mine["body"] == theirs["body"]  # the current version is still the newer one
    # The older one placed before it (by import, where the crawl fetched it).
    assert _learned_aside(mine)["revisions"] == _learned_aside(theirs)["revisions"]
    assert [r["cause"] for r in mine["revisions"]] == ["import", "import"]
    assert mine["revisions"][1]["changed_fields"] == ["body"]
    # Importing the same files again changes nothing at all.
    before = dump(db_url)
    again = run(capsys, "import-warc", "--database", db_url, *map(str, crawled.first))
    assert again.status == 0, again.err
    assert dump(db_url) == before


def test_a_file_that_is_not_warc_gets_one_line_and_nothing_is_stored(
    crawled, sqlite_url, tmp_path, capsys
):
    text = tmp_path / "notes.txt"
    text.write_text("Hii si faili ya WARC.\n")
    missing = tmp_path / "missing.warc.gz"
    files = [str(crawled.first[0]), str(text), str(missing)]
    result = run(capsys, "import-warc", "--database", sqlite_url, *files)
    assert result.status == 1
    assert result.err.splitlines() == [
        f"dwcrawler import-warc: {text}: not a WARC file",
        f"dwcrawler import-warc: {missing}: No such file or directory",
    ]
    assert _articles(sqlite_url) == 0


def _offsets(capsys, path) -> dict[str, int]:
    """Target URI → offset of each response record (from `warcio index`, another reader)."""
    capsys.readouterr()
    Indexer("offset,warc-type,warc-target-uri", [str(path)], "-").process_all()
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    return {e["warc-target-uri"]: int(e["offset"]) for e in lines if e["warc-type"] == "response"}


def test_a_damaged_record_is_skipped_and_named_the_rest_imported_nothing_lost(
    crawled, sqlite_url, tmp_path, capsys
):
    assert run(capsys, "import-warc", "--database", sqlite_url, str(crawled.later[0])).status == 0
    offsets = _offsets(capsys, crawled.first[0])
    victim = next(uri for uri in sorted(offsets) if re.search(r"/a-\d+$", uri))
    data = bytearray(crawled.first[0].read_bytes())
    start = offsets[victim]
    data[start + 200 : start + 260] = bytes(60)  # zeros inside the record's gzip member
    damaged = tmp_path / crawled.first[0].name
    damaged.write_bytes(bytes(data[:-100]))  # and the last record cut short
    before = records(sqlite_url)
    result = run(capsys, "import-warc", "--database", sqlite_url, str(damaged))
    assert result.status == 1, (result.out, result.err, offsets, start, len(data))
    lines = [line for line in result.err.splitlines() if "skipped" in line]
    assert len(lines) == 2, (result.err, offsets, start, len(data))
    assert lines[0].startswith(f"dwcrawler import-warc: {damaged}: offset {start}: skipped: ")
    assert lines[1].startswith(f"dwcrawler import-warc: {damaged}: offset ")
    assert "cut short" in lines[1]
    assert "2 damaged record(s)" in result.out
    after = records(sqlite_url)
    victim_id = int(victim.rsplit("-", 1)[1])
    assert victim_id not in after
    assert len(after) == crawled.pages - 1
    for dw_id, record in before.items():  # what was stored before is all still there
        kept = {(r["fetched_at"], r["content_hash"]) for r in after[dw_id]["revisions"]}
        assert {(r["fetched_at"], r["content_hash"]) for r in record["revisions"]} <= kept
        assert after[dw_id]["body"] == record["body"]
