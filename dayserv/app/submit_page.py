"""The page a round link opens (``/?submit=TOKEN``), alone: app.py draws no sidebar and no
other page for it. A provider's link of a round of returns: without an account, the link's
holder sees the quarter asked for, its own services (names only) and its own past returns,
and sends that quarter's KPIs R1 to R12 by the form (each value checked beside its field,
nothing typed lost) or by uploading its KPIs sheet, read by the workbook's reader with its
messages; a resubmission replaces the earlier one and both are kept. A benchmark round's
link is drawn by answer_page."""

from __future__ import annotations

import functools
import logging
import re

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from dayserv.app import answer_page, saved, state
from dayserv.app.downloads import Download, download_buttons
from dayserv.app.widgets import XLSX_MIME
from dayserv.contract import KPI_IDS
from dayserv.figures import collect
from dayserv.figures.returns import MEASURES, quarter_key
from dayserv.read.reader import UnreadableError
from dayserv.share import collect_files
from dayserv.show import safe_text
from dayserv.store import areas, rounds
from dayserv.store.areas import AreaError
from dayserv.store.database import StoreUnavailable, when
from dayserv.store.links import LinkRefused
from dayserv.store.rounds import Holder, Submitted

logger = logging.getLogger(__name__)

FIELD = "submit_{}"  # a KPI's field on the form
_WRONG = "submit_wrong"  # session state: KPI -> what is wrong with the value sent
_SAID = "submit_said"  # session state: (kind, words) to say after a send
_FILLED = "submit_filled"  # session state: the token whose last return filled the form
UPLOAD_TYPES = ["xlsx", "xlsm", "ods", "csv"]
PAST_QUARTERS = 8  # past returns shown: the latest quarters


def draw() -> None:
    token = st.query_params.get(rounds.PARAMETER, "")
    try:
        engine, error = saved.engine()
        if engine is None:
            raise StoreUnavailable(error)
        grant = rounds.holder(engine, token)
        mine = rounds.own_submissions(engine, token)
    except (LinkRefused, StoreUnavailable) as exc:
        st.title("Send a return")
        st.error(safe_text.markdown(str(exc)), icon=":material/link_off:")
        return
    try:
        (answer_page.page if grant.round.kind == "benchmark" else page)(engine, token, grant, mine)
    except Exception:  # a fault shows a sentence, never a traceback; the log keeps it
        logger.exception("The return page failed")
        st.error(
            "This page could not be drawn: something unexpected went wrong. Try again in a "
            "moment; nothing you sent before is lost.",
            icon=":material/error:",
        )


def page(engine: Engine, token: str, grant: Holder, mine: list[Submitted]) -> None:
    provider, round_ = grant.link.provider, grant.round
    st.title(safe_text.markdown(f"{provider}: your return for {round_.label}"))
    st.markdown(
        safe_text.markdown(
            f"{round_.area} asks for your quarterly performance returns for {round_.label}, "
            f"by {when(round_.closes_at)}: the measures R1 to R12, which"
        )
        + " *should be submitted on quarterly basis to the responsible Commissioning Partner* "
        "(the day opportunities specification, section 10.1). Fill in the form, or upload "
        "your KPIs sheet. You may send it again until the round closes: the latest replaces "
        "the earlier, and both are kept."
    )
    said = st.session_state.pop(_SAID, None)
    if said:
        getattr(st, said[0])(safe_text.markdown(said[1]), icon=":material/check_circle:")
    services, past = own_portfolio(engine, grant)
    this_quarter = [s for s in mine if (s.year, s.quarter) == (round_.year, round_.quarter)]
    form_tab, sheet_tab = st.tabs(["Fill in the form", "Upload your KPIs sheet"])
    with form_tab:
        form(engine, token, grant, this_quarter[-1] if this_quarter else None)
    with sheet_tab:
        sheet(engine, token, grant, this_quarter[-1] if this_quarter else None)
    st.subheader("Your services")
    if services:
        st.markdown("\n".join(f"- {safe_text.markdown(name)}" for name in services))
    else:
        st.caption(safe_text.markdown(f"{round_.area}'s portfolio names no services of yours."))
    st.subheader("Your past returns")
    table = past_returns(past, mine)
    if table.empty:
        st.caption("None yet.")
    else:
        st.dataframe(table, hide_index=True, key="submit_past")
    if mine:
        st.markdown("**What you have sent by link**")
        sent = collect.history(mine)
        sent["submitted_at"] = sent["submitted_at"].map(when)
        sent = sent.rename(columns={"submitted_at": "Sent", "quarter": "Quarter", "how": "How"})
        st.dataframe(sent, hide_index=True, key="submit_history")


def own_portfolio(engine: Engine, grant: Holder) -> tuple[list[str], pd.DataFrame]:
    """The provider's services in the area's latest year (names only) and its rows of the
    area's KPIs sheet; nothing of any other provider's."""
    try:
        _, files = areas.version_files(engine, grant.round.area)
    except (AreaError, StoreUnavailable):
        return [], pd.DataFrame(columns=collect.KPI_COLUMNS)
    entry, _ = state.read_files(tuple(files))
    if entry is None:
        return [], pd.DataFrame(columns=collect.KPI_COLUMNS)
    tables = entry.value.tables
    key = rounds.holder_key(grant.link.provider)
    services = tables["services"]
    services = services.loc[services["provider"].map(rounds.holder_key).eq(key)]
    names = []
    if not services.empty:
        latest_year = services["year"].astype(str).max()
        names = sorted(set(services.loc[services["year"].astype(str).eq(latest_year), "service"]))
    kpis = tables["kpis"]
    return [str(n) for n in names], kpis.loc[kpis["provider"].map(rounds.holder_key).eq(key)]


