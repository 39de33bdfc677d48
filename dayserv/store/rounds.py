"""Rounds that collect from the people who hold the data, by link: an area's owner opens a
quarter's round of performance returns (a link per provider) or a benchmark round (a link
per service and respondent group); a link's holder, without an account, sends what it
holds, as often as it likes until the round closes (every submission is kept, the latest
is in force).

Links follow the share links' rules (``links``): a token of 256 random bits of which only
the sha256 is kept, expiring (``LATE_DAYS`` after the round's closing date, so a late
return can still come in), revocable one by one, and refused once the round is closed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Engine, select

from dayserv.contract import QUARTERS
from dayserv.store.areas import AreaError, area_id
from dayserv.store.database import day, now, transaction, when
from dayserv.store.links import LinkRefused, new_token, token_hash, well_formed
from dayserv.store.schema import Area, Round, RoundLink, Submission

PARAMETER = "submit"  # the address's query parameter holding a round link's token
KINDS = ("returns", "benchmark")
LATE_DAYS = 28  # a link works this long after its round's closing date
NAME_LENGTH = 200
_YEAR = re.compile(r"^\d{4}/\d{2}$")


@dataclass(frozen=True)
class RoundInfo:
    id: int
    area: str
    kind: str
    year: str
    quarter: str | None
    opened_by: str
    opened_at: datetime
    closes_at: datetime
    closed_at: datetime | None = None

    @property
    def label(self) -> str:
        """'2025/26 Q1' (a benchmark round: its year)."""
        return f"{self.year} {self.quarter}" if self.quarter else self.year

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class RoundLinkInfo:
    id: int
    round_id: int
    provider: str
    service: str | None
    respondent: str | None
    expires_at: datetime
    revoked_at: datetime | None = None
    path: str = ""  # only when just made: the token is not kept

    def in_force(self, when: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > when

    @property
    def holder(self) -> str:
        """Who holds it: 'Mind', or 'Mind Wellbeing Hub, Staff' for a benchmark link."""
        return ", ".join(part for part in (self.service or self.provider, self.respondent) if part)


@dataclass(frozen=True)
class Submitted:
    """A submission, with the link and round it came by."""

    id: int
    link_id: int
    round_id: int
    provider: str
    service: str | None
    respondent: str | None
    year: str
    quarter: str | None
    submitted_at: datetime
    how: str
    body: dict


@dataclass(frozen=True)
class Holder:
    """What a link grants: one provider's (or service group's) part of one round."""

    link: RoundLinkInfo
    round: RoundInfo


def path_for(token: str) -> str:
    return f"/?{PARAMETER}={token}"


def token_from(path_or_token: str) -> str:
    """The token of a round link's path or URL (or the token itself)."""
    match = re.search(rf"[?&]{PARAMETER}=([^&#\s]+)", path_or_token)
    return match.group(1) if match else path_or_token.strip()


def holder_key(name: str | None) -> str:
    """How a provider or service is matched: case and spacing do not matter."""
    return " ".join(str(name or "").split()).casefold()


def _clean(name: str | None) -> str | None:
    if name is None:
        return None
    cleaned = " ".join(str(name).split())
    if not cleaned or len(cleaned) > NAME_LENGTH or any(ord(c) < 32 for c in cleaned):
        raise AreaError(f"{cleaned[:40]!r} cannot name a link's holder.")
    return cleaned


def closing_time(closes: date | datetime) -> datetime:
    """A closing date means the end of that day (UTC)."""
    if isinstance(closes, datetime):
        return closes
    return datetime.combine(closes, time(23, 59, 59))


# ---------------------------------------------------------------- the owner's side


