"""The real DW samples (de/en/fr, both designs), checked against independent references.

fundus's expected parse of the three German pages is the reference for title, authors, teaser,
sub-headings and paragraphs; photos, captions and credits are checked against what the HTML
visibly shows (read by hand from the stored pages).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from dwcrawler.extraction import extract_page
from tests.sitegen.goldens import SAMPLES

if TYPE_CHECKING:
    from dwcrawler.items import ArticleItem

FUNDUS = json.loads((SAMPLES / "de_fundus_DW_expected-parse.json").read_text(encoding="utf-8"))
FUNDUS_FILES = {
    "V1": "de_article_old-design_2023-04_fundus.html",
    "V2": "de_article_new-design_2023-06_fundus.html",
    "V2_1": "de_article_new-design_2024-01_fundus.html",
}


def sample(name: str) -> ArticleItem:
    return extract_page((SAMPLES / name).read_bytes())


@pytest.mark.parametrize("version", sorted(FUNDUS_FILES))
def test_german_samples_match_fundus(version):
    reference = FUNDUS[version]
    item = sample(FUNDUS_FILES[version])
    assert item.language == "de"
    assert item.title == reference["title"].strip()  # fundus keeps DW's trailing space (V2)
    assert list(item.authors) == reference["authors"]
    assert item.teaser == reference["body"]["summary"][0].strip()
    expected_blocks = []
    for section in reference["body"]["sections"]:
        expected_blocks += [("subheading", h) for h in section["headline"]]
        expected_blocks += [("paragraph", p) for p in section["paragraphs"]]
    got = [(b.type, b.text) for b in item.body]
    assert got == [(t, " ".join(x.split())) for t, x in expected_blocks]


def test_german_current_samples_dates_and_permalinks():
    item = sample(FUNDUS_FILES["V2_1"])
    assert item.published_at is not None
    assert item.published_at.isoformat() == "2024-01-30T14:13:12.269000+00:00"
    assert item.date_precision == "second"
    assert item.permalink == "https://p.dw.com/p/4boRv"
    assert item.kicker == "Politik"
    assert [t.name for t in item.topics] == [
        "Ende des Getreideabkommens",
        "Russland",
        "Finnland",
        "Krieg in der Ukraine",
    ]
    classic = sample(FUNDUS_FILES["V1"])
    assert classic.published_at is not None
    assert classic.published_at.isoformat() == "2023-04-28T00:00:00+00:00"
    assert classic.date_precision == "day"


def test_2024_sample_photos_keep_caption_credit_and_alt_apart():
    item = sample(FUNDUS_FILES["V2_1"])
    hero = item.photos[0]
    assert (hero.role, hero.image_id) == ("hero", 68059583)
    assert (
        hero.caption
        == "Gilt als einziger Antikriegskandidat für die russische Präsidentschaftswahl: Boris Nadeschdin"
    )
    assert hero.credit == "Mikhail Sinitsyn/TASS/dpa/picture alliance"
    assert hero.alt == "Russland Boris Nadezhdin Kandidat Präsidentschaftswahlen"
    assert hero.url == "https://static.dw.com/image/68059583_605.jpg"
    assert [(p.image_id, p.credit) for p in item.photos[1:]] == [
        (59234409, "Shamil Zhumatov/REUTERS"),
        (67807421, "Alexander Zemlianichenko/AP Photo/picture alliance"),
        (64566788, "Pavel Golovkin/dpa/picture alliance"),
    ]
    body = item.body_text
    for photo in item.photos:
        assert photo.caption
        assert photo.alt
        assert photo.caption not in body
        assert photo.alt not in body


def test_2023_sample_embedded_videos_are_media_not_text():
    item = sample(FUNDUS_FILES["V2"])
    assert [b.text for b in item.body if b.type == "subheading"] == [
        "Was ist das Post-Vac-Syndrom und wie viele Menschen leiden darunter?",
        "Wie diagnostizieren Mediziner das Post-Vac-Syndrom?",
        "Was passiert im Körper eines Post-Vac-Patienten?",
    ]
    assert {m.media_id for m in item.media} == {62993152, 62928598, 59949310}
    assert all(m.url.endswith((".m3u8", ".mp4")) for m in item.media)
    assert "Wie häufig sind Impfschäden?" not in item.body_text
    assert "To view this video" not in item.body_text


def test_classic_english_sample_credits_from_alt_and_slideshow():
    item = sample("en_article_old-design_2020_trafilatura-colonial.html")
    inline = item.photos[1]
    assert (inline.alt, inline.caption, inline.credit) == (
        "Tahir Della",
        "Tahir Della helped organize Berlin's new initiative",
        "picture-alliance/dpa/L. Schwedes",
    )
    gallery = [p for p in item.photos if p.role == "gallery"]
    assert len(gallery) == 11
    assert gallery[0].credit == "picture alliance/dpa/K-D.Gabbert"
    assert item.authors == ("Ben Knight",)
    assert "Read more" not in item.body_text
    assert "Every day, DW's editors" not in item.body_text
    assert "Racist, ruthless, cruel" not in item.body_text  # slideshow text is captions, not body


def test_classic_french_sample_bylines_become_people():
    item = sample("fr_article_old-design_2021_trafilatura-elephants.html")
    assert item.language == "fr"
    assert item.authors == ("Kossivi Tiassou",)
    assert item.editors == ("M-A. Pioerron",)
    assert item.body == ()
    assert item.permalink == "https://p.dw.com/p/RPYx"


def test_classic_uncork_sample_strong_paragraphs_are_subheadings():
    item = sample("en_article_old-design_2019_trafilatura-uncork.html")
    assert (
        item.url == "https://www.dw.com/en/uncork-the-mystery-of-germanys-frühburgunder/a-16863843"
    )
    heads = [b.text for b in item.body if b.type == "subheading"]
    assert heads[:2] == ["Heard it through the grape vine", "Reaping the harvest"]
    assert item.photos[1].caption == "Oak barrels enhance the frühburgunder flavor"
