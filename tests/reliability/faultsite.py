"""The replica a fault round crawls: healthy pages everywhere, and one page per fault case that
only the faulty path leads to (the article sitemap, its own child sitemap, or its own feed).

So a fault that loses its page in the first run really loses it, and only a crawl that tries
again in the next run (in `update` mode, where the sitemap window would otherwise have moved
on) gets it back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from tests.replica import documents
from tests.replica.server import Resource, site_key
from tests.replica.site import GERMAN_SITEMAPS, ReplicaPage, ReplicaSite
from tests.sitegen import PageSpec, synthetic_spec

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tests.reliability.faultcases import FaultCase

HEALTHY = 5  # pages no fault touches: on the home page, in the sitemap and the feed
HEALTHY_FEED = "https://rss.dw.com/xml/rss-sw-all"


@dataclass(frozen=True)
class Target:
    """A fault case's page and the path its fault is installed on."""

    case: FaultCase
    spec: PageSpec
    path: str  # the page, or its own sitemap or feed


@dataclass(frozen=True)
class FaultSite:
    """The documents to serve, the pages that must end up stored, and the feeds to read."""

    resources: dict[str, Resource]
    specs: dict[int, PageSpec]  # every content page, by DW id: what the archive must hold
    healthy: tuple[int, ...]
    targets: tuple[Target, ...]
    feeds: tuple[str, ...]


def _assign(cases: Sequence[FaultCase], seed: int) -> tuple[list[PageSpec], list[PageSpec]]:
    """Pick specs: the first pages healthy, then one per case that suits it."""
    pool = [synthetic_spec(n, seed) for n in range(HEALTHY + 6 * len(cases) + 10)]
    healthy, rest = pool[:HEALTHY], pool[HEALTHY:]
    chosen: list[PageSpec] = []
    for case in cases:
        spec = next(
            s
            for s in rest
            if s not in chosen
            and (not case.current_only or (s.design == "current" and s.page_data == "apollo"))
            and s.kind in ({"article"} if case.current_only else {"article", "video", "audio"})
        )
        chosen.append(spec)
    faulty = [case.page(s) if case.page else s for case, s in zip(cases, chosen, strict=True)]
    # A feed lists what was just published: its page must fall inside the run's window.
    fresh = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
    faulty = [
        replace(s, published_at=fresh, modified_at=None) if c.target == "feed" else s
        for c, s in zip(cases, faulty, strict=True)
    ]
    return healthy, faulty


def build(cases: Sequence[FaultCase], seed: int) -> FaultSite:
    """Lay out the replica of one fault round."""
    now = datetime.now(UTC).replace(microsecond=0)
    recent = now - timedelta(days=1)  # inside the first update run's default 7-day window
    healthy, faulty = _assign(cases, seed)
    pages = [
        ReplicaPage(s, now - timedelta(days=2), on_home=True, in_feed=True) for s in healthy
    ] + [
        ReplicaPage(s, recent, sitemap="article" if c.target == "page" else None)
        for c, s in zip(cases, faulty, strict=True)
    ]
    docs = ReplicaSite(pages).resources()
    targets, children, feeds = [], [], [HEALTHY_FEED]
    for number, (case, spec) in enumerate(zip(cases, faulty, strict=True)):
        path = spec.path
        if case.target == "sitemap":
            path = f"/sw/fault-{number}-sitemap.xml"
            children.append((path, recent))
            _put(docs, path, documents.urlset([(spec.path, recent)]), "application/xml")
        elif case.target == "feed":
            path = f"/xml/rss-sw-fault-{number}"
            feeds.append(f"https://rss.dw.com{path}")
            body = documents.rss2(path.rsplit("/", 1)[1], [ReplicaPage(spec, recent)])
            _put(docs, path, body, "application/rss+xml")
        targets.append(Target(case, spec, path))
    index = [(p, now - timedelta(days=1)) for p in GERMAN_SITEMAPS]
    index += [("/sw/news-sitemap.xml", now), ("/sw/article-sitemap.xml", now), *children]
    _put(docs, "/sitemap.xml", documents.sitemap_index(index), "application/xml")
    return FaultSite(
        resources=docs,
        specs={s.dw_id: s for s in [*healthy, *faulty]},
        healthy=tuple(s.dw_id for s in healthy),
        targets=tuple(targets),
        feeds=tuple(feeds),
    )


def _put(docs: dict[str, Resource], path: str, body: bytes, content_type: str) -> None:
    etag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
    docs[site_key(path)] = Resource(body, content_type, datetime.now(UTC), etag)
