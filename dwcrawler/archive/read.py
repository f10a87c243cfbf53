"""Reading WARC files back: records with their file and offset, damaged ones named and skipped.

`iter_records` streams a file record by record (warcio does the parsing and checks the
digests); a record that cannot be read (a corrupt gzip member, a digest that does not match, a
record cut short at the end of a file) comes out as `Damaged`, naming the file and offset, and
reading resumes at the next record found. A gzipped file is read gzip member by gzip member
here, each one whole and checked (CRC included) before warcio parses it: warcio alone, meeting
a member that fails half-way, writes zlib's message to stderr and reports the end of the file,
so every record after the damage would be lost without a word. A member too large to hold
(a whole-file gzip, a video) is streamed by warcio instead, so memory stays flat over files of
any size and from any archive (Common Crawl, the Internet Archive). `read_at` reads the one
record a row names.

A crawl against a replica fetched from its `DW_BASE_URL`; the file's warcinfo record says
which, and each record's `url` is its target URI mapped back to https://www.dw.com. No Scrapy.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, TYPE_CHECKING, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dwcrawler.archive.encoding import dechunk, decode_body
from dwcrawler.archive.records import parse_warc_date
from dwcrawler.urls import from_base

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

_UNDATED = datetime.min.replace(tzinfo=UTC)
GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_MAGIC = b"WARC/1."
BASE_FIELD = "dw-base-url"
# What a damaged record can raise while warcio reads it.
_READ_ERRORS = (ArchiveLoadFailed, zlib.error, EOFError, ValueError, UnicodeDecodeError)


class NotWarc(Exception):
    """A file that is not a WARC file (its first record cannot be read)."""


@dataclass(frozen=True, slots=True)
class WarcRecord:
    """One record of a WARC file, with what import and re-extraction need."""

    file: Path
    offset: int
    type: str  # "response", "revisit", "request", "warcinfo", …
    target_uri: str | None  # the URL actually fetched
    url: str | None  # the same, mapped back to https://www.dw.com
    date: datetime | None
    status: int | None  # the HTTP status (response and revisit records)
    headers: tuple[tuple[str, str], ...]  # the HTTP headers, as recorded
    body: bytes | None  # the payload as sent (still content-encoded); None when not read
    digest: str | None  # WARC-Payload-Digest
    profile: str | None  # the revisit profile
    truncated: str | None = None  # WARC-Truncated: why the payload is incomplete ("length", …)

    def header(self, name: str) -> str | None:
        """Return the first HTTP header called `name` (any case), if any."""
        wanted = name.lower()
        return next((v for k, v in self.headers if k.lower() == wanted), None)

    def decoded_body(self) -> bytes:
        """Return the body with its Transfer- and Content-Encoding undone (`EncodingError`).

        This project's WARCs never keep a chunked body; other crawlers' (Heritrix) do.
        """
        body = self.body or b""
        if "chunked" in (self.header("Transfer-Encoding") or "").lower():
            body = dechunk(body)
        return decode_body(body, self.header("Content-Encoding"))


@dataclass(frozen=True, slots=True)
class Damaged:
    """A stretch of a WARC file that could not be read as records."""

    file: Path
    offset: int
    reason: str


# (record type, URL mapped back to DW) → keep the payload? Decided before any body is read.
Wanted = Callable[[str, str | None], bool]
SKIP_CHUNK = 1 << 16  # a payload nobody wants is read through in pieces of this size


def _all(_type: str, _uri: str | None) -> bool:
    return True


def _record(
    path: Path, records: Any, raw: Any, base: str | None, wanted: Wanted, at: int | None = None
) -> tuple[WarcRecord, bytes | None]:
    """Return the record warcio parsed (and the payload of a warcinfo record).

    `records` is warcio's iterator: it knows the record's (absolute) offset only once the
    payload was read; `at` is the offset of the gzip member it was read from, when it was.
    """
    kind, head = raw.rec_type, raw.rec_headers
    uri = head.get_header("WARC-Target-URI")
    url = from_base(uri, base) if uri and base else uri
    # Read to its end even when not wanted: only then does warcio know whether the record is
    # complete and its digests match. Unwanted payloads in pieces: memory stays flat.
    body: bytes | None = None
    if wanted(kind, url) or kind == "warcinfo":
        body = raw.raw_stream.read()
    else:
        while raw.raw_stream.read(SKIP_CHUNK):
            pass
    offset = records.get_record_offset() if at is None else at
    http = raw.http_headers if kind in {"response", "revisit"} else None
    status = http.get_statuscode() if http is not None else None
    date = head.get_header("WARC-Date")
    record = WarcRecord(
        file=path,
        offset=offset,
        type=kind,
        target_uri=uri,
        url=url,
        date=parse_warc_date(date) if date else None,
        status=int(status) if status and str(status).isdigit() else None,
        headers=tuple(http.headers) if http is not None else (),
        body=body if kind != "warcinfo" else None,
        digest=head.get_header("WARC-Payload-Digest"),
        profile=head.get_header("WARC-Profile"),
        truncated=head.get_header("WARC-Truncated"),
    )
    return record, body if kind == "warcinfo" else None


def warcinfo_base(payload: bytes) -> str | None:
    """Return the `dw-base-url` a warcinfo record of this project names, if any."""
    for line in payload.decode("utf-8", "replace").splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == BASE_FIELD and value.strip():
            return value.strip()
    return None


def _reason(error: Exception) -> str:
    """Return a one-line reason for a read error (warcio quotes the damaged bytes: not those)."""
    text = " ".join(str(error).split())
    if isinstance(error, ArchiveLoadFailed) or not text.isprintable() or not text.isascii():
        return "corrupt data: not a readable WARC record"
    return f"corrupt data: {text[:160]}"


def _resync(stream: IO[bytes], position: int, magic: bytes) -> int | None:
    """Return the offset of the next record start candidate at or after `position`."""
    stream.seek(position)
    carry = b""
    while chunk := stream.read(1 << 20):
        data = carry + chunk
        found = data.find(magic)
        if found >= 0:
            return position - len(carry) + found
        carry = data[-(len(magic) - 1) :]
        position += len(chunk)
    return None


def iter_records(path: Path, wanted: Wanted = _all) -> Iterator[WarcRecord | Damaged]:
    """Yield the records of a WARC file in order, and a `Damaged` for each unreadable stretch.

    `wanted(type, target_uri)` says whether a record's payload is read (default: all).
    Raises NotWarc if the file does not begin with a WARC record.
    """
    with path.open("rb") as stream:
        gzipped = stream.read(2) == GZIP_MAGIC[:2]
        yield from (_gzip_records if gzipped else _plain_records)(path, stream, wanted)


class _Checked:
    """What the records read so far say: the replica's base URL, and whether any was read."""

    def __init__(self) -> None:
        self.base: str | None = None
        self.any_record = False

    def verdict(self, path: Path, raw: Any, record: WarcRecord, info: bytes | None) -> Any:
        """Return the record, or a `Damaged` when it is cut short or fails its digest."""
        self.any_record = True
        if getattr(raw.raw_stream, "limit", 0) > 0:  # the data ended inside it
            return Damaged(path, record.offset, "the record is cut short (an interrupted write?)")
        if raw.digest_checker.passed is False:
            problems = "; ".join(map(str, raw.digest_checker.problems))
            return Damaged(path, record.offset, f"digest mismatch ({problems})")
        if info is not None:
            self.base = warcinfo_base(info) or self.base
        return record


