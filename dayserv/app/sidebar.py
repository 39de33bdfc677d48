"""The sidebar every page shares: the upload (read once per session's files), the blank
template, which portfolio is shown, the shared filters held in the page's address, and
publication mode."""

from __future__ import annotations

import streamlit as st

from dayserv.app import saved, widgets
from dayserv.app.state import (
    GIVEN,
    Loaded,
    area_loaded,
    current,
    current_choices,
    current_tables,
    read_uploads,
    remember_loaded,
    remember_view,
    sample_loaded,
    uploads_read,
)
from dayserv.app.widgets import XLSX_MIME
from dayserv.figures import checklist as cl
from dayserv.figures.filters import Filter
from dayserv.figures.loaded import load_summary
from dayserv.figures.publication import Publication
from dayserv.read.clean import Portfolio
from dayserv.show import safe_text
from dayserv.store.database import when

SIDEBAR_SAMPLE_NOTICE = "Showing the sample portfolio (Eastbrook, a fictional area)."
UPLOAD_TYPES = ["xlsx", "xlsm", "ods", "csv"]


def load_uploads(uploads) -> Loaded:
    if not uploads:
        return sample_loaded()
    names = safe_text.markdown(", ".join(upload.name for upload in uploads))  # labels are markdown
    if uploads_read(uploads):  # a rerun: the same line, without st.status's 50 ms pause
        entry, error = read_uploads(uploads)
        label, icon = (
            (f"Could not read {names}", ":material/error:")
            if entry is None
            else (f"Showing {names}", ":material/check_circle:")
        )
        with st.expander(label, icon=icon):
            if entry is not None:
                st.write(_load_summary(entry))
    else:
        with st.status(f"Reading {names}…") as status:
            entry, error = read_uploads(uploads)
            if entry is None:
                status.update(label=f"Could not read {names}", state="error")
            else:
                status.update(label=f"Showing {names}", state="complete")
                st.write(_load_summary(entry))
    if entry is None:
        return sample_loaded(error)
    return Loaded(entry.value, is_sample=False, held=entry)


def _load_summary(entry) -> str:
    """What was read, as markdown (worked out once per portfolio)."""
    return entry.views.get(
        "dayserv_load_summary", lambda: safe_text.markdown(load_summary(entry.value))
    )


def template_bytes() -> bytes:
    """The blank template workbook (.xlsx), built when the button is clicked."""
    from dayserv.share.template import template_workbook  # built only when asked for

    return template_workbook()


def portfolio_sidebar() -> Loaded:
    """The sidebar of every page: who is signed in, the saved area the address opens, the
    upload, the template, and which portfolio is shown."""
    with st.sidebar:
        signin_line()
        area, refusal = saved.opened(saved.asked())
        unsaved = cl.unsaved_count(st.session_state.get(GIVEN, {}))
        if unsaved:
            st.warning(cl.replace_words(unsaved), icon=":material/warning:")
        uploads = st.file_uploader(
            "Your portfolio",
            type=UPLOAD_TYPES,
            accept_multiple_files=True,
            key="dayserv_upload",
            help="One workbook (.xlsx, .xlsm or .ods), or one CSV file per sheet "
            "(services.csv, funding.csv …). Only the Services sheet is required.",
            on_change=saved.open_area,  # a new upload is shown instead of a saved area
            args=(None,),
        )
        if area is not None:
            loaded = area_loaded(area)
            area_notice(area)
        else:
            loaded = load_uploads(uploads)
        if refusal:
            st.warning(safe_text.markdown(refusal), icon=":material/lock:")
        if loaded.error:
            st.error(safe_text.markdown(loaded.error), icon=":material/error:")
        if loaded.is_sample:
            st.caption(SIDEBAR_SAMPLE_NOTICE)
        st.download_button(
            "Download the blank template",
            data=template_bytes,
            file_name="dayserv-template.xlsx",
            mime=XLSX_MIME,
            on_click="ignore",
            icon=":material/download:",
            help="An Excel workbook with every sheet and column the dashboard reads.",
        )
    remember_loaded(loaded)
    return loaded


AREAS_PAGE = "pages/areas.py"


def signin_line() -> None:
    """Who is signed in, with the button to sign in or out; or that this is one local user."""
    who = saved.user()
    if who.local:
        st.caption(
            "One local user: sign-in is not set up here, so your saved areas are on this "
            "computer only."
        )
    elif who.signed_in:
        line, button = st.columns([3, 2], vertical_alignment="center")
        line.caption(f"Signed in as {safe_text.markdown(who.email)}")
        button.button("Sign out", on_click=st.logout, key="dayserv_sign_out")
    else:
        st.button("Sign in", on_click=st.login, icon=":material/login:", key="dayserv_sign_in")


