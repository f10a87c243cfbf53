"""`dwcrawler export`: records in extract's schema, three formats, safe files, data-tool loading."""

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from dwcrawler.items import ArticleItem, article_from_dict, article_to_dict
from tests.support.clihelpers import RELI_EDITED, run, seed
from tests.support.dbsamples import GAUCK, RELI, SAMPLE_ITEMS

EXTRA = ["status", "first_seen_at", "last_seen_at", "changed_at", "revisions", "text", "rights"]


@pytest.fixture
def archive(db_url):
    seed(db_url)
    return db_url


def _expected() -> dict[int, ArticleItem]:
    return {item.dw_id: RELI_EDITED if item is RELI else item for item in SAMPLE_ITEMS}


def read_jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def _plain(value: Any) -> Any:
    """Dates as UTC instants, whether ISO text with an offset (JSON) or datetimes (Parquet)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10:11] == "T":
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return value


def test_jsonl_records_are_extract_records_plus_archive_facts(capsys, archive):
    result = run(capsys, "export", "--database", archive)
    assert result.status == 0, result.err
    records = read_jsonl(result.out)
    expected = _expected()
    assert [r["dw_id"] for r in records] == sorted(expected)
    for record in records:
        item = expected[record["dw_id"]]
        assert list(record) == [*article_to_dict(item), *EXTRA]
        extracted = article_to_dict(item)
        for photo in record["photos"]:  # the credit's agencies and photographers, as `show`
            assert set(photo) == {*extracted["photos"][0], "agencies", "photographers"}
        plain = {k: record[k] for k in extracted} | {
            "photos": [
                {k: v for k, v in p.items() if k not in {"agencies", "photographers"}}
                for p in record["photos"]
            ]
        }
        assert plain == extracted
        assert article_from_dict(record) == item
        assert record["text"] == item.body_text
    gauck = next(r for r in records if r["dw_id"] == GAUCK.dw_id)
    assert gauck["published_at"] == "2015-02-04T00:00:00+03:00"
    reli = next(r for r in records if r["dw_id"] == RELI.dw_id)
    assert [r["changed_fields"] for r in reli["revisions"]] == [[], ["title"]]
    assert reli["first_seen_at"] == "2024-07-01T06:00:00+00:00"
    assert reli["last_seen_at"] == "2024-07-02T06:00:00+00:00"
    statuses = {r["dw_id"]: r["status"] for r in records}
    assert list(statuses.values()).count("gone") == 1


def test_filters_apply_to_export(capsys, archive):
    since = read_jsonl(run(capsys, "export", "--since", "2024-01-01", "--database", archive).out)
    assert {r["dw_id"] for r in since} == {RELI.dw_id, 68944077}
    videos = read_jsonl(run(capsys, "export", "--kind", "video", "--database", archive).out)
    assert [r["kind"] for r in videos] == ["video"]


def test_csv_has_one_row_per_article_with_nested_values_as_json(capsys, archive):
    out = run(capsys, "export", "--format", "csv", "--database", archive).out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(SAMPLE_ITEMS)
    reli = next(r for r in rows if r["dw_id"] == str(RELI.dw_id))
    assert json.loads(reli["photos"])[0]["credit"] == "Ericky Boniphace/AFP/Getty Images"
    assert reli["title"] == RELI_EDITED.title


def test_files_are_never_overwritten_without_force(capsys, archive, tmp_path):
    target = tmp_path / "dw.jsonl"
    first = run(capsys, "export", "-o", str(target), "--database", archive)
    assert (first.status, first.err.strip()) == (0, f"exported 7 articles to {target}")
    target.write_text("precious")
    refused = run(capsys, "export", "-o", str(target), "--database", archive)
    assert refused.status == 2
    assert "exists; add --force" in refused.err
    assert target.read_text() == "precious"
    forced = run(capsys, "export", "-o", str(target), "--force", "--database", archive)
    assert forced.status == 0
    assert len(read_jsonl(target.read_text())) == 7
    missing_dir = run(
        capsys, "export", "-o", str(tmp_path / "no" / "x.jsonl"), "--database", archive
    )
    assert (missing_dir.status, "does not exist" in missing_dir.err) == (2, True)
    binary = run(capsys, "export", "--format", "parquet", "--database", archive)
    assert (binary.status, "-o FILE" in binary.err) == (2, True)


def test_a_failed_export_leaves_no_file(capsys, archive, tmp_path, monkeypatch):
    def broken(records, out):
        out.write("half a record")
        raise RuntimeError("disk full")

    monkeypatch.setattr("dwcrawler.cli.export.write_jsonl", broken)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(RuntimeError):
        run(capsys, "export", "-o", str(out / "dw.jsonl"), "--database", archive)
    assert list(out.iterdir()) == []


def test_parquet_matches_jsonl_and_loads_in_pandas(capsys, archive, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    pandas = pytest.importorskip("pandas")
    jsonl, parquet = tmp_path / "dw.jsonl", tmp_path / "dw.parquet"
    assert run(capsys, "export", "-o", str(jsonl), "--database", archive).status == 0
    result = run(capsys, "export", "--format", "parquet", "-o", str(parquet), "--database", archive)
    assert result.status == 0, result.err
    rows = pq.read_table(parquet).to_pylist()
    for row in rows:  # the one column Parquet keeps as JSON text (open-ended keys)
        row["cleaning"] = json.loads(row["cleaning"]) if row["cleaning"] is not None else None
    assert [_plain(row) for row in rows] == [
        _plain(record) for record in read_jsonl(jsonl.read_text())
    ]
    frame = pandas.read_parquet(parquet)
    assert len(frame) == 7
    assert set(frame["kind"]) == {"article", "video", "audio"}
    from_json = pandas.read_json(jsonl, lines=True)
    assert list(from_json["dw_id"]) == list(frame["dw_id"])


def test_exports_load_into_hugging_face_datasets(capsys, archive, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    datasets = pytest.importorskip("datasets")
    jsonl, parquet = tmp_path / "dw.jsonl", tmp_path / "dw.parquet"
    run(capsys, "export", "-o", str(jsonl), "--database", archive)
    run(capsys, "export", "--format", "parquet", "-o", str(parquet), "--database", archive)
    cache = str(tmp_path / "hf-cache")
    from_json = datasets.load_dataset("json", data_files=str(jsonl), split="train", cache_dir=cache)
    from_parquet = datasets.Dataset.from_parquet(str(parquet), cache_dir=cache)
    assert from_json.num_rows == from_parquet.num_rows == 7
    row = from_parquet.filter(lambda r: r["dw_id"] == RELI.dw_id)[0]
    assert row["photos"][0]["caption"] == RELI.photos[0].caption
    assert sorted(from_json["dw_id"]) == sorted(from_parquet["dw_id"])
