"""Exports typed for corpus and data tools: formats from names, Parquet types, text, credits,
incremental exports, a Hugging Face dataset with its card, and the rights statement."""

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from dwcrawler.db.engine import make_engine, make_sessionmaker
from dwcrawler.db.queries import RIGHTS
from dwcrawler.db.repository import mark_gone, store_article
from dwcrawler.items import GoneItem
from tests.support.clihelpers import run, seed
from tests.support.dbsamples import GAUCK, MKUTANO, RELI, SAMPLE_ITEMS, ZUMA

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture
def archive(db_url):
    seed(db_url)
    return db_url


def _export(capsys, archive, *args: str):
    return run(capsys, "export", *args, "--database", archive)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("dw.parquet", "parquet"), ("dw.csv", "csv"), ("dw.jsonl", "jsonl"), ("dw.txt", "jsonl")],
)
def test_the_format_comes_from_the_file_name(capsys, archive, tmp_path, name, expected):
    target = tmp_path / name
    result = _export(capsys, archive, "-o", str(target))
    assert result.status == 0, result.err
    if expected == "parquet":
        assert pq.read_table(target).num_rows == len(SAMPLE_ITEMS)
    elif expected == "csv":
        assert len(list(csv.DictReader(io.StringIO(target.read_text())))) == len(SAMPLE_ITEMS)
    else:
        assert len([json.loads(line) for line in target.read_text().splitlines()]) == 7


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "csv", "-o", "dw.parquet"], "does not match"),
        (["--format", "jsonl", "-o", "dw.csv"], "does not match"),
        (["--format", "hf", "-o", "dw.parquet"], "does not match"),
        (["--format", "hf"], "-o DIR"),
        (["--format", "parquet"], "-o FILE"),
    ],
)
def test_a_format_that_contradicts_the_name_is_refused(capsys, archive, tmp_path, args, message):
    out = tmp_path / "out"
    out.mkdir()
    if "-o" in args:
        args[args.index("-o") + 1] = str(out / args[args.index("-o") + 1])
    result = _export(capsys, archive, *args)
    assert result.status == 2
    assert result.err.count("\n") == 1
    assert message in result.err
    assert list(out.iterdir()) == []


def test_parquet_types_dates_as_utc_timestamps_and_numbers_as_integers(capsys, archive, tmp_path):
    target = tmp_path / "dw.parquet"
    assert _export(capsys, archive, "-o", str(target)).status == 0
    table = pq.read_table(target)
    schema = table.schema
    stamp = pa.timestamp("us", tz="UTC")
    for name in ("published_at", "modified_at", "first_seen_at", "last_seen_at", "changed_at"):
        assert schema.field(name).type == stamp, name
    assert schema.field("revisions").type.value_type.field("fetched_at").type == stamp
    for name in ("dw_id", "duration_seconds"):
        assert schema.field(name).type == pa.int64()
    assert schema.field("photos").type.value_type.field("image_id").type == pa.int64()
    assert schema.metadata[b"rights"].decode() == RIGHTS
    gauck = next(r for r in table.to_pylist() if r["dw_id"] == GAUCK.dw_id)
    assert gauck["published_at"] == datetime(2015, 2, 3, 21, 0, tzinfo=UTC)  # +03:00 on the page


