"""Render a current-design (React) DW Kiswahili page, built on the 2024-01 sample's structure.

Head (title, metas, canonical, JSON-LD, dataLayer, styled-components CSS), `div#root` with the
skip links, header and navigation, the article (kicker, h1, authors, time area, teaser, sharing,
hero figure, ad, rich text, feedback footer), the alternating zone (more on topic, related
topics, top story, more stories, each behind "Ruka sehemu inayofuata …"), the footer, and the
page data script last.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.sitegen.markup import ICON, Classes, encode_path, esc, numeric_date, swahili_date
from tests.sitegen.pagedata import data_layer, json_ld, state_script
from tests.sitegen.richtext import figure, player, render_rich_text
from tests.sitegen.words import RELATIVE

if TYPE_CHECKING:
    from tests.sitegen.spec import PageSpec, PhotoSpec, Teaser

NAV = (
    ("Afrika", "/sw/afrika/s-11603"),
    ("Ulimwengu", "/sw/ulimwengu/s-11604"),
    ("Ujerumani", "/sw/ujerumani/s-11605"),
    ("Michezo", "/sw/michezo/s-11606"),
    ("Vipindi", "/sw/vipindi/s-100836"),
    ("Media Center", "/sw/media-center/s-11614"),
)


def _head(spec: PageSpec, css: Classes) -> str:
    canonical = (
        spec.url
        if spec.canonical_encoding == "raw"
        else "https://www.dw.com" + encode_path(spec.path)
    )
    title = f"{esc(spec.title)} \u2013 DW \u2013 {numeric_date(spec.published_at)}"
    teaser = esc(spec.teaser or "")
    image = ""
    if spec.hero:
        image = (
            f'<meta data-rh="true" property="og:image" content="https://static.dw.com/image/{spec.hero.image_id}_6.jpg"/>'
            f'<meta data-rh="true" property="og:image:alt" content="{esc(spec.hero.alt)}"/>'
        )
    rules = 700 if spec.chrome == "full" else 5
    return (
        '<!doctype html>\n<html lang="sw">\n  <!--\n      !IMPORTANT!: Before changing the file structure '
        "here, please check how SSR code depends on it\n    -->\n<head>\n"
        '  <meta charset="utf-8">\n  <meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">\n'
        '  <link rel="icon" type="image/png" href="/images/icons/favicon-32x32.png" sizes="32x32">\n'
        f'  <title data-rh="true">{title}</title>\n'
        f'  <script type="module" defer="true" crossorigin src="/static/index-{spec.build:08x}.js"></script>\n'
        f'<link data-rh="true" rel="canonical" href="{esc(canonical)}"/>'
        f'<link data-rh="true" rel="amphtml" href="{esc(canonical.replace("www.dw.com", "amp.dw.com"))}"/>'
        f'<meta data-rh="true" name="description" content="{teaser}"/>'
        '<meta data-rh="true" property="og:site_name" content="dw.com"/>'
        f'<meta data-rh="true" property="og:title" content="{title}"/>'
        f'<meta data-rh="true" property="og:url" content="{esc(canonical)}"/>'
        f'<meta data-rh="true" property="og:description" content="{teaser}"/>'
        f'<meta data-rh="true" name="twitter:title" content="{esc(spec.title)}"/>{image}'
        f"{data_layer(spec)}{json_ld(spec)}"
        f'<style data-styled="true" data-styled-version="6.0.7">{css.stylesheet(rules)}</style>\n</head>\n'
    )


def _skip_links(css: Classes) -> str:
    items = "".join(
        f'<li><a href="#{target}" class="{css("", "skip-a")}"><span class="{css("has-italic", "skip-span")}">'
        f"{label}</span>{ICON.format(cls=css('', 'icon'))}</a></li>"
        for target, label in (
            ("main-content", "Nenda kwenye maudhui"),
            ("navigation", "Nenda kwenye orodha kuu"),
            ("footer", "Nenda tovuti zaidi za DW"),
        )
    )
    return f'<ol class="{css("focus-menu-shown", "skip")}">{items}</ol>'


def _navigation(spec: PageSpec, css: Classes) -> str:
    links = "".join(
        f'<li class="{css("has-italic", "nav-li")}"><a href="{href}" role="menuitem">{name}</a></li>'
        for name, href in NAV * (3 if spec.chrome == "full" else 1)
    )
    return (
        f'<div class="{css("", "header")}"><div class="{css("focus-menu-shown", "header-inner")}">'
        f'<a href="/sw/idhaa-ya-kiswahili/s-11588" class="{css("logo")}" title="Ukurasa wa mwanzo wa DW">'
        f'{ICON.format(cls=css("white logo-icon"))}</a><nav class="{css("", "nav")}">'
        f'<div class="{css("nav-btn has-italic")}" role="button" tabindex="0" id="navigation">{ICON.format(cls="burger-icon")}</div>'
        f'<ul class="{css("group-list")}">{links}</ul></nav></div></div>'
    )


def _header(spec: PageSpec, css: Classes) -> str:
    region = ""
    if spec.region:
        region = f'<span><a href="{esc(spec.region.path)}"><span class="{css("has-italic", "kr")}">{esc(spec.region.name)}</span></a></span>'
    kicker = (
        f'<div class="{css("kicker has-italic")}" data-tracking-name="content-detail-kicker">'
        f"<span>{esc(spec.kicker or '')}</span>{region}</div>"
        if spec.kicker or spec.region
        else ""
    )
    authors = ""
    if spec.authors and spec.author_display in {"header", "both"}:
        spans = []
        for i, name in enumerate(spec.authors):
            separator = f'<span class="{css("separator")}"> | </span>' if i else ""
            spans.append(
                f'<span>{separator}<span class="{css("author no-link has-italic")}">{esc(name)}</span></span>'
            )
        authors = f'<div class="{css("author-details")}">{"".join(spans)}</div>'
    shown = (
        RELATIVE[spec.dw_id % len(RELATIVE)]
        if spec.relative_time
        else numeric_date(spec.published_at)
    )
    long_form = shown if spec.relative_time else swahili_date(spec.published_at)
    tag = spec.time_tag
    time_area = (
        f'<{tag} class="{css("time-area has-italic")}"><span class="{css("publication has-italic")}">'
        f'<time aria-hidden="true">{shown}</time><span class="sr-only {css("", "sr")}">{long_form}</span></span></{tag}>'
    )
    teaser = (
        f'<p class="{css("teaser-text has-italic")}">{esc(spec.teaser)}</p>' if spec.teaser else ""
    )
    return (
        f'<header>{kicker}<h1 class="{css("has-italic", "h1")}">{esc(spec.title)}</h1>'
        f"{authors}{time_area}{teaser}</header>"
    )


def _sharing(spec: PageSpec, css: Classes) -> str:
    short = f"https://p.dw.com/p/{spec.permalink_code}"
    share = "".join(
        f'<a class="{css(name + " has-italic", "share-" + name)}" href="{url}" role="link">{ICON.format(cls="")}</a>'
        for name, url in (
            (
                "facebook",
                f"https://www.facebook.com/sharer/sharer.php?u={short}%3Fmaca%3Dsw-Facebook-sharing",
            ),
            ("x-twitter", f"https://twitter.com/intent/tweet?source=webclient&text={short}"),
            ("whatsapp", f"whatsapp://send?text={short}%3Fmaca%3Dsw-Whatsapp-sharing"),
        )
    )
    return (
        f'<section class="{css("in-line closed")}" data-tracking-name="sharing-icons-inline">'
        f'<div class="{css("always-visible")}">{share}</div>'
        f'<div class="{css("copy-button-wrapper closed")}"><span>{short}</span></div></section>'
    )


def _hero(photo: PhotoSpec, spec: PageSpec, css: Classes) -> str:
    base = f"https://static.dw.com/image/{photo.image_id}"
    srcset = ", ".join(
        f"{base}_{f}.jpg {w}w"
        for f, w in ((600, 78), (601, 201), (602, 379), (603, 545), (604, 767), (605, 1199))
    )
    caption = ""
    if not spec.drop_captions:
        credit = (
            f'<small class="{css("copyright has-italic")}">Picha:<!-- --> <!-- -->{esc(photo.credit)}</small>'
            if photo.credit
            else ""
        )
        caption = f'<figcaption class="{css("has-italic", "figcap")}">{esc(photo.caption or "")}{credit}</figcaption>'
    return (
        f'<figure class="{css("", "hero")}"><picture><source type="image/webp" srcSet="{srcset.replace(".jpg", ".webp")}"/>'
        f'<img fetchpriority="high" src="" srcSet="{srcset}" alt="{esc(photo.alt)}"/></picture>{caption}</figure>'
    )


def _teasers(items: tuple[Teaser, ...], css: Classes) -> str:
    return "".join(
        f'<div class="{css("teaser-wrap col-12 col-md-6 col-lg-4")}"><h3 class="{css("title-above-md", "t3")}">'
        f'<a class="{css("link-in-teaser")}" href="{esc(t.path)}"><span>{esc(t.title)}</span></a></h3></div>'
        for t in items
    )


def _zone(spec: PageSpec, css: Classes) -> str:
    def section(ident: str, tracking: str, title: str, inner: str, heading: str = "h2") -> str:
        return (
            f'<section id="{ident}" data-tracking-name="{tracking}"><a href="#post-{ident}" class="{css("quick-item")}">'
            f"<span>Ruka sehemu inayofuata {title}</span>{ICON.format(cls='')}</a>"
            f'<div class="{css("content-block")}"><{heading}>{title}</{heading}>{inner}</div>'
            f'<div id="post-{ident}" class="{css("quick-item-target")}"></div></section>'
        )

    parts = []
    if spec.related:  # "Mehr zum Thema"; the Swahili heading is unverified
        parts.append(
            section(
                "more-on-topic",
                "section-more-on-topic",
                "Zaidi kuhusu mada hii",
                _teasers(spec.related, css),
            )
        )
    if spec.topics:
        tracking = ' data-tracking-name="related-topics"' if spec.aside_tracking else ""
        buttons = "".join(
            f'<a class="{css("tertiary has-italic")}" href="{esc(t.path)}" role="button"><span>{esc(t.name)}</span></a>'
            for t in spec.topics
        )
        parts.append(
            section(
                "related-topics",
                "section-related-topics",
                "Mada zinazohusiana",
                f"<aside{tracking}>{buttons}</aside>",
            )
        )
    if spec.top_stories:
        parts.append(
            section(
                f"top-story-{spec.build}",
                "section-top-story",
                "Taarifa kuu ya DW",
                _teasers(spec.top_stories[:1], css),
                "h1",
            )
        )
        parts.append(
            section(
                f"high-priority-stories-list-{spec.build}",
                "section-high-priority-stories-list",
                "Taarifa zaidi kutoka DW",
                _teasers(spec.top_stories[1:], css),
                "h1",
            )
        )
    return f'<section class="row"><div class="alternating-zone col odd-alternating">{"".join(parts)}</div></section>'


def _main(spec: PageSpec, css: Classes) -> str:
    hero = _hero(spec.hero, spec, css) if spec.hero else ""
    own_player = (
        player(spec.media, embedded=False) if spec.media and spec.kind in {"video", "audio"} else ""
    )
    gallery = ""
    if spec.gallery:
        gallery = f'<div class="image-gallery {css("", "gal")}">{"".join(figure(p, spec.drop_captions) for p in spec.gallery)}</div>'
    if spec.posts:
        text = "".join(
            f'<article class="liveblog-post {css("", "post")}" id="post-{p.post_id}"><header><time>{numeric_date(p.published_at)}</time>'
            f'<h2>{esc(p.title)}</h2></header><div class="{css("rich-text", "post-rt")}">{render_rich_text(spec, p.body, bylines=False)}</div></article>'
            for p in spec.posts
        )
        rich = f'<div class="{css("liveblog-posts")}">{text}</div>'
    else:
        rich = f'<div class="{css("rich-text has-italic")}">{render_rich_text(spec)}</div>'
    ad = f'<span></span><div class="{css("advertisement")}"><span class="{css("label-top has-italic")}">Matangazo</span></div>'
    return (
        f'<section class="row"><div class="detail-zone col"><article><div class="{css("content-area")}">'
        f"{_header(spec, css)}{_sharing(spec, css)}{hero}{ad}{own_player}{gallery}{rich}"
        f'<footer><div class="{css("feedback")}"><div id="feedback-button" role="button">Tutumie maoni yako!</div></div></footer>'
        f"</div></article></div></section>"
    )


def render_current(spec: PageSpec) -> str:
    """The whole current-design page."""
    css = Classes(spec.build)
    footer = (
        f'<footer id="footer" class="{css("", "footer")}"><section data-tracking-name="footer-section-standard-links">'
        '<span>©<!-- -->2024<!-- --> Deutsche Welle</span><span><a href="/sw/kuhusu-sisi/a-61006122">Kuhusu sisi</a></span>'
        "</section></footer>"
    )
    return (
        f"{_head(spec, css)}<body>\n  <noscript>\n    You need to enable JavaScript to run this app.\n  </noscript>\n"
        f'  <div id="root"><div class="{css("", "root")}">{_skip_links(css)}{_navigation(spec, css)}'
        f'<div class="container-fluid"><div id="main-content"></div>{_main(spec, css)}{_zone(spec, css)}</div>'
        f'{footer}</div></div><div id="flying-focus" style="visibility:hidden"></div>'
        f"{state_script(spec)}\n</body>\n\n</html>\n"
    )