class _TooLarge(Exception):
    """A gzip member that inflates past `MEMBER_LIMIT`: to be streamed, not held."""


MEMBER_LIMIT = 32 * 1024 * 1024  # a web page's record is far smaller; a whole-file gzip is not


def _member(stream: IO[bytes], offset: int) -> tuple[bytes, int]:
    """Return the gzip member at `offset`, decompressed and checked, and its length in the file.

    Raises zlib.error for corrupt data (a CRC that does not match included), EOFError for a
    member cut short and `_TooLarge` for one that inflates past `MEMBER_LIMIT`.
    """
    stream.seek(offset)
    inflate = zlib.decompressobj(wbits=31)  # gzip: header and CRC checked
    parts, read, size = [], 0, 0
    while not inflate.eof:
        chunk = stream.read(1 << 16)
        if not chunk:
            raise EOFError("the record is cut short (an interrupted write?)")
        parts.append(inflate.decompress(chunk))
        read += len(chunk)
        size += len(parts[-1])
        if size > MEMBER_LIMIT:
            raise _TooLarge
    return b"".join(parts), read - len(inflate.unused_data)


def _member_length(stream: IO[bytes], offset: int) -> int:
    """Inflate the gzip member at `offset` to its end, keeping nothing; return its length.

    For a member too large to hold: its CRC is checked all the same (zlib.error, EOFError as
    `_member`), and memory stays flat, output being read a megabyte at a time and dropped.
    """
    stream.seek(offset)
    inflate = zlib.decompressobj(wbits=31)
    read = 0
    while not inflate.eof:
        data = stream.read(1 << 16)
        if not data:
            raise EOFError("the record is cut short (an interrupted write?)")
        read += len(data)
        while data and not inflate.eof:
            inflate.decompress(data, 1 << 20)
            data = inflate.unconsumed_tail
    return read - len(inflate.unused_data)


class _Window(io.RawIOBase):
    """`length` bytes of a file from `start`: one gzip member, for gzip to read alone."""

    def __init__(self, stream: IO[bytes], start: int, length: int) -> None:
        self.stream, self.position, self.left = stream, start, length

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.left <= 0:
            return 0
        self.stream.seek(self.position)
        data = self.stream.read(min(len(buffer), self.left))
        buffer[: len(data)] = data
        self.position += len(data)
        self.left -= len(data)
        return len(data)


