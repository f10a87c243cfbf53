"""Bad input from users: what people type that must get one clear line and change nothing.

Shared by tests/test_cli_input.py and `make reliability` (tests/reliability/report.py).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dwcrawler.cli import main
from dwcrawler.db.engine import make_engine
from tests.replica.run import ROOT, command
from tests.support.dbfixtures import dump_tables
from tests.support.dbsamples import RELI

if TYPE_CHECKING:
    from pathlib import Path

# Things people paste into a search box that mean something to SQL, FTS5 or LIKE.
INJECTIONS = [
    "'; DROP TABLE articles; --",
    '" OR 1=1 --',
    "x') UNION SELECT sql FROM sqlite_master --",
    "1; DELETE FROM photos WHERE 1=1",
    "articles_fts MATCH '*'",
    "NEAR(reli treni) title:x ^y",
    "%' OR '%'='",
    "\\'; TRUNCATE articles CASCADE; --",
    "$$; DROP SCHEMA public CASCADE; $$",
]


# (argv, fragment of the one error line). {db}: the seeded archive; {tmp}: a scratch directory.
BAD_INVOCATIONS = [
    (["bogus"], "invalid choice: 'bogus'"),
    (["--bogus"], "unrecognized arguments: --bogus"),
    (["search", "--database", "{db}"], "required: query"),
    (["search", "x", "--limit", "0", "--database", "{db}"], "at least 1"),
    (["search", "x", "--limit", "many", "--database", "{db}"], "at least 1"),
    (["search", "x", "--limit", "99999999999", "--database", "{db}"], "at most 2147483647"),
    (["search", "x", "--kind", "podcast", "--database", "{db}"], "invalid choice: 'podcast'"),
    (["search", "x", "--since", "2024-13-01", "--database", "{db}"], "invalid date"),
    (["search", "x", "--since", "jana", "--database", "{db}"], "invalid date"),
    (
        ["search", "x", "--since", "2024-02-02", "--until", "2024-01-01", "--database", "{db}"],
        "--since must be before --until",
    ),
    (["search", "--database", "{db}", "--", '"reli ya'], "unbalanced double quote"),
    (["search", "--database", "{db}", "--", "-reli"], "only excludes"),
    (["search", "?!", "--database", "{db}"], "no words to search for"),
    (["search", "mvua " * 120, "--database", "{db}"], "query too long"),
    (["search", "x", "--author", "\udcff", "--database", "{db}"], "--author: not valid UTF-8"),
    (["search", "\udcffx", "--database", "{db}"], "query: not valid UTF-8"),
    (["search", "x", "--json", "--csv", "--database", "{db}"], "not allowed with argument"),
    (["search", "x", "--database", "nosuch://x"], "unsupported database 'nosuch'"),
    (["search", "x", "--database", "{tmp}/missing.sqlite3"], "no archive at"),
    (["search", "x", "--database", "{tmp}/text.sqlite3"], "file is not a database"),
    (["search", "x", "--database", "{tmp}/empty.sqlite3"], "run `dwcrawler db upgrade`"),
    (["search", "x", "--database", "{tmp}"], "unable to open database file"),
    (["stats", "--runs", "-1", "--database", "{db}"], "at least 1"),
    (["stats", "--json", "--csv", "--database", "{db}"], "not allowed with argument"),
    (["show", "--database", "{db}"], "required: ID|URL"),
    (["show", "kitu", "--database", "{db}"], "neither a DW id nor a DW content URL"),
    (["show", "²", "--database", "{db}"], "neither a DW id nor a DW content URL"),
    (["show", "9" * 30, "--database", "{db}"], "neither a DW id nor a DW content URL"),
    (["show", "https://www.dw.com/sw/x/a-" + "9" * 30, "--database", "{db}"], "neither a DW id"),
    (["show", "https://example.com/sw/x/a-1", "--database", "{db}"], "neither a DW id"),
    (["show", "1", "--database", "{db}"], "article 1 is not in the archive"),
    (["show", str(RELI.dw_id), "--revision", "0", "--database", "{db}"], "at least 1"),
    (["show", str(RELI.dw_id), "--revision", "9" * 12, "--database", "{db}"], "at most"),
    (["show", str(RELI.dw_id), "--revision", "7", "--database", "{db}"], "revisions 1 to 2"),
    (["photos", "--limit", "-5", "--database", "{db}"], "at least 1"),
    (["photos", "--agency", "\udce9", "--database", "{db}"], "--agency: not valid UTF-8"),
    (["export", "--format", "xml", "--database", "{db}"], "invalid choice: 'xml'"),
    (["export", "--format", "parquet", "--database", "{db}"], "give a file with -o FILE"),
    (["export", "-o", "{tmp}", "--database", "{db}"], "is a directory"),
    (["export", "-o", "{tmp}/no/such/dir/x.jsonl", "--database", "{db}"], "does not exist"),
    (["export", "-o", "{tmp}/text.sqlite3", "--database", "{db}"], "exists; add --force"),
    (["export", "--until", "2020-01-01", "--since", "2021-01-01"], "--since must be before"),
    (["serve", "--port", "70000", "--database", "{db}"], "expected a port from 0 to 65535"),
    (["serve", "--host", "0.0.0.0", "--database", "{db}"], "add --public"),
    (["serve", "--host", "dw.example", "--database", "{db}"], "is not loopback"),
    (["serve", "--database", "{tmp}/missing.sqlite3"], "no archive at"),
    (["serve", "--database", "{tmp}/text.sqlite3"], "file is not a database"),
    (["serve", "--database", "{tmp}/empty.sqlite3"], "run `dwcrawler db upgrade`"),
    (["serve", "--database", "postgresql://u@127.0.0.1:9/x"], "serves SQLite archives only"),
    (["db"], "required: ACTION"),
    (["db", "bogus"], "invalid choice: 'bogus'"),
    (["db", "downgrade", "base", "--database", "{db}"], "add --yes"),
    (["db", "downgrade", "zzz", "--yes", "--database", "{db}"], "Can't locate revision"),
    (["db", "upgrade", "--revision", "nonsense", "--database", "{tmp}/new.sqlite3"], "nonsense"),
    (["db", "upgrade", "--database", "{tmp}/text.sqlite3/x.sqlite3"], "File exists"),
    (["db", "current", "--database", "{tmp}/text.sqlite3"], "file is not a database"),
    (["extract"], "required: PAGE"),
    (["extract", "--bogus", "x"], "unrecognized arguments: --bogus"),
    (["extract", "a.html", "b.html", "--url", "https://www.dw.com/sw/x/a-1"], "single PAGE"),
    (["extract", "{tmp}/missing.html"], "cannot read: No such file or directory"),
    (["extract", "{tmp}/text.sqlite3"], "not a DW page"),
    (["extract", "{tmp}"], "cannot read: Is a directory"),
    (["extract", "{tmp}/bomb.html.gz"], "inflates to more than 64 MiB"),
    (["extract", "{tmp}/x.html", "--url", "\udcff"], "--url: not valid UTF-8"),
]


# `scrapy crawl dw_sw` with a bad spider argument or setting: (-a arguments, -s settings,
# fragment of the one line). Each is refused before anything is fetched or opened.
BAD_CRAWLS: list[tuple[dict[str, str], dict[str, str], str]] = [
    ({"mode": "all"}, {}, "use one of update, backfill, urls"),
    ({"mode": "backfill", "since": "2024-02-30"}, {}, "is not a date"),
    ({"mode": "backfill", "since": "2020-01-01", "until": "2019-01-01"}, {}, "is after"),
    ({"since": "2019-01-01"}, {}, "only apply to -a mode=backfill"),
    ({"mode": "urls"}, {}, "mode=urls needs -a urls="),
    ({"mode": "urls", "urls": "@/dev/null"}, {}, "mode=urls needs -a urls="),
    ({"mode": "urls", "urls": "@/nonexistent/urls.txt"}, {}, "cannot read"),
    ({"mode": "urls", "urls": "https://www.dw.com/sw/x/a-99999999999"}, {}, "not a DW content"),
    ({"mode": "urls", "urls": "https://www.dw.com/de/x/a-1"}, {}, "not a Kiswahili page"),
    ({"mode": "urls", "urls": "\udcff"}, {}, "not a DW content page URL"),
    ({"mdoe": "update"}, {}, "unknown argument(s) mdoe"),
    ({}, {"DW_BASE_URL": "ftp://x"}, "DW_BASE_URL='ftp://x' is not an origin"),
    ({}, {"DATABASE_URL": "nosuch://x"}, "DATABASE_URL: unsupported database 'nosuch'"),
    ({}, {"DW_MAX_ERROR_RATE": "lots"}, "DW_MAX_ERROR_RATE='lots' is not a number"),
    ({}, {"DW_MAX_ERROR_RATE": "5"}, "use 0 to 1"),
    ({}, {"DW_LINK_HOPS": "-1"}, "DW_LINK_HOPS='-1': use 0 or more"),
    ({}, {"DW_PROGRESS_INTERVAL": "-5"}, "use 0 (off) or more"),
    ({}, {"DW_UPDATE_WINDOW_DAYS": "0"}, "use a number above 0"),
    ({}, {"DW_FIELD_MIN_RATES": '{"titel": 0.9}'}, "names no monitored field: titel"),
    ({}, {"DW_FIELD_MIN_RATES": '{"title": 2}'}, "rates go from 0 to 1"),
]

# Unusual, but fine: they must work (status 0), not crash.
ODD_BUT_VALID = [
    ["search", "x", "--topic", "\u00b2"],
    ["search", "x", "--topic", "9" * 30],
    ["search", "x", "--until", "9999-12-31"],
    ["search", "x", "--since", "0001-01-01"],
    ["search", "x", "--limit", "2147483647"],
    ["search", "x\x01y"],
    ["photos", "--credit", "%_\\"],
]


@dataclass
class Outcome:
    """What one `dwcrawler` invocation did."""

    status: int
    out: str
    err: str

    def one_line_error(self) -> str | None:
        """Return the error line if stderr is exactly one clean `dwcrawler…` line, else None."""
        lines = self.err.strip().splitlines()
        if len(lines) != 1 or "Traceback" in self.err or "usage:" in self.err:
            return None
        return lines[0] if lines[0].startswith("dwcrawler") else None


def invoke(*argv: str) -> Outcome:
    """Run `dwcrawler ARGV…` in this process, capturing its output and exit status."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(argv))
        except SystemExit as exit_:
            status = int(exit_.code or 0)
    return Outcome(status, out.getvalue(), err.getvalue())


