"""Progress of a bulk command: a tqdm bar (rate, ETA) on a terminal, plain lines otherwise.

Cron and log files get one line every `LINE_EVERY` seconds and a last one at the end, never
the carriage returns of a bar.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from tqdm import tqdm

if TYPE_CHECKING:
    from typing import Never, TextIO

LINE_EVERY = 10.0  # seconds between two plain progress lines


class Progress:
    """Count work done out of `total` (`unit`s), shown as the stream allows."""

    def __init__(self, label: str, total: int, unit: str, stream: TextIO | None = None) -> None:
        self.label, self.total, self.unit = label, total, unit
        self.stream = stream or sys.stderr
        self.done = 0
        self.pages = 0
        self.started = self._last = time.monotonic()
        self._bar: tqdm[Never] | None = None
        if self.stream.isatty():
            self._bar = tqdm(
                total=total,
                unit=unit,
                unit_scale=unit == "B",
                desc=label,
                file=self.stream,
                dynamic_ncols=True,
            )

    def advance(self, amount: int, pages: int = 0) -> None:
        """Count `amount` more units done, of which `pages` articles."""
        self.done += amount
        self.pages += pages
        if self._bar is not None:
            self._bar.update(amount)
            if pages:
                self._bar.set_postfix(pages=self.pages, refresh=False)
            return
        now = time.monotonic()
        if now - self._last >= LINE_EVERY:
            self._last = now
            self._line(now)

    def _line(self, now: float) -> None:
        elapsed = max(now - self.started, 1e-9)
        share = f" ({self.done / self.total:.0%})" if self.total else ""
        done = (
            f"{self.done / 2**20:.0f} of {self.total / 2**20:.0f} MiB"
            if self.unit == "B"
            else (f"{self.done} of {self.total} {self.unit}")
        )
        rate = self.pages / elapsed
        print(
            f"{self.label}: {done}{share}, {self.pages} pages, {rate:.0f} pages/s",
            file=self.stream,
            flush=True,
        )

    def close(self) -> None:
        """Finish the bar, or print the last plain line."""
        if self._bar is not None:
            self._bar.close()
        elif self.done:
            self._line(time.monotonic())
