from dwcrawler.pages.listing import ListingPage

HOME = "https://www.dw.com/sw/idhaa-ya-kiswahili/s-11588"

HTML = """<html><head><link rel="next" href="/sw/idhaa-ya-kiswahili/s-11588?page=2&maca=x"></head>
<body><nav><a href="/sw/afrika/s-11603">Afrika</a><a href="/de/themen/s-9077">Deutsch</a>
<a href="/search/?languageCode=sw">Tafuta</a></nav>
<div class="teaser"><a href="/sw/rais-ziarani/a-68000001"><h3>Rais ziarani</h3></a>
<a href="https://www.dw.com/sw/rais-ziarani/a-68000001?maca=sw-x">again</a>
<a href="https://www.dw.com/sw/mvua-kubwa/video-68000002">video</a>
<a href="https://amp.dw.com/sw/sauti/audio-68000003">audio</a>
<a href="/sw/ma%C5%A1ina/a-68000004">encoded</a>
<a href="/de/deutsch/a-68000005">German</a>
<a href="https://example.org/sw/x/a-68000006">elsewhere</a>
<a href="https://www.dw.com/sw/tanzania/t-17290000">Tanzania</a>
<a href="#main-content">Nenda kwenye maudhui</a><a href="javascript:void(0)">x</a>
<a href="https://p.dw.com/p/17Ltz">permalink</a></div></body></html>"""


def test_content_links_are_kiswahili_canonical_and_unique():
    page = ListingPage(HOME, HTML)
    assert page.content_links() == [
        "https://www.dw.com/sw/rais-ziarani/a-68000001",
        "https://www.dw.com/sw/mvua-kubwa/video-68000002",
        "https://www.dw.com/sw/sauti/audio-68000003",
        "https://www.dw.com/sw/mašina/a-68000004",
    ]


def test_listing_links_keep_kiswahili_sections_and_topics():
    page = ListingPage(HOME, HTML)
    assert page.listing_links() == [
        "https://www.dw.com/sw/afrika/s-11603",
        "https://www.dw.com/sw/tanzania/t-17290000",
    ]


def test_next_page_strips_tracking():
    page = ListingPage(HOME, HTML.encode())
    assert page.next_page() == "https://www.dw.com/sw/idhaa-ya-kiswahili/s-11588?page=2"


def test_no_next_page_and_empty_page():
    page = ListingPage(HOME, "<html><body><p>hakuna</p></body></html>")
    assert page.next_page() is None
    assert page.content_links() == []
    assert ListingPage(HOME, "").content_links() == []
