"""Returns collected by link, on the Performance page of a saved area: the returns in force
merged into the page's KPIs (whoever looks at the area), and, for its owners and editors,
the rounds: open a quarter's round with a link per provider (shown once, with a CSV of
provider, link and expiry to mail merge), who has returned and who has not, kept up to date
while the page is open, the reminders due, what each resubmission changed, new links,
withdrawn links, and closing the round (owners only act; editors see). What was collected
is said against the saved version shown (held already, or only collected), and an owner or
editor adds it in as the area's next version (``share.collected_version``)."""

from __future__ import annotations

import functools
import logging
from datetime import date, timedelta

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from dayserv import contract
from dayserv.app import saved
from dayserv.app.downloads import Download, download_buttons
from dayserv.app.state import Loaded
from dayserv.contract import QUARTERS
from dayserv.figures import collect
from dayserv.figures.addresses import link_url
from dayserv.figures.filters import Filter
from dayserv.figures.new_round import next_quarter, providers_of
from dayserv.read.reader import UnreadableError
from dayserv.share import collect_files, collected_version
from dayserv.show import safe_text
from dayserv.store import access, areas, rounds
from dayserv.store.areas import AreaError
from dayserv.store.database import StoreUnavailable, now, when
from dayserv.store.rounds import RoundInfo, RoundLinkInfo, Submitted

PAGE_PATH = "performance"  # the page's part of the app's address
LIVE_SECONDS = 20  # how often an open round's returns are looked for while the page is open
CLOSE_DAYS = 21  # the closing date offered: three weeks on
MADE = "collect_made"  # session state: round id -> the links just made there (with paths)
SAID = "collect_said"  # session state: (kind, words) to say after an action
ADDED = "collect_added"  # session state: (kind, words) to say after adding in a version
_SEEN = "collect_seen"  # session state: submissions counted when the page was drawn

logger = logging.getLogger(__name__)


def area_submissions(loaded: Loaded, kind: str = "returns") -> list[Submitted]:
    """What was sent by link to the saved area shown, of a round ``kind`` (returns or
    benchmark answers); none for an upload or the sample."""
    if loaded.area is None:
        return []
    engine, _ = saved.engine()
    if engine is None:
        return []
    try:
        return rounds.submissions(engine, loaded.area.info.area, kind)
    except (AreaError, StoreUnavailable):
        return []


def shown_with(
    loaded: Loaded,
    chosen: Filter,
    filtered: pd.DataFrame,
    submissions: list[Submitted],
    table: str,
    merge,
    seen: str,
) -> pd.DataFrame:
    """The page's ``table``: the filtered workbook's, with ``merge``'s submissions in force
    in their place; ``seen`` keeps how many there were when the page was drawn."""
    st.session_state[seen] = len(submissions)
    if not submissions:
        return filtered
    tables = loaded.portfolio.tables
    merged = merge(tables[table], submissions)
    return chosen.tables({**tables, table: merged})[table] if chosen.active else merged


def kpis_shown(
    loaded: Loaded, chosen: Filter, filtered: pd.DataFrame, submissions: list[Submitted]
) -> pd.DataFrame:
    """The page's KPIs: the filtered workbook's, with the returns in force in their place."""
    return shown_with(loaded, chosen, filtered, submissions, "kpis", collect.merged_kpis, _SEEN)


# ---------------------------------------------------------------- into the area's record


def record_section(
    loaded: Loaded,
    submissions: list[Submitted],
    collected: collected_version.Collected = collected_version.RETURNS,
) -> None:
    """What was collected by link against the saved version shown, in words (what it holds
    already, what is only collected), and for the area's owners and editors the button
    that adds the rest in as its next version; anyone else is told why they cannot."""
    area = loaded.area
    said = st.session_state.pop(ADDED, None)
    if said:
        getattr(st, said[0])(safe_text.markdown(said[1]))
    if area is None or not submissions:
        return
    states = collected.states(loaded.portfolio.tables[collected.table], submissions)
    if states.empty:
        return
    pending = collected_version.only_collected(states)
    with st.container(border=True, key=f"collect_record_{collected.kind}"):
        heading = f"{collected.what.capitalize()} collected by link, and {area.info.label}"
        st.markdown(f"**{safe_text.markdown(heading)}**")
        for line in collected_version.state_words(states, collected, area.info.label):
            st.markdown(safe_text.markdown(line))
        if pending.empty:
            return
        why = collected_version.refusal(
            area.info.area,
            area.info.number,
            area.latest,
            area.role,
            area.link is not None,
            pending,
            collected.what,
        )
        if why:
            st.caption(safe_text.markdown(why))
            return
        st.button(
            f"Add the {collected.what} in to {area.info.area} as version {area.latest + 1}",
            type="primary",
            icon=":material/library_add:",
            key=f"collect_add_{collected.kind}",
            on_click=add_in,
            args=(loaded, collected),
            help="Saves the whole portfolio as the area's next version, these in its "
            f"{contract.TABLES[collected.table].name} sheet in place of the rows they "
            "replace; the version shown stays in the area's history.",
        )