def _streamed(
    path: Path, window: _Window, position: int, wanted: Wanted, checked: _Checked
) -> Iterator[WarcRecord | Damaged]:
    """Read the records of one gzip member too large to hold (a video, a whole-file gzip).

    The member is inflated as a stream and read as plain WARC (warcio refuses a gzip member of
    several records); records inside a member cannot be addressed, so each names the member's
    offset. What cannot be read ends the member with one `Damaged`.
    """
    try:
        with gzip.GzipFile(fileobj=io.BufferedReader(window), mode="rb") as inflated:
            records = ArchiveIterator(inflated, check_digests=True)
            for raw in records:
                record, info = _record(path, records, raw, checked.base, wanted, at=position)
                yield checked.verdict(path, raw, record, info)
    except (*_READ_ERRORS, OSError) as exc:
        yield Damaged(path, position, _reason(exc) if not isinstance(exc, EOFError) else str(exc))


def _member_records(
    path: Path, data: bytes, position: int, wanted: Wanted, checked: _Checked
) -> list[WarcRecord | Damaged]:
    """Parse the records of one decompressed gzip member (normally exactly one)."""
    records = ArchiveIterator(io.BytesIO(data), check_digests=True)
    found: list[WarcRecord | Damaged] = []
    for raw in records:
        record, info = _record(path, records, raw, checked.base, wanted, at=position)
        found.append(checked.verdict(path, raw, record, info))
    return found


def _gzip_records(path: Path, stream: IO[bytes], wanted: Wanted) -> Iterator[WarcRecord | Damaged]:
    size = path.stat().st_size
    checked, position, reading = _Checked(), 0, True
    while position < size:
        try:
            try:
                data, length = _member(stream, position)
                found: Iterable[WarcRecord | Damaged] = _member_records(
                    path, data, position, wanted, checked
                )
            except _TooLarge:
                length = _member_length(stream, position)
                found = _streamed(
                    path, _Window(stream, position, length), position, wanted, checked
                )
        except (*_READ_ERRORS, zlib.error, EOFError) as exc:
            if not checked.any_record:
                raise NotWarc("not a WARC file (no WARC record at its start)") from None
            # One line per damaged stretch, not per failed resync attempt; but a member that
            # inflates cleanly up to the end of the file is a real one cut short, even right
            # after a damaged one.
            if reading or isinstance(exc, EOFError):
                yield Damaged(
                    path, position, _reason(exc) if not isinstance(exc, EOFError) else str(exc)
                )
            following = _resync(stream, position + 1, GZIP_MAGIC)
            if following is None:
                return
            position, reading = following, False
            continue
        if isinstance(found, list) and not found and not checked.any_record:
            raise NotWarc("not a WARC file (no WARC record at its start)")
        yield from found
        position, reading = position + length, True


def _plain_records(path: Path, stream: IO[bytes], wanted: Wanted) -> Iterator[WarcRecord | Damaged]:
    size = path.stat().st_size
    start, checked, reading = 0, _Checked(), True
    while True:
        stream.seek(start)
        records = ArchiveIterator(stream, check_digests=True)
        end, reason = start, "the record is cut short (an interrupted write?)"
        try:
            for raw in records:
                record, info = _record(path, records, raw, checked.base, wanted)
                yield checked.verdict(path, raw, record, info)
                end, reading = record.offset + records.get_record_length(), True
        except _READ_ERRORS as exc:
            reason = _reason(exc)
        if not checked.any_record:
            raise NotWarc("not a WARC file (no WARC record at its start)")
        if end >= size:
            return
        if reading:
            yield Damaged(path, end, reason)
        found = _resync(stream, end + 1, WARC_MAGIC)
        if found is None:
            return
        start, reading = found, False


def read_at(path: Path, offset: int) -> WarcRecord:
    """Read the one record at `offset` (ValueError naming the problem if it cannot be read)."""
    with path.open("rb") as stream:
        stream.seek(offset)
        try:
            records = ArchiveIterator(stream, check_digests=True)
            raw = next(iter(records))
            record, _ = _record(path, records, raw, None, _all)
        except (StopIteration, *_READ_ERRORS) as exc:
            raise ValueError(f"no readable WARC record at offset {offset}: {exc}") from None
        if getattr(raw.raw_stream, "limit", 0) > 0:
            raise ValueError(f"the record at offset {offset} is cut short")
        if raw.digest_checker.passed is False:
            raise ValueError(f"the record at offset {offset} fails its digest check")
    return record


def check_warc(path: Path) -> datetime:
    """Return the date of the file's first record; NotWarc (or OSError) if it is no WARC file."""
    with path.open("rb") as stream:
        try:
            first = next(iter(ArchiveIterator(stream)), None)
        except _READ_ERRORS:
            first = None
        if first is None or first.format != "warc":
            raise NotWarc("not a WARC file")
        date = first.rec_headers.get_header("WARC-Date")
    try:
        return parse_warc_date(date) if date else _UNDATED
    except ValueError:
        return _UNDATED


def first_date(path: Path) -> datetime:
    """Return the date of a WARC file's first record (the oldest possible date if unknown)."""
    try:
        return check_warc(path)
    except (NotWarc, OSError):
        return _UNDATED
