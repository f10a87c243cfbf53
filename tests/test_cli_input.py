"""Input from users is handled safely: SQL is just text, files are not overwritten, and every
bad argument of every subcommand gets one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.clihelpers import run, seed
from tests.dbfixtures import dump_tables
from tests.dbsamples import GAUCK, RELI

DWCRAWLER = str(Path(sys.executable).parent / "dwcrawler")

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


@pytest.fixture
def archive(db_url):
    seed(db_url)
    return db_url


@pytest.fixture(scope="module")
def sqlite_archive(tmp_path_factory, sqlite_template):
    """One seeded SQLite archive shared by the read-only table of bad invocations."""
    path = tmp_path_factory.mktemp("cli-input") / "archive.sqlite3"
    path.write_bytes(sqlite_template.read_bytes())
    seed(f"sqlite:///{path}")
    return f"sqlite:///{path}"


def _dump(url: str):
    from dwcrawler.db.engine import make_engine

    engine = make_engine(url)
    try:
        return dump_tables(engine)
    finally:
        engine.dispose()


def _one_clean_line(result) -> str:
    assert "Traceback" not in result.err
    assert "usage:" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    line: str = lines[0]
    assert line.startswith("dwcrawler"), line
    return line


def test_sql_in_every_text_option_is_just_text(capsys, archive):
    before = _dump(archive)
    for payload in INJECTIONS:
        for argv in (
            ["search", payload],
            ["search", "reli", "--author", payload],
            ["search", "reli", "--topic", payload],
            ["photos", "--credit", payload],
            ["photos", "--agency", payload],
            ["photos", "--photographer", payload],
            ["show", payload],
            ["export", "--author", payload],
        ):
            result = run(capsys, *argv, "--json", "--database", archive)
            assert "Traceback" not in result.err, (argv, result.err)
            assert result.status in {0, 2}, (argv, result.err)
            if result.status == 2:  # only a clear "that is no DW id" / "no words" line
                _one_clean_line(result)
            else:
                assert result.out == "", (argv, result.out)  # no payload matches anything
    assert _dump(archive) == before  # nothing dropped, deleted or changed


def test_sql_around_real_words_still_finds_them(capsys, archive):
    query = 'Zanzibar OR "\'; DROP TABLE articles; --"'  # the phrase is searched as words
    result = run(capsys, "search", query, "--json", "--database", archive)
    assert result.status == 0, result.err
    assert [json.loads(line)["dw_id"] for line in result.out.splitlines()] == [GAUCK.dw_id]
    wildcard = run(capsys, "search", "reli", "--author", "%", "--json", "--database", archive)
    assert (wildcard.status, wildcard.out) == (0, "")  # "%" is a character, not "anything"
    plain = run(capsys, "search", "reli", "--json", "--database", archive)
    assert RELI.dw_id in [json.loads(line)["dw_id"] for line in plain.out.splitlines()]


def test_export_never_overwrites_without_force(capsys, sqlite_archive, tmp_path):
    target = tmp_path / "dw.jsonl"
    target.write_text("precious\n", encoding="utf-8")
    refused = run(capsys, "export", "-o", str(target), "--database", sqlite_archive)
    assert refused.status == 2
    assert "exists; add --force" in _one_clean_line(refused)
    assert target.read_text(encoding="utf-8") == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dw.jsonl"]  # no partial file left
    forced = run(capsys, "export", "-o", str(target), "--force", "--database", sqlite_archive)
    assert forced.status == 0, forced.err
    assert len(target.read_text(encoding="utf-8").splitlines()) == 7


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
    (["db"], "required: ACTION"),
    (["db", "bogus"], "invalid choice: 'bogus'"),
    (["db", "downgrade", "base", "--database", "{db}"], "add --yes"),
    (["db", "downgrade", "zzz", "--yes", "--database", "{db}"], "Can't locate revision"),
    (["db", "upgrade", "--revision", "nonsense", "--database", "{tmp}/new.sqlite3"], "nonsense"),
    (["db", "upgrade", "--database", "{tmp}/no/such/dir/x.sqlite3"], "unable to open"),
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


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bad-args")
    (tmp / "text.sqlite3").write_text("not a database, just words\n" * 50, encoding="utf-8")
    (tmp / "empty.sqlite3").touch()
    (tmp / "bomb.html.gz").write_bytes(_gzip_bomb(96))
    return tmp


def _gzip_bomb(mebibytes: int) -> bytes:
    """Concatenated gzip members of zeros: ~1 KiB per MiB it inflates to."""
    member = gzip.compress(b"\0" * (1 << 20), compresslevel=9)
    return member * mebibytes


@pytest.mark.parametrize(("argv", "fragment"), BAD_INVOCATIONS)
def test_every_bad_argument_gets_one_line_and_a_nonzero_exit(
    capsys, sqlite_archive, scratch, argv, fragment
):
    args = [a.format(db=sqlite_archive, tmp=scratch) for a in argv]
    before = _dump(sqlite_archive)
    result = run(capsys, *args)
    assert result.status != 0
    assert fragment in _one_clean_line(result)
    assert result.out == ""
    assert _dump(sqlite_archive) == before


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "x", "--topic", "²"],
        ["search", "x", "--topic", "9" * 30],
        ["search", "x", "--until", "9999-12-31"],
        ["search", "x", "--since", "0001-01-01"],
        ["search", "x", "--limit", "2147483647"],
        ["search", "x\x01y"],
        ["photos", "--credit", "%_\\"],
    ],
)
def test_odd_but_valid_arguments_just_work(capsys, sqlite_archive, argv):
    result = run(capsys, *argv, "--database", sqlite_archive)
    assert result.status == 0, result.err
    assert "Traceback" not in result.err


def test_the_installed_command_refuses_undecodable_bytes_in_one_line(sqlite_archive):
    for raw in ([b"search", b"\xff\xfe"], [b"photos", b"--credit", b"caf\xe9"]):
        done = subprocess.run(
            [os.fsencode(DWCRAWLER), *raw, b"--database", sqlite_archive.encode()],
            capture_output=True,
            check=False,
            timeout=60,
        )
        err = done.stderr.decode("utf-8", "replace")
        assert done.returncode == 2, err
        assert err.count("\n") == 1
        assert "not valid UTF-8" in err
        assert "Traceback" not in err


def test_a_gzip_bomb_is_refused_without_inflating_it(scratch):
    bomb = scratch / "big-bomb.html.gz"
    bomb.write_bytes(_gzip_bomb(1024))  # 1 MiB on disk, 1 GiB inflated
    code = (
        "import resource, sys\n"
        "from dwcrawler.cli import main\n"
        "status = main(['extract', sys.argv[1]])\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024\n"
        "print(f'peak {peak}', file=sys.stderr)\n"
        "raise SystemExit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(bomb)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    message, peak = done.stderr.strip().splitlines()
    assert done.returncode == 1
    assert message.endswith("inflates to more than 64 MiB; not a saved web page (refused)")
    assert int(peak.split()[1]) < 400  # MiB: the bound holds, the gigabyte never exists
    assert done.stdout == ""
