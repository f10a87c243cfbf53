"""Rewrite the golden files from stored HTML and specs; never fetches anything.

    python -m tests.regenerate_expected            # both kinds, then review `git diff`
    python -m tests.regenerate_expected --check    # exit 1 if a golden file is out of date

Generated pages (tests/fixtures/pages/): the HTML is rendered from the named spec in
tests/sitegen/fixtures.py and the JSON is `expected_dict(spec)`: derived from the spec, never
from the extractor; tests/fixtures/text/ holds one of them rendered as a WET record's text
(tests/support/textrender.py), the example of `dwcrawler extract --text`. Real samples (tests/fixtures/samples/): the JSON is the extractor's output on
the stored HTML, reviewed by hand when it changes (the de samples are also checked against
fundus's independent expected parse). `--copy-samples` refreshes the HTML copies from
../shared/dw-samples when that directory exists.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

from dwcrawler.extraction import extract_page
from dwcrawler.items import article_to_dict
from tests.sitegen import expected_dict, render_page
from tests.sitegen.fixtures import FIXTURES
from tests.support.textrender import render_text

HERE = Path(__file__).parent
PAGES = HERE / "fixtures" / "pages"
TEXTS = HERE / "fixtures" / "text"
# The generated pages also stored as text renderings (docs/extraction.md, "Text renderings").
TEXT_FIXTURES = ("current/article_wakulima-wa-kilimanjaro_2024-01-30",)
SAMPLES = HERE / "fixtures" / "samples"
# ../shared beside the clone (CI, the main checkout), or the workplace's shared folder.
SHARED_CANDIDATES = (HERE.parent.parent / "shared" / "dw-samples", Path("/work/shared/dw-samples"))
SHARED_SAMPLES = next((p for p in SHARED_CANDIDATES if p.is_dir()), SHARED_CANDIDATES[0])
# The real pages used as they are (the de/en/fr samples of both designs).
SAMPLE_FILES = (
    "de_article_new-design_2024-01_fundus.html",
    "de_article_new-design_2023-06_fundus.html",
    "de_article_old-design_2023-04_fundus.html",
    "en_article_old-design_2020_trafilatura-colonial.html",
    "en_article_old-design_2019_trafilatura-uncork.html",
    "fr_article_old-design_2021_trafilatura-elephants.html",
    "de_fundus_DW_expected-parse.json",
    "sw_page-text-excerpts.md",  # text renderings of real /sw/ pages: the Swahili strings
)


def dumps(data: dict[str, Any]) -> str:
    """Golden JSON: stable, readable, UTF-8."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def page_files() -> dict[Path, str]:
    """Every generated fixture file and its content."""
    files: dict[Path, str] = {}
    for name, spec in FIXTURES.items():
        files[PAGES / f"{name}.html"] = render_page(spec)
        files[PAGES / f"{name}.json"] = dumps(expected_dict(spec))
    for name in TEXT_FIXTURES:
        files[TEXTS / f"{Path(name).name}.txt"] = render_text(render_page(FIXTURES[name]))
    return files


def sample_files() -> dict[Path, str]:
    """The expected JSON of every stored real sample (the extractor's reviewed output)."""
    files: dict[Path, str] = {}
    for html in sorted(SAMPLES.glob("*.html")):
        item = extract_page(html.read_bytes())
        files[html.with_suffix(".json")] = dumps(article_to_dict(item))
    return files


def copy_samples() -> None:
    """Copy the real samples from ../shared/dw-samples (when present) into tests/fixtures."""
    if not SHARED_SAMPLES.is_dir():
        print(f"no {SHARED_SAMPLES}; keeping the stored copies")
        return
    SAMPLES.mkdir(parents=True, exist_ok=True)
    for name in SAMPLE_FILES:
        shutil.copyfile(SHARED_SAMPLES / name, SAMPLES / name)
        source = name.rpartition(".")[0] + ".source.txt"  # provenance: repository, commit, path
        shutil.copyfile(SHARED_SAMPLES / source, SAMPLES / source)


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check, compare) the golden files; return the exit status."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="only report files that would change")
    parser.add_argument(
        "--copy-samples", action="store_true", help="refresh the sample copies first"
    )
    args = parser.parse_args(argv)
    if args.copy_samples:
        copy_samples()
    stale = []
    for path, content in {**page_files(), **sample_files()}.items():
        if path.exists() and path.read_text(encoding="utf-8") == content:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    for path in stale:
        print(("out of date: " if args.check else "wrote ") + str(path.relative_to(HERE.parent)))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
