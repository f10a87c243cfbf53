"""The crawler's defences against bad responses, one by one (the fault rounds run them end to end)."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from dwcrawler.extraction import InvalidItem, validate
from dwcrawler.pages.charset import decode_body, is_html
from dwcrawler.spiders.sitemaps import SitemapError, read_sitemap
from dwcrawler.urls import parse_content_url
from tests.reliability import documents as bad
from tests.support.dbsamples import RELI

TITLE = "K\u00f6ln \u2013 \u201chabari\u201d"  # o-umlaut, en dash, curly quotes
PAGE = f'<html><head><meta charset="utf-8"><title>{TITLE}</title></head><body>\u00e4</body></html>'
NO_META = PAGE.replace('<meta charset="utf-8">', "")
SITEMAP = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
    b'sitemap/0.9"><url><loc>https://www.dw.com/sw/a/a-1</loc><lastmod>2024-01-01</lastmod>'
    b"</url><url><loc>https://www.dw.com/sw/b/a-2</loc></url></urlset>"
)


@pytest.mark.parametrize(
    ("body", "content_type", "note"),
    [
        (PAGE.encode(), "text/html; charset=utf-8", None),
        (PAGE.encode(), "text/html; charset=iso-8859-1", "charset-mismatch"),
        (NO_META.encode(), "text/html", "charset-missing"),
        (NO_META.encode(), None, "charset-missing"),
        (NO_META.encode("cp1252"), "text/html; charset=windows-1252", "charset-fallback"),
        (NO_META.encode("cp1252"), "text/html; charset=iso-8859-1", "charset-fallback"),
        (PAGE.encode("utf-8-sig"), "text/html; charset=iso-8859-1", None),  # a BOM decides
        (PAGE.replace("utf-8", "windows-1252").encode("cp1252"), None, None),
    ],
)
def test_pages_decode_right_whatever_the_labels_say(body, content_type, note):
    text, found, _ = decode_body(body, content_type)
    assert TITLE in text
    assert "Ã" not in text
    assert (found.split(":")[0] if found else None) == note


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_a_byte_order_mark_decides_and_is_not_text(codec):
    text, note, _ = decode_body(PAGE.encode(codec), "text/html; charset=iso-8859-1")
    assert text == PAGE
    assert note is None


@pytest.mark.parametrize(
    ("body", "utf8"),
    [
        (PAGE.encode(), True),
        (NO_META.encode(), True),
        (PAGE.encode("utf-8-sig"), False),  # the text is not the whole body
        (PAGE.replace("utf-8", "windows-1252").encode("cp1252"), False),
        (NO_META.encode() + b"\xff", False),  # not valid UTF-8: read with replacements
    ],
)
def test_the_body_is_handed_on_only_when_the_text_is_its_utf8_reading(body, utf8):
    decoded = decode_body(body, "text/html")
    assert (decoded.utf8 is body) is utf8
    assert decoded.utf8 is None or decoded.utf8.decode("utf-8") == decoded.text


def test_bytes_broken_at_the_source_are_replaced_and_reported():
    text, note, _ = decode_body(NO_META.encode() + b"\xff\xfe\xfa", "text/html")
    assert "Köln" not in text or "\ufffd" in text
    assert note is not None
    assert note.startswith("charset-invalid")


@pytest.mark.parametrize(
    ("content_type", "html"),
    [
        ("text/html; charset=utf-8", True),
        ("application/xhtml+xml", True),
        (None, True),
        ("", True),
        ("image/jpeg", False),
        ("application/pdf", False),
        ("application/json", False),
    ],
)
def test_only_html_is_a_page(content_type, html):
    assert is_html(content_type) is html


@pytest.mark.parametrize(
    "document",
    [SITEMAP[:150], bad.garbled_xml(SITEMAP), bad.XML_BOMB, SITEMAP.replace(b"</urlset>", b"")],
)
def test_a_damaged_sitemap_is_an_error_not_a_shorter_list(document):
    started = time.perf_counter()
    with pytest.raises(SitemapError, match="malformed sitemap XML"):
        read_sitemap(document)
    assert time.perf_counter() - started < 1.0  # the bomb is refused, not expanded


def test_a_whole_sitemap_reads_as_before():
    kind, entries = read_sitemap(SITEMAP)
    assert kind == "urlset"
    assert [e.loc for e in entries] == [
        "https://www.dw.com/sw/a/a-1",
        "https://www.dw.com/sw/b/a-2",
    ]


def test_a_title_that_is_only_a_skip_link_is_not_stored():
    assert validate(RELI) is RELI
    with pytest.raises(InvalidItem, match="only a skip link or furniture: 'Nenda kwenye maudhui'"):
        validate(replace(RELI, title="Nenda kwenye maudhui"))
    with pytest.raises(InvalidItem) as raised:  # found by hypothesis
        validate(replace(RELI, title=". Nenda kwenye maudhui"))
    assert raised.value.field == "title"


def test_content_ids_beyond_the_archive_key_are_not_dw_pages():
    assert parse_content_url("https://www.dw.com/sw/x/a-2147483647") is not None
    assert parse_content_url("https://www.dw.com/sw/x/a-2147483648") is None
    assert parse_content_url("https://www.dw.com/sw/x/a-0") is None
