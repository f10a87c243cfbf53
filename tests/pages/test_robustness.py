"""Bad input never escapes as anything but a PageError with one clear line."""

from __future__ import annotations

import gzip
import subprocess
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dwcrawler.pages.parse as parse_module
from dwcrawler.extraction import extract_page
from dwcrawler.pages import BrokenPage, NotDwPage, PageError, parse_page
from tests.sitegen import render_page
from tests.sitegen.fixtures import ARTICLE, FIXTURES

if TYPE_CHECKING:
    from dwcrawler.items import ArticleItem

PAGE = render_page(replace(ARTICLE, chrome="lean"))
CLASSIC = render_page(FIXTURES["classic/article_rais-gauck-ziarani-zanzibar_2015-02-04"])


@pytest.mark.parametrize("odd", ['[{"a": 1}]', "null", '["Thing", 7]', "{}"])
def test_json_ld_of_an_odd_shape_costs_nothing(odd):
    # "@type" must be a string or a list of strings; anything else is ignored, not fatal.
    page = PAGE.replace('"@type": "NewsArticle"', f'"@type": {odd}', 1)
    assert page != PAGE
    assert parse_page(page).title == parse_page(PAGE).title


@pytest.mark.parametrize("document", ["", "   \n", b"", b"\xef\xbb\xbf"])
def test_empty_documents_are_broken_pages(document):
    with pytest.raises(BrokenPage, match="empty"):
        parse_page(document)


@pytest.mark.parametrize(
    "document",
    [
        (
            "<html><head><title>Recipes</title><link rel=canonical href='https://example.com/a'></head>"
            "<body><div id='root'><article><h1>Soup</h1></article></div></body></html>"
        ),
        "just some text, no markup at all",
        gzip.compress(b"<html>compressed</html>"),
        "%PDF-1.4 binary",
    ],
)
def test_non_dw_documents_are_not_dw_pages(document):
    with pytest.raises(NotDwPage) as raised:
        parse_page(document)
    assert "\n" not in str(raised.value)


def test_a_dw_section_page_is_not_a_content_page():
    html = PAGE.replace(ARTICLE.path, "/sw/idhaa-ya-kiswahili/s-11588").replace(
        "/sw/wakulima-wa-kilimanjaro-walalamikia-bei-ya-mbolea/a-68117411",
        "/sw/idhaa-ya-kiswahili/s-11588",
    )
    html = html.replace("window.__APOLLO_STATE__", "window.__OTHER__")
    with pytest.raises(NotDwPage, match="section page"):
        parse_page(
            html.replace('href="https://www.dw.com/sw/wakulima', 'href="https://www.dw.com/sw/x')
        )


def test_a_page_without_canonical_needs_the_url():
    html = CLASSIC.replace('rel="canonical"', 'rel="x"').replace(
        'property="og:url"', 'property="x"'
    )
    html = html.replace('rel="amphtml"', 'rel="y"')
    with pytest.raises(BrokenPage, match="--url"):
        parse_page(html)
    item = parse_page(html, url="https://www.dw.com/sw/rais-gauck-ziarani-zanzibar/a-18233405")
    assert item.dw_id == 18233405


def test_a_page_without_title_is_broken():
    html = CLASSIC.replace("<h1>Rais Gauck ziarani Zanzibar</h1>", "<h1></h1>").replace(
        "<title>Rais Gauck ziarani Zanzibar | Matukio ya Afrika | DW | 04.02.2015</title>",
        "<title></title>",
    )
    with pytest.raises(BrokenPage, match="title"):
        parse_page(html)


def _no_tree(*args, **kwargs):
    raise AssertionError("the rendered page was parsed")


