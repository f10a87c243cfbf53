"""Photo credits: normalise a credit string and split it into agencies and photographers.

DW credits name agencies and photographers joined by "/", in either order:
"Reuters/E. Ngendakumana", "Mikhail Sinitsyn/TASS/dpa/picture alliance". A "//" marks a
montage of several photos: "picture-alliance/AP Photo//D. Lovetsky/E. Vucci" credits two
photographers of a composite image. Splitting is a heuristic over DW's conventions; the full
normalised text is always kept, so nothing is lost when a part is misread. A name that is
neither a known agency nor shaped like a person next to an agency counts as a source
(agency): "Ikulu Tanzania", "Privat".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from dwcrawler.cleaning.captions import MARKER_WORDS

# Lower-cased spelling → the one name the archive uses, so `--agency ap` finds "AP Photo".
AGENCY_ALIASES: dict[str, str] = {
    "picture-alliance": "picture alliance",
    "picture alliance": "picture alliance",
    "dpa": "dpa",
    "ap": "AP",
    "ap photo": "AP",
    "ap images": "AP",
    "associated press": "AP",
    "reuters": "Reuters",
    "rtr": "Reuters",  # DW's code for Reuters in agency sign-offs ("ao/gm (afp, rtr)")
    "afp": "AFP",
    "agence france-presse": "AFP",
    "getty": "Getty Images",
    "getty images": "Getty Images",
    "imago": "IMAGO",
    "imago images": "IMAGO",
    "epa": "EPA",
    "epa-efe": "EPA-EFE",
    "efe": "EFE",
    "dw": "DW",
    "deutsche welle": "DW",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "sputnik": "Sputnik",
    "anadolu": "Anadolu",
    "anadolu agency": "Anadolu",
    "zuma": "ZUMA Press",
    "zuma wire": "ZUMA Press",
    "zuma press": "ZUMA Press",
    "zumapress.com": "ZUMA Press",
    "nurphoto": "NurPhoto",
    "abaca": "abaca",
    "photoshot": "Photoshot",
    "sopa images": "SOPA Images",
    "upi": "UPI",
    "kna": "KNA",
    "photothek": "photothek",
    "colourbox": "Colourbox",
    "privat": "Privat",
}
# Notes on how a photo was taken or filed; kept in the text, not a part.
QUALIFIERS = frozenset({"file", "files", "file photo", "archiv", "archive", "symbolbild", "pool"})

_PREFIX = re.compile(rf"^\s*(?:(?:{'|'.join(MARKER_WORDS)})\s*:|©|\(c\))\s*", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_SLASH = re.compile(r"\s*/\s*")
_VIA = re.compile(r"\s+via\s+", re.IGNORECASE)
_WORD_SPLIT = re.compile(r"[\s-]+")
# "E. Ngendakumana", "A.-M. Schmidt", "J.P. Mussa"
_INITIALS_NAME = re.compile(
    r"^(?:[A-Z]\.[\s-]?)+\s?[^\W\d_][\w'\u2019-]+(?: [^\W\d_][\w'\u2019-]+)?$"
)
# "Mikhail Sinitsyn", "Mohammed Khelef", "Lisi Niesner": 2-4 capitalised words.
_FULL_NAME = re.compile(r"^[A-ZÀ-Ý][\w'\u2019-]+(?: (?:[a-z]{1,3} )?[A-ZÀ-Ý][\w'\u2019-]+){1,3}$")
_AGENCY_SHAPE = re.compile(
    r"(?:\.com$|\bimages?$|\bpress$|\bagency$|\bnews$|\bwire$|^[A-Z]{2,6}$)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class CreditParts:
    """A credit split into its parts; `text` is the normalised credit string itself."""

    text: str
    agencies: tuple[str, ...]
    photographers: tuple[str, ...]
    composite: bool = False  # "//": the credit of a montage of several photos


def normalise_credit(text: str) -> str:
    """Return the credit in one canonical spelling: no "Picha:" prefix, tidy slashes and spaces."""
    value = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    value = _SPACE.sub(" ", value).strip()
    value = _PREFIX.sub("", value)
    if value.startswith("(") and value.endswith(")") and value.count("(") == 1:
        value = value[1:-1]
    value = _SLASH.sub("/", value)
    return value.strip(" ,;/")


def canonical_agency(name: str) -> str:
    """Return the archive's spelling of an agency name (unknown names come back tidied)."""
    tidy = _SPACE.sub(" ", name).strip()
    return AGENCY_ALIASES.get(tidy.casefold(), tidy)


def _segments(credit: str) -> list[str]:
    pieces: list[str] = []
    for part in credit.replace("//", "/").split("/"):
        pieces.extend(p.strip() for p in _VIA.split(part))
    return [p for p in pieces if p]


def _is_known_agency(segment: str) -> bool:
    """Return True for a known agency or a name that says it is one.

    Known: "Reuters"; a service of one: "Reuters TV", "dpa-Zentralbild"; shaped like one:
    "ZUMAPRESS.com", "SOPA Images", "KNA".
    """
    folded = segment.casefold()
    if folded in AGENCY_ALIASES or _AGENCY_SHAPE.search(segment):
        return True
    return any(word in AGENCY_ALIASES for word in _WORD_SPLIT.split(folded))


def split_credit(text: str) -> CreditParts:
    """Split a credit into agencies and photographers, each list in credit order, no repeats."""
    credit = normalise_credit(text)
    segments = [s for s in _segments(credit) if s.casefold() not in QUALIFIERS]
    has_agency = any(_is_known_agency(s) for s in segments)
    agencies: list[str] = []
    photographers: list[str] = []
    for segment in segments:
        if _is_known_agency(segment):
            target, name = agencies, canonical_agency(segment)
        elif _INITIALS_NAME.match(segment) or (has_agency and _FULL_NAME.match(segment)):
            target, name = photographers, segment
        else:
            target, name = agencies, segment
        if name not in target:
            target.append(name)
    return CreditParts(
        text=credit,
        agencies=tuple(agencies),
        photographers=tuple(photographers),
        composite="//" in credit,
    )
