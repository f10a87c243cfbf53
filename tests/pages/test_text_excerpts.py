"""Real text renderings of DW Kiswahili pages read right: head, photos, furniture counted.

The excerpts (tests/fixtures/samples/sw_page-text-excerpts.md) are the start of real /sw/ pages
as a text renderer showed them; "..." marks where the excerpt cut the text. Every excerpt that
is a whole page start is read here; the one that starts at the permalink has no headline and is
refused. The issue's own example (issue 15) is read line by line.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from dwcrawler.extraction import extract_text
from dwcrawler.pages import PageError
from dwcrawler.pages.text import find_url, read_text
from tests.sitegen.goldens import SAMPLES

EXCERPTS = (SAMPLES / "sw_page-text-excerpts.md").read_text(encoding="utf-8")


def excerpt(url: str) -> str:
    """The code block under the excerpt heading that names `url`."""
    match = re.search(
        rf"^### {re.escape(url)}[^\n]*\n```\n(.*?)```", EXCERPTS, re.DOTALL | re.MULTILINE
    )
    assert match is not None, url
    return match.group(1)


def dw(url: str) -> str:
    """The page's URL on www.dw.com (the excerpts were seen on amp/m hosts and a mirror)."""
    return re.sub(r"^https?://[^/]+/(?:dw/)?", "https://www.dw.com/", url)


PAGE_STARTS = {
    "http://www.dw.com/sw/dw-yavuma-kila-mahali/a-16528827": {
        "title": "DW yavuma kila mahali",
        "kicker": None,
        "day": date(2013, 1, 17),
        "teaser": "Idhaa ya Kiswahili, imezidi kuangaza Kwa watu wa kila hali, bila hata "
        "kunyamaza Huvuma kila mahali, hivyo ndo ilivyoanza.",
        "permalink": "https://p.dw.com/p/17Ltz",
        "photos": [
            (
                (
                    "Sekretärin der Redaktion, Samia Othman mit dem Kollegen Bruce Amani. "
                    "Januar, 2013, Bonn"
                ),
                "50 Jahre Kisuaheli Redaktion",
                "DW",
            )
        ],
        "authors": (),
        "editors": ("Mohammed Khelef",),
        "cleaning": {"byline": 1, "skip_link": 3},
    },
    "http://www.dw.com/sw/wasikilizaji-na-miaka-50-ya-dw/a-16525130": {
        "title": "Wasikilizaji na miaka 50 ya DW",
        "kicker": "Vyombo vya habari",
        "day": date(2013, 1, 16),
        "teaser": '"Tangu ianzishwe, DW imetoa mchango mkubwa sana ..." - Amos Msanga, '
        "Ludewa - Tanzania.",
        "permalink": "https://p.dw.com/p/17KwM",
        "photos": [
            (
                (
                    "Wettbewerb zum 50-jährigem Jubiläum. Shaaban Manyanga c/o Day P.O. Box 79505 "
                    "Dar es Salam, Tanzania"
                ),
                "50 Jahre Kisuaheli Redaktion Wettbewerb",
                "DW",
            )
        ],
        "authors": (),
        "editors": (),
        "cleaning": {"skip_link": 3},
    },
    "http://www.dw.com/sw/afrika-katika-magazeti-ya-ujerumani/a-18680190": {
        "title": "Afrika katika magazeti ya Ujerumani",
        "kicker": None,
        "day": date(2015, 8, 28),
        "teaser": "Magazeti ya Ujerumani wiki hii yameandika juu ya wakimbizi kutoka Eritrea, ...",
        "permalink": "https://p.dw.com/p/1GNZO",
        "photos": [("Burundi Vereidigung Präsident Nkurunziza", None, "Reuters/E. Ngendakumana")],
        "authors": (),
        "editors": (),
        "cleaning": {},
    },
    "https://dw.com/sw/janjaweed-wavamia-washambulia-wananchi/audio-18757491": {
        "title": "Vijana wa Zanzibar wakabiliana na 'Janjaweed'",
        "kicker": None,
        "day": date(2015, 10, 2),
        "teaser": "Zikiwa zimesalia wiki tatu tu kabla ya uchaguzi mkuu ...",
        "permalink": "https://p.dw.com/p/1GhgB",
        "photos": [],
        "authors": ("Caro Robi",),  # glued to the date: "Caro Robi2 Oktoba 2015"
        "editors": (),
        "cleaning": {"skip_link": 3},
    },
    "https://amp.dw.com/sw/zuma-apandishwa-kizimbani-kwa-ufisadi/video-43287296": {
        "title": "Zuma apandishwa kizimbani kwa ufisadi",
        "kicker": None,
        "day": date(2018, 4, 6),
        "teaser": "Rais wa zamani wa Afrika Kusini, Jacob Zuma, ... Papo kwa Papo 6 Aprili 2018.",
        "permalink": None,
        "photos": [],
        "authors": (),
        "editors": (),
        "cleaning": {"player": 1, "section_skip": 2, "section_title": 1, "skip_link": 3},
    },
    "https://odvt.org/dw/sw/baadhi-ya-wamasai-tanzania-waandamana-kupinga-kuondoshwa-eneo-la-hifadhi/video-61465797": {
        "title": "Baadhi ya wamasai Tanzania waandamana kupinga kuondoshwa eneo la hifadhi",
        "kicker": None,
        "day": date(2022, 4, 13),
        "teaser": "...",  # the excerpt cut the text here
        "permalink": "https://p.dw.com/p/49u3p",
        "photos": [],
        "authors": (),
        "editors": (),
        "cleaning": {"skip_link": 3},
    },
    "http://www.dw.com/sw/rais-gauck-ziarani-zanzibar/a-18233405": {
        "title": "Rais Gauck ziarani Zanzibar",
        "kicker": "Matukio ya Afrika",
        "day": date(2015, 2, 4),  # from the `<title>` line: a classic head shows no date
        "teaser": "Rais wa Ujerumani Joachim Gauck amewasili Zanzibar ...",
        "permalink": None,
        "photos": [],
        "authors": ("Elizabeth Shoo",),
        "editors": ("Josephat Charo",),
        "cleaning": {"byline": 2, "page_title": 1, "section_title": 1, "skip_link": 6},
    },
}


