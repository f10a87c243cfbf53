"""Credit normalisation and splitting: table-driven over DW's credit conventions."""

import pytest

from dwcrawler.cleaning.credits import canonical_agency, normalise_credit, split_credit


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("Picha: Reuters/E. Ngendakumana", "Reuters/E. Ngendakumana"),
        ("Bild:  DW", "DW"),
        ("picture alliance / ZUMAPRESS.com", "picture alliance/ZUMAPRESS.com"),
        (
            "Mikhail Sinitsyn/TASS/dpa/picture alliance ",
            "Mikhail Sinitsyn/TASS/dpa/picture alliance",
        ),
        ("\u00a9 Reuters", "Reuters"),
        ("(AFP)", "AFP"),
        (
            "picture-alliance/AP Photo // D. Lovetsky/E. Vucci",
            "picture-alliance/AP Photo//D. Lovetsky/E. Vucci",
        ),
        ("DW/S.\u00a0Khamis", "DW/S. Khamis"),
        ("", ""),
    ],
)
def test_normalise_credit(raw, normalised):
    assert normalise_credit(raw) == normalised
    assert normalise_credit(normalised) == normalised  # idempotent


@pytest.mark.parametrize(
    ("credit", "agencies", "photographers", "composite"),
    [
        ("Reuters/E. Ngendakumana", ["Reuters"], ["E. Ngendakumana"], False),
        (
            "picture-alliance/AP Photo//D. Lovetsky/E. Vucci",
            ["picture alliance", "AP"],
            ["D. Lovetsky", "E. Vucci"],
            True,
        ),
        (
            "Mikhail Sinitsyn/TASS/dpa/picture alliance",
            ["TASS", "dpa", "picture alliance"],
            ["Mikhail Sinitsyn"],
            False,
        ),
        ("DW", ["DW"], [], False),
        ("DW/S. Khamis", ["DW"], ["S. Khamis"], False),
        ("Tony Karumba/AFP/Getty Images", ["AFP", "Getty Images"], ["Tony Karumba"], False),
        (
            "Sergei Supinsky/AFP via Getty Images",
            ["AFP", "Getty Images"],
            ["Sergei Supinsky"],
            False,
        ),
        ("imago images/Xinhua", ["IMAGO", "Xinhua"], [], False),
        ("Lisi Niesner/REUTERS", ["Reuters"], ["Lisi Niesner"], False),
        ("Reuters/Pool/K. Lamarque", ["Reuters"], ["K. Lamarque"], False),  # "Pool" is a note
        ("picture alliance/ZUMAPRESS.com", ["picture alliance", "ZUMA Press"], [], False),
        ("Jean-Pierre Mussa/dpa", ["dpa"], ["Jean-Pierre Mussa"], False),
        ("J.P. Kaba/DW", ["DW"], ["J.P. Kaba"], False),
        ("AP Photo/picture alliance", ["AP", "picture alliance"], [], False),
        ("Reuters/Reuters TV", ["Reuters", "Reuters TV"], [], False),
        # No agency beside it: a bare name is a source, not assumed to be a person.
        ("Ikulu Tanzania", ["Ikulu Tanzania"], [], False),
        ("Privat", ["Privat"], [], False),
        ("", [], [], False),
    ],
)
def test_split_credit(credit, agencies, photographers, composite):
    parts = split_credit(credit)
    assert list(parts.agencies) == agencies
    assert list(parts.photographers) == photographers
    assert parts.composite is composite
    assert parts.text == normalise_credit(credit)


def test_split_keeps_the_text_and_never_repeats_a_part():
    parts = split_credit("Picha: dpa/picture-alliance/dpa")
    assert parts.text == "dpa/picture-alliance/dpa"
    assert parts.agencies == ("dpa", "picture alliance")


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("picture-alliance", "picture alliance"),
        ("ap photo", "AP"),
        ("REUTERS", "Reuters"),
        ("Ikulu", "Ikulu"),
    ],
)
def test_canonical_agency(name, canonical):
    assert canonical_agency(name) == canonical
