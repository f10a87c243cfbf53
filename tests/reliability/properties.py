"""What must hold for every extracted item, however damaged its page: the checks and the inputs.

`violations(item, html)` lists what breaks the extractor's structural guarantees:
- no text field is, whole, a furniture string of the page's language (a skip link, an ad
  label…): furniture goes as whole blocks, and only as whole blocks;
- no title, teaser or body block is text the page holds only in furniture places (text written
  straight into a container, outside any paragraph, is in a text place too): skip-link
  lists (every item only links to the page's own anchors), figcaptions, credit elements, a
  picture box's own paragraphs, alt and title attributes, the page data's captions and
  credits. Captions, credits and alts are read by their place, never taken for text (with the
  page given);
- a credit never keeps its label ("Picha:"): the label is the credit element's, not the credit.
Text glued into a paragraph is that paragraph's text and stays: nothing is ever cut from inside
a block, so these checks look at whole fields. `pages()` are the generated fixture pages the
mutations start from.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
from typing import TYPE_CHECKING, Any

import lxml.html
from lxml import etree

from dwcrawler.cleaning import furniture_only
from dwcrawler.cleaning.captions import CREDIT_MARKER, split_alt_credit
from dwcrawler.cleaning.furniture.rules import rules_for
from dwcrawler.cleaning.text import normalize_inline
from tests.sitegen import render_page, synthetic_spec
from tests.sitegen import words as W
from tests.sitegen.fixtures import FIXTURES

if TYPE_CHECKING:
    from collections.abc import Iterator

    from dwcrawler.items import ArticleItem


def _class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# The innermost of a picture box and a classic body decides: a picture box's own paragraphs
# are its caption, and a body found inside a picture box (a damaged page) is still a body.
_IN_PICTURE_BOX = f"ancestor::*[{_class('picBox')} or {_class('longText')}][1][{_class('picBox')}]"
# Where a page holds text that is never article text (docs/dw-site.md §3, §5): captions and
# credits, the quick-jump items; skip-link lists (`_skip_lists`); attributes: alt and title of
# images.
FURNITURE_PLACES = (
    "//figcaption",
    f"//*[{_class('copyright')}]",
    f"//p[{_IN_PICTURE_BOX}]",
    f"//*[{_class('quick-item')}]",
)
_OUTSIDE = f"[not(ancestor::figure) and not({_IN_PICTURE_BOX})]"
TEXT_PLACES = " | ".join(
    f"//{tag}{_OUTSIDE}" for tag in ("p", "h1", "h2", "h3", "li", "blockquote")
)
# Page-data keys holding captions, credits and alt texts, and those holding article text.
DATA_FURNITURE_KEYS = frozenset(
    {"description", "additionalInformation", "licenserSupplement", "name"}
)
DATA_TEXT_KEYS = frozenset({"title", "teaser", "fullName"})
_STATE = re.compile(r"window\.__(?:APOLLO|APP)_STATE__\s*=\s*(.*?);?\s*</script>", re.DOTALL)


class Page:
    """A rendered page to damage (a plain class: hypothesis prints its short repr, not 100 kB)."""

    __slots__ = ("dw_id", "html", "name")

    def __init__(self, name: str, html: str, dw_id: int) -> None:
        self.name, self.html, self.dw_id = name, html, dw_id

    def __repr__(self) -> str:
        return f"Page({self.name!r})"


def _key(text: str) -> str:
    return normalize_inline(text).casefold()


def _fields(item: ArticleItem) -> Iterator[tuple[str, str]]:
    yield "title", item.title
    if item.teaser:
        yield "teaser", item.teaser
    if item.kicker:
        yield "kicker", item.kicker
    for i, block in enumerate(item.body):
        yield f"body[{i}]", block.text
    for i, photo in enumerate(item.photos):
        if photo.caption:
            yield f"photos[{i}].caption", photo.caption
        if photo.credit:
            yield f"photos[{i}].credit", photo.credit
    for i, name in enumerate(item.authors):
        yield f"authors[{i}]", name
    for i, name in enumerate(item.editors):
        yield f"editors[{i}]", name


def _link_only(item: Any) -> bool:
    """True for a list item whose text is all inside links to anchors of the page (`#…`)."""
    links = item.xpath(".//a")
    if not links or not all((a.get("href") or "").strip().startswith("#") for a in links):
        return False
    inside = "".join(a.text_content() for a in links)
    return "".join(item.text_content().split()) == "".join(inside.split())


def _skip_lists(root: Any) -> list[Any]:
    """The page's skip-link lists: lists whose every item is only links to its own anchors."""
    lists = []
    for element in root.iter("ol", "ul"):
        items = list(element.iter("li"))
        if items and all(_link_only(item) for item in items):
            lists.append(element)
    return lists


_BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "div", "section", "figure"}
    | {"aside", "blockquote", "figcaption", "br", "script", "style"}
)
_CONTAINERS = " | ".join(f"//{tag}{_OUTSIDE}" for tag in ("div", "section", "article", "body"))


