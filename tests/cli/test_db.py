"""`dwcrawler db` and how every archive command finds (or fails to find) its database."""

import pytest

from dwcrawler.db.migrate import head_revision
from tests.support.clihelpers import run, seed


def test_upgrade_creates_a_new_archive_and_its_directory(capsys, tmp_path):
    path = tmp_path / "archive" / "dw" / "dw_sw.sqlite3"
    up = run(capsys, "db", "upgrade", "--database", str(path))
    assert up.status == 0, up.err
    assert path.exists()


def test_upgrade_current_and_downgrade_on_a_new_sqlite_file(capsys, tmp_path):
    path = tmp_path / "new" / "dw.sqlite3"
    path.parent.mkdir()
    url = f"sqlite:///{path}"
    missing = run(capsys, "db", "current", "--database", url)
    assert missing.status == 1
    assert "run `dwcrawler db upgrade`" in missing.err
    assert not path.exists()  # asking never creates an empty file
    up = run(capsys, "db", "upgrade", "--database", str(path))  # a plain path works too
    assert up.status == 0, up.err
    assert f"upgraded from an empty database to {head_revision()}" in up.out
    again = run(capsys, "db", "upgrade", "--database", url)
    assert "already at" in again.out
    now = run(capsys, "db", "current", "--database", url)
    assert (now.status, now.out.strip().endswith(f"{head_revision()} (head)")) == (0, True)
    refused = run(capsys, "db", "downgrade", "base", "--database", url)
    assert (refused.status, "--yes" in refused.err) == (2, True)
    down = run(capsys, "db", "downgrade", "base", "--yes", "--database", url)
    assert (down.status, "base (no tables)" in down.out) == (0, True)
    behind = run(capsys, "db", "current", "--database", url)
    assert behind.status == 1
    assert "no schema" in behind.out


def test_upgrade_on_both_backends(capsys, empty_db_url):
    assert run(capsys, "db", "upgrade", "--database", empty_db_url).status == 0
    assert run(capsys, "db", "current", "--database", empty_db_url).status == 0


def test_query_commands_refuse_a_database_not_at_head(capsys, empty_db_url):
    result = run(capsys, "stats", "--database", empty_db_url)
    assert result.status == 1
    assert result.err.count("\n") == 1
    assert "has no dwcrawler schema yet: run `dwcrawler db upgrade`" in result.err


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://root@127.0.0.1/dw", "unsupported database 'mysql'"),
        ("postgresql+psycopg://postgres@127.0.0.1:1/nowhere", "database postgresql+psycopg://"),
        ("sqlite:////nonexistent-dir/dw.sqlite3", "no archive at /nonexistent-dir/dw.sqlite3"),
    ],
)
@pytest.mark.parametrize(
    "command", [["stats"], ["search", "x"], ["show", "1"], ["photos"], ["export"]]
)
def test_unusable_databases_get_one_line(capsys, command, url, message):
    result = run(capsys, *command, "--database", url)
    assert result.status in {1, 2}
    assert result.out == ""
    assert result.err.count("\n") == 1, result.err
    assert message in result.err


def test_not_a_database_file(capsys, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hii si hifadhidata\n" * 100)
    result = run(capsys, "stats", "--database", str(path))
    assert result.status == 1
    assert "file is not a database" in result.err
    assert result.err.count("\n") == 1


def test_the_environment_names_the_database_and_the_option_overrides_it(
    capsys, sqlite_url, monkeypatch, tmp_path
):
    seed(sqlite_url)
    monkeypatch.setenv("DWCRAWLER_DATABASE_URL", sqlite_url)
    assert "articles       7" in run(capsys, "stats").out
    monkeypatch.setenv("DWCRAWLER_DATABASE_URL", f"sqlite:///{tmp_path / 'absent.sqlite3'}")
    assert run(capsys, "stats").status == 1
    assert "articles       7" in run(capsys, "stats", "--database", sqlite_url).out
