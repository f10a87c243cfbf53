"""One-line summaries of what changed between two content snapshots (see `db.hashing`).

A summary names each changed field with the smallest piece of text that shows the change:
`title: «old» → «new»`, `body: «…the words around the edit…» → «…»`, `+1 photo`,
`caption 2: «old» → «new»`. Pieces are cut to a few words of context, so a summary stays a line.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

CONTEXT = 3  # words kept on each side of an edit
PIECE = 60  # characters at most of one quoted piece
NOTHING = "∅"


def _quote(text: str | None) -> str:
    if not text:
        return NOTHING
    text = " ".join(text.split())
    if len(text) > PIECE:
        cut = text.rfind(" ", 0, PIECE)  # between words, where there is a space to cut at
        text = text[: cut if cut > PIECE // 2 else PIECE - 1].rstrip(" …") + "…"
    return f"«{text}»"


def excerpt(old: str | None, new: str | None) -> tuple[str, str]:
    """Return the first edited stretch of two texts, with `CONTEXT` words around it."""
    a, b = (old or "").split(), (new or "").split()
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        start_a, start_b = max(0, i1 - CONTEXT), max(0, j1 - CONTEXT)
        end_a, end_b = min(len(a), i2 + CONTEXT), min(len(b), j2 + CONTEXT)
        lead = "…" if start_a > 0 else ""
        return (
            lead + " ".join(a[start_a:end_a]) + ("…" if end_a < len(a) else ""),
            lead + " ".join(b[start_b:end_b]) + ("…" if end_b < len(b) else ""),
        )
    return old or "", new or ""


def _change(name: str, old: str | None, new: str | None, *, whole: bool = False) -> str:
    if whole or not old or not new:
        return f"{name}: {_quote(old)} → {_quote(new)}"
    before, after = excerpt(old, new)
    return f"{name}: {_quote(before)} → {_quote(after)}"


def _body(old: list[dict[str, str]], new: list[dict[str, str]]) -> str:
    a, b = [block["text"] for block in old], [block["text"] for block in new]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "insert":
            return f"body: +{j2 - j1} block(s) {_quote(b[j1])}"
        if tag == "delete":
            return f"body: -{i2 - i1} block(s) {_quote(a[i1])}"
        if tag == "replace":
            return _change("body", " ".join(a[i1:i2]), " ".join(b[j1:j2]))
    return "body: block types changed"


def _photos(old: list[Any], new: list[Any]) -> str:
    if len(new) != len(old):
        sign = "+" if len(new) > len(old) else "-"
        return f"photos: {sign}{abs(len(new) - len(old))} ({len(old)} → {len(new)})"
    changed = sum(o != n for o, n in zip(old, new, strict=True))
    return f"photos: {changed} replaced or moved"


def _nth(name: str, old: list[str | None], new: list[str | None]) -> str:
    for number, (o, n) in enumerate(zip(old, new, strict=False), start=1):
        if o != n:
            return _change(f"{name} {number}", o, n)
    return f"{name}s: {len(old)} → {len(new)}"


def _part(name: str, old: dict[str, Any], new: dict[str, Any]) -> str:
    a, b = old.get(name), new.get(name)
    if name in {"title", "teaser"}:
        return _change(name, a, b, whole=name == "title")
    if name == "body":
        return _body(a or [], b or [])
    if name in {"authors", "editors"}:
        return f"{name}: {'; '.join(a or []) or NOTHING} → {'; '.join(b or []) or NOTHING}"
    if name == "photos":
        return _photos(a or [], b or [])
    return _nth(name.removesuffix("s"), a or [], b or [])  # captions, credits


def summarise(old: dict[str, Any] | None, new: dict[str, Any], fields: list[str]) -> str:
    """Return the one-line summary of a revision (`old` None: the previous one is missing)."""
    if old is None:
        return "changed: " + ", ".join(fields)
    return "; ".join(_part(name, old, new) for name in fields) or "no content change"
