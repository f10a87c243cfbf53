"""What the crawl process sends to its database writer and gets back: light, picklable types.

The crawl process names a repository function and its arguments (`Call`); the writer
(`extensions.writer`) runs it. Nothing here imports SQLAlchemy, so neither does the crawl process
when its writer is a helper process.
"""

from __future__ import annotations

import importlib
from typing import Any, NamedTuple


class Call(NamedTuple):
    """A call of `dwcrawler.db.repository.<function>(session, **arguments)` on the writer."""

    function: str
    arguments: dict[str, Any]


class StoreRefused(Exception):
    """The archive cannot be used: a bad URL, a schema not at head, a database that refuses."""

    def __reduce__(self) -> tuple[type[StoreRefused], tuple[str]]:
        return StoreRefused, (str(self),)


class WriteFailure(Exception):
    """An item write that failed on the writer, in a form that crosses process boundaries.

    `database` tells a database refusal (an SQLAlchemy error: constraint, lock, disk) from a
    defect in dwcrawler, whose traceback (`trace`) the pipeline logs.
    """

    def __init__(self, kind: str, detail: str, database: bool, trace: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind, self.detail, self.database, self.trace = kind, detail, database, trace

    def __reduce__(self) -> tuple[type[WriteFailure], tuple[str, str, bool, str]]:
        return WriteFailure, (self.kind, self.detail, self.database, self.trace)


def on_writer(name: str, *args: Any) -> Any:
    """Run `dwcrawler.extensions.writer.<name>(*args)`, importing the writer on first use.

    Executors get this function (picklable, light) instead of the writer's own, so only the
    writer thread or process ever imports SQLAlchemy.
    """
    writer = importlib.import_module("dwcrawler.extensions.writer")
    return getattr(writer, name)(*args)
