"""Full-text search over title, teaser and body: SQLite FTS5 or PostgreSQL text search.

The index is maintained by the database itself (created by the migrations): on SQLite, FTS5
table `articles_fts` kept in step by triggers on `articles`; on PostgreSQL, the generated
column `articles.search_vector` with a GIN index. Neither stems words (there is no Swahili
stemmer); use `neno*` to match word forms. Ranking weighs the title above the teaser above the
body (bm25 on SQLite, ts_rank on PostgreSQL).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import column, exists, func, literal_column, select, table
from sqlalchemy.exc import OperationalError

from dwcrawler.db.models import Article, ArticleAuthor, ArticleTopic, Author, Topic
from dwcrawler.db.records import page_time
from dwcrawler.db.search_query import (
    PG_CONFIG,
    SearchQueryError,
    fts5_expression,
    parse_query,
    postgres_tsquery,
)
from dwcrawler.urls import MAX_DW_ID

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy import ColumnClause, Select
    from sqlalchemy.orm import Session
    from sqlalchemy.sql import ColumnElement

__all__ = ["ArticleFilter", "SearchHit", "SearchQueryError", "filter_conditions", "search"]


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Restrictions shared by search and export; None means no restriction."""

    since: datetime | None = None  # published at or after
    until: datetime | None = None  # published before
    kind: str | None = None
    topic: str | None = None  # topic name (any case) or DW topic id
    author: str | None = None  # part of an author's or editor's name, any case


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked search result."""

    rank: int
    dw_id: int
    title: str
    url: str
    kind: str
    published_at: datetime | None  # in the offset the page gave
    status: str
    snippet: str


def filter_conditions(where: ArticleFilter) -> list[ColumnElement[bool]]:
    """Return SQL conditions on `articles` for a filter."""
    conditions: list[ColumnElement[bool]] = []
    if where.since is not None:
        conditions.append(Article.published_at >= where.since)
    if where.until is not None:
        conditions.append(Article.published_at < where.until)
    if where.kind is not None:
        conditions.append(Article.kind == where.kind)
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


def _sqlite_query(expression: str) -> tuple[Select[Any], Any, Any]:
    base = (
        select()
        .select_from(Article)
        .join(_FTS, _FTS.c.rowid == Article.dw_id)
        .where(_FTS_REF.op("MATCH")(expression))
    )
    rank = func.bm25(_FTS_REF, 10.0, 5.0, 1.0)  # title, teaser, body weights; lower is better
    snippet = func.snippet(_FTS_REF, -1, "[", "]", "…", 12)
    return base, rank.asc(), snippet


def search(
    session: Session, query: str, where: ArticleFilter | None = None, *, limit: int = 20
) -> list[SearchHit]:
    """Return up to `limit` articles matching `query`, best first.

    Raises `SearchQueryError` (one-line message) for a malformed query.
    """
    parsed = parse_query(query)
    conditions = filter_conditions(where or ArticleFilter())
    columns = (
        Article.dw_id,
        Article.title,
        Article.url,
        Article.kind,
        Article.published_at,
        Article.published_offset,
        Article.status,
    )
    if session.get_bind().dialect.name == "sqlite":
        base, order, snippet = _sqlite_query(fts5_expression(parsed))
    else:
        tsquery = select(postgres_tsquery(parsed).label("q")).subquery("query")
        vector: ColumnClause[Any] = literal_column("articles.search_vector")
        text = func.coalesce(Article.teaser, "") + " " + func.left(Article.body_text, 20000)
        options = "StartSel=[, StopSel=], MaxWords=20, MinWords=8, MaxFragments=1"
        snippet = func.ts_headline(PG_CONFIG, text, tsquery.c.q, options)
        order = func.ts_rank(vector, tsquery.c.q, 1).desc()
        base = select().select_from(Article).join(tsquery, vector.op("@@")(tsquery.c.q))
    statement = (
        base.add_columns(*columns, snippet.label("snippet"))
        .where(*conditions)
        .order_by(order, Article.published_at.desc().nulls_last(), Article.dw_id)
        .limit(limit)
    )
    try:
        rows = session.execute(statement).all()
    except OperationalError as exc:  # FTS5 rejects an expression: report it, no traceback
        raise SearchQueryError(f"the search index rejected the query: {exc.orig}") from exc
    return [
        SearchHit(
            rank=i,
            dw_id=row.dw_id,
            title=row.title,
            url=row.url,
            kind=row.kind,
            published_at=page_time(row.published_at, row.published_offset),
            status=row.status,
            snippet=row.snippet or "",
        )
        for i, row in enumerate(rows, start=1)
    ]
