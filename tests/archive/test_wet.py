"""`import-warc` on Common Crawl's WET files: a DW Kiswahili page kept only as text."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from tests.archive.foreign import PAGES, SWAHILI, ForeignWarc, Page
from tests.support.clihelpers import run
from tests.support.textrender import render_text

URL = "https://www.dw.com/sw/kim-jong-un-kukutana-na-putin/a-48456789"
TEXT = """1. Nenda kwenye maudhui
  2. Nenda kwenye orodha kuu
  3. Nenda tovuti zaidi za DW

Kim Jong Un kukutana na Putin mjini Vladivostok

24 Aprili 2019

Kiongozi wa Korea Kaskazini Kim Jong Un amewasili nchini Urusi kwa mazungumzo na Rais Vladimir Putin.

https://p.dw.com/p/3HJ8k
Kombibild - Vladimir Putin und Kim Jong Un
Kim Jong Un baada ya kuwasili UrusiPicha: Reuters/S. Zhumatov

Mazungumzo hayo yanatarajiwa kujikita katika mpango wa nyuklia wa Korea Kaskazini.

Ruka sehemu inayofuata Taarifa kuu ya DW

Taarifa kuu ya DW
"""


def _export(capsys, db_url: str) -> list[dict[str, Any]]:
    result = run(capsys, "export", "--database", db_url)
    assert result.status == 0, result.err
    return [json.loads(line) for line in result.out.splitlines()]


def _wet(path) -> None:
    """A WET file as Common Crawl writes it: a warcinfo record, then `conversion` records."""
    warc = ForeignWarc(path)
    warc.info("CC-MAIN-2019-18 (Common Crawl WET)")
    warc.conversion("https://example.org/news", "Example news\n\nNothing about DW here.\n")
    warc.conversion("https://www.dw.com/de/kim-trifft-putin/a-48456700", "Kim trifft Putin\n")
    warc.conversion(URL, TEXT, date="2019-04-25T06:12:33Z")
    warc.close()


def test_a_wet_record_in_common_crawls_layout_imports_as_a_text_capture(capsys, db_url, tmp_path):
    path = tmp_path / "CC-MAIN-20190425-00001.warc.wet.gz"
    _wet(path)
    result = run(capsys, "import-warc", "--database", db_url, "--jobs", "1", str(path))
    assert result.status == 0, result.err
    assert "1 pages stored (1 new," in result.out
    assert "skipped: 1 other site, 1 other DW language;" in result.out
    (record,) = _export(capsys, db_url)
    assert record["dw_id"] == 48456789
    assert record["capture"] == "text"
    assert [r["capture"] for r in record["revisions"]] == ["text"]
    assert record["title"] == "Kim Jong Un kukutana na Putin mjini Vladivostok"
    assert record["published_at"].startswith("2019-04-24")
    assert record["teaser"].startswith("Kiongozi wa Korea Kaskazini Kim Jong Un amewasili")
    assert record["permalink"] == "https://p.dw.com/p/3HJ8k"
    (photo,) = record["photos"]
    assert photo["alt"] == "Kombibild - Vladimir Putin und Kim Jong Un"
    assert photo["caption"] == "Kim Jong Un baada ya kuwasili Urusi"
    assert photo["credit"] == "Reuters/S. Zhumatov"
    assert "Mazungumzo hayo yanatarajiwa" in record["text"]
    for furniture in ("Nenda kwenye", "Ruka sehemu", "Taarifa kuu", "Kombibild", "Picha:"):
        assert furniture not in record["text"]
    assert record["first_seen_at"].startswith("2019-04-25T06:12:33")
    again = run(capsys, "reextract", "--all", "--database", db_url, "--jobs", "1")
    assert again.status == 0, again.err
    assert "re-extracted 1 articles" in again.out
    assert "0 changed" in again.out


def test_the_same_moments_text_never_replaces_its_html(capsys, db_url, tmp_path):
    """Common Crawl's WARC and WET of one crawl: the HTML stays the current version."""
    page = Page.load(PAGES, SWAHILI)
    html = tmp_path / "a.warc.gz"
    warc = ForeignWarc(html)
    warc.response(_quoted(page.url), page.html)
    warc.close()
    wet = tmp_path / "a.warc.wet.gz"
    text = ForeignWarc(wet)
    text.conversion(_quoted(page.url), render_text(page.html.decode()))
    text.close()
    outcomes = []
    for path in (html, wet):
        result = run(capsys, "import-warc", "--database", db_url, "--jobs", "1", str(path))
        assert result.status == 0, result.err
        outcomes.append(result.out)
    assert "1 pages stored (1 new," in outcomes[0]
    assert (
        "1 pages stored (0 new, 0 revised, 0 older versions added to history, 1 unchanged)"
        in (outcomes[1])
    )
    (record,) = _export(capsys, db_url)
    assert record["capture"] == "html"
    assert [r["capture"] for r in record["revisions"]] == ["html"]


def _quoted(url: str) -> str:
    head, path = url.split("www.dw.com", 1)
    return f"{head}www.dw.com{quote(path)}"
