"""The page's `<head>`, read by a light scan of its tags instead of a DOM.

The head says who the page is (canonical, og:url, amphtml), its `<title>`, its JSON-LD and,
on classic pages, its keywords. A current-design head carries a large styled-components
stylesheet; building a tree of it costs more than the whole data-first extraction, so its tags
are found by one scan that steps over comments, scripts and styles as a parser does.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# A comment, or a head element we read or must step over.
_TAG = re.compile(r"<(?:(!--)|(link|meta|title|script|style)\b([^>]*)>)", re.IGNORECASE)
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_ENDS = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("title", "script", "style")}
_HEAD_END = re.compile(r"</head\s*>|<body\b", re.IGNORECASE)
JSON_LD_TYPE = "application/ld+json"
# Attribute values a tag must contain to be read at all: most of a head is preloads, icons
# and twitter metas, whose attributes need no parsing.
_WANTED = re.compile(
    r"canonical|amphtml|og:url|og:title|keywords|application/ld\+json", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class PageHead:
    """What the page's head says about it."""

    urls: tuple[str | None, ...]  # canonical, og:url, amphtml (first non-empty of each)
    title: str | None = None  # `<title>`, entities decoded, stripped
    og_title: str | None = None
    json_ld: tuple[str, ...] = ()  # the raw text of each JSON-LD script
    keywords: tuple[str, ...] = ()  # <meta name="keywords"> split on commas (classic pages)

    @property
    def canonical(self) -> str | None:
        """The canonical link's URL."""
        return self.urls[0]


def _attributes(raw: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTR.finditer(raw):
        name = match[1].lower()
        value = match[2] if match[2] is not None else match[3] or match[4] or ""
        found.setdefault(name, html.unescape(value))
    return found


def _text_until(text: str, name: str, start: int, limit: int) -> tuple[str, int]:
    """Return the raw text of an element up to its end tag, and where scanning goes on."""
    end = _ENDS[name].search(text, start)
    if end is None:
        return text[start:limit], limit
    return text[start : end.start()], end.end()


def read_head(text: str) -> PageHead:
    """Scan the head of a document (up to `</head>` or `<body>`) for what `PageHead` holds."""
    found = _HEAD_END.search(text)
    limit = found.start() if found is not None else len(text)
    links: dict[str, str] = {}
    metas: dict[str, str] = {}
    title: str | None = None
    scripts: list[str] = []
    position = 0
    while (match := _TAG.search(text, position, limit)) is not None:
        position = match.end()
        if match[1]:  # a comment: skip it whole (old IE blocks hide tags in comments)
            close = text.find("-->", position)
            position = limit if close < 0 else close + 3
            continue
        tag, raw = match[2].lower(), match[3]
        attrs = _attributes(raw) if _WANTED.search(raw) else {}
        if tag in {"title", "script", "style"}:
            body, position = _text_until(text, tag, position, len(text))
            if tag == "title" and title is None:
                title = html.unescape(body).strip() or None
            elif tag == "script" and attrs.get("type", "").strip().lower() == JSON_LD_TYPE:
                scripts.append(body)
            continue
        value = (attrs.get("href") if tag == "link" else attrs.get("content")) or ""
        if not value.strip():
            continue
        names = (
            attrs.get("rel", "") if tag == "link" else attrs.get("property") or attrs.get("name")
        )
        for name in (names or "").lower().split() if tag == "link" else [(names or "").lower()]:
            store = links if tag == "link" else metas
            store.setdefault(name, value.strip())
    keywords = metas.get("keywords", "")
    return PageHead(
        urls=(links.get("canonical"), metas.get("og:url"), links.get("amphtml")),
        title=title,
        og_title=metas.get("og:title"),
        json_ld=tuple(scripts),
        keywords=tuple(k.strip() for k in keywords.split(",") if k.strip()),
    )