def test_every_format_has_text_credits_split_and_rights(capsys, archive, tmp_path):
    jsonl, table, parquet = tmp_path / "a.jsonl", tmp_path / "a.csv", tmp_path / "a.parquet"
    for target in (jsonl, table, parquet):
        assert _export(capsys, archive, "-o", str(target)).status == 0
    from_json = {r["dw_id"]: r for r in map(json.loads, jsonl.read_text().splitlines())}
    from_csv = {int(r["dw_id"]): r for r in csv.DictReader(io.StringIO(table.read_text()))}
    from_parquet = {r["dw_id"]: r for r in pq.read_table(parquet).to_pylist()}
    for records in (from_json, from_csv, from_parquet):
        reli = records[RELI.dw_id]
        assert reli["text"] == "\n\n".join(block.text for block in RELI.body)
        assert "Gharama za mradi" in reli["text"]  # subheadings are text too
        assert reli["rights"] == RIGHTS
    photos = {
        "json": from_json[MKUTANO.dw_id]["photos"],
        "csv": json.loads(from_csv[MKUTANO.dw_id]["photos"]),
        "parquet": from_parquet[MKUTANO.dw_id]["photos"],
    }
    for name, shown in photos.items():
        assert shown[0]["agencies"] == ["picture alliance", "AP"], name
        assert shown[0]["photographers"] == ["D. Lovetsky", "E. Vucci"], name
        assert shown[1]["agencies"] == ["TASS", "dpa", "picture alliance"], name
    detail = json.loads(
        run(capsys, "show", str(MKUTANO.dw_id), "--json", "--database", archive).out
    )
    assert detail["photos"] == from_json[MKUTANO.dw_id]["photos"]  # as `show` has them


def test_changed_since_gives_only_rows_new_or_changed_since(capsys, archive):
    mark = datetime.now(UTC)
    engine = make_engine(archive)
    with make_sessionmaker(engine).begin() as session:
        store_article(session, replace(GAUCK, title="Rais Gauck amaliza ziara"), seen_at=mark)
        store_article(session, ZUMA, seen_at=mark)  # seen again, unchanged: not a change
        mark_gone(session, GoneItem(MKUTANO.url, MKUTANO.dw_id, 404, mark))
    engine.dispose()
    since = mark.isoformat()
    result = _export(capsys, archive, "--changed-since", since)
    assert result.status == 0, result.err
    records = [json.loads(line) for line in result.out.splitlines()]
    assert sorted(r["dw_id"] for r in records) == sorted([GAUCK.dw_id, MKUTANO.dw_id])
    assert all(r["changed_at"] >= since for r in records)
    combined = _export(capsys, archive, "--changed-since", since, "--kind", "audio")
    assert combined.out == ""
    everything = _export(capsys, archive, "--changed-since", "2000-01-01").out
    assert len(everything.splitlines()) == len(SAMPLE_ITEMS)
    assert "publication" in run(capsys, "export", "--help").out.replace("\n", " ")


def test_a_hugging_face_dataset_with_its_card(capsys, archive, tmp_path, monkeypatch):
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    folder = tmp_path / "dw_sw_dataset"
    result = _export(capsys, archive, "--format", "hf", "-o", str(folder))
    assert result.status == 0, result.err
    assert f"exported {len(SAMPLE_ITEMS)} articles to {folder}" in result.err
    loaded = datasets.load_from_disk(str(folder))
    assert loaded.num_rows == len(SAMPLE_ITEMS)
    assert loaded.features["published_at"].dtype == "timestamp[us, tz=UTC]"
    reli = loaded.filter(lambda r: r["dw_id"] == RELI.dw_id)[0]
    assert reli["photos"][0]["caption"] == RELI.photos[0].caption
    assert reli["text"].startswith(RELI.body[0].text)
    card = (folder / "README.md").read_text()
    assert card.startswith("---\nlanguage:\n- sw\n")
    assert RIGHTS in card
    assert "https://www.dw.com/sw" in card
    assert "7 records (5 article, 1 audio, 1 video); 1 gone" in card
    assert "published from 2013-01-17 to 2024-06-14" in card
    assert "| `text` |" in card
    assert "| `photos` |" in card
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no leftovers
    again = _export(capsys, archive, "--format", "hf", "-o", str(folder), "--kind", "video")
    assert again.status == 2
    assert "--force" in again.err
    forced = _export(
        capsys, archive, "--format", "hf", "-o", str(folder), "--kind", "video", "--force"
    )
    assert forced.status == 0, forced.err
    assert datasets.load_from_disk(str(folder)).num_rows == 1
    assert "selection: kind video" in (folder / "README.md").read_text()
