"""Extraction benchmark: dwcrawler's `extract_page` against trafilatura on the fixture pages.

Same run, same pages, interleaved rounds: pages per second (medians over rounds), body-text
token F1 against a reference per page, and the share of photos whose caption and credit come
out separated. References: the golden JSON of the generated pages (derived from their specs),
fundus's independent expected parse for the German samples, and the reviewed golden JSON for the
English and French samples (marked "self": a check of stability, not of quality).

    make bench ONLY=extract
"""

from __future__ import annotations

import json
import logging
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import trafilatura

from dwcrawler.extraction import extract_page

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
ROUNDS = 7
FUNDUS = {
    "de_article_old-design_2023-04_fundus": "V1",
    "de_article_new-design_2023-06_fundus": "V2",
    "de_article_new-design_2024-01_fundus": "V2_1",
}
_TOKEN = re.compile(r"\w+")


@dataclass
class Page:
    """One benchmark page and its reference."""

    name: str
    html: bytes
    reference: str  # body text
    source: str  # golden | fundus | self
    photos: list[dict[str, Any]]


def tokens(text: str) -> Counter[str]:
    """Lower-cased word tokens."""
    return Counter(_TOKEN.findall(text.casefold()))


def f1(got: str, want: str) -> float:
    """Token F1 of `got` against `want` (1.0 when both are empty)."""
    g, w = tokens(got), tokens(want)
    if not g and not w:
        return 1.0
    overlap = sum((g & w).values())
    if overlap == 0:
        return 0.0
    precision, recall = overlap / sum(g.values()), overlap / sum(w.values())
    return 2 * precision * recall / (precision + recall)


def _body(data: dict[str, Any]) -> str:
    return "\n\n".join(block["text"] for block in data["body"])


def load_pages() -> list[Page]:
    """Load the generated fixture pages and the real samples, with their references."""
    fundus = json.loads(
        (FIXTURES / "samples" / "de_fundus_DW_expected-parse.json").read_text("utf-8")
    )
    pages = []
    for html in sorted((FIXTURES / "pages").glob("*/*.html")) + sorted(
        (FIXTURES / "samples").glob("*.html")
    ):
        golden = json.loads(html.with_suffix(".json").read_text("utf-8"))
        name, source, reference = (
            html.stem,
            "golden" if "pages" in html.parts else "self",
            _body(golden),
        )
        if html.stem in FUNDUS:
            parse = fundus[FUNDUS[html.stem]]
            parts = [
                t for s in parse["body"]["sections"] for t in (*s["headline"], *s["paragraphs"])
            ]
            source, reference = "fundus", "\n\n".join(parts)
        pages.append(Page(name, html.read_bytes(), reference, source, golden["photos"]))
    return pages


def separated(found: list[dict[str, Any]], wanted: list[dict[str, Any]]) -> tuple[int, int]:
    """(photos with caption and credit both right, photos that have both in the reference)."""
    by_id = {p["image_id"]: p for p in found}
    both = [p for p in wanted if p["caption"] and p["credit"]]
    right = sum(
        1
        for p in both
        if (got := by_id.get(p["image_id"]))
        and (got["caption"], got["credit"]) == (p["caption"], p["credit"])
    )
    return right, len(both)


def main() -> None:
    """Run the benchmark and print its table."""
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    pages = load_pages()
    ours_times: dict[str, list[float]] = {p.name: [] for p in pages}
    theirs_times: dict[str, list[float]] = {p.name: [] for p in pages}
    ours_out: dict[str, Any] = {}
    theirs_out: dict[str, str] = {}
    totals: list[tuple[float, float]] = []
    for _ in range(ROUNDS):
        round_ours = round_theirs = 0.0
        for page in pages:
            start = time.perf_counter()
            item = extract_page(page.html)
            middle = time.perf_counter()
            text = trafilatura.extract(page.html) or ""
            end = time.perf_counter()
            ours_times[page.name].append(middle - start)
            theirs_times[page.name].append(end - middle)
            round_ours += middle - start
            round_theirs += end - middle
            ours_out[page.name], theirs_out[page.name] = item, text
        totals.append((round_ours, round_theirs))
    print(
        f"{'page':58} {'ref':6} {'F1 ours':>7} {'F1 traf':>7} {'ms ours':>8} {'ms traf':>8} photos"
    )
    right = wanted = 0
    worse = []
    for page in pages:
        ours_f1 = f1(ours_out[page.name].body_text, page.reference)
        theirs_f1 = f1(theirs_out[page.name], page.reference)
        found = [
            {"image_id": p.image_id, "caption": p.caption, "credit": p.credit}
            for p in ours_out[page.name].photos
        ]
        r, w = separated(found, page.photos)
        right, wanted = right + r, wanted + w
        if ours_f1 < theirs_f1:
            worse.append(page.name)
        print(
            f"{page.name[:58]:58} {page.source:6} {ours_f1:7.3f} {theirs_f1:7.3f} "
            f"{statistics.median(ours_times[page.name]) * 1000:8.2f} "
            f"{statistics.median(theirs_times[page.name]) * 1000:8.2f} {r}/{w}"
        )
    ours_total = statistics.median(t[0] for t in totals)
    theirs_total = statistics.median(t[1] for t in totals)
    ours_rate, theirs_rate = len(pages) / ours_total, len(pages) / theirs_total
    print(f"\n{len(pages)} pages, {ROUNDS} rounds (medians of round totals)")
    print(
        f"pages/s  dwcrawler {ours_rate:8.1f}   trafilatura {theirs_rate:8.1f}   ratio {ours_rate / theirs_rate:5.2f}x"
    )
    print(
        f"photos with caption and credit separated: dwcrawler {right}/{wanted} ({100 * right / max(wanted, 1):.0f}%),"
        " trafilatura 0% (returns no photos)"
    )
    print(
        f"target F1 >= trafilatura on every page: {'PASS' if not worse else 'FAIL ' + ', '.join(worse)}"
    )
    print(f"target 100% photos separated: {'PASS' if right == wanted else 'FAIL'}")
    print(f"target >= 3x trafilatura pages/s: {'PASS' if ours_rate >= 3 * theirs_rate else 'FAIL'}")


if __name__ == "__main__":
    main()
