"""The documents work as written: every command and query of the README and docs/database.md
runs against a seeded archive, every link points at a file, every `docs/dw-site.md §N` cited in
the code names a section that exists.
"""

from __future__ import annotations

import os
import re
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.replica.build import fixture_site
from tests.replica.run import LOOPBACK, ROOT
from tests.replica.server import ReplicaServer
from tests.support.clihelpers import run, seed

README = ROOT / "README.md"
DATABASE = ROOT / "docs" / "database.md"
DW_SITE = ROOT / "docs" / "dw-site.md"
# Commands that need what a crawl leaves (its runs, its WARC files): the crawl test runs them.
AFTER_A_CRAWL = {"crawl", "doctor", "reextract", "import-warc"}
# How comments cited the reference before it moved into the repository (spelt apart: this file
# must not match itself).
OLD_REFERENCE = "DW-" + "SITE"
# `dwcrawler` as the README writes it: on the path, or from the repository's venv.
_PROGRAM = re.compile(r"^(?:\S*/)?dwcrawler(?=\s)")


def _blocks(path, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", path.read_text(encoding="utf-8"), re.DOTALL)


def _commands(path) -> list[list[str]]:
    """Every `dwcrawler …` line of the document's sh blocks, and the command of its cron lines."""
    lines = [line for block in _blocks(path, "sh") for line in block.splitlines()]
    for block in _blocks(path, "cron"):
        for line in block.splitlines():
            if line.strip() and not line.startswith("#"):
                lines.append(" ".join(line.split()[5:]))  # after the five time fields
    return [
        ["dwcrawler", *shlex.split(_PROGRAM.sub("", line), comments=True)]
        for line in lines
        if _PROGRAM.match(line)
    ]


def _in_place(argv: list[str], tmp_path) -> list[str]:
    """The command with its output files in tmp_path and no shell redirection."""
    argv = argv[: argv.index(">")] if ">" in argv else list(argv)
    for option in ("-o", "--logfile"):
        if option in argv:
            argv[argv.index(option) + 1] = str(tmp_path / Path(argv[argv.index(option) + 1]).name)
    return argv


@pytest.fixture
def seeded(sqlite_url):
    seed(sqlite_url)
    return sqlite_url


def _run_archive_command(capsys, argv: list[str], database: str):
    cut = 3 if argv[1] == "db" else 2  # options go after the (sub)command name
    return run(capsys, *argv[1:cut], "--database", database, *argv[cut:])


# --- docs/database.md ------------------------------------------------------------------------
def test_the_database_sql_runs_and_answers(seeded):
    text = DATABASE.read_text(encoding="utf-8")
    queries = _blocks(DATABASE, "sql")
    inline = re.search(r"`(SELECT a\.dw_id, a\.title FROM articles_fts.*?)`", text)
    assert inline is not None
    queries.append(inline.group(1))
    assert len(queries) == 4
    connection = sqlite3.connect(seeded.removeprefix("sqlite:///"))
    try:
        for query in queries:
            rows = connection.execute(query).fetchall()
            assert rows, query
    finally:
        connection.close()


def test_the_database_commands_run(capsys, seeded, tmp_path):
    commands = _commands(DATABASE)
    assert len(commands) >= 14
    for argv in commands:
        result = _run_archive_command(capsys, _in_place(argv, tmp_path), seeded)
        assert result.status == 0, (argv, result.err)


# --- README ----------------------------------------------------------------------------------
def test_the_readme_is_a_front_door():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 250
    assert "make test" in text
    assert "make crawl" in text


def test_every_readme_query_runs_against_a_seeded_archive(capsys, seeded, tmp_path):
    commands = [
        c
        for c in _commands(README)
        if c[1] not in {*AFTER_A_CRAWL, "extract"} and "--database" not in c
    ]
    assert {c[1] for c in commands} >= {"db", "stats", "search", "show", "photos", "export"}
    for argv in commands:
        result = _run_archive_command(capsys, _in_place(argv, tmp_path), seeded)
        assert result.status == 0, (argv, result.err)
        if argv[1] not in {"db", "export"}:
            assert result.out.strip(), argv


def test_every_readme_extract_runs(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)  # the README's paths are the repository's
    commands = [c for c in _commands(README) if c[1] == "extract"]
    assert commands
    for argv in commands:
        result = run(capsys, *argv[1:])
        assert result.status == 0, (argv, result.err)
        assert result.out.count("\n") == len(argv) - 2


def _after_the_crawls(argv: list[str], archive: str, tmp_path: Path) -> list[str]:
    """A command that follows a crawl, aimed at the crawled archive, its WARC files and tmp."""
    folder = Path(archive.removeprefix("sqlite:///")).parent
    line: list[str] = []
    for arg in argv[1:]:
        if "*" in arg:  # the shell's glob, over the files beside the archive
            line += sorted(str(path) for path in folder.glob(arg))
        elif arg.endswith(".sqlite3"):
            line.append(f"sqlite:///{tmp_path / arg}")
        else:
            line.append(arg)
    return line if "--database" in line else [*line, "--database", archive]


@pytest.mark.slow
def test_every_readme_crawl_runs_against_a_replica(capsys, seeded, tmp_path):
    """`dwcrawler crawl` as the README and its cron lines write it, on a loopback replica of DW;
    then what the README runs after crawls: doctor, reextract, a rebuild from the WARC files.
    """
    commands = [c for c in _commands(README) if c[1] == "crawl"]
    assert any("mode=backfill" in c for c in commands)
    assert any("--logfile" in c for c in commands)  # the cron line
    program = [sys.executable, "-c", "from dwcrawler.cli import main; raise SystemExit(main())"]
    with ReplicaServer(fixture_site().resources()) as server:
        loopback = [f"{name}={value}" for name, value in LOOPBACK.items()]
        overrides = [
            arg
            for setting in [*loopback, f"DW_BASE_URL={server.base_url}"]
            for arg in ("-s", setting)
        ]
        proxy = dict.fromkeys(("http_proxy", "https_proxy"), server.base_url)
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()} | proxy
        for argv in commands:
            argv = _in_place(argv, tmp_path)
            line = [*program, "crawl", "--database", seeded, *argv[2:], *overrides]
            done = subprocess.run(
                line,
                cwd=tmp_path,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            assert done.returncode == 0, (argv, done.stderr[-3000:])
    assert len(
        sqlite3.connect(seeded.removeprefix("sqlite:///"))
        .execute("SELECT id FROM crawl_runs WHERE outcome = 'success'")
        .fetchall()
    ) == 1 + len(commands)
    after = [c for c in _commands(README) if c[1] in AFTER_A_CRAWL - {"crawl"} or "--database" in c]
    assert {c[1] for c in after} >= {"doctor", "reextract", "import-warc", "db"}
    for argv in after:
        result = run(capsys, *_after_the_crawls(argv, seeded, tmp_path))
        assert result.status == 0, (argv, result.out, result.err)


# --- links and citations -------------------------------------------------------------------
@pytest.mark.parametrize(
    "document", ["README.md", *sorted(p.name for p in (ROOT / "docs").glob("*.md"))]
)
def test_every_relative_link_points_at_a_file(document):
    path = README if document == "README.md" else ROOT / "docs" / document
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", path.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        resolved = (path.parent / target).resolve()
        relative = resolved.relative_to(ROOT).as_posix()
        assert resolved.exists(), f"{document}: {target} ({relative})"


def _sections() -> set[str]:
    headings = re.findall(
        r"^#{2,3} (\d+(?:\.\d+)?)\.? ", DW_SITE.read_text(encoding="utf-8"), re.MULTILINE
    )
    return set(headings)


def test_code_cites_existing_sections_of_the_dw_site_reference():
    sections = _sections()
    assert {"1", "3.5", "14"} <= sections
    cited = []
    for folder in ("dwcrawler", "tests", "bench", "tools"):
        for source in (ROOT / folder).rglob("*.py"):
            text = source.read_text(encoding="utf-8")
            assert OLD_REFERENCE not in text, f"{source}: cite docs/dw-site.md"
            for found in re.finditer(r"docs/dw-site\.md §([\d.§, \-]+)", text):
                numbers = re.findall(r"\d+(?:\.\d+)?", found.group(1))
                if "-" in found.group(1):  # a range "§8-10": both ends must exist
                    numbers = numbers[:2]
                cited += [(source.relative_to(ROOT).as_posix(), n) for n in numbers]
    assert len(cited) >= 10
    assert [c for c in cited if c[1] not in sections] == []


def test_the_repository_does_not_depend_on_the_shared_folder():
    for folder in ("dwcrawler", "docs", "migrations"):
        for source in (ROOT / folder).rglob("*"):
            if source.suffix in {".py", ".md"}:
                assert "shared/" not in source.read_text(encoding="utf-8"), source
