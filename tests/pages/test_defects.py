"""The defects issue 11 found on real pages, each on a realistic page: generated Kiswahili pages
whose spec says what a reader sees, and the real samples."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dwcrawler.extraction import extract_page
from dwcrawler.items import ArticleItem, article_to_dict
from tests.sitegen import PageSpec, Raw, Text, expected_dict, render_page
from tests.sitegen.fixtures import ARTICLE, FIXTURES
from tests.sitegen.goldens import SAMPLES, comparable, page_fixtures, sample_fixtures

CLASSIC = FIXTURES["classic/article_rais-gauck-ziarani-zanzibar_2015-02-04"]
PLAY_STORE = "https://play.google.com/store/apps/details?id=com.dw.android"


def extracted(spec: PageSpec) -> ArticleItem:
    """Extract the spec's page; check it against what the spec says; return the item."""
    item = extract_page(render_page(spec))
    assert comparable(article_to_dict(item)) == comparable(expected_dict(spec))
    return item


def with_raw(spec: PageSpec, *parts: Raw) -> PageSpec:
    return replace(spec, body=(*spec.body[:2], *parts, *spec.body[2:]))


@pytest.mark.parametrize("spec", [ARTICLE, CLASSIC], ids=["current", "classic"])
def test_source_line_breaks_inside_a_paragraph_are_spaces(spec):
    text = "Wakulima wa Kilimanjaro wanasema bei ya mbolea imepanda mara mbili."
    indented = (
        "<p>Wakulima wa Kilimanjaro\n      wanasema bei ya\tmbolea\r\n imepanda mara mbili.</p>"
    )
    one_line = extracted(with_raw(spec, Raw(f"<p>{text}</p>", (Text("paragraph", text),))))
    reindented = extracted(with_raw(spec, Raw(indented, (Text("paragraph", text),))))
    assert reindented.body == one_line.body
    assert "\n" not in "".join(b.text for b in reindented.body)


def test_a_line_break_the_page_shows_is_kept():
    raw = Raw(
        "<p>Mstari wa kwanza<br>mstari wa pili</p>",
        (Text("paragraph", "Mstari wa kwanza\nmstari wa pili"),),
    )
    extracted(with_raw(ARTICLE, raw))


@pytest.mark.parametrize("spec", [ARTICLE, CLASSIC], ids=["current", "classic"])
def test_a_list_of_skip_links_in_the_text_is_dropped_by_structure_and_counted(spec):
    # The classic German quick-jump list, out of its place (found by `make reliability`): its
    # items are only links to the page's own anchors, whatever their language or wording.
    skip = Raw(
        '<ol id="quickjump" role="list"><li><a href="#bodyContent">Inhalt</a></li>'
        '<li><a href="#navigation">Navigation</a></li><li><a href="#mainNav">I</a></li></ol>',
        removed=("skip_link",),
    )
    # The article's own lists stay, in-page links or not.
    own = Raw(
        '<ol><li>Bei ya mbolea imepanda.</li><li>Soma <a href="#maoni">maoni</a> ya wakulima.</li>'
        '<li><a href="#takwimu">Takwimu za mavuno</a> za mwaka huu</li></ol>',
        (
            Text("paragraph", "Bei ya mbolea imepanda."),
            Text("paragraph", "Soma maoni ya wakulima."),
            Text("paragraph", "Takwimu za mavuno za mwaka huu"),
        ),
    )
    item = extracted(with_raw(spec, skip, own))
    assert item.cleaning["skip_link"] == 1
    assert not {"Inhalt", "Navigation", "I"} & {block.text for block in item.body}


def test_an_inline_ad_directly_in_the_text_goes_by_its_class_and_is_counted():
    # An ad slot written as a `<span>` straight in the rich text (found by `make reliability`,
    # with a credit glued into it): dropped by its class like a block-level ad, never text.
    ad = Raw('<span class="rich-text-ad">Picha: Reuters/E. Ngendakumana</span>', removed=("ad",))
    inline = Raw(
        '<span class="kicker">Kilimo:</span>', (Text("paragraph", "Kilimo:"),)
    )  # an inline element of another class is the article's text
    item = extracted(with_raw(ARTICLE, ad, inline))
    assert item.cleaning["ad"] == 1
    assert "Picha: Reuters/E. Ngendakumana" not in [block.text for block in item.body]


