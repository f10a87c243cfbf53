"""The page data of the current design: `window.__APOLLO_STATE__` (or `__APP_STATE__`).

Apollo's cache is normalised: objects sit under "Type:id" keys and link by {"__ref": key}; the
page's own content is `ROOT_QUERY["content({"id":N,"lang":"KISWAHILI"})"]`. The graph-api map
(`__APP_STATE__`, "/graph-api/sw/content/article/N" → {"data": {"content": …}}) holds the same
fields inline. `PageData` hides the difference: every read resolves one `__ref`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import orjson

from dwcrawler.pages import selectors as S

_CONTENT_ID = re.compile(r'"id"\s*:\s*(\d+)')
_MAX_STATE_CHARS = 20_000_000  # a sane page's state is < 1 MB; refuse pathological inputs


@dataclass(slots=True)
class PageData:
    """The page's content object, with the store its references point into."""

    content: dict[str, Any]
    store: dict[str, Any] = field(default_factory=dict)

    def deref(self, value: Any) -> Any:
        """Resolve a {"__ref": "Type:id"} link; other values pass through."""
        if isinstance(value, dict) and isinstance(value.get("__ref"), str):
            target = self.store.get(value["__ref"])
            return target if isinstance(target, dict) else None
        return value

    def get(self, obj: Any, key: str) -> Any:
        """Read `key` of an object (resolving the object and the value)."""
        obj = self.deref(obj)
        return self.deref(obj.get(key)) if isinstance(obj, dict) else None

    def text(self, obj: Any, key: str) -> str | None:
        """Read a non-empty string field."""
        value = self.get(obj, key)
        return value if isinstance(value, str) and value.strip() else None

    def integer(self, obj: Any, key: str) -> int | None:
        """Read an integer field (DW writes some ids as strings)."""
        value = self.get(obj, key)
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
        return None

    def items(self, obj: Any, key: str) -> list[dict[str, Any]]:
        """Read a list field as resolved objects (non-objects are skipped)."""
        value = self.get(obj, key)
        if not isinstance(value, list):
            return []
        return [item for item in (self.deref(v) for v in value) if isinstance(item, dict)]

    def read(self, key: str) -> Any:
        """Read a field of the page content."""
        return self.get(self.content, key)


def _json_after(text: str, start: int) -> Any:
    """Decode the JSON value assigned after `start` (the end of `window.X`, in `window.X={…};`)."""
    brace = text.find("{", start)
    # The page data is the page's last script: its end is the last `</script>`, found from the
    # end at once (searching forward crosses the whole JSON, full of "<" from the article).
    end = text.rfind("</script>")
    if end < brace:
        end = text.find("</script>", brace)
    if brace < 0:
        raise ValueError("no JSON object after the marker")
    chunk = text[brace : end if end > 0 else len(text)]
    if len(chunk) > _MAX_STATE_CHARS:
        raise ValueError("page data too large")
    try:
        # DW writes `window.X={…};</script>`: the object is the text up to the `;`.
        return orjson.loads(chunk.rstrip().removesuffix(";"))
    except orjson.JSONDecodeError:
        # Something after the object (another statement): read the object alone.
        value, _ = json.JSONDecoder().raw_decode(chunk)
        return value


def _apollo_content(state: dict[str, Any], dw_id: int | None) -> dict[str, Any] | None:
    root = state.get("ROOT_QUERY")
    if not isinstance(root, dict):
        return None
    candidates = [
        (key, value)
        for key, value in root.items()
        if key.startswith(S.APOLLO_CONTENT_KEY_PREFIX) and isinstance(value, dict)
    ]
    for key, value in candidates:
        match = _CONTENT_ID.search(key)
        if dw_id is None or (match and int(match[1]) == dw_id):
            ref = value.get("__ref")
            if "__ref" in value:  # a reference that is no key ("__ref": []) leads nowhere
                target = state.get(ref) if isinstance(ref, str) else None
            else:
                target = value
            return target if isinstance(target, dict) else None
    return None


def _app_content(state: dict[str, Any], dw_id: int | None) -> dict[str, Any] | None:
    for key, value in state.items():
        if S.APP_STATE_CONTENT_PATH not in key or not isinstance(value, dict):
            continue
        if dw_id is not None and not key.rstrip("/").endswith(f"/{dw_id}"):
            continue
        data = value.get("data")
        content = data.get("content") if isinstance(data, dict) else None
        if isinstance(content, dict):
            return content
    return None


def load_page_data(text: str, dw_id: int | None) -> tuple[PageData | None, list[str]]:
    """Find and decode the page data; return it (or None) and warnings about it.

    Invalid JSON or a state without this page's content is a warning, never an error: the
    page objects then read the rendered HTML alone.
    """
    for marker, finder in ((S.APOLLO_MARKER, _apollo_content), (S.APP_STATE_MARKER, _app_content)):
        # The page data is the page's last script: searched from the end, it is found at once.
        found = text.rfind(marker)
        if found < 0:
            continue
        name = marker.removeprefix("window.")
        try:
            state = _json_after(text, found + len(marker))
        except (ValueError, RecursionError) as exc:
            reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
            return None, [f"invalid-page-data: {name} is not valid JSON ({reason}); used the HTML"]
        if not isinstance(state, dict):
            return None, [f"invalid-page-data: {name} is not a JSON object; used the HTML"]
        content = finder(state, dw_id)
        if content is None:
            return None, [f"no-page-content: {name} has no content for this page; used the HTML"]
        return PageData(content=content, store=state), []
    return None, []