def add_in(loaded: Loaded, collected: collected_version.Collected) -> None:
    """The button's work: checked again against the store (who may, the latest version, what
    is in force now), then the next version saved and shown; what happened said after."""
    area = loaded.area
    if area is None:
        return
    engine, error = saved.engine()
    if engine is None:
        st.session_state[ADDED] = ("error", f"Nothing was saved: {error}")
        return
    name, who = area.info.area, saved.user()
    try:
        latest = areas.history(engine, name)[0].number
        role = None if area.link is not None else saved.role(engine, who, name)
        submissions = rounds.submissions(engine, name, collected.kind)
        tables = loaded.portfolio.tables
        pending = collected_version.only_collected(
            collected.states(tables[collected.table], submissions)
        )
        why = collected_version.refusal(
            name, area.info.number, latest, role, area.link is not None, pending, collected.what
        )
        if why:
            st.session_state[ADDED] = ("error", f"Nothing was saved. {why}")
            return
        note = collected_version.added_note(pending, collected, who.email)
        data, read_back = collected_version.next_version(
            tables,
            collected,
            submissions,
            f"{area.info.label} ({', '.join(area.info.files)}), with {note}",
        )
        info = areas.save_version(
            engine,
            name,
            [(collected_version.file_name(name, latest + 1), data)],
            who.email,
            note,
            portfolio=read_back,
        )
    except (AreaError, StoreUnavailable, UnreadableError, collected_version.CannotAdd) as exc:
        st.session_state[ADDED] = ("error", str(exc))
        return
    except Exception:  # a bug must not show the user a traceback
        logger.exception("Adding the %s in to %s failed", collected.what, name)
        st.session_state[ADDED] = (
            "error",
            f"The {collected.what} could not be added in to {name}, so nothing was saved: "
            "try again, and if it fails again tell whoever runs the dashboard.",
        )
        return
    saved.open_area(info.area)
    st.session_state[ADDED] = (
        "success",
        f"Saved {info.label}: {note}. The sidebar shows it now, and the Data tables page, the "
        "exports, the meeting pack and the command line have them.",
    )


# ---------------------------------------------------------------- the section


def owners_rounds(loaded: Loaded, kind: str):
    """For an owner or editor of the saved area shown: (engine, area name, whether an
    owner, its rounds of ``kind``); None for anyone else, or, said in a caption, when the
    store cannot be reached."""
    area = loaded.area
    if area is None or area.link is not None or not access.may(area.role, "editor"):
        return None
    engine, error = saved.engine()
    if engine is None:
        st.caption(safe_text.markdown(error))
        return None
    name, owner = area.info.area, access.may(area.role, "owner")
    try:
        return engine, name, owner, rounds.rounds_of(engine, name, kind)
    except (AreaError, StoreUnavailable) as exc:
        st.caption(safe_text.markdown(str(exc)))
        return None


def owner_section(loaded: Loaded) -> None:
    """The rounds of the saved area shown, for its owners and editors."""
    found = owners_rounds(loaded, "returns")
    if found is None:
        return
    engine, name, owner, every = found
    in_force = [r for r in every if r.is_open]
    with st.expander(
        "Collect this quarter's returns by link"
        + (f": {', '.join(r.label for r in in_force)} open" if in_force else ""),
        expanded=bool(in_force),
        icon=":material/forward_to_inbox:",
    ):
        said = st.session_state.pop(SAID, None)
        if said:
            getattr(st, said[0])(safe_text.markdown(said[1]))
        for round_ in in_force:
            round_block(engine, name, round_, owner)
        if owner:
            open_form(engine, name, loaded)
        else:
            st.caption("The area's owners open and close rounds; editors see them here.")
        closed = [r for r in every if not r.is_open]
        if closed:
            st.markdown("**Closed rounds**")
            subs = rounds.submissions(engine, name, "returns")
            for round_ in closed[:8]:
                table = collect.completion(
                    round_, rounds.links_of(engine, name, round_.id), subs, now()
                )
                st.caption(
                    safe_text.markdown(
                        f"{round_.label}: {collect.completion_words(table)}; closed "
                        f"{when(round_.closed_at)}."
                    )
                )


