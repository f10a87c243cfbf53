"""Many distinct, deterministic pages: `synthetic_spec(n, seed)` for replicas and benchmarks.

Page n links only to pages m < n, so a replica built from pages 0..N-1 has no dangling links.
Publication dates run 2019-2025; pages before October 2021 are classic (DW switched /sw/ to the
React design after 2021-09-24), later ones current.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta

from tests.sitegen import words as W
from tests.sitegen.spec import (
    Embed,
    Extra,
    InlinePhoto,
    Link,
    MediaSpec,
    PageSpec,
    PhotoSpec,
    PostSpec,
    Teaser,
    Text,
    TopicSpec,
)

START = datetime(2019, 1, 1, tzinfo=UTC)
SWITCH = datetime(2021, 10, 1, tzinfo=UTC)
SPAN_SECONDS = int((datetime(2025, 6, 30, tzinfo=UTC) - START).total_seconds())


def _dw_id(n: int, seed: int) -> int:
    return 30_000_000 + n * 1000 + seed % 1000


def _slugify(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _shape(n: int, seed: int) -> tuple[str, str, str, datetime]:
    """(title, kind, design, published_at) from their own generator, so URLs are cheap."""
    rng = random.Random(f"shape:{seed}:{n}")
    published = START + timedelta(
        seconds=rng.randrange(SPAN_SECONDS), microseconds=rng.randrange(1000) * 1000
    )
    design = "classic" if published < SWITCH else "current"
    kinds = (
        ["article"] * 16
        + ["video", "audio"]
        + (["gallery", "liveblog"] if design == "current" else [])
    )
    title = f"{rng.choice(W.TITLE_SUBJECTS)} {rng.choice(W.PLACES)} {rng.choice(W.TITLE_ACTIONS)}"
    return title, rng.choice(kinds), design, published


def synthetic_url(n: int, seed: int) -> str:
    """The canonical URL of `synthetic_spec(n, seed)` without building the spec."""
    title, kind, design, _ = _shape(n, seed)
    prefix = {
        "article": "a",
        "video": "video",
        "audio": "audio",
        "gallery": "g",
        "liveblog": "live",
    }[kind]
    if design == "classic" and kind in {"video", "audio"}:
        prefix = "av"
    return f"https://www.dw.com/sw/{_slugify(title)}/{prefix}-{_dw_id(n, seed)}"


def _path(url: str) -> str:
    return url.removeprefix("https://www.dw.com")


def _photo(rng: random.Random, image_id: int) -> PhotoSpec:
    caption = rng.choice(W.CAPTIONS) if rng.random() > 0.15 else None
    return PhotoSpec(image_id, rng.choice(W.ALTS), caption, rng.choice(W.CREDITS))


def _paragraph(rng: random.Random, others: list[str]) -> Text:
    text = " ".join(rng.sample(W.SENTENCES, rng.randint(2, 4)))
    links: list[Link] = []
    if others and rng.random() < 0.3:
        word = rng.choice([w for w in text.split() if len(w) > 5]).strip(".,")
        links.append(Link(word, _path(rng.choice(others))))
    elif rng.random() < 0.1:
        links.append(Link(text.split()[1].strip(".,"), "https://www.un.org/sw/"))
    return Text("paragraph", text, tuple(links))


def _body(rng: random.Random, dw_id: int, design: str, others: list[str]) -> tuple[object, ...]:
    parts: list[object] = []
    for index in range(rng.randint(4, 11)):
        if index and rng.random() < 0.15:
            parts.append(Text("subheading", rng.choice(W.HEADINGS)))
        parts.append(_paragraph(rng, others))
        roll = rng.random()
        if roll < 0.12:
            parts.append(InlinePhoto(_photo(rng, dw_id * 10 + index + 1)))
        elif roll < 0.15:
            parts.append(Text("quote", rng.choice(W.QUOTES)))
        elif roll < 0.18:
            parts.append(Extra("ad"))
        elif roll < 0.20 and design == "current":
            parts.append(
                Embed(
                    MediaSpec(
                        "video", dw_id + 500 + index, rng.choice(W.HEADINGS), rng.randint(40, 600)
                    )
                )
            )
        elif roll < 0.22 and others:
            parts.append(Extra("readmore", rng.choice(W.HEADINGS), _path(rng.choice(others))))
    if rng.random() < 0.1:
        parts.append(Extra("promo", rng.choice(W.PROMOS)))
    if rng.random() < 0.1:
        parts.append(Extra("signoff", rng.choice(W.SIGN_OFFS)))
    return tuple(parts)


def _distinct_teaser(teaser: str, body: tuple[object, ...], salt: str) -> str:
    """Return a teaser unlike the first block of text.

    A body that opens with its own teaser is how DW's video pages repeat it, and the cleaning
    drops that repeat; a generated article must not do so by chance. The draw is redone with
    its own generator, so pages that never met the clash stay exactly as they were.
    """
    first = next((part.text for part in body if isinstance(part, Text)), None)
    rng = random.Random(salt)
    while teaser == first:
        teaser = " ".join(rng.sample(W.SENTENCES, 2))
    return teaser


def synthetic_spec(n: int, seed: int) -> PageSpec:
    """A distinct, deterministic page: same (n, seed), same spec; different n, different page."""
    title, kind, design, published = _shape(n, seed)
    rng = random.Random(f"page:{seed}:{n}")
    dw_id = _dw_id(n, seed)
    others = [synthetic_url(m, seed) for m in rng.sample(range(n), min(n, 6))]
    topics = tuple(
        TopicSpec(name, tid, _slugify(name))
        for name, tid in rng.sample(W.TOPICS, rng.randint(0, 3))
    )
    authors = tuple(rng.sample(W.PEOPLE, rng.choice((0, 1, 1, 1, 2))))
    media = None
    if kind in {"video", "audio"}:
        poster = f"https://static.dw.com/image/{dw_id * 10}_302.jpg"
        media = MediaSpec(kind, dw_id, title, rng.randint(45, 2700), poster)  # type: ignore[arg-type]
    body = (
        _body(rng, dw_id, design, others)
        if kind == "article"
        else ((_paragraph(rng, others),) if kind != "liveblog" else ())
    )
    posts: tuple[PostSpec, ...] = ()
    if kind == "liveblog":
        posts = tuple(
            PostSpec(
                dw_id * 10 + i,
                rng.choice(W.HEADINGS),
                published + timedelta(minutes=10 * i),
                (_paragraph(rng, others), _paragraph(rng, [])),
            )
            for i in range(rng.randint(2, 5))
        )
    gallery = (
        tuple(_photo(rng, dw_id * 10 + 50 + i) for i in range(rng.randint(3, 6)))
        if kind == "gallery"
        else ()
    )
    teaser = " ".join(rng.sample(W.SENTENCES, 2))
    return PageSpec(
        dw_id=dw_id,
        slug=_slugify(title),
        title=title,
        teaser=_distinct_teaser(teaser, body, f"teaser:{seed}:{n}"),
        published_at=published,
        kind=kind,  # type: ignore[arg-type]
        design=design,  # type: ignore[arg-type]
        av_prefix=design == "classic" and kind in {"video", "audio"},
        modified_at=published + timedelta(minutes=rng.randint(0, 600))
        if rng.random() < 0.7
        else None,
        kicker=rng.choice(W.KICKERS),
        authors=authors,
        # liveblog posts carry no byline lines: their authors show in the header only
        author_display=rng.choice(("header", "header", "text", "both"))
        if kind != "liveblog"
        else "header",
        editors=tuple(rng.sample(W.PEOPLE, 1)) if rng.random() < 0.5 and kind != "liveblog" else (),
        hero=_photo(rng, dw_id * 10) if kind != "audio" or rng.random() < 0.5 else None,
        body=body,  # type: ignore[arg-type]
        topics=topics,
        related=tuple(Teaser(rng.choice(W.HEADINGS), _path(u)) for u in others[:3]),
        top_stories=tuple(Teaser(rng.choice(W.HEADINGS), _path(u)) for u in others[3:6]),
        permalink_code=f"{dw_id:x}"[-5:],
        media=media,
        gallery=gallery,
        posts=posts,
        build=rng.randrange(1_000_000),
        time_tag=rng.choice(("span", "div")),
        relative_time=rng.random() < 0.1,
        canonical_encoding=rng.choice(("percent", "raw")),
        aside_tracking=rng.random() < 0.5,
        hero_in_text=rng.random() < 0.2,
        page_data=rng.choice(("apollo",) * 8 + ("app", "none")),
    )
