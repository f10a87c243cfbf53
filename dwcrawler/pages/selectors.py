"""Every CSS/XPath selector and page-data path the page objects use, named and dated.

Rules (docs/dw-site.md §2, §3.4, §12): never select on generated `sc-*` class names (they
change with every DW build); use the plain classes that sit beside them, `data-tracking-name`,
semantic tags and the embedded JSON. "Seen" dates name the real sample a selector was checked
against: 2023-06 and 2024-01 = the fundus current-design pages, 2023-04 = the fundus classic
page, 2013/2020 = the trafilatura classic pages (copies in tests/fixtures/samples/).
"""

from __future__ import annotations

# --- design detection ------------------------------------------------------------------------
# The React design embeds its GraphQL cache; builds after 2024 may use __APP_STATE__ (yt-dlp's DW
# extractor, 2025, reads it); `div#root` is the React mount point (seen 2023-06, 2024-01).
APOLLO_MARKER = "window.__APOLLO_STATE__"
APP_STATE_MARKER = "window.__APP_STATE__"
CURRENT_ROOT_ID = "root"  # the React mount point: <div id="root">
# The classic design's content column (seen 2013, 2020, 2023-04).
CLASSIC_ROOT_ID = "bodyContent"  # its id: the page is parsed from this element on…
CLASSIC_FOOTER_ID = "footerSection"  # …to the page footer (seen 2013, 2020, 2021, 2023-04)
# The columns after the article's own (related items; the side column, which repeats the
# metadata list): only their links are read. Class attributes as DW writes them (2013-2023).
CLASSIC_RELATED_CLASSES = ("col3 relatedContent", "col1 dim")
# What comes before them on a classic page: the article's text and its metadata list.
CLASSIC_BEFORE_RELATED = ('class="longText"', 'class="smallList"')

# --- <head> (both designs) -------------------------------------------------------------------
# Read by a scan of its tags (`pages.head`): link rel=canonical/amphtml, meta og:url/og:title/
# keywords, <title>, JSON-LD scripts.

# --- current design: inside the page's first `<article>` (seen 2023-06, 2024-01) -----------------
# The selectors below are relative to that element (queries over the whole document cost more
# and teaser cards outside it reuse the same classes).
ARTICLE = "article"
HEADER_TITLE = "header h1"  # teaser cards have other h1s: stay inside the article header
HEADER_TEASER = "header p.teaser-text"
# The `kicker` class is also on every teaser card; the tracking name is unique to the page's own.
KICKER_SPANS = '[data-tracking-name="content-detail-kicker"] > span'
AUTHOR_NAMES = "header .author-details .author"  # `.separator` spans sit beside them
AUTHOR_LINK_NAMES = "header .author-details .author-link > span"
# `time-area` is a span (2024-01) or a div (2023-06); `time` is numeric or relative ("vor 3
# Stunden"), `.sr-only` the long form ("30. Januar 2024"; on /sw/ "24 Aprili 2019").
TIME_VISIBLE = "header .time-area .publication time::text"
TIME_LONG = "header .time-area .publication .sr-only::text"
PERMALINK = ".copy-button-wrapper span::text"
# The rich text: `Article.text` of the page data equals this element's inner HTML.
RICH_TEXT = ".rich-text"
# The hero figure is the first figure of the article outside the rich text (and outside a
# gallery page's image list).
HERO_FIGURE = (
    "(.//figure[not(ancestor::*[contains(concat(' ', normalize-space(@class), ' '),"
    " ' rich-text ') or contains(concat(' ', normalize-space(@class), ' '), ' image-gallery ')])])[1]"
)
# Related topics: the section keeps its tracking name; the aside lost it in 2024-01.
RELATED_TOPIC_LINKS = '[data-tracking-name="section-related-topics"] a[href*="/t-"]'
# Standalone media players (video/audio pages) outside the rich text: a video.js wrapper.
PAGE_PLAYER = (
    ".//div[contains(concat(' ', normalize-space(@class), ' '), ' vjs-wrapper ')]"
    "[not(ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' rich-text ')])]"
)
# Liveblog posts and gallery images on current-design pages (docs/dw-site.md §3.5): their markup
# is not in any sample; these follow the article markup (posts carry their own rich text).
LIVEBLOG_POSTS = ".liveblog-post"
GALLERY_FIGURES = ".image-gallery figure"

