"""The Plan the changes page's state: where the plan starts from (a plan workbook uploaded
on the page, the plan saved with the open area, the portfolio's Plan sheet, or nothing),
the editor's rows kept for the session, the plan saved to the area (a record with a
revision: refused, never written over, if someone else saved since), the projections of
the rows as they stand, and where the page's figures come from."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd
import streamlit as st

from dayserv.app import entered, state
from dayserv.app.entered import Entered
from dayserv.app.sessions import holding
from dayserv.figures import plan_rows, plan_view
from dayserv.figures.findings import years_words
from dayserv.figures.plan import Projection
from dayserv.read.plan_sheet import next_year, with_plan_file
from dayserv.read.reader import Source, UnreadableError
from dayserv.share import pack
from dayserv.share.plan_workbook import plan_workbook
from dayserv.share.provenance import Provenance, shown_area, slug

logger = logging.getLogger(__name__)

UPLOAD_TYPES = ["xlsx", "xlsm", "ods", "csv"]
KIND = "plan"  # the area's record
_WORK = "plan_work"  # session state: start identity -> Work
_UPLOADED = "plan_upload_read"  # session state: (file id, portfolio key, portfolio, error)
_PROJECTED = "dayserv_plan_projected"  # held: (portfolio, rows key, projections)
_SAVE = "plan_save"  # session state: a click on the save button, to do
JUST_SAVED = "plan_just_saved"  # session state: the area and plan last saved here
YEARS_OFFERED = 10  # the From drop-down: this many years after the baseline
# A problem of the plan's rows as the page shows it, by severity: in words and an icon.
ALERTS = {
    "error": (st.error, ":material/error:"),
    "warning": (st.warning, ":material/warning:"),
    "note": (st.info, ":material/info:"),
}


@dataclass(frozen=True)
class Start:
    """What the editor can start from: its rows, and the problems its Plan sheet had."""

    key: str  # "upload", "saved", "sheet" or "new"
    label: str
    identity: tuple  # another identity is another start, with an editor of its own
    rows: list[dict]
    problems: pd.DataFrame = field(default_factory=pd.DataFrame)


@dataclass
class Work:
    """One start's editor in this session: what it was given, and its rows as last drawn
    (kept when the page is left, so they are there when it is opened again)."""

    base: pd.DataFrame
    generation: int = 0
    edited: pd.DataFrame | None = None

    def key(self, identity: tuple) -> str:
        text = json.dumps([*map(str, identity), self.generation])
        return "plan_editor_" + hashlib.sha1(text.encode()).hexdigest()[:12]


def portfolio_key() -> str:
    """The portfolio shown, as a key: its files' hash, else its label."""
    loaded = state.current()
    return loaded.held.key if loaded.held is not None else loaded.portfolio.source_label


def read_upload(upload) -> tuple[object | None, str | None]:
    """The portfolio shown with the plan of a plan workbook uploaded on the page (read once
    per file), or why it could not be read; (None, None) without an upload."""
    if upload is None:
        return None, None
    memo = st.session_state.get(_UPLOADED)
    key = portfolio_key()
    if memo is not None and memo[:2] == (upload.file_id, key):
        return memo[2], memo[3]
    portfolio = state.current_portfolio()
    try:
        result, error = with_plan_file(portfolio, [Source(upload.name, upload.getvalue())]), None
    except UnreadableError as exc:
        result, error = None, f"The plan could not be read: {exc}"
    except Exception:  # a bug must not show the user a traceback
        logger.exception("Reading the plan workbook %s failed", upload.name)
        result, error = None, f"{upload.name} could not be read as a plan workbook."
    st.session_state[_UPLOADED] = (upload.file_id, key, result, error)
    return result, error


def area_record() -> tuple[Entered | None, str | None]:
    """The plan saved with the open area (None without one), and why it could not be read."""
    area = state.current().area
    if area is None:
        return None, None
    return entered.entered(area, KIND)


def starts(upload, uploaded, record: Entered | None) -> list[Start]:
    """What the plan can start from, the one to begin with first (``uploaded``: the
    portfolio with the plan of ``upload``, the file uploaded on the page)."""
    loaded = state.current()
    portfolio, key = loaded.portfolio, portfolio_key()
    found = []
    if uploaded is not None:
        found.append(
            Start(
                "upload",
                f"The plan workbook {upload.name}",
                ("upload", key, upload.file_id),
                plan_rows.rows_of_table(uploaded.tables["plan"]),
                plan_rows.sheet_problems(uploaded),
            )
        )
    if record is not None and record.saved.revision > 0:
        area = loaded.area.info.area
        found.append(
            Start(
                "saved",
                f"The plan saved with {area}",
                ("saved", key, area),
                plan_rows.rows_of_body(record.saved.body),
            )
        )
    if portfolio.has("plan"):
        found.append(
            Start(
                "sheet",
                f"The Plan sheet of {portfolio.source_label}",
                ("sheet", key),
                plan_rows.rows_of_table(portfolio.tables["plan"]),
                plan_rows.sheet_problems(portfolio),
            )
        )
    found.append(Start("new", "A new plan, from nothing", ("new", key), []))
    return found


def _works() -> dict[tuple, Work]:
    return st.session_state.setdefault(_WORK, {})


def work_for(start: Start) -> tuple[Work, str]:
    """The start's editor state and the editor's key. Rows edited before the page was left
    (or another start chosen) become what the editor is given again, under a new key."""
    works = _works()
    work = works.get(start.identity)
    if work is None:
        work = works[start.identity] = Work(plan_rows.editor_frame(start.rows))
    key = work.key(start.identity)
    edited = work.edited
    if key not in st.session_state and edited is not None and not edited.equals(work.base):
        work.base, work.generation = edited, work.generation + 1
        key = work.key(start.identity)
    return work, key


