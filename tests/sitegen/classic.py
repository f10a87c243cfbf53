"""Render a classic-design DW Kiswahili page, built on the en/de/fr classic samples' structure.

`<title>` "… | Matukio ya Afrika | DW | DD.MM.YYYY", the German quick-jump list (German even on
/sw/), the "Matangazo" ad label, `#bodyContent > div.col3` with `h4.artikel`, `h1`, `p.intro`,
the sharing bar, `div.picBox` (credit in the alt's parentheses), `div.longText` ending in
"Mwandishi:"/"Mhariri:" lines, `ul.smallList` (twice) and related teasers. Media pages (`av-`)
carry the hidden inputs youtube-dl's DW extractor read and "Sikiliza sauti mm:ss".
"""

from __future__ import annotations

from tests.sitegen.markup import clock, encode_path, esc, numeric_date
from tests.sitegen.richtext import byline_paragraphs
from tests.sitegen.spec import Embed, Extra, InlinePhoto, Link, PageSpec, PhotoSpec, Raw, Text

SECTION = "Matukio ya Afrika"
QUICKJUMP = (
    ("Inhalt", "#bodyContent"),
    ("Navigation", "#navMain"),
    ("Weitere Inhalte", "#aside"),
    ("Metanavigation", "#navMeta"),
    ("Suche", "#search"),
    ("Choose from 30 Languages", "#langSelect"),
)


def _alt(photo: PhotoSpec) -> str:
    return f"{photo.alt} ({photo.credit})" if photo.credit else photo.alt


def picture_box(photo: PhotoSpec, spec: PageSpec, hero: bool) -> str:
    """`div.picBox`: hero at 303 on static.dw.com, in-text at 404 with a relative URL."""
    src = (
        f"https://static.dw.com/image/{photo.image_id}_303.jpg"
        if hero
        else f"/image/{photo.image_id}_404.jpg"
    )
    caption = "" if spec.drop_captions or photo.caption is None else esc(photo.caption)
    size = "full" if hero else "medium\nrechts\n"
    return (
        f'<div class="picBox {size}"> <a class="overlayLink" href="#" link="/overlay/image/article/'
        f'{spec.dw_id}/{photo.image_id}" rel="nofollow" style="cursor: pointer;"> <img itemprop="image" '
        f'src="{src}" title="{esc(_alt(photo))}" alt="{esc(_alt(photo))}" /> </a>\n<p>{caption}</p>\n</div>'
    )


def _paragraph(text: str, links: tuple[Link, ...]) -> str:
    out = esc(text)
    for link in links:
        phrase = esc(link.phrase)
        out = out.replace(phrase, f'<a href="{esc(link.href)}">{phrase}</a>', 1)
    return out


def long_text(spec: PageSpec) -> str:
    """The body column: paragraphs, sub-headings (`h2` or `<p><strong>`), picture boxes."""
    parts = []
    for part in spec.body:
        if isinstance(part, Text):
            if part.type == "subheading":
                parts.append(
                    f"<h2>{esc(part.text)}</h2>"
                    if spec.build % 2
                    else f"<p> <strong>{esc(part.text)}</strong></p>"
                )
            elif part.type == "quote":
                parts.append(f"<blockquote>{_paragraph(part.text, part.links)}</blockquote>")
            else:
                parts.append(f"<p>{_paragraph(part.text, part.links)}</p>")
        elif isinstance(part, InlinePhoto):
            parts.append(picture_box(part.photo, spec, hero=False))
        elif isinstance(part, Extra):
            if part.kind == "ad":
                parts.append('<div class="adWrapper"><div class="adHeadline">Matangazo</div></div>')
            elif part.kind == "readmore":
                parts.append(
                    f'<p><strong>Soma pia:</strong> <a href="{esc(part.href or "")}">{esc(part.text)}</a></p>'
                )
            else:
                parts.append(f"<p>{esc(part.text)}</p>")
        elif isinstance(part, Raw):
            parts.append(part.html)
        elif isinstance(part, Embed):  # classic embeds are iframes: no media for the archive
            parts.append(
                '<div class="col2"> <iframe width="460" height="259" src="https://www.youtube.com/embed/x"></iframe> </div>'
            )
    parts.extend(byline_paragraphs(spec))
    return " ".join(parts)