def round_block(engine: Engine, name: str, round_: RoundInfo, owner: bool) -> None:
    with st.container(border=True):
        st.markdown(
            f"**{safe_text.markdown(round_.label)}**: "
            + safe_text.markdown(
                f"opened {when(round_.opened_at)} by {round_.opened_by}; "
                f"closes {when(round_.closes_at)}"
            )
        )
        made = st.session_state.get(MADE, {}).get(round_.id)
        if made:
            made_links(round_, made)
        round_status(engine, name, round_.id)
        if owner:
            actions(engine, name, round_)


def made_links(round_: RoundInfo, made: list[RoundLinkInfo]) -> None:
    st.warning(
        "Copy these links now, or download them as a CSV file to mail merge: they are "
        "shown only in this visit, as only a fingerprint of each is kept. A link lost can "
        "be replaced below (the old one then stops working).",
        icon=":material/content_copy:",
    )
    base = link_url(st.context.url, PAGE_PATH, "")
    for link in made:
        st.caption(safe_text.markdown(f"{link.holder}, until {when(link.expires_at)}"))
        st.code(base + link.path, language=None, wrap_lines=True)
    csv = Download(
        "Download the links (CSV: who, link, expiry)",
        functools.partial(collect_files.links_csv, made, base),
        f"{'benchmark' if round_.kind == 'benchmark' else 'return'}-links-"
        f"{round_.label.replace('/', '-').replace(' ', '-')}.csv",
        "text/csv",
        key=f"collect_csv_{round_.id}",
        what=f"The CSV file of the links of {round_.label}",
    )
    download_buttons([csv], key=f"collect_csv_{round_.id}")


@st.fragment(run_every=LIVE_SECONDS)
def round_status(engine: Engine, name: str, round_id: int) -> None:
    """Who has returned, the reminders due and what changed, looked for again every few
    seconds; a new return redraws the whole page, so its figures include it."""
    try:
        round_ = next(r for r in rounds.rounds_of(engine, name, "returns") if r.id == round_id)
        links = rounds.links_of(engine, name, round_id)
        every = rounds.submissions(engine, name, "returns")
    except (AreaError, StoreUnavailable, StopIteration):
        st.caption("The round cannot be read just now.")
        return
    if len(every) != st.session_state.get(_SEEN, len(every)):
        st.session_state[_SEEN] = len(every)
        st.rerun(scope="app")
    at = now()
    table = collect.completion(round_, links, every, at)
    st.markdown(safe_text.markdown(collect.completion_words(table)))
    shown = table.assign(returned_at=table["returned_at"].map(when)).rename(
        columns={
            "holder": "Provider",
            "status": "Status",
            "returned_at": "Last sent",
            "submissions": "Times sent",
            "kpis": "KPIs given",
            "link": "Link",
        }
    )
    st.dataframe(shown, hide_index=True, key=f"collect_completion_{round_id}")
    due = collect.reminders_due(round_, table, at)
    if not due.empty:
        st.markdown(f"**Reminders due** ({len(due)})")
        st.dataframe(
            due.rename(columns={"holder": "Provider", "due": "Due"}),
            hide_index=True,
            key=f"collect_due_{round_id}",
        )
    changed = collect.changes([s for s in every if s.round_id == round_id])
    if not changed.empty:
        st.markdown("**What resubmissions changed**")
        changed["submitted_at"] = changed["submitted_at"].map(when)
        st.dataframe(
            changed.rename(
                columns={
                    "holder": "Provider",
                    "submitted_at": "Sent",
                    "kpi": "KPI",
                    "measure": "Measure",
                    "before": "Before",
                    "after": "After",
                }
            ),
            hide_index=True,
            key=f"collect_changes_{round_id}",
        )