def test_page_data_the_head_confirms_is_read_without_parsing_the_rendered_page(monkeypatch):
    monkeypatch.setattr(parse_module, "_tree", _no_tree)
    item = extract_page(PAGE)
    assert item.title == ARTICLE.title
    assert [b.text for b in item.body][:1] == [ARTICLE.body[0].text]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('<title data-rh="true">Wakulima', '<title data-rh="true">Wafugaji'),  # title
        ("30.01.2024</title>", "30.01.2023</title>"),  # date
        (
            'rel="canonical" href="https://www.dw.com/sw/',
            'rel="canonical" href="https://www.dw.com/sw/x/a-1?',
        ),
    ],
    ids=["title", "date", "canonical"],
)
def test_a_head_disagreeing_with_the_page_data_sends_the_page_to_its_html(monkeypatch, old, new):
    assert old in PAGE
    monkeypatch.setattr(parse_module, "_tree", _no_tree)
    with pytest.raises(AssertionError, match="rendered page was parsed"):
        parse_page(PAGE.replace(old, new, 1))


def test_html_body_disagreeing_with_page_data_is_a_warning_and_data_wins():
    heading = "<h2>Changamoto za kiuchumi</h2>"
    start = PAGE.index('rich-text has-italic">')
    assert heading in PAGE[start:]
    html = PAGE[:start] + PAGE[start:].replace(heading, "<h2>Kichwa kingine</h2>", 1)
    # The head disagrees too (another date), so the rendered page is read and compared.
    html = html.replace("30.01.2024</title>", "28.01.2024</title>", 1)
    item = extract_page(html)
    assert any(w.startswith("body-mismatch:") for w in item.warnings)
    assert "Changamoto za kiuchumi" in [b.text for b in item.body]


def test_fetched_url_disagreeing_with_canonical_is_a_warning():
    item = parse_page(PAGE, url="https://www.dw.com/sw/x/a-1")
    assert item.dw_id == ARTICLE.dw_id
    assert any(w.startswith("url-mismatch:") for w in item.warnings)


def test_bytes_are_decoded_by_their_meta_charset():
    html = CLASSIC.replace(
        'content="text/html; charset=utf-8"', 'content="text/html; charset=iso-8859-1"'
    )
    html = html.replace(
        "Rais Gauck ziarani Zanzibar</h1>", "Rais Gauck ziarani Zanzibar \u2013 Köln</h1>"
    )
    item = parse_page(html.encode("latin-1", errors="replace"))
    assert item.title.endswith("K\u00f6ln")


def _outcome(document: str) -> ArticleItem | str:
    """Extract, returning the item or the PageError's one-line message."""
    try:
        return extract_page(document)
    except PageError as error:
        return str(error)


def test_truncated_pages_never_crash():
    for cut in range(0, len(PAGE), len(PAGE) // 40):
        outcome = _outcome(PAGE[:cut])
        assert "\n" not in outcome if isinstance(outcome, str) else outcome.title


@settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    source=st.sampled_from([PAGE, CLASSIC]),
    start=st.integers(0, 10**6),
    length=st.integers(0, 5000),
    junk=st.text(max_size=40),
)
def test_mutated_pages_raise_only_page_errors(source, start, length, junk):
    start %= len(source)
    outcome = _outcome(source[:start] + junk + source[start + length :])
    if isinstance(outcome, str):
        assert "\n" not in outcome
    else:
        assert outcome.dw_id > 0
        assert outcome.title


def test_a_shown_date_without_time_keeps_its_calendar_day():
    spec = replace(ARTICLE, page_data="none", chrome="lean")
    html = render_page(spec)
    start = html.index('<script data-rh="true" type="application/ld+json">')
    html = html[:start] + html[html.index("</script>", start) + 9 :]
    item = extract_page(html)
    assert item.published_at is not None
    assert item.published_at.isoformat() == "2024-01-30T00:00:00+00:00"
    assert item.date_precision == "day"


def test_pages_and_cleaning_never_import_scrapy():
    code = (
        "import sys, dwcrawler.extraction, dwcrawler.cli.extract;"
        "print(any(m == 'scrapy' or m.startswith('scrapy.') for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
