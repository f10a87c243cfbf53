"""`dwcrawler photos`: whole credits with agencies and photographers, filtered like search."""

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.repository import store_article
from tests.support.clihelpers import run, seed
from tests.support.dbsamples import GAUCK, MAFURIKO, MKUTANO, RELI

LONG_CREDIT = (
    "picture-alliance/Xinhua News Agency/Wang Shen Kaihui//Reuters/Thomas Mukoya Photographer "
    "of the Year/Getty Images"
)


@pytest.fixture
def archive(db_url):
    seed(db_url)
    long = replace(
        MAFURIKO,
        dw_id=68944999,
        url="https://www.dw.com/sw/mafuriko-tena/a-68944999",
        photos=(replace(MAFURIKO.photos[0], image_id=68944998, credit=LONG_CREDIT),),
    )
    engine = make_engine(db_url)
    with make_sessionmaker(engine).begin() as session:
        store_article(session, long, seen_at=datetime(2024, 7, 3, tzinfo=UTC))
    engine.dispose()
    return db_url


def _photos(capsys, archive, *args: str):
    result = run(capsys, "photos", *args, "--database", archive)
    assert result.status == 0, result.err
    return result


def test_the_table_shows_whole_credits_with_agencies_and_photographers(capsys, archive):
    out = _photos(capsys, archive, "--credit", "Wang Shen").out
    header, _rule, row = out.splitlines()
    assert header.split()[:7] == [
        "IMAGE_ID",
        "DW_ID",
        "PUBLISHED_AT",
        "ROLE",
        "CREDIT",
        "AGENCIES",
        "PHOTOGRAPHERS",
    ]
    assert LONG_CREDIT in row  # the credit filtered on is never cut
    assert "Xinhua News Agency" in row
    assert "Reuters" in row


def test_filters_like_search(capsys, archive):
    def ids(*args: str) -> set[int]:
        out = _photos(capsys, archive, *args, "--json").out
        return {json.loads(line)["dw_id"] for line in out.splitlines()}

    assert ids("--since", "2024-01-01") == {RELI.dw_id, MAFURIKO.dw_id, 68944999}
    assert ids("--until", "2015-12-31") == {GAUCK.dw_id}
    assert ids("--since", "2023-01-01", "--until", "2023-12-31") == {MKUTANO.dw_id}
    assert ids("--kind", "video") == set()  # the sample videos show no photos
    assert ids("--topic", "Urusi") == {MKUTANO.dw_id}
    assert ids("--author", "Majani") == {RELI.dw_id}
    assert ids("--agency", "picture-alliance", "--since", "2023-01-01") == {
        MKUTANO.dw_id,
        68944999,
    }
    bad = run(capsys, "photos", "--since", "2024-13-01", "--database", archive)
    assert bad.status == 2


def test_csv_and_json_carry_the_split(capsys, archive):
    rows = list(csv.DictReader(io.StringIO(_photos(capsys, archive, "--csv").out)))
    putin = next(r for r in rows if r["image_id"] == str(MKUTANO.photos[0].image_id))
    assert json.loads(putin["agencies"]) == ["picture alliance", "AP"]
    assert json.loads(putin["photographers"]) == ["D. Lovetsky", "E. Vucci"]
    assert putin["credit"] == MKUTANO.photos[0].credit
    first = json.loads(_photos(capsys, archive, "--photographer", "Lovetsky", "--json").out)
    assert first["photographers"] == ["D. Lovetsky", "E. Vucci"]
