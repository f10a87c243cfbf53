"""`dwcrawler show`: one article with its photos, captions, credits and revision history.

`--revision N` shows the content of one revision; `--diff [A [B]]` the unified diff of the
clean text between two (the last two by default; see `dwcrawler.cli.diff`).
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import TYPE_CHECKING, Any, TextIO

from dwcrawler.cli.common import (
    CliError,
    add_database_option,
    add_format_options,
    archive_session,
    guarded,
    positive_int,
)
from dwcrawler.cli.diff import show_diff
from dwcrawler.cli.output import to_json, write_rows, write_table
from dwcrawler.db.queries import article_detail, resolve_article, revision_snapshot

if TYPE_CHECKING:
    from dwcrawler.cli.common import SubParsers

EPILOG = """\
examples:
  dwcrawler show 68117411
  dwcrawler show https://www.dw.com/sw/tanzania-yazindua-reli-ya-kisasa-ya-sgr/a-68117411
  dwcrawler show 68117411 --json | jq '.photos[] | {caption, credit}'
  dwcrawler show 68117411 --revision 1     # the content as first stored
  dwcrawler show 68117411 --diff           # what the last edit changed (unified diff)
  dwcrawler show 68117411 --diff 1 3       # from revision 1 to revision 3
  dwcrawler show 68117411 --diff 1         # from revision 1 to the current one
"""
WRAP = 88


def register(subparsers: SubParsers) -> None:
    """Add `dwcrawler show`."""
    parser = subparsers.add_parser(
        "show",
        help="one article: text, photos with captions and credits, revision history",
        description="Show one archived article by DW id or URL.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("article", metavar="ID|URL", help="DW id (68117411) or any DW URL of it")
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--revision", type=positive_int, metavar="N", help="show the content of revision N"
    )
    which.add_argument(
        "--diff",
        nargs="*",
        type=positive_int,
        metavar="REV",
        help="diff of the clean text between revisions REV_A and REV_B (default: the last "
        "two; one REV: from it to the current revision)",
    )
    add_format_options(parser)
    add_database_option(parser)
    parser.set_defaults(handler=_run)


def _field(out: TextIO, label: str, value: Any) -> None:
    if value:
        text = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
        out.write(f"{label + ':':<12}{text}\n")


def _text(out: TextIO, teaser: str | None, body: list[dict[str, str]]) -> None:
    if teaser:
        out.write("\n" + textwrap.fill(teaser, WRAP) + "\n")
    for block in body:
        text = block["text"]
        if block["type"] == "subheading":
            out.write(f"\n## {text}\n")
        else:
            prefix = "> " if block["type"] == "quote" else ""
            out.write(
                "\n"
                + textwrap.fill(text, WRAP, initial_indent=prefix, subsequent_indent=prefix)
                + "\n"
            )


def _changed(fields: list[str]) -> str:
    return ", ".join(fields) or "(first version)"


def _print_article(record: dict[str, Any], out: TextIO) -> None:
    out.write(f"{record['title']}\n{record['url']}\n\n")
    _field(out, "id", f"{record['dw_id']} ({record['kind']}, {record['design']} design)")
    status = record["status"] if record["status"] == "live" else "GONE (404/410 on last check)"
    _field(out, "status", status)
    _field(out, "published", record["published_at"])
    _field(out, "modified", record["modified_at"])
    _field(out, "authors", record["authors"])
    _field(out, "editors", record["editors"])
    _field(out, "kicker", record["kicker"])
    _field(out, "topics", [t["name"] for t in record["topics"]])
    _field(out, "permalink", record["permalink"])
    _field(out, "seen", f"{record['first_seen_at']} … {record['last_seen_at']}")
    _text(out, record["teaser"], record["body"])
    out.writelines(f"\n[{medium['type']}] {medium['url']}\n" for medium in record["media"])
    if record["photos"]:
        out.write("\nphotos:\n")
        header = ["#", "role", "image", "caption", "credit", "agencies", "photographers"]
        cells = [
            [
                str(p["position"]),
                p["role"],
                str(p["image_id"] or "-"),
                p["caption"] or "",
                p["credit"] or "",
                "; ".join(p.get("agencies", [])),
                "; ".join(p.get("photographers", [])),
            ]
            for p in record["photos"]
        ]
        write_table(header, cells, out)
    out.write("\nrevisions:\n")
    rows = [
        [str(r["revision"]), r["fetched_at"], r["cause"], _changed(r["changed_fields"])]
        for r in record["revisions"]
    ]
    write_table(["rev", "fetched", "cause", "changed"], rows, out)
    if len(rows) > 1:
        out.write(f"(what changed: dwcrawler show {record['dw_id']} --diff)\n")


@guarded("show")
def _run(args: argparse.Namespace) -> int:
    dw_id = resolve_article(args.article)
    if dw_id is None:
        raise CliError(f"{args.article!r} is neither a DW id nor a DW content URL", status=2)
    if args.diff is not None:
        if args.format == "csv":
            raise CliError("--diff prints a diff or --json, not CSV", status=2)
        return show_diff(args, dw_id)
    with archive_session(args.database, command=args.command) as session:
        record = article_detail(session, dw_id)
        if record is None:
            raise CliError(f"article {dw_id} is not in the archive")
        if args.revision is not None:
            snapshot = revision_snapshot(session, dw_id, args.revision)
            if snapshot is None:
                last = record["revisions"][-1]["revision"]
                raise CliError(f"article {dw_id} has revisions 1 to {last}, not {args.revision}")
            record = {"dw_id": dw_id, "revision": args.revision, **snapshot}
    if args.format == "json":
        sys.stdout.write(to_json(record) + "\n")
    elif args.format == "csv":
        write_rows([record], "csv", list(record))
    elif args.revision is not None:
        _print_revision(record, sys.stdout)
    else:
        _print_article(record, sys.stdout)
    return 0


def _print_revision(snapshot: dict[str, Any], out: TextIO) -> None:
    out.write(
        f"{snapshot['title']}\n(article {snapshot['dw_id']}, revision {snapshot['revision']})\n"
    )
    _field(out, "authors", snapshot["authors"])
    _field(out, "editors", snapshot["editors"])
    _text(out, snapshot["teaser"], snapshot["body"])
    out.writelines(
        f"\n[{photo['role']} {photo['photo']}] {caption or ''} — {credit or ''}\n"
        for photo, caption, credit in zip(
            snapshot["photos"], snapshot["captions"], snapshot["credits"], strict=True
        )
    )
