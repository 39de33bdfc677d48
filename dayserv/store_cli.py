"""The store's commands: save a portfolio as an area's next version, list the areas and an
area's history, share an area by a read-only link (and end one), change its members and
delete it; and ``area:NAME`` / ``area:NAME@N`` as a PATH of any command that reads one.

The store's modules (SQLAlchemy, Alembic) are imported only when a command needs them, so
that the commands reading files alone start as quickly as before.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import math
import shlex
import sys
from datetime import datetime

from dayserv.figures.publication import THRESHOLD
from dayserv.read.limits import limits_of
from dayserv.read.reader import Source, UnreadableError, sources_from_paths

AREA_PREFIX = "area:"
NO_AREAS = "No area has been saved yet: python -m dayserv save PATH --area NAME saves one."


# PATHs naming saved areas


def area_path(path: str) -> tuple[str, int | None] | None:
    """The area and version an ``area:NAME`` or ``area:NAME@N`` PATH names (None for the
    latest version); None if the PATH is a file or folder. A PATH that is neither raises
    UnreadableError saying how to write it."""
    if not path.startswith(AREA_PREFIX):
        return None
    name, at, number = path[len(AREA_PREFIX) :].rpartition("@")
    if not at:
        name, number = number, ""
    if not name.strip():
        raise UnreadableError(f"{path} names no area: write area:NAME, e.g. area:Eastbrook.")
    if not at:
        return name, None
    if not number.isdigit() or int(number) < 1:
        raise UnreadableError(
            f"The version in {path} should be a whole number from 1, e.g. area:{name}@2."
        )
    return name, int(number)


def resolve_paths(
    paths: list[str], database: str | None = None
) -> tuple[list[Source], tuple[str, ...]]:
    """The files the PATHs name, and what the portfolio is to call its sources: a file or
    folder as ``sources_from_paths`` reads it (called by its file names), a saved area by
    the files of the version named (called e.g. 'Eastbrook version 3 (sample.xlsx)').

    Raises UnreadableError, in a sentence, for a path that is not there, an area or version
    that is not saved, or a store that cannot be reached."""
    sources: list[Source] = []
    labels: list[str] = []
    for path in paths:
        named = area_path(path)
        if named is None:
            found = sources_from_paths([path])
            labels += [source.name for source in found]
        else:
            from dayserv.store.areas import AreaError, version_files
            from dayserv.store.database import StoreUnavailable

            try:
                info, files = version_files(_engine(database), *named)
            except (AreaError, StoreUnavailable) as exc:
                raise UnreadableError(str(exc)) from exc
            found = [Source(name, data) for name, data in files]
            labels.append(f"{info.label} ({', '.join(name for name, _ in files)})")
        sources += found
    return sources, tuple(labels)


def labelled(portfolio, labels: tuple[str, ...]):
    """The portfolio calling its sources by ``labels`` (as ``resolve_paths`` gives them)."""
    return dataclasses.replace(portfolio, sources=labels)


# The commands


def save(args) -> int:
    """Load the PATHs (refusing, with nothing stored, what cannot be read) and save their
    files as the area's next version."""
    from dayserv.figures import quality
    from dayserv.read.clean import load
    from dayserv.store import areas

    name = areas.clean_name(args.area)
    try:
        sources, labels = resolve_paths(args.paths, args.database)
        portfolio = load(sources, limits=limits_of(args))
    except UnreadableError as exc:
        print(f"Could not load the portfolio, so nothing was saved: {exc}", file=sys.stderr)
        return 2
    files = [(source.name, source.data) for source in sources]
    saved = areas.save_version(
        _engine(args.database), name, files, _by(args), args.note or "", portfolio
    )
    print(f"Saved {saved.area} version {saved.number}")
    left_out = quality.anything_left_out(portfolio)
    again = shlex.quote(f"{AREA_PREFIX}{saved.area}")
    hint = f": python -m dayserv validate {again} lists them." if left_out else "."
    # Standard output is the contract's one line; what loading left out goes beside it.
    print(quality.left_out_words(portfolio) + hint, file=sys.stderr)
    return 0


def list_areas(args) -> int:
    """The areas, each with its latest version and when and by whom it was saved."""
    from dayserv.store import areas

    found = areas.list_areas(_engine(args.database))
    if args.json:
        _print_json(
            [
                {
                    "area": area.name,
                    "latest": area.latest,
                    "versions": area.versions,
                    "saved_at": _iso(area.saved_at),
                    "saved_by": area.saved_by,
                }
                for area in found
            ]
        )
    elif not found:
        print(NO_AREAS)
    else:
        print(
            _table(
                ["Area", "Latest version", "Versions", "Saved (UTC)", "Saved by"],
                [[a.name, a.latest, a.versions, _when(a.saved_at), a.saved_by] for a in found],
            )
        )
    return 0


