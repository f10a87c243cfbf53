"""The crawl's WARC files: records appended on a thread of their own, files rotated by size.

The reactor only hands an `Exchange` over (`WarcWriter.write`, awaited): building the records,
hashing and compressing them, and writing happen on one writer thread, in order. Each file
opens with a `warcinfo` record; a new file begins when the next records would pass
`max_size`, and each run starts files of its own (names carry the time and the process id;
a file is never appended to by another run).

A record pair (response or revisit, then request) goes to the file in one `write` call of
complete gzip members: a process killed at any moment (SIGKILL, OOM) leaves only whole
records behind, so every file stays readable. A failed write (a full disk) is cut back off
the file before the error is raised.
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from dwcrawler.archive.records import Captured, RecordMaker
from dwcrawler.items import CaptureRef

if TYPE_CHECKING:
    from pathlib import Path

    from dwcrawler.archive.records import Exchange

PREFIX = "dwcrawler"
SUFFIX = ".warc.gz"


class WarcFiles:
    """The files of one run (see the module docstring); call only from one thread."""

    def __init__(
        self, folder: Path, *, max_size: int, gzip_level: int, info: dict[str, str]
    ) -> None:
        self.folder = folder
        self.max_size = max_size
        self.info = info
        self.maker = RecordMaker(gzip_level)
        self.serial = 0
        self.stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        self._fd: int | None = None
        self.name = ""
        self.size = 0
        self.files: list[str] = []

    def open(self) -> None:
        """Create the folder and the run's first file (OSError if either cannot be)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._next_file()

    def _next_file(self) -> None:
        self.close()
        self.serial += 1
        suffix = SUFFIX if self.maker.gzip_level else ".warc"
        self.name = f"{PREFIX}-{self.stamp}-{self.serial:05d}-{os.getpid()}{suffix}"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND
        self._fd = os.open(self.folder / self.name, flags, 0o644)
        self.size = 0
        self.files.append(self.name)
        self._append(self.maker.warcinfo(self.name, self.info))

    def _append(self, data: bytes) -> int:
        """Append `data` in one write; return the offset it starts at."""
        assert self._fd is not None
        start = self.size
        view = memoryview(data)
        try:
            while view:  # a regular file takes it whole, short of a full disk
                view = view[os.write(self._fd, view) :]
        except OSError:
            os.ftruncate(self._fd, start)  # leave no partial record behind
            raise
        self.size = start + len(data)
        return start

    def write(self, exchange: Exchange) -> Captured:
        """Write the records of one exchange; return where they went."""
        response, request, digest, kind = self.maker.exchange(exchange)
        if self.size + len(response) + len(request) > self.max_size and self.size > 0:
            self._next_file()
        offset = self._append(response + request)
        record = CaptureRef(self.name, offset, exchange.date, digest)
        if kind == "response":
            payload: CaptureRef | None = record
        else:
            payload = exchange.previous
        return Captured(record, payload, exchange.date)

    def close(self) -> None:
        """Flush the open file to disk and close it."""
        if self._fd is not None:
            try:
                os.fsync(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None


class WarcWriter:
    """`WarcFiles` on a thread of its own, for the reactor: `await writer.write(exchange)`."""

    def __init__(self, files: WarcFiles) -> None:
        self.files = files
        self._thread = ThreadPoolExecutor(1, "dwcrawler-warc")

    async def open(self) -> None:
        """Create the folder and the first file (OSError if it cannot be done)."""
        await asyncio.get_running_loop().run_in_executor(self._thread, self.files.open)

    async def write(self, exchange: Exchange) -> Captured:
        """Write one exchange's records on the writer thread; return where they went."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._thread, self.files.write, exchange)

    async def close(self) -> None:
        """Finish pending writes, close the file, stop the thread."""
        try:
            await asyncio.get_running_loop().run_in_executor(self._thread, self.files.close)
        finally:
            self._thread.shutdown(wait=True)
