"""Furniture tables: the strings DW prints around its articles, one table per language.

A table (`Furniture`) lists what a DW page in one language shows that is never article text:
skip links, section headings, ad labels, player and share labels, "read more" labels, promo
templates; and the labels cleaning reads rather than removes (credit labels, byline labels,
month names, the broadcaster's own names). `TABLES` holds one per language with real samples
(sw, de, en, fr) plus `COMMON` (what DW prints in English or German on every language's pages).

Cleaning matches these strings against whole blocks only: a string removes a block when it
fills the block, never a phrase inside a sentence. docs/adding-a-language.md says how to add a
language.
"""

from __future__ import annotations

from dataclasses import dataclass

from dwcrawler.cleaning.furniture import common, de, en, fr, sw


@dataclass(frozen=True, slots=True)
class Furniture:
    """The language-specific strings of DW's pages in one language (see the module docstring)."""

    language: str  # DW's URL language code: "sw", "de"…; "*" for the strings of every page
    skip_links: tuple[str, ...] = ()  # current design: "Nenda kwenye maudhui"
    # The i18n template of the link that skips a furniture section; `${sectionTitle}` stands
    # for the section's title: "Ruka sehemu inayofuata ${sectionTitle}".
    section_skips: tuple[str, ...] = ()
    section_titles: tuple[str, ...] = ()  # "Taarifa kuu ya DW"
    ad_labels: tuple[str, ...] = ()  # "Matangazo"
    audio_labels: tuple[str, ...] = ()  # classic media link, maybe with a clock: "Sikiliza sauti"
    video_labels: tuple[str, ...] = ()  # "Tazama vidio"
    player_lines: tuple[str, ...] = ()  # other player and media-centre lines, whole
    player_patterns: tuple[str, ...] = ()  # the same as regular expressions (whole block)
    share_labels: tuple[str, ...] = ()  # "Shiriki", maybe followed by platform names
    permalink_labels: tuple[str, ...] = ()  # "Kiungo cha kudumu", before a p.dw.com URL
    feedback_lines: tuple[str, ...] = ()
    # Promotions: regular expressions (case-insensitive) that must match a whole block.
    promos: tuple[str, ...] = ()
    read_more_labels: tuple[str, ...] = ()  # "Soma pia" before a linked title: "Soma pia: …"
    credit_labels: tuple[str, ...] = ()  # "Picha" in "Picha: Reuters/E. Ngendakumana"
    author_labels: tuple[str, ...] = ()  # "Mwandishi" in "Mwandishi: Caro Robi"
    editor_labels: tuple[str, ...] = ()  # "Mhariri"
    name_joiners: tuple[str, ...] = ()  # "na" in "Caro Robi na Josephat Charo"
    months: tuple[str, ...] = ()  # January to December as DW prints them in long dates
    broadcaster: tuple[str, ...] = ()  # DW's own names: never a person, never an author
    photo_notes: tuple[str, ...] = ()  # in a classic alt's parentheses: describes, not credits
    # The classic design's quick-jump list ("1. Inhalt"): read only at the top of a text
    # rendering, never compiled into the whole-block rules ("Suche" could be a sub-heading).
    quick_jump: tuple[str, ...] = ()


COMMON = Furniture(language="*", **common.TABLE)
TABLES: dict[str, Furniture] = {
    module.LANGUAGE: Furniture(language=module.LANGUAGE, **module.TABLE)
    for module in (sw, de, en, fr)
}


def tables_for(language: str | None) -> tuple[Furniture, ...]:
    """Return the tables that apply to a page: `COMMON` and its language's (if there is one)."""
    own = TABLES.get(language or "")
    return (COMMON, own) if own is not None else (COMMON,)


def every(field: str) -> tuple[str, ...]:
    """Return one field's strings from every table, in table order, without repeats."""
    values: dict[str, None] = {}
    for table in (COMMON, *TABLES.values()):
        values.update(dict.fromkeys(getattr(table, field)))
    return tuple(values)
