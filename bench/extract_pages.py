"""The pages the extraction benchmark runs on, and their reference body texts.

Real DW samples (tests/fixtures/samples: German pages of both designs, English and French
classic pages), the golden generated pages (tests/fixtures/pages) and more generated pages
(`tests.sitegen.synthetic_spec`). References: fundus's independent expected parse for the German
samples, the golden JSON (derived from specs) for generated pages, and the reviewed golden JSON
for the English and French samples ("self": stability, not quality).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.sitegen import expected_dict, render_page, synthetic_spec

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FUNDUS = {
    "de_article_old-design_2023-04_fundus": "V1",
    "de_article_new-design_2023-06_fundus": "V2",
    "de_article_new-design_2024-01_fundus": "V2_1",
}
# fundus chooses its DW parser by crawl date: V1 (classic) until 2023-06-12, V2 until 2024-01-18.
CRAWL_DATES = {"V1": "2023-05-01", "V2": "2023-06-13", "V2_1": None}


@dataclass
class Page:
    """One benchmark page: its bytes, design, reference body and where it came from."""

    name: str
    html: bytes
    design: str
    reference: str  # body text
    source: str  # fundus | golden | generated | self
    golden: bool  # F1 is reported on it

    @property
    def crawl_date(self) -> str | None:
        """The date fundus picks its parser version by."""
        if self.name in FUNDUS:
            return CRAWL_DATES[FUNDUS[self.name]]
        return CRAWL_DATES["V1"] if self.design == "classic" else None


def _body(data: dict[str, Any]) -> str:
    return "\n\n".join(block["text"] for block in data["body"])


def load_pages(generated: int = 150, seed: int = 21) -> list[Page]:
    """Return the real samples, the golden pages and `generated` more generated pages."""
    fundus = json.loads((FIXTURES / "samples" / "de_fundus_DW_expected-parse.json").read_text())
    pages = []
    files = sorted((FIXTURES / "pages").glob("*/*.html")) + sorted(
        (FIXTURES / "samples").glob("*.html")
    )
    for path in files:
        golden = json.loads(path.with_suffix(".json").read_text("utf-8"))
        source = "golden" if "pages" in path.parts else "self"
        reference = _body(golden)
        if path.stem in FUNDUS:
            parse = fundus[FUNDUS[path.stem]]["body"]["sections"]
            source = "fundus"
            reference = "\n\n".join(t for s in parse for t in (*s["headline"], *s["paragraphs"]))
        pages.append(Page(path.stem, path.read_bytes(), golden["design"], reference, source, True))
    for n in range(generated):
        spec = synthetic_spec(n, seed)
        html = render_page(spec).encode("utf-8")
        body = _body(expected_dict(spec))
        pages.append(Page(f"generated {n}", html, spec.design, body, "generated", False))
    return pages
