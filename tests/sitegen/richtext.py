"""Render a spec's body as DW's rich text: the exact string of `Article.text` and `div.rich-text`."""

from __future__ import annotations

from tests.sitegen.markup import EXTERNAL_ICON, VIDEO_ICON, clock, esc
from tests.sitegen.spec import (
    Embed,
    Extra,
    InlinePhoto,
    Link,
    MediaSpec,
    PageSpec,
    PhotoSpec,
    Raw,
    Text,
)

NBSP_EVERY = 7  # DW's editor leaves &nbsp; between some words; every 7th space becomes one


def linked(text: str, links: tuple[Link, ...], nbsp: bool = True) -> str:
    """Escape a paragraph and wrap each link phrase (first occurrence) in DW's link markup."""
    out = esc(text)
    if nbsp:
        words = out.split(" ")
        out = (
            "".join(
                word + ("&nbsp;" if (i + 1) % NBSP_EVERY == 0 else " ")
                for i, word in enumerate(words[:-1])
            )
            + words[-1]
        )
    for link in links:
        phrase = esc(link.phrase)
        target = out.replace("&nbsp;", " ")
        if phrase not in target:
            continue
        out = target
        if link.href.startswith("/"):
            anchor = f'<a class="internal-link" href="{esc(link.href)}">{phrase}</a>'
        else:
            anchor = (
                f'<a rel="noopener nofollow" target="_blank" class="external-link" '
                f'href="{esc(link.href)}" title="Kiungo cha nje — {phrase}">{phrase}{EXTERNAL_ICON}</a>'
            )
        out = out.replace(phrase, anchor, 1)
    return out


def figure(photo: PhotoSpec, drop_captions: bool) -> str:
    """An in-text figure: lazy image with a `${formatId}` template, caption, credit."""
    caption = ""
    if not drop_captions:
        credit = (
            f'<small class="copyright">Picha: {esc(photo.credit)}</small>' if photo.credit else ""
        )
        caption = f'<figcaption class="img-caption">{esc(photo.caption or "")}{credit}</figcaption>'
    return (
        '<figure class="placeholder-image master_landscape big"><img data-format="MASTER_LANDSCAPE" '
        f'data-id="{photo.image_id}" data-url="https://static.dw.com/image/{photo.image_id}_${{formatId}}.jpg" '
        f'data-aspect-ratio="16/9" alt="{esc(photo.alt)}" style="position:absolute;opacity:0"/>'
        f"{caption}</figure>"
    )


def player(media: MediaSpec, embedded: bool = True) -> str:
    """A video.js wrapper with its headline, as in the 2023-06 sample."""
    label = "Vidio iliyopachikwa" if media.type == "video" else "Sauti iliyopachikwa"
    headline = (
        f'<h2 aria-label="{label} — {esc(media.title)}" class="headline">{VIDEO_ICON}'
        f"{esc(media.title)}</h2>"
    )
    common = (
        f'id="{media.type}-{media.media_id}" controls preload="none" data-id="{media.media_id}" '
        f'data-duration="{clock(media.duration_seconds)}"'
    )
    poster = f' data-posterurl="{esc(media.poster_url)}"' if media.poster_url else ""
    if media.type == "video":
        hls, mp4 = media.urls
        element = (
            f'<video {common} playsInline=""{poster}><source src="{esc(hls)}" '
            f'type="application/x-mpegURL"><source src="{esc(mp4)}" type="video/mp4">'
            '<p class="vjs-no-js">To view this video please enable JavaScript, and consider '
            'upgrading to a web browser that <a href="https://videojs.com/html5-video-support/" '
            'target="_blank">supports HTML5 video</a></p></video>'
        )
    else:
        element = (
            f'<audio {common}{poster}><source src="{esc(media.urls[0])}" type="audio/mpeg"></audio>'
        )
    kind = "embed big" if embedded else "big"
    return f'<div class="vjs-wrapper {kind}">{headline}{element}</div>'


def extra(part: Extra) -> str:
    """Body furniture: promo, sign-off, "Soma pia" link, in-text ad slot."""
    if part.kind == "ad":
        return '<span class="rich-text-ad"></span>'
    if part.kind == "readmore":
        return (
            f'<p><strong>Soma pia:</strong> <a class="internal-link" href="{esc(part.href or "")}">'
            f"{esc(part.text)}</a></p>"
        )
    return f"<p>{esc(part.text)}</p>"


def byline_paragraphs(spec: PageSpec) -> list[str]:
    """The "Mwandishi:" / "Mhariri:" lines Swahili texts end with."""
    lines = []
    if spec.authors and spec.author_display in {"text", "both"}:
        lines.append(f"<p><strong>Mwandishi:</strong> {esc(' na '.join(spec.authors))}</p>")
    if spec.editors:
        lines.append(f"<p>Mhariri: {esc(', '.join(spec.editors))}</p>")
    return lines


def render_rich_text(
    spec: PageSpec, body: tuple[object, ...] | None = None, bylines: bool = True
) -> str:
    """The inner HTML of `div.rich-text` (= `Article.text`)."""
    parts: list[str] = []
    if spec.hero_in_text and spec.hero is not None and body is None:
        parts.append(figure(spec.hero, spec.drop_captions))  # DW repeats the hero in the text
    for part in spec.body if body is None else body:
        if isinstance(part, Text):
            if part.type == "subheading":
                parts.append(f"<h2>{esc(part.text)}</h2>")
            elif part.type == "quote":
                parts.append(f"<blockquote><p>{linked(part.text, part.links)}</p></blockquote>")
            else:
                parts.append(f"<p>{linked(part.text, part.links)}</p>")
        elif isinstance(part, InlinePhoto):
            parts.append(figure(part.photo, spec.drop_captions))
        elif isinstance(part, Embed):
            parts.append(player(part.media))
        elif isinstance(part, Extra):
            parts.append(extra(part))
        elif isinstance(part, Raw):
            parts.append(part.html)
    if bylines:
        parts.extend(byline_paragraphs(spec))
    return "\n\n".join(parts)
