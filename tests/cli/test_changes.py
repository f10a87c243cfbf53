"""`dwcrawler changes` and `dwcrawler show ID --diff` on both backends."""

import csv
import io
import json
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from dwcrawler.cli.diff import GREEN, RED, text_lines
from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.repository import mark_gone, mark_seen, store_article
from dwcrawler.items import BodyBlock, GoneItem, NotModifiedItem
from tests.support.clihelpers import RELI_EDITED, SEEN, Result, run, seed
from tests.support.dbsamples import GAUCK, JANJAWEED, MKUTANO, RELI, ZUMA, fetched

DAY3, DAY4, DAY5 = (SEEN + timedelta(days=n) for n in (2, 3, 4))
OLD_SENTENCE = "Mataifa ya Magharibi yana wasiwasi"
MKUTANO_EDITED = replace(
    MKUTANO,
    body=(
        MKUTANO.body[0],
        BodyBlock(
            "paragraph",
            MKUTANO.body[1].text.replace("yana wasiwasi", "yameonya") + " Urusi imekanusha.",
        ),
    ),
)


@pytest.fixture
def archive(db_url):
    """seed() (RELI retitled and JANJAWEED gone on day 2), then three more days of changes."""
    seed(db_url)
    engine = make_engine(db_url)
    sessions = make_sessionmaker(engine)
    with sessions.begin() as session:  # day 3: DW edits a paragraph; ZUMA goes away
        store_article(session, fetched(MKUTANO_EDITED, DAY3), seen_at=DAY3)
        mark_gone(session, GoneItem(ZUMA.url, ZUMA.dw_id, 404, DAY3))
    with sessions.begin() as session:  # day 4: our extractor changed GAUCK's teaser
        regauck = replace(GAUCK, teaser=(GAUCK.teaser or "") + " Zaidi.")
        store_article(session, fetched(regauck, DAY4), seen_at=DAY4, cause="reextract")
    with sessions.begin() as session:  # day 5: ZUMA answers again; DW edits MKUTANO again
        mark_seen(session, NotModifiedItem(ZUMA.url, ZUMA.dw_id, checked_at=DAY5))
        third = replace(MKUTANO_EDITED, title=MKUTANO.title + " (picha)")
        store_article(session, fetched(third, DAY5), seen_at=DAY5)
    engine.dispose()
    return db_url


def _changes(capsys, archive, *args: str) -> Result:
    return run(capsys, "changes", *args, "--database", archive)


def _json(result: Result) -> list[dict[str, Any]]:
    assert result.status == 0, result.err
    return [json.loads(line) for line in result.out.splitlines()]


def test_dws_own_edits_and_status_changes_newest_first(capsys, archive):
    found = _json(_changes(capsys, archive, "--json"))
    seen = [(c["dw_id"], c["what"], c["fields"]) for c in found]
    assert seen == [
        (MKUTANO.dw_id, "r3", ["title"]),
        (ZUMA.dw_id, "back", ["status"]),
        (MKUTANO.dw_id, "r2", ["body"]),
        (ZUMA.dw_id, "gone", ["status"]),
        (RELI.dw_id, "r2", ["title"]),
        (JANJAWEED.dw_id, "gone", ["status"]),
    ]  # GAUCK's re-extraction is not DW's edit: left out
    days = [c["at"][:10] for c in found]
    assert days == ["2024-07-05"] * 2 + ["2024-07-03"] * 2 + ["2024-07-02"] * 2
    assert {c["total"] for c in found} == {6}
    body = found[2]["summary"]
    assert body.startswith("body: «")
    assert "yana wasiwasi" in body.split("→")[0]
    assert "yameonya" in body.split("→")[1]
    assert found[4]["summary"] == f"title: «{RELI.title}» → «{RELI_EDITED.title}»"
    assert found[3]["summary"] == "gone (HTTP 404)"
    assert found[3]["http_status"] == 404


def test_causes_fields_since_and_limit(capsys, archive):
    reextract = _json(_changes(capsys, archive, "--cause", "reextract", "--json"))
    assert [(c["dw_id"], c["cause"], c["fields"]) for c in reextract] == [
        (GAUCK.dw_id, "reextract", ["teaser"])
    ]
    assert len(_json(_changes(capsys, archive, "--cause", "all", "--json"))) == 7
    titles = _json(_changes(capsys, archive, "--field", "title", "--json"))
    assert [(c["dw_id"], c["what"]) for c in titles] == [(MKUTANO.dw_id, "r3"), (RELI.dw_id, "r2")]
    status = _json(_changes(capsys, archive, "--field", "status", "--json"))
    assert {c["what"] for c in status} == {"gone", "back"}
    both = _json(_changes(capsys, archive, "--field", "body", "--field", "status", "--json"))
    assert len(both) == 4
    since = _json(_changes(capsys, archive, "--since", "2024-07-03T06:00", "--json"))
    assert [c["what"] for c in since] == ["r3", "back", "r2", "gone"]
    assert _json(_changes(capsys, archive, "--since", "2024-07-06", "--json")) == []
    table = _changes(capsys, archive, "--limit", "2")
    heading, *lines = table.out.splitlines()
    assert heading == "2 of 6 changes (newest first); more: --limit"
    assert lines[0].startswith(f"2024-07-05 06:00  {MKUTANO.dw_id}  r3    ")
    rows = list(csv.DictReader(io.StringIO(_changes(capsys, archive, "--csv").out)))
    assert [row["what"] for row in rows][:2] == ["r3", "back"]


