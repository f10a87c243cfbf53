"""`dwcrawler serve`'s Datasette: what a reader finds, asked in-process over a seeded archive."""

import sqlite3
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from dwcrawler.browse.metadata import build_metadata, shipped
from dwcrawler.browse.plugin import body_html, names_html
from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.migrate import SchemaNotAtHead, downgrade
from dwcrawler.db.repository import store_article
from tests.browse.helpers import Browser, archive_path
from tests.support.clihelpers import seed
from tests.support.dbsamples import GAUCK, MAFURIKO, RELI, SAMPLE_ITEMS, fetched


@pytest.fixture
def archive(sqlite_url):
    seed(sqlite_url)
    return sqlite_url


@pytest.fixture
def browser(archive):
    browser = Browser(archive)
    yield browser
    browser.close()


def test_the_home_page_names_the_archive_and_where_images_load_from(browser):
    page = browser.get("/")
    assert page.status_code == 200
    assert "DW Kiswahili archive" in page.text
    assert "loaded from DW&#39;s servers" in page.text or "loaded from DW's servers" in page.text
    assert "_memory" not in page.text  # only the archive is served
    database = browser.get("/dw_sw").text
    for query in ("Search the articles", "Photos by agency", "Articles by author"):
        assert query in database
    assert "What changed this week" in database


def test_full_text_search_works_on_the_articles_table_itself(browser):
    found = browser.rows("/dw_sw/articles.json", _search="mafuriko", _col="title")
    assert [r["dw_id"] for r in found] == [MAFURIKO.dw_id]
    folded = browser.rows("/dw_sw/articles.json", _search="Zánzibar", _col="title")
    assert [r["dw_id"] for r in folded] == [GAUCK.dw_id]  # accents need not match
    in_list = browser.rows("/dw_sw/article_list.json", _search="treni")
    assert [r["dw_id"] for r in in_list] == [RELI.dw_id]


def _facets(browser: Browser, path: str, **params: str) -> dict[str, dict[Any, int]]:
    results = browser.get(path, **params).json()["facet_results"]
    return {name: {v["value"]: v["count"] for v in f["results"]} for name, f in results.items()}


def test_facets_on_kind_year_topic_and_agency(browser):
    listed = _facets(browser, "/dw_sw/article_list.json")
    assert set(listed) == {"kind", "year"}
    years = Counter(i.published_at.year for i in SAMPLE_ITEMS if i.published_at is not None)
    assert {y: n for y, n in listed["year"].items() if y is not None} == dict(years)
    assert listed["kind"] == dict(Counter(i.kind for i in SAMPLE_ITEMS))
    by_topic = _facets(browser, "/dw_sw/articles_by_topic.json")
    assert set(by_topic) == {"topic", "year", "kind"}
    assert by_topic["topic"]["Kenya"] == 1
    by_agency = _facets(browser, "/dw_sw/photos_by_agency.json")
    assert set(by_agency) == {"agency"}
    assert by_agency["agency"]["Reuters"] == 1
    # A reader may still facet the list by its arrays (slower: the whole archive is read).
    arrays = _facets(browser, "/dw_sw/article_list.json", _facet_array="agencies")
    assert arrays["agencies"]["Reuters"] == 1


def test_canned_queries_answer(browser):
    [hit, *_] = browser.rows("/dw_sw/search_articles.json", q="treni ya umeme")
    assert hit["dw_id"] == RELI.dw_id
    assert "«" in hit["snippet"]
    photos = browser.rows("/dw_sw/agency_photos.json", agency="reuters")
    assert [(p["caption"], p["credit"]) for p in photos] == [
        (MAFURIKO.photos[0].caption, "Reuters/T. Mukoya")
    ]
    by_author = browser.rows("/dw_sw/author_articles.json", author="Wasilwa")
    assert [r["dw_id"] for r in by_author] == [MAFURIKO.dw_id]


