"""Errors a page object raises; `str(error)` is one clear line for a log or the terminal."""

from __future__ import annotations


class PageError(Exception):
    """A page could not be turned into an article item."""

    def __init__(self, message: str, url: str | None = None) -> None:
        # Keep the message on one line whatever the cause put in it.
        self.message = " ".join(message.split())
        self.url = url
        super().__init__(self.message)

    def __str__(self) -> str:
        return f"{self.message} ({self.url})" if self.url else self.message

    def __reduce__(self) -> tuple[type[PageError], tuple[str, str | None]]:
        # Keep the URL when the error crosses a process boundary (the extraction workers).
        return (type(self), (self.message, self.url))


class NotDwPage(PageError):
    """The document is not a DW content page (another site, or a DW section/listing page)."""


class BrokenPage(PageError):
    """The document looks like a DW page but is empty, truncated or unreadable."""
