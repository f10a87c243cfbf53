"""Photo models: images, their use in articles, and the credits (split into parts) they carry."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dwcrawler.db.base import Base
from dwcrawler.items import PHOTO_ROLES

CREDIT_PART_ROLES = ("agency", "photographer")


def _in(column: str, values: tuple[str, ...]) -> str:
    listed = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({listed})"


class Photo(Base):
    """One image: a DW image id (`photo_key` "dw:<id>") or, without an id, its URL ("url:…")."""

    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    photo_key: Mapped[str] = mapped_column(Text, unique=True)
    image_id: Mapped[int | None] = mapped_column(unique=True)
    url_template: Mapped[str | None] = mapped_column(Text)  # with DW's `${formatId}`
    url: Mapped[str] = mapped_column(Text)  # the most recently seen resolved URL
    alt: Mapped[str | None] = mapped_column(Text)  # most recently seen; per use in ArticlePhoto
    first_seen_at: Mapped[datetime]


class ArticlePhoto(Base):
    """One photo as shown in one article: position, role, and caption and credit as shown."""

    __tablename__ = "article_photos"
    __table_args__ = (CheckConstraint(_in("role", PHOTO_ROLES), name="role"),)

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.dw_id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    photo_id: Mapped[int] = mapped_column(ForeignKey("photos.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    url: Mapped[str] = mapped_column(Text)  # the size this article showed
    alt: Mapped[str | None] = mapped_column(Text)
    caption: Mapped[str | None] = mapped_column(Text)
    credit: Mapped[str | None] = mapped_column(Text)  # exactly as the item gave it
    credit_id: Mapped[int | None] = mapped_column(ForeignKey("credits.id"), index=True)

    photo: Mapped[Photo] = relationship(lazy="raise")
    credit_row: Mapped[Credit | None] = relationship(lazy="raise")


class Credit(Base):
    """One distinct normalised credit string, e.g. "picture-alliance/AP Photo//D. Lovetsky"."""

    __tablename__ = "credits"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text, unique=True)
    composite: Mapped[bool] = mapped_column(default=False)  # "//": a montage of several photos

    parts: Mapped[list[CreditPart]] = relationship(
        lazy="raise", order_by="CreditPart.position", viewonly=True
    )


class CreditPart(Base):
    """One agency or photographer named in a credit, in the credit's order."""

    __tablename__ = "credit_parts"
    __table_args__ = (
        CheckConstraint(_in("role", CREDIT_PART_ROLES), name="role"),
        Index("ix_credit_parts_role_name", "role", "name"),
    )

    credit_id: Mapped[int] = mapped_column(
        ForeignKey("credits.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)


class PhotoCredit(Base):
    """A credit a photo has carried (in any article); most photos have exactly one."""

    __tablename__ = "photo_credits"

    photo_id: Mapped[int] = mapped_column(
        ForeignKey("photos.id", ondelete="CASCADE"), primary_key=True
    )
    credit_id: Mapped[int] = mapped_column(
        ForeignKey("credits.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    first_seen_at: Mapped[datetime]