@pytest.mark.parametrize("url", sorted(PAGE_STARTS))
def test_a_real_page_start_reads_right(url):
    want = PAGE_STARTS[url]
    item = extract_text(excerpt(url), dw(url))
    got = {
        "title": item.title,
        "kicker": item.kicker,
        "day": item.published_at.date() if item.published_at else None,
        "teaser": item.teaser,
        "permalink": item.permalink,
        "photos": [(p.alt, p.caption, p.credit) for p in item.photos],
        "authors": item.authors,
        "editors": item.editors,
        "cleaning": item.cleaning,
    }
    assert got == want
    assert item.capture == "text"
    assert item.date_precision == "day"
    assert item.published_at is not None
    assert item.published_at.tzinfo is not None
    assert item.design == ("classic" if "rais-gauck" in url else "current")
    for line in ("Nenda kwenye maudhui", "Inhalt", "Ruka sehemu inayofuata", "Picha:"):
        assert all(line not in block.text for block in item.body)


def test_the_amp_video_page_keeps_its_clock_as_its_length():
    url = "https://amp.dw.com/sw/zuma-apandishwa-kizimbani-kwa-ufisadi/video-43287296"
    item = extract_text(excerpt(url), dw(url))
    assert (item.kind, item.duration_seconds) == ("video", 65)


def test_an_excerpt_that_starts_at_the_permalink_has_no_headline():
    url = "https://m.dw.com/sw/elimu-kwa-jumla/a-3287234"
    with pytest.raises(PageError, match="no title found"):
        extract_text(excerpt(url), dw(url))


ISSUE_EXAMPLE = """\
1. Nenda kwenye maudhui
  2. Nenda kwenye orodha kuu
  3. Nenda tovuti zaidi za DW
Siasa
Kim Jong Un kukutana na Putin
24 Aprili 2019
Kiongozi wa Korea Kaskazini Kim Jong Un amewasili Urusi kwa mazungumzo na Rais Vladimir Putin.
https://p.dw.com/p/17Ltz
Kombibild - Vladimir Putin und Kim Jong Un
Picha: picture-alliance/AP Photo/B. Curtis
Mkutano huo ni wa kwanza kati ya viongozi hao wawili.
Historia ya mzozo
Korea Kaskazini imekuwa chini ya vikwazo kwa miaka mingi.
Kim Jong Un Wladiwostok Ankunft
Rais Vladimir Putin akimkaribisha Kim Jong Un baada ya kuwasili UrusiPicha: Reuters/S. Zhumatov
Mazungumzo yataendelea kesho.
Ruka sehemu inayofuata Taarifa kuu ya DW
Taarifa kuu ya DW
Hakuna Mafuta, hakuna chakula
"""
ISSUE_URL = "https://www.dw.com/sw/kim-jong-un-kukutana-na-putin/a-48456789"


