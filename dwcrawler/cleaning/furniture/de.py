"""German (/de/): the three fundus samples (both designs) and DW's German i18n labels."""

from __future__ import annotations

from typing import Any

LANGUAGE = "de"
TABLE: dict[str, Any] = {
    "skip_links": (
        "Zum Inhalt springen",
        "Zur Hauptnavigation springen",
        "Zu weiteren Angeboten der DW springen",
        "Zur Suche springen",
    ),
    "section_skips": ("Den nächsten Abschnitt ${sectionTitle} überspringen",),
    "section_titles": (
        "Top-Thema",
        "Weitere Themen",
        "Audio und Video zum Thema",
        "Die Redaktion empfiehlt",
    ),
    "ad_labels": ("Anzeige",),
    "share_labels": ("Teilen",),
    "permalink_labels": ("Permalink",),
    "feedback_lines": ("Schicken Sie uns Ihr Feedback!",),
    # "Preferred source on Google" box (seen in public DW scrapers).
    "promos": (r".{0,80}\bbevorzugte quelle (?:bei|auf) google\b.{0,80}",),
    "read_more_labels": ("Mehr zum Thema", "Lesen Sie auch"),
    "credit_labels": ("Bild", "Foto"),
    "author_labels": ("Autorin/Autor", "Autorin", "Autor"),
    "editor_labels": ("Redaktion",),
    "name_joiners": ("und",),
    "months": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "photo_notes": ("Symbolbild", "Archivbild", "Archiv", "links", "rechts", "Foto"),
}