def actions(engine: Engine, name: str, round_: RoundInfo) -> None:
    links = rounds.links_of(engine, name, round_.id)
    holders = list(dict.fromkeys(link.holder for link in links))
    key = f"collect_{round_.id}"
    whose = "A service group's link" if round_.kind == "benchmark" else "A provider's link"
    st.selectbox(whose, holders, key=f"{key}_holder")
    new, withdraw, close = st.columns(3)
    new.button(
        "Make it a new link",
        key=f"{key}_new",
        icon=":material/add_link:",
        on_click=act,
        args=(engine, name, round_, "new", f"{key}_holder"),
        help="For a link lost: the new link replaces it (the old one stops working).",
    )
    withdraw.button(
        "Withdraw its link",
        key=f"{key}_withdraw",
        icon=":material/link_off:",
        on_click=act,
        args=(engine, name, round_, "withdraw", f"{key}_holder"),
    )
    with close.popover("Close the round", icon=":material/lock:"):
        st.markdown(
            "Its links then take no more returns, late ones too; what was sent is kept. "
            "A closed round cannot be opened again."
        )
        st.button(
            f"Close the {round_.label} round",
            key=f"{key}_close",
            type="primary",
            on_click=act,
            args=(engine, name, round_, "close", None),
        )


def act(engine: Engine, name: str, round_: RoundInfo, what: str, chosen: str | None) -> None:
    """What an owner's button does (``chosen``: the key of the provider chosen for it)."""
    who = saved.user().email
    holder = st.session_state.get(chosen) if chosen else None
    try:
        if what == "close":
            rounds.close_round(engine, name, round_.id, who)
            st.session_state[SAID] = ("success", f"The {round_.label} round is closed.")
            return
        mine = [link for link in rounds.links_of(engine, name, round_.id) if link.holder == holder]
        if not mine:
            return
        if what == "withdraw":
            for link in mine:
                rounds.revoke(engine, name, link.id)
            st.session_state[SAID] = ("success", f"{holder}'s link is withdrawn.")
            return
        newest = mine[-1]
        made = rounds.new_links(
            engine, name, round_.id, [(newest.provider, newest.service, newest.respondent)], who
        )
        kept = st.session_state.setdefault(MADE, {})
        kept[round_.id] = [link for link in kept.get(round_.id, []) if link.holder != holder] + made
        st.session_state[SAID] = ("success", f"A new link for {holder}: copy it below.")
    except (AreaError, StoreUnavailable) as exc:
        st.session_state[SAID] = ("error", str(exc))


def open_form(engine: Engine, name: str, loaded: Loaded) -> None:
    year, quarter = next_quarter(loaded.portfolio.tables["kpis"], date.today())
    providers = providers_of(loaded.portfolio)
    with st.form("collect_open", border=True):
        st.markdown("**Open a round**: a link per provider to send its return for a quarter")
        left, middle, right = st.columns(3)
        chosen_year = left.text_input("Financial year", value=year, key="collect_year")
        chosen_quarter = middle.selectbox(
            "Quarter", QUARTERS, index=QUARTERS.index(quarter), key="collect_quarter"
        )
        closes = right.date_input(
            "Closing date",
            value=date.today() + timedelta(days=CLOSE_DAYS),
            min_value=date.today(),
            key="collect_closes",
            format="DD/MM/YYYY",
        )
        asked = st.multiselect("Providers", providers, default=providers, key="collect_providers")
        st.caption(
            f"Each link works until {rounds.LATE_DAYS} days after the closing date (a return "
            "sent after it is marked late) unless withdrawn or the round is closed."
        )
        if not st.form_submit_button("Open the round and make the links", icon=":material/add:"):
            return
    try:
        round_, made = rounds.open_round(
            engine,
            name,
            "returns",
            chosen_year.strip(),
            chosen_quarter,
            [(provider, None, None) for provider in asked],
            saved.user().email,
            closes,
        )
    except (AreaError, StoreUnavailable) as exc:
        st.error(safe_text.markdown(str(exc)), icon=":material/error:")
        return
    st.session_state.setdefault(MADE, {})[round_.id] = made
    st.session_state[SAID] = (
        "success",
        f"The {round_.label} round is open, with {len(made)} links: copy them below.",
    )
    st.rerun()