def restart(start: Start, rows: list[dict]) -> None:
    """Give the start's editor these rows, afresh (e.g. what someone else saved)."""
    works = _works()
    old = works.get(start.identity)
    generation = old.generation + 1 if old is not None else 0
    works[start.identity] = Work(plan_rows.editor_frame(rows), generation)


def projections(portfolio, rows: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """The rows read as a plan of ``portfolio``: its tidy table, the rows' problems, and
    every plan's projection (worked out once per portfolio and rows in a session)."""
    rows_key = json.dumps(rows, sort_keys=True, default=str)
    held = holding()
    memo = held.get(_PROJECTED)
    if memo is not None and memo[0] is portfolio and memo[1] == rows_key:
        return memo[2]
    table, problems = plan_rows.clean_rows(rows, portfolio.services)
    result = (table, problems, plan_view.projections(plan_rows.with_plan(portfolio, table)))
    held[_PROJECTED] = (portfolio, rows_key, result)
    return result


def provenance(portfolio, projection: Projection) -> Provenance:
    """Where a plan's figures come from: the portfolio with the plan (proposed), every
    service, the recorded years and the projected ones."""
    recorded = sorted(portfolio.services["year"].dropna().astype(str).unique())
    return Provenance(
        source=f"{portfolio.source_label}, plan {projection.plan} ({plan_view.PROPOSED})",
        filters="all services",
        years=f"{years_words(recorded)}; projected {projection.years[0]} to {projection.years[-1]}",
        produced=datetime.now(),
        publication=state.current_publication(),
    )


def year_options(portfolio, frame: pd.DataFrame) -> list[str]:
    """The From drop-down: the years after the baseline, and any other the rows give."""
    year = str(portfolio.services["year"].max())
    years = []
    for _ in range(YEARS_OFFERED):
        year = next_year(year)
        years.append(year)
    given = [str(y) for y in frame["from_year"].dropna() if str(y) not in years]
    return [*dict.fromkeys(given), *years]


def service_options(portfolio, frame: pd.DataFrame) -> list[str]:
    """The Service drop-down: the baseline's services, and any other the rows give."""
    services = portfolio.services
    baseline = services.loc[services["year"] == services["year"].max(), "service"]
    names = sorted(baseline.dropna().astype(str).unique(), key=str.lower)
    given = [str(s) for s in frame["service"].dropna() if str(s) not in names]
    return [*dict.fromkeys(given), *names]


def column_config(portfolio, frame: pd.DataFrame) -> dict:
    """The editor's columns: drop-downs for the contract's vocabularies, the baseline's
    services and the years after it; numbers with their units; the headings the Plan
    sheet uses."""
    config = {}
    for name in frame.columns:
        if name == plan_rows.NEW_SERVICE:
            config[name] = st.column_config.TextColumn(
                plan_rows.NEW_SERVICE_HEADING + " (Commission)",
                help="For a Commission: the new service's name.",
            )
            continue
        column = plan_rows.COLUMNS[name]
        label, helped = column.heading, column.help or None
        if name == "service":
            config[name] = st.column_config.SelectboxColumn(
                "Service (Decommission, Change)",
                options=service_options(portfolio, frame),
                help="For a Decommission or a Change: a service of the portfolio's latest year.",
            )
        elif name == "from_year":
            config[name] = st.column_config.SelectboxColumn(
                label, options=year_options(portfolio, frame), help=helped
            )
        elif column.kind.startswith("category:"):
            config[name] = st.column_config.SelectboxColumn(
                label, options=list(column.values), help=helped
            )
        elif column.kind == "money":
            config[name] = st.column_config.NumberColumn(
                f"{label} (£)", min_value=0.0, format="localized", help=helped
            )
        elif column.kind == "percent":
            config[name] = st.column_config.NumberColumn(
                label, min_value=0.0, max_value=100.0, help=helped
            )
        elif column.kind == "number":
            config[name] = st.column_config.NumberColumn(label, min_value=0.0, help=helped)
        else:
            config[name] = st.column_config.TextColumn(label, help=helped)
    return config


def ask_to_save() -> None:
    st.session_state[_SAVE] = True


def save_asked() -> bool:
    return bool(st.session_state.pop(_SAVE, False))


def workbook_name(portfolio) -> str:
    return f"{slug(portfolio.source_label)}_with-plan.xlsx"


def workbook_build(portfolio, rows: list[dict]):
    """The download of the whole portfolio with these rows on its Plan sheet."""
    return lambda: plan_workbook(portfolio.tables, rows, portfolio.source_label)


def pack_name(portfolio, projection: Projection, ext: str = "pptx") -> str:
    return provenance(portfolio, projection).file_name("meeting pack", ext=ext)


def pack_build(portfolio, projection: Projection, ext: str = "pptx"):
    """The download of the meeting pack of what is shown, with the plan's slides, as a
    PowerPoint deck ("pptx") or an HTML report that opens offline ("html"): given the
    sidebar's filter, the publication rule and the targets now, built when clicked."""
    shown = (portfolio, state.current_filter(), state.current_publication())
    targets, area = state.current_targets(), shown_area(state.current())

    def build() -> bytes:
        built = pack.build(*shown, targets=targets, plan=projection, area=area)
        if ext == "html":
            from dayserv.share.report import report_html  # plotly.js, loaded when built

            return report_html(built).encode("utf-8")
        from dayserv.share.deck import deck_bytes  # python-pptx, loaded when built

        return deck_bytes(built)

    return build


def choice_key(name: str, options: list[str]) -> str:
    """A widget's key for these options: another set of options is another widget, which
    starts again at its first option."""
    return f"{name}_" + hashlib.sha1("\x1f".join(options).encode()).hexdigest()[:10]
