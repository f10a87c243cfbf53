"""`import-warc` on other archives' WARC files: DW Kiswahili pages chosen from a mix of sites."""

from __future__ import annotations

import gzip
import json
from typing import Any
from urllib.parse import quote

import pytest

from dwcrawler.archive import read as warc_read
from dwcrawler.archive.importer import skip_reason
from tests.archive.foreign import GERMAN, HTML, PAGES, SAMPLES, SWAHILI, ForeignWarc, Page, chunked
from tests.support.clihelpers import run


def _extract(capsys, path) -> dict[str, Any]:
    result = run(capsys, "extract", str(path))
    assert result.status == 0, result.err
    record: dict[str, Any] = json.loads(result.out)
    return record


def _export(capsys, db_url: str) -> list[dict[str, Any]]:
    result = run(capsys, "export", "--database", db_url)
    assert result.status == 0, result.err
    return [json.loads(line) for line in result.out.splitlines()]


def _as_extracted(record: dict[str, Any], extracted: dict[str, Any]) -> dict[str, Any]:
    """The export record's fields that `extract` prints (photos without the credit's parts)."""
    plain = {k: record[k] for k in extracted}
    plain["photos"] = [
        {k: v for k, v in p.items() if k not in {"agencies", "photographers"}}
        for p in record["photos"]
    ]
    return plain


def _wire_url(url: str, host: str = "www.dw.com", scheme: str = "https") -> str:
    """The URL as a crawler fetched it: percent-encoded path, another DW host maybe."""
    path = url.split("www.dw.com", 1)[1]
    return f"{scheme}://{host}{quote(path)}"


def _mixed(path, swahili: Page, german: Page) -> None:
    warc = ForeignWarc(path)
    warc.info()
    warc.response("https://example.org/", b"<html><title>Example</title></html>")
    warc.response("https://www.bbc.com/swahili/articles/c1", b"<html><h1>BBC</h1></html>")
    warc.response(_wire_url(german.url), german.html, date="2024-02-01T09:00:00Z")
    # Heritrix keeps a chunked, gzip-encoded body as it was transferred.
    body = chunked(gzip.compress(swahili.html))
    headers = [
        ("Content-Type", "text/html;charset=UTF-8"),
        ("Content-Encoding", "gzip"),
        ("Transfer-Encoding", "chunked"),
    ]
    warc.response(_wire_url(swahili.url, "m.dw.com", "http"), body, headers=headers)
    warc.response(
        "https://www.dw.com/sw/habari/a-12345678",
        b"",
        status="301 Moved Permanently",
        headers=[("Location", "https://www.dw.com/sw/habari-mpya/a-12345678")],
    )
    pdf = [("Content-Type", "application/pdf")]
    warc.response("https://www.dw.com/sw/ripoti/a-23456789", b"%PDF-1.4", headers=pdf)
    jpeg = [("Content-Type", "image/jpeg")]
    warc.response("https://static.dw.com/image/65897001_302.jpg", b"\xff\xd8\xff", headers=jpeg)
    warc.response("https://www.dw.com/robots.txt", b"User-agent: *", headers=[])
    warc.close()


def test_a_mixed_warc_imports_exactly_the_kiswahili_article_as_extract_reads_it(
    capsys, db_url, tmp_path
):
    swahili, german = Page.load(PAGES, SWAHILI), Page.load(SAMPLES, GERMAN)
    path = tmp_path / "CC-MAIN-20240301-00001.warc.gz"
    _mixed(path, swahili, german)
    result = run(capsys, "import-warc", "--database", db_url, "--jobs", "1", str(path))
    assert result.status == 0, result.err
    assert "1 pages stored (1 new," in result.out
    # Every skipped response counted by its reason, decided by the target URI first.
    assert (
        "skipped: 2 other site, 1 other DW language, 1 not 200 (HTTP 301), 1 not HTML, "
        "2 DW page that is no article;" in result.out
    )
    records = _export(capsys, db_url)
    assert [r["dw_id"] for r in records] == [65897191]
    extracted = _extract(capsys, PAGES / f"{SWAHILI}.html")
    assert _as_extracted(records[0], extracted) == extracted
    assert records[0]["capture"] == "html"
    assert records[0]["first_seen_at"].startswith("2024-03-01T10:00:00")
    assert [r["cause"] for r in records[0]["revisions"]] == ["import"]


def test_an_older_foreign_capture_adds_history_and_keeps_the_current_version(
    capsys, db_url, tmp_path
):
    swahili = Page.load(PAGES, SWAHILI)
    older = swahili.html.replace(b"hatari ya ukame", b"hatari ya ukame (toleo la kwanza)")
    assert older != swahili.html
    newer_file, older_file = (
        ForeignWarc(tmp_path / "b.warc.gz"),
        ForeignWarc(tmp_path / "a.warc.gz"),
    )
    newer_file.response(_wire_url(swahili.url), swahili.html, date="2024-05-01T00:00:00Z")
    older_file.response(_wire_url(swahili.url), older, date="2023-07-01T00:00:00Z")
    first = run(capsys, "import-warc", "--database", db_url, str(newer_file.close()))
    assert first.status == 0, first.err
    second = run(capsys, "import-warc", "--database", db_url, str(older_file.close()))
    assert second.status == 0, second.err
    assert "1 older versions added to history" in second.out
    (record,) = _export(capsys, db_url)
    assert "toleo la kwanza" not in record["text"]
    assert [r["fetched_at"][:10] for r in record["revisions"]] == ["2023-07-01", "2024-05-01"]
    assert record["first_seen_at"].startswith("2023-07-01")


