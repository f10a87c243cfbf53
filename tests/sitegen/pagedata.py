"""The page data of a current-design page: `__APOLLO_STATE__` / `__APP_STATE__`, JSON-LD, dataLayer.

Shapes follow the 2024-01 sample (Article, ContentLink, Image, Person, AutoTopic, Video). Video,
audio, gallery and liveblog contents are not in any sample: their fields follow the graph-api
names public DW scrapers read (hlsVideoSrc, mp3Src, duration, extendedGalleryImages, posts).
"""

from __future__ import annotations

import json
from typing import Any

from tests.sitegen.markup import clock, iso_ms, numeric_date, swahili_date
from tests.sitegen.richtext import render_rich_text
from tests.sitegen.spec import InlinePhoto, PageSpec, PhotoSpec, Text

TYPENAMES = {
    "article": "Article",
    "video": "Video",
    "audio": "Audio",
    "gallery": "ImageGallery",
    "liveblog": "Liveblog",
}
LANGUAGES = (
    ("ALBANIAN", "sq", "sq_AL"),
    ("AMHARIC", "am", "am_ET"),
    ("ARABIC", "ar", "ar_AE"),
    ("BENGALI", "bn", "bn_BD"),
    ("BOSNIAN", "bs", "bs_BA"),
    ("CHINESE", "zh", "zh_CN"),
    ("ENGLISH", "en", "en_GB"),
    ("FRENCH", "fr", "fr_FR"),
    ("GERMAN", "de", "de_DE"),
    ("HAUSA", "ha", "ha_NG"),
    ("HINDI", "hi", "hi_IN"),
    ("KISWAHILI", "sw", "sw_TZ"),
    ("PASHTU", "ps", "ps_AF"),
    ("PERSIAN", "fa-af", "fa_AF"),
    ("PORTUGUESE", "pt-002", "pt_PT"),
    ("RUSSIAN", "ru", "ru_RU"),
    ("SPANISH", "es", "es_ES"),
    ("TURKISH", "tr", "tr_TR"),
)
I18N = {
    "component": {
        "a11y": {
            "quick_navigation": {
                "content": "Nenda kwenye maudhui",
                "navigation": "Nenda kwenye orodha kuu",
                "footer": "Nenda tovuti zaidi za DW",
            },
            "skip_section": {"link": "Ruka sehemu inayofuata ${sectionTitle}"},
        },
    },
    "general": {
        "image": {"copyright_prefix": "Picha:"},
        "advertisement": {"ad_label": "Matangazo"},
    },
    "content_block": {"top_story": {"headline": "Taarifa kuu ya DW"}},
}


def _image(store: dict[str, Any], photo: PhotoSpec, hero: bool, spec: PageSpec) -> dict[str, str]:
    """Add an Image and its ContentLink; return the reference to the link."""
    image: dict[str, Any] = {"__typename": "Image", "id": photo.image_id, "name": photo.alt}
    if hero:  # the sample's hero Image carries its template and credit; in-text ones do not
        image["staticUrl"] = f"https://static.dw.com/image/{photo.image_id}_${{formatId}}.jpg"
        image["licenserSupplement"] = photo.credit
        image["imageType"] = "STANDARD"
    store[f"Image:{photo.image_id}"] = image
    key = f'ContentLink:{{"targetId":{photo.image_id}}}'
    store[key] = {
        "__typename": "ContentLink",
        "targetId": photo.image_id,
        "target": {"__ref": f"Image:{photo.image_id}"},
        "additionalInformation": photo.alt,
        "description": None if spec.drop_captions else photo.caption,
        "isInText": not hero,
        "targetType": "IMAGE",
        "name": "",
    }
    return {"__ref": key}