@pytest.mark.parametrize("spec", [ARTICLE, CLASSIC], ids=["current", "classic"])
def test_a_paragraph_that_only_links_to_an_app_store_is_dropped_and_counted(spec):
    promo = Raw(
        f'<p><a href="{PLAY_STORE}"><strong>Soma habari za DW kupitia programu yetu ya Android</strong></a></p>',
        removed=("app_promo",),
    )
    article = "Wasikilizaji na miaka 50 ya DW"
    link_only = Raw(
        f'<p><a href="/sw/wasikilizaji-na-miaka-50-ya-dw/a-16525130">{article}</a></p>',
        (Text("paragraph", article),),
    )
    item = extracted(with_raw(spec, promo, link_only))
    assert item.cleaning["app_promo"] == 1


@pytest.mark.parametrize("spec", [ARTICLE, CLASSIC], ids=["current", "classic"])
def test_a_subheading_split_into_bold_runs_is_a_subheading(spec):
    parts = (
        Raw(
            "<p><strong>Changamoto </strong><strong>za</strong> <b>kiuchumi</b></p>",
            (Text("subheading", "Changamoto za kiuchumi"),),
        ),
        Raw(
            "<p><strong>Hii ni sentensi nzima.</strong></p>",
            (Text("paragraph", "Hii ni sentensi nzima."),),
        ),
        Raw("<p><strong>Nini kitafuata?</strong></p>", (Text("paragraph", "Nini kitafuata?"),)),
        Raw("<p><strong>Rais</strong> amesema leo</p>", (Text("paragraph", "Rais amesema leo"),)),
    )
    extracted(with_raw(spec, *parts))


def test_agency_sign_offs_become_wire():
    item = extracted(FIXTURES["current/article_mkutano-wa-wafadhili-koeln_2023-06-13"])
    assert item.wire is not None
    assert (item.wire.agencies, item.wire.initials) == (("AFP", "Reuters"), ("ao", "gm"))
    assert item.cleaning["sign_off"] == 1
    assert "ao/gm" not in item.body_text


def test_classic_keywords_are_kept_beside_topics():
    item = extract_page((SAMPLES / "de_article_old-design_2023-04_fundus.html").read_bytes())
    assert item.keywords == (
        "Ukrainekrieg",
        "Ukraine",
        "Russland",
        "Bachmut",
        "Waffenlieferungen",
        "Gegenoffensive",
    )
    assert [t.name for t in item.topics][:2] == ["Krim-Krise", "Ukraine"]
    generated = extracted(CLASSIC)
    assert generated.keywords == tuple(t.name for t in CLASSIC.topics)


def test_an_audio_report_on_an_article_page_is_audio_with_its_media():
    item = extract_page(
        (SAMPLES / "fr_article_old-design_2021_trafilatura-elephants.html").read_bytes()
    )
    assert item.kind == "audio"
    [medium] = item.media
    assert (medium.type, medium.media_id) == ("audio", 15100334)
    assert medium.title == item.title
    assert item.warnings == ()  # an audio item with its media: its empty body is no problem


def test_related_reports_are_not_the_page_own_media():
    item = extract_page((SAMPLES / "de_article_old-design_2023-04_fundus.html").read_bytes())
    assert item.kind == "article"
    assert item.media == ()


def test_an_embedded_video_gives_an_article_no_duration():
    item = extract_page(
        (SAMPLES / "en_article_old-design_2020_trafilatura-colonial.html").read_bytes()
    )
    assert item.kind == "article"
    assert [m.duration_seconds for m in item.media] == [137]
    assert item.duration_seconds is None


@pytest.mark.parametrize("html", page_fixtures() + sample_fixtures(), ids=lambda p: p.stem)
def test_every_media_and_photo_url_is_absolute(html):
    item = extract_page(html.read_bytes())
    urls = [p.url for p in item.photos] + [
        u for m in item.media for u in (m.url, m.poster_url) if u
    ]
    assert all(u.startswith("https://") for u in urls), urls
    if item.kind not in {"video", "audio"}:
        assert item.duration_seconds is None


@pytest.mark.parametrize("spec", [ARTICLE, CLASSIC], ids=["current", "classic"])
def test_an_article_with_an_empty_body_carries_a_warning(spec):
    empty = replace(spec, body=(), author_display="header")
    item = extracted(empty)
    assert any(w.startswith("empty-body:") for w in item.warnings)