@pytest.mark.parametrize(
    "args",
    [["--since", "yesterday"], ["--field", "kicker"], ["--cause", "robot"], ["--limit", "0"]],
)
def test_bad_options_get_one_line_and_status_2(capsys, archive, args):
    result = _changes(capsys, archive, *args)
    assert result.status == 2
    assert result.err.count("\n") == 1


def test_diff_of_the_last_two_revisions_shows_the_changed_sentences(capsys, archive):
    result = run(capsys, "show", str(MKUTANO.dw_id), "--diff", "1", "2", "--database", archive)
    assert result.status == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith(f"--- a-{MKUTANO.dw_id} revision 1 (2024-07-01T06:00:00+00:00)")
    assert lines[1].startswith(f"+++ a-{MKUTANO.dw_id} revision 2 (2024-07-03T06:00:00+00:00)")
    removed = [line for line in lines[2:] if line.startswith("-")]
    added = [line for line in lines[2:] if line.startswith("+")]
    assert len(removed) == 1  # one sentence of one paragraph, not the whole text
    assert OLD_SENTENCE in removed[0]
    assert added == [
        "+" + MKUTANO_EDITED.body[1].text.removesuffix(" Urusi imekanusha."),
        "+Urusi imekanusha.",
    ]
    assert "\033[" not in result.out  # not a terminal: no colours
    last = run(capsys, "show", str(MKUTANO.dw_id), "--diff", "--database", archive).out
    assert "-# Putin na Kim Jong Un wakutana mashariki ya mbali ya Urusi" in last
    assert "+# Putin na Kim Jong Un wakutana mashariki ya mbali ya Urusi (picha)" in last
    to_current = run(capsys, "show", str(MKUTANO.dw_id), "--diff", "1", "--database", archive)
    assert "revision 3" in to_current.out.splitlines()[1]
    assert sum(line.startswith("+") for line in to_current.out.splitlines()[2:]) == 3


def test_diff_is_coloured_on_a_terminal_and_json_on_request(capsys, archive, monkeypatch):
    monkeypatch.setattr("dwcrawler.cli.diff.colour_wanted", lambda: True)
    painted = run(capsys, "show", str(RELI.dw_id), "--diff", "--database", archive).out
    assert f"{RED}-# {RELI.title}" in painted
    assert f"{GREEN}+# {RELI_EDITED.title}" in painted
    monkeypatch.undo()
    record = json.loads(
        run(capsys, "show", str(RELI.dw_id), "--diff", "--json", "--database", archive).out
    )
    assert (record["from"]["revision"], record["to"]["revision"]) == (1, 2)
    assert f"+# {RELI_EDITED.title}" in record["diff"]


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        ([str(GAUCK.dw_id), "--diff", "1", "3"], 1, "has revisions 1 to 2, not 3"),
        ([str(ZUMA.dw_id), "--diff"], 1, "one revision only"),
        ([str(RELI.dw_id), "--diff", "1", "2", "3"], 2, "at most two"),
        ([str(RELI.dw_id), "--diff", "--revision", "1"], 2, "not allowed with"),
        (["12345", "--diff"], 1, "not in the archive"),
    ],
)
def test_diffs_that_cannot_be_made_get_one_line(capsys, archive, args, status, message):
    result = run(capsys, "show", *args, "--database", archive)
    assert result.status == status
    assert result.err.count("\n") == 1
    assert message in result.err


def test_text_lines_cover_title_byline_teaser_body_captions_and_credits():
    from dwcrawler.db.hashing import content_snapshot

    lines = text_lines(content_snapshot(RELI))
    assert lines[0] == f"# {RELI.title}"
    assert "authors: Florence Majani" in lines
    assert "## Gharama za mradi" in lines
    assert f"[photo 1, hero, dw:{RELI.photos[0].image_id}]" in lines
    assert f"credit: {RELI.photos[0].credit}" in lines
    assert RELI.photos[0].caption in lines
