"""Whole-block furniture rules, compiled from the tables that apply to one language.

`rules_for(language).furniture(text)` names the rule a whole block falls under ("skip_link",
"ad_label", "promo", …) or returns None for text. Strings and templates must fill the block:
nothing here can remove a phrase from inside a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from dwcrawler.cleaning.furniture import COMMON, TABLES, tables_for
from dwcrawler.cleaning.text import normalize_inline

if TYPE_CHECKING:
    from dwcrawler.cleaning.furniture import Furniture

LONGEST = 320  # the longest furniture block (a "Soma pia: <title>" line); prose is longer
_CLOCK = r"(?: \d{1,2}:\d{2}(?::\d{2})?)?"  # "Sikiliza sauti 42:35"
_PLATFORMS = r"(?: (?:facebook|x|twitter|whatsapp|e-?mail|telegram))*"  # share buttons
_PERMALINK = r"https?://p\.dw\.com/p/\w+"
SECTION_TITLE = "${sectionTitle}"


_EDGES = " .:;,|-\u2013\u00b7"  # punctuation a damaged page leaves at a block's edges


def key(text: str) -> str:
    """Return the comparison key of a block: one line, casefolded, no punctuation at its edges."""
    return normalize_inline(text).casefold().strip(_EDGES)


def _alternation(strings: tuple[str, ...]) -> str:
    return "|".join(re.escape(s.casefold()) for s in sorted(strings, key=len, reverse=True))


def _joined(tables: tuple[Furniture, ...], field: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for table in tables for s in getattr(table, field)))


def _section_skip(template: str) -> str:
    """Turn "Ruka sehemu inayofuata ${sectionTitle}" into a whole-block pattern."""
    before, _, after = template.casefold().partition(SECTION_TITLE.casefold())
    return f"{re.escape(before)}.{{1,80}}?{re.escape(after)}"


@dataclass(frozen=True, slots=True)
class Rules:
    """The compiled furniture rules of one language (with the common table's)."""

    exact: dict[str, str]  # block key → rule name
    # Every template in one alternation, each a group named after its rule (`rule__n`): one
    # match per block, not one per template.
    patterns: re.Pattern[str]

    def furniture(self, text: str) -> str | None:
        """Return the rule name if the whole block is furniture, else None.

        "section_skip" names a section-skip line ("Ruka sehemu inayofuata …"), which also
        ends a body: what follows it is the section it skips.
        """
        if len(text) > LONGEST:
            return None  # furniture is short; prose is never matched against the patterns
        flat = normalize_inline(text)
        found = self.exact.get(flat.casefold().strip(_EDGES))
        if found is not None:
            return found
        match = self.patterns.fullmatch(flat)
        return match.lastgroup.partition("__")[0] if match and match.lastgroup else None

    def is_section_skip(self, text: str) -> bool:
        """Return True for a whole "Ruka sehemu inayofuata <section title>" block."""
        return self.furniture(text) == "section_skip"


def compile_rules(tables: tuple[Furniture, ...]) -> Rules:
    """Compile the rules of the given tables."""
    exact: dict[str, str] = {}
    for name, field in (
        ("skip_link", "skip_links"),
        ("section_title", "section_titles"),
        ("ad_label", "ad_labels"),
        ("player", "player_lines"),
        ("feedback", "feedback_lines"),
    ):
        exact.update((key(s), name) for s in _joined(tables, field))
    patterns = [("section_skip", _section_skip(t)) for t in _joined(tables, "section_skips")]
    labels = _joined(tables, "audio_labels") + _joined(tables, "video_labels")
    if labels:
        patterns.append(("player", f"(?:{_alternation(labels)}){_CLOCK}"))
    patterns += [("player", p) for p in _joined(tables, "player_patterns")]
    if share := _joined(tables, "share_labels"):
        patterns.append(("share", f"(?:{_alternation(share)}){_PLATFORMS}"))
    permalink = _joined(tables, "permalink_labels")
    label = f"(?:(?:{_alternation(permalink)})\\s*:?\\s*)?" if permalink else ""
    patterns.append(("permalink", f"{label}{_PERMALINK}"))
    patterns += [("promo", p) for p in _joined(tables, "promos")]
    if read_more := _joined(tables, "read_more_labels"):
        patterns.append(("read_more", f"(?:{_alternation(read_more)})\\s*:.{{0,200}}"))
    groups = "|".join(f"(?P<{name}__{i}>{p})" for i, (name, p) in enumerate(patterns))
    compiled = re.compile(groups, re.IGNORECASE | re.DOTALL)
    return Rules(exact, compiled)


@lru_cache(maxsize=64)
def rules_for(language: str | None) -> Rules:
    """Return the compiled rules for a page language (the common table's alone if unknown)."""
    return compile_rules(tables_for(language))


@lru_cache(maxsize=1)
def every_rules() -> Rules:
    """Return the rules of every table: for a check that knows no language."""
    return compile_rules((COMMON, *TABLES.values()))
