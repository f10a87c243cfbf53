"""The WARC writer and reader without a crawl: rotation, a full disk, encodings, revisits."""

import errno
import gzip
import os
import zlib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from dwcrawler.archive.encoding import EncodingError, decode_body
from dwcrawler.archive.read import Damaged, WarcRecord, iter_records, read_at
from dwcrawler.archive.records import IDENTICAL_PAYLOAD, Exchange
from dwcrawler.archive.writer import WarcFiles

T = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def exchange(n: int, body: bytes = b"", **changes: Any) -> Exchange:
    values: dict[str, Any] = {
        "url": f"http://127.0.0.1:8000/sw/habari-{n}/a-{70000000 + n}",
        "method": "GET",
        "request_headers": [("User-Agent", "dwcrawler/test"), ("Accept-Encoding", "gzip")],
        "request_body": b"",
        "protocol": "HTTP/1.1",
        "status": 200,
        "response_headers": [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")],
        "body": body or os.urandom(2000),  # incompressible: sizes are predictable
        "date": T + timedelta(seconds=n),
    }
    return Exchange(**(values | changes))


def files(tmp_path, **options) -> WarcFiles:
    warc = WarcFiles(
        tmp_path, max_size=options.pop("max_size", 10**9), gzip_level=6, info={"dw-base-url": "x"}
    )
    warc.open()
    return warc


def test_files_rotate_at_the_size_and_each_opens_with_warcinfo(tmp_path):
    warc = files(tmp_path, max_size=9000)
    written = [warc.write(exchange(n)) for n in range(10)]
    warc.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) >= 3
    assert names == warc.files
    for name in names:
        path = tmp_path / name
        assert path.stat().st_size <= 9000
        kinds = [r.type for r in iter_records(path) if isinstance(r, WarcRecord)]
        assert kinds[0] == "warcinfo"
        assert kinds[1:] == ["response", "request"] * ((len(kinds) - 1) // 2)
    for n, captured in enumerate(written):
        record = read_at(tmp_path / captured.record.file, captured.record.offset)
        assert str(record.target_uri).endswith(f"-{70000000 + n}")
        assert ("Transfer-Encoding", "chunked") not in record.headers
        assert captured.payload == captured.record


def test_a_full_disk_leaves_no_partial_record(tmp_path, monkeypatch):
    warc = files(tmp_path)
    warc.write(exchange(1))
    size = warc.size
    real_write = os.write

    def half_then_full(fd, data):
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("dwcrawler.archive.writer.os.write", half_then_full)
    with pytest.raises(OSError, match="No space"):
        warc.write(exchange(2))
    monkeypatch.undo()
    assert (tmp_path / warc.name).stat().st_size == size
    warc.write(exchange(3))
    warc.close()
    found = list(iter_records(tmp_path / warc.name))
    assert not any(isinstance(r, Damaged) for r in found)
    records = [r for r in found if isinstance(r, WarcRecord) and r.type == "response"]
    assert [str(r.target_uri)[-1] for r in records] == ["1", "3"]


def test_an_unchanged_payload_becomes_a_revisit_naming_the_earlier_capture(tmp_path):
    warc = files(tmp_path)
    body = b"<html>sawa</html>"
    first = warc.write(exchange(1, body))
    again = warc.write(exchange(1, body, date=T + timedelta(days=1), previous=first.record))
    changed = warc.write(exchange(1, b"<html>mpya</html>", previous=first.record))
    warc.close()
    revisit = read_at(tmp_path / again.record.file, again.record.offset)
    assert (revisit.type, revisit.profile, revisit.digest) == (
        "revisit",
        IDENTICAL_PAYLOAD,
        first.record.digest,
    )
    assert again.payload == first.record  # the row keeps naming the record with the bytes
    assert changed.payload == changed.record != first.record


def test_bodies_are_decoded_as_their_content_encoding_says():
    page = b"<html>Habari za Afrika Mashariki</html>" * 50
    assert decode_body(gzip.compress(page), "gzip") == page
    assert decode_body(zlib.compress(page), "deflate") == page
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    assert decode_body(raw.compress(page) + raw.flush(), "deflate") == page
    assert decode_body(gzip.compress(gzip.compress(page)), "gzip, gzip") == page
    assert decode_body(page, None) == page
    with pytest.raises(EncodingError, match="unknown"):
        decode_body(page, "compress")
    with pytest.raises(EncodingError, match="cut short"):
        decode_body(gzip.compress(page)[:40], "gzip")
    with pytest.raises(EncodingError, match="more than"):
        decode_body(gzip.compress(bytes(65 * 2**20)), "gzip")
