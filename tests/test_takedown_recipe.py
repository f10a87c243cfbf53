"""docs/takedown.md's warcio recipe runs as written: excluded records out, the rest intact."""

import gzip
import io
import re
import sqlite3
import subprocess
import sys

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.support.paths import ROOT

DOC = ROOT / "docs" / "takedown.md"
KEPT = "http://127.0.0.1:8000/sw/habari-njema/a-100"
GONE = "https://www.dw.com/sw/iliyoondolewa/a-200"


def _response(writer: WARCWriter, url: str, body: bytes, encoding: str | None = None) -> None:
    headers = [("Content-Type", "text/html; charset=utf-8")]
    if encoding:
        headers.append(("Content-Encoding", encoding))
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
    writer.write_record(record)
    request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", http_headers=request))


# warcio's WARCWriter.create_warc_record buffers in a SpooledTemporaryFile it leaves to the
# garbage collector (warcio 1.7/1.8): a ResourceWarning of the test's own WARC building.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_recipe_drops_the_excluded_articles_and_keeps_the_rest(tmp_path):
    source, target = tmp_path / "in.warc.gz", tmp_path / "out.warc.gz"
    kept_body = gzip.compress(b"<html>Habari njema</html>")
    with source.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record("in.warc.gz", {"software": "dwcrawler"}))
        _response(writer, KEPT, kept_body, encoding="gzip")
        _response(writer, GONE, b"<html>Imeondolewa</html>")
    archive = tmp_path / "dw_sw.sqlite3"
    with sqlite3.connect(archive) as db:
        db.execute("CREATE TABLE excluded_articles (dw_id INTEGER PRIMARY KEY)")
        db.execute("INSERT INTO excluded_articles VALUES (200)")
    script = tmp_path / "warc_purge.py"
    script.write_text(re.findall(r"```python\n(.*?)```", DOC.read_text(), re.DOTALL)[0])
    done = subprocess.run(
        [sys.executable, str(script), str(archive), str(source), str(target)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == f"{target}: 3 records kept, 2 of excluded articles left out\n"
    with target.open("rb") as raw:
        records = [
            (
                r.rec_type,
                r.rec_headers.get_header("WARC-Target-URI"),
                r.content_stream().read() if r.rec_type == "response" else None,
                r.rec_headers.get_header("WARC-Payload-Digest"),
            )
            for r in ArchiveIterator(raw)
        ]
    assert [(kind, uri) for kind, uri, _, _ in records] == [
        ("warcinfo", None),
        ("response", KEPT),
        ("request", KEPT),
    ]
    assert records[1][2] == b"<html>Habari njema</html>"  # decoded: the bytes survived
    with source.open("rb") as raw:
        original = next(r for r in ArchiveIterator(raw) if r.rec_type == "response")
        digest = original.rec_headers.get_header("WARC-Payload-Digest")
    assert records[1][3] == digest
    check = subprocess.run(
        [sys.executable, "-m", "warcio.cli", "check", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
