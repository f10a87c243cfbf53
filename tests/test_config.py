"""Everyday settings from DWCRAWLER_* variables or one config file: `-s`, then environment,
then the file, then the defaults; a broken file is one line and exit status 2."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dwcrawler import configfile
from dwcrawler.config import configured_settings, database_url, warc_dir
from tests.replica.build import fixture_site
from tests.replica.server import ReplicaServer
from tests.support.clihelpers import run, seed
from tests.support.paths import ROOT

DWCRAWLER = str(Path(sys.executable).parent / "dwcrawler")


@pytest.fixture
def config(tmp_path, monkeypatch):
    """A config file named by $DWCRAWLER_CONFIG; no DWCRAWLER_* variable set."""
    for name in [*configfile.KEYS.values(), configfile.CONFIG_ENV]:
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "config.toml"
    path.write_text("")
    monkeypatch.setenv(configfile.CONFIG_ENV, str(path))
    return path


def _env(**extra: str) -> dict[str, str]:
    names = {*configfile.KEYS.values(), configfile.CONFIG_ENV}
    return {k: v for k, v in os.environ.items() if k not in names} | extra


def _setting(name: str, *options: str, env: dict[str, str]) -> str:
    line = [sys.executable, "-m", "scrapy", "settings", *options, "--get", name]
    done = subprocess.run(line, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_precedence_option_then_environment_then_file_then_default(config):
    assert _setting("DW_CONTACT_URL", env=_env()) == ""
    config.write_text('contact_url = "mailto:file@example.org"\n[crawl]\nDW_LINK_HOPS = 0\n')
    env = _env(DWCRAWLER_CONFIG=str(config))
    assert _setting("DW_CONTACT_URL", env=env) == "mailto:file@example.org"
    assert _setting("DW_LINK_HOPS", env=env) == "0"
    env["DWCRAWLER_CONTACT_URL"] = "mailto:env@example.org"
    assert _setting("DW_CONTACT_URL", env=env) == "mailto:env@example.org"
    option = ["-s", "DW_CONTACT_URL=mailto:option@example.org"]
    assert _setting("DW_CONTACT_URL", *option, env=env) == "mailto:option@example.org"


def test_the_database_from_the_option_the_environment_or_the_file(
    config, sqlite_url, tmp_path, monkeypatch, capsys
):
    seed(sqlite_url)
    elsewhere = f"sqlite:///{tmp_path / 'elsewhere.sqlite3'}"
    config.write_text(f'database_url = "{sqlite_url}"\n')
    assert database_url() == sqlite_url
    assert "articles       7" in run(capsys, "stats").out
    monkeypatch.setenv("DWCRAWLER_DATABASE_URL", elsewhere)
    assert database_url() == elsewhere
    assert database_url(sqlite_url) == sqlite_url
    assert configured_settings() == {}


def test_warc_folder_beside_the_archive_unless_configured(config, tmp_path, monkeypatch):
    assert warc_dir(f"sqlite:///{tmp_path}/a/dw.sqlite3") == tmp_path / "a" / "warc"
    assert warc_dir("postgresql://dw@localhost/dw").name == "warc"
    config.write_text(f'warc_dir = "{tmp_path}/w"\n')
    assert warc_dir(f"sqlite:///{tmp_path}/a/dw.sqlite3") == tmp_path / "w"
    assert warc_dir("sqlite:///x.sqlite3", "/setting") == Path("/setting")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('contact = "x"\n', "unknown key(s) contact; known: database_url"),
        ("contact_url = \n", "not valid TOML"),
        ("crawl = 3\n", "[crawl] must be a table of settings"),
    ],
)
def test_a_broken_config_file_is_one_line_and_exit_2(config, capsys, text, message):
    config.write_text(text)
    result = run(capsys, "stats")
    assert result.status == 2
    assert result.err.count("\n") == 1
    assert f"config file {config}: " in result.err
    assert message in result.err
    crawl = subprocess.run(
        [DWCRAWLER, "crawl", "-s", "DW_BASE_URL=http://127.0.0.1:9"],
        env=_env(DWCRAWLER_CONFIG=str(config)),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert crawl.returncode == 2
    assert crawl.stderr.splitlines()[-1].startswith(f"dwcrawler crawl: error: config file {config}")
    assert "Traceback" not in crawl.stderr


def test_a_short_cron_line_the_config_file_says_the_rest(config, sqlite_url, tmp_path):
    """`dwcrawler crawl` with no option: archive, contact and log file come from the file."""
    log = tmp_path / "logs" / "crawl.log"
    log.parent.mkdir()
    config.write_text(
        f'database_url = "{sqlite_url}"\ncontact_url = "mailto:cron@example.org"\n'
        f'log_file = "{log}"\n[crawl]\nDOWNLOAD_DELAY = 0\nAUTOTHROTTLE_ENABLED = false\n'
    )
    site = fixture_site()
    with ReplicaServer(site.resources()) as server:
        env = _env(DWCRAWLER_CONFIG=str(config))
        line = [DWCRAWLER, "crawl", "-s", f"DW_BASE_URL={server.base_url}", "-a", "mode=backfill"]
        done = subprocess.run(
            line, env=env, capture_output=True, text=True, check=False, timeout=300
        )
        agents = {r.headers.get("User-Agent", "") for r in server.requests()}
    assert done.returncode == 0, log.read_text()[-2000:] if log.exists() else done.stderr
    assert done.stderr == ""  # the whole log went to the file
    assert "run succeeded" in log.read_text()
    assert agents
    assert all(agent.endswith("; +mailto:cron@example.org)") for agent in agents)


def test_a_missing_contact_url_stays_a_warning(config, sqlite_url):
    site = fixture_site()
    with ReplicaServer(site.resources()) as server:
        line = [
            DWCRAWLER,
            "crawl",
            "--database",
            sqlite_url,
            "-s",
            f"DW_BASE_URL={server.base_url}",
            "-s",
            "DOWNLOAD_DELAY=0",
        ]
        env = _env(DWCRAWLER_CONFIG=str(config))
        done = subprocess.run(
            line, env=env, capture_output=True, text=True, check=False, timeout=300
        )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "WARNING: DW_CONTACT_URL is not set: DW cannot reach you about this crawl" in done.stderr
