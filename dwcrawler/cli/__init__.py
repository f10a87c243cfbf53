"""The `dwcrawler` command: one argparse parser, one module per group of subcommands.

Each module in `SUBCOMMAND_MODULES` exposes `register(subparsers)`, which adds its subcommands
and sets `handler` on them; a handler takes the parsed arguments and returns the exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import TYPE_CHECKING, Protocol

from dwcrawler import __version__

if TYPE_CHECKING:
    from collections.abc import Sequence

SUBCOMMAND_MODULES: tuple[str, ...] = (
    "extract",
    "db",
    "stats",
    "search",
    "show",
    "photos",
    "export",
)


class _Registrar(Protocol):
    def register(self, subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        """Add this module's subcommands."""


def build_parser() -> argparse.ArgumentParser:
    """Build the full `dwcrawler` parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="dwcrawler",
        description="Query and maintain the DW Kiswahili archive.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"dwcrawler {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMAND_MODULES:
        module: _Registrar = importlib.import_module(f"dwcrawler.cli.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `dwcrawler`; returns the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    status: int = handler(args)
    return status


if __name__ == "__main__":  # pragma: no cover - `python -m dwcrawler.cli`
    raise SystemExit(main())
