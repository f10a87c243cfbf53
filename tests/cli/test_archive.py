"""The archive subcommands on a seeded database (SQLite and PostgreSQL)."""

import argparse
import csv
import io
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from dwcrawler.cli import build_parser
from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.models import Article
from tests.support.clihelpers import RELI_EDITED, run, seed
from tests.support.dbsamples import GAUCK, JANJAWEED, MKUTANO, RELI


@pytest.fixture
def archive(db_url):
    seed(db_url)
    return db_url


def _subcommands(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*prefix, name), sub
                yield from _subcommands(sub, (*prefix, name))


def test_every_subcommand_has_help_with_an_example(capsys):
    found = dict(_subcommands(build_parser()))
    assert {("db",), ("db", "upgrade"), ("stats",), ("search",), ("show",), ("photos",)} <= set(
        found
    )
    for path, sub in found.items():
        result = run(capsys, *path, "--help")
        assert result.status == 0, path
        assert "example" in result.out, f"`dwcrawler {' '.join(path)} --help` shows no example"
        assert f"dwcrawler {path[0]}" in (sub.epilog or ""), path


def test_stats_table_json_and_csv(capsys, archive):
    table = run(capsys, "stats", "--database", archive)
    assert table.status == 0, table.err
    assert "articles       7" in table.out
    assert "gone           1" in table.out
    assert "captions: 0% (last runs 57%)" in table.out
    lines = [
        json.loads(line)
        for line in run(capsys, "stats", "--json", "--database", archive).out.splitlines()
    ]
    totals = lines[0]
    assert totals["section"] == "totals"
    assert (totals["articles"], totals["revisions"], totals["photos"], totals["credits"]) == (
        7,
        8,
        6,
        6,
    )
    by_year = {(r["kind"], r["year"]): r["articles"] for r in lines if r["section"] == "articles"}
    assert by_year[("article", 2024)] == 2
    assert by_year[("video", 2018)] == 1
    runs = [r for r in lines if r["section"] == "crawl_run"]
    assert [r["outcome"] for r in runs] == ["failed", "success"]  # newest first
    assert runs[1]["field_rates"]["captions"] == 0.57
    rows = list(
        csv.DictReader(io.StringIO(run(capsys, "stats", "--csv", "--database", archive).out))
    )
    assert {"section": "totals", "subject": "archive", "metric": "authors", "value": "8"} in rows


def test_search_ranks_and_filters(capsys, archive):
    result = run(capsys, "search", "treni", "--json", "--database", archive)
    assert result.status == 0, result.err
    hits = [json.loads(line) for line in result.out.splitlines()]
    assert [h["dw_id"] for h in hits] == [RELI.dw_id]
    assert hits[0]["title"] == RELI_EDITED.title  # the index follows the revision
    assert "[treni]" in hits[0]["snippet"].lower()
    assert "Tanzania" in run(capsys, "search", "Tanzania", "--database", archive).out
    both = run(capsys, "search", "mafuriko OR zuma", "--json", "--database", archive).out
    assert len(both.splitlines()) == 2
    filtered = run(
        capsys,
        "search",
        "Tanzania OR Zanzibar",
        "--since",
        "2015-01-01",
        "--until",
        "2015-12-31",
        "--json",
        "--database",
        archive,
    )
    assert [json.loads(x)["dw_id"] for x in filtered.out.splitlines()] == [GAUCK.dw_id]
    by_author = run(capsys, "search", "rais", "--author", "robi", "--json", "--database", archive)
    assert [json.loads(x)["dw_id"] for x in by_author.out.splitlines()] == [GAUCK.dw_id]
    by_topic = run(
        capsys,
        "search",
        "Putin",
        "--topic",
        "urusi",
        "--kind",
        "article",
        "--csv",
        "--database",
        archive,
    )
    assert [r["dw_id"] for r in csv.DictReader(io.StringIO(by_topic.out))] == [str(MKUTANO.dw_id)]
    assert (
        run(capsys, "search", "Putin", "--topic", "Kenya", "--json", "--database", archive).out
        == ""
    )


def test_search_ranks_title_matches_first(capsys, archive):
    hits = run(
        capsys, "search", "Zanzibar OR Morogoro", "--json", "--database", archive
    ).out.splitlines()
    assert json.loads(hits[0])["dw_id"] == GAUCK.dw_id  # "Zanzibar" is in its title


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"reli ya', "unbalanced double quote"),
        ("-mvua", "only excludes"),
        ("OR treni", "OR needs a search term"),
        ("?!", "no words to search for"),
    ],
)
def test_malformed_queries_get_one_line_and_status_2(capsys, archive, query, message):
    result = run(capsys, "search", "--database", archive, "--", query)
    assert result.status == 2
    assert result.out == ""
    assert result.err.count("\n") == 1
    assert result.err.startswith("dwcrawler search: error: bad query:")
    assert message in result.err