def test_common_crawls_decoded_payloads_and_truncation_are_read_and_noted(capsys, db_url, tmp_path):
    swahili = Page.load(PAGES, SWAHILI)
    warc = ForeignWarc(tmp_path / "cc.warc.gz")
    warc.info()
    headers = [("Content-Type", HTML), ("X-Crawler-Content-Encoding", "gzip")]
    warc.response(
        _wire_url(swahili.url), swahili.html, headers=headers, extra={"WARC-Truncated": "length"}
    )
    result = run(capsys, "import-warc", "--database", db_url, str(warc.close()))
    assert result.status == 0, result.err
    (record,) = _export(capsys, db_url)
    assert record["title"] == _extract(capsys, PAGES / f"{SWAHILI}.html")["title"]
    assert "capture-truncated: WARC-Truncated length" in record["warnings"]


def test_a_warc_gzipped_whole_is_streamed_not_held(capsys, db_url, tmp_path, monkeypatch):
    """A file gzipped as one member (not per record) is read by warcio as a stream."""
    monkeypatch.setattr(warc_read, "MEMBER_LIMIT", 4096)  # the pages alone exceed it
    swahili, german = Page.load(PAGES, SWAHILI), Page.load(SAMPLES, GERMAN)
    path = tmp_path / "whole.warc.gz"
    warc = ForeignWarc(path, whole=True)
    warc.info("Wget/1.21")
    warc.response("https://example.org/", b"<html></html>" * 1000)
    warc.response(_wire_url(german.url), german.html)
    warc.response(_wire_url(swahili.url), swahili.html)
    warc.close()
    result = run(capsys, "import-warc", "--database", db_url, "--jobs", "1", str(path))
    assert result.status == 0, result.err
    assert "1 pages stored (1 new," in result.out
    assert "skipped: 1 other site, 1 other DW language;" in result.out


@pytest.mark.parametrize(
    ("kind", "url", "reason"),
    [
        ("response", "https://example.org/sw/x/a-1", "other site"),
        ("response", "https://www.dw.com.example.org/sw/x/a-1", "other site"),
        ("response", "https://www.dw.com/en/x/a-65897191", "other DW language"),
        ("response", "https://www.dw.com/de/themen/s-9077", "DW page that is no article"),
        ("response", "https://www.dw.com/rdf/rss-kis-all", "DW page that is no article"),
        ("response", "https://www.dw.com/sw/habari/s-11588", "DW page that is no article"),
        ("response", "https://rss.dw.com/xml/rss-sw-all", "DW page that is no article"),
        ("response", "https://amp.dw.com/sw/x/a-65897191", None),
        ("conversion", "http://dw.com/sw/x/video-65897191", None),
        ("revisit", "https://m.dw.com/sw/x/audio-65897191", None),
        ("request", "https://www.dw.com/sw/x/a-65897191", ""),
        ("metadata", "https://example.org/", ""),
    ],
)
def test_records_are_chosen_by_target_uri(kind, url, reason):
    assert skip_reason(kind, url) == reason


def test_a_file_that_is_not_warc_gets_one_line_and_status_1(capsys, db_url, tmp_path):
    text = tmp_path / "page.txt"
    text.write_text("Kim Jong Un kukutana na Putin\n24 Aprili 2019\n", encoding="utf-8")
    result = run(capsys, "import-warc", "--database", db_url, str(text))
    assert result.status == 1
    assert result.err.strip().splitlines() == [
        f"dwcrawler import-warc: {text}: not a WARC file"
        + result.err.strip().split("not a WARC file", 1)[1]
    ]
    assert "Traceback" not in result.err


def test_a_record_cut_short_right_after_a_damaged_one_is_named_too(tmp_path):
    """Both damages are named, however close: the last record follows the damaged one."""
    swahili = Page.load(PAGES, SWAHILI)
    warc = ForeignWarc(tmp_path / "x.warc.gz")
    warc.info()
    warc.response(_wire_url(swahili.url), swahili.html)
    warc.conversion("https://example.org/", "Example\n" * 40)
    path = warc.close()
    data = bytearray(path.read_bytes())
    starts = [i for i in range(len(data)) if data.startswith(b"\x1f\x8b\x08", i)]
    assert len(starts) == 4  # warcinfo, request, response, conversion: a member each
    victim = starts[-2]  # the response record, damaged inside
    data[victim + 200 : victim + 260] = bytes(60)
    path.write_bytes(bytes(data[:-20]))  # and the record after it, the last, cut short
    damaged = [r for r in warc_read.iter_records(path) if isinstance(r, warc_read.Damaged)]
    assert [d.offset for d in damaged] == [victim, starts[-1]]
    assert "cut short" in damaged[1].reason


def test_a_record_too_large_to_hold_is_streamed_and_later_records_keep_their_offsets(
    capsys, db_url, tmp_path, monkeypatch
):
    """A video in an Internet Archive WARC: streamed; the DW page after it is addressable."""
    monkeypatch.setattr(warc_read, "MEMBER_LIMIT", 64 * 1024)
    swahili = Page.load(PAGES, SWAHILI)
    warc = ForeignWarc(tmp_path / "ia.warc.gz")
    warc.info("Heritrix/3.4.0")
    video = [("Content-Type", "video/mp4")]
    warc.response("https://example.org/video.mp4", bytes(range(256)) * 4096, headers=video)
    warc.response(_wire_url(swahili.url), swahili.html)
    path = warc.close()
    result = run(capsys, "import-warc", "--database", db_url, "--jobs", "1", str(path))
    assert result.status == 0, result.err
    assert "1 pages stored (1 new," in result.out
    assert "skipped: 1 other site;" in result.out
    again = run(capsys, "reextract", "--all", "--database", db_url, "--jobs", "1")
    assert again.status == 0, again.err  # the row's offset names the page's own record
    assert "re-extracted 1 articles" in again.out
