"""The README's database section works as written: its SQL and its CLI cheat-sheet."""

import re
import shlex
import sqlite3

import pytest

from tests.support.clihelpers import run, seed
from tests.support.paths import ROOT

README = ROOT / "README.md"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index("## The archive database") :]


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", _section(), flags=re.DOTALL)


@pytest.fixture
def seeded(sqlite_url):
    seed(sqlite_url)
    return sqlite_url


def test_the_readme_sql_runs_and_answers(seeded):
    queries = _blocks("sql")
    inline = re.search(r"`(SELECT a\.dw_id, a\.title FROM articles_fts.*?)`", _section())
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


def test_the_cheat_sheet_commands_run(capsys, seeded, tmp_path):
    sheet = _section()[_section().index("### `dwcrawler` cheat-sheet") :]
    lines = [
        line
        for block in re.findall(r"```sh\n(.*?)```", sheet, re.DOTALL)
        for line in block.splitlines()
    ]
    commands = [shlex.split(line, comments=True) for line in lines if line.startswith("dwcrawler ")]
    assert len(commands) >= 12
    for argv in commands:
        if ">" in argv:
            argv = argv[: argv.index(">")]
        if "-o" in argv:
            argv[argv.index("-o") + 1] = str(tmp_path / argv[argv.index("-o") + 1])
        cut = 3 if argv[1] == "db" else 2  # options go after the (sub)command name
        result = run(capsys, *argv[1:cut], "--database", seeded, *argv[cut:])
        assert result.status == 0, (argv, result.err)