def open_round(
    engine: Engine,
    area: str,
    kind: str,
    year: str,
    quarter: str | None,
    holders: list[tuple[str, str | None, str | None]],
    opened_by: str,
    closes: date | datetime,
) -> tuple[RoundInfo, list[RoundLinkInfo]]:
    """Open a round with a link per holder (provider, service, respondent group; the last
    two None for returns); the links' paths (with their tokens) are returned, once."""
    if kind not in KINDS:
        raise AreaError(f"A round collects {' or '.join(KINDS)}.")
    if not _YEAR.match(year or ""):
        raise AreaError("Give the financial year as 2025/26.")
    if kind == "returns" and quarter not in QUARTERS:
        raise AreaError("Give the quarter, Q1 to Q4.")
    closes_at = closing_time(closes)
    when = now()
    if closes_at <= when:
        raise AreaError("The closing date must be in the future.")
    if not holders:
        raise AreaError("Choose at least one provider to ask.")
    with transaction(engine) as session:
        owner = area_id(session, area)
        taken = session.scalar(
            select(Round.id).where(
                Round.area_id == owner,
                Round.kind == kind,
                Round.year == year,
                Round.quarter.is_(None) if quarter is None else Round.quarter == quarter,
                Round.closed_at.is_(None),
            )
        )
        if taken is not None:
            label = f"{year} {quarter}" if quarter else year
            raise AreaError(f"A round for {label} is open already: close it first.")
        row = Round(
            area_id=owner,
            kind=kind,
            year=year,
            quarter=quarter if kind == "returns" else None,
            opened_by=opened_by,
            opened_at=when,
            closes_at=closes_at,
        )
        session.add(row)
        session.flush()
        made = _make_links(session, row, holders, opened_by)
        return _round(row, session.get(Area, owner).name), made


def _make_links(session, row: Round, holders, by: str) -> list[RoundLinkInfo]:
    made = []
    seen = set()
    for provider, service, respondent in holders:
        key = (holder_key(provider), holder_key(service), holder_key(respondent))
        if key in seen:
            continue
        seen.add(key)
        token = new_token()
        link = RoundLink(
            round_id=row.id,
            token_sha256=token_hash(token),
            provider=_clean(provider),
            service=_clean(service),
            respondent=_clean(respondent),
            expires_at=row.closes_at + timedelta(days=LATE_DAYS),
            created_by=by,
            created_at=now(),
        )
        session.add(link)
        session.flush()
        made.append(_link(link, path_for(token)))
    return made


def _round(row: Round, area: str) -> RoundInfo:
    return RoundInfo(
        id=row.id,
        area=area,
        kind=row.kind,
        year=row.year,
        quarter=row.quarter,
        opened_by=row.opened_by,
        opened_at=row.opened_at,
        closes_at=row.closes_at,
        closed_at=row.closed_at,
    )


def _link(link: RoundLink, path: str = "") -> RoundLinkInfo:
    return RoundLinkInfo(
        id=link.id,
        round_id=link.round_id,
        provider=link.provider,
        service=link.service,
        respondent=link.respondent,
        expires_at=link.expires_at,
        revoked_at=link.revoked_at,
        path=path,
    )


def _area_round(session, area: str, round_id: int) -> Round:
    row = session.get(Round, round_id)
    if row is None or row.area_id != area_id(session, area):
        raise AreaError("There is no such round.")
    return row


def rounds_of(engine: Engine, area: str, kind: str | None = None) -> list[RoundInfo]:
    """The area's rounds (of one kind, if given), the latest opened first."""
    with transaction(engine) as session:
        owner = area_id(session, area)
        query = select(Round).where(Round.area_id == owner)
        if kind is not None:
            query = query.where(Round.kind == kind)
        rows = session.scalars(query.order_by(Round.opened_at.desc(), Round.id.desc())).all()
        name = session.get(Area, owner).name
        return [_round(row, name) for row in rows]


def links_of(engine: Engine, area: str, round_id: int) -> list[RoundLinkInfo]:
    """Every link of the round, withdrawn ones too, by holder then the oldest first."""
    with transaction(engine) as session:
        _area_round(session, area, round_id)
        rows = session.scalars(
            select(RoundLink).where(RoundLink.round_id == round_id).order_by(RoundLink.id)
        ).all()
        found = [_link(row) for row in rows]
    return sorted(found, key=lambda link: (holder_key(link.holder), link.id))


def new_links(
    engine: Engine, area: str, round_id: int, holders: list[tuple], by: str
) -> list[RoundLinkInfo]:
    """New links for some of the round's holders (to replace lost ones): each holder's
    links in force are withdrawn, so only the new one works. Returned with their paths."""
    with transaction(engine) as session:
        row = _area_round(session, area, round_id)
        if row.closed_at is not None:
            raise AreaError("The round is closed: it takes no more returns.")
        keys = {(holder_key(p), holder_key(s), holder_key(r)) for p, s, r in holders}
        when = now()
        for link in session.scalars(select(RoundLink).where(RoundLink.round_id == round_id)):
            key = (holder_key(link.provider), holder_key(link.service), holder_key(link.respondent))
            if key in keys and link.revoked_at is None:
                link.revoked_at = when
        return _make_links(session, row, holders, by)


