"""`dwcrawler search` output: one line per result, fitted to the terminal, totals, paging, JSON."""

import csv
import io
import json
import re
from datetime import UTC, datetime

import pytest

from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.repository import store_article
from tests.support.clihelpers import Result, run, seed
from tests.support.dbsamples import synthetic_items

ITEMS = synthetic_items(30)
MATCHES = sum("mafuriko" in i.title.lower() + i.body_text.lower() for i in ITEMS)
LINE = re.compile(r"^ *(\d+)  (\d{4}-\d\d-\d\d|-{10})  +(\d+)  (.+)$")


@pytest.fixture
def archive(db_url):
    seed(db_url)
    engine = make_engine(db_url)
    with make_sessionmaker(engine).begin() as session:
        for item in ITEMS:
            store_article(session, item, seen_at=datetime(2024, 7, 3, tzinfo=UTC))
    engine.dispose()
    return db_url


def _search(capsys: pytest.CaptureFixture[str], archive: str, *args: str) -> Result:
    return run(capsys, "search", *args, "--database", archive)


def _parts(line: str) -> re.Match[str]:
    match = LINE.match(line)
    assert match is not None, line
    return match


def test_one_line_per_result_with_the_total_and_the_next_page(capsys, archive, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    first = _search(capsys, archive, "mafuriko", "--limit", "2")
    assert first.status == 0, first.err
    heading, *lines = first.out.splitlines()
    counted = re.search(r" of (\d+) ", heading)
    assert counted is not None
    total = int(counted.group(1))
    assert total >= MATCHES >= 4
    assert heading == f"1\u20132 of {total} (best matches first); more: --offset 2"
    assert [int(_parts(line).group(1)) for line in lines] == [1, 2]
    second = _search(capsys, archive, "mafuriko", "--limit", "2", "--offset", "2")
    heading, *lines = second.out.splitlines()
    assert heading.startswith(f"3\u20134 of {total} ")
    assert [int(_parts(line).group(1)) for line in lines] == [3, 4]
    beyond = _search(capsys, archive, "mafuriko", "--offset", str(total))
    assert (beyond.status, beyond.out) == (0, "")
    assert beyond.err.strip() == f"no results after the first {total} ({total} in all)"


@pytest.mark.parametrize("columns", [60, 80, 132])
def test_lines_fit_columns_and_show_the_match(capsys, archive, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    result = _search(capsys, archive, "mafuriko OR ukame", "--limit", "30")
    assert result.status == 0, result.err
    lines = result.out.splitlines()[1:]
    assert lines
    for line in lines:
        assert len(line) <= columns, line
        assert re.search(r"\[(mafuriko|ukame)\]", line, re.IGNORECASE), line


def test_piped_lines_are_whole(capsys, archive, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)  # capsys is no terminal: a pipe
    result = _search(capsys, archive, "mafuriko", "--limit", "50")
    titles = {i.dw_id: i.title for i in ITEMS}
    for line in result.out.splitlines()[1:]:
        dw_id, rest = int(_parts(line).group(3)), _parts(line).group(4)
        if dw_id in titles:
            assert rest.startswith(titles[dw_id] + "  "), line


def test_json_and_csv_carry_the_total_in_every_record(capsys, archive):
    out = _search(capsys, archive, "mafuriko", "--json", "--limit", "4", "--offset", "2").out
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["rank"] for r in records] == [3, 4, 5, 6]
    assert len({r["total"] for r in records}) == 1
    assert records[0]["total"] >= MATCHES
    assert set(records[0]) == {
        "rank",
        "total",
        "dw_id",
        "published_at",
        "kind",
        "status",
        "title",
        "url",
        "snippet",
    }
    assert all("[" in r["snippet"] or "mafuriko" in r["title"].lower() for r in records)
    rows = list(csv.DictReader(io.StringIO(_search(capsys, archive, "mafuriko", "--csv").out)))
    assert {row["total"] for row in rows} == {str(records[0]["total"])}


def test_sort_newest_and_oldest(capsys, archive):
    newest = _search(capsys, archive, "Rais", "--sort", "newest", "--json", "--limit", "100").out
    dates = [json.loads(line)["published_at"] for line in newest.splitlines()]
    stamps = [datetime.fromisoformat(d) for d in dates if d]
    assert stamps == sorted(stamps, reverse=True)
    oldest = _search(capsys, archive, "Rais", "--sort", "oldest", "--json", "--limit", "3").out
    first = [
        datetime.fromisoformat(json.loads(line)["published_at"]) for line in oldest.splitlines()
    ]
    assert first == sorted(stamps)[:3]
    bad = _search(capsys, archive, "Rais", "--sort", "random")
    assert bad.status == 2
    assert bad.err.count("\n") == 1
    negative = _search(capsys, archive, "Rais", "--offset", "-1")
    assert negative.status == 2
