"""Read-only share links to a saved area: its latest version or one pinned, optionally in
publication mode (applied on the server: nothing in the address lifts it), optionally
expiring, revocable. The token has 256 random bits; only its sha256 is kept."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, select

from dayserv.store.areas import AreaError, area_id
from dayserv.store.database import now, transaction, when
from dayserv.store.schema import Area, ShareLink, Version

PARAMETER = "share"  # the address's query parameter holding the token
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")  # secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Link:
    """What a share link grants: one area, a pinned version or the latest, and how shown."""

    area: str
    version: int | None
    publication: bool
    threshold: int | None
    expires_at: datetime | None
    created_by: str
    created_at: datetime
    revoked_at: datetime | None = None
    path: str = ""  # only when just made: the token is not kept

    def words(self) -> str:
        """'Eastbrook, version 3, in publication mode (counts under 10 hidden), until …'."""
        parts = [self.area, f"version {self.version}" if self.version else "its latest version"]
        if self.publication:
            parts.append(f"in publication mode (counts under {self.threshold} hidden)")
        if self.expires_at is not None:
            parts.append(f"until {when(self.expires_at)}")
        return ", ".join(parts)


def new_token() -> str:
    """A fresh token: 256 random bits, URL-safe (keep only its ``token_hash``)."""
    return secrets.token_urlsafe(32)


def well_formed(token: str) -> bool:
    """Whether the text has the shape of a token (before looking it up)."""
    return bool(_TOKEN.match(token))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def path_for(token: str) -> str:
    return f"/?{PARAMETER}={token}"


def token_from(path_or_token: str) -> str:
    """The token of a link's path or URL (or the token itself)."""
    match = re.search(rf"[?&]{PARAMETER}=([^&#\s]+)", path_or_token)
    return match.group(1) if match else path_or_token.strip()


def create_link(
    engine: Engine,
    area: str,
    created_by: str,
    version: int | None = None,
    publication: bool = False,
    threshold: int | None = None,
    expires_days: float | None = None,
) -> Link:
    """Make a read-only link; its path (with the token) is in the Link returned, once.
    ``publication``: every page in publication mode, counts under ``threshold`` hidden
    (the caller's to give: the store knows no rule of its own)."""
    if publication and threshold is None:
        raise ValueError("a link in publication mode needs its threshold")
    if expires_days is not None and expires_days <= 0:
        raise AreaError("A link must last more than no time: give a positive number of days.")
    token = new_token()
    when = now()
    with transaction(engine) as session:
        owner = area_id(session, area)
        if version is not None and (
            session.scalar(
                select(Version.id).where(Version.area_id == owner, Version.number == version)
            )
            is None
        ):
            raise AreaError(f"{session.get(Area, owner).name} has no version {version}.")
        link = ShareLink(
            token_sha256=token_hash(token),
            area_id=owner,
            version=version,
            publication=publication,
            threshold=threshold if publication else None,
            expires_at=None if expires_days is None else when + timedelta(days=expires_days),
            created_by=created_by,
            created_at=when,
        )
        session.add(link)
        session.flush()
        name = session.get(Area, owner).name
        return _link(link, name, path_for(token))


def _link(link: ShareLink, area: str, path: str = "") -> Link:
    return Link(
        area=area,
        version=link.version,
        publication=link.publication,
        threshold=link.threshold,
        expires_at=link.expires_at,
        created_by=link.created_by,
        created_at=link.created_at,
        revoked_at=link.revoked_at,
        path=path,
    )


class LinkRefused(Exception):
    """A link that grants nothing (unknown, revoked, expired); the message says which."""


def open_link(engine: Engine, token: str) -> Link:
    """What the token grants now, or LinkRefused saying plainly why not."""
    if not well_formed(token):
        raise LinkRefused("This share link is not complete: ask for the link again.")
    with transaction(engine) as session:
        row = session.execute(
            select(ShareLink, Area.name)
            .join(Area, Area.id == ShareLink.area_id)
            .where(ShareLink.token_sha256 == token_hash(token))
        ).first()
    if row is None:
        raise LinkRefused("This share link is not known here: it may have been mistyped.")
    link, name = row
    if link.revoked_at is not None:
        raise LinkRefused("This share link has been withdrawn by the person who made it.")
    if link.expires_at is not None and link.expires_at <= now():
        raise LinkRefused(f"This share link expired on {when(link.expires_at)}.")
    return _link(link, name)


def revoke_link(engine: Engine, path_or_token: str) -> tuple[Link, bool]:
    """End a link (by its path, URL or token); returns what it granted, and False if it
    had been withdrawn already (its revoked_at is then that earlier time)."""
    token = token_from(path_or_token)
    with transaction(engine) as session:
        row = session.execute(
            select(ShareLink, Area.name)
            .join(Area, Area.id == ShareLink.area_id)
            .where(ShareLink.token_sha256 == token_hash(token))
        ).first()
        if row is None:
            raise AreaError("There is no such share link.")
        link, name = row
        newly = link.revoked_at is None
        if newly:
            link.revoked_at = now()
        return _link(link, name), newly


def area_links(engine: Engine, area: str) -> list[tuple[int, Link]]:
    """The area's links still in force, newest first, with the id that revokes each."""
    with transaction(engine) as session:
        links = session.scalars(
            select(ShareLink)
            .where(ShareLink.area_id == area_id(session, area), ShareLink.revoked_at.is_(None))
            .order_by(ShareLink.created_at.desc(), ShareLink.id.desc())
        ).all()
        name = session.get(Area, area_id(session, area)).name
        when = now()
        return [
            (link.id, _link(link, name))
            for link in links
            if link.expires_at is None or link.expires_at > when
        ]


def revoke_link_id(engine: Engine, area: str, link_id: int) -> None:
    """End one of the area's links by its id (as ``area_links`` lists them)."""
    with transaction(engine) as session:
        link = session.get(ShareLink, link_id)
        if link is None or link.area_id != area_id(session, area):
            raise AreaError("There is no such share link.")
        if link.revoked_at is None:
            link.revoked_at = now()
