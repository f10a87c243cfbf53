"""What counts as an edit, and how photos and topics are keyed."""

from dataclasses import replace

from dwcrawler.db.hashing import (
    CONTENT_FIELDS,
    changed_fields,
    content_hash,
    content_snapshot,
    fold_text,
    item_hash,
    photo_key,
    topic_key,
)
from dwcrawler.items import FetchInfo, TopicItem
from tests.support.dbsamples import FETCHED_AT, GAUCK, RELI


def test_snapshot_holds_exactly_the_content_fields():
    snapshot = content_snapshot(RELI)
    assert tuple(snapshot) == CONTENT_FIELDS
    assert snapshot["photos"] == [
        {"photo": "dw:69384512", "role": "hero"},
        {"photo": "dw:69384590", "role": "inline"},
    ]
    assert snapshot["credits"] == ["Ericky Boniphace/AFP/Getty Images", "DW/S. Khamis"]


def test_furniture_changes_neither_hash_but_content_changes_the_content_hash():
    base = content_hash(content_snapshot(RELI))
    furnished = replace(RELI, links=("https://www.dw.com/sw/x/a-1",), warnings=("w",))
    assert content_hash(content_snapshot(furnished)) == base
    assert item_hash(furnished) != item_hash(RELI)  # the row still gets the new links
    fetched = replace(RELI, fetch=FetchInfo(fetched_at=FETCHED_AT, etag='"x"'))
    assert item_hash(fetched) == item_hash(RELI)  # fetch facts are bookkeeping
    assert content_hash(content_snapshot(replace(RELI, teaser="Mpya."))) != base


def test_changed_fields_names_each_difference_in_order():
    old = content_snapshot(RELI)
    new = content_snapshot(replace(RELI, title="X", editors=()))
    assert changed_fields(old, new) == ["title", "editors"]
    assert changed_fields(old, old) == []


def test_text_folding():
    assert fold_text("  Dar\u00a0es\tSalaam \n") == "Dar es Salaam"
    assert fold_text("Sa\u0303o") == "S\u00e3o"  # NFC


def test_keys():
    assert photo_key(RELI.photos[0]) == "dw:69384512"
    classic = replace(GAUCK.photos[0], url="HTTP://WWW.DW.COM/image/0,,18233400_303.jpg?x=1#f")
    assert photo_key(classic) == "url:https://www.dw.com/image/0,,18233400_303.jpg"
    assert topic_key(TopicItem("Tanzania", 17290000)) == "dw:17290000"
    assert topic_key(TopicItem("  Zanzibar ")) == "name:Zanzibar"
