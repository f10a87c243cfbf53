"""Small helpers over lxml elements: class tests, text with element boundaries kept."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, TypeVar

from lxml import etree

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from lxml.html import HtmlElement

T = TypeVar("T")

# Tags whose text is never reader-visible text.
INVISIBLE_TAGS = frozenset({"script", "style", "svg", "noscript", "template", "head", "title"})
_BREAKS = ("\n", "\r", "\t", "\f")


def spaced(text: str) -> str:
    """Return a text node as HTML renders it: the source's line breaks and tabs are spaces.

    Only `<br>` breaks a line, so a page re-indented by its CMS reads the same.
    """
    for char in _BREAKS:
        if char in text:  # `in` is a fast scan; most text nodes hold no break at all
            text = text.replace(char, " ")
    return text


def classes(element: HtmlElement) -> set[str]:
    """Return the element's class tokens."""
    return set((element.get("class") or "").split())


def has_class(element: HtmlElement, name: str) -> bool:
    """Return True if the element has the class token `name`."""
    return name in (element.get("class") or "").split()


def is_element(node: object) -> bool:
    """Return True for a real element (not a comment or processing instruction)."""
    return isinstance(node, etree._Element) and isinstance(node.tag, str)


def text_of(
    element: HtmlElement,
    *,
    drop_tags: Iterable[str] = (),
    drop_classes: Iterable[str] = (),
) -> str:
    """Return the visible text of `element`: `<br>` as a line break, dropped parts skipped.

    White space is read as HTML renders it: the source's line breaks and tabs are spaces, only
    `<br>` breaks a line. Text of adjacent elements is joined as the browser shows it (no space
    added between `<figcaption>` text and its `<small>`), so callers read such parts separately.
    """
    if not len(element):  # no child: the common paragraph without markup
        return spaced(element.text or "")
    return visible_text(element, skipping(drop_tags), frozenset(drop_classes))


@functools.lru_cache(maxsize=32)
def _skip_tags(drop_tags: frozenset[str]) -> frozenset[str]:
    return INVISIBLE_TAGS | drop_tags


def skipping(drop_tags: Iterable[str]) -> frozenset[str]:
    """Return the tags `visible_text` skips besides `drop_tags`: the invisible ones too."""
    return _skip_tags(frozenset(drop_tags))


def visible_text(
    element: HtmlElement, skip_tags: frozenset[str], skip_classes: frozenset[str]
) -> str:
    """`text_of` with its skip sets prepared (`skipping`): for callers that read many blocks."""
    if not len(element):
        return spaced(element.text or "")
    if _plain(element, skip_tags, skip_classes):
        # libxml2 serialises the text in C: a fraction of the cost of joining `itertext()`,
        # and the same text once `_plain` has ruled out breaks, skipped parts and comments.
        return spaced(etree.tostring(element, method="text", encoding=str, with_tail=False))
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node.text:
            parts.append(spaced(node.text))
        for child in node:
            tag = child.tag
            if isinstance(tag, str):  # an element, not a comment or processing instruction
                tag = tag.lower()
                if tag == "br":
                    parts.append("\n")
                elif tag not in skip_tags and not (skip_classes and classes(child) & skip_classes):
                    walk(child)
            if child.tail:
                parts.append(spaced(child.tail))

    walk(element)
    return "".join(parts)


def _plain(element: HtmlElement, skip_tags: frozenset[str], skip_classes: frozenset[str]) -> bool:
    """Return True if no descendant needs the walk: no `<br>`, nothing to skip, no comment."""
    for node in element.iterdescendants():
        tag = node.tag
        if not isinstance(tag, str) or tag == "br" or tag in skip_tags:
            return False
        if skip_classes and (node.get("class") or "") and classes(node) & skip_classes:
            return False
    return True


def by_id(root: HtmlElement, element_id: str) -> HtmlElement | None:
    """Return the first element with this id (document order), or None."""
    return next((el for el in root.iter() if el.get("id") == element_id), None)


def find_with_class(root: HtmlElement, tag: str, name: str) -> HtmlElement | None:
    """Return the first `tag` element under `root` with the class token `name`, or None."""
    return next((el for el in root.iter(tag) if has_class(el, name)), None)


def child_with_class(root: HtmlElement, tag: str, name: str | None) -> HtmlElement | None:
    """Return the first child `tag` element of `root` (with the class token `name`), or None."""
    for child in root:
        if child.tag == tag and (name is None or has_class(child, name)):
            return child
    return None


def first(items: Sequence[T]) -> T | None:
    """Return the first item of a sequence (elements, selectors), or None."""
    return items[0] if items else None


def int_or_none(value: str | None) -> int | None:
    """Return an attribute's whole number (`data-id="59234409"`), or None."""
    return int(value) if value and value.strip().isdigit() else None