def _content(spec: PageSpec, store: dict[str, Any]) -> dict[str, Any]:
    published, modified = iso_ms(spec.published_at), iso_ms(spec.lastmod)
    people = []
    if spec.author_display in {"header", "both"}:
        for number, name in enumerate(spec.authors):
            person_id = 40_000_000 + spec.dw_id % 1_000_000 * 10 + number
            store[f"Person:{person_id}"] = {
                "__typename": "Person",
                "id": person_id,
                "fullName": name,
                "namedUrl": f"/sw/{name.lower().replace(' ', '-')}/person-{person_id}",
            }
            people.append({"__ref": f"Person:{person_id}"})
    topics = []
    for topic in spec.topics:
        store[f"AutoTopic:{topic.topic_id}"] = {
            "__typename": "AutoTopic",
            "id": topic.topic_id,
            "name": topic.name,
            "namedUrl": topic.path,
        }
        topics.append({"__ref": f"AutoTopic:{topic.topic_id}"})
    links = [_image(store, p.photo, False, spec) for p in spec.body if isinstance(p, InlinePhoto)]
    content: dict[str, Any] = {
        "__typename": TYPENAMES[spec.kind],
        "id": spec.dw_id,
        "namedUrl": spec.path,
        "canonicalUrl": spec.url,
        "language": "KISWAHILI",
        "title": spec.data_title or spec.title,
        "teaser": spec.teaser,
        "text": render_rich_text(spec) if spec.kind not in {"liveblog"} else "",
        "firstPublicationDate": published,
        "lastPublicationDate": published,
        "lastModifiedDate": modified,
        "contentDate": published,
        "contentDateMode": "LAST_PUBLICATION_DATE",
        "localizedContentDate": numeric_date(spec.published_at),
        "localizedContentDateSr": swahili_date(spec.published_at),
        "mainContentImageLink": _image(store, spec.hero, True, spec) if spec.hero else None,
        "persons": people,
        "legacyAuthor": "",
        "thematicFocusCategory": {"__typename": "Category", "name": spec.kicker}
        if spec.kicker
        else None,
        "kicker": "",
        "contentLinks": links,
        "relatedAutoTopics": topics,
        "permaLinkUrl": f"https://p.dw.com/p/{spec.permalink_code}",
        "trackingCategories": ["IDHAA YA KISWAHILI", "Afrika"],
        'topStoriesNavigations({"displayChannel":"DESKTOP"})': [
            {
                "__typename": "Navigation",
                "language": enum,
                "namedUrl": f"/{code}/s-{9000 + i}",
                "localeLang": locale,
            }
            for i, (enum, code, locale) in enumerate(LANGUAGES)
        ],
    }
    if spec.media is not None:
        key = "mp3Src" if spec.media.type == "audio" else "hlsVideoSrc"
        content.update(
            {
                key: spec.media.urls[0],
                "duration": spec.media.duration_seconds,
                "formattedDuration": clock(spec.media.duration_seconds),
                "posterImageUrl": spec.media.poster_url,
            }
        )
    if spec.gallery:
        content["extendedGalleryImages"] = [
            {
                "__typename": "GalleryImage",
                "description": None if spec.drop_captions else photo.caption,
                "additionalInformation": photo.alt,
                "assignedImage": _gallery_image(store, photo),
            }
            for photo in spec.gallery
        ]
    if spec.posts:
        content["posts"] = [
            {
                "__typename": "Post",
                "id": post.post_id,
                "title": post.title,
                "contentDate": iso_ms(post.published_at),
                "text": render_rich_text(spec, post.body, bylines=False),
            }
            for post in spec.posts
        ]
    return content


def _gallery_image(store: dict[str, Any], photo: PhotoSpec) -> dict[str, str]:
    store[f"Image:{photo.image_id}"] = {
        "__typename": "Image",
        "id": photo.image_id,
        "name": photo.alt,
        "staticUrl": f"https://static.dw.com/image/{photo.image_id}_${{formatId}}.jpg",
        "licenserSupplement": photo.credit,
    }
    return {"__ref": f"Image:{photo.image_id}"}


