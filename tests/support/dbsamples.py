"""Realistic Swahili DW items for database tests and `bench/bench_store.py`.

Hand-built after the structure of real DW pages (see docs/dw-site.md): current and classic
designs, article, video and audio pages, hero and inline photos with Swahili captions and
typical DW credits (a composite "//" credit, a photo without an image id), bylines from
"Mwandishi:"/"Mhariri:" lines. `synthetic_items` repeats them with distinct ids and varied
text, photos, credits, authors and topics for benchmarks.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from dwcrawler.items import (
    ArticleItem,
    BodyBlock,
    FetchInfo,
    MediaItem,
    PhotoItem,
    TopicItem,
)

EAT = timezone(timedelta(hours=3))  # East Africa Time, how classic pages date things
STATIC = "https://static.dw.com/image"


def _photo(
    position: int,
    role: str,
    image_id: int | None,
    caption: str | None,
    credit: str | None,
    alt: str | None = None,
    url: str | None = None,
) -> PhotoItem:
    template = f"{STATIC}/{image_id}_${{formatId}}.jpg" if image_id is not None else None
    return PhotoItem(
        position=position,
        role=role,  # type: ignore[arg-type]
        image_id=image_id,
        url=url or f"{STATIC}/{image_id}_605.jpg",
        url_template=template,
        alt=alt,
        caption=caption,
        credit=credit,
    )


def _topic(name: str, topic_id: int) -> TopicItem:
    slug = name.lower().replace(" ", "-")
    return TopicItem(name=name, topic_id=topic_id, url=f"https://www.dw.com/sw/{slug}/t-{topic_id}")


def _paragraphs(*texts: str) -> tuple[BodyBlock, ...]:
    return tuple(
        BodyBlock("subheading", t[2:]) if t.startswith("# ") else BodyBlock("paragraph", t)
        for t in texts
    )


RELI = ArticleItem(
    dw_id=68117411,
    url="https://www.dw.com/sw/tanzania-yazindua-reli-ya-kisasa-ya-sgr/a-68117411",
    kind="article",
    language="sw",
    design="current",
    title="Tanzania yazindua safari za treni ya kisasa ya SGR",
    teaser="Safari za kwanza za treni ya umeme kati ya Dar es Salaam na Morogoro zimeanza, "
    "zikipunguza muda wa safari kutoka saa nne hadi chini ya saa mbili.",
    published_at=datetime(2024, 6, 14, 9, 30, tzinfo=UTC),
    modified_at=datetime(2024, 6, 14, 11, 5, tzinfo=UTC),
    date_precision="second",
    authors=("Florence Majani",),
    editors=("Mohammed Khelef",),
    kicker="Uchumi | Tanzania",
    topics=(_topic("Tanzania", 17290000), _topic("Uchumi", 17290111)),
    body=_paragraphs(
        "Treni ya kwanza ya umeme iliondoka katika stesheni ya Dar es Salaam alfajiri ya Ijumaa "
        "ikiwa na abiria zaidi ya mia tano, wengi wao wakiwa wafanyabiashara na wanafunzi.",
        "Serikali inasema mradi wa reli ya kisasa, unaojulikana kama SGR, utapunguza gharama za "
        "usafirishaji wa mizigo kwenda nchi jirani za Rwanda, Burundi na Jamhuri ya Kidemokrasia "
        "ya Kongo.",
        "# Gharama za mradi",
        "Wakosoaji wanasema deni la taifa limeongezeka kwa kasi kutokana na mikopo iliyochukuliwa "
        "kujenga reli hiyo, na wanataka uwazi zaidi kuhusu mikataba.",
        "Abiria mmoja, Bi Rehema Juma, aliiambia DW kwamba safari imekuwa ya haraka na salama: "
        "\u201cSasa naweza kwenda Morogoro na kurudi siku hiyo hiyo.\u201d",
    ),
    photos=(
        _photo(
            0,
            "hero",
            69384512,
            "Treni ya umeme ya SGR ikiwa katika stesheni ya Dar es Salaam",
            "Ericky Boniphace/AFP/Getty Images",
            alt="Tansania Daressalam Eröffnung Eisenbahnlinie SGR",
        ),
        _photo(
            1,
            "inline",
            69384590,
            "Abiria wakipanda treni kuelekea Morogoro",
            "DW/S. Khamis",
            alt="Tansania Fahrgäste SGR Zug",
        ),
    ),
    permalink="https://p.dw.com/p/4h2Kq",
    links=("https://www.dw.com/sw/reli-ya-sgr-yakamilika/a-67000001",),
    extractor_version="1",
)

MAFURIKO = ArticleItem(
    dw_id=68944077,
    url="https://www.dw.com/sw/mafuriko-yaua-watu-kadhaa-nairobi/a-68944077",
    kind="article",
    language="sw",
    design="current",
    title="Mafuriko yaua watu kadhaa jijini Nairobi",
    teaser="Mvua kubwa zilizonyesha usiku kucha zimesababisha mafuriko katika mitaa ya Mathare "
    "na Kibera, huku maelfu wakikosa makaazi.",
    published_at=datetime(2024, 4, 24, 15, 12, tzinfo=UTC),
    date_precision="second",
    authors=("Shisia Wasilwa", "Thelma Mwadzaya"),
    editors=("Iddi Ssessanga",),
    kicker="Kenya",
    topics=(_topic("Kenya", 17290020), _topic("Mabadiliko ya tabianchi", 17290333)),
    body=_paragraphs(
        "Idara ya hali ya hewa nchini Kenya imeonya kuwa mvua zaidi zinatarajiwa katika siku "
        "zijazo, na wakaazi wa maeneo ya mabondeni wametakiwa kuhamia maeneo salama.",
        "Shirika la Msalaba Mwekundu limesema timu zake za uokoaji zinaendelea kuwatafuta watu "
        "waliopotea, na kwamba idadi ya vifo huenda ikaongezeka.",
        "Wanasayansi wanasema mabadiliko ya tabianchi yanazidisha ukubwa wa mvua za masika "
        "katika Afrika Mashariki.",
    ),
    photos=(
        _photo(
            0,
            "hero",
            68944001,
            "Wakaazi wa Mathare wakivuka maji ya mafuriko",
            "Reuters/T. Mukoya",
            alt="Kenia Nairobi Überschwemmungen",
        ),
    ),
    extractor_version="1",
)

MKUTANO = ArticleItem(
    dw_id=66812345,
    url="https://www.dw.com/sw/putin-na-kim-jong-un-wakutana-vostochny/a-66812345",
    kind="article",
    language="sw",
    design="current",
    title="Putin na Kim Jong Un wakutana mashariki ya mbali ya Urusi",
    teaser="Viongozi hao wawili wamejadili ushirikiano wa kijeshi na anga za juu.",
    published_at=datetime(2023, 9, 13, 8, 0, tzinfo=UTC),
    date_precision="second",
    authors=("Daniel Gakuba",),
    kicker="Siasa",
    topics=(_topic("Urusi", 17284476), _topic("Korea Kaskazini", 17284555)),
    body=_paragraphs(
        "Rais Vladimir Putin amempokea kiongozi wa Korea Kaskazini Kim Jong Un katika kituo cha "
        "anga za juu cha Vostochny.",
        "Mataifa ya Magharibi yana wasiwasi kwamba Korea Kaskazini huenda ikaipatia Urusi silaha "
        "kwa ajili ya vita vyake nchini Ukraine.",
    ),
    photos=(
        _photo(
            0,
            "hero",
            66811999,
            "Rais Vladimir Putin (kushoto) na Kim Jong Un",
            "picture-alliance/AP Photo//D. Lovetsky/E. Vucci",
            alt="Kombibild - Vladimir Putin und Kim Jong Un",
        ),
        _photo(
            1,
            "inline",
            66812010,
            None,
            "Mikhail Sinitsyn/TASS/dpa/picture alliance",
            alt="Russland Wostotschny Treffen Putin Kim",
        ),
    ),
    extractor_version="1",
)

GAUCK = ArticleItem(
    dw_id=18233405,
    url="https://www.dw.com/sw/rais-gauck-ziarani-zanzibar/a-18233405",
    kind="article",
    language="sw",
    design="classic",
    title="Rais Gauck ziarani Zanzibar",
    teaser="Rais wa Ujerumani Joachim Gauck ameitembelea Zanzibar katika siku ya mwisho ya "
    "ziara yake ya Tanzania.",
    published_at=datetime(2015, 2, 4, 0, 0, tzinfo=EAT),
    date_precision="day",
    authors=("Caro Robi",),
    editors=("Yusuf Saumu",),
    kicker="Matukio ya Afrika",
    topics=(TopicItem(name="Zanzibar"),),
    body=_paragraphs(
        "Rais Gauck alikutana na Rais wa Zanzibar Ali Mohamed Shein mjini Unguja na kuzungumzia "
        "ushirikiano katika sekta ya utalii na uhifadhi wa mji mkongwe.",
        "Ziara hiyo ya siku tano ilimpeleka pia Arusha, ambako alitembelea Mahakama ya Afrika ya "
        "Haki za Binadamu na Watu.",
    ),
    photos=(
        _photo(
            0,
            "hero",
            None,
            "Rais Joachim Gauck akiwasili Zanzibar",
            "picture-alliance/dpa/B. von Jutrczenka",
            url="https://www.dw.com/image/0,,18233400_303.jpg",
        ),
    ),
    extractor_version="1",
)

ZUMA = ArticleItem(
    dw_id=43287296,
    url="https://www.dw.com/sw/zuma-apandishwa-kizimbani-kwa-ufisadi/video-43287296",
    kind="video",
    language="sw",
    design="current",
    title="Zuma apandishwa kizimbani kwa ufisadi",
    teaser="Rais wa zamani wa Afrika Kusini Jacob Zuma amefikishwa mahakamani mjini Durban.",
    published_at=datetime(2018, 4, 6, 14, 0, tzinfo=UTC),
    date_precision="second",
    topics=(_topic("Afrika Kusini", 17290044),),
    media=(
        MediaItem(
            type="video",
            url="https://hlsvod.dw.com/i/sw/2018/04/43287296_,AVC_480x270,.mp4.csmil/master.m3u8",
            media_id=43287296,
            title="Zuma apandishwa kizimbani kwa ufisadi",
            duration_seconds=94,
        ),
    ),
    duration_seconds=94,
    extractor_version="1",
)

JANJAWEED = ArticleItem(
    dw_id=18757491,
    url="https://www.dw.com/sw/janjaweed-wavamia-washambulia-wananchi/audio-18757491",
    kind="audio",
    language="sw",
    design="classic",
    title="Janjaweed wavamia, washambulia wananchi",
    teaser="Wanamgambo wa Janjaweed wameshambulia vijiji kadhaa katika jimbo la Darfur.",
    published_at=datetime(2015, 9, 24, 0, 0, tzinfo=EAT),
    date_precision="day",
    media=(MediaItem(type="audio", url="https://radiodownloaddw-a.akamaihd.net/18757491.mp3"),),
    duration_seconds=2555,
    extractor_version="1",
)

DW_YAVUMA = ArticleItem(
    dw_id=16528827,
    url="https://www.dw.com/sw/dw-yavuma-kila-mahali/a-16528827",
    kind="article",
    language="sw",
    design="classic",
    title="DW yavuma kila mahali",
    teaser="Idhaa ya Kiswahili ya DW imeadhimisha miaka 50 ya matangazo kwa Afrika Mashariki.",
    published_at=datetime(2013, 1, 17, tzinfo=UTC),
    date_precision="day",
    body=_paragraphs(
        "Matangazo ya kwanza ya Kiswahili kutoka Cologne yalisikika mwaka 1963, na tangu hapo "
        "wasikilizaji wamefuatilia habari za dunia kwa lugha yao.",
    ),
    extractor_version="1",
)

SAMPLE_ITEMS: tuple[ArticleItem, ...] = (
    RELI,
    MAFURIKO,
    MKUTANO,
    GAUCK,
    ZUMA,
    JANJAWEED,
    DW_YAVUMA,
)

FETCHED_AT = datetime(2024, 7, 1, 6, 0, tzinfo=UTC)


def fetched(item: ArticleItem, when: datetime = FETCHED_AT, **http: object) -> ArticleItem:
    """Return the item with fetch facts, as the spider would deliver it."""
    return replace(item, fetch=FetchInfo(fetched_at=when, **http))  # type: ignore[arg-type]


_WORDS = [
    "serikali",
    "wananchi",
    "uchaguzi",
    "bunge",
    "mahakama",
    "afya",
    "elimu",
    "kilimo",
    "mvua",
    "ukame",
    "biashara",
    "bandari",
    "reli",
    "barabara",
    "wakimbizi",
    "amani",
    "mazungumzo",
    "rais",
    "waziri",
    "upinzani",
    "polisi",
    "jeshi",
    "usalama",
    "uchumi",
    "mfumuko",
    "bei",
    "mafuta",
    "chakula",
    "maji",
    "umeme",
    "hospitali",
    "wanafunzi",
    "walimu",
    "vijana",
    "wanawake",
    "michezo",
    "kandanda",
    "utalii",
    "wanyamapori",
    "misitu",
    "bahari",
    "uvuvi",
    "teknolojia",
    "simu",
    "mtandao",
    "habari",
]
_CREDITS = (
    "Reuters/T. Mukoya",
    "DW/S. Khamis",
    "AFP/Getty Images",
    "picture-alliance/dpa/M. Kappeler",
    "Tony Karumba/AFP/Getty Images",
    "imago images/Xinhua",
    "Yasuyoshi Chiba/AFP",
    "DW",
    "picture alliance/ZUMAPRESS.com",
    "Ikulu Tanzania",
)
_PEOPLE = (
    "Florence Majani",
    "Caro Robi",
    "Daniel Gakuba",
    "Shisia Wasilwa",
    "Saumu Mwasimba",
    "Josephat Charo",
    "Amina Abubakar",
    "Bruce Amani",
    "Sylvia Mwehozi",
    "Hawa Bihoga",
)


def synthetic_items(count: int, seed: int = 7, first_id: int = 70_000_000) -> list[ArticleItem]:
    """Return `count` distinct items built from the samples, deterministic for a seed."""
    rng = random.Random(seed)
    items = []
    for n in range(count):
        base = SAMPLE_ITEMS[n % len(SAMPLE_ITEMS)]
        dw_id = first_id + n
        prefix = base.url.rsplit("/", 1)[1].split("-")[0]
        extra = " ".join(rng.choice(_WORDS) for _ in range(40)).capitalize() + "."
        photos = tuple(
            replace(
                p,
                # every fifth article reuses a stock photo, as agencies' pictures recur
                image_id=(image_id := 90_000_000 + (n % 50 if n % 5 == 0 else n) * 4 + i),
                url=f"{STATIC}/{image_id}_605.jpg",
                url_template=f"{STATIC}/{image_id}_${{formatId}}.jpg",
                credit=rng.choice(_CREDITS),
            )
            for i, p in enumerate(base.photos)
        )
        items.append(
            replace(
                base,
                dw_id=dw_id,
                url=f"https://www.dw.com/sw/makala-{n}/{prefix}-{dw_id}",
                title=f"{base.title} ({rng.choice(_WORDS)} {n})",
                body=(*base.body, BodyBlock("paragraph", extra)),
                authors=tuple(rng.sample(_PEOPLE, k=len(base.authors))),
                photos=photos,
                published_at=datetime(2014, 1, 1, tzinfo=UTC) + timedelta(hours=n * 7),
            )
        )
    return items
