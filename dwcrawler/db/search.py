"""Full-text search over title, teaser and body: SQLite FTS5 or PostgreSQL text search.

The index is maintained by the database itself (created by the migrations): on SQLite, FTS5
table `articles_fts` kept in step by triggers on `articles`; on PostgreSQL, the generated
column `articles.search_vector` with a GIN index, accents folded by `dwcrawler_unaccent`.
Neither stems words (there is no Swahili stemmer); use `neno*` to match word forms. Ranking
weighs the title above the teaser above the body (bm25 on SQLite, ts_rank on PostgreSQL);
results can also come newest or oldest first. A search returns one page of results and the
number of matches in all; snippets are made by `dwcrawler.db.snippets`, alike on both backends.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import column, exists, func, literal_column, select, table
from sqlalchemy.exc import OperationalError

from dwcrawler.db.models import Article, ArticleAuthor, ArticleTopic, Author, Topic
from dwcrawler.db.records import page_time
from dwcrawler.db.search_query import (
    SearchQueryError,
    fts5_expression,
    parse_query,
    postgres_tsquery,
)
from dwcrawler.db.snippets import DEFAULT_WIDTH, snippet
from dwcrawler.urls import MAX_DW_ID

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from sqlalchemy import ColumnClause, Select
    from sqlalchemy.orm import Session
    from sqlalchemy.sql import ColumnElement

    from dwcrawler.db.search_query import ParsedQuery

__all__ = [
    "SORTS",
    "ArticleFilter",
    "SearchHit",
    "SearchPage",
    "SearchQueryError",
    "filter_conditions",
    "search",
]

Sort = Literal["rank", "newest", "oldest"]
SORTS: tuple[Sort, ...] = ("rank", "newest", "oldest")


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Restrictions shared by search, photos and export; None means no restriction."""

    since: datetime | None = None  # published at or after
    until: datetime | None = None  # published before
    kind: str | None = None
    topic: str | None = None  # topic name (any case) or DW topic id
    author: str | None = None  # part of an author's or editor's name, any case
    changed_since: datetime | None = None  # record new or changed at or after (`changed_at`)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result; `rank` is its place in the whole result list (1 is the first)."""

    rank: int
    dw_id: int
    title: str
    url: str
    kind: str
    published_at: datetime | None  # in the offset the page gave
    status: str
    snippet: str


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of results, and how many articles match in all."""

    total: int
    offset: int
    hits: list[SearchHit]


def filter_conditions(where: ArticleFilter) -> list[ColumnElement[bool]]:
    """Return SQL conditions on `articles` for a filter."""
    conditions: list[ColumnElement[bool]] = []
    if where.since is not None:
        conditions.append(Article.published_at >= where.since)
    if where.until is not None:
        conditions.append(Article.published_at < where.until)
    if where.kind is not None:
        conditions.append(Article.kind == where.kind)
    if where.changed_since is not None:
        conditions.append(Article.changed_at >= where.changed_since)
    if where.topic is not None:
        topic = where.topic.strip()
        number = int(topic) if topic.isdecimal() else None  # "²" is a digit int() cannot read
        in_range = number is not None and 0 < number <= MAX_DW_ID  # a larger one overflows
        match = Topic.dw_topic_id == number if in_range else None
        named = func.lower(Topic.name) == topic.lower()
        conditions.append(
            exists()
            .where(ArticleTopic.article_id == Article.dw_id, ArticleTopic.topic_id == Topic.id)
            .where(named if match is None else named | match)
        )
    if where.author is not None:
        name = func.lower(Author.name).contains(where.author.strip().lower(), autoescape=True)
        conditions.append(
            exists().where(
                ArticleAuthor.article_id == Article.dw_id,
                ArticleAuthor.author_id == Author.id,
                name,
            )
        )
    return conditions


# The FTS5 table (made by the migrations, not a model); its functions take the table itself.
_FTS = table("articles_fts", column("rowid"))
_FTS_REF: ColumnClause[Any] = literal_column("articles_fts")
_VECTOR: ColumnClause[Any] = literal_column("articles.search_vector")


def _matching(session: Session, parsed: ParsedQuery) -> tuple[Select[Any], Any]:
    """Return the SELECT of matching articles (no columns yet) and its best-first order."""
    if session.get_bind().dialect.name == "sqlite":
        base = (
            select()
            .select_from(Article)
            .join(_FTS, _FTS.c.rowid == Article.dw_id)
            .where(_FTS_REF.op("MATCH")(fts5_expression(parsed)))
        )
        return base, func.bm25(_FTS_REF, 10.0, 5.0, 1.0).asc()  # title, teaser, body; low=good
    query = select(postgres_tsquery(parsed).label("q")).subquery("query")
    base = select().select_from(Article).join(query, _VECTOR.op("@@")(query.c.q))
    return base, func.ts_rank(_VECTOR, query.c.q, 1).desc()


def _order(sort: Sort, rank: Any) -> tuple[Any, ...]:
    newest = (Article.published_at.desc().nulls_last(), Article.dw_id.desc())
    if sort == "newest":
        return newest
    if sort == "oldest":
        return (Article.published_at.asc().nulls_last(), Article.dw_id)
    return (rank, Article.published_at.desc().nulls_last(), Article.dw_id)


def search(
    session: Session,
    query: str,
    where: ArticleFilter | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
    sort: Sort = "rank",
    snippet_width: int | Callable[[str], int] = DEFAULT_WIDTH,
) -> SearchPage:
    """Return the page of `limit` articles after `offset` that match `query`, and the total.

    `snippet_width` is the snippets' length in characters, or a function of a result's title
    that gives it (a line that shows the title beside the snippet). Raises `SearchQueryError`
    (one-line message) for a malformed query.
    """
    width_of = snippet_width if callable(snippet_width) else lambda _title: snippet_width
    parsed = parse_query(query)
    base, rank = _matching(session, parsed)
    base = base.where(*filter_conditions(where or ArticleFilter()))
    sqlite = session.get_bind().dialect.name == "sqlite"
    # PostgreSQL counts all matches in the page's own query; SQLite's bm25() cannot run beside
    # a window function, so there the total is a query of its own (when the page is not all).
    columns = (Article.dw_id,) if sqlite else (Article.dw_id, func.count().over().label("total"))
    page = base.add_columns(*columns).order_by(*_order(sort, rank)).limit(limit).offset(offset)
    try:
        found = session.execute(page).all()
        if found and not sqlite:
            total = int(found[0].total)
        elif offset == 0 and len(found) < limit:
            total = len(found)
        else:
            total = int(session.execute(base.add_columns(func.count())).scalar_one())
    except OperationalError as exc:  # FTS5 rejects an expression: report it, no traceback
        raise SearchQueryError(f"the search index rejected the query: {exc.orig}") from exc
    ids = [row.dw_id for row in found]
    rows = {
        row.dw_id: row
        for row in session.execute(
            select(
                Article.dw_id,
                Article.title,
                Article.url,
                Article.kind,
                Article.published_at,
                Article.published_offset,
                Article.status,
                Article.teaser,
                Article.body_text,
            ).where(Article.dw_id.in_(ids))
        )
    }
    hits = []
    for place, dw_id in enumerate(ids, start=offset + 1):
        row = rows[dw_id]
        text = f"{row.teaser or ''} {row.body_text}"
        hits.append(
            SearchHit(
                rank=place,
                dw_id=dw_id,
                title=row.title,
                url=row.url,
                kind=row.kind,
                published_at=page_time(row.published_at, row.published_offset),
                status=row.status,
                snippet=snippet(text, parsed, width_of(row.title)),
            )
        )
    return SearchPage(total=total, offset=offset, hits=hits)
