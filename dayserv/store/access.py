"""Who may do what with a saved area when sign-in is on: owners (everything, and invite
others by e-mail address), editors (save versions and answers) and viewers (open it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select

from dayserv.store.areas import AreaError, area_id
from dayserv.store.database import now, transaction
from dayserv.store.schema import Area, Member

ROLES = ("owner", "editor", "viewer")  # each may do all that the ones after it may
ROLE_WORDS = {
    "owner": "Owner: opens, saves, shares, invites and deletes",
    "editor": "Editor: opens and saves versions and answers",
    "viewer": "Viewer: opens",
}


@dataclass(frozen=True)
class Membership:
    email: str
    role: str
    added_by: str
    added_at: datetime


def may(role: str | None, needed: str) -> bool:
    """Whether someone with ``role`` may do what ``needed`` may."""
    return role is not None and ROLES.index(role) <= ROLES.index(needed)


def clean_email(email: str) -> str:
    cleaned = email.strip().lower()
    local, _, domain = cleaned.partition("@")
    if not local or "." not in domain or any(char.isspace() for char in cleaned):
        raise AreaError(f"{email.strip()!r} is not an e-mail address.")
    return cleaned


def add_member(engine: Engine, area: str, email: str, role: str, added_by: str) -> Membership:
    """Give someone a role in the area (changing the one they had)."""
    if role not in ROLES:
        raise AreaError(f"The role must be one of {', '.join(ROLES)}.")
    cleaned = clean_email(email)
    with transaction(engine) as session:
        owner = area_id(session, area)
        member = session.get(Member, (owner, cleaned))
        if member is None:
            member = Member(area_id=owner, email=cleaned)
            session.add(member)
        member.role, member.added_by, member.added_at = role, added_by, now()
        return Membership(cleaned, role, added_by, member.added_at)


def remove_member(engine: Engine, area: str, email: str) -> None:
    """Take someone's role away; the area's last owner cannot be removed."""
    cleaned = email.strip().lower()
    with transaction(engine) as session:
        owner = area_id(session, area)
        member = session.get(Member, (owner, cleaned))
        if member is None:
            return
        owners = session.scalars(
            select(Member.email).where(Member.area_id == owner, Member.role == "owner")
        ).all()
        if member.role == "owner" and len(owners) == 1:
            raise AreaError("An area needs an owner: invite another owner first.")
        session.delete(member)


def members(engine: Engine, area: str) -> list[Membership]:
    """The area's members, owners first, then by address."""
    with transaction(engine) as session:
        rows = session.scalars(select(Member).where(Member.area_id == area_id(session, area)))
        found = [Membership(row.email, row.role, row.added_by, row.added_at) for row in rows]
    return sorted(found, key=lambda member: (ROLES.index(member.role), member.email))


def role_of(engine: Engine, area: str, email: str) -> str | None:
    """The person's role in the area, or None."""
    with transaction(engine) as session:
        return session.scalar(
            select(Member.role).where(
                Member.area_id == area_id(session, area), Member.email == email.strip().lower()
            )
        )


def areas_of(engine: Engine, email: str) -> dict[str, str]:
    """Area key -> the person's role, for every area they are a member of."""
    with transaction(engine) as session:
        rows = session.execute(
            select(Area.key, Member.role)
            .join(Member, Member.area_id == Area.id)
            .where(Member.email == email.strip().lower())
        ).all()
    return {key: role for key, role in rows}
