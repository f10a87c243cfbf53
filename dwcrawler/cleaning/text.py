"""Pure str → str normalisers and the Swahili (and other) boilerplate phrases DW pages carry.

Every phrase here was seen on a DW page (docs/dw-site.md §11) unless its comment says otherwise.
Matching is on whole blocks of text, never on substrings of prose, so a sentence that happens to
mention "Matangazo" stays.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

# Zero-width characters DW's editor leaves; str.split() already treats no-break and other
# Unicode spaces as white space, but not these.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def _visible(text: str) -> str:
    if text.isascii():
        return text
    return _ZERO_WIDTH.sub("", text) if _ZERO_WIDTH.search(text) else text


def _nfc(text: str) -> str:
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


# Cached: one block's text is normalised again by each step that reads it, so most calls repeat
# an earlier one; a few thousand entries of at most a paragraph each.
@lru_cache(maxsize=4096)
def normalize_inline(text: str) -> str:
    """Return `text` in NFC on one line, every white-space run (nbsp included) one space."""
    return _nfc(" ".join(_visible(text).split()))


def normalize_text(text: str) -> str:
    """Return `text` in NFC with white-space runs as one space and line breaks kept single."""
    if "\n" not in text:
        return normalize_inline(text)
    lines = (" ".join(line.split()) for line in _visible(text).split("\n"))
    return _nfc("\n".join(line for line in lines if line))


def optional(text: str | None) -> str | None:
    """Normalise an optional one-line field; empty becomes None."""
    if text is None:
        return None
    cleaned = normalize_inline(text)
    return cleaned or None


# --- boilerplate -------------------------------------------------------------------------------
# Skip links of the current design ("Zum Inhalt springen" …) in Swahili, plus German, English and
# French for the samples; the classic quick-jump list is German on every language's pages.
SKIP_LINKS = frozenset(
    {
        "nenda kwenye maudhui",
        "nenda kwenye orodha kuu",
        "nenda tovuti zaidi za dw",
        "zum inhalt springen",
        "zur hauptnavigation springen",
        "zu weiteren angeboten der dw springen",
        "zur suche springen",
        "skip to content",
        "skip to main menu",
        "skip to more dw sites",
        "aller au contenu",
        "aller au menu principal",
    }
)
# "Ruka sehemu inayofuata ${sectionTitle}" and its German model: the section behind it (top
# story, more stories, related) is page furniture, so a body meeting it ends there.
SECTION_SKIP = re.compile(
    r"^(?:ruka sehemu inayofuata|den nächsten abschnitt|skip next section)\b", re.IGNORECASE
)
# Headings of the furniture sections themselves (top story, more stories, classic A/V list).
SECTION_TITLES = frozenset(
    {
        "taarifa kuu ya dw",
        "taarifa zaidi kutoka dw",
        "sauti na vidio kuhusu mada",
        "top-thema",
        "weitere themen",
        "audio und video zum thema",
        "audios and videos on the topic",
        "die redaktion empfiehlt",
        "dw recommends",
    }
)
# Ad labels: "Matangazo" (classic /sw/), "Anzeige" (de), "Advertisement" (en).
AD_LABELS = frozenset({"matangazo", "anzeige", "advertisement", "publicité"})
# Share and player furniture; "Sikiliza sauti mm:ss" is the classic audio link label. The
# Swahili share and permalink words and "Tazama vidio" are unverified (docs/dw-site.md §11).
_FURNITURE = re.compile(
    r"^(?:"
    r"sikiliza sauti(?: \d{1,2}:\d{2}(?::\d{2})?)?"
    r"|tazama vidio(?: \d{1,2}:\d{2}(?::\d{2})?)?"
    r"|sasa moja kwa moja|zaidi katika media center|tufuatilie"
    r"|this browser does not support the (?:video|audio) element\.?"
    r"|to view this video please enable javascript.*"
    r"|(?:shiriki|teilen|share)(?: (?:facebook|x|twitter|whatsapp|e-?mail|telegram))*"
    r"|(?:permalink|permalien|kiungo cha kudumu)?:? ?https?://p\.dw\.com/p/\w+"
    r"|schicken sie uns ihr feedback!?|send us your feedback\.?"
    r")$",
    re.IGNORECASE,
)
# Promo paragraphs asking readers to follow DW elsewhere. The English/German form is seen in
# public DW scrapers; the Swahili wording is unverified, so match its shape: an invitation to
# follow DW on a named platform.
_PROMO = re.compile(
    r"(?:preferred source on google|bevorzugte quelle (?:bei|auf) google"
    r"|^every day, dw's editors send out a selection"  # classic newsletter box (2020 sample)
    r"|^(?:tufuatilie|fuatilia|jiunge na)\b.{0,80}\b(?:whatsapp|google|facebook|instagram"
    r"|youtube|tiktok|telegram|x)\b)",
    re.IGNORECASE,
)
# Agency sign-off lines: editor initials joined by "/" and agencies in parentheses, e.g.
# "nob/uh (dpa, afp)" or "ap/ms (Reuters, AFP)"; fundus drops them too. They name sources, not
# text, and never hold a sentence.
_SIGN_OFF = re.compile(
    r"^(?:[a-zäöü]{1,5}(?:/[a-zäöü]{1,5})+|[a-zäöü]{2,5})"
    r"\s*(?:\((?:[A-Za-zÄÖÜäöü.\- ]{2,12})(?:,\s*[A-Za-zÄÖÜäöü.\- ]{2,12})*\))\s*$"
)


# In-text pointers to other articles: "Soma pia: …" / "Soma zaidi: …" (Swahili wording
# unverified), "Read more: …" (2020 sample), "Mehr zum Thema: …", "Lire aussi : …". They are
# links, kept in `links`, not article text.
_READ_MORE = re.compile(
    r"^(?:soma (?:pia|zaidi)|read more|mehr zum thema|lesen sie auch|lire aussi)\s*:.{0,200}$",
    re.IGNORECASE,
)


_LONGEST_FURNITURE = 320  # the longest furniture line: a "Soma pia: <title>" link


def _key(text: str) -> str:
    return normalize_inline(text).casefold().rstrip(" .:")


_SKIP_ANYWHERE = re.compile(
    "|".join(re.escape(phrase) for phrase in sorted(SKIP_LINKS, key=len, reverse=True)),
    re.IGNORECASE,
)
_SECTION_ANYWHERE = re.compile(SECTION_SKIP.pattern.lstrip("^"), re.IGNORECASE)


_SECTION_WORDS = ("ruka sehemu", "abschnitt", "skip next")  # cheap pre-check before the regex
_SKIP_WORDS = ("nenda ", "springen", "skip to", "aller au")


def section_cut(text: str) -> int | None:
    """Return where a section-skip phrase starts inside `text` (what follows is furniture)."""
    lowered = text.casefold()
    if not any(word in lowered for word in _SECTION_WORDS):
        return None
    match = _SECTION_ANYWHERE.search(text)
    return match.start() if match else None


def remove_phrases(text: str, phrases: Iterable[str] = ()) -> str:
    """Remove skip-link phrases (and the given phrases, e.g. alt texts) wherever they occur.

    Whole-block matching handles DW's markup; this catches them glued into other text (a text
    rendering, a damaged page). Repeated until nothing is left to remove, so it is idempotent.
    """
    extra = [p for p in phrases if len(p) >= 12 and p in text]  # short alts: ordinary words
    lowered = text.casefold()
    if not extra and not (any(w in lowered for w in _SKIP_WORDS) and _SKIP_ANYWHERE.search(text)):
        return text
    for _ in range(10):
        cleaned = _SKIP_ANYWHERE.sub(" ", text)
        for phrase in extra:
            cleaned = cleaned.replace(phrase, " ")
        cleaned = normalize_text(cleaned)
        if cleaned == text:
            break
        text = cleaned
    return text


def is_section_skip(text: str) -> bool:
    """Return True for a "Ruka sehemu inayofuata …" section-skip line."""
    return bool(SECTION_SKIP.match(normalize_inline(text)))


def is_boilerplate(text: str) -> bool:
    """Return True if a whole block of text is site furniture, never article text."""
    if len(text) > _LONGEST_FURNITURE:
        return False  # furniture is short; prose is not matched against the patterns at all
    flat = normalize_inline(text)  # once: the key and every pattern read the same text
    key = flat.casefold().rstrip(" .:")  # what `_key` gives
    if not key:
        return True
    if key in SKIP_LINKS or key in SECTION_TITLES or key in AD_LABELS:
        return True
    return bool(
        _FURNITURE.match(flat)
        or _PROMO.search(flat)
        or _READ_MORE.match(flat)
        or _SIGN_OFF.match(flat)
    )


def is_sign_off(text: str) -> bool:
    """Return True for an agency sign-off line such as "nob/uh (dpa, afp)"."""
    return bool(_SIGN_OFF.match(normalize_inline(text)))


_TITLE_SUFFIX_CURRENT = re.compile(r"\s+[\u2013-]\s+DW\s+[\u2013-]\s+\d{1,2}\.\d{1,2}\.\d{4}\s*$")
_TITLE_SUFFIX_CLASSIC = re.compile(r"\s+\|(?:[^|]*\|)*?\s*DW\s*\|\s*\d{1,2}\.\d{1,2}\.\d{4}\s*$")


def strip_title_suffix(title: str) -> str:
    """Remove DW's `<title>` suffix: " - DW - DD.MM.YYYY" or " | section | DW | DD.MM.YYYY"."""
    title = _TITLE_SUFFIX_CURRENT.sub("", title)
    return _TITLE_SUFFIX_CLASSIC.sub("", title).strip()