def history(args) -> int:
    """The area's versions, latest first: when, by whom, the files, what loading met."""
    from dayserv.store import areas

    versions = areas.history(_engine(args.database), args.area)
    if args.json:
        _print_json(
            [
                {
                    "version": v.number,
                    "saved_at": _iso(v.saved_at),
                    "saved_by": v.saved_by,
                    "files": list(v.files),
                    "size": v.size,
                    "sha256": v.sha256,
                    "file_sha256": list(v.file_sha256),
                    "rows_left_out": v.problems.get("left_out", {}),
                    "problems": {k: n for k, n in v.problems.items() if k != "left_out"},
                    "note": v.note,
                }
                for v in versions
            ]
        )
        return 0
    print(f"{versions[0].area}: {len(versions)} version{'s' if len(versions) != 1 else ''}")
    print(
        _table(
            ["Version", "Saved (UTC)", "Saved by", "Files", "Size", "Rows left out", "Problems"]
            + ["Note"],
            [
                [
                    v.number,
                    _when(v.saved_at),
                    v.saved_by,
                    ", ".join(v.files),
                    _size(v.size),
                    _left_out(v.problems.get("left_out", {})),
                    _problems(v.problems),
                    v.note,
                ]
                for v in versions
            ],
        )
    )
    return 0


def share(args) -> int:
    """Make a read-only link to the area (its path on the last line), or end one."""
    from dayserv.store import links
    from dayserv.store.database import when

    engine = _engine(args.database)
    if args.revoke:
        ended, newly = links.revoke_link(engine, args.revoke)
        if not newly:
            print(
                f"That link, to {ended.words()}, was already withdrawn on {when(ended.revoked_at)}."
            )
        else:
            print(f"Withdrew the link to {ended.words()}.")
        return 0
    if args.threshold is not None and args.threshold < 2:
        print("--threshold must be 2 or more.", file=sys.stderr)
        return 2
    publication = args.publication or args.threshold is not None
    made = links.create_link(
        engine,
        args.area,
        _by(args),
        version=args.version,
        publication=publication,
        threshold=args.threshold if args.threshold is not None else THRESHOLD,
        expires_days=args.expires,
    )
    print(f"A read-only link to {made.words()}:")
    if args.base_url:
        print(args.base_url.rstrip("/") + made.path)
    print(made.path)
    return 0


def list_members(args) -> int:
    """The area's members, after adding or removing the one asked for."""
    from dayserv.store import access, areas

    engine = _engine(args.database)
    if args.add and args.remove:
        print("Give --add or --remove, not both.", file=sys.stderr)
        return 2
    before = access.members(engine, args.area)  # AreaError if there is no such area
    name = areas.find_area(engine, args.area)
    if args.add:
        if args.role is None:
            print(f"Say which role with --role: {', '.join(access.ROLES)}.", file=sys.stderr)
            return 2
        added = access.add_member(engine, args.area, args.add, args.role, _by(args))
        print(f"{added.email} is now {_article(added.role)} of {name}.")
    elif args.remove:
        email = args.remove.strip().lower()
        if email not in {member.email for member in before}:
            print(f"{email} is not a member of {name}.", file=sys.stderr)
            return 2
        access.remove_member(engine, args.area, email)
        print(f"{email} is no longer a member of {name}.")
    found = access.members(engine, args.area) if args.add or args.remove else before
    print(
        _table(
            ["Member", "Role", "Added by", "Added (UTC)"],
            [[m.email, m.role, m.added_by, _when(m.added_at)] for m in found],
        )
    )
    return 0


def delete(args) -> int:
    """Delete the area with all it holds; without --yes, say what that would delete."""
    from dayserv.store import areas

    engine = _engine(args.database)
    versions = areas.history(engine, args.area)
    what = (
        f"{versions[0].area} and its {len(versions)} version{'s' if len(versions) != 1 else ''}"
        ", with its answers, members and share links"
    )
    if not args.yes:
        print(f"This would delete {what}: add --yes to delete it.", file=sys.stderr)
        return 2
    areas.delete_area(engine, args.area)
    print(f"Deleted {what}.")
    return 0


# Registering them


def add_database_option(parser) -> None:
    """--database URL, overriding DAYSERV_DATABASE_URL for this command."""
    parser.add_argument(
        "--database",
        metavar="URL",
        help="the store's SQLAlchemy URL (default: DAYSERV_DATABASE_URL, else SQLite in the "
        "user's data directory)",
    )


