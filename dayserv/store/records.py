"""What users enter for an area (checklist answers and notes, targets, plans), saved with
who and when. Each record has a revision: a save names the revision it was made on, and if
someone else saved since, it is refused (Conflict) rather than written over theirs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError

from dayserv.store import database
from dayserv.store.areas import area_id
from dayserv.store.database import now, transaction
from dayserv.store.schema import Record

KINDS = ("checklist", "targets", "plan")


@dataclass(frozen=True)
class Saved:
    """A record as saved: its body, its revision (0: never saved), who saved it and when."""

    body: dict
    revision: int = 0
    saved_by: str = ""
    saved_at: datetime | None = None


class Conflict(Exception):
    """Someone saved the record since it was read; ``latest`` is what they saved."""

    def __init__(self, latest: Saved) -> None:
        when = database.when(latest.saved_at) or "meanwhile"
        super().__init__(
            f"{latest.saved_by} saved these since you opened them ({when}), so yours were not "
            "saved: your changes are still on screen. Copy what you need, reload to see "
            "theirs, and make your changes again."
        )
        self.latest = latest


def read_record(engine: Engine, area: str, kind: str) -> Saved:
    """The area's record of this kind (an empty one at revision 0 if never saved)."""
    with transaction(engine) as session:
        record = session.scalar(
            select(Record).where(Record.area_id == area_id(session, area), Record.kind == kind)
        )
        return Saved({}) if record is None else _saved(record)


def _saved(record: Record) -> Saved:
    return Saved(dict(record.body), record.revision, record.saved_by, record.saved_at)


def save_record(
    engine: Engine, area: str, kind: str, body: dict, revision: int, saved_by: str
) -> Saved:
    """Save the body as the record's next revision, if ``revision`` is still the latest;
    else raise Conflict with the latest. Returns what was saved."""
    if kind not in KINDS:
        raise ValueError(f"unknown record kind {kind!r}")
    when = now()
    try:
        with transaction(engine) as session:
            owner = area_id(session, area)
            if revision == 0:
                session.add(
                    Record(
                        area_id=owner,
                        kind=kind,
                        body=body,
                        revision=1,
                        saved_by=saved_by,
                        saved_at=when,
                    )
                )
                session.flush()
                return Saved(body, 1, saved_by, when)
            changed = session.execute(
                update(Record)
                .where(Record.area_id == owner, Record.kind == kind, Record.revision == revision)
                .values(body=body, revision=revision + 1, saved_by=saved_by, saved_at=when)
            ).rowcount
            if changed == 1:
                return Saved(body, revision + 1, saved_by, when)
    except IntegrityError:  # another first save won the race
        pass
    raise Conflict(read_record(engine, area, kind))
