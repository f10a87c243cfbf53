"""Article models: articles, their revisions, authors, topics and crawl runs (typed, 2.x style).

Photo and credit models live in `photo_models`, failed URLs and the exclusion list in
`ops_models`, status events and sitemap entries in `event_models`; all are re-exported here,
so importing this module registers the whole schema on `Base.metadata`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dwcrawler.db.base import Base
from dwcrawler.db.event_models import ArticleStatusEvent, SitemapEntry
from dwcrawler.db.ops_models import CrawlFailure, ExcludedArticle
from dwcrawler.db.photo_models import ArticlePhoto, Credit, CreditPart, Photo, PhotoCredit, _in
from dwcrawler.items import KINDS

__all__ = [
    "Article",
    "ArticleAuthor",
    "ArticlePhoto",
    "ArticleRevision",
    "ArticleStatusEvent",
    "ArticleTopic",
    "Author",
    "CrawlFailure",
    "CrawlRun",
    "Credit",
    "CreditPart",
    "DiscoveryDocument",
    "ExcludedArticle",
    "Photo",
    "PhotoCredit",
    "SitemapEntry",
    "Topic",
]

DESIGNS = ("current", "classic")
STATUSES = ("live", "gone")
DATE_PRECISIONS = ("second", "day")
AUTHOR_ROLES = ("author", "editor")
# `crashed`: the run's process died without finishing (found by the next writer of the archive).
CRAWL_OUTCOMES = ("running", "success", "failed", "interrupted", "crashed")
# Why a revision exists: DW changed the page (a crawl fetched it), our extractor changed
# (`dwcrawler reextract`), or a WARC import brought a capture (`dwcrawler import-warc`).
REVISION_CAUSES = ("fetch", "reextract", "import")


class CrawlRun(Base):
    """One run of the crawler: when, how, what it counted and how well fields were filled."""

    __tablename__ = "crawl_runs"
    __table_args__ = (CheckConstraint(_in("outcome", CRAWL_OUTCOMES), name="outcome"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(index=True)
    finished_at: Mapped[datetime | None]
    mode: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(16), default="running")
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    counters: Mapped[dict[str, Any] | None]
    field_rates: Mapped[dict[str, Any] | None]  # field → share of stored items with it, 0..1
    message: Mapped[str | None] = mapped_column(Text)
    # Who ran it, and when it last said it was alive (see `dwcrawler doctor`).
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None]
    heartbeat_at: Mapped[datetime | None]


class DiscoveryDocument(Base):
    """The HTTP validators of a sitemap or feed as the last clean update run read it.

    The next update run asks for the document conditionally; a 304 means nothing it lists has
    changed since a run that fetched everything it listed.
    """

    __tablename__ = "discovery_documents"

    url: Mapped[str] = mapped_column(Text, primary_key=True)  # as fetched (DW_BASE_URL's host)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)  # the raw header, sent back as-is
    checked_at: Mapped[datetime]


class Article(Base):
    """One DW content page, keyed by DW's numeric id; the current version of its content."""

    __tablename__ = "articles"
    __table_args__ = (
        CheckConstraint(_in("kind", KINDS), name="kind"),
        CheckConstraint(_in("design", DESIGNS), name="design"),
        CheckConstraint(_in("status", STATUSES), name="status"),
        CheckConstraint(
            f"date_precision IS NULL OR {_in('date_precision', DATE_PRECISIONS)}",
            name="date_precision",
        ),
    )

    dw_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    url: Mapped[str] = mapped_column(Text, unique=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    language: Mapped[str] = mapped_column(String(8))
    design: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    teaser: Mapped[str | None] = mapped_column(Text)
    kicker: Mapped[str | None] = mapped_column(Text)
    body_text: Mapped[str] = mapped_column(Text)  # blocks joined by blank lines; searched
    body: Mapped[list[Any]]  # [{"type": "paragraph" | "subheading" | "quote", "text": …}]
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    # The UTC offset (minutes) the page gave, so exports show the page's own local time.
    published_offset: Mapped[int | None]
    modified_at: Mapped[datetime | None]
    modified_offset: Mapped[int | None]
    date_precision: Mapped[str | None] = mapped_column(String(8))
    duration_seconds: Mapped[int | None]
    permalink: Mapped[str | None] = mapped_column(Text)
    media: Mapped[list[Any]]
    # Metadata, never hashed; NULL where an older extractor wrote the row (unknown, not empty).
    keywords: Mapped[list[Any] | None]  # classic pages' keyword list
    wire: Mapped[dict[str, Any] | None]  # the agency sign-off: {"agencies": […], "initials": […]}
    links: Mapped[list[Any]]  # page furniture, for discovery; never hashed
    warnings: Mapped[list[Any]]  # extraction oddities; never hashed
    cleaning: Mapped[dict[str, Any] | None]  # furniture rule → count removed; never hashed
    extractor_version: Mapped[str] = mapped_column(String(64))
    # "html", or "text" for a version read from a text rendering (it carries less).
    capture: Mapped[str] = mapped_column(String(8), server_default="html")
    status: Mapped[str] = mapped_column(String(8), default="live", index=True)
    gone_at: Mapped[datetime | None]
    gone_status: Mapped[int | None]  # 404 or 410
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime] = mapped_column(index=True)
    last_fetched_at: Mapped[datetime | None]
    http_etag: Mapped[str | None] = mapped_column(Text)
    http_last_modified: Mapped[str | None] = mapped_column(Text)  # raw header, sent back as-is
    sitemap_lastmod: Mapped[datetime | None]
    content_hash: Mapped[str] = mapped_column(String(64))  # see dwcrawler.db.hashing
    meta_hash: Mapped[str] = mapped_column(String(64))
    current_revision: Mapped[int]
    # When the row's exported record last changed (content, metadata, status; not a mere
    # sighting), by the writer's clock: `dwcrawler export --changed-since` reads it.
    changed_at: Mapped[datetime] = mapped_column(index=True)
    last_crawl_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("crawl_runs.id", ondelete="SET NULL"), index=True
    )
    # The WARC record the current content was read from (see dwcrawler.archive): the file
    # (relative to the WARC folder, or absolute), the offset of its record, its WARC-Date and
    # payload digest. NULL for rows stored without a capture (WARC off, or before WARC).
    warc_file: Mapped[str | None] = mapped_column(Text)
    warc_offset: Mapped[int | None] = mapped_column(BigInteger)
    warc_date: Mapped[datetime | None]
    warc_digest: Mapped[str | None] = mapped_column(String(64))

    photos: Mapped[list[ArticlePhoto]] = relationship(
        lazy="raise", order_by=ArticlePhoto.position, viewonly=True
    )
    authors: Mapped[list[ArticleAuthor]] = relationship(lazy="raise", viewonly=True)
    topics: Mapped[list[ArticleTopic]] = relationship(lazy="raise", viewonly=True)