def register(commands, path_command) -> None:
    """Add the store's commands; ``path_command`` makes a command that takes PATHs (with
    the limits and --database options), as every command reading a portfolio does."""
    saving = path_command(commands, "save", "save a portfolio as a saved area's next version")
    saving.add_argument("--area", required=True, metavar="NAME", help="the area to save it to")
    saving.add_argument("--note", metavar="TEXT", help="a note kept with the version")
    _add_by(saving)
    saving.set_defaults(run=_guarded(save))

    listing = _store_command(commands, "areas", "the saved areas and their latest versions")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(run=_guarded(list_areas))

    versions = _store_command(commands, "history", "a saved area's versions")
    versions.add_argument("--area", required=True, metavar="NAME")
    versions.add_argument("--json", action="store_true", help="print JSON")
    versions.set_defaults(run=_guarded(history))

    sharing = _store_command(
        commands, "share", "make a read-only link to a saved area, or end one (--revoke)"
    )
    which = sharing.add_mutually_exclusive_group(required=True)
    which.add_argument("--area", metavar="NAME", help="the area to share")
    which.add_argument(
        "--revoke", metavar="PATH", help="end the link with this path (or its URL or token)"
    )
    sharing.add_argument(
        "--version", type=_whole, metavar="N", help="always this version (default: the latest)"
    )
    sharing.add_argument(
        "--publication",
        action="store_true",
        help=f"publication mode: counts of people under {THRESHOLD} hidden, on every page",
    )
    sharing.add_argument(
        "--threshold", type=int, metavar="N", help="hide counts under N (implies --publication)"
    )
    sharing.add_argument(
        "--expires", type=_days, metavar="DAYS", help="the link ends after DAYS days"
    )
    sharing.add_argument(
        "--base-url", metavar="URL", help="also print the whole address, on this server"
    )
    _add_by(sharing)
    sharing.set_defaults(run=_guarded(share))

    people = _store_command(commands, "members", "who may open a saved area when sign-in is on")
    people.add_argument("--area", required=True, metavar="NAME")
    people.add_argument("--add", metavar="EMAIL", help="give this address a role")
    people.add_argument("--role", choices=["owner", "editor", "viewer"], help="with --add")
    people.add_argument("--remove", metavar="EMAIL", help="take this address's role away")
    _add_by(people)
    people.set_defaults(run=_guarded(list_members))

    removing = _store_command(commands, "delete", "delete a saved area with all it holds")
    removing.add_argument("--area", required=True, metavar="NAME")
    removing.add_argument("--yes", action="store_true", help="yes, delete it")
    removing.set_defaults(run=_guarded(delete))


def _store_command(commands, name: str, help: str):
    parser = commands.add_parser(name, help=help)
    add_database_option(parser)
    return parser


def _add_by(parser) -> None:
    parser.add_argument(
        "--by",
        metavar="EMAIL",
        help="who is doing this, kept with it (default: your user name on this computer)",
    )


def _guarded(run):
    """The command, saying in one sentence (exit 2) why the store refused or could not be
    reached."""

    def guarded(args) -> int:
        from dayserv.store.areas import AreaError
        from dayserv.store.database import StoreUnavailable

        try:
            return run(args)
        except (AreaError, StoreUnavailable, UnreadableError) as exc:
            print(exc, file=sys.stderr)
            return 2

    return guarded


def _engine(database: str | None):
    """The store's engine: the --database URL if given, else the process's store; a URL
    that names no database dayserv can use raises StoreUnavailable saying so."""
    from sqlalchemy.exc import ArgumentError

    from dayserv.store.database import StoreUnavailable, engine_for, store

    try:
        return engine_for(database.strip()) if database and database.strip() else store()
    except (ArgumentError, ImportError) as exc:  # not a URL, or its driver is not installed
        raise StoreUnavailable(
            "The store's address (--database or DAYSERV_DATABASE_URL) is not one dayserv can "
            "use: give e.g. sqlite:///PATH/dayserv.db or postgresql+psycopg://USER@HOST/NAME."
        ) from exc


def _by(args) -> str:
    """Who is doing this: --by, else the user name on this computer, in lower case."""
    if args.by and args.by.strip():
        return args.by.strip().lower()
    try:
        return getpass.getuser().lower()
    except (OSError, KeyError):  # no user name to be had (a container without one)
        return "unknown"


def _whole(text: str) -> int:
    """A version number: a whole number from 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a version number (1, 2, ...)")
    return int(text)


def _days(text: str) -> float:
    """A number of days (the store refuses one that is not above 0)."""
    try:
        days = float(text)
    except ValueError:
        days = math.nan
    if not math.isfinite(days) or days > 36_500:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days up to 36,500")
    return days


def _iso(when: datetime) -> str:
    """A time the store keeps (UTC, without a zone) in ISO 8601, e.g. 2025-04-01T09:30:00Z."""
    return when.isoformat(timespec="seconds") + "Z"


def _when(when: datetime) -> str:
    return f"{when:%Y-%m-%d %H:%M}"


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _left_out(left_out: dict) -> str:
    return ", ".join(f"{sheet} {n:,}" for sheet, n in left_out.items()) or "none"


def _problems(problems: dict) -> str:
    counts = [(problems.get(k, 0), k) for k in ("error", "warning", "note")]
    return ", ".join(f"{n:,} {k}{'s' if n != 1 else ''}" for n, k in counts)


def _article(role: str) -> str:
    return f"an {role}" if role[0] in "aeiou" else f"a {role}"


def _table(headings: list[str], rows: list[list]) -> str:
    """Rows under headings, in columns two spaces apart (numbers to the right)."""
    cells = [headings] + [[str(value) for value in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headings))]
    numeric = [all(isinstance(row[i], int) for row in rows) for i in range(len(headings))]
    return "\n".join(
        "  ".join(
            cell.rjust(width) if right else cell.ljust(width)
            for cell, width, right in zip(row, widths, numeric, strict=True)
        ).rstrip()
        for row in cells
    )


def _print_json(value) -> None:
    sys.stdout.write(json.dumps(value, indent=2) + "\n")
