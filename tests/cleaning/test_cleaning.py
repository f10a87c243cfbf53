"""Table-driven tests of the pure cleaning functions, and clean_article's guarantees."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from dwcrawler.cleaning import clean_article
from dwcrawler.cleaning.bylines import parse_byline, split_names, unique_names
from dwcrawler.cleaning.captions import clean_credit, split_alt_credit
from dwcrawler.cleaning.furniture.rules import rules_for
from dwcrawler.cleaning.text import normalize_text, strip_title_suffix
from dwcrawler.items import ArticleItem, BodyBlock, PhotoItem, WireItem
from dwcrawler.pages import parse_page
from tests.sitegen import render_page, synthetic_spec
from tests.sitegen.fixtures import FIXTURES


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Habari\u00a0za  leo", "Habari za leo"),
        ("  mstari\n\n\n  wa pili  ", "mstari\nwa pili"),
        ("Kiswahili\u200b", "Kiswahili"),
        ("Cafe\u0301", "Café"),  # NFC
        ("\t\u202fHabari\u2009njema\r", "Habari njema"),
    ],
)
def test_normalize_text(raw, clean):
    assert normalize_text(raw) == clean


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Nenda kwenye maudhui", "skip_link"),
        ("Nenda kwenye orodha kuu", "skip_link"),
        ("Nenda tovuti zaidi za DW", "skip_link"),
        ("Matangazo", "ad_label"),
        ("Taarifa kuu ya DW", "section_title"),
        ("Taarifa zaidi kutoka DW", "section_title"),
        ("https://p.dw.com/p/17Ltz", "permalink"),
        ("Kiungo cha kudumu https://p.dw.com/p/4boRv", "permalink"),
        ("Sikiliza sauti 42:35", "player"),
        ("This browser does not support the video element.", "player"),
        ("Fuatilia DW Kiswahili kwenye WhatsApp ili upate habari za kila siku.", "promo"),
        ("Tufuatilie kwenye Facebook na Instagram", "promo"),
        ("Soma pia: Wasikilizaji na miaka 50 ya DW", "read_more"),
        ("Shiriki WhatsApp Facebook", "share"),
    ],
)
def test_swahili_furniture_blocks_are_named_by_their_rule(text, rule):
    assert rules_for("sw").furniture(text) == rule


@pytest.mark.parametrize(
    "text",
    [
        "Matangazo ya redio yalianza mwaka 1963 na yamesikika kote Afrika Mashariki.",
        "Wafanyabiashara wa soko la Kariakoo wamelalamikia ongezeko la kodi mpya.",
        "Soma pia ripoti kamili ya benki kuu ambayo ilitolewa jana jioni.",
        "Alisema (kwa mujibu wa AFP) kwamba mkutano utaendelea kesho.",
        # A furniture string inside a sentence is the sentence's: whole blocks only.
        "Wasikilizaji walibofya Nenda kwenye maudhui na kusoma habari yote.",
        "Tangazo la Matangazo mapya lilitolewa jana.",
    ],
)
def test_prose_is_not_furniture(text):
    assert rules_for("sw").furniture(text) is None


def test_a_section_skip_must_fill_its_block():
    rules = rules_for("de")
    assert rules.is_section_skip("Den nächsten Abschnitt Top-Thema überspringen")
    assert not rules.is_section_skip("Den nächsten Abschnitt las er laut vor, dann ging er.")
    assert rules_for("sw").is_section_skip("Ruka sehemu inayofuata Taarifa kuu ya DW")


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ("Picha: Reuters/E. Ngendakumana", "Reuters/E. Ngendakumana"),
        (
            "Bild: Mikhail Sinitsyn/TASS/dpa/picture alliance ",
            "Mikhail Sinitsyn/TASS/dpa/picture alliance",
        ),
        ("  ", None),
        ("Picha:", None),
        (", Picha: DW", "DW"),
    ],
)
def test_a_credit_loses_its_label_only(credit, expected):
    assert clean_credit(credit) == expected
    assert clean_credit(expected) == expected  # idempotent


@pytest.mark.parametrize(
    ("alt", "expected"),
    [
        (
            "Tahir Della (picture-alliance/dpa/L. Schwedes)",
            ("Tahir Della", "picture-alliance/dpa/L. Schwedes"),
        ),
        (
            "Deutschland Fieberthermometer (Symbolbild)",
            ("Deutschland Fieberthermometer (Symbolbild)", None),
        ),
        ("Vineyards in the Ahr Valley", ("Vineyards in the Ahr Valley", None)),
        (None, (None, None)),
    ],
)
def test_split_alt_credit(alt, expected):
    assert split_alt_credit(alt) == expected


def test_clean_credit_removes_leading_labels():
    assert clean_credit("Picha: Picha: DW") == "DW"
    assert clean_credit("picha: AFP") == "AFP"
    assert clean_credit("AP Photo: J. Doe") == "AP Photo: J. Doe"  # not a leading label


@pytest.mark.parametrize(
    ("text", "authors", "editors"),
    [
        ("Mwandishi: Elizabeth Shoo", ("Elizabeth Shoo",), ()),
        ("Mhariri: Josephat Charo", (), ("Josephat Charo",)),
        (
            "Mwandishi: Caro Robi na Bruce Amani\nMhariri: Mohammed Khelef",
            ("Caro Robi", "Bruce Amani"),
            ("Mohammed Khelef",),
        ),
        (
            "Mwandishi: Saumu Mwasimba Mhariri: Iddi Ssessanga",
            ("Saumu Mwasimba",),
            ("Iddi Ssessanga",),
        ),
        ("Auteur : Kossivi Tiassou", ("Kossivi Tiassou",), ()),
        ("Mwandishi: Deutsche Welle", (), ()),
    ],
)
def test_byline_lines(text, authors, editors):
    byline = parse_byline(text)
    assert byline is not None
    assert (byline.authors, byline.editors) == (authors, editors)


def test_prose_mentioning_a_writer_is_not_a_byline():
    assert parse_byline("Mwandishi maarufu Shaaban Robert alizaliwa Tanga mwaka 1909.") is None


def test_names_never_include_the_broadcaster():
    assert split_names("Caro Robi, DW") == ["Caro Robi"]
    assert unique_names(["Deutsche Welle", "Caro Robi", "caro robi"]) == ("Caro Robi",)


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        (
            "Hakuna Mafuta, hakuna chakula \u2013 DW \u2013 11.07.2024",
            "Hakuna Mafuta, hakuna chakula",
        ),
        (
            "Rais Gauck ziarani Zanzibar | Matukio ya Afrika | DW | 04.02.2015",
            "Rais Gauck ziarani Zanzibar",
        ),
        ("Post-Vac-Syndrom  \u2013 DW \u2013 13.06.2023", "Post-Vac-Syndrom"),
        ("DW yavuma kila mahali", "DW yavuma kila mahali"),
    ],
)
def test_strip_title_suffix(title, clean):
    assert strip_title_suffix(title) == clean


def _item(**fields: Any) -> ArticleItem:
    base = ArticleItem(
        dw_id=1,
        url="https://www.dw.com/sw/x/a-1",
        kind="article",
        language="sw",
        design="current",
        title="Kichwa",
    )
    return replace(base, **fields)


def test_clean_article_moves_bylines_and_sign_offs_and_counts_furniture():
    hero = PhotoItem(0, "hero", 5, "u", alt="Uganda Kampala Markt", caption="Soko kuu la Kampala")
    item = _item(
        authors=("Deutsche Welle",),
        photos=(hero, replace(hero, position=1, role="inline")),  # the hero repeated in the text
        body=(
            BodyBlock("paragraph", "Nenda kwenye maudhui"),
            BodyBlock("paragraph", "Aya ya kwanza\u00a0ya habari."),
            BodyBlock("paragraph", "Uganda Kampala Markt"),  # equals the alt: text all the same
            BodyBlock("subheading", "Kichwa  kidogo"),
            BodyBlock("paragraph", "Mwandishi: Caro Robi"),
            BodyBlock("paragraph", "Mhariri: Josephat Charo"),
            BodyBlock("paragraph", "ao/gm (afp, rtr)"),
            BodyBlock("paragraph", "Ruka sehemu inayofuata Taarifa kuu ya DW"),
            BodyBlock("paragraph", "Habari nyingine ya ukurasa wa mbele."),
        ),
    )
    clean = clean_article(item)
    assert [b.text for b in clean.body] == [
        "Aya ya kwanza ya habari.",
        "Uganda Kampala Markt",
        "Kichwa kidogo",
    ]
    assert clean.authors == ("Caro Robi",)
    assert clean.editors == ("Josephat Charo",)
    assert clean.wire == WireItem(("AFP", "Reuters"), ("ao", "gm"))
    assert len(clean.photos) == 1
    assert clean.cleaning == {
        "byline": 2,
        "repeated_photo": 1,
        "section_end": 1,
        "section_skip": 1,
        "sign_off": 1,
        "skip_link": 1,
    }
    assert clean_article(clean) == clean  # the account does not grow on a second cleaning


def test_clean_article_drops_leading_repeats_of_the_teaser():
    item = _item(
        teaser="Muhtasari.",
        body=(
            BodyBlock("paragraph", "Muhtasari."),
            BodyBlock("paragraph", "Muhtasari."),
            BodyBlock("paragraph", "Habari."),
        ),
    )
    assert [b.text for b in clean_article(item).body] == ["Habari."]


@pytest.mark.parametrize("name", sorted(FIXTURES), ids=str)
def test_clean_article_is_idempotent_on_fixture_pages(name):
    once = clean_article(parse_page(render_page(FIXTURES[name])))
    assert clean_article(once) == once


def test_clean_article_is_idempotent_on_synthetic_pages():
    for n in range(40):
        once = clean_article(parse_page(render_page(synthetic_spec(n, seed=3))))
        assert clean_article(once) == once


def test_clean_article_keeps_dates_untouched():
    when = datetime(2019, 4, 24, tzinfo=UTC)
    assert clean_article(_item(published_at=when, date_precision="day")).published_at == when


def test_text_is_never_cut_inside_a_block():
    """Furniture, alts and credits glued into a text stay: only whole blocks are furniture."""
    hero = PhotoItem(0, "hero", 5, "u", alt="Tansania Landwirtschaft Bauern bei der Ernte")
    item = _item(
        title="Wakulima walalamikaPicha: Reuters/E. Ngendakumana",
        teaser="Nenda kwenye maudhui Muhtasari wa habari.",
        photos=(hero,),
        body=(
            BodyBlock("paragraph", "Aya ya kwanza. Tansania Landwirtschaft Bauern bei der Ernte"),
            BodyBlock("paragraph", "Aya ya pili.Ruka sehemu inayofuata Taarifa kuu ya DW"),
            BodyBlock("paragraph", "Habari nyingine ya ukurasa wa mbele."),
        ),
    )
    clean = clean_article(item)
    assert clean.title == item.title
    assert clean.teaser == item.teaser
    assert clean.body == item.body
    assert clean.cleaning == {}


def test_a_gallery_title_may_start_with_picha():
    assert (
        clean_article(_item(title="Picha: Sherehe za Muungano")).title
        == "Picha: Sherehe za Muungano"
    )
