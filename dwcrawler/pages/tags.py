"""Find a tag in a page's text without a tree: the first match of a pattern, found fast.

The page parsers cut a page's own part out of its text before building a tree of it, by tags
such as `<div id="bodyContent">`. A regular expression for such a tag stops at every `<div` of
the page and tries its attributes: on a classic page, three such searches cost as much as
parsing a third of the page. Every match of these patterns holds a literal (the id, the class),
so `first_tag` looks for that literal with a plain string search and tries the pattern only
where a tag holding it can start. It returns what `pattern.search` returns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, AnyStr, cast

if TYPE_CHECKING:
    import re

# A `<div>` start tag with a given id (`DIV_WITH_ID.format("bodyContent")`), any attributes
# before it, quoted or not: the marks the page parsers cut a page's parts by.
DIV_WITH_ID = r"""<div\b[^>]*?\sid\s*=\s*["']?{}["'\s/>]"""

# The tag delimiters in either kind of text.
_GT = {str: ">", bytes: b">"}
_LT = {str: "<", bytes: b"<"}


def first_tag(
    source: AnyStr,
    pattern: re.Pattern[AnyStr],
    needles: tuple[AnyStr, ...],
    start: int = 0,
    end: int | None = None,
) -> re.Match[AnyStr] | None:
    """Return `pattern.search(source, start, end)`, found by way of `needles`.

    For patterns that start with `<`, hold one of `needles` in every match and allow no `>`
    before it (a tag with a given id or class): a match then starts at a `<` after the last
    `>` before a needle, so only those places are tried, needle by needle, in page order.
    """
    end = len(source) if end is None else end
    lt, gt = cast("AnyStr", _LT[type(source)]), cast("AnyStr", _GT[type(source)])
    tried = start  # every start before this one has been tried, or cannot match
    at = _next_needle(source, needles, start, end)
    while at >= 0:
        position = max(source.rfind(gt, tried, at) + 1, tried)
        while (position := source.find(lt, position, at + 1)) >= 0:
            match = pattern.match(source, position, end)
            if match is not None:
                return match
            position += 1
        tried = at + 1
        at = _next_needle(source, needles, tried, end)
    return None


def _next_needle(source: AnyStr, needles: tuple[AnyStr, ...], start: int, end: int) -> int:
    found = [at for needle in needles if (at := source.find(needle, start, end)) >= 0]
    return min(found) if found else -1
