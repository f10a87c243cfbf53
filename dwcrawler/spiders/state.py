"""Where the spider reads what is already stored: the archive's fetch states."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import datetime

    from dwcrawler.spiders.incremental import KnownPage


class ArchiveState(Protocol):
    """Read access to the archive for incremental decisions."""

    async def known_pages(self, dw_ids: Sequence[int]) -> Mapping[int, KnownPage]:
        """Return the stored state of each of these DW ids that is stored."""
        ...

    async def last_success(self) -> datetime | None:
        """Return when the last successful run started, if there was one."""
        ...


class EmptyArchive:
    """An archive with nothing in it (a crawl without a database)."""

    async def known_pages(self, dw_ids: Sequence[int]) -> Mapping[int, KnownPage]:
        """Return no state: every page is new."""
        return {}

    async def last_success(self) -> datetime | None:
        """Return None: there was no earlier run."""
        return None
