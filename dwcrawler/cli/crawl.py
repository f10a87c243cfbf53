"""`dwcrawler crawl`: the dw_sw crawl from any folder, with Scrapy's own spider options.

It runs Scrapy's command line with dwcrawler's settings (`SCRAPY_SETTINGS_MODULE`), so it
needs no `scrapy.cfg` and no repository: an installed dwcrawler crawls from wherever cron
starts it. `scrapy crawl dw_sw` in the repository is the same crawl.
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from dwcrawler.cli.common import add_database_option

if TYPE_CHECKING:
    from dwcrawler.cli.common import SubParsers

SETTINGS_MODULE = "dwcrawler.settings"
EPILOG = """\
spider arguments (-a):
  mode=update                 the default: pages new or changed since the last successful run
  mode=backfill [since=YYYY-MM-DD] [until=YYYY-MM-DD]
  mode=urls urls=URL[,URL…]   exactly these pages (or urls=@FILE, one per line)

examples:
  dwcrawler crawl                                   # update the default archive
  dwcrawler crawl -a mode=backfill -a since=2024-01-01 -s DW_CONTACT_URL=mailto:me@example.org
  dwcrawler crawl --database postgresql://dw@localhost/dw_sw -L INFO --logfile crawl.log

exit status: 0 the run worked, 1 it failed or was interrupted (the log's last lines say why),
2 a bad argument or setting (one line on stderr), 75 another writer holds the archive's lease
(one line names it; nothing was fetched: try again later)
"""


def register(subparsers: SubParsers) -> None:
    """Add `dwcrawler crawl`."""
    parser = subparsers.add_parser(
        "crawl",
        help="crawl DW Kiswahili into the archive (scrapy crawl dw_sw, from any folder)",
        description="Run the dw_sw crawl: discover DW Kiswahili pages, fetch the new and "
        "changed ones, store them in the archive.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_database_option(parser)
    parser.add_argument(
        "-a",
        dest="spider_arguments",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a spider argument (mode, since, until, urls)",
    )
    parser.add_argument(
        "-s",
        dest="settings",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a Scrapy or dwcrawler setting for this run (e.g. DW_CONTACT_URL, JOBDIR)",
    )
    parser.add_argument("-L", "--loglevel", metavar="LEVEL", help="log level (default: INFO)")
    parser.add_argument("--logfile", metavar="FILE", help="write the log to FILE")
    parser.set_defaults(handler=run)


def scrapy_arguments(args: argparse.Namespace) -> list[str]:
    """Return the `scrapy crawl dw_sw …` arguments these options stand for."""
    line = ["crawl", "dw_sw"]
    if args.database:
        line += ["-s", f"DATABASE_URL={args.database}"]
    for setting in args.settings:
        line += ["-s", setting]
    for argument in args.spider_arguments:
        line += ["-a", argument]
    if args.loglevel:
        line += ["-L", args.loglevel]
    if args.logfile:
        line += ["--logfile", args.logfile]
    return line


def run(args: argparse.Namespace) -> int:
    """Run the crawl in this process; return its exit status."""
    # Scrapy finds its settings through this variable, wherever the current folder is.
    os.environ["SCRAPY_SETTINGS_MODULE"] = SETTINGS_MODULE
    from scrapy.cmdline import execute  # Scrapy is loaded only by the crawl

    from dwcrawler.commands import crawl

    crawl.PROGRAM = "dwcrawler crawl"
    try:
        execute(["dwcrawler crawl", *scrapy_arguments(args)])
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    return 0
