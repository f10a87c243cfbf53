"""The named specs behind the golden pages in tests/fixtures/pages/<design>/<kind>_<slug>_<date>.

Each varies what DW varies (docs/dw-site.md §13). Titles, dates and permalinks of the first ones
come from real /sw/ pages seen in the text excerpts; their text is written for these tests.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from tests.sitegen import words as W
from tests.sitegen.spec import (
    Embed,
    Extra,
    InlinePhoto,
    Link,
    MediaSpec,
    PageSpec,
    PhotoSpec,
    PostSpec,
    Teaser,
    Text,
    TopicSpec,
)

TANZANIA = TopicSpec("Tanzania", 17289520, "tanzania")
KENYA = TopicSpec("Kenya", 17298765, "kenya")
ELECTIONS = TopicSpec("Uchaguzi", 18051234, "uchaguzi")
RELATED = (
    Teaser("Wasikilizaji na miaka 50 ya DW", "/sw/wasikilizaji-na-miaka-50-ya-dw/a-16525130"),
    Teaser(
        "Afrika katika magazeti ya Ujerumani", "/sw/afrika-katika-magazeti-ya-ujerumani/a-18680190"
    ),
)
TOP = (
    Teaser("Hakuna Mafuta, hakuna chakula", "/sw/hakuna-mafuta-hakuna-chakula/a-69614231"),
    Teaser(
        "Zuma apandishwa kizimbani kwa ufisadi",
        "/sw/zuma-apandishwa-kizimbani-kwa-ufisadi/video-43287296",
    ),
    Teaser(
        "Baadhi ya wamasai waandamana", "/sw/baadhi-ya-wamasai-tanzania-waandamana/video-61465797"
    ),
)


def _p(i: int, links: tuple[Link, ...] = ()) -> Text:
    return Text("paragraph", f"{W.SENTENCES[i % 30]} {W.SENTENCES[(i + 7) % 30]}", links)


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


PUTIN = PhotoSpec(
    66912345,
    "Kombibild - Vladimir Putin und Kim Jong Un",
    "Rais Vladimir Putin akimkaribisha Kim Jong Un baada ya kuwasili Urusi",
    "Reuters/S. Zhumatov",
)
FARMERS = PhotoSpec(68059583, W.ALTS[0], W.CAPTIONS[0], "Reuters/E. Ngendakumana")
BURUNDI = PhotoSpec(
    18680201, "Burundi Vereidigung Präsident Nkurunziza", None, "Reuters/E. Ngendakumana"
)
REDAKTION = PhotoSpec(
    16528830,
    "50 Jahre Kisuaheli Redaktion",
    "Sekretärin wa idhaa akiwa na mwenzake mjini Bonn",
    "DW",
)

ARTICLE = PageSpec(
    dw_id=68117411,
    slug="wakulima-wa-kilimanjaro-walalamikia-bei-ya-mbolea",
    title="Wakulima wa Kilimanjaro walalamikia bei ya mbolea",
    teaser="Wakulima wanasema bei ya mbolea imepanda mara mbili tangu mwaka jana.",
    published_at=_when("2024-01-30T14:13:12.269"),
    modified_at=_when("2024-01-30T14:13:51.283"),
    kicker="Uchumi",
    region=TANZANIA,
    authors=("Caro Robi", "Josephat Charo"),
    editors=("Mohammed Khelef",),
    hero=FARMERS,
    body=(
        _p(0, (Link("Tanzania", "/sw/tanzania/t-17289520"),)),
        _p(1, (Link("Kilimanjaro", "/sw/wasikilizaji-na-miaka-50-ya-dw/a-16525130"),)),
        InlinePhoto(BURUNDI),
        Text("subheading", W.HEADINGS[0]),
        _p(2, (Link("Umoja", "https://www.un.org/sw/"),)),
        Extra("ad"),
        _p(3),
        InlinePhoto(PUTIN),
        Text("subheading", W.HEADINGS[1]),
        _p(4),
        _p(5),
    ),
    topics=(TANZANIA, ELECTIONS),
    related=RELATED,
    top_stories=TOP,
    permalink_code="4boRv",
    build=2024,
)

FIXTURES: dict[str, PageSpec] = {
    "current/article_wakulima-wa-kilimanjaro_2024-01-30": ARTICLE,
    "current/article_mkutano-wa-wafadhili-koeln_2023-06-13": PageSpec(
        dw_id=65897191,
        slug="mkutano-wa-wafadhili-köln-waahidi-msaada",
        title="Mkutano wa wafadhili Köln waahidi msaada kwa Afrika Mashariki",
        teaser="Wafadhili wameahidi dola milioni 300 kusaidia waathiriwa wa ukame.",
        published_at=_when("2023-06-13T12:15:32.158"),
        modified_at=_when("2023-06-13T14:11:01.412"),
        kicker="Siasa",
        authors=("Daniel Gakuba",),
        hero=REDAKTION,
        hero_in_text=True,
        body=(
            _p(6),
            Text("quote", W.QUOTES[0]),
            _p(7, (Link("Wanafunzi", "/sw/afrika-katika-magazeti-ya-ujerumani/a-18680190"),)),
            Embed(
                MediaSpec(
                    "video",
                    62993152,
                    "Ukame waathiri mifugo Kaskazini mwa Kenya",
                    218,
                    "https://tvdownloaddw-a.akamaihd.net/stills/images/sw/62993152_1024x576.jpg",
                )
            ),
            Extra(
                "readmore",
                "Wasikilizaji na miaka 50 ya DW",
                "/sw/wasikilizaji-na-miaka-50-ya-dw/a-16525130",
            ),
            _p(8),
            Extra("promo", W.PROMOS[0]),
            Extra("signoff", W.SIGN_OFFS[0]),
        ),
        topics=(KENYA,),
        related=RELATED[:1],
        permalink_code="4SUrv",
        build=2023,
        time_tag="div",
        relative_time=True,
        canonical_encoding="raw",
        aside_tracking=False,
    ),
    "current/article_uchaguzi-mkuu-zanzibar_2022-11-03": PageSpec(
        dw_id=63612345,
        slug="uchaguzi-mkuu-zanzibar-wazua-mjadala",
        title="Uchaguzi mkuu Zanzibar wazua mjadala",
        teaser="Vyama vya upinzani vinataka tume huru ya uchaguzi.",
        published_at=_when("2022-11-03T08:05:00.000"),
        kicker="Siasa",
        authors=("Saumu Mwasimba", "Iddi Ssessanga"),
        author_display="text",
        hero=PUTIN,
        body=(
            _p(9),
            Embed(MediaSpec("audio", 63612399, "Mahojiano na mchambuzi wa siasa", 754)),
            Text("subheading", W.HEADINGS[4]),
            _p(10),
            InlinePhoto(replace(PUTIN, image_id=66912346, caption=None, credit="DW")),
        ),
        topics=(ELECTIONS,),
        top_stories=TOP[:2],
        permalink_code="4Kx2q",
        build=2022,
        page_data="app",
    ),
    "current/video_zuma-apandishwa-kizimbani-kwa-ufisadi_2018-04-06": PageSpec(
        dw_id=43287296,
        slug="zuma-apandishwa-kizimbani-kwa-ufisadi",
        title="Zuma apandishwa kizimbani kwa ufisadi",
        teaser="Rais wa zamani wa Afrika Kusini, Jacob Zuma, afikishwa mahakamani. Papo kwa Papo 6 Aprili 2018.",
        published_at=_when("2018-04-06T16:20:00.000"),
        kind="video",
        kicker="Afrika",
        hero=PhotoSpec(
            43287301,
            "Südafrika Jacob Zuma vor Gericht",
            "Jacob Zuma mahakamani Durban",
            "Reuters/R. Ward",
        ),
        media=MediaSpec(
            "video",
            43287296,
            "Zuma apandishwa kizimbani kwa ufisadi",
            65,
            "https://static.dw.com/image/43287301_302.jpg",
        ),
        body=(_p(11),),
        permalink_code="2vZ7a",
        build=1804,
    ),
    "current/audio_kinagaubaga-ngorongoro_2024-01-18": PageSpec(
        dw_id=68011258,
        slug="kinagaubaga-lazima-wakazi-wote-waondoke-ngorongoro",
        title="Kinagaubaga: Lazima wakazi wote waondoke Ngorongoro?",
        teaser="Serikali inasema kuhamishwa kwa wakazi ni kwa hiari.",
        published_at=_when("2024-01-18T10:00:00.000"),
        kind="audio",
        authors=("Grace Kabogo",),
        media=MediaSpec(
            "audio", 68011258, "Kinagaubaga: Lazima wakazi wote waondoke Ngorongoro?", 1522
        ),
        body=(_p(12),),
        permalink_code="4bMpm",
        build=2401,
    ),
    "current/gallery_sherehe-za-muungano_2024-04-26": PageSpec(
        dw_id=68901234,
        slug="sherehe-za-miaka-60-ya-muungano",
        title="Sherehe za miaka 60 ya Muungano kwa picha",
        teaser="Maelfu wamejitokeza Dodoma kusherehekea miaka 60 ya Muungano wa Tanzania.",
        published_at=_when("2024-04-26T09:30:00.000"),
        kind="gallery",
        hero=FARMERS,
        gallery=tuple(
            PhotoSpec(68901240 + i, W.ALTS[i + 3], W.CAPTIONS[i + 2], W.CREDITS[i + 3])
            for i in range(4)
        ),
        permalink_code="4fGh1",
        build=2404,
    ),
    "current/liveblog_uchaguzi-kenya-moja-kwa-moja_2022-08-09": PageSpec(
        dw_id=62781234,
        slug="uchaguzi-kenya-moja-kwa-moja",
        title="Uchaguzi wa Kenya: Yanayojiri moja kwa moja",
        teaser="Fuatilia matukio ya uchaguzi mkuu wa Kenya.",
        published_at=_when("2022-08-09T05:00:00.000"),
        kind="liveblog",
        authors=("Bruce Amani",),
        hero=PhotoSpec(
            62781240,
            "Kenia Wahlen Wähler",
            "Wapiga kura wakisubiri mjini Kisumu",
            "AFP/Getty Images/T. Karumba",
        ),
        posts=(
            PostSpec(
                62781301,
                "Vituo vya kupigia kura vimefunguliwa",
                _when("2022-08-09T06:00:00"),
                (_p(13), _p(14)),
            ),
            PostSpec(
                62781302,
                "Idadi ndogo ya wapiga kura Kisumu",
                _when("2022-08-09T09:30:00"),
                (_p(15, (Link("Kenya", "/sw/kenya/t-17298765"),)),),
            ),
        ),
        topics=(KENYA, ELECTIONS),
        permalink_code="4F1xq",
        build=2208,
    ),
}
_BASE = FIXTURES["current/article_wakulima-wa-kilimanjaro_2024-01-30"]
FIXTURES.update(
    {
        "current/article_invalid-page-data_2024-01-30": replace(
            _BASE, dw_id=68117412, slug="data-ya-ukurasa-imeharibika", page_data="invalid", build=7
        ),
        "current/article_no-page-data_2024-01-30": replace(
            _BASE, dw_id=68117413, slug="ukurasa-bila-data", page_data="none", build=8
        ),
        "current/article_data-disagrees_2024-01-30": replace(
            _BASE,
            dw_id=68117414,
            slug="data-na-html-zatofautiana",
            build=9,
            data_title="Wakulima walalamikia bei ya mbolea (toleo la data)",
        ),
        "current/article_no-captions_2024-01-30": replace(
            _BASE,
            dw_id=68117415,
            slug="ukurasa-bila-maelezo-ya-picha",
            drop_captions=True,
            build=10,
        ),
        "classic/article_rais-gauck-ziarani-zanzibar_2015-02-04": PageSpec(
            dw_id=18233405,
            slug="rais-gauck-ziarani-zanzibar",
            title="Rais Gauck ziarani Zanzibar",
            teaser="Rais wa Ujerumani Joachim Gauck amewasili Zanzibar kwa ziara ya siku mbili.",
            published_at=_when("2015-02-04T00:00:00"),
            design="classic",
            kicker="Matukio ya Afrika",
            authors=("Elizabeth Shoo",),
            author_display="text",
            editors=("Josephat Charo",),
            hero=PhotoSpec(
                18233410,
                "Tansania Gauck Besuch Sansibar",
                "Rais Gauck akilakiwa Zanzibar",
                "DW/E. Shoo",
            ),
            body=(
                _p(16, (Link("Zanzibar", "/sw/afrika-katika-magazeti-ya-ujerumani/a-18680190"),)),
                Extra("ad"),
                Text("subheading", W.HEADINGS[6]),
                _p(17),
                InlinePhoto(
                    PhotoSpec(
                        18233420, "Sansibar Stone Town Hafen", W.CAPTIONS[5], "picture-alliance/dpa"
                    )
                ),
                _p(18),
            ),
            topics=(TANZANIA,),
            related=RELATED,
            top_stories=TOP[:1],
            permalink_code="1IFb2",
            build=2015,
        ),
        "classic/audio_uchaguzi-wa-ujerumani-kwenye-darubini_2021-09-24": PageSpec(
            dw_id=59292798,
            slug="uchaguzi-wa-ujerumani-kwenye-darubini",
            title="Uchaguzi wa Ujerumani kwenye darubini",
            teaser="Wajerumani wanapiga kura Jumapili kumchagua mrithi wa Kansela Angela Merkel.",
            published_at=_when("2021-09-24T00:00:00"),
            kind="audio",
            design="classic",
            av_prefix=True,
            kicker="IDHAA YA KISWAHILI",
            authors=("Amina Abubakar",),
            media=MediaSpec("audio", 59292798, "Uchaguzi wa Ujerumani kwenye darubini", 2555),
            body=(_p(19),),
            permalink_code="40pZk",
            build=2021,
        ),
        "classic/video_wanawake-na-uongozi_2019-03-08": PageSpec(
            dw_id=47812345,
            slug="wanawake-na-uongozi-barani-afrika",
            title="Wanawake na uongozi barani Afrika",
            teaser="Wanawake wanazidi kushika nafasi za uongozi katika siasa za Afrika Mashariki.",
            published_at=_when("2019-03-08T00:00:00"),
            kind="video",
            design="classic",
            av_prefix=True,
            kicker="Matukio ya Afrika",
            hero=PhotoSpec(
                47812350,
                "Ruanda Parlament Frauen",
                "Wabunge wanawake mjini Kigali",
                "Reuters/J. Bizimana",
            ),
            media=MediaSpec(
                "video",
                47812345,
                "Wanawake na uongozi barani Afrika",
                312,
                "https://static.dw.com/image/47812350_302.jpg",
            ),
            body=(_p(20),),
            permalink_code="3F6cQ",
            build=2019,
        ),
    }
)