def revoke(engine: Engine, area: str, link_id: int) -> RoundLinkInfo:
    """Withdraw one of the area's round links by its id."""
    with transaction(engine) as session:
        link = session.get(RoundLink, link_id)
        if link is None:
            raise AreaError("There is no such link.")
        _area_round(session, area, link.round_id)
        if link.revoked_at is None:
            link.revoked_at = now()
        return _link(link)


def close_round(engine: Engine, area: str, round_id: int, by: str) -> RoundInfo:
    """Close the round: its links take nothing more (what was sent is kept)."""
    with transaction(engine) as session:
        row = _area_round(session, area, round_id)
        if row.closed_at is None:
            row.closed_at, row.closed_by = now(), by
        return _round(row, session.get(Area, row.area_id).name)


def submissions(engine: Engine, area: str, kind: str | None = None) -> list[Submitted]:
    """Every submission to the area's rounds (of one kind, if given), the oldest first."""
    with transaction(engine) as session:
        query = (
            select(Submission, RoundLink, Round)
            .join(RoundLink, RoundLink.id == Submission.link_id)
            .join(Round, Round.id == RoundLink.round_id)
            .where(Round.area_id == area_id(session, area))
        )
        if kind is not None:
            query = query.where(Round.kind == kind)
        rows = session.execute(query.order_by(Submission.submitted_at, Submission.id)).all()
        return [_submitted(*row) for row in rows]


def _submitted(submission: Submission, link: RoundLink, row: Round) -> Submitted:
    return Submitted(
        id=submission.id,
        link_id=link.id,
        round_id=row.id,
        provider=link.provider,
        service=link.service,
        respondent=link.respondent,
        year=row.year,
        quarter=row.quarter,
        submitted_at=submission.submitted_at,
        how=submission.how,
        body=dict(submission.body),
    )


# ---------------------------------------------------------------- the link holder's side


def _holding(session, token: str) -> tuple[RoundLink, Round, str]:
    """The link, its round and area's name, or LinkRefused saying plainly why not."""
    if not well_formed(token):
        raise LinkRefused("This link is not complete: copy the whole link from the e-mail.")
    found = session.execute(
        select(RoundLink, Round, Area.name)
        .join(Round, Round.id == RoundLink.round_id)
        .join(Area, Area.id == Round.area_id)
        .where(RoundLink.token_sha256 == token_hash(token))
    ).first()
    if found is None:
        raise LinkRefused("This link is not known here: it may have been mistyped.")
    link, row, name = found
    if link.revoked_at is not None:
        raise LinkRefused(
            "This link has been withdrawn by the commissioner: ask them for a new one."
        )
    if row.closed_at is not None:
        raise LinkRefused(
            f"This round ({row.year} {row.quarter or ''}".rstrip()
            + f") was closed on {day(row.closed_at)}: it takes no more answers."
        )
    if link.expires_at <= now():
        raise LinkRefused(f"This link expired on {when(link.expires_at)}.")
    return link, row, name


def holder(engine: Engine, token: str) -> Holder:
    """What the token grants now, or LinkRefused saying why not."""
    with transaction(engine) as session:
        link, row, name = _holding(session, token)
        return Holder(_link(link), _round(row, name))


def submit(engine: Engine, token: str, body: dict, how: str = "form") -> Submitted:
    """Keep what the link's holder sent (checked again: a link withdrawn or a round closed
    meanwhile takes nothing)."""
    with transaction(engine) as session:
        link, row, _ = _holding(session, token)
        submission = Submission(link_id=link.id, submitted_at=now(), how=how, body=body)
        session.add(submission)
        session.flush()
        return _submitted(submission, link, row)


def own_submissions(engine: Engine, token: str) -> list[Submitted]:
    """What the link's holder has sent to the area's rounds of the same kind (on this link
    and on its earlier ones), the oldest first: nobody else's."""
    with transaction(engine) as session:
        link, row, _ = _holding(session, token)
        rows = session.execute(
            select(Submission, RoundLink, Round)
            .join(RoundLink, RoundLink.id == Submission.link_id)
            .join(Round, Round.id == RoundLink.round_id)
            .where(Round.area_id == row.area_id, Round.kind == row.kind)
            .order_by(Submission.submitted_at, Submission.id)
        ).all()
        mine = (holder_key(link.provider), holder_key(link.service), holder_key(link.respondent))
        return [
            _submitted(*found)
            for found in rows
            if (
                holder_key(found[1].provider),
                holder_key(found[1].service),
                holder_key(found[1].respondent),
            )
            == mine
        ]
