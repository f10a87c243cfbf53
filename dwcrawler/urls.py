"""DW URLs: classify, canonicalise, and map between the real site and a configured base origin.

One article is one row, so every DW URL the crawler meets (percent-encoded or raw UTF-8, on
www/amp/m/bare dw.com, with `?maca=` tracking, relative or absolute) canonicalises to
`https://www.dw.com/<lang>/<slug>/<prefix>-<id>` with the slug as Unicode (NFC), the form DW's
own page data uses. Fetching goes the other way: `rebase` points a DW URL at the configured
origin (a loopback replica in tests), and `from_base` turns it back into the DW URL.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

if TYPE_CHECKING:
    from dwcrawler.items import Kind

DW_ORIGIN = "https://www.dw.com"
LANGUAGE = "sw"
HOME_PATH = "/sw/idhaa-ya-kiswahili/s-11588"
# Hosts that serve the same pages as www.dw.com (bare, AMP and the old mobile site).
DW_PAGE_HOSTS = frozenset({"www.dw.com", "dw.com", "amp.dw.com", "m.dw.com"})
# DW content ids are 8-digit numbers; the archive keys on them in a 32-bit column, so a larger
# "id" (a mangled link, a hostile page) is no DW content page and must never reach a row.
MAX_DW_ID = 2**31 - 1
# Hosts of DW's RSS feeds (and their syndication copies).
DW_FEED_HOSTS = frozenset({"rss.dw.com", "partner.dw.com"})
# Path prefixes no crawler may request: robots.txt disallows them for everyone.
DISALLOWED_PREFIXES = ("/search/", "/overlay/", "/popups/")
# Query parameters that only track where a click came from.
TRACKING_PARAMS = frozenset({"maca", "ref", "fbclid", "gclid", "mc_cid", "mc_eid"})
TRACKING_PREFIXES = ("utm_",)

# `av-` is the classic design's shared prefix for audio and video: the page decides.
KIND_BY_PREFIX: dict[str, Kind | None] = {
    "a": "article",
    "video": "video",
    "audio": "audio",
    "av": None,
    "g": "gallery",
    "live": "liveblog",
}
_CONTENT_PATH = re.compile(
    r"^/(?P<lang>[a-z]{2,3}(?:-[a-z]{2,4})?)/(?:(?P<slug>[^/]+)/)?"
    r"(?P<prefix>a|video|audio|av|g|live)-(?P<id>\d+)/?$"
)
_LISTING_PATH = re.compile(
    r"^/(?P<lang>[a-z]{2,3}(?:-[a-z]{2,4})?)/(?:[^/]+/)?(?P<prefix>s|t|person|program)-(?P<id>\d+)/?$"
)
PathKind = Literal["content", "section", "topic", "person", "program", "other"]
_LISTING_KINDS: dict[str, PathKind] = {
    "s": "section",
    "t": "topic",
    "person": "person",
    "program": "program",
}


@dataclass(frozen=True, slots=True)
class ContentRef:
    """What a content URL says about its page."""

    language: str
    slug: str | None
    prefix: str  # a, video, audio, av, g, live
    dw_id: int

    @property
    def kind(self) -> Kind | None:
        """The page kind the URL implies, or None for `av-` pages (audio or video)."""
        return KIND_BY_PREFIX[self.prefix]

    @property
    def canonical(self) -> str:
        """The canonical URL: https://www.dw.com/<lang>/<slug>/<prefix>-<id>."""
        slug = f"{self.slug}/" if self.slug else ""
        return f"{DW_ORIGIN}/{self.language}/{slug}{self.prefix}-{self.dw_id}"


def _clean_path(path: str) -> str:
    return unicodedata.normalize("NFC", unquote(path))


# Cached: a page links to the same navigation and teaser URLs as the pages before it, and the
# spider meets each sitemap URL again as a link, so most calls repeat an earlier one.
@lru_cache(maxsize=16384)
def parse_content_url(url: str) -> ContentRef | None:
    """Parse a DW content URL (absolute on a DW host, or a path); None if it is not one."""
    parts = urlsplit(url.strip())
    if parts.netloc and parts.netloc.lower() not in DW_PAGE_HOSTS:
        return None
    match = _CONTENT_PATH.match(_clean_path(parts.path))
    if match is None or not 0 < int(match["id"]) <= MAX_DW_ID:
        return None
    return ContentRef(
        language=match["lang"],
        slug=match["slug"],
        prefix=match["prefix"],
        dw_id=int(match["id"]),
    )


