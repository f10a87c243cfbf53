"""The one road: read → clean → validate, and `extract_page`, which runs all three."""

import dataclasses
from datetime import UTC, datetime

import pytest

from dwcrawler.extraction import EXTRACTOR_VERSION, InvalidItem, clean, extract_page, read, validate
from dwcrawler.items import FetchInfo
from dwcrawler.pages import PageError
from tests.support.dbsamples import RELI
from tests.support.paths import FIXTURES

PAGE = FIXTURES / "pages" / "current" / "article_wakulima-wa-kilimanjaro_2024-01-30.html"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({}, None),
        ({"url": RELI.url + "?maca=x"}, "url"),
        ({"url": "https://www.dw.com/sw/x/s-11588"}, "url"),
        ({"url": "https://example.org/sw/x/a-68117411"}, "url"),
        ({"dw_id": 1}, "dw_id"),
        ({"language": "de"}, "language"),
        ({"url": "https://www.dw.com/de/x/a-68117411"}, "language"),
        ({"title": "  "}, "title"),
        ({"published_at": datetime(2024, 1, 1)}, "published_at"),  # naive: the defect tested
    ],
)
def test_validate_names_the_field_that_is_wrong(changes, field):
    item = dataclasses.replace(RELI, **changes)
    if field is None:
        assert validate(item, language="sw") is item
        return
    with pytest.raises(InvalidItem) as raised:
        validate(item, language="sw")
    assert raised.value.field == field
    assert RELI.url.split("/a-")[0] not in str(raised.value) or item.url in str(raised.value)


def test_validate_without_a_language_accepts_any_dw_language():
    german = dataclasses.replace(RELI, language="de", url="https://www.dw.com/de/x/a-68117411")
    assert validate(german) is german


def test_a_fetched_item_must_be_the_page_that_was_asked_for():
    asked = FetchInfo(fetched_at=datetime(2024, 1, 1, tzinfo=UTC), url=RELI.url)
    assert validate(dataclasses.replace(RELI, fetch=asked))
    other = dataclasses.replace(asked, url="https://www.dw.com/sw/mengine/a-1")
    with pytest.raises(InvalidItem, match="asked for page 1"):
        validate(dataclasses.replace(RELI, fetch=other))


def test_extract_page_is_read_then_clean_then_validate():
    body = PAGE.read_bytes()
    by_stages = validate(clean(read(body).item))
    assert extract_page(body) == by_stages
    assert by_stages.extractor_version == EXTRACTOR_VERSION
    assert read(body).item.extractor_version == ""  # raw: not cleaned yet


def test_read_decodes_by_the_page_and_notes_a_mislabelled_charset():
    reading = read(PAGE.read_bytes(), "text/html; charset=iso-8859-1")
    assert reading.charset_note is not None
    assert reading.charset_note.startswith("charset-mismatch")
    assert reading.item == read(PAGE.read_text(encoding="utf-8")).item


def test_a_page_that_cannot_be_read_is_one_page_error():
    with pytest.raises(PageError, match="empty document"):
        extract_page(b"   ")