def test_sql_in_a_query_is_just_text(capsys, archive):
    result = run(capsys, "search", "'; DROP TABLE articles; --", "--json", "--database", archive)
    assert result.status == 0
    assert result.out == ""
    engine = make_engine(archive)
    with make_sessionmaker(engine)() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 7
    engine.dispose()


def test_show_by_id_and_url(capsys, archive):
    result = run(capsys, "show", str(RELI.dw_id), "--database", archive)
    assert result.status == 0, result.err
    assert RELI_EDITED.title in result.out
    assert "Ericky Boniphace/AFP/Getty Images" in result.out
    assert "Treni ya umeme ya SGR ikiwa katika stesheni ya Dar es Salaam" in result.out
    assert "(first version)" in result.out
    encoded = "https://amp.dw.com/sw/putin-na-kim-jong-un-wakutana-vostochny/a-66812345?maca=x"
    record = json.loads(run(capsys, "show", encoded, "--json", "--database", archive).out)
    assert record["dw_id"] == MKUTANO.dw_id
    assert record["photos"][0]["photographers"] == ["D. Lovetsky", "E. Vucci"]
    assert record["photos"][0]["agencies"] == ["picture alliance", "AP"]
    gone = run(capsys, "show", str(JANJAWEED.dw_id), "--database", archive)
    assert "GONE" in gone.out


def test_show_an_old_revision(capsys, archive):
    first = json.loads(
        run(capsys, "show", str(RELI.dw_id), "--revision", "1", "--json", "--database", archive).out
    )
    assert first["title"] == RELI.title
    text = run(capsys, "show", str(RELI.dw_id), "--revision", "1", "--database", archive).out
    assert RELI.title in text
    missing = run(capsys, "show", str(RELI.dw_id), "--revision", "9", "--database", archive)
    assert (missing.status, missing.err.count("\n")) == (1, 1)
    assert "revisions 1 to 2" in missing.err


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["show", "kitu"], 2, "neither a DW id nor a DW content URL"),
        (["show", "1"], 1, "article 1 is not in the archive"),
        (["search", "x", "--since", "2024-02-30"], 2, "invalid date"),
        (
            ["search", "x", "--since", "2024-02-02", "--until", "2024-01-01"],
            2,
            "--since must be before",
        ),
        (["search", "x", "--limit", "0"], 2, "at least 1"),
        (["photos", "--limit", "many"], 2, "at least 1"),
        (["export", "--format", "xml"], 2, "invalid choice"),
    ],
)
def test_bad_arguments_get_a_clear_error(capsys, archive, argv, status, message):
    result = run(capsys, *argv, "--database", archive)
    assert result.status == status
    assert message in result.err
    assert "Traceback" not in result.err
    assert result.err.strip().splitlines()[-1].startswith("dwcrawler")


def test_photos_by_credit_agency_and_photographer(capsys, archive):
    agency = run(capsys, "photos", "--agency", "Picture-Alliance", "--json", "--database", archive)
    uses = [json.loads(line) for line in agency.out.splitlines()]
    assert {u["dw_id"] for u in uses} == {MKUTANO.dw_id, GAUCK.dw_id}
    gauck = next(u for u in uses if u["dw_id"] == GAUCK.dw_id)
    assert gauck["image_id"] is None
    assert gauck["published_at"] == "2015-02-04T00:00:00+03:00"  # the page's own date
    by_name = run(capsys, "photos", "--photographer", "lovetsky", "--csv", "--database", archive)
    rows = list(csv.DictReader(io.StringIO(by_name.out)))
    assert [r["credit"] for r in rows] == ["picture-alliance/AP Photo//D. Lovetsky/E. Vucci"]
    assert json.loads(rows[0]["photographers"]) == ["D. Lovetsky", "E. Vucci"]
    table = run(capsys, "photos", "--credit", "reuters", "--database", archive)
    assert "Reuters/T. Mukoya" in table.out
    assert len(table.out.splitlines()) == 3  # header, rule, one photo
    none = run(capsys, "photos", "--agency", "Xinhua", "--database", archive)
    assert (none.status, none.out, none.err.strip()) == (0, "", "no photos match")