def path_kind(url: str) -> PathKind:
    """Classify a DW URL's path: content page, section, topic, person, program or other."""
    path = _clean_path(urlsplit(url.strip()).path)
    if _CONTENT_PATH.match(path):
        return "content"
    match = _LISTING_PATH.match(path)
    return _LISTING_KINDS[match["prefix"]] if match else "other"


def topic_id(url: str) -> int | None:
    """Return the DW topic id of a topic URL (`…/tanzania/t-17289520?maca=…` → 17289520)."""
    match = _LISTING_PATH.match(_clean_path(urlsplit(url.strip()).path))
    return int(match["id"]) if match and match["prefix"] == "t" else None


def path_language(url: str) -> str | None:
    """Return the language code a DW path starts with (`/sw/…` → "sw"), if any."""
    segments = urlsplit(url.strip()).path.split("/")
    return segments[1] if len(segments) > 2 and segments[1] else None


def canonical_url(url: str) -> str:
    """Canonicalise any DW URL; content URLs become `ContentRef.canonical`.

    Other DW URLs keep their path (as Unicode) and lose tracking parameters and fragments. A
    URL on the configured origin goes through `from_base` first.
    """
    ref = parse_content_url(url)
    if ref is not None:
        return ref.canonical
    parts = urlsplit(urljoin(DW_ORIGIN + "/", url.strip()))
    host = parts.netloc.lower()
    if host in DW_PAGE_HOSTS:
        host = "www.dw.com"
    return urlunsplit(("https", host, _clean_path(parts.path), strip_tracking(parts.query), ""))


def strip_tracking(query: str) -> str:
    """Drop tracking parameters (`maca`, `utm_*`, …) from a query string; keep the rest."""
    pairs = [
        (key, value)
        for key, value in parse_qsl(query, keep_blank_values=True)
        if key.lower() not in TRACKING_PARAMS and not key.lower().startswith(TRACKING_PREFIXES)
    ]
    return urlencode(pairs)


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def is_dw_origin(base: str) -> bool:
    """Return True if `base` is DW itself (the real site) rather than a replica."""
    return urlsplit(base).netloc.lower() in DW_PAGE_HOSTS


def rebase(url: str, base: str) -> str:
    """Return the URL to request for a DW URL (relative or absolute), percent-encoded.

    Against the real site, page hosts (bare, amp, m) become www.dw.com. Against another origin,
    every DW host that serves crawlable documents (pages, feeds) maps onto that origin, so a
    replica is crawled completely and nothing leaves for the real site. Other hosts are
    returned unchanged; `is_fetchable` rejects them.
    """
    parts = urlsplit(urljoin(DW_ORIGIN + "/", url.strip()))
    host = parts.netloc.lower()
    path = quote(_clean_path(parts.path), safe="/%:@!$&'()*+,;=-._~")
    query = strip_tracking(parts.query)
    if is_dw_origin(base):
        if host in DW_PAGE_HOSTS:
            return urlunsplit(("https", "www.dw.com", path, query, ""))
        if host in DW_FEED_HOSTS:
            return urlunsplit(("https", host, path, query, ""))
    elif host in DW_PAGE_HOSTS | DW_FEED_HOSTS or _origin(parts.geturl()) == _origin(base):
        scheme, netloc = _origin(base)
        return urlunsplit((scheme, netloc, path, query, ""))
    return parts.geturl()


def from_base(url: str, base: str) -> str:
    """Map a URL on the configured origin back to www.dw.com; other URLs pass through."""
    parts = urlsplit(url)
    if not is_dw_origin(base) and (parts.scheme.lower(), parts.netloc.lower()) == _origin(base):
        return urlunsplit(("https", "www.dw.com", parts.path, parts.query, parts.fragment))
    return url


def is_fetchable(url: str, base: str) -> bool:
    """Return True if the crawler may request `url` (a URL `rebase` produced).

    Only the configured origin (or, against the real site, www.dw.com and the feed host) and
    never a path robots.txt disallows for every crawler.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"}:
        return False
    host = parts.netloc.lower()
    if is_dw_origin(base):
        allowed = host in {"www.dw.com"} | DW_FEED_HOSTS
    else:
        allowed = _origin(url) == _origin(base)
    return allowed and not _clean_path(parts.path).startswith(DISALLOWED_PREFIXES)
