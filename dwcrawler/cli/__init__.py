"""The `dwcrawler` command: one argparse parser, one module per group of subcommands.

Each module in `SUBCOMMAND_MODULES` exposes `register(subparsers)`, which adds its subcommands
and sets `handler` on them; a handler takes the parsed arguments and returns the exit status.
A bad argument anywhere gets one line on stderr and exit status 2, never a usage block or a
traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import TYPE_CHECKING, NoReturn, Protocol, cast

from dwcrawler import __version__

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

SUBCOMMAND_MODULES: tuple[str, ...] = (
    "crawl",
    "extract",
    "db",
    "stats",
    "search",
    "show",
    "changes",
    "photos",
    "export",
    "serve",
    "warc",
    "doctor",
    "purge",
)
# Arguments that name files: bytes that are not UTF-8 are a legitimate file name there.
FILE_ARGUMENTS = frozenset({"pages", "output", "files", "warc_dir"})


class _Registrar(Protocol):
    def register(self, subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        """Add this module's subcommands."""


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line naming the command and its help."""

    def error(self, message: str) -> NoReturn:
        """Print `PROG: error: MESSAGE (see `PROG --help`)` and exit with status 2."""
        text = " ".join(message.split())
        self.exit(2, f"{self.prog}: error: {text} (see `{self.prog} --help`)\n")


def build_parser(modules: Sequence[str] = SUBCOMMAND_MODULES) -> argparse.ArgumentParser:
    """Build the `dwcrawler` parser with the subcommands of `modules` (all by default)."""
    parser = OneLineParser(
        prog="dwcrawler",
        description="Query and maintain the DW Kiswahili archive.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"dwcrawler {__version__}")
    # Subcommand parsers (and theirs) are made with the parent's class: OneLineParser.
    subparsers = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", metavar="COMMAND"),
    )
    for name in modules:
        module: _Registrar = importlib.import_module(f"dwcrawler.cli.{name}")
        module.register(subparsers)
    return parser


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """Yield the parser and every subcommand parser below it."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _parsers(sub)


def _undecodable(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str | None:
    """Return an error for a text argument holding bytes that are not UTF-8, else None.

    Python keeps such bytes as lone surrogates, which no database driver or UTF-8 stream
    accepts; refusing them here gives one clear line instead of a traceback later.
    """
    for dest, value in vars(args).items():
        if dest in FILE_ARGUMENTS or not isinstance(value, str):
            continue
        if any("\ud800" <= char <= "\udfff" for char in value):
            names = {
                action.dest: action.option_strings[-1] if action.option_strings else action.dest
                for sub in _parsers(parser)
                for action in sub._actions
            }
            return f"argument {names.get(dest, dest)}: not valid UTF-8 text ({value!r})"
    return None


# Subcommands that need no database: run alone, they do not import the archive's modules
# (SQLAlchemy and Alembic cost a `dwcrawler extract` run more than a hundred pages do).
STANDALONE = frozenset({"extract"})


def main(argv: Sequence[str] | None = None) -> int:
    """Run `dwcrawler`; returns the process exit status."""
    words = list(sys.argv[1:] if argv is None else argv)
    command = next((w for w in words if not w.startswith("-")), None)
    parser = build_parser((command,) if command in STANDALONE else SUBCOMMAND_MODULES)
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    problem = _undecodable(parser, args)
    if problem is not None:
        command = getattr(args, "command", None) or ""
        print(f"dwcrawler {command}: error: {problem}", file=sys.stderr)
        return 2
    status: int = handler(args)
    return status


if __name__ == "__main__":  # pragma: no cover - `python -m dwcrawler.cli`
    raise SystemExit(main())
