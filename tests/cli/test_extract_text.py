"""`dwcrawler extract --text`: a text rendering in, one JSON line out; one stderr line per mistake."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from dwcrawler.cli import main
from dwcrawler.extraction import extract_page
from tests.sitegen import render_page
from tests.sitegen.fixtures import FIXTURES
from tests.sitegen.goldens import FIXTURES as FIXTURE_DIR
from tests.support.textrender import render_text

NAME = "current/article_wakulima-wa-kilimanjaro_2024-01-30"
SPEC = FIXTURES[NAME]
TEXT = FIXTURE_DIR / "text" / "article_wakulima-wa-kilimanjaro_2024-01-30.txt"


def lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_the_stored_text_is_the_replica_page_rendered():
    # The example of the help and docs/extraction.md: kept equal to what the renderer gives.
    assert TEXT.read_text(encoding="utf-8") == render_text(render_page(SPEC))


def test_a_text_with_its_url_prints_one_json_line(capsys):
    assert main(["extract", "--text", str(TEXT), "--url", SPEC.url]) == 0
    out, err = capsys.readouterr()
    (got,) = lines(out)
    html = extract_page(render_page(SPEC))
    assert (got["dw_id"], got["url"], got["capture"]) == (SPEC.dw_id, SPEC.url, "text")
    assert got["title"] == html.title
    assert got["teaser"] == html.teaser
    assert [p["caption"] for p in got["photos"]] == [p.caption for p in html.photos]
    assert [p["credit"] for p in got["photos"]] == [p.credit for p in html.photos]
    assert got["date_precision"] == "day"
    assert got["cleaning"]["skip_link"] == 3
    assert err == ""


def test_the_url_may_stand_on_a_line_of_the_text(capsys, tmp_path):
    named = tmp_path / "copy.txt"
    named.write_text(f"{SPEC.url}\n{TEXT.read_text(encoding='utf-8')}", encoding="utf-8")
    assert main(["extract", "--text", str(named)]) == 0
    assert lines(capsys.readouterr().out)[0]["dw_id"] == SPEC.dw_id


def test_a_text_without_a_url_gets_one_line(capsys):
    assert main(["extract", "--text", str(TEXT)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"dwcrawler extract: {TEXT}: a text rendering names no DW URL; give --url\n")


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"PK\x03\x04\x00\x00binary\x00", "not a text rendering (binary data: NUL bytes)"),
        (b"Kichwa \xff\xfe cha habari\n", "not a text rendering (not UTF-8 at byte 7)"),
    ],
)
def test_a_file_that_is_not_text_gets_one_line(capsys, tmp_path, data, why):
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    assert main(["extract", "--text", str(path), "--url", SPEC.url]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"dwcrawler extract: {path}: {why}\n"


def test_a_text_of_another_site_gets_one_line(capsys, tmp_path):
    recipe = tmp_path / "recipe.txt"
    recipe.write_text("Supu ya samaki\nChemsha maji na chumvi.\n", encoding="utf-8")
    assert main(["extract", "--text", str(recipe), "--url", SPEC.url]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert "nothing of a DW page" in err
    assert "Traceback" not in err


def test_a_url_that_is_no_dw_page_gets_one_line(capsys):
    assert main(["extract", "--text", str(TEXT), "--url", "https://example.com/a-1"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "not a DW content URL" in err


def test_good_and_bad_texts_together(capsys, tmp_path):
    named = tmp_path / "named.txt"
    named.write_text(f"{TEXT.read_text(encoding='utf-8')}\n{SPEC.url}\n", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01")
    missing = tmp_path / "missing.txt"
    assert main(["extract", "--text", str(binary), str(named), str(missing)]) == 1
    out, err = capsys.readouterr()
    assert [g["dw_id"] for g in lines(out)] == [SPEC.dw_id]
    assert len(err.splitlines()) == 2
    assert "No such file or directory" in err


def test_help_shows_the_text_example(capsys):
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    assert f"extract --text {Path('tests/fixtures/text')}" in capsys.readouterr().out


def test_the_docs_example_runs_as_written(capsys):
    docs = (Path(__file__).resolve().parents[2] / "docs" / "extraction.md").read_text("utf-8")
    section = docs.split("## Text renderings", 1)[1].split("\n## ", 1)[0]
    (command,) = re.findall(r"```sh\n(.*?)\n```", section, re.DOTALL)
    argv = shlex.split(command)
    assert argv[:3] == ["dwcrawler", "extract", "--text"]
    assert main(argv[1:]) == 0
    (got,) = lines(capsys.readouterr().out)
    assert (got["title"], got["capture"]) == (SPEC.title, "text")