# --- current design: inside the rich text (seen 2023-06, 2024-01) --------------------------------
# Elements whose text never belongs to the body: in-text ads, embedded players (their headline
# h2 is the video title, not a subheading), embeds, figures (photos are read separately).
RICH_TEXT_AD_CLASSES = frozenset({"rich-text-ad", "advertisement"})
RICH_TEXT_DROP_CLASSES = frozenset(
    {"rich-text-ad", "advertisement", "vjs-wrapper", "embed", "dw-widget", "placeholder-image"}
)
# A paragraph that is nothing but links to these hosts is an app promotion ("Čitajte nas i
# preko DW-aplikacije za Android"), whatever its language: the app stores DW's apps are in.
APP_STORE_HOSTS = frozenset(
    {"apps.apple.com", "itunes.apple.com", "play.google.com", "appgallery.huawei.com"}
)
RICH_TEXT_DROP_TAGS = frozenset({"figure", "script", "style", "svg", "noscript", "iframe", "video"})
RICH_TEXT_DROP_TAGS_AUDIO = frozenset({"audio", "picture", "source", "button", "input", "form"})
FIGCAPTION_CREDIT = "copyright"  # <small class="copyright">Picha: CREDIT</small>
INLINE_IMG_TEMPLATE_ATTR = "data-url"  # https://static.dw.com/image/N_${formatId}.jpg
INLINE_IMG_ID_ATTR = "data-id"

# --- page data (window.__APOLLO_STATE__ / window.__APP_STATE__) -----------------------------------
# ROOT_QUERY key of the page's own content: content({"id":N,"lang":"KISWAHILI"}).
APOLLO_CONTENT_KEY_PREFIX = "content("
APP_STATE_CONTENT_PATH = "/graph-api/"  # __APP_STATE__ keys: /graph-api/sw/content/article/N
# __typename of the page content → page kind.
TYPENAME_KINDS = {
    "Article": "article",
    "Video": "video",
    "Audio": "audio",
    "ImageGallery": "gallery",
    "Liveblog": "liveblog",
}
# DW's language enum (Article.language) → URL language code. Extend as pages are met.
LANGUAGE_ENUM = {
    "KISWAHILI": "sw",
    "GERMAN": "de",
    "ENGLISH": "en",
    "FRENCH": "fr",
    "BOSNIAN": "bs",
    "PORTUGUESE": "pt-002",
    "HAUSA": "ha",
    "AMHARIC": "am",
    "ARABIC": "ar",
    "SPANISH": "es",
}

# --- classic design (seen 2013, 2020, 2023-04; /sw/ strings from the text excerpts) --------------
# Found once: `#bodyContent`; everything below is found inside it by walking the tree
# (`pages.classic`): the column `#bodyContent > div.col3`, its `h1` and hero `div.picBox`
# (`full`; may be absent), the kicker `h4.artikel`, the teaser `p.intro`, the body
# `div.group > div.longText` (a gallery slideshow nests another `div.longText`).
CLASSIC_KICKER_CLASS = "artikel"
CLASSIC_TEASER_CLASS = "intro"
# Metadata list `ul.smallList`, rendered twice (the first is read); Swahili labels are unknown,
# so values are classified by shape and links.
CLASSIC_SMALL_LIST_CLASS = "smallList"
# Hidden inputs of classic media (`av-`) pages (youtube-dl's DW extractor reads the same):
# media_id, media_title, player_type (audio|video), file_name, file_duration, display_date,
# preview_image; grouped by their `div.mediaItem` (`pages.classic_media`).