# Inline elements that are never text wherever they stand: credits, quick-jump items, ad slots.
_NOT_TEXT = frozenset({"copyright", "quick-item", "rich-text-ad", "advertisement"})


def _stray_runs(container: Any) -> Iterator[str]:
    """Text written straight into a container (no `<p>`), run by run between its blocks."""
    run = [container.text or ""]
    for child in container:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag in _BLOCKS:
            yield "".join(run)
            run = []
        elif tag and not _NOT_TEXT & set((child.get("class") or "").split()):
            run.append(child.text_content())
        run.append(child.tail or "")
    yield "".join(run)


def _tree_texts(root: Any, furniture: set[str], text: set[str]) -> None:
    for path in FURNITURE_PLACES:
        furniture.update(_key(el.text_content()) for el in root.xpath(path))
    skipped = set()
    for skip_list in _skip_lists(root):
        skipped.update(skip_list.iter())
        furniture.update(_key(item.text_content()) for item in skip_list.iter("li"))
    for img in root.iter("img"):
        for name in ("alt", "title"):
            # A classic alt carries the credit in parentheses: both parts are furniture.
            parts = (img.get(name) or "", *split_alt_credit(img.get(name)))
            furniture.update(_key(part) for part in parts if part)
    text.update(_key(el.text_content()) for el in root.xpath(TEXT_PLACES) if el not in skipped)
    for container in root.xpath(_CONTAINERS):
        if not _NOT_TEXT & set((container.get("class") or "").split()):
            text.update(_key(run) for run in _stray_runs(container) if run.strip())


def _data_texts(value: Any, furniture: set[str], text: set[str], key: str = "") -> None:
    if isinstance(value, dict):
        for name, child in value.items():
            _data_texts(child, furniture, text, name)
    elif isinstance(value, list):
        for child in value:
            _data_texts(child, furniture, text, key)
    elif isinstance(value, str) and value.strip():
        if key == "text":
            with contextlib.suppress(etree.ParserError, ValueError):
                _tree_texts(
                    lxml.html.fragment_fromstring(value, create_parent="div"), furniture, text
                )
        elif key in DATA_FURNITURE_KEYS:
            furniture.add(_key(value))
        elif key in DATA_TEXT_KEYS:
            text.add(_key(value))


def place_texts(html: str) -> tuple[set[str], set[str]]:
    """(texts the page holds in furniture places, texts it holds in text places)."""
    furniture: set[str] = set()
    text: set[str] = set()
    with contextlib.suppress(etree.ParserError, ValueError):
        _tree_texts(lxml.html.document_fromstring(html), furniture, text)
    for match in _STATE.finditer(html):
        with contextlib.suppress(ValueError, RecursionError):
            _data_texts(json.loads(match[1]), furniture, text)
    furniture.discard("")
    return furniture, text


def violations(item: ArticleItem, html: str | None = None) -> list[str]:
    """Return what is wrong with the item's fields (empty when all is well); see the docstring."""
    rules = rules_for(item.language)
    found = []
    for name, text in _fields(item):
        if name == "title" and furniture_only(text, item.language):
            continue  # cleaning never empties a title; `extract_page` refuses such a page
        rule = rules.furniture(text)
        if rule is not None:
            found.append(f"{name} is, whole, furniture ({rule}): {text!r}")
        if name.endswith(".credit") and CREDIT_MARKER.match(text):
            found.append(f"{name} keeps its label: {text!r}")
    if html is not None:
        furniture, text_places = place_texts(html)
        for name, text in _fields(item):
            if name in {"title", "teaser"} or name.startswith("body["):
                key = _key(text)
                if key in furniture and key not in text_places:
                    found.append(f"{name} is text the page holds only as furniture: {text!r}")
    return found


@functools.cache
def pages() -> tuple[Page, ...]:
    """The golden fixture pages (both designs, every kind) and some synthetic ones."""
    specs = [(f"fixture {name}", spec) for name, spec in sorted(FIXTURES.items())]
    specs += [(f"synthetic {n}", synthetic_spec(n, seed=5)) for n in range(0, 40, 4)]
    return tuple(Page(name, render_page(spec), spec.dw_id) for name, spec in specs)


# Text a mutation writes into a page: boilerplate DW prints, the alts it uses, ordinary words.
PHRASES = (
    "Nenda kwenye maudhui",
    "Nenda kwenye orodha kuu",
    "Nenda tovuti zaidi za DW",
    "Ruka sehemu inayofuata Taarifa kuu ya DW",
    "Taarifa zaidi kutoka DW",
    "Picha: Reuters/E. Ngendakumana",
    "Picha: DW",
    "Picha:DW/E. Shoo",
    "Bild: picture-alliance/dpa/K. Nietfeld",
    "Matangazo",
    "Mwandishi: Florence Majani",
    "Mhariri: Josephat Charo",
    "https://p.dw.com/p/4boRv",
    *W.ALTS,
    *W.SENTENCES[:4],
)