def test_what_changed_this_week_shows_recent_edits_and_their_cause(archive):
    now = datetime.now(UTC)
    engine = make_engine(archive)
    try:
        with make_sessionmaker(engine).begin() as session:
            edit = replace(MAFURIKO, title="Mafuriko yaua watu 30 jijini Nairobi")
            store_article(session, fetched(edit, now), seen_at=now)
    finally:
        engine.dispose()
    browser = Browser(archive)
    try:
        changes = browser.rows("/dw_sw/what_changed_this_week.json", days="")
    finally:
        browser.close()
    assert [(c["article_id"], c["changed_fields"]) for c in changes] == [(MAFURIKO.dw_id, "title")]
    assert changes[0]["previous_title"] == MAFURIKO.title
    older = Browser(archive)
    try:  # the seeded edit of 2024 shows when asked for enough days
        assert len(older.rows("/dw_sw/what_changed_this_week.json", days="100000")) == 2
    finally:
        older.close()
    assert changes[0]["cause"] == "fetch"  # DW's own edit, not our extractor's


def test_article_text_is_paragraphs_not_json(browser):
    page = browser.get(f"/dw_sw/articles/{RELI.dw_id}").text
    assert f"<p>{RELI.body[0].text}</p>" in page
    assert "<h3>Gharama za mradi</h3>" in page
    assert '"type": "paragraph"' not in page
    assert "&#34;type&#34;" not in page


def test_name_lists_read_as_names(browser):
    page = browser.get("/dw_sw/article_list", _search="mafuriko").text
    assert "Shisia Wasilwa, Thelma Mwadzaya" in page
    assert "[&#34;Shisia" not in page
    assert str(names_html('["<b>", "x"]')) == "&lt;b&gt;, x"


def test_body_text_is_escaped():
    html = body_html('[{"type": "paragraph", "text": "<script>alert(1)</script> & kadhalika"}]')
    assert str(html) == (
        '<div class="dw-body"><p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; kadhalika</p></div>'
    )
    assert body_html("[1, 2]") is None
    assert body_html("[not json") is None


def test_photos_are_images_with_caption_and_credit_beside_them(browser):
    page = browser.get("/dw_sw/articles_with_photos", article_id=str(MAFURIKO.dw_id)).text
    assert f'<img src="{MAFURIKO.photos[0].url}"' in page
    assert MAFURIKO.photos[0].caption in page
    assert "Reuters/T. Mukoya" in page
    templates = browser.get("/dw_sw/photos").text
    assert "${formatId}.jpg" in templates
    assert '<img src="https://static.dw.com/image/69384512_${formatId}' not in templates


def test_no_images_shows_links_and_says_so(archive):
    browser = Browser(archive, images=False)
    try:
        page = browser.get("/dw_sw/agency_photos.json", agency="Reuters")
        html = browser.get("/dw_sw/articles_with_photos").text
        home = browser.get("/").text
    finally:
        browser.close()
    assert page.status_code == 200
    assert "<img" not in html
    assert f'<a href="{MAFURIKO.photos[0].url}">' in html
    assert "--no-images" in home


def _count_articles(url: str) -> int:
    with sqlite3.connect(archive_path(url)) as connection:
        count: int = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    return count


WRITES = [
    "DELETE FROM articles",
    "UPDATE articles SET title = 'x'",
    "INSERT INTO authors (name) VALUES ('x')",
    "DROP TABLE articles",
    "SELECT 1; DELETE FROM articles",
    "ATTACH DATABASE '/tmp/x.sqlite3' AS x",
    "PRAGMA query_only = OFF",
    "WITH x AS (SELECT 1) DELETE FROM articles",
    "VACUUM",
]


@pytest.mark.parametrize("sql", WRITES)
def test_a_write_through_the_sql_interface_is_refused(archive, browser, sql):
    before = _count_articles(archive)
    response = browser.get("/dw_sw.json", sql=sql)
    assert response.status_code == 400, response.text
    assert response.json()["ok"] is False
    assert _count_articles(archive) == before


