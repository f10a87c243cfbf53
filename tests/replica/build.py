"""Replicas of DW Kiswahili built from the page generator's specs (tests/sitegen).

`fixture_site()` is the small, hand-placed site the end-to-end tests and `make demo` crawl;
`synthetic_site(n, seed)` is n generated pages for the benchmark.
"""

from __future__ import annotations

from tests.replica.site import GERMAN_PAGES, ReplicaPage, ReplicaSite
from tests.sitegen import PageSpec, expected_dict, synthetic_spec

SEED = 1
_GERMAN_HTML = '<html lang="de"><body><h1>Eine deutsche Seite</h1></body></html>'


def _kind(spec: PageSpec) -> tuple[str, str, bool]:
    return spec.kind, spec.design, spec.av_prefix


def fixture_specs(seed: int = SEED) -> list[PageSpec]:
    """Return specs covering every kind in both designs (articles, video, audio, av-, gallery)."""
    specs = [synthetic_spec(n, seed) for n in range(12)]
    wanted = {("video", "classic", True), ("audio", "classic", True), ("video", "current", False)}
    n = 12
    while wanted - {_kind(s) for s in specs} and n < 400:
        spec = synthetic_spec(n, seed)
        if _kind(spec) in wanted - {_kind(s) for s in specs}:
            specs.append(spec)
        n += 1
    return specs


def fixture_site(seed: int = SEED) -> ReplicaSite:
    """Return the e2e replica: news and article sitemaps, feeds, home, a two-page section.

    Page 0 is listed nowhere: only links inside other articles reach it.
    """
    specs = fixture_specs(seed)
    linked_only = specs[0]
    assert any(linked_only.url in expected_dict(s)["links"] for s in specs[1:])
    newest = sorted(specs[1:], key=lambda s: s.published_at, reverse=True)
    pages = [ReplicaPage(linked_only, linked_only.lastmod, sitemap=None)]
    for rank, spec in enumerate(newest):
        pages.append(
            ReplicaPage(
                spec,
                spec.lastmod,
                sitemap="news" if rank < 4 else "article",
                in_feed=rank < 5,
                on_home=rank < 7,
                in_section=1 if rank in (2, 7, 8) else 2 if rank in (9, 10) else None,
            )
        )
    return ReplicaSite(pages, german=dict.fromkeys(GERMAN_PAGES, _GERMAN_HTML))


def synthetic_site(count: int, seed: int = SEED) -> ReplicaSite:
    """Return `count` generated pages, all in the article sitemap (the newest on the home)."""
    pages = [
        ReplicaPage(spec, spec.lastmod)
        for spec in map(synthetic_spec, range(count), [seed] * count)
    ]
    for page in sorted(pages, key=lambda p: p.published, reverse=True)[:20]:
        page.on_home = page.in_feed = True
    return ReplicaSite(pages)