def test_the_issue_example_reads_line_by_line():
    item = extract_text(ISSUE_EXAMPLE, ISSUE_URL)
    assert (item.kicker, item.title) == ("Siasa", "Kim Jong Un kukutana na Putin")
    assert item.published_at is not None
    assert item.published_at.isoformat() == "2019-04-24T00:00:00+00:00"
    assert item.teaser is not None
    assert item.teaser.startswith("Kiongozi wa Korea Kaskazini")
    assert item.permalink == "https://p.dw.com/p/17Ltz"
    assert [(p.role, p.alt, p.caption, p.credit) for p in item.photos] == [
        (
            "hero",
            "Kombibild - Vladimir Putin und Kim Jong Un",  # German alt: kept as alt
            None,
            "picture-alliance/AP Photo/B. Curtis",
        ),
        (
            "inline",
            "Kim Jong Un Wladiwostok Ankunft",
            "Rais Vladimir Putin akimkaribisha Kim Jong Un baada ya kuwasili Urusi",
            "Reuters/S. Zhumatov",
        ),
    ]
    assert [(b.type, b.text) for b in item.body] == [
        ("paragraph", "Mkutano huo ni wa kwanza kati ya viongozi hao wawili."),
        ("subheading", "Historia ya mzozo"),
        ("paragraph", "Korea Kaskazini imekuwa chini ya vikwazo kwa miaka mingi."),
        ("paragraph", "Mazungumzo yataendelea kesho."),
    ]
    assert all("Kombibild" not in b.text and "Picha" not in b.text for b in item.body)
    assert item.cleaning == {
        "section_end": 1,  # the top story's teaser after the section's title
        "section_skip": 1,
        "section_title": 1,
        "skip_link": 3,
    }
    assert (item.kind, item.design, item.dw_id, item.url) == (
        "article",
        "current",
        48456789,
        ISSUE_URL,
    )


def test_the_reader_gives_the_raw_item_and_cleaning_adds_its_own_counts():
    text = ISSUE_EXAMPLE.replace(
        "Mazungumzo yataendelea kesho.\n",
        "Mazungumzo yataendelea kesho.\nMatangazo\nMwandishi: Caro Robi\n",
    )
    raw = read_text(text, ISSUE_URL)
    assert raw.body[-2].text == "Matangazo"  # left for cleaning to count
    assert raw.extractor_version == ""
    item = extract_text(text, ISSUE_URL)
    assert item.authors == ("Caro Robi",)
    assert item.cleaning == {**raw.cleaning, "ad_label": 1, "byline": 1}  # once each


def test_a_line_that_fits_nowhere_stays_in_the_body():
    odd = "@@ 42 ## kitu kisichojulikana ##"
    text = ISSUE_EXAMPLE.replace("Historia ya mzozo\n", f"Historia ya mzozo\n{odd}\n")
    item = extract_text(text, ISSUE_URL)
    assert odd in [b.text for b in item.body]
    early = ISSUE_EXAMPLE.replace("Siasa\n", f"{odd}\nSiasa\n")
    item = extract_text(early, ISSUE_URL)
    assert item.body[0].text == odd  # before the kicker: unplaced, kept first in the body
    assert item.photos[0].role == "hero"  # the unplaced line is not text before the hero
    assert any(w.startswith("text-unplaced:") for w in item.warnings)


@pytest.mark.parametrize(
    ("text", "url", "why"),
    [
        (ISSUE_EXAMPLE, "https://example.com/sw/x/a-1", "not a DW content URL"),
        (ISSUE_EXAMPLE, "https://www.dw.com/sw/idhaa-ya-kiswahili/s-11588", "not a DW content"),
        ("Soup\nHot water and salt.\n", ISSUE_URL, "shows nothing of a DW page"),
        ("\x00\x01PK\x03\x04binary", ISSUE_URL, "binary"),
        ("\ufffd\ufffd\x7f" * 50, ISSUE_URL, "binary or undecodable"),
        ("1. Nenda kwenye maudhui\n\n", ISSUE_URL, "no title found"),
        ("", ISSUE_URL, "shows nothing of a DW page"),
    ],
)
def test_a_text_that_is_no_dw_page_is_refused_in_one_line(text, url, why):
    with pytest.raises(PageError, match=why) as raised:
        extract_text(text, url)
    assert "\n" not in str(raised.value)


def test_a_text_names_its_url_only_on_a_line_of_its_own():
    assert find_url(f"Kichwa\n  {ISSUE_URL}?maca=sw-rss  \nmaandishi") == ISSUE_URL
    assert find_url(f"Soma zaidi kwenye {ISSUE_URL}\n") is None
    assert find_url("https://p.dw.com/p/17Ltz\nhttps://www.dw.com/sw/idhaa/s-11588\n") is None
