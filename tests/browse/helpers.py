"""Helpers for the browse tests: a Datasette over a seeded archive, asked in-process."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from dwcrawler.browse.app import make_datasette


def archive_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


class Browser:
    """Datasette's own ASGI client, one event loop for the whole test."""

    def __init__(self, url: str, *, images: bool = True, immutable: bool = False) -> None:
        self.datasette = make_datasette(archive_path(url), images=images, immutable=immutable)
        self.loop = asyncio.new_event_loop()

    def get(self, path: str, **params: Any) -> Any:
        return self.loop.run_until_complete(self.datasette.client.get(path, params=params))

    def post(self, path: str, **kwargs: Any) -> Any:
        return self.loop.run_until_complete(self.datasette.client.post(path, **kwargs))

    def rows(self, path: str, **params: Any) -> list[dict[str, Any]]:
        response = self.get(path, _shape="array", **params)
        assert response.status_code == 200, response.text
        rows: list[dict[str, Any]] = response.json()
        return rows

    def run(self, coroutine: Any) -> Any:
        return self.loop.run_until_complete(coroutine)

    def close(self) -> None:
        for database in self.datasette.databases.values():
            database.close()
        self.loop.close()
