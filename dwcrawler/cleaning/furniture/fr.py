"""French (/fr/): the trafilatura classic sample and DW's French labels."""

from __future__ import annotations

from typing import Any

LANGUAGE = "fr"
TABLE: dict[str, Any] = {
    "skip_links": ("Aller au contenu", "Aller au menu principal"),
    "section_titles": ("Audios et vidéos sur le sujet",),
    "ad_labels": ("Publicité",),
    "permalink_labels": ("Permalien",),
    "read_more_labels": ("Lire aussi",),
    "credit_labels": ("Image", "Photo"),
    "author_labels": ("Auteurs", "Auteur"),
    "editor_labels": ("Édition", "Edition"),
    "name_joiners": ("et",),
    "months": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
}
