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

# A comment, or a head element we read or must step over. The patterns are compiled twice: as
# written (DW writes lower-case tags; a pattern that starts with a literal "<" is searched
# fast) and case-insensitive, for a head the first scan finds nothing in.
_TAG = (
    r"<(?:(!--)|(/head\s*>|body\b)|(title|script|style)\b([^>]*)>|(link|meta)\b([^>]*)>)"
    # …until the head ends (`</head>` or `<body>`), met on the same single pass.
)
# A link or meta is read only when it names what we read (most of a head is preloads, icons
# and twitter metas). Tested with `in` on the tag: a look-ahead in the pattern cost the scan
# about 2 µs a tag, backtracking over each tag's attributes once per name.
_WANTED_NAMES = ("canonical", "amphtml", "og:url", "og:title", "keywords")
_END = r"</{}\s*>"
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
JSON_LD_TYPE = "application/ld+json"
# Attribute values a tag must contain to be read at all: most of a head is preloads, icons
# and twitter metas, whose attributes need no parsing.
_WANTED = r"application/ld\+json"


@dataclass(frozen=True, slots=True)
class _Patterns:
    tag: re.Pattern[str]
    ends: dict[str, re.Pattern[str]]
    wanted: re.Pattern[str]
    fold: bool  # case-insensitive: tags are lower-cased before the names are looked for


def _patterns(flags: int) -> _Patterns:
    ends = {name: re.compile(_END.format(name), flags) for name in ("title", "script", "style")}
    fold = bool(flags & re.IGNORECASE)
    return _Patterns(re.compile(_TAG, flags), ends, re.compile(_WANTED, flags), fold)


_AS_WRITTEN, _ANY_CASE = _patterns(0), _patterns(re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageHead:
    """What the page's head says about it."""

    urls: tuple[str | None, ...]  # canonical, og:url, amphtml (first non-empty of each)
    title: str | None = None  # `<title>`, entities decoded, stripped
    og_title: str | None = None
    json_ld: tuple[str, ...] = ()  # the raw text of each JSON-LD script
    keywords: tuple[str, ...] = ()  # <meta name="keywords"> split on commas (classic pages)
    end: int = 0  # where the head ends in the text: the body is searched from here

    @property
    def canonical(self) -> str | None:
        """The canonical link's URL."""
        return self.urls[0]


def _attributes(raw: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTR.finditer(raw):
        name = match[1].lower()
        value = match[2] if match[2] is not None else match[3] or match[4] or ""
        found.setdefault(name, html.unescape(value) if "&" in value else value)
    return found


def _text_end(
    text: str, name: str, end_tag: re.Pattern[str], start: int, limit: int
) -> tuple[int, int]:
    """Return where an element's raw text ends (its end tag) and where scanning goes on.

    Positions, not the text: a current-design head's stylesheet is some 80 kB, and copying it
    only to step over it cost more than the rest of the scan.
    """
    plain = text.find(f"</{name}>", start)  # the usual end tag: `find` is the fast path
    if plain >= 0:
        return plain, plain + len(name) + 3
    end = end_tag.search(text, start)
    if end is None:
        return limit, limit
    return end.start(), end.end()


def _is_json_ld(raw: str) -> bool:
    return _attributes(raw).get("type", "").strip().lower() == JSON_LD_TYPE


def read_head(text: str) -> PageHead:
    """Scan the head of a document (up to `</head>` or `<body>`) for what `PageHead` holds.

    One pass: the tags are found in order, and the text of scripts and styles is stepped over.
    """
    head = _scan(text, _AS_WRITTEN)
    if head.title is None and not any(head.urls):
        head = _scan(text, _ANY_CASE)  # upper-case tags, or a head with nothing to read
    return head


def _scan(text: str, patterns: _Patterns) -> PageHead:
    links: dict[str, str] = {}
    metas: dict[str, str] = {}
    title: str | None = None
    scripts: list[str] = []
    position = 0
    while (match := patterns.tag.search(text, position)) is not None:
        position = match.end()
        if match[1]:  # a comment: skip it whole (old IE blocks hide tags in comments)
            close = text.find("-->", position)
            position = len(text) if close < 0 else close + 3
            continue
        if match[2]:
            position = match.start()
            break  # the head ends
        if match[3]:  # title, script, style: read or step over their text
            tag, raw, begin = match[3].lower(), match[4], position
            end, position = _text_end(text, tag, patterns.ends[tag], position, len(text))
            if tag == "title" and title is None:
                title = html.unescape(text[begin:end]).strip() or None
            elif tag == "script" and patterns.wanted.search(raw) and _is_json_ld(raw):
                scripts.append(text[begin:end])
            continue
        raw = match[6].lower() if patterns.fold else match[6]
        if not any(name in raw for name in _WANTED_NAMES):
            continue
        tag, attrs = match[5].lower(), _attributes(match[6])
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
        end=min(position, len(text)),
        urls=(links.get("canonical"), metas.get("og:url"), links.get("amphtml")),
        title=title,
        og_title=metas.get("og:title"),
        json_ld=tuple(scripts),
        keywords=tuple(k.strip() for k in keywords.split(",") if k.strip()),
    )