def small_list(spec: PageSpec) -> str:
    """The metadata list; the Swahili labels are unverified, the extractor ignores labels."""
    items = [f"<li><strong>Tarehe</strong>\n{numeric_date(spec.published_at)}\n</li>"]
    if spec.authors and spec.author_display in {"header", "both"}:
        items.append(f"<li>\n<strong>Mwandishi</strong>\n{esc(', '.join(spec.authors))}\n</li>")
    if spec.topics:
        links = ", ".join(f'<a\nhref="{esc(t.path)}">{esc(t.name)}</a>' for t in spec.topics)
        items.append(f"<li>\n<strong>Mada</strong>\n{links}\n</li>")
    keywords = ",\n".join(
        f'<a href="/search/sw?languageCode=sw&origin=gN&item={esc(t.name)}" rel="nofollow">{esc(t.name)}</a>'
        for t in spec.topics[:2]
    )
    items.append(f"<li>\n<strong>Maneno muhimu</strong>\n{keywords}\n</li>")
    items.append(
        '<li>\n<strong>Chapisha</strong>\n<a class="icon print" rel="nofollow" href="javascript:window.print()">Chapisha ukurasa huu</a>\n</li>'
    )
    items.append(
        f"<li>\n<strong>Kiungo cha kudumu</strong>\nhttps://p.dw.com/p/{spec.permalink_code}\n</li>"
    )
    return f'<div class="group">\n<ul class="smallList">\n{"".join(items)}</ul>\n</div>'


def _media_item(spec: PageSpec) -> str:
    media = spec.media
    if media is None:
        return ""
    inputs = {
        "media_id": str(media.media_id),
        "media_title": media.title,
        "player_type": media.type,
        "file_name": media.urls[-1],
        "file_duration": str(media.duration_seconds),
        "display_date": spec.published_at.strftime("%Y%m%d"),
        "preview_image": media.poster_url or "",
    }
    hidden = "".join(
        f'<input type="hidden" name="{k}" value="{esc(v)}"/>\n' for k, v in inputs.items()
    )
    label = "Sikiliza sauti" if media.type == "audio" else "Tazama vidio"
    return (
        f'<div class="mediaItem" data-media-id="{media.media_id}">\n{hidden}'
        f'<a class="overlayLink" href="/overlay/media/sw/{esc(spec.slug)}/{media.media_id}/{spec.dw_id}" rel="nofollow">'
        f'<span class="icon {media.type}"></span>{label} {clock(media.duration_seconds)}</a>\n</div>'
    )


def _related(spec: PageSpec) -> str:
    cards = "".join(
        f'<div class="col1" data-id="{t.path.rpartition("-")[2]}"><div class="news"><a href="{esc(t.path)}">'
        f'<h2 class="">\n{esc(t.title)}\n<span class="date">{numeric_date(spec.published_at)}</span>\n</h2></a></div></div>'
        for t in spec.related
    )
    return (
        f'<div class="col3 relatedContent">\n<h4 class="meta">Taarifa zinazohusiana</h4>\n{cards}</div>'
        if cards
        else ""
    )


