"""`dwcrawler serve`: browse the archive in a web browser (Datasette, read-only)."""

from __future__ import annotations

import argparse
import ipaddress
import sqlite3
import sys
from typing import TYPE_CHECKING

from dwcrawler.cli.common import CliError, add_database_option, guarded, resolve_database
from dwcrawler.db.engine import display_url, normalise_url, sqlite_file

if TYPE_CHECKING:
    from dwcrawler.cli.common import SubParsers

DEFAULT_PORT = 8001  # Datasette's own default
VIEWS = "article_list, articles_by_topic, articles_with_photos, photos_by_agency, articles_per_month, revision_changes"
EPILOG = """\
examples:
  dwcrawler serve                                   # then open http://127.0.0.1:8001/
  dwcrawler serve --database demo/dw_sw.sqlite3 --port 8080
  dwcrawler serve --no-images                       # photos as links: nothing loads from DW
  dwcrawler serve --host 0.0.0.0 --public           # anyone who reaches this machine can read

Needs the `browse` extra: pip install 'dwcrawler[browse]'. See docs/serve.md.
"""


def port_number(value: str) -> int:
    """Parse a TCP port: 1 to 65535, or 0 for any free port."""
    try:
        number = int(value)
    except ValueError:
        number = -1
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 0 to 65535, got {value!r}")
    return number


def register(subparsers: SubParsers) -> None:
    """Add `dwcrawler serve`."""
    parser = subparsers.add_parser(
        "serve",
        help="browse the archive in a web browser (Datasette, read-only)",
        description="Serve the SQLite archive with Datasette, read-only: search, facets by "
        "kind, year, topic and agency, photos with their captions and credits, each article's "
        "revisions, and SQL (read-only statements, one-second limit). Loopback only unless "
        "--public.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"port to listen on ({DEFAULT_PORT}; 0: any free port)",
    )
    parser.add_argument(
        "--public",
        action="store_true",
        help="allow a --host other than loopback: the archive is then readable by the network",
    )
    parser.add_argument(
        "--no-images",
        dest="images",
        action="store_false",
        help="show photos as links; by default browsers load them from DW's servers",
    )
    parser.add_argument(
        "--immutable",
        action="store_true",
        help="the file cannot change while served (a copy or backup): faster counts; never "
        "for the archive cron writes",
    )
    add_database_option(parser)
    parser.set_defaults(handler=_run)


def is_loopback(host: str) -> bool:
    """Return True for a loopback address or `localhost`."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


@guarded("serve")
def _run(args: argparse.Namespace) -> int:
    url = resolve_database(args.database)
    path = sqlite_file(normalise_url(url))
    if path is None:
        raise CliError(
            f"Datasette serves SQLite archives only, and {display_url(url)} is not one: explore "
            f"a PostgreSQL archive with psql or any PostgreSQL client, where the same views "
            f"exist ({VIEWS}), e.g. psql -c 'SELECT * FROM photos_by_agency LIMIT 20'",
            status=2,
        )
    if not is_loopback(args.host) and not args.public:
        raise CliError(
            f"--host {args.host} is not loopback: add --public to serve the archive to the network",
            status=2,
        )
    if any(char in str(path) for char in "?#%"):
        raise CliError(f"the archive's path {path} holds ?, # or %: rename or link it", status=2)
    try:
        from dwcrawler.browse import app
    except ImportError as exc:
        raise CliError(
            f"dwcrawler serve needs Datasette ({exc.name} is missing): "
            "pip install 'dwcrawler[browse]'",
            status=2,
        ) from None
    try:
        datasette = app.make_datasette(path, images=args.images, immutable=args.immutable)
    except sqlite3.DatabaseError as exc:
        raise CliError(f"archive {path}: {exc}") from None
    sock = app.listen(args.host, args.port)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    if args.public:
        print(
            f"dwcrawler serve: warning: serving on {shown}:{port}, beyond this machine: anyone "
            "who can reach it can read the whole archive and run read-only SQL",
            file=sys.stderr,
        )
    images = "photos load from DW's servers" if args.images else "photos as links (--no-images)"
    line = f"Serving {path} read-only at http://{shown}:{port}/ ({images}); Ctrl-C stops"
    app.run(datasette, sock, ready=lambda: print(line, flush=True))
    return 0
