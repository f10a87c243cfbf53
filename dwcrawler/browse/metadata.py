"""The Datasette metadata `dwcrawler serve` uses: the shipped YAML, adapted to one archive."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

import yaml

from dwcrawler.browse.plugin import PLUGIN_NAME

IMAGES_NOTE = (
    " Photos are shown as images, loaded from DW's servers (static.dw.com) by your browser;"
    " <code>dwcrawler serve --no-images</code> shows their addresses instead."
)
NO_IMAGES_NOTE = " Photos are shown as links to DW's servers, not loaded (--no-images)."


def shipped() -> dict[str, Any]:
    """Return the metadata shipped with the package, as written."""
    text = files("dwcrawler.browse").joinpath("metadata.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def build_metadata(*, images: bool) -> dict[str, Any]:
    """Return the metadata for one served archive.

    `images` says whether photos become images (the page says where they load from).
    """
    data = shipped()
    data["description_html"] += IMAGES_NOTE if images else NO_IMAGES_NOTE
    data["plugins"] = {PLUGIN_NAME: {"images": images}}
    return data
