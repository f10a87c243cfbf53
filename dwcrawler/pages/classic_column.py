"""Classic design: where the page's own part is in its text, found before any tree is built.

A classic page is parsed from its content column (`<div id="bodyContent">`) to the end of the
article's own column. The columns after it (related items, and the side column that repeats
the metadata list) are not parsed: only their links are read, by a scan of the text
(`pages.common.hrefs_in`). The cut is made only where the article's text and its metadata list
came before those columns, as on every classic page seen; otherwise the page is parsed to its
footer (`<div id="footerSection">`), as before the cut existed. Both the page's text and the
UTF-8 bytes it came from can be searched (lxml is given the bytes when there are some).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import AnyStr, Generic

from dwcrawler.pages import selectors as S
from dwcrawler.pages.tags import DIV_WITH_ID as _ROOT
from dwcrawler.pages.tags import first_tag

_RELATED = r"""<div\s+class\s*=\s*["'](?:{})["']""".format("|".join(S.CLASSIC_RELATED_CLASSES))


@dataclass(frozen=True, slots=True)
class Marks(Generic[AnyStr]):
    """The patterns and literals that find a classic page's parts, for text or for bytes."""

    root: re.Pattern[AnyStr]  # as DW writes it (lower case)…
    root_any_case: re.Pattern[AnyStr]  # …and, failing that, in any case
    root_needles: tuple[AnyStr, ...]
    footer: re.Pattern[AnyStr]
    footer_needles: tuple[AnyStr, ...]
    related: re.Pattern[AnyStr]
    related_needles: tuple[AnyStr, ...]
    before_related: tuple[AnyStr, ...]


TEXT: Marks[str] = Marks(
    root=re.compile(_ROOT.format(S.CLASSIC_ROOT_ID)),
    root_any_case=re.compile(_ROOT.format(S.CLASSIC_ROOT_ID), re.IGNORECASE),
    root_needles=(S.CLASSIC_ROOT_ID,),
    footer=re.compile(_ROOT.format(S.CLASSIC_FOOTER_ID)),
    footer_needles=(S.CLASSIC_FOOTER_ID,),
    related=re.compile(_RELATED),
    related_needles=S.CLASSIC_RELATED_CLASSES,
    before_related=S.CLASSIC_BEFORE_RELATED,
)
BYTES: Marks[bytes] = Marks(
    root=re.compile(_ROOT.format(S.CLASSIC_ROOT_ID).encode()),
    root_any_case=re.compile(_ROOT.format(S.CLASSIC_ROOT_ID).encode(), re.IGNORECASE),
    root_needles=(S.CLASSIC_ROOT_ID.encode(),),
    footer=re.compile(_ROOT.format(S.CLASSIC_FOOTER_ID).encode()),
    footer_needles=(S.CLASSIC_FOOTER_ID.encode(),),
    related=re.compile(_RELATED.encode()),
    related_needles=tuple(name.encode() for name in S.CLASSIC_RELATED_CLASSES),
    before_related=tuple(marker.encode() for marker in S.CLASSIC_BEFORE_RELATED),
)


def content_root(source: AnyStr, marks: Marks[AnyStr]) -> re.Match[AnyStr] | None:
    """Return the content column's start tag: as DW writes it, else in any case; or None."""
    found = first_tag(source, marks.root, marks.root_needles)
    return found if found is not None else marks.root_any_case.search(source)


def column_bounds(source: AnyStr, marks: Marks[AnyStr]) -> tuple[int, int, int]:
    """Return where the content column starts, the article's column ends, the footer starts.

    Without a content column the page is read from its start; without a footer, to its end.
    """
    root = content_root(source, marks)
    begin = root.start() if root is not None else 0
    footer = first_tag(source, marks.footer, marks.footer_needles, begin)
    end = footer.start() if footer is not None else len(source)
    related = first_tag(source, marks.related, marks.related_needles, begin, end)
    if related is None:
        return begin, end, end
    cut = related.start()
    if any(source.find(marker, begin, cut) < 0 for marker in marks.before_related):
        return begin, end, end  # not laid out as classic pages are: parse it all
    return begin, cut, end
