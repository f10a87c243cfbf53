"""Search as readers use it: totals, pages, order, folded accents, snippets alike on both backends."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session, sessionmaker

from dwcrawler.db.queries import search
from dwcrawler.db.repository import store_article
from dwcrawler.db.search_query import parse_query
from dwcrawler.db.snippets import CLOSE, OPEN, match_spans, snippet
from dwcrawler.items import ArticleItem, BodyBlock
from tests.support.dbsamples import GAUCK, MAFURIKO, RELI, synthetic_items

T0 = datetime(2024, 7, 1, tzinfo=UTC)
FILLER = " ".join(["Maneno mengine yasiyohusika na habari hii."] * 60)  # ~2,600 characters


def _store(sessions: sessionmaker[Session], *items: ArticleItem) -> None:
    with sessions.begin() as session:
        for item in items:
            store_article(session, item, seen_at=T0)


def test_pages_carry_the_total_and_follow_each_other(db_sessions):
    items = synthetic_items(42)
    _store(db_sessions, *items)
    with db_sessions() as session:
        first = search(session, "Zuma OR mafuriko", limit=10)
        expected = sum("Zuma" in i.body_text or "mafuriko" in i.body_text.lower() for i in items)
        assert first.total >= 10
        pages = [first]
        while pages[-1].offset + 10 < first.total:
            pages.append(
                search(session, "Zuma OR mafuriko", limit=10, offset=pages[-1].offset + 10)
            )
        ranks = [h.rank for p in pages for h in p.hits]
        ids = [h.dw_id for p in pages for h in p.hits]
        past = search(session, "Zuma OR mafuriko", limit=10, offset=first.total + 5)
    assert {p.total for p in pages} == {first.total}
    assert ranks == list(range(1, first.total + 1))
    assert len(set(ids)) == first.total >= expected
    assert (past.total, past.hits) == (first.total, [])


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_newest_and_oldest_first(db_sessions, sort):
    undated = replace(RELI, published_at=None)  # about trains: it matches
    items = [*synthetic_items(12), undated]
    _store(db_sessions, *items)
    with db_sessions() as session:
        page = search(session, "Rais OR mafuriko OR treni OR Putin", limit=50, sort=sort)
    dates = [h.published_at for h in page.hits]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated, reverse=sort == "newest")
    assert dates[-1] is None  # undated last on both backends
    assert page.hits[-1].dw_id == RELI.dw_id
    assert page.total == len(page.hits) >= 10


def test_accents_are_folded_on_both_backends(db_sessions):
    accented = replace(
        MAFURIKO,
        title="Mvua kubwa yanyesha Kénya na Dodóma",
        body=(BodyBlock("paragraph", "Wakazi wa Dodóma walisema mvua ilianza usiku."),),
    )
    _store(db_sessions, accented, GAUCK)
    with db_sessions() as session:
        for query in ("Kenya", "kénya", "KÉNYA", "dodoma", "dodó*", '"kenya na dodoma"'):
            page = search(session, query)
            assert [h.dw_id for h in page.hits] == [MAFURIKO.dw_id], query
        hit = search(session, "dodoma").hits[0]
    assert f"{OPEN}Dodóma{CLOSE}" in hit.snippet  # marked in the text as written


def test_a_phrase_is_marked_whole_and_the_snippet_centres_on_it(db_sessions):
    far = replace(
        RELI,
        teaser=None,
        body=(
            BodyBlock("paragraph", FILLER),
            BodyBlock("paragraph", "Mradi wa reli ya kisasa umekamilika mwaka huu."),
            BodyBlock("paragraph", FILLER),
        ),
    )
    _store(db_sessions, far)
    with db_sessions() as session:
        page = search(session, '"reli ya kisasa"', snippet_width=80)
    [hit] = page.hits
    assert f"{OPEN}reli ya kisasa{CLOSE}" in hit.snippet
    assert len(hit.snippet) <= 80
    assert hit.snippet.startswith("…")
    assert hit.snippet.endswith("…")
    middle = hit.snippet.index(OPEN) + len("[reli ya kisasa]") // 2
    assert abs(middle - len(hit.snippet) // 2) < 20


@pytest.mark.parametrize("width", [20, 41, 80, 160, 400])
def test_snippets_fit_their_width_and_keep_the_first_match(width):
    parsed = parse_query('treni "Dar es Salaam" umeme')
    text = FILLER + " Treni ya umeme kati ya Dar es Salaam na Morogoro. " + FILLER
    cut = snippet(text, parsed, width)
    assert len(cut) <= width
    assert f"{OPEN}Treni{CLOSE}" in cut
    whole = snippet(text, parsed, 20_000)
    assert f"{OPEN}Dar es Salaam{CLOSE}" in whole
    assert whole.replace(OPEN, "").replace(CLOSE, "") == " ".join(text.split())


def test_match_spans_follow_the_query_language():
    text = "Uchaguzi mkuu: wagombea wa al-Shabaab na uchaguzi wa Rais; Uchaguzini kesho."
    spans = match_spans(text, parse_query("uchaguz* al-Shabaab"))
    assert [text[s:e] for s, e in spans] == ["Uchaguzi", "al-Shabaab", "uchaguzi", "Uchaguzini"]
    [(start, end)] = match_spans(text, parse_query('"wa rais"'))
    assert text[start:end] == "wa Rais"
    assert snippet(text, parse_query("kesho -mvua"), 400).count(OPEN) == 1  # excluded: not marked
