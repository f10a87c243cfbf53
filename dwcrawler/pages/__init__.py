"""Page objects: one saved or fetched DW page in, one typed raw `ArticleItem` out.

No Scrapy here: `parse_page` takes the document (str or bytes) and optionally the URL it came
from, so it serves a live response, a saved file and a WARC record alike. Cleaning
(`dwcrawler.cleaning.clean_article`) comes after; `dwcrawler.extraction.extract_page` does both.
"""

from __future__ import annotations

from dwcrawler.pages.errors import BrokenPage, NotDwPage, PageError
from dwcrawler.pages.parse import detect_design, parse_page

__all__ = ["BrokenPage", "NotDwPage", "PageError", "detect_design", "parse_page"]