def _inline(value: Any, store: dict[str, Any], depth: int = 0) -> Any:
    """Resolve every __ref (graph-api responses are not normalised)."""
    if depth > 8:
        return value
    if isinstance(value, dict):
        if set(value) == {"__ref"}:
            return _inline(store.get(value["__ref"]), store, depth + 1)
        return {k: _inline(v, store, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_inline(v, store, depth + 1) for v in value]
    return value


def state_script(spec: PageSpec) -> str:
    """The `<script>` holding the page data (or nothing, or a broken one)."""
    if spec.page_data == "none":
        return ""
    store: dict[str, Any] = {}
    content = _content(spec, store)
    store[f"{TYPENAMES[spec.kind]}:{spec.dw_id}"] = content
    if spec.page_data == "app":
        path = f"/graph-api/sw/content/{spec.kind}/{spec.dw_id}"
        state: dict[str, Any] = {path: {"data": {"content": _inline(content, store)}}}
        return f"<script>window.__APP_STATE__={json.dumps(state, ensure_ascii=False)};</script>"
    store["ROOT_QUERY"] = {
        "__typename": "Query",
        'i18nByLang({"lang":"KISWAHILI"})': {
            "__typename": "Translations",
            "all": json.dumps(I18N, ensure_ascii=False),
        },
        "config": {
            "__typename": "FrontendConfig",
            "domainName": "https://www.dw.com",
            "staticBaseHost": "https://static.dw.com",
        },
        f'content({{"id":{spec.dw_id},"lang":"KISWAHILI"}})': {
            "__ref": f"{TYPENAMES[spec.kind]}:{spec.dw_id}"
        },
    }
    # ROOT_QUERY first, as in the samples
    ordered = {"ROOT_QUERY": store.pop("ROOT_QUERY"), **store}
    payload = json.dumps(ordered, ensure_ascii=False, separators=(",", ":"))
    if spec.page_data == "invalid":
        # a deploy that wrote broken JSON: one quote lost
        payload = payload.replace('"__typename":"Query"', '"__typename":Query"', 1)
    return f"<script> window.__APOLLO_STATE__={payload};</script>"


def json_ld(spec: PageSpec) -> str:
    """The JSON-LD object; no named author → the Organization, as DW does."""
    people = [{"@type": "Person", "name": n} for n in spec.authors if spec.author_display != "text"]
    kind = {"video": "VideoObject", "audio": "AudioObject"}.get(spec.kind, "NewsArticle")
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": kind,
        "mainEntityOfPage": {"@type": "WebPage", "@id": spec.url},
        "publisher": {"@type": "Organization", "name": "Deutsche Welle"},
        "author": people or {"@type": "Organization", "name": "Deutsche Welle"},
        "headline": spec.title,
        "dateModified": iso_ms(spec.lastmod),
    }
    data["uploadDate" if kind != "NewsArticle" else "datePublished"] = iso_ms(spec.published_at)
    if spec.hero:
        data["image"] = [
            f"https://static.dw.com/image/{spec.hero.image_id}_{f}.jpg" for f in (804, 604)
        ]
    return f'<script data-rh="true" type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def data_layer(spec: PageSpec) -> str:
    """`window.dataLayer` with DW's pageData."""
    page = {
        "contentTitle": spec.title,
        "contentLanguage": 56,
        "pageOID": spec.dw_id,
        "contentType": 1,
        "date": int(spec.published_at.strftime("%Y%m%d")),
        "pageUrl": spec.url,
        "departmentName": "Kiswahili",
    }
    body = json.dumps(
        [{"pageData": page, "event": "initDataLayer", "webAppVersion": "3.3.0"}], ensure_ascii=False
    )
    return f'<script data-rh="true" >if(!window.dataLayer) {{\n      window.dataLayer = {body}\n    }};</script>'


def first_text_block(spec: PageSpec) -> Text | None:
    """The first text block of the body (for tests)."""
    return next((p for p in spec.body if isinstance(p, Text)), None)
