"""Search snippets: the text around a result's first match, with every match marked.

Both backends get the same snippet, made here from the parsed query rather than by SQLite's
`snippet()` or PostgreSQL's `ts_headline()`: those cut the window where they like (often with
the match at its edge) and PostgreSQL marks a phrase word by word. Matching follows the index:
words compare case- and accent-insensitively, `neno*` matches words starting with "neno", and a
phrase is marked once, from its first word to its last.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dwcrawler.db.search_query import ParsedQuery, Term

OPEN, CLOSE, CUT = "[", "]", "…"
DEFAULT_WIDTH = 160  # characters, when the output has no width to fit
_WORD = re.compile(r"\w+")


def fold(word: str) -> str:
    """Return a word as the index compares it: case-folded, without diacritics."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _spans_of(term: Term, tokens: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    words = [fold(w) for w in term.words]
    spans = []
    for i, (token, start, _) in enumerate(tokens):
        if term.kind == "prefix":
            if token.startswith(words[0]):
                spans.append((start, tokens[i][2]))
            continue
        window = tokens[i : i + len(words)]
        if len(window) == len(words) and all(t[0] == w for t, w in zip(window, words, strict=True)):
            spans.append((start, window[-1][2]))
    return spans


def match_spans(text: str, parsed: ParsedQuery) -> list[tuple[int, int]]:
    """Return the (start, end) character spans where the query's terms match `text`, in order.

    Overlapping spans (a word that is also part of a phrase) are merged.
    """
    tokens = [(fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]
    found = sorted(
        span for group in parsed.groups for term in group for span in _spans_of(term, tokens)
    )
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _window(text: str, centre: int, size: int) -> tuple[int, int]:
    """Return a window of at most `size` characters around `centre`, cut between words."""
    start = max(0, min(centre - size // 2, len(text) - size))
    end = min(len(text), start + size)
    if start > 0 and not text[start - 1].isspace():
        space = text.find(" ", start, end)
        start = space + 1 if space != -1 and space < centre else start
    if end < len(text) and not text[end].isspace():
        space = text.rfind(" ", start, end)
        end = space if space > centre else end
    return start, end


def _render(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    out, at = [], start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        out += [text[at:s], OPEN, text[s:e], CLOSE]
        at = e
    out.append(text[at:end])
    body = "".join(out).strip()
    return (CUT if start > 0 else "") + body + (CUT if end < len(text) else "")


def snippet(text: str, parsed: ParsedQuery, width: int = DEFAULT_WIDTH) -> str:
    """Return at most `width` characters of `text` centred on its first match, matches marked.

    White space is folded to single spaces. Without a match in `text` (the title matched), the
    snippet is the start of the text.
    """
    text = " ".join(text.split())
    if width <= 0 or not text:
        return ""
    spans = match_spans(text, parsed)
    centre = (spans[0][0] + spans[0][1]) // 2 if spans else 0
    size = width
    for _ in range(4):  # marks and cut signs take room: shrink the window until it all fits
        start, end = _window(text, centre, size)
        result = _render(text, start, end, spans)
        if len(result) <= width:
            return result
        size -= len(result) - width
    return result[: width - 1] + CUT
