"""Markup helpers shared by the renderers: escaping, generated `sc-*` classes, dates, padding."""

from __future__ import annotations

import random
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from datetime import datetime

SW_MONTHS = (
    "Januari",
    "Februari",
    "Machi",
    "Aprili",
    "Mei",
    "Juni",
    "Julai",
    "Agosti",
    "Septemba",
    "Oktoba",
    "Novemba",
    "Desemba",
)
ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20" class="{cls}"><g fill="none" '
    'fill-rule="evenodd" stroke="#002D5A" stroke-width="2"><path d="M4 9L4 16 11 16" '
    'transform="rotate(45 7.5 12.5)"></path></g></svg>'
)
EXTERNAL_ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20"><path '
    'd="M11.5 3.5 11.5 4.233C14.342 4.233 15.167 4.245 15.167 4.258L8.984 10.467"></path></svg>'
)
VIDEO_ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20"><g fill-rule="evenodd"><path '
    'd="M14.114 7.599H13.5l.002 4.706h.601l4.582 3.25-.005-11.11z"></path></g></svg>'
)


def esc(text: str) -> str:
    """Escape text for element content and attributes."""
    return escape(text, quote=True)


def numeric_date(when: datetime) -> str:
    """DW's numeric date: 24.04.2019."""
    return when.strftime("%d.%m.%Y")


def swahili_date(when: datetime) -> str:
    """The Swahili long date: "24 Aprili 2019" (no leading zero)."""
    return f"{when.day} {SW_MONTHS[when.month - 1]} {when.year}"


def iso_ms(when: datetime) -> str:
    """DW's ISO timestamps: milliseconds and Z (2024-01-30T14:13:12.269Z)."""
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def clock(seconds: int) -> str:
    """Duration as DW prints it: 03:38 or 1:02:03."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def encode_path(path: str) -> str:
    """Percent-encode a path as DW's `<link rel=canonical>` does."""
    return quote(path, safe="/-_.~")


class Classes:
    """styled-components class names for one DW build: `sc-xxxxx hhhhh semantic`.

    The same semantic class gets the same hashes within one page and different ones in another
    build, like DW's deploys.
    """

    _LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

    def __init__(self, build: int) -> None:
        self._rng = random.Random(f"build-{build}")
        self._cache: dict[str, str] = {}

    def _hash(self, length: int) -> str:
        return "".join(self._rng.choice(self._LETTERS) for _ in range(length))

    def __call__(self, semantic: str = "", key: str | None = None) -> str:
        """Return the class attribute value for a semantic class (or an anonymous element)."""
        slot = key or semantic or "anon"
        if slot not in self._cache:
            self._cache[slot] = (
                f"sc-{self._hash(5)} sc-{self._hash(6)} {self._hash(5)} {self._hash(6)}"
            )
        generated = self._cache[slot]
        return f"{generated} {semantic}".strip()

    def stylesheet(self, rules: int) -> str:
        """A styled-components `<style>` body with `rules` generated rules (page weight)."""
        lines = []
        for index in range(rules):
            name = self._hash(6)
            lines.append(
                f".{name}{{margin:0 {index % 9}px;display:flex;color:#0{index % 10}2186;}}/*!sc*/\n"
                f'data-styled.g{index + 1}[id="sc-{self._hash(5)}"]{{content:"{name},"}}/*!sc*/'
            )
        return "\n".join(lines)
