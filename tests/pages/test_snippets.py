"""With/without snippet assertions (trafilatura's method): text that must be in the body, and
furniture, captions, credits and alt texts that must not."""

from __future__ import annotations

import pytest

from dwcrawler.extraction import extract_page
from tests.sitegen import Embed, Extra, InlinePhoto, PageSpec, PhotoSpec, Text, render_page
from tests.sitegen.fixtures import FIXTURES
from tests.sitegen.goldens import SAMPLES

FURNITURE = (
    "Nenda kwenye maudhui",
    "Nenda kwenye orodha kuu",
    "Nenda tovuti zaidi za DW",
    "Ruka sehemu inayofuata",
    "Taarifa kuu ya DW",
    "Taarifa zaidi kutoka DW",
    "Picha:",
    "Matangazo",
    "Mwandishi:",
    "Mhariri:",
    "Soma pia",
    "https://p.dw.com",
    "Tutumie maoni",
    "This browser",
    "To view this video",
    "Inhalt",
    "Weitere Inhalte",
    "Choose from 30 Languages",
    "Sikiliza sauti",
    "Tazama vidio",
    "Kiungo cha kudumu",
)


def _photos(spec: PageSpec) -> list[PhotoSpec]:
    photos = [spec.hero] if spec.hero else []
    photos += [p.photo for p in spec.body if isinstance(p, InlinePhoto)] + list(spec.gallery)
    return photos


@pytest.mark.parametrize("name", sorted(FIXTURES), ids=str)
def test_generated_page_with_and_without(name):
    spec = FIXTURES[name]
    item = extract_page(render_page(spec))
    body = item.body_text
    texts = [p.text for p in spec.body if isinstance(p, Text)] + [
        b.text for post in spec.posts for b in post.body
    ]
    for text in texts:
        assert " ".join(text.split()) in body
    for phrase in FURNITURE:
        assert phrase not in body
        assert phrase not in item.title
        assert phrase not in (item.teaser or "")
    for photo in _photos(spec):
        assert photo.alt not in body
        assert not photo.caption or photo.caption not in body
        assert not photo.credit or photo.credit not in body
    for part in spec.body:
        if isinstance(part, Extra) and part.text:
            assert part.text not in body
        if isinstance(part, Embed):
            assert part.media.title not in body
    for name_ in (*spec.authors, *spec.editors):
        assert name_ not in body


SAMPLE_SNIPPETS = {
    "de_article_new-design_2024-01_fundus.html": (
        ["Die erste Hürde hat er gemeistert", "Wie realistisch ist ein Sieg Nadeschdins?"],
        [
            "Zum Inhalt springen",
            "Anzeige",
            "Bild:",
            "Shamil Zhumatov/REUTERS",
            "Ähnliche Themen",
            "Alles streng im Blick",
        ],
    ),
    "de_article_new-design_2023-06_fundus.html": (
        ["Mehr als 13 Milliarden Impfdosen", "Um die vielfältigen Symptome"],
        [
            "Wie häufig sind Impfschäden?",
            "Mehr zum Thema",
            "Top-Thema",
            "Weitere Themen",
            "pressefoto_korb",
        ],
    ),
    "de_article_old-design_2023-04_fundus.html": (
        ["Eine Autobahn in Polen", "Krim als strategische Stoßrichtung"],
        [
            "Folgen eines russische Raketenangriffs",
            "Die Redaktion empfiehlt",
            "Permalink",
            "Schlagwörter",
        ],
    ),
    "en_article_old-design_2020_trafilatura-colonial.html": (
        ["Berlin's relationship with its colonial history", "Right-wing resistance"],
        [
            "Tahir Della helped organize",
            "picture-alliance",
            "Related content",
            "DW recommends",
            "Advertisement",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(SAMPLE_SNIPPETS), ids=str)
def test_real_sample_with_and_without(name):
    body = extract_page((SAMPLES / name).read_bytes()).body_text
    must, must_not = SAMPLE_SNIPPETS[name]
    for text in must:
        assert text in body
    for text in must_not:
        assert text not in body
