"""Input from users is handled safely: SQL is just text, files are not overwritten, and every
bad argument of every subcommand gets one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.reliability.badinput import (
    BAD_CRAWLS,
    BAD_INVOCATIONS,
    INJECTIONS,
    ODD_BUT_VALID,
    bad_crawl,
    crawl_refused,
    dump,
    gzip_bomb,
    scratch_files,
)
from tests.support.clihelpers import run, seed
from tests.support.dbsamples import GAUCK, RELI

DWCRAWLER = str(Path(sys.executable).parent / "dwcrawler")


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


def _one_clean_line(result) -> str:
    assert "Traceback" not in result.err
    assert "usage:" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    line: str = lines[0]
    assert line.startswith("dwcrawler"), line
    return line


def test_sql_in_every_text_option_is_just_text(capsys, archive):
    before = dump(archive)
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
    assert dump(archive) == before  # nothing dropped, deleted or changed


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


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return scratch_files(tmp_path_factory.mktemp("bad-args"))


@pytest.mark.parametrize(("argv", "fragment"), BAD_INVOCATIONS)
def test_every_bad_argument_gets_one_line_and_a_nonzero_exit(
    capsys, sqlite_archive, scratch, argv, fragment
):
    args = [a.format(db=sqlite_archive, tmp=scratch) for a in argv]
    before = dump(sqlite_archive)
    result = run(capsys, *args)
    assert result.status != 0
    assert fragment in _one_clean_line(result)
    assert result.out == ""
    assert dump(sqlite_archive) == before


@pytest.mark.parametrize("argv", ODD_BUT_VALID)
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
    bomb.write_bytes(gzip_bomb(1024))  # 1 MiB on disk, 1 GiB inflated
    # VmHWM is this process's own peak: getrusage's ru_maxrss would count the pytest process
    # that forked it (Linux keeps the larger mark across fork and exec).
    code = (
        "import re, sys\n"
        "from dwcrawler.cli import main\n"
        "status = main(['extract', sys.argv[1]])\n"
        "status_text = open('/proc/self/status').read()\n"
        "peak = int(re.search(r'VmHWM:\\s+(\\d+)', status_text).group(1)) // 1024\n"
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


def test_every_bad_spider_argument_or_setting_gets_one_line_and_exit_2(tmp_path):
    """`scrapy crawl dw_sw` refuses each before it opens the archive or fetches anything."""
    with ThreadPoolExecutor(2) as pool:  # two at a time: each is a Python start-up
        outcomes = list(pool.map(lambda case: bad_crawl(case, tmp_path), BAD_CRAWLS))
    for case, outcome in zip(BAD_CRAWLS, outcomes, strict=True):
        assert crawl_refused(outcome, case[2]), (case, outcome.status, outcome.err[-600:])
    assert not (tmp_path / "never.sqlite3").exists()
