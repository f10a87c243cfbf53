"""dwcrawler's own Datasette hooks: article text as paragraphs, images off, read-only connections.

Registered by `dwcrawler.browse.app` for `dwcrawler serve` only (not as an entry point, so a
plain `datasette` run elsewhere never sees it). Photos become images through the
datasette-render-image-tags plugin; these hooks run before it (`tryfirst`).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TypeVar, cast

from datasette import hookimpl
from markupsafe import Markup

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable

    Hook = TypeVar("Hook", bound=Callable[..., Any])

PLUGIN_NAME = "dwcrawler-browse"
ARCHIVE_NAME = "dw_sw"  # the name (and URL path) the archive is served under
IMAGE_ENDINGS = (".jpg", ".jpeg", ".png", ".gif", ".webp")
BLOCK_TAGS = {"paragraph": "p", "subheading": "h3", "quote": "blockquote"}
NAME_LISTS = {"authors", "topics", "agencies"}  # article_list's JSON arrays of names


def _hook(function: Hook) -> Hook:
    return cast("Hook", hookimpl(function))


def _hook_first(function: Hook) -> Hook:
    return cast("Hook", hookimpl(tryfirst=True)(function))


def body_html(value: str) -> Markup | None:
    """Render an article's body (a JSON list of {type, text} blocks) as HTML paragraphs."""
    try:
        blocks = json.loads(value)
    except ValueError:
        return None
    if not isinstance(blocks, list) or not all(
        isinstance(b, dict) and isinstance(b.get("text"), str) for b in blocks
    ):
        return None
    parts = []
    for block in blocks:
        tag = BLOCK_TAGS.get(str(block.get("type")), "p")
        parts.append(Markup("<{0}>{1}</{0}>").format(Markup(tag), block["text"]))
    return Markup('<div class="dw-body">{}</div>').format(Markup("").join(parts))


def names_html(value: str) -> Markup | None:
    """Render a JSON array of names as "a, b" (None for anything else)."""
    try:
        names = json.loads(value)
    except ValueError:
        return None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        return None
    return Markup(", ").join(names) or Markup("&nbsp;")  # empty Markup: Datasette shows "[]"


def _is_image_url(value: str) -> bool:
    text = value.strip()
    return text.startswith(("https://", "http://")) and text.lower().endswith(IMAGE_ENDINGS)


def _images_on(datasette: Any) -> bool:
    config = datasette.plugin_config(PLUGIN_NAME) or {}
    return bool(config.get("images", True))


@_hook_first
def render_cell(
    row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any
) -> Markup | None:
    """Show body blocks as paragraphs and name lists as names; URL templates stay text."""
    if database != ARCHIVE_NAME:
        return None
    if column == "revisions" and table == "article_list" and isinstance(value, int):
        link = f"/{ARCHIVE_NAME}/revision_changes?article_id={int(row['dw_id'])}"
        return Markup('<a href="{}">{}</a>').format(link, value)
    if not isinstance(value, str):
        return None
    if column == "body" and value.startswith("["):
        return body_html(value)
    if column in NAME_LISTS and table == "article_list":
        return names_html(value)
    if column == "url_template":  # `…_${formatId}.jpg` is no image: never an <img>
        return Markup("{}").format(value)
    if _is_image_url(value) and not _images_on(datasette):
        return Markup('<a href="{0}">{0}</a>').format(value.strip())
    return None


@_hook
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Any) -> None:
    """Make every connection to the archive refuse writes, whatever opened it."""
    if database == ARCHIVE_NAME:
        # Datasette already opens the file with mode=ro (or immutable=1); query_only also
        # covers the one read-write connection Datasette keeps for plugins that write.
        conn.execute("PRAGMA query_only = ON")
