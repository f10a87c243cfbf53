"""Render an HTML page as text, as a browser copy or a Common Crawl WET record shows it.

Block elements start and end lines; adjacent inline elements are glued, so a figcaption and its
`<small>Picha: …</small>` come out as one line ("…kuwasili UrusiPicha: Reuters/S. Zhumatov"),
as in the real /sw/ renderings (tests/fixtures/samples/sw_page-text-excerpts.md). Like those:
the `<title>` is the first line (WET records start with it), an image is its alt on a line of
its own, an ordered list's items are numbered ("1. Nenda kwenye maudhui"), and what a reader
never sees is left out: scripts, styles, `<noscript>`, SVG icons, hidden inputs, `aria-hidden`
copies (the numeric `<time>` beside the long date), the navigation menu and breadcrumb (the
real renderings show none).
"""

from __future__ import annotations

from lxml import html as lxml_html

BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
        "video",
        "audio",
    ]
)
SKIPPED = frozenset({"script", "style", "noscript", "svg", "head", "nav", "template", "input"})
SKIPPED_IDS = frozenset({"navPath"})


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []

    def text(self, value: str | None) -> None:
        if value:
            self.current.append(value)

    def flush(self) -> None:
        line = " ".join("".join(self.current).split())
        if line:
            self.lines.append(line)
        self.current = []


def _walk(element: lxml_html.HtmlElement, out: _Lines, number: str = "") -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if not tag:  # a comment or processing instruction: only its tail is text
        out.text(element.tail)
        return
    hidden = element.get("aria-hidden") == "true" or element.get("id") in SKIPPED_IDS
    if tag.lower() in SKIPPED or hidden:
        out.text(element.tail)
        return
    block = tag.lower() in BLOCKS
    if block or tag.lower() in {"br", "img"}:
        out.flush()
    if tag.lower() == "img":
        out.text(element.get("alt"))
        out.flush()
    out.text(number)
    out.text(element.text)
    position = 0
    for child in element:
        label = ""
        if tag.lower() == "ol" and isinstance(child.tag, str) and child.tag.lower() == "li":
            position += 1
            label = f"{position}. "
        _walk(child, out, label)
    if block:
        out.flush()
    out.text(element.tail)


def render_text(document: str) -> str:
    """Return the page's text: its `<title>` line, then the body's lines."""
    root = lxml_html.document_fromstring(document.encode("utf-8"))
    out = _Lines()
    title = root.findtext(".//title")
    if title:
        out.text(title)
        out.flush()
    body = root.find(".//body")
    if body is not None:
        _walk(body, out)
    out.flush()
    return "\n".join(out.lines) + "\n"