class ArticleRevision(Base):
    """One distinct content version of an article, with the content itself (`snapshot`)."""

    __tablename__ = "article_revisions"
    __table_args__ = (
        UniqueConstraint("article_id", "revision"),
        CheckConstraint(_in("cause", REVISION_CAUSES), name="cause"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.dw_id", ondelete="CASCADE"))
    revision: Mapped[int]  # 1 for the first version stored
    content_hash: Mapped[str] = mapped_column(String(64))
    fetched_at: Mapped[datetime] = mapped_column(index=True)
    crawl_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("crawl_runs.id", ondelete="SET NULL"), index=True
    )
    changed_fields: Mapped[list[Any]]  # empty for revision 1
    snapshot: Mapped[dict[str, Any]]
    extractor_version: Mapped[str] = mapped_column(String(64))
    cause: Mapped[str] = mapped_column(String(16), server_default="fetch")  # REVISION_CAUSES
    capture: Mapped[str] = mapped_column(String(8), server_default="html")  # "html" or "text"
    # The WARC record this version was read from (as on `articles`), where there is one.
    warc_file: Mapped[str | None] = mapped_column(Text)
    warc_offset: Mapped[int | None] = mapped_column(BigInteger)


class Author(Base):
    """A person named as author or editor ("Mwandishi:" / "Mhariri:")."""

    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)


class ArticleAuthor(Base):
    """An author's or editor's place in one article's byline."""

    __tablename__ = "article_authors"
    __table_args__ = (CheckConstraint(_in("role", AUTHOR_ROLES), name="role"),)

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.dw_id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"), index=True)

    author: Mapped[Author] = relationship(lazy="raise")


class Topic(Base):
    """A DW topic (`/t-<id>`): keyed "dw:<id>", or "name:<name>" where the page gave no id."""

    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_key: Mapped[str] = mapped_column(Text, unique=True)
    dw_topic_id: Mapped[int | None] = mapped_column(unique=True)
    name: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)


class ArticleTopic(Base):
    """A topic one article is filed under, in page order."""

    __tablename__ = "article_topics"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.dw_id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id"), index=True)

    topic: Mapped[Topic] = relationship(lazy="raise")
