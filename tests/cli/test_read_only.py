"""Read-only archives: a copy on read-only media can be queried; the note comes once.

The media is made read-only for real: the folder is bind-mounted read-only in a mount
namespace of its own (`unshare -m`), which stops root too. Where that is not allowed, the
command runs as an unprivileged user on a folder without write permission.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from dwcrawler.db.reader import IMMUTABLE_NOTE, open_reader
from tests.support.clihelpers import run, seed

DWCRAWLER = str(Path(sys.executable).parent / "dwcrawler")
READ_ONLY_MOUNT = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'


def _read_only_runner(folder: Path) -> list[str] | None:
    """Return a command prefix that runs a command with `folder` read-only, or None."""
    mount = ["unshare", "-m", "sh", "-c", READ_ONLY_MOUNT, str(folder)]
    probe = subprocess.run(
        [*mount, "touch", str(folder / "probe")], capture_output=True, check=False
    )
    if shutil.which("unshare") and probe.returncode != 0 and b"Read-only" in probe.stderr:
        return mount
    (folder / "probe").unlink(missing_ok=True)
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return []
    return None


@pytest.fixture(params=["copied", "backed up"])
def read_only_copy(request, sqlite_url, tmp_path):
    """The archive on read-only media: copied as it is (a WAL archive), or by VACUUM INTO."""
    seed(sqlite_url)
    media = tmp_path / "media"
    media.mkdir()
    source, copy = Path(sqlite_url.removeprefix("sqlite:///")), media / "archive.sqlite3"
    if request.param == "copied":
        shutil.copyfile(source, copy)
    else:
        with sqlite3.connect(source) as connection:
            connection.execute(f"VACUUM INTO '{copy}'")  # a backup, in rollback-journal mode
    runner = _read_only_runner(media)
    if runner is None:
        pytest.skip("no way to make a folder read-only here (unshare -m refused, running as root)")
    yield runner, copy, request.param == "copied"
    media.chmod(0o755)


def _cli(runner: list[str], *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*runner, DWCRAWLER, *argv], capture_output=True, text=True, check=False, timeout=120
    )


def test_a_copy_on_read_only_media_can_be_queried(read_only_copy):
    runner, archive, wal = read_only_copy
    assert list(archive.parent.iterdir()) == [archive]  # no -shm: a WAL archive needs one
    for argv in (["stats"], ["search", "reli"], ["show", "68117411"], ["export"], ["photos"]):
        result = _cli(runner, *argv, "--database", str(archive))
        assert result.returncode == 0, (argv, result.stderr)
        assert result.stdout
        # Only a WAL archive needs immutable mode there; a backup opens read-only as it is.
        assert result.stderr == (f"dwcrawler {argv[0]}: note: {IMMUTABLE_NOTE}\n" if wal else "")
    assert "articles       7" in _cli(runner, "stats", "--database", str(archive)).stdout
    doctor = _cli(runner, "doctor", "--max-age", "10000d", "--database", str(archive))
    assert doctor.returncode == 1
    assert f"archive writable: {archive} cannot be written" in doctor.stdout
    purge = _cli(runner, "purge", "68117411", "--reason", "x", "--database", str(archive))
    assert purge.returncode == 1
    assert purge.stderr.count("\n") == 1
    assert "Traceback" not in purge.stderr
    assert list(archive.parent.iterdir()) == [archive]


def test_queries_open_the_archive_read_only_without_a_note(capsys, sqlite_url):
    seed(sqlite_url)
    result = run(capsys, "stats", "--database", sqlite_url)
    assert result.status == 0
    assert result.err == ""
    reader = open_reader(sqlite_url)
    try:
        assert not reader.immutable
        with (
            reader.engine.connect() as connection,
            pytest.raises(OperationalError, match="readonly"),
        ):
            connection.execute(text("DELETE FROM articles"))
    finally:
        reader.engine.dispose()