def render_classic(spec: PageSpec) -> str:
    """The whole classic-design page."""
    canonical = "https://www.dw.com" + encode_path(spec.path)
    date = numeric_date(spec.published_at)
    section = "IDHAA YA KISWAHILI" if spec.av_prefix else SECTION
    quickjump = "".join(
        f'<li role="listitem"><a href="{href}">{label}</a></li>\n' for label, href in QUICKJUMP
    )
    hero = picture_box(spec.hero, spec, hero=True) if spec.hero else ""
    intro = f'<p class="intro">{esc(spec.teaser)}</p>\n' if spec.teaser else ""
    rss = "".join(
        f'<div class="linkList internal"><a href="https://www.dw.com{esc(t.path)}?maca=sw-rss-sw-all-1">\n<h2>{esc(t.title)}</h2></a></div>'
        for t in spec.top_stories
    )
    return (
        '<!DOCTYPE html>\n<!--[if lt IE 7 ]><!-->\n<html lang="sw" class="ie ie6"> <!--<![endif]-->\n'
        '<!--[if (gt IE 9)|!(IE)]><!-->\n<html lang="sw"> <!--<![endif]-->\n<head>\n'
        f'<link rel="canonical" href="{esc(canonical)}">\n'
        f'<link rel="amphtml" href="{esc(canonical.replace("www.", "amp."))}">\n'
        f'<link rel="alternate" media="only screen and (max-width: 640px)" href="{esc(canonical.replace("www.", "m."))}">\n'
        '<script type="text/javascript" src="/js/jquery-3.4.1.min.js"></script>\n'
        '<meta http-equiv="content-type" content="text/html; charset=utf-8">\n'
        '<meta name="publisher" content="Deutsche Welle (www.dw.com)">\n'
        '<meta name="author" content="Deutsche Welle (www.dw.com)">\n<meta name="language" content="sw_TZ">\n'
        f'<meta name="keywords" content="{esc(",".join(t.name for t in spec.topics))}">\n'
        f'<meta name="description" content="{esc(spec.teaser or "")}">\n'
        f'<meta property="og:title" content="{esc(spec.title)} | DW | {date}"/>\n'
        f'<meta property="og:url" content="{esc(canonical)}"/>\n'
        f"<title>{esc(spec.title)} | {section} | DW | {date}</title>\n</head>\n"
        f'<body id="html_body">\n<script type="text/javascript">var dwInitialTrackingInfo = {{ pageId: "{spec.dw_id}" }};</script>\n'
        f'<ol id="quickjump" role="list">\n{quickjump}</ol>\n'
        '<div id="navPath"><a href="/sw/idhaa-ya-kiswahili/s-11588">IDHAA YA KISWAHILI</a> / '
        f'<a href="/sw/matukio-ya-afrika/s-11603">{SECTION}</a></div>\n<div id="innerFrame">\n'
        '<div class="adsContainer"><div class="advertising"><div class="bannerAd adWrapper"><div class="adHeadline">Matangazo</div></div></div></div>\n'
        f'<div id="bodyContent">\n<div class="col3">\n<h4 class="artikel">{esc(spec.kicker or SECTION)}</h4>\n'
        f"<h1>{esc(spec.title)}</h1>\n{intro}"
        '<div id="sharing-bar" class="min"><span dir="ltr"><a class="sharing-item fb static" href="https://www.facebook.com/sharer/sharer.php?u=x"></a></span><p class="sharing-item toggler"></p></div> '
        f'{hero}{_media_item(spec)}<div class="group">\n<div class="longText">\n{long_text(spec)}\n</div>\n</div>\n'
        '<div style="clear:both; height:0; font-size:1px; line-height: 0"></div>\n'
        f"<h4>Sauti na Vidio Kuhusu Mada</h4>\n{small_list(spec)}\n{_related(spec)}\n</div>\n"
        f'<div class="col1 dim">\n{small_list(spec)}\n<div class="col1 rssFeedTeaser"><div><h4>{SECTION}</h4>{rss}</div></div>\n</div>\n'
        '</div>\n</div>\n<div id="footerSection"><p id="copyright">© 2021 Deutsche Welle | '
        '<a href="/sw/sera-ya-faragha/a-18265246">Sera ya faragha</a></p></div>\n</body>\n</html>\n'
    )
