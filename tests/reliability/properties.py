"""What must hold for every extracted item, however damaged its page: the checks and the inputs.

`violations(item)` lists every text field holding a skip link, a "Picha:" credit or an image's
alt text; `pages()` are the generated fixture pages the mutations start from.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from dwcrawler.cleaning.text import normalize_inline
from tests.sitegen import render_page, synthetic_spec
from tests.sitegen import words as W
from tests.sitegen.fixtures import FIXTURES

if TYPE_CHECKING:
    from collections.abc import Iterator

    from dwcrawler.items import ArticleItem

# The skip links of both designs on /sw/ (current: Swahili; classic: German quick-jump).
SKIP_LINK_TEXTS = (
    "nenda kwenye maudhui",
    "nenda kwenye orodha kuu",
    "nenda tovuti zaidi za dw",
    "zum inhalt springen",
    "zur hauptnavigation springen",
    "zu weiteren angeboten der dw springen",
)
CREDIT_MARK = re.compile(r"(?:Picha|Bild)\s*:")
# Alts shorter than this are ordinary words ("Uganda Kampala Markt" is not): the cleaner may
# not cut them out of prose, so neither does the property demand it.
MIN_ALT = 12


class Page:
    """A rendered page to damage (a plain class: hypothesis prints its short repr, not 100 kB)."""

    __slots__ = ("dw_id", "html", "name")

    def __init__(self, name: str, html: str, dw_id: int) -> None:
        self.name, self.html, self.dw_id = name, html, dw_id

    def __repr__(self) -> str:
        return f"Page({self.name!r})"


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


def violations(item: ArticleItem) -> list[str]:
    """Return what is wrong with the item's text fields (empty when all is well).

    A photo's own caption and credit are exempt from the alt check only: they describe images
    as the alt does, and on real pages a caption can equal an alt (the 2023-04 German classic
    sample); cutting it out would lose the caption.
    A title may start with "Picha:" (a gallery's "Photos: …"), never hold one later; and a
    title that *is* an alt, whole, is the page's title (cleaning never empties a title).
    """
    alts = {normalize_inline(p.alt) for p in item.photos if p.alt and len(p.alt.strip()) >= MIN_ALT}
    found = []
    for name, text in _fields(item):
        folded = normalize_inline(text).casefold()
        for phrase in SKIP_LINK_TEXTS:
            if phrase in folded:
                found.append(f"{name} holds the skip link {phrase!r}: {text!r}")
        checked = text
        if name == "title":
            checked = re.sub(r"^\s*(?:Picha|Bild)\s*:", "", text)
        if CREDIT_MARK.search(checked):
            found.append(f"{name} holds a credit marker: {text!r}")
        if not name.startswith("photos["):
            flat = normalize_inline(text)
            found.extend(
                f"{name} holds the alt text {alt!r}: {text!r}"
                for alt in alts
                if alt in flat and not (name == "title" and alt == flat)
            )
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