def scratch_files(tmp: Path) -> Path:
    """Create the files the bad invocations name: not a database, empty, a gzip bomb."""
    (tmp / "text.sqlite3").write_text("not a database, just words\n" * 50, encoding="utf-8")
    (tmp / "empty.sqlite3").touch()
    (tmp / "bomb.html.gz").write_bytes(gzip_bomb(96))
    return tmp


def gzip_bomb(mebibytes: int) -> bytes:
    """Concatenated gzip members of zeros: ~1 KiB per MiB it inflates to."""
    member = gzip.compress(b"\0" * (1 << 20), compresslevel=9)
    return member * mebibytes


def dump(url: str) -> dict[str, list[dict[str, Any]]]:
    """Return every row of the archive (to prove a command changed nothing)."""
    engine = make_engine(url)
    try:
        return dump_tables(engine)
    finally:
        engine.dispose()


def bad_crawl(case: tuple[dict[str, str], dict[str, str], str], workdir: Path) -> Outcome:
    """Run `scrapy crawl dw_sw` with one bad case (never against a real archive or origin)."""
    args, settings, _ = case
    line, env = command(
        "http://127.0.0.1:9",
        args=args,
        settings={"DATABASE_URL": f"sqlite:///{workdir}/never.sqlite3", **settings},
    )
    done = subprocess.run(
        [os.fsencode(part) for part in line],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    return Outcome(done.returncode, "", done.stderr.decode("utf-8", "replace"))


def crawl_refused(outcome: Outcome, fragment: str) -> bool:
    """Return True for exit 2 and a last line `scrapy crawl: error: …` holding the fragment."""
    lines = [line for line in outcome.err.splitlines() if line.strip()]
    return (
        outcome.status == 2
        and "Traceback" not in outcome.err
        and "Spider opened" not in outcome.err
        and bool(lines)
        and lines[-1].startswith("scrapy crawl: error: ")
        and fragment in lines[-1]
    )
