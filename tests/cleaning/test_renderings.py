"""The one text rule, for text renderings only: a credit glued to its caption by its label."""

from __future__ import annotations

import pytest

from dwcrawler.cleaning.renderings import split_glued_credit
from tests.sitegen.goldens import SAMPLES

EXCERPTS = (SAMPLES / "sw_page-text-excerpts.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Rais Vladimir Putin akimkaribisha Kim Jong Un baada ya kuwasili UrusiPicha: Reuters/S. Zhumatov",
            (
                "Rais Vladimir Putin akimkaribisha Kim Jong Un baada ya kuwasili Urusi",
                "Reuters/S. Zhumatov",
            ),
        ),
        ("50 Jahre Kisuaheli RedaktionPicha: DW", ("50 Jahre Kisuaheli Redaktion", "DW")),
        ("Picha: Reuters/E. Ngendakumana", (None, "Reuters/E. Ngendakumana")),
        ("Picha: gettyimages", (None, "gettyimages")),
        ("Das Vorbild: Nelson Mandela", ("Das Vorbild: Nelson Mandela", None)),
        ("Ein Schild, darauf: Bild: privat", ("Ein Schild, darauf:", "privat")),
    ],
)
def test_a_rendered_caption_line_is_split_at_its_credit_label(line, expected):
    assert split_glued_credit(line) == expected


def test_the_lines_of_the_swahili_text_renderings_split():
    lines = [line for line in EXCERPTS.splitlines() if "Picha:" in line and "`" not in line]
    assert lines
    for line in lines:
        caption, credit = split_glued_credit(line, "sw")
        assert credit
        assert "Picha" not in credit
        assert (caption or "") + "Picha: " + credit == line.strip() or caption is None


def test_prose_is_never_cut():
    prose = "Picha: " + "neno " * 40  # more than a credit's length after the label
    assert split_glued_credit(prose) == (prose.strip(), None)


def test_a_language_label_only_for_its_language():
    assert split_glued_credit("Maelezo Bild: DW", "sw") == ("Maelezo Bild: DW", None)
    assert split_glued_credit("Beschreibung Bild: DW", "de") == ("Beschreibung", "DW")
