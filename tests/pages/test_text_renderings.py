"""A text rendering of a replica page reads as its HTML does: same title, teaser, text, photos.

Each page of tests/sitegen (both designs) is rendered to HTML, then to text as a WET record or
a browser copy shows it (tests/support/textrender.py); `extract_text` on the text must give
what `extract_page` gives on the HTML, as far as a text can hold it: title, teaser, paragraphs
and sub-headings (a quote is a paragraph in a text), each photo's role, alt, caption and
credit, the day, the permalink, the people. What a text does not hold is left out by design:
image ids and URLs, topics, links, media URLs, times of day.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

import pytest

from dwcrawler.extraction import extract_page, extract_text
from tests.sitegen import Embed, InlinePhoto, PageSpec, Raw, Text, render_page, synthetic_spec
from tests.sitegen.fixtures import FIXTURES
from tests.support.textrender import render_text

# The replica's feedback button: DW's Swahili wording is unknown (the sitegen made it up), so no
# furniture table holds it, and the text keeps it as the article's last line. HTML drops it by
# its class.
FEEDBACK = "Tutumie maoni yako!"


def readable(spec: PageSpec) -> bool:
    """Return True for a page whose text holds what its HTML shows of the article.

    Left out, as a text cannot tell them: an embedded player's headline and a current-design
    media page's own player (a line like any other), a relative date ("saa 3 zilizopita": no
    date line to find the head by), figures without caption or credit (an alt alone is a line
    like any other), liveblog posts, and a page whose page data disagree with its HTML. A
    classic picture box without a caption right before a sub-heading is left out too: the
    sub-heading reads as the box's caption (a text cannot tell the two apart).
    """
    parts = spec.body
    boxed = spec.design == "classic" and any(
        isinstance(part, InlinePhoto)
        and part.photo.caption is None
        and isinstance(after, Text)
        and after.type == "subheading"
        for part, after in itertools.pairwise(parts)
    )
    return (
        not boxed
        and not any(isinstance(part, (Embed, Raw)) for part in spec.body)
        and not spec.relative_time
        and not spec.drop_captions
        and spec.data_title is None
        and spec.kind != "liveblog"
        and not (spec.design == "current" and spec.kind in {"video", "audio"})
    )


SPECS: dict[str, PageSpec] = {name: spec for name, spec in FIXTURES.items() if readable(spec)}
SPECS.update(
    {
        f"synthetic-{seed}-{n}": spec
        for seed in (3, 11)
        for n in range(30)
        if readable(spec := synthetic_spec(n, seed))
    }
)


def view(item: Any, *, authors: bool = True) -> dict[str, Any]:
    """What a text holds of an item."""
    body = [("paragraph" if b.type == "quote" else b.type, b.text) for b in item.body]
    if body and body[-1] == ("paragraph", FEEDBACK):
        body.pop()
    return {
        "title": item.title,
        "teaser": item.teaser,
        "body": body,
        "photos": [(p.role, p.alt, p.caption, p.credit) for p in item.photos],
        "day": item.published_at.date() if item.published_at else None,
        "permalink": item.permalink,
        "authors": item.authors if authors else None,
        "editors": item.editors,
        "wire": item.wire,
        "kind": item.kind,
        "design": item.design,
        "language": item.language,
        "dw_id": item.dw_id,
        "url": item.url,
    }


def shows_authors(spec: PageSpec) -> bool:
    # A classic page lists its authors in its metadata list, after the article: a text's tail.
    return spec.design == "current" or spec.author_display != "header"


def test_the_replica_covers_both_designs_and_the_page_kinds():
    designs = {spec.design for spec in SPECS.values()}
    kinds = {(spec.design, spec.kind) for spec in SPECS.values()}
    assert designs == {"current", "classic"}
    assert {("current", "article"), ("current", "gallery"), ("classic", "audio")} <= kinds
    assert len(SPECS) >= 30


@pytest.mark.parametrize("name", sorted(SPECS))
def test_a_wet_text_of_a_replica_page_reads_as_its_html(name):
    spec = SPECS[name]
    html = render_page(spec)
    from_html = extract_page(html)
    from_text = extract_text(render_text(html), spec.url)
    assert from_text.capture == "text"
    assert from_html.capture == "html"
    expected = view(from_html, authors=shows_authors(spec))
    assert view(from_text, authors=shows_authors(spec)) == expected
    assert all(p.image_id is None and p.url == "" for p in from_text.photos)
    assert from_text.date_precision == "day"
    assert from_text.published_at is not None
    assert from_text.published_at.utcoffset() is not None


@pytest.mark.parametrize(
    "name",
    [n for n in sorted(SPECS) if SPECS[n].design == "current"][:12],
)
def test_a_browser_copy_without_the_title_line_reads_the_same(name):
    spec = SPECS[name]
    html = render_page(spec)
    text = render_text(html).split("\n", 1)[1]  # a copy from the page starts at its skip links
    from_text = extract_text(text, spec.url)
    assert view(from_text) == view(extract_page(html))
    assert "page_title" not in from_text.cleaning


def test_the_furniture_of_a_replica_text_is_counted_by_rule():
    spec = FIXTURES["current/article_wakulima-wa-kilimanjaro_2024-01-30"]
    item = extract_text(render_text(render_page(spec)), spec.url)
    assert item.cleaning == {
        "ad_label": 1,  # "Matangazo" after the hero
        "byline": 1,  # "Mhariri: Mohammed Khelef", moved to editors
        "page_title": 1,  # the `<title>` line the headline repeats
        "section_end": 7,  # 5 teaser cards, the topic buttons, the footer
        "section_skip": 4,
        "section_title": 4,
        "skip_link": 3,
    }
    assert item.authors == ("Caro Robi", "Josephat Charo")
    assert item.kicker == "UchumiTanzania"  # two inline spans, glued as a rendering glues them


def test_a_classic_text_reads_its_quick_jump_picture_boxes_and_tail():
    spec = FIXTURES["classic/article_rais-gauck-ziarani-zanzibar_2015-02-04"]
    item = extract_text(render_text(render_page(spec)), spec.url)
    assert item.design == "classic"
    assert item.kicker == "Matukio ya Afrika"
    assert [(p.alt, p.caption, p.credit) for p in item.photos] == [
        ("Tansania Gauck Besuch Sansibar", "Rais Gauck akilakiwa Zanzibar", "DW/E. Shoo"),
        ("Sansibar Stone Town Hafen", "Bandari ya Mji Mkongwe, Zanzibar", "picture-alliance/dpa"),
    ]
    assert item.permalink == "https://p.dw.com/p/1IFb2"  # read from the metadata list
    assert item.cleaning["skip_link"] == 6  # the German quick-jump list
    assert item.cleaning["ad_label"] == 2  # at the top, and in the text
    assert item.cleaning["section_title"] == 1  # "Sauti na Vidio Kuhusu Mada" ends the text


def test_a_classic_media_page_takes_its_kind_and_length_from_its_player_line():
    spec = FIXTURES["classic/audio_uchaguzi-wa-ujerumani-kwenye-darubini_2021-09-24"]
    item = extract_text(render_text(render_page(spec)), spec.url)
    assert (item.kind, item.duration_seconds) == ("audio", 2555)
    assert item.cleaning["player"] == 1  # "Sikiliza sauti 42:35"


def test_a_numeric_date_kept_beside_the_long_one_still_dates_the_page():
    spec = replace(FIXTURES["current/article_wakulima-wa-kilimanjaro_2024-01-30"])
    text = render_text(render_page(spec)).replace(
        "\n30 Januari 2024\n", "\n30.01.202430 Januari 2024\n"
    )
    item = extract_text(text, spec.url)
    assert item.published_at is not None
    assert item.published_at.isoformat() == "2024-01-30T00:00:00+00:00"
    assert item.title == spec.title
