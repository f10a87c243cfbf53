"""Damage a DW page the ways the web damages pages: nodes lost, doubled, shuffled or moved,
text replaced, boilerplate glued in, the document cut short, the page data corrupted.

A mutation is plain data (kind, target index, second index, text), so hypothesis can draw and
shrink it; `mutate(html, mutations)` applies a list in order and returns the damaged document.
Indices wrap around the candidates, so every drawn number names some node.
"""

from __future__ import annotations

import copy
import json
import random
import re
from dataclasses import dataclass
from typing import Any, Literal

import lxml.html
from lxml import etree

TreeKind = Literal[
    "delete", "unwrap", "duplicate", "shuffle", "move", "text", "caption", "inject", "glue"
]
TREE_KINDS: tuple[TreeKind, ...] = (
    "delete",
    "unwrap",
    "duplicate",
    "shuffle",
    "move",
    "text",
    "caption",
    "inject",
    "glue",
)
DataKind = Literal["data-value", "data-drop", "data-cut", "data-byte"]
DATA_KINDS: tuple[DataKind, ...] = ("data-value", "data-drop", "data-cut", "data-byte")

# What DW puts around articles and what must never reach a text field (docs/dw-site.md §3.2, §11).
SKIP_LINKS = ("Nenda kwenye maudhui", "Nenda kwenye orodha kuu", "Nenda tovuti zaidi za DW")
CREDITS = ("Picha: Reuters/E. Ngendakumana", "Picha: DW", "Picha:DW/E. Shoo", "Bild: dpa")
FURNITURE = (
    "Ruka sehemu inayofuata Taarifa kuu ya DW",
    "Taarifa kuu ya DW",
    "Taarifa zaidi kutoka DW",
    "Matangazo",
    "https://p.dw.com/p/4boRv",
)
# Odd values page data can hold after a bad deploy: wrong types, dangling references.
ODD_VALUES: tuple[Any, ...] = (
    None,
    0,
    -1,
    10**30,
    1e308,
    True,
    "",
    " ",
    "x",
    "${formatId}",
    "2024-13-45T99:99:99Z",
    [],
    {},
    [None, 1, "a"],
    {"__ref": "Image:0"},
    {"__ref": "NoSuch:1"},
    {"__ref": 7},
    {"id": "abc"},
)
APOLLO = re.compile(r"(window\.__APOLLO_STATE__\s*=\s*)(.*?)(;?\s*</script>)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Mutation:
    """One change to a page; `kind` says which, the rest says where and with what."""

    kind: TreeKind | DataKind
    target: int = 0
    other: int = 0
    text: str = ""


def _elements(root: Any) -> list[Any]:
    body = root.find("body")
    scope = body if body is not None else root
    return [el for el in scope.iter() if isinstance(el.tag, str) and el is not scope]


def _pick(items: list[Any], index: int) -> Any:
    return items[index % len(items)] if items else None


def _is_ancestor(node: Any, of: Any) -> bool:
    return any(parent is node for parent in of.iterancestors()) or node is of


def _xml_safe(text: str) -> str:
    """Drop what lxml refuses in text nodes (control characters, surrogates)."""
    return "".join(
        ch
        for ch in text
        if ch in "\t\n\r" or (ord(ch) >= 0x20 and not 0xD800 <= ord(ch) <= 0xDFFF)
        if ch not in "\ufffe\uffff"
    )


def _tree_mutation(root: Any, mutation: Mutation) -> None:
    nodes = _elements(root)
    node = _pick(nodes, mutation.target)
    if node is None:
        return
    parent = node.getparent()
    text = _xml_safe(mutation.text)
    kind = mutation.kind
    if kind == "delete" and parent is not None:
        node.drop_tree()
    elif kind == "unwrap" and parent is not None:
        node.drop_tag()
    elif kind == "duplicate" and parent is not None:
        parent.insert(parent.index(node) + 1, copy.deepcopy(node))
    elif kind == "shuffle":
        children = list(node)
        random.Random(mutation.other).shuffle(children)
        node[:] = children
    elif kind == "move" and parent is not None:
        destination = _pick(nodes, mutation.other)
        if destination is not None and not _is_ancestor(node, destination):
            destination.append(node)  # lxml moves the node (its tail stays behind)
    elif kind == "text":
        node.text = text
    elif kind == "caption":
        captions = [el for el in nodes if el.tag in {"figcaption", "p"} and _in_figure(el)]
        caption = _pick(captions, mutation.target)
        if caption is not None:
            caption.text = text
    elif kind == "inject":
        paragraph = etree.SubElement(node, "p")
        paragraph.text = text
        node.insert(mutation.other % (len(node) or 1), paragraph)
    elif kind == "glue":
        node.text = (node.text or "") + text if mutation.other % 2 else text + (node.text or "")


def _in_figure(element: Any) -> bool:
    return any(
        a.tag == "figure" or "picBox" in (a.get("class") or "") for a in element.iterancestors()
    )


def _containers(value: Any, found: list[Any]) -> list[Any]:
    if isinstance(value, dict):
        found.append(value)
        for child in value.values():
            _containers(child, found)
    elif isinstance(value, list):
        found.append(value)
        for child in value:
            _containers(child, found)
    return found


def _data_mutation(html: str, mutation: Mutation) -> str:
    match = APOLLO.search(html)
    if match is None:
        return html
    payload = match.group(2)
    if mutation.kind in {"data-value", "data-drop"}:
        try:
            state = json.loads(payload)
        except ValueError:
            return html  # already corrupted by an earlier mutation
        container = _pick(_containers(state, []), mutation.target)
        keys = list(container) if isinstance(container, dict) else range(len(container))
        if not keys:
            return html
        key = list(keys)[mutation.other % len(keys)]
        if mutation.kind == "data-drop":
            del container[key]
        else:
            container[key] = copy.deepcopy(ODD_VALUES[mutation.other % len(ODD_VALUES)])
        payload = json.dumps(state, ensure_ascii=False).replace("</", "<\\/")
    elif mutation.kind == "data-cut":
        payload = payload[: mutation.target % (len(payload) + 1)]
    else:  # data-byte: one character replaced, as a bad proxy or disk does
        position = mutation.target % (len(payload) or 1)
        payload = payload[:position] + (mutation.text[:1] or "\ufffd") + payload[position + 1 :]
    return html[: match.start(2)] + payload + html[match.end(2) :]


def mutate(html: str, mutations: list[Mutation], truncate_at: int | None = None) -> str:
    """Apply tree mutations, then page-data mutations, then an optional cut of the document."""
    tree = [m for m in mutations if m.kind in TREE_KINDS]
    if tree:
        root = lxml.html.document_fromstring(html)
        for mutation in tree:
            _tree_mutation(root, mutation)
        html = lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
    for mutation in mutations:
        if mutation.kind in DATA_KINDS:
            html = _data_mutation(html, mutation)
    if truncate_at is not None:
        html = html[: truncate_at % (len(html) + 1)]
    return html
