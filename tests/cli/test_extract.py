"""`dwcrawler extract`: JSON lines out, one clear stderr line per bad file, no traceback."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from dwcrawler.cli import main
from tests.sitegen.goldens import PAGES, SAMPLES, comparable

CURRENT = PAGES / "current" / "article_wakulima-wa-kilimanjaro_2024-01-30.html"
CLASSIC = PAGES / "classic" / "article_rais-gauck-ziarani-zanzibar_2015-02-04.html"


def lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_one_json_line_per_page_in_order(capsys):
    assert main(["extract", str(CURRENT), str(CLASSIC)]) == 0
    out, err = capsys.readouterr()
    got = lines(out)
    assert [g["dw_id"] for g in got] == [68117411, 18233405]
    assert comparable(got[0]) == comparable(
        json.loads(CURRENT.with_suffix(".json").read_text(encoding="utf-8"))
    )
    assert err == ""


def test_bad_files_get_one_line_each_and_the_rest_is_processed(capsys, tmp_path):
    other = tmp_path / "recipe.html"
    other.write_text(
        "<html><head><title>Soup</title></head><body><p>Hot.</p></body></html>", encoding="utf-8"
    )
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    broken_gz = tmp_path / "broken.html.gz"
    broken_gz.write_bytes(gzip.compress(CURRENT.read_bytes())[:200])
    status = main(
        [
            "extract",
            str(other),
            str(tmp_path / "missing.html"),
            str(CURRENT),
            str(empty),
            str(broken_gz),
        ]
    )
    out, err = capsys.readouterr()
    assert status == 1
    assert [g["dw_id"] for g in lines(out)] == [68117411]
    messages = err.splitlines()
    assert len(messages) == 4
    assert "recipe.html: not a DW page" in messages[0]
    assert "missing.html: cannot read: No such file or directory" in messages[1]
    assert "empty.html: empty document" in messages[2]
    assert "broken.html.gz: cannot read: not valid gzip data" in messages[3]
    assert "Traceback" not in err


def test_gzipped_pages_and_stdin(capsys, tmp_path, monkeypatch):
    packed = tmp_path / "page.html.gz"
    packed.write_bytes(gzip.compress(CLASSIC.read_bytes()))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CURRENT.read_bytes())))
    assert main(["extract", str(packed), "-"]) == 0
    assert [g["dw_id"] for g in lines(capsys.readouterr().out)] == [18233405, 68117411]


def test_url_option_names_the_page_and_needs_a_single_page(capsys, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        CLASSIC.read_text(encoding="utf-8")
        .replace('rel="canonical"', 'rel="x"')
        .replace('rel="amphtml"', 'rel="y"')
        .replace('property="og:url"', 'property="z"'),
        encoding="utf-8",
    )
    assert main(["extract", str(page)]) == 1
    assert "pass --url" in capsys.readouterr().err
    url = "https://www.dw.com/sw/rais-gauck-ziarani-zanzibar/a-18233405"
    assert main(["extract", str(page), "--url", url]) == 0
    assert lines(capsys.readouterr().out)[0]["url"] == url
    assert main(["extract", str(page), str(CLASSIC), "--url", url]) == 2


def test_warnings_go_to_stderr_unless_quiet(capsys):
    page = PAGES / "current" / "article_invalid-page-data_2024-01-30.html"
    assert main(["extract", str(page)]) == 0
    assert "warning: invalid-page-data:" in capsys.readouterr().err
    assert main(["extract", "--quiet", str(page)]) == 0
    assert capsys.readouterr().err == ""


def test_help_shows_an_example(capsys):
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    help_text = capsys.readouterr().out
    assert "dwcrawler extract tests/fixtures/pages/" in help_text
    assert "json.tool" in help_text


def test_installed_command_runs_without_traceback(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("nothing", encoding="utf-8")
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "dwcrawler"),
            "extract",
            str(SAMPLES / "de_article_old-design_2023-04_fundus.html"),
            str(bad),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)["language"] == "de"
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("argv", [["extract"], ["extract", "--bogus", "x"]])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == 2
