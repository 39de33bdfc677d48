"""Saved areas and their versions: save an upload as an area's next version (refused, and
nothing stored, if it cannot be read), list the areas and an area's history, get a
version's files back byte for byte, and delete an area with all it holds."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError

from dayserv.read.clean import Portfolio, load
from dayserv.read.left_out import problem_counts, rows_left_out
from dayserv.read.portfolio_cache import files_key
from dayserv.read.reader import Source
from dayserv.store.database import now, transaction
from dayserv.store.schema import Area, Member, Version, VersionFile

NAME_LENGTH = 100


class AreaError(ValueError):
    """Something asked of an area that cannot be done; the message says why, plainly."""


@dataclass(frozen=True)
class AreaSummary:
    name: str
    versions: int
    latest: int
    saved_at: datetime
    saved_by: str


@dataclass(frozen=True)
class VersionInfo:
    area: str
    number: int
    files: tuple[str, ...]
    size: int
    sha256: str  # of the files' names and bytes together, as the app's cache keys them
    file_sha256: tuple[str, ...]  # each file's own, as sha256sum gives it
    saved_by: str
    saved_at: datetime
    note: str
    problems: dict

    @property
    def label(self) -> str:
        return f"{self.area} version {self.number}"


def area_key(name: str) -> str:
    """How an area's name is matched: case and spacing do not matter."""
    return " ".join(name.split()).casefold()


def clean_name(name: str) -> str:
    """The area's name as kept, or AreaError saying what is wrong with it."""
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise AreaError("Give the area a name.")
    if len(cleaned) > NAME_LENGTH:
        raise AreaError(f"An area's name can be at most {NAME_LENGTH} characters.")
    if any(ord(char) < 32 for char in cleaned) or "@" in cleaned:
        raise AreaError("An area's name cannot hold '@' or control characters.")
    return cleaned


def files_sha256(files: list[tuple[str, bytes]]) -> str:
    """The sha256 of the files' names and bytes together (as the app's cache keys them)."""
    return files_key(files)


def problems_summary(portfolio: Portfolio) -> dict:
    """What loading met, to list with the version: counts by severity, rows left out."""
    return {**problem_counts(portfolio.problems), "left_out": rows_left_out(portfolio)}


def _area(session, name: str) -> Area | None:
    return session.scalar(select(Area).where(Area.key == area_key(name)))


def save_version(
    engine: Engine,
    name: str,
    files: list[tuple[str, bytes]],
    saved_by: str,
    note: str = "",
    portfolio: Portfolio | None = None,
) -> VersionInfo:
    """Save the files as the area's next version (the area is made if new), in one
    transaction. The files are read first (``portfolio``, if already read): a file that
    cannot be read raises UnreadableError and nothing is stored."""
    cleaned = clean_name(name)
    if portfolio is None:
        portfolio = load([Source(file_name, data) for file_name, data in files])
    try:
        with transaction(engine) as session:
            area = _area(session, cleaned)
            if area is None:
                area = Area(
                    name=cleaned, key=area_key(cleaned), created_by=saved_by, created_at=now()
                )
                session.add(area)
                session.flush()
                # Whoever makes an area owns it (signed in, their address; else the local user).
                session.add(
                    Member(
                        area_id=area.id,
                        email=saved_by.lower(),
                        role="owner",
                        added_by=saved_by,
                        added_at=now(),
                    )
                )
            number = (
                session.scalar(select(func.max(Version.number)).where(Version.area_id == area.id))
                or 0
            ) + 1
            version = Version(
                area_id=area.id,
                number=number,
                sha256=files_sha256(files),
                size=sum(len(data) for _, data in files),
                saved_by=saved_by,
                saved_at=now(),
                note=note.strip(),
                problems=problems_summary(portfolio),
                files=[
                    VersionFile(
                        position=position,
                        name=file_name,
                        size=len(data),
                        sha256=hashlib.sha256(data).hexdigest(),
                        content=data,
                    )
                    for position, (file_name, data) in enumerate(files)
                ],
            )
            session.add(version)
            session.flush()
            return _info(area, version)
    except IntegrityError as exc:  # another save took the number or the name meanwhile
        raise AreaError(
            f"Someone saved {cleaned} at the same moment: nothing was saved, try again."
        ) from exc


def _info(area: Area, version: Version) -> VersionInfo:
    return VersionInfo(
        area=area.name,
        number=version.number,
        files=tuple(file.name for file in version.files),
        size=version.size,
        sha256=version.sha256,
        file_sha256=tuple(file.sha256 for file in version.files),
        saved_by=version.saved_by,
        saved_at=version.saved_at,
        note=version.note,
        problems=dict(version.problems),
    )


def list_areas(engine: Engine, names: set[str] | None = None) -> list[AreaSummary]:
    """Every area (or those whose keys are in ``names``), by name, with its latest version."""
    latest = (
        select(Version.area_id, func.max(Version.number).label("latest"), func.count().label("n"))
        .group_by(Version.area_id)
        .subquery()
    )
    query = (
        select(Area.name, Area.key, latest.c.latest, latest.c.n, Version.saved_at, Version.saved_by)
        .join(latest, latest.c.area_id == Area.id)
        .join(Version, (Version.area_id == Area.id) & (Version.number == latest.c.latest))
        .order_by(Area.key)
    )
    with transaction(engine) as session:
        rows = session.execute(query).all()
    return [
        AreaSummary(row.name, row.n, row.latest, row.saved_at, row.saved_by)
        for row in rows
        if names is None or row.key in names
    ]


def find_area(engine: Engine, name: str) -> str | None:
    """The area's name as saved, or None if there is no such area."""
    with transaction(engine) as session:
        area = _area(session, name)
        return None if area is None else area.name


def history(engine: Engine, name: str) -> list[VersionInfo]:
    """The area's versions, latest first (AreaError if there is no such area)."""
    with transaction(engine) as session:
        area = _required(session, name)
        versions = session.scalars(
            select(Version).where(Version.area_id == area.id).order_by(Version.number.desc())
        ).all()
        return [_info(area, version) for version in versions]


def _required(session, name: str) -> Area:
    area = _area(session, name)
    if area is None:
        raise AreaError(f"There is no saved area called {' '.join(str(name).split())!r}.")
    return area


def version_files(
    engine: Engine, name: str, number: int | None = None
) -> tuple[VersionInfo, list[tuple[str, bytes]]]:
    """A version (the latest if ``number`` is None) and its files as saved."""
    with transaction(engine) as session:
        area = _required(session, name)
        query = select(Version).where(Version.area_id == area.id)
        if number is None:
            query = query.order_by(Version.number.desc()).limit(1)
        else:
            query = query.where(Version.number == number)
        version = session.scalar(query)
        if version is None:
            raise AreaError(
                f"{area.name} has no version {number}."
                if number is not None
                else f"{area.name} has no versions."
            )
        return _info(area, version), [(file.name, file.content) for file in version.files]


def delete_area(engine: Engine, name: str) -> str:
    """Delete the area with its versions, answers, members and links; returns its name."""
    with transaction(engine) as session:
        area = _required(session, name)
        session.delete(area)
        return area.name


def area_id(session, name: str) -> int:
    """The area's id within a transaction (AreaError if there is no such area)."""
    return _required(session, name).id