def area_notice(area: saved.Opened) -> None:
    """What saved version is shown, and how to go back to the upload or the sample."""
    info = area.info
    which = f"version {info.number} of {area.latest}" + (
        " (the latest)" if info.number == area.latest else ""
    )
    by = f"saved {when(info.saved_at)} by {info.saved_by}"
    # The name and who saved it escaped, the bold kept (escaped, it showed as **Eastbrook**).
    shown = f"**{safe_text.markdown(info.area)}**, {which}, {safe_text.markdown(by)}."
    if area.link is not None:
        st.info(f"Shared with you, read-only: {shown}", icon=":material/link:")
        return
    st.success(shown, icon=":material/folder_open:")
    st.page_link(AREAS_PAGE, label="Its history and sharing", icon=":material/history:")
    st.button(
        "Close it (show the upload or the sample)",
        on_click=saved.open_area,
        args=(None,),
        key="dayserv_close_area",
        icon=":material/close:",
    )


# Filter field -> (URL query parameter and widget key, label, placeholder). The Area
# filter is drawn only for a workbook whose Services name two areas or more; its parameter
# is not "area", which names the saved area the address opens.
AREA_WIDGET = ("areas", ("in_area", "Area", "All areas"))
FILTER_WIDGETS = {
    "localities": ("locality", "Locality", "All localities"),
    "sectors": ("sector", "Sector", "All sectors"),
    "providers": ("provider", "Provider", "All providers"),
    "user_run": ("user_run", "User run", "Any"),
    "settings": ("setting", "Main setting", "Any"),
}


def filter_sidebar(portfolio: Portfolio) -> Filter:
    """The sidebar filters every page applies, held in the URL so a copied link reopens them
    (``portfolio``: the one ``portfolio_sidebar`` has just shown)."""
    options = current_choices()
    chosen: dict = {}
    with st.sidebar:
        st.subheader("Filters")
        years = options["years"]
        _whole_range_for_new_years(years)
        if len(years) > 1:
            # The value makes it a range slider (without it, one year); a new portfolio's
            # years start from it, as _whole_range_for_new_years forgets the last range.
            first, last = st.select_slider(
                "Years",
                options=years,
                value=(years[0], years[-1]),
                key="years",
                bind="query-params",
                help="The first year chosen is the baseline: every change and direction of "
                "travel is measured from it to the last. Move it on to measure from a later "
                "year, for instance when the first year rests on few services.",
            )
            if (first, last) != (years[0], years[-1]):
                chosen["years"] = (first, last)
        widgets = list(FILTER_WIDGETS.items())
        if len(options["areas"]) > 1:
            widgets.insert(0, AREA_WIDGET)
        for field_name, (key, label, placeholder) in widgets:
            values = st.multiselect(
                label,
                options[field_name],
                key=key,
                bind="query-params",
                placeholder=placeholder,
            )
            chosen[field_name] = tuple(values)
        chosen_filter = Filter(**chosen)
        caption = st.empty()  # filled once the view is known: its tables are the page's
        publication = publication_toggle()
    remember_view(chosen_filter, publication)
    kept = current_tables()["services"]
    caption.caption(safe_text.markdown(chosen_filter.summary(portfolio.services, kept)))
    return chosen_filter


_YEARS_SEEN = "dayserv_years_seen"


def _whole_range_for_new_years(years: list[str]) -> None:
    """When another portfolio with other years is shown, the Years slider starts again at
    all its years: kept as it was, it would quietly hide the new portfolio's first years."""
    seen = st.session_state.get(_YEARS_SEEN)
    st.session_state[_YEARS_SEEN] = years
    if seen is not None and seen != years and len(years) > 1:
        st.session_state.pop("years", None)  # set here instead, a default would warn
        st.query_params.pop("years", None)


def publication_toggle() -> Publication:
    """The sidebar's publication mode: small counts of people hidden everywhere. A share
    link made in publication mode holds it on, whatever the address says."""
    area = current().area
    if area is not None and area.link is not None and area.link.publication:
        forced = Publication(on=True, threshold=area.link.threshold)
        st.toggle("Publication mode", value=True, disabled=True, key="dayserv_publish_forced")
        st.caption(f"Publication mode {forced.words().lower()}, as the share link requires.")
        return forced
    on = st.toggle(
        "Publication mode",
        key="publish",
        bind="query-params",
        help="For a public forum: counts of people under the threshold are shown as "
        '"<5" and figures worked out from them are suppressed, on every page, in the '
        "meeting pack and in every export.",
    )
    if not on:
        return Publication()
    threshold = widgets.threshold_input("threshold", bind="query-params")
    publication = Publication(on=True, threshold=threshold)
    st.caption(f"Publication mode {publication.words().lower()}.")
    return publication
