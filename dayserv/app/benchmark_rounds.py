"""Benchmark answers collected by link, on the Benchmark page of a saved area: the answers
in force merged into the page's Benchmark table with their respondent groups (so every view,
the perspectives too, works on them at once), and, for the area's owners and editors, its
benchmark rounds: open a year's round with a link per service and respondent group (shown
once, with their CSV), how far each group has got, kept up to date while the page is open,
the reminders due, new and withdrawn links, and closing the round (owners only act); and
the answers said against the saved version shown, an owner or editor adding them in as the
area's next version."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from dayserv.app import collect_view, saved
from dayserv.app.state import Loaded
from dayserv.figures import collect, collect_benchmark
from dayserv.figures.filters import Filter
from dayserv.share import collected_version
from dayserv.show import safe_text
from dayserv.store import rounds
from dayserv.store.areas import AreaError
from dayserv.store.database import StoreUnavailable, now, when
from dayserv.store.rounds import Submitted

KIND = "benchmark"
_SEEN = "benchmark_rounds_seen"  # session state: answers counted when the page was drawn


def area_answers(loaded: Loaded) -> list[Submitted]:
    """The answers saved by link to the saved area shown (none for an upload or sample)."""
    return collect_view.area_submissions(loaded, KIND)


def answers_shown(
    loaded: Loaded, chosen: Filter, filtered: pd.DataFrame, submissions: list[Submitted]
) -> pd.DataFrame:
    """The page's Benchmark table: the filtered workbook's, with the answers in force."""
    return collect_view.shown_with(
        loaded,
        chosen,
        filtered,
        submissions,
        "benchmark",
        collect_benchmark.merged_benchmark,
        _SEEN,
    )


def record_section(loaded: Loaded, submissions: list[Submitted]) -> None:
    """The answers collected against the saved version shown, and adding them in to it."""
    collect_view.record_section(loaded, submissions, collected_version.BENCHMARK)


def services_of(loaded: Loaded) -> tuple[str | None, dict[str, str]]:
    """The Services sheet's latest year and its services, each with its provider."""
    services = loaded.portfolio.services
    if services.empty:
        return None, {}
    latest = services["year"].astype(str).max()
    rows = services.loc[services["year"].astype(str).eq(latest), ["service", "provider"]]
    return latest, {str(s): str(p) for s, p in rows.itertuples(index=False, name=None)}


def owner_section(loaded: Loaded) -> None:
    """The benchmark rounds of the saved area shown, for its owners and editors."""
    found = collect_view.owners_rounds(loaded, KIND)
    if found is None:
        return
    engine, name, owner, every = found
    in_force = [r for r in every if r.is_open]
    with st.expander(
        "Collect benchmark answers by link"
        + (f": {', '.join(r.label for r in in_force)} open" if in_force else ""),
        expanded=bool(in_force),
        icon=":material/forward_to_inbox:",
    ):
        said = st.session_state.pop(collect_view.SAID, None)
        if said:
            getattr(st, said[0])(safe_text.markdown(said[1]))
        for round_ in in_force:
            with st.container(border=True):
                st.markdown(
                    f"**{safe_text.markdown(round_.label)}**: "
                    + safe_text.markdown(
                        f"opened {when(round_.opened_at)} by {round_.opened_by}; "
                        f"closes {when(round_.closes_at)}"
                    )
                )
                made = st.session_state.get(collect_view.MADE, {}).get(round_.id)
                if made:
                    collect_view.made_links(round_, made)
                status(engine, name, round_.id)
                if owner:
                    collect_view.actions(engine, name, round_)
        if owner:
            open_form(engine, name, loaded)
        else:
            st.caption("The area's owners open and close rounds; editors see them here.")
        answers = rounds.submissions(engine, name, KIND) if every else []
        for round_ in [r for r in every if not r.is_open][:8]:
            table = collect_benchmark.completion(
                round_, rounds.links_of(engine, name, round_.id), answers, now()
            )
            st.caption(
                safe_text.markdown(
                    f"{round_.label}: {collect_benchmark.completion_words(table)}; closed "
                    f"{when(round_.closed_at)}."
                )
            )


@st.fragment(run_every=collect_view.LIVE_SECONDS)
def status(engine: Engine, name: str, round_id: int) -> None:
    """How far each service's group has got, looked for again every few seconds; new
    answers redraw the whole page, so its views include them."""
    try:
        round_ = next(r for r in rounds.rounds_of(engine, name, KIND) if r.id == round_id)
        links = rounds.links_of(engine, name, round_id)
        every = rounds.submissions(engine, name, KIND)
    except (AreaError, StoreUnavailable, StopIteration):
        st.caption("The round cannot be read just now.")
        return
    if len(every) != st.session_state.get(_SEEN, len(every)):
        st.session_state[_SEEN] = len(every)
        st.rerun(scope="app")
    at = now()
    table = collect_benchmark.completion(round_, links, every, at)
    st.markdown(safe_text.markdown(collect_benchmark.completion_words(table)))
    shown = table.assign(
        saved_at=table["saved_at"].map(when),
        answered=table["answered"].map(lambda n: f"{n} of {collect_benchmark.STATEMENTS}"),
    )
    st.dataframe(
        shown.rename(
            columns={
                "service": "Service",
                "group": "Group",
                "answered": "Answered",
                "status": "Status",
                "saved_at": "Last saved",
                "link": "Link",
            }
        ),
        hide_index=True,
        key=f"benchmark_completion_{round_id}",
    )
    pending = pd.DataFrame(
        {
            "holder": table["service"] + ", " + table["group"],
            "status": table["status"].map(
                lambda s: "Returned" if s == "Finished" else "Not returned"
            ),
        }
    )
    due = collect.reminders_due(round_, pending, at)
    if not due.empty:
        st.markdown(f"**Reminders due** ({len(due)}: not finished)")
        st.dataframe(
            due.rename(columns={"holder": "Service and group", "due": "Due"}),
            hide_index=True,
            key=f"benchmark_due_{round_id}",
        )


def open_form(engine: Engine, name: str, loaded: Loaded) -> None:
    year, services = services_of(loaded)
    with st.form("benchmark_open", border=True):
        st.markdown(
            "**Open a round**: a link per service and respondent group to answer the "
            "benchmark's 65 statements, a section at a time"
        )
        left, right = st.columns(2)
        chosen_year = left.text_input(
            "Financial year", value=year or "", key="benchmark_year_asked"
        )
        closes = right.date_input(
            "Closing date",
            value=date.today() + timedelta(days=collect_view.CLOSE_DAYS),
            min_value=date.today(),
            key="benchmark_closes",
            format="DD/MM/YYYY",
        )
        asked = st.multiselect(
            "Services", list(services), default=list(services), key="benchmark_services"
        )
        groups = st.multiselect(
            "Respondent groups",
            collect_benchmark.GROUPS,
            default=collect_benchmark.ASKED,
            key="benchmark_groups",
        )
        if not st.form_submit_button("Open the round and make the links", icon=":material/add:"):
            return
    try:
        round_, made = rounds.open_round(
            engine,
            name,
            KIND,
            chosen_year.strip(),
            None,
            [(services[s], s, g) for s in asked for g in groups],
            saved.user().email,
            closes,
        )
    except (AreaError, StoreUnavailable) as exc:
        st.error(safe_text.markdown(str(exc)), icon=":material/error:")
        return
    st.session_state.setdefault(collect_view.MADE, {})[round_.id] = made
    st.session_state[collect_view.SAID] = (
        "success",
        f"The {round_.label} benchmark round is open, with {len(made)} links: copy them below.",
    )
    st.rerun()
