"""Each language's furniture table against the real pages of that language.

What a real sample shows as furniture (its skip links, DW's i18n labels in its page data, its
labels in the text) must be in its language's table; what the table removes from the sample
must be furniture, counted; and a table applies to its own language only.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from dwcrawler.cleaning.bylines import parse_byline
from dwcrawler.cleaning.furniture import TABLES
from dwcrawler.cleaning.furniture.rules import rules_for
from dwcrawler.extraction import extract_page
from dwcrawler.pages.data import load_page_data
from tests.sitegen.goldens import SAMPLES

GERMAN_CURRENT = (
    "de_article_new-design_2024-01_fundus.html",
    "de_article_new-design_2023-06_fundus.html",
)
EXCERPTS = (SAMPLES / "sw_page-text-excerpts.md").read_text(encoding="utf-8")


def i18n(name: str) -> dict[str, Any]:
    """DW's UI labels of a current-design sample (`i18nByLang(...).all` in its page data)."""
    text = (SAMPLES / name).read_text(encoding="utf-8")
    data, _ = load_page_data(text, None)
    assert data is not None
    root = data.store["ROOT_QUERY"]
    key = next(k for k in root if k.startswith("i18nByLang"))
    labels: dict[str, Any] = json.loads(root[key]["all"])
    return labels


@pytest.mark.parametrize("name", GERMAN_CURRENT)
def test_the_german_table_holds_the_labels_of_the_german_pages(name):
    labels = i18n(name)
    table = TABLES["de"]
    quick = labels["component"]["a11y"]["quick_navigation"]
    assert {quick["content"], quick["navigation"], quick["footer"]} <= set(table.skip_links)
    assert labels["component"]["a11y"]["skip_section"]["link"] in table.section_skips
    assert labels["general"]["image"]["copyright_prefix"].rstrip(":") in table.credit_labels
    assert labels["general"]["advertisement"]["ad_label"] in table.ad_labels
    assert labels["content_block"]["top_story"]["headline"] in table.section_titles


@pytest.mark.parametrize("name", GERMAN_CURRENT)
def test_the_german_skip_links_of_a_sample_are_furniture_in_german_only(name):
    html = (SAMPLES / name).read_text(encoding="utf-8")
    skip_list = re.search(r'<ol class="[^"]*focus-menu-shown[^"]*">(.*?)</ol>', html, re.DOTALL)
    assert skip_list is not None
    links = re.findall(r"<span[^>]*>([^<]+)</span>", skip_list[1])
    assert links
    for link in links:
        assert rules_for("de").furniture(link) == "skip_link"
        assert rules_for("sw").furniture(link) is None  # German strings never clean a sw page


def test_the_swahili_table_holds_what_swahili_pages_show():
    table = TABLES["sw"]
    for string in (*table.skip_links, *table.section_titles, *table.ad_labels, *table.audio_labels):
        assert string in EXCERPTS, string
    assert table.section_skips[0].removesuffix("${sectionTitle}") in EXCERPTS
    for line in ("Nenda kwenye maudhui", "Matangazo", "Taarifa kuu ya DW", "Sikiliza sauti 42:35"):
        assert rules_for("sw").furniture(line) is not None
    assert rules_for("sw").is_section_skip("Ruka sehemu inayofuata Taarifa zaidi kutoka DW")
    byline = parse_byline("Mhariri: Mohammed Khelef", "sw")
    assert byline is not None
    assert byline.editors == ("Mohammed Khelef",)
    assert "Picha:" in EXCERPTS
    assert "Picha" in table.credit_labels


def test_the_english_table_removes_the_furniture_of_the_english_sample():
    item = extract_page(
        (SAMPLES / "en_article_old-design_2020_trafilatura-colonial.html").read_bytes()
    )
    assert item.cleaning == {"embed": 1, "promo": 1, "read_more": 2}
    assert "Read more" not in item.body_text
    assert "Every day, DW's editors" not in item.body_text
    assert rules_for("en").furniture("Read more: Looted colonial art") == "read_more"
    assert rules_for("fr").furniture("Read more: Looted colonial art") is None


def test_the_french_table_reads_the_french_sample_bylines():
    item = extract_page(
        (SAMPLES / "fr_article_old-design_2021_trafilatura-elephants.html").read_bytes()
    )
    assert (item.authors, item.editors) == (("Kossivi Tiassou",), ("M-A. Pioerron",))
    assert item.cleaning == {"byline": 2}
    html = (SAMPLES / "fr_article_old-design_2021_trafilatura-elephants.html").read_text("utf-8")
    assert all(title in html for title in TABLES["fr"].section_titles)
    assert parse_byline("Auteur : Kossivi Tiassou", "sw") is None  # French labels are French


def test_a_language_without_a_table_is_cleaned_by_structure_and_says_so():
    html = (SAMPLES / "de_article_old-design_2023-04_fundus.html").read_text(encoding="utf-8")
    bosnian = html.replace("https://www.dw.com/de/", "https://www.dw.com/bs/")
    item = extract_page(bosnian)
    assert item.language == "bs"
    assert any(w.startswith("no-furniture-table:") for w in item.warnings)
    german = extract_page(html)
    assert item.body == german.body  # this page's body holds no furniture: nothing differs


@pytest.mark.parametrize("language", sorted(TABLES))
def test_every_table_has_twelve_months_and_its_labels(language):
    table = TABLES[language]
    assert len(table.months) == 12
    assert table.credit_labels
    assert table.author_labels
    assert table.editor_labels
