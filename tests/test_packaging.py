"""dwcrawler installed as a user installs it: a plain wheel, run from a folder outside the repo."""

import os
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.replica.archive import records
from tests.replica.build import synthetic_site
from tests.replica.run import LOOPBACK
from tests.replica.server import ReplicaServer
from tests.support.paths import ROOT

PIP = [sys.executable, "-m", "pip"]


def test_every_package_is_listed_for_the_wheel():
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "dwcrawler").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    migrations = {"dwcrawler.migrations", "dwcrawler.migrations.versions"}
    assert listed == found | migrations


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed in it, not editable.

    The wheel is built offline (no build isolation) and installed without dependencies; the
    dependencies come from this test run's environment through a `.pth` line (their own `.pth`
    files, this checkout's editable install among them, are not read from there).
    """
    work = tmp_path_factory.mktemp("install")
    build = subprocess.run(
        [
            *PIP,
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(work / "dist"),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    [wheel] = (work / "dist").glob("dwcrawler-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "dwcrawler/migrations/env.py" in names
    assert "dwcrawler/migrations/script.py.mako" in names
    assert any(n.startswith("dwcrawler/migrations/versions/2") for n in names)
    assert "dwcrawler/browse/metadata.yaml" in names  # `dwcrawler serve`'s Datasette metadata
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    site = Path(
        subprocess.run(
            [
                str(venv / "bin" / "python"),
                "-c",
                "import sysconfig; print(sysconfig.get_path('purelib'))",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (site / "zz_test_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    install = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    return venv


def test_the_installed_package_migrates_and_crawls_from_any_folder(installed, tmp_path):
    elsewhere = tmp_path / "cron-home"
    elsewhere.mkdir()
    dwcrawler = str(installed / "bin" / "dwcrawler")
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower() and k != "PYTHONPATH"}
    where = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import dwcrawler; print(dwcrawler.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(installed))  # the wheel's copy, not this checkout
    url = f"sqlite:///{tmp_path / 'archive.sqlite3'}"
    upgrade = subprocess.run(
        [dwcrawler, "db", "upgrade", "--database", url],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert upgrade.returncode == 0, upgrade.stderr
    site = synthetic_site(6, seed=5)
    with ReplicaServer(site.resources()) as server:
        settings = {**LOOPBACK, "DW_BASE_URL": server.base_url}
        line = [dwcrawler, "crawl", "--database", url, "-a", "mode=backfill"]
        for name, value in settings.items():
            line += ["-s", f"{name}={value}"]
        proxied = env | {"http_proxy": server.base_url, "https_proxy": server.base_url}
        crawl = subprocess.run(
            line,
            cwd=elsewhere,
            env=proxied,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert crawl.returncode == 0, crawl.stderr[-3000:]
    assert sorted(records(url)) == sorted(p.spec.dw_id for p in site.pages)
    assert list(elsewhere.iterdir()) == []  # nothing left in the folder cron started it in
