"""Finding a classic page's parts in its text: `pages.tags.first_tag` and `pages.classic_column`.

`first_tag` must return exactly what the pattern's own search returns, on any text made of the
pieces that make it hard (needles outside tags, `<` inside attributes, tags that almost match).
The cut before the related columns must leave every field of a page as parsing it to the
footer gives, and drop none of its links.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from dwcrawler.extraction import extract_page
from dwcrawler.pages import classic_column as column
from dwcrawler.pages.common import collect_links, hrefs_in
from dwcrawler.pages.tags import first_tag
from tests.reliability import profile

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

PIECES = [
    "<div",
    "<div ",
    "<DIV ",
    "<a href=",
    '"#bodyContent"',
    "bodyContent",
    "footerSection",
    "col1 dim",
    "col3 relatedContent",
    ' id="bodyContent"',
    " id=bodyContent ",
    " id = 'footerSection'",
    ' class="col1 dim"',
    ' class="col3 relatedContent"',
    ' class="x"',
    " data-x='<'",
    ">",
    "<",
    " ",
    "\n",
    "x",
    "é",
    "</div>",
]
CASES = [
    (column.TEXT.root, column.TEXT.root_needles),
    (column.TEXT.footer, column.TEXT.footer_needles),
    (column.TEXT.related, column.TEXT.related_needles),
]


@profile()
@given(
    pieces=st.lists(st.sampled_from(PIECES), max_size=40),
    case=st.sampled_from(range(len(CASES))),
    span=st.tuples(st.floats(0, 1), st.floats(0, 1)),
)
@example(
    pieces=["<a href=", '"#bodyContent"', ">", "<div", ' id="bodyContent"', ">"],
    case=0,
    span=(0.0, 1.0),
)
@example(pieces=["<div", " data-x='<'", "<div", ' id="bodyContent"', ">"], case=0, span=(0, 1))
@example(pieces=["<div", ' class="x"', ' class="col1 dim"', ">"], case=2, span=(0.0, 1.0))
def test_first_tag_is_the_patterns_own_search(
    pieces: list[str], case: int, span: tuple[float, float]
) -> None:
    text = "".join(pieces)
    pattern, needles = CASES[case]
    start, end = (round(share * len(text)) for share in span)
    want = pattern.search(text, start, end)
    got = first_tag(text, pattern, needles, start, end)
    assert (got and got.span()) == (want and want.span())
    raw = text.encode()
    bytes_pattern = re.compile(pattern.pattern.encode(), pattern.flags & ~re.UNICODE)
    byte_needles = tuple(needle.encode() for needle in needles)
    want_bytes = bytes_pattern.search(raw)
    got_bytes = first_tag(raw, bytes_pattern, byte_needles)
    assert (got_bytes and got_bytes.span()) == (want_bytes and want_bytes.span())


def _classic_pages() -> list[Path]:
    paths = sorted((FIXTURES / "pages").glob("*/*.html")) + sorted(
        (FIXTURES / "samples").glob("*old-design*.html")
    )
    return [p for p in paths if 'id="bodyContent"' in p.read_text("utf-8")]


@pytest.mark.parametrize("path", _classic_pages(), ids=lambda p: p.stem)
def test_the_cut_changes_nothing_but_the_cost(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsed to the footer (no cut) or cut before the related columns: the same item."""
    html = path.read_bytes()
    begin, cut, end = column.column_bounds(html.decode("utf-8"), column.TEXT)
    assert begin < cut < end, "every classic fixture page has related columns after its text"
    cut_item = extract_page(html)  # bytes: lxml is given the page's own UTF-8…
    assert extract_page(html.decode("utf-8")) == cut_item  # …text: cut by the same marks
    # Patterns that never match: no related column is found, the page is parsed to its footer.
    monkeypatch.setattr(column, "TEXT", replace(column.TEXT, related=re.compile(r"(?!)")))
    monkeypatch.setattr(column, "BYTES", replace(column.BYTES, related=re.compile(rb"(?!)")))
    _, patched_cut, patched_end = column.column_bounds(html.decode("utf-8"), column.TEXT)
    assert patched_cut == patched_end, "patched: parsed to the footer"
    whole_item = extract_page(html)
    assert cut_item == whole_item
    tail = collect_links(hrefs_in(html.decode("utf-8"), cut, end), cut_item.dw_id)
    assert set(tail) <= set(cut_item.links), "the related columns' links are kept"


def test_a_page_not_laid_out_as_classic_pages_is_parsed_to_its_footer() -> None:
    """Related columns before the article's text: no cut, nothing after them is lost."""
    text = (
        '<div id="bodyContent"><div class="col1 dim">side</div>'
        '<div class="group"><div class="longText"><p>body</p></div></div>'
        '<ul class="smallList"><li>x</li></ul><div id="footerSection"></div>'
    )
    begin, cut, end = column.column_bounds(text, column.TEXT)
    assert (begin, cut) == (0, end)
    assert text[end:].startswith('<div id="footerSection"')
