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
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dwcrawler.db.search_query import ParsedQuery, Term

OPEN, CLOSE, CUT = "[", "]", "…"
DEFAULT_WIDTH = 160  # characters, when the output has no width to fit


# Letters with a stroke have no Unicode decomposition; `unaccent` folds them all the same.
_UNDECOMPOSED = dict(zip("łøđħı", "lodhi", strict=True))


class _Folds(dict[int, str]):
    """`str.translate` table: each character as the index compares it, still one character.

    Filled as characters are met, so folding runs at `translate`'s speed.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        decomposed = unicodedata.normalize("NFKD", char)
        base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
        base = _UNDECOMPOSED.get(base, base)
        lowered = char.lower()
        folded = base if len(base) == 1 else lowered if len(lowered) == 1 else char
        self[code] = folded
        return folded


_FOLDS = _Folds()


def fold(text: str) -> str:
    """Return `text` lower-cased and without diacritics, character for character.

    The result has the same length as `text`, so a match found in it is at the same place in
    the text as written.
    """
    return text.lower() if text.isascii() else text.translate(_FOLDS)


def _pattern(term: Term) -> str:
    words = [re.escape(fold(word)) for word in term.words]
    if term.kind == "prefix":
        return rf"(?<!\w){words[0]}\w*"
    # Between the words of a phrase the index sees only separators: any non-word characters.
    return r"(?<!\w)" + r"\W+".join(words) + r"(?!\w)"


@lru_cache(maxsize=64)
def _matcher(parsed: ParsedQuery) -> re.Pattern[str]:
    terms = sorted({t for group in parsed.groups for t in group}, key=lambda t: -len(t.words))
    return re.compile("|".join(_pattern(term) for term in terms))  # longest phrases first


def match_spans(text: str, parsed: ParsedQuery) -> list[tuple[int, int]]:
    """Return the (start, end) character spans where the query's terms match `text`, in order.

    Where a phrase and one of its words both match, the phrase's span is the one returned.
    """
    return [match.span() for match in _matcher(parsed).finditer(fold(text))]


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
