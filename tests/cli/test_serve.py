"""`dwcrawler serve` as a user runs it: a real server process, its flags and its refusals."""

import subprocess
import sys

import pytest

from tests.browse.helpers import Server, archive_path
from tests.support.clihelpers import run, seed
from tests.support.dbsamples import MAFURIKO


@pytest.fixture
def archive(sqlite_url):
    seed(sqlite_url)
    return str(archive_path(sqlite_url))


def test_serve_listens_on_loopback_answers_and_stops_on_ctrl_c(archive):
    server = Server(archive)
    try:
        assert server.base_url.startswith("http://127.0.0.1:")
        status, page = server.get("/")
        assert status == 200
        assert "DW Kiswahili archive" in page
        status, article = server.get(f"/dw_sw/articles/{MAFURIKO.dw_id}.json")
        assert status == 200
        assert MAFURIKO.title in article
    finally:
        assert server.stop() == 0
    assert "Traceback" not in server.stderr
    assert "warning" not in server.stderr


def test_sigterm_stops_the_server_as_done(archive):
    server = Server(archive, "--no-images")
    assert server.get("/dw_sw")[0] == 200
    server.process.terminate()
    assert server.stop() == 0


def test_a_public_host_needs_the_flag_and_gets_a_warning(capsys, archive):
    refused = run(capsys, "serve", "--host", "0.0.0.0", "--database", archive)
    assert refused.status == 2
    assert "add --public" in refused.err
    with Server(archive, "--host", "0.0.0.0", "--public") as server:
        port = server.base_url.rsplit(":", 1)[1]
        status, _ = server.get("/")
        assert status == 200
    assert f"warning: serving on 0.0.0.0:{port.rstrip('/')}" in server.stderr
    assert "anyone who can reach it can read the whole archive" in server.stderr


def test_a_postgresql_archive_is_pointed_to_psql_and_its_views(capsys, postgres_url):
    secret = postgres_url.replace("postgres@", "postgres:hunter2@")
    result = run(capsys, "serve", "--database", secret)
    assert result.status == 2
    [line] = result.err.splitlines()
    assert "Datasette serves SQLite archives only" in line
    assert "psql" in line
    assert "photos_by_agency" in line
    assert "hunter2" not in line


def test_without_datasette_the_extra_is_named(archive):
    probe = (
        "import sys; sys.modules['datasette'] = None\n"
        "from dwcrawler.cli import main\n"
        f"raise SystemExit(main(['serve', '--database', {archive!r}]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "dwcrawler serve: error: dwcrawler serve needs Datasette (datasette is missing): "
        "pip install 'dwcrawler[browse]'"
    )
