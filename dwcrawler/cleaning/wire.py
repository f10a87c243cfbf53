"""Agency sign-offs: "nob/uh (dpa, afp)" ends a DW text that rests on agency copy.

The line names the editors (initials joined by "/") and the agencies (in parentheses). It is
no article text, but it says which agencies' copy the story rests on, so it is kept as the
item's `wire`: agencies in their archive spelling ("rtr" → "Reuters", as photo credits),
initials as printed.
"""

from __future__ import annotations

import re

from dwcrawler.cleaning.credits import canonical_agency
from dwcrawler.cleaning.text import normalize_inline
from dwcrawler.items import WireItem

_INITIALS = r"[a-zäöü]{1,5}(?:/[a-zäöü]{1,5})+/?|[a-zäöü]{2,5}/?"
_AGENCY = r"[A-Za-zÄÖÜäöü.\- ]{2,12}"
_SIGN_OFF = re.compile(
    rf"(?P<initials>{_INITIALS})\s*\((?P<agencies>{_AGENCY}(?:\s*[,/;]\s*{_AGENCY})*)\)"
)


def parse_sign_off(text: str) -> WireItem | None:
    """Return the wire facts if the whole block is an agency sign-off line, else None."""
    if len(text) > 80 or "(" not in text:
        return None
    match = _SIGN_OFF.fullmatch(normalize_inline(text))
    if match is None:
        return None
    initials = tuple(i for i in match["initials"].split("/") if i)
    agencies = tuple(
        dict.fromkeys(canonical_agency(a) for a in re.split(r"\s*[,/;]\s*", match["agencies"]))
    )
    return WireItem(agencies=agencies, initials=initials)


def merge_wire(first: WireItem | None, second: WireItem | None) -> WireItem | None:
    """Combine two sign-offs of one article (agencies and initials, no repeats)."""
    if first is None or second is None:
        return first or second
    return WireItem(
        agencies=tuple(dict.fromkeys((*first.agencies, *second.agencies))),
        initials=tuple(dict.fromkeys((*first.initials, *second.initials))),
    )
