"""`dwcrawler extract`: run the page objects and cleaning on saved pages, one JSON line each.

With `--text`, the files are text renderings of pages (a WET record's text, a browser copy):
`extraction.extract_text` reads them, with the URL from `--url` or from a line of the text.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from dwcrawler.extraction import extract_page, extract_text
from dwcrawler.items import article_to_dict
from dwcrawler.pages import PageError
from dwcrawler.pages.text import find_url

if TYPE_CHECKING:
    from typing import TextIO

    from dwcrawler.items import ArticleItem

EPILOG = """\
examples:
  dwcrawler extract tests/fixtures/pages/current/article_wakulima-wa-kilimanjaro_2024-01-30.html \\
      | python -m json.tool
  dwcrawler extract saved/*.html saved/*.html.gz > articles.jsonl
  curl -s https://www.dw.com/sw/... | dwcrawler extract - --url https://www.dw.com/sw/...
  dwcrawler extract --text tests/fixtures/text/article_wakulima-wa-kilimanjaro_2024-01-30.txt \\
      --url https://www.dw.com/sw/wakulima-wa-kilimanjaro-walalamikia-bei-ya-mbolea/a-68117411

A text rendering (--text: a WET record's text, a page copied from a browser) needs its DW URL:
--url, or a DW content URL on a line of the text by itself. It gives less than the page's HTML
(see docs/extraction.md, "Text renderings").

Each page prints one JSON object on its own line (the schema of `dwcrawler export`). A file that
is not a DW page, is broken or cannot be read gets one line on stderr; the others are still
processed, and the exit status is 1 if any failed (2 for a usage error).
"""
GZIP_MAGIC = b"\x1f\x8b"
MAX_BYTES = 64 * 1024 * 1024  # far above any DW page; guards against a wrong file argument


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `extract` subcommand."""
    parser = subparsers.add_parser(
        "extract",
        help="extract articles from saved DW pages (JSON lines)",
        description="Extract the article of each saved DW page and print it as one JSON line.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "pages",
        nargs="+",
        metavar="PAGE",
        help="saved page: .html, .html.gz, a text rendering with --text, or - for stdin",
    )
    parser.add_argument(
        "--text",
        action="store_true",
        help="the files are text renderings of DW pages (a WET record's text, a browser copy)",
    )
    parser.add_argument(
        "--url",
        help="the URL the page was fetched from (for pages without a canonical link, and for "
        "a text rendering that names none; only with a single PAGE)",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="do not print extraction warnings on stderr"
    )
    parser.set_defaults(handler=run)


def read_page(name: str) -> bytes:
    """Read a page file (or stdin for "-"), gunzipping it when it is gzip data."""
    if name == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        with Path(name).open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise OSError(f"larger than {MAX_BYTES // (1024 * 1024)} MiB; not a saved web page")
    if data.startswith(GZIP_MAGIC):
        data = _gunzip(data)
    return data


def _gunzip(data: bytes) -> bytes:
    """Decompress gzip data, refusing more than MAX_BYTES out (a gzip bomb: 1 MiB in, 1 GiB out)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(MAX_BYTES + 1)  # bounded: never inflates more than this
    except (OSError, EOFError, zlib.error) as exc:
        raise OSError(f"not valid gzip data ({exc})") from exc
    if len(out) > MAX_BYTES:
        raise OSError(
            f"gzip data inflates to more than {MAX_BYTES // (1024 * 1024)} MiB; "
            "not a saved web page (refused)"
        )
    return out


def _complain(stream: TextIO, name: str, message: str) -> None:
    stream.write(f"dwcrawler extract: {name}: {message}\n")


class NotText(Exception):
    """A file given as a text rendering that is not text, or names no URL: one line says why."""


def decode_text(data: bytes) -> str:
    """Decode a text rendering: UTF-8 (a WET record's encoding), no NUL bytes."""
    if b"\x00" in data:
        raise NotText("not a text rendering (binary data: NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotText(f"not a text rendering (not UTF-8 at byte {exc.start})") from exc


def _extract_text(data: bytes, url: str | None) -> ArticleItem:
    text = decode_text(data)
    url = url or find_url(text)
    if url is None:
        raise NotText("a text rendering names no DW URL; give --url")
    return extract_text(text, url)


def run(args: argparse.Namespace) -> int:
    """Extract every named page; return 0 if all worked, 1 if any failed, 2 on usage errors."""
    if args.url and len(args.pages) > 1:
        _complain(sys.stderr, "--url", "give --url with a single PAGE (it names that page's URL)")
        return 2
    status = 0
    for name in args.pages:
        label = "<stdin>" if name == "-" else name
        try:
            data = read_page(name)
            item = _extract_text(data, args.url) if args.text else extract_page(data, args.url)
        except NotText as exc:
            _complain(sys.stderr, label, str(exc))
            status = 1
            continue
        except OSError as exc:
            _complain(sys.stderr, label, f"cannot read: {exc.strerror or exc}")
            status = 1
            continue
        except PageError as exc:
            _complain(sys.stderr, label, str(exc))
            status = 1
            continue
        if not args.quiet:
            for warning in item.warnings:
                _complain(sys.stderr, label, f"warning: {warning}")
        sys.stdout.write(json.dumps(article_to_dict(item), ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return status
