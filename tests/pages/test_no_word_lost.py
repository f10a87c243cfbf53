"""Never delete a word: whatever a photo's alt, caption or credit says, the text is the text.

The property of issue 11: set any photo's alt, caption or credit to any substring of a
sentence of the page (the whole sentence included) and the title, teaser and body come out
unchanged, and as the spec says. Captions, credits and alts are removed by their place in the
page, never by matching their text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dwcrawler.extraction import extract_page
from tests.reliability import profile
from tests.sitegen import (
    InlinePhoto,
    PageSpec,
    PhotoSpec,
    Text,
    expected_dict,
    render_page,
    synthetic_spec,
)
from tests.sitegen.fixtures import FIXTURES

NAMED = [
    *sorted(FIXTURES.items()),
    *((f"synthetic {n}", synthetic_spec(n, 11)) for n in range(0, 60, 6)),
]
SPECS = tuple(spec for _, spec in NAMED)
ARTICLE = next(i for i, (name, _) in enumerate(NAMED) if "wakulima" in name)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences(spec: PageSpec) -> list[str]:
    """Every sentence the page shows as text: title, teaser, body and liveblog posts."""
    texts = [spec.title, spec.teaser or ""]
    texts += [p.text for p in spec.body if isinstance(p, Text)]
    texts += [t for post in spec.posts for t in (post.title, *(b.text for b in post.body))]
    return [s for text in texts for s in _SENTENCE_END.split(text) if s.strip()]


def photos(spec: PageSpec) -> list[PhotoSpec]:
    inline = [p.photo for p in spec.body if isinstance(p, InlinePhoto)]
    return list(([spec.hero] if spec.hero else []) + list(spec.gallery) + inline)


def with_photo_text(spec: PageSpec, image_id: int, field: str, text: str) -> PageSpec:
    """The spec with every appearance of one image given `text` as its alt, caption or credit."""

    def changed(photo: PhotoSpec) -> PhotoSpec:
        return replace(photo, **{field: text}) if photo.image_id == image_id else photo  # type: ignore[arg-type]

    body = tuple(
        InlinePhoto(changed(p.photo)) if isinstance(p, InlinePhoto) else p for p in spec.body
    )
    hero = changed(spec.hero) if spec.hero else None
    return replace(spec, hero=hero, gallery=tuple(map(changed, spec.gallery)), body=body)


@functools.cache
def text_of(index: int) -> tuple[object, ...]:
    item = extract_page(render_page(SPECS[index]))
    return item.title, item.teaser, item.body


@st.composite
def photo_text_changes(draw: st.DrawFn) -> tuple[int, int, str, str]:
    index = draw(st.sampled_from([i for i, spec in enumerate(SPECS) if photos(spec)]))
    spec = SPECS[index]
    photo = draw(st.sampled_from(photos(spec)))
    sentence = draw(st.sampled_from(sentences(spec)))
    start = draw(st.integers(0, len(sentence) - 1))
    end = draw(st.integers(start + 1, len(sentence)))
    field = draw(st.sampled_from(["alt", "caption", "credit"]))
    return index, photo.image_id, field, sentence[start:end]


@settings(profile())
@given(change=photo_text_changes())
# The defects of issue 11: an alt that is a name in the title and teaser ("Vladimir Putin"),
# and one that is a whole sentence of the body.
@example(change=(ARTICLE, 66912345, "alt", "Vladimir Putin"))
@example(change=(ARTICLE, 68059583, "caption", SPECS[ARTICLE].title))
@example(change=(ARTICLE, 68059583, "credit", SPECS[ARTICLE].teaser))
def test_a_photo_text_equal_to_page_text_changes_no_text(change):
    index, image_id, field, text = change
    spec = with_photo_text(SPECS[index], image_id, field, text)
    item = extract_page(render_page(spec))
    assert (item.title, item.teaser, item.body) == text_of(index)
    want = expected_dict(spec)
    assert item.title == want["title"]
    assert item.teaser == want["teaser"]
    assert [(b.type, b.text) for b in item.body] == [(b["type"], b["text"]) for b in want["body"]]
