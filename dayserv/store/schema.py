"""The store's tables: areas, their versions (each keeping the files saved, byte for byte),
what users enter for an area (checklist answers, targets, plans), who may see an area, its
share links, and the rounds that collect providers' returns and benchmark answers by link.
Alembic's migrations (``migrations/``) create and change them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Area(Base):
    """A commissioning area whose portfolio is kept between visits."""

    __tablename__ = "areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    key: Mapped[str] = mapped_column(String(100), unique=True)  # the name casefolded
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    versions: Mapped[list[Version]] = relationship(
        back_populates="area", cascade="all, delete-orphan", passive_deletes=True
    )


class Version(Base):
    """One saved upload of an area's portfolio: its files, who saved it, when, and the
    problems its loading met then (the tables are read again from the files)."""

    __tablename__ = "versions"
    __table_args__ = (UniqueConstraint("area_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))  # of the files' names and bytes together
    size: Mapped[int] = mapped_column(Integer)
    saved_by: Mapped[str] = mapped_column(String(320))
    saved_at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[dict] = mapped_column(JSON)  # severity -> count, and the rows left out
    area: Mapped[Area] = relationship(back_populates="versions")
    files: Mapped[list[VersionFile]] = relationship(
        order_by="VersionFile.position", cascade="all, delete-orphan", passive_deletes=True
    )


class VersionFile(Base):
    """A file of a version, as uploaded: a workbook, or one CSV file of a folder."""

    __tablename__ = "version_files"

    version_id: Mapped[int] = mapped_column(
        ForeignKey("versions.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class Record(Base):
    """What users entered for an area (``kind``: checklist, targets, plan), as JSON, with a
    revision counter so that a save made on an older revision is refused."""

    __tablename__ = "records"
    __table_args__ = (UniqueConstraint("area_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    body: Mapped[dict] = mapped_column(JSON)
    revision: Mapped[int] = mapped_column(Integer)
    saved_by: Mapped[str] = mapped_column(String(320))
    saved_at: Mapped[datetime] = mapped_column(DateTime)


class Member(Base):
    """Someone who may open an area when sign-in is on: owner, editor or viewer."""

    __tablename__ = "members"

    area_id: Mapped[int] = mapped_column(
        ForeignKey("areas.id", ondelete="CASCADE"), primary_key=True
    )
    email: Mapped[str] = mapped_column(String(320), primary_key=True)  # lower case
    role: Mapped[str] = mapped_column(String(10))
    added_by: Mapped[str] = mapped_column(String(320))
    added_at: Mapped[datetime] = mapped_column(DateTime)


class ShareLink(Base):
    """A read-only link to an area (its latest version, or one pinned), of which only the
    token's sha256 is kept."""

    __tablename__ = "share_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id", ondelete="CASCADE"), index=True)
    version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    publication: Mapped[bool] = mapped_column(Boolean, default=False)
    threshold: Mapped[int | None] = mapped_column(Integer, nullable=True)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Round(Base):
    """A round of collection an area's owner opened: a quarter's performance returns
    (``kind`` 'returns', ``quarter`` Q1-Q4) or a benchmark round ('benchmark'), closing on a
    date; a closed round takes nothing more."""

    __tablename__ = "rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    year: Mapped[str] = mapped_column(String(7))  # a financial year, 2025/26
    quarter: Mapped[str | None] = mapped_column(String(2), nullable=True)
    opened_by: Mapped[str] = mapped_column(String(320))
    opened_at: Mapped[datetime] = mapped_column(DateTime)
    closes_at: Mapped[datetime] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    closed_by: Mapped[str | None] = mapped_column(String(320), nullable=True)


class RoundLink(Base):
    """One link of a round: a provider's (or a service's respondent group's), of which only
    the token's sha256 is kept, expiring, revocable."""

    __tablename__ = "round_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    provider: Mapped[str] = mapped_column(String(200))
    service: Mapped[str | None] = mapped_column(String(200), nullable=True)
    respondent: Mapped[str | None] = mapped_column(String(40), nullable=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Submission(Base):
    """What a link's holder sent, as JSON (KPI -> value, or statement -> response), and
    how (the form or a sheet). Every one is kept; the latest of a link is in force."""

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int] = mapped_column(
        ForeignKey("round_links.id", ondelete="CASCADE"), index=True
    )
    submitted_at: Mapped[datetime] = mapped_column(DateTime)
    how: Mapped[str] = mapped_column(String(10))
    body: Mapped[dict] = mapped_column(JSON)