def past_returns(past: pd.DataFrame, mine: list[Submitted]) -> pd.DataFrame:
    """The provider's returns, the workbook's and those sent by link (the latest of each
    quarter), a row per KPI and a column per quarter, the latest quarters only."""
    rows = collect.merged_kpis(past, mine)
    if rows.empty:
        return pd.DataFrame()
    rows = rows.assign(period=rows["year"].astype(str) + " " + rows["quarter"].astype(str))
    periods = sorted(set(rows["period"]), key=quarter_key)[-PAST_QUARTERS:]
    table = rows.drop_duplicates(["period", "kpi"], keep="last").pivot(
        index="kpi", columns="period", values="value"
    )
    table = table.reindex(index=[k for k in KPI_IDS if k in table.index], columns=periods)
    table.insert(0, "Measure", [MEASURES[k] for k in table.index])
    return table.rename_axis(index="KPI", columns=None).reset_index()


# ---------------------------------------------------------------- the form


def form(engine: Engine, token: str, grant: Holder, last: Submitted | None) -> None:
    if st.session_state.get(_FILLED) != token:  # the form starts from the last return sent
        for kpi in KPI_IDS:
            st.session_state[FIELD.format(kpi)] = collect.shown(
                last.body.get(kpi) if last else None
            )
        st.session_state[_FILLED] = token
    wrong = st.session_state.get(_WRONG, {})
    if wrong:
        st.error(
            f"Nothing was sent: {len(wrong)} value{'s' * (len(wrong) > 1)} to put right "
            f"({', '.join(wrong)}), each said beside its field below. What you typed is kept.",
            icon=":material/error:",
        )
    with st.form("submit_form", enter_to_submit=True):
        st.caption("Leave a KPI blank if you do not return it this quarter.")
        for kpi in KPI_IDS:
            unit = collect.UNITS[kpi]
            st.text_input(
                safe_text.markdown(f"{kpi}: {MEASURES[kpi].rstrip('.')} ({unit.words})"),
                key=FIELD.format(kpi),
                placeholder=unit.words,
            )
            if kpi in wrong:
                st.error(safe_text.markdown(wrong[kpi]), icon=":material/error:")
        st.form_submit_button(
            f"Send the return for {grant.round.label}",
            type="primary",
            icon=":material/send:",
            on_click=send_form,
            args=(engine, token, last),
        )


def send_form(engine: Engine, token: str, last: Submitted | None) -> None:
    """The form's values checked, and sent if all are right (before the page is drawn)."""
    texts = {kpi: st.session_state.get(FIELD.format(kpi), "") for kpi in KPI_IDS}
    values, wrong = collect.check_form(texts)
    st.session_state[_WRONG] = wrong
    if wrong:
        return
    if not values:
        st.session_state[_SAID] = ("warning", "Nothing was sent: the form is empty.")
        return
    send(engine, token, values, "form", last)


def send(engine: Engine, token: str, values: dict, how: str, last: Submitted | None) -> None:
    try:
        sent = rounds.submit(engine, token, values, how)
    except (LinkRefused, StoreUnavailable) as exc:
        st.session_state[_SAID] = ("error", f"Nothing was sent: {exc}")
        return
    replaced = f" It replaces the one sent on {when(last.submitted_at)}." if last else ""
    st.session_state[_SAID] = (
        "success",
        f"Thank you: your return for {sent.year} {sent.quarter} ({len(values)} of 12 KPIs) "
        f"was received on {when(sent.submitted_at)}.{replaced}",
    )
    st.session_state.pop(_FILLED, None)  # the form shows what was received, next run


# ---------------------------------------------------------------- the sheet


def sheet(engine: Engine, token: str, grant: Holder, last: Submitted | None) -> None:
    provider, round_ = grant.link.provider, grant.round
    slug = re.sub(r"[^a-z0-9]+", "-", provider.lower()).strip("-") or "provider"
    st.markdown(
        "Download your KPIs sheet (a row per KPI, with what you last sent), fill in the "
        "Value column, and upload it. Rows for other providers or quarters are refused."
    )
    template = Download(
        "Download your KPIs sheet",
        functools.partial(
            collect_files.provider_sheet,
            provider,
            round_.year,
            round_.quarter,
            last.body if last else {},
        ),
        f"kpis-{slug}-{round_.year.replace('/', '-')}-{round_.quarter}.xlsx",
        XLSX_MIME,
        key="submit_template",
        what="Your KPIs sheet",
    )
    download_buttons([template], key="submit_template")
    upload = st.file_uploader("Your KPIs sheet", type=UPLOAD_TYPES, key="submit_sheet")
    if not st.button(
        "Send the sheet", icon=":material/upload:", disabled=upload is None, key="submit_send"
    ):
        return
    try:
        kpis, problems = collect.read_kpis_sheet(upload.name, upload.getvalue())
    except UnreadableError as exc:
        st.error(safe_text.markdown(f"Nothing was sent: {exc}"), icon=":material/error:")
        return
    except Exception:  # a bug must not show a traceback
        logger.exception("A KPIs sheet could not be read")
        st.error("Nothing was sent: the sheet could not be read.", icon=":material/error:")
        return
    values, refusals, blank = collect.sheet_values(
        kpis, problems, provider, round_.year, round_.quarter
    )
    if refusals:
        lines = "\n".join(f"- {safe_text.markdown(words)}" for words in refusals)
        st.error(f"Nothing was sent: put these right and upload it again.\n\n{lines}")
        return
    send(engine, token, values, "upload", last)
    if blank:
        said = st.session_state.get(_SAID)
        st.session_state[_SAID] = (said[0], f"{said[1]} {' '.join(blank)}")
    st.rerun()