@pytest.mark.parametrize(
    "path",
    [
        "/dw_sw/articles/-/insert",
        "/dw_sw/articles/-/upsert",
        f"/dw_sw/articles/{RELI.dw_id}/-/update",
        f"/dw_sw/articles/{RELI.dw_id}/-/delete",
        "/dw_sw/articles/-/drop",
        "/dw_sw/-/create",
        "/dw_sw/-/query",
    ],
)
def test_the_json_write_api_is_refused(archive, browser, path):
    before = _count_articles(archive)
    row = {"dw_id": 1, "title": "x"}
    response = browser.post(
        path,
        json={"row": row, "rows": [row], "update": {"title": "x"}, "table": "x", "sql": "x"},
        headers={"Authorization": "Bearer dstok_x"},
    )
    assert response.status_code in {403, 404, 405}, (path, response.status_code)
    assert _count_articles(archive) == before


def test_every_connection_to_the_archive_refuses_writes(archive, browser):
    database = browser.datasette.get_database("dw_sw")
    with pytest.raises(sqlite3.OperationalError, match=r"readonly|read-only"):
        browser.run(database.execute("DELETE FROM articles"))
    with pytest.raises(sqlite3.OperationalError, match=r"readonly|read-only"):
        browser.run(database.execute_write("DELETE FROM articles"))  # the plugins' connection
    assert _count_articles(archive) == 7


def test_a_runaway_query_is_stopped_by_the_time_limit(browser):
    slow = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
        "SELECT count(*) FROM n WHERE i < 1000000000"
    )
    response = browser.get("/dw_sw.json", sql=slow)
    assert response.status_code == 400
    assert "time limit" in response.text.lower() or "interrupted" in response.text.lower()


def test_the_server_sees_what_cron_writes_meanwhile(archive, browser):
    assert browser.rows("/dw_sw/articles.json", _search="Bagamoyo", _col="title") == []
    engine = make_engine(archive)
    try:
        with make_sessionmaker(engine).begin() as session:
            later = datetime(2024, 8, 1, tzinfo=UTC)
            item = replace(
                RELI,
                dw_id=70000001,
                url=RELI.url.replace("68117411", "70000001"),
                title="Bandari mpya ya Bagamoyo yafunguliwa",
            )
            store_article(session, fetched(item, later), seen_at=later)
    finally:
        engine.dispose()
    assert [r["dw_id"] for r in browser.rows("/dw_sw/articles.json", _search="Bagamoyo")] == [
        70000001
    ]


def test_an_immutable_copy_is_served_too(archive):
    browser = Browser(archive, immutable=True)
    try:
        assert len(browser.rows("/dw_sw/articles.json")) == 7
    finally:
        browser.close()


def test_an_archive_behind_the_newest_schema_is_refused(archive):
    downgrade(archive, "7c1d2e3f4a10")
    with pytest.raises(SchemaNotAtHead, match="run `dwcrawler db upgrade`"):
        Browser(archive)


def test_the_shipped_metadata_describes_every_table_and_view(sqlite_url):
    tables = shipped()["databases"]["dw_sw"]["tables"]
    with sqlite3.connect(archive_path(sqlite_url)) as connection:
        names = {
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
                " AND name NOT LIKE 'articles_fts%' AND name NOT LIKE 'sqlite_%'"
            )
        }
    assert names <= set(tables)
    undescribed = [n for n in names if "description" not in tables[n] and n != "alembic_version"]
    assert undescribed == []
    queries = shipped()["databases"]["dw_sw"]["queries"]
    assert set(queries).isdisjoint(names)  # a canned query would hide the table or view
    sql = build_metadata(images=True)["databases"]["dw_sw"]["queries"]["what_changed_this_week"]
    assert "r.cause" in sql["sql"]
