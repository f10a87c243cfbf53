"""Golden tests: every fixture page extracts to exactly its expected JSON."""

from __future__ import annotations

import json

import pytest

from dwcrawler.extraction import extract_page
from dwcrawler.items import article_to_dict
from dwcrawler.pages import parse_page
from dwcrawler.pages.charset import Decoded, decode_body
from tests.regenerate_expected import dumps
from tests.sitegen import expected_dict, render_page
from tests.sitegen.fixtures import FIXTURES
from tests.sitegen.goldens import PAGES, comparable, page_fixtures, sample_fixtures

GOLDEN = page_fixtures() + sample_fixtures()


@pytest.mark.parametrize("html", GOLDEN, ids=lambda p: p.stem)
def test_page_extracts_to_its_golden_json(html):
    expected = json.loads(html.with_suffix(".json").read_text(encoding="utf-8"))
    got = article_to_dict(extract_page(html.read_bytes()))
    assert comparable(got) == comparable(expected)


@pytest.mark.parametrize("html", GOLDEN, ids=lambda p: p.stem)
def test_a_page_read_from_its_bytes_is_the_page_read_from_its_text(html):
    # A crawl hands lxml the fetched UTF-8 bytes themselves; saved text must read the same.
    body = html.read_bytes().replace(b"</body>", b"\x00</body>", 1)  # NULs dropped either way
    decoded = decode_body(body, "text/html; charset=utf-8")
    assert decoded.utf8 is not None
    from_text = parse_page(Decoded(decoded.text, None))
    assert parse_page(decoded) == from_text


def test_every_design_and_kind_has_a_golden_page():
    names = {p.relative_to(PAGES).as_posix().split("_")[0] for p in page_fixtures()}
    for needed in (
        "current/article",
        "current/video",
        "current/audio",
        "current/gallery",
        "current/liveblog",
        "classic/article",
        "classic/audio",
        "classic/video",
    ):
        assert needed in names
    assert (
        sum(
            n == "current/article"
            for n in (p.relative_to(PAGES).as_posix().split("_")[0] for p in page_fixtures())
        )
        >= 5
    )


@pytest.mark.parametrize("name", sorted(FIXTURES), ids=str)
def test_generated_golden_files_are_up_to_date(name):
    """The stored HTML and JSON are what the spec renders (run tests/regenerate_expected.py)."""
    spec = FIXTURES[name]
    assert (PAGES / f"{name}.html").read_text(encoding="utf-8") == render_page(spec)
    assert (PAGES / f"{name}.json").read_text(encoding="utf-8") == dumps(expected_dict(spec))


def test_golden_json_is_derived_from_the_spec_not_the_extractor(monkeypatch):
    """expected_dict never calls the extractor: breaking the extractor changes nothing."""
    import dwcrawler.extraction

    def broken(*args, **kwargs):
        raise AssertionError("expected_dict must not extract")

    monkeypatch.setattr(dwcrawler.extraction, "extract_page", broken)
    spec = next(iter(FIXTURES.values()))
    assert expected_dict(spec)["title"] == spec.title
