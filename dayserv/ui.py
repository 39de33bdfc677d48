"""What every page shares: the portfolio loaded in the sidebar, the notices above each page,
and the figures of the Overview and Data quality pages put into display form.

The functions that draw (``portfolio_sidebar``, ``page_notices``, ``outcome_tile``) call
Streamlit; the others are pure and return tables and sentences the pages lay out.
"""

from __future__ import annotations

import functools
import gc
import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from dayserv import catalogue, contract, export, frameworks
from dayserv.app.downloads import Download, download_buttons
from dayserv.app.portfolio_cache import Shared, SharedCache, files_key, frames_size
from dayserv.app.sessions import give_back, holding, start_giving_back
from dayserv.figures import balances, filters, outcomes, quality
from dayserv.figures.filters import Filter
from dayserv.figures.headline import Headline, headline
from dayserv.figures.measures import (
    COUNTED,
    DEFINITIONS,
    MEASURE_ORDER,
    target_for,
    yearly_measures,
)
from dayserv.figures.outcomes import weighting_words
from dayserv.figures.slices import years_of
from dayserv.read import clean
from dayserv.read.clean import Portfolio, load
from dayserv.read.reader import Source, UnreadableError
from dayserv.share import pack
from dayserv.share.provenance import Provenance, of_view, year_slug
from dayserv.share.publication import THRESHOLD, Publication
from dayserv.share.tables import text_where_mixed
from dayserv.show import (
    bar_charts,
    chart_clicks,
    chart_images,
    chart_style,
    formats,
    line_charts,
    safe_text,
)

logger = logging.getLogger(__name__)

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "sample_data" / "sample_portfolio.xlsx"
SAMPLE_NOTICE = (
    "You are looking at the sample portfolio of a fictional area, Eastbrook. "
    "Upload your own workbook in the sidebar."
)
SIDEBAR_SAMPLE_NOTICE = "Showing the sample portfolio (Eastbrook, a fictional area)."
UPLOAD_TYPES = ["xlsx", "xlsm", "ods", "csv"]
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_LOADED = "dayserv_loaded"
DATA_QUALITY_PAGE = "pages/data_quality.py"

# Why a measure can have no figures, and what to add to the workbook (the catalogue's).
NO_DATA_HINT = {m.id: m.no_data_hint for m in catalogue.MEASURES}
SEVERITY_MEANING = {
    "error": "rows left out",
    "warning": "values left blank, rows kept",
    "note": "for information",
}
BENCHMARK_FORMS = {"long": "a row per answer", "wide": "a column per statement"}
# The problems' columns for people, in reading order: where, what was found, what to do.
PROBLEM_HEADINGS = {
    "severity": "Severity",
    "sheet": "Sheet",
    "row": "Row",
    "column": "Column",
    "value": "Value found",
    "problem": "Problem",
    "fix": "How to fix it",
    "cell": "Cell",
}


# ---------------------------------------------------------------- loading


def use_explicit_navigation() -> None:
    """Start the run again if Streamlit took pages/ for its old page discovery.

    In the first session after the server starts, Streamlit runs the entry script (or, for
    a link straight to a page, the page file alone) inside a navigation built from the
    pages/ folder, where the sidebar's uploader is dead. app.py's st.navigation replaces
    it, so switch the old discovery off and rerun.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


@dataclass(frozen=True)
class Loaded:
    """The portfolio the pages show, whether it is the sample, and why an upload was not used.

    ``held`` is its shared entry: holding it keeps the portfolio, and the views worked out
    from it, alive for every session that shows it."""

    portfolio: Portfolio
    is_sample: bool
    error: str | None = None
    held: Shared[Portfolio] | None = None


# Loaded portfolios, shared by every session showing the same files (by their sha256) and
# gone when none holds them; the most recently used are kept a few minutes, within an
# estimated size, for a browser that reconnects or uploads the same files again.
RECENT_BYTES = 160 * 2**20  # about three 20,000-service portfolios (47 MB each, estimated)
RECENT_SECONDS = 180.0
VIEWS_KEPT = 24  # per portfolio: its filtered tables, measures and coverage for 6+ filters
PORTFOLIOS: SharedCache[Portfolio] = SharedCache(
    RECENT_BYTES, RECENT_SECONDS, views_kept=VIEWS_KEPT, on_free=give_back.set
)
start_giving_back(PORTFOLIOS.expire)
_UPLOAD = "dayserv_upload_read"  # the session's uploads as read: (file ids, entry, error)


def portfolio_size(portfolio: Portfolio) -> int:
    """The estimated bytes of a portfolio's tables and problems."""
    return frames_size([*portfolio.tables.values(), portfolio.problems])


def read_files(
    files: tuple[tuple[str, bytes], ...], pin: bool = False
) -> tuple[Shared[Portfolio] | None, str | None]:
    """(entry, None) for files that load; (None, one plain sentence) for files that do not.

    Read once while anyone holds the same files (or did a few minutes ago), however many
    sessions upload them at the same time; ``pin`` keeps the entry for good.
    """
    try:
        loaded = PORTFOLIOS.get_or_load(
            files_key(files),
            lambda: load([Source(name, data) for name, data in files]),
            portfolio_size,
            pin=pin,
        )
        return loaded, None
    except UnreadableError as exc:
        return None, str(exc)
    except Exception:  # a bug must not show the user a traceback
        logger.exception("Loading %s failed", [name for name, _ in files])
        names = ", ".join(name for name, _ in files)
        return None, (
            f"{names} could not be read. Check that it follows the template "
            "(download it below) and upload it again."
        )


@functools.cache
def _sample() -> Shared[Portfolio]:
    held, error = read_files(((SAMPLE_PATH.name, SAMPLE_PATH.read_bytes()),), pin=True)
    if held is None:
        raise RuntimeError(f"The bundled sample could not be loaded: {error}")
    # What exists now (the modules, the sample) lives as long as the server: keep it out of
    # the full collection Streamlit runs after every script run (0.1-0.25 s, holding up
    # every session, without this; 0.01-0.07 s with it).
    gc.collect()
    gc.freeze()
    return held


def sample_portfolio() -> Portfolio:
    """The bundled portfolio of Eastbrook, a fictional area (loaded once, kept for good)."""
    return _sample().value


def _sample_loaded(error: str | None = None) -> Loaded:
    return Loaded(_sample().value, is_sample=True, error=error, held=_sample())


def _read_uploads(uploads) -> tuple[Shared[Portfolio] | None, str | None]:
    """The uploads' portfolio (or why it could not be read), read once per session's files:
    a rerun with the same files neither copies nor hashes their bytes again."""
    held = holding()
    ids = tuple(upload.file_id for upload in uploads)
    memo = held.get(_UPLOAD)
    if memo is not None and memo[0] == ids:
        if memo[1] is not None:
            PORTFOLIOS.get(memo[1].key)  # used again: kept for a reconnect from now
        return memo[1], memo[2]
    entry, error = read_files(tuple((upload.name, upload.getvalue()) for upload in uploads))
    held[_UPLOAD] = (ids, entry, error)
    return entry, error


def _load_uploads(uploads) -> Loaded:
    if not uploads:
        return _sample_loaded()
    names = safe_text.markdown(", ".join(upload.name for upload in uploads))  # labels are markdown
    with st.status(f"Reading {names}…") as status:
        entry, error = _read_uploads(uploads)
        if entry is None:
            status.update(label=f"Could not read {names}", state="error")
        else:
            status.update(label=f"Showing {names}", state="complete")
            st.write(safe_text.markdown(load_summary(entry.value)))
    if entry is None:
        return _sample_loaded(error)
    return Loaded(entry.value, is_sample=False, held=entry)


def template_bytes() -> bytes:
    """The blank template workbook (.xlsx), built when the button is clicked."""
    from dayserv.template import template_workbook  # built only when asked for

    return template_workbook()


def portfolio_sidebar() -> Loaded:
    """The sidebar of every page: upload, the template, and which portfolio is shown."""
    with st.sidebar:
        uploads = st.file_uploader(
            "Your portfolio",
            type=UPLOAD_TYPES,
            accept_multiple_files=True,
            key="dayserv_upload",
            help="One workbook (.xlsx, .xlsm or .ods), or one CSV file per sheet "
            "(services.csv, funding.csv …). Only the Services sheet is required.",
        )
        loaded = _load_uploads(uploads)
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
    holding()[_LOADED] = loaded  # not session state: that outlives the browser by minutes
    return loaded


def current() -> Loaded:
    """What the sidebar loaded in this run (the sample when a page runs on its own)."""
    use_explicit_navigation()
    loaded = holding().get(_LOADED)
    if loaded is None:
        loaded = _sample_loaded()
    return loaded


def current_portfolio() -> Portfolio:
    """The portfolio every page shows."""
    return current().portfolio


def page_failed(title: str) -> None:
    """Say, in one sentence, that a page could not be drawn; the traceback goes to the log."""
    source = current_portfolio().source_label
    logger.exception("The page %r failed on %s", title, source)
    st.error(
        safe_text.markdown(
            f"The {title} page could not be drawn for {source}: something unexpected went "
            "wrong, a fault of dayserv's rather than of the file. The other pages still work, "
            "and the Data quality page lists what was read."
        ),
        icon=":material/error:",
    )


def page_notices() -> None:
    """Above each page: the upload's problem, if any, and whether this is the sample."""
    loaded = current()
    if loaded.error:
        st.error(safe_text.markdown(loaded.error), icon=":material/error:")
    if loaded.is_sample:
        st.info(SAMPLE_NOTICE, icon=":material/info:")


def load_summary(portfolio: Portfolio) -> str:
    """One line: the service rows read and the problems met, e.g. "148 service rows, 2 errors"."""
    counts = quality.problem_counts(portfolio.problems)
    parts = [f"{len(portfolio.services):,} service rows"]
    parts += [f"{n} {severity}{'s' if n != 1 else ''}" for severity, n in counts.items() if n]
    return ", ".join(parts) + "."


# ---------------------------------------------------------------- overview


@dataclass(frozen=True)
class OutcomeTile:
    """One anticipated outcome as a tile shows it: its number and words, and its headline."""

    number: int
    text: str  # the outcome in seed 000's words
    headline: Headline

    def __getattr__(self, name):  # the headline's texts, as the tile's own
        return getattr(self.headline, name)

    @property
    def status_icon(self) -> str:
        return catalogue.STATUSES[self.headline.status].icon

    @property
    def status_colour(self) -> str:
        return catalogue.STATUSES[self.headline.status].theme


def outcome_tiles(table: pd.DataFrame, targets: pd.DataFrame | None = None) -> list[OutcomeTile]:
    """A tile per anticipated outcome, from a yearly measures table (and the Targets sheet)."""
    targets = clean.empty_table("targets") if targets is None else targets
    return [
        OutcomeTile(outcome.number, outcome.text, headline(table, outcome.headline, targets))
        for outcome in frameworks.OUTCOMES
    ]


def outcome_tile(tile: OutcomeTile) -> None:
    """Draw one tile: the outcome's number, status and words, then its measure and sparkline.

    The space between stretches, so the measures of a row of tiles line up however long
    the outcomes' words are.
    """
    words = catalogue.STATUSES[tile.status].words
    badge = f":{tile.status_colour}-badge[{tile.status_icon} {words}]"
    st.markdown(f"**Outcome {tile.number}** &nbsp; {badge}  \n{tile.text}")
    st.space("stretch")
    st.metric(
        tile.measure_name,
        tile.value,
        tile.change,
        delta_color=tile.delta_colour,
        delta_arrow=tile.delta_arrow,
        delta_description=tile.since,
        help=tile.definition,
        chart_data=tile.sparkline if len(tile.sparkline) > 1 else None,
        chart_type="line",
    )
    for words in (tile.note, tile.target_text):
        if words:
            st.caption(words)


def measures_table(table: pd.DataFrame) -> pd.DataFrame:
    """The yearly measures for reading: a row per measure, a column per year, formatted."""
    rows = []
    outcome_of = {m: o.number for o in frameworks.OUTCOMES for m in o.measures}
    for measure in MEASURE_ORDER:
        if measure == "weighting":
            continue
        row = {
            "Outcome": str(outcome_of.get(measure, "")),
            "Measure": formats.measure_name(measure),
        }
        for year, value in table[measure].items():
            row[str(year)] = formats.format_measure(measure, value, precise=True)
        rows.append(row)
    weighting = {"Outcome": "", "Measure": "Shares weighted by"}
    weighting.update({str(year): str(value) for year, value in table["weighting"].items()})
    rows.append(weighting)
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- data quality


def years_found(portfolio: Portfolio) -> list[str]:
    """The financial years of the Services sheet, in order."""
    return years_of(portfolio.services)


def benchmark_form(portfolio: Portfolio) -> str | None:
    """How the Benchmark sheet was laid out: "long", "wide", or None without answers."""
    benchmark = portfolio.benchmark
    if benchmark.empty:
        return None
    # In wide form one spreadsheet row holds many statements, so its row number repeats.
    return "wide" if benchmark["row"].duplicated().any() else "long"


def loaded_tables(portfolio: Portfolio) -> pd.DataFrame:
    """A row per sheet of the format: the sheet it was read from, its rows and how many were
    used, the rows of the tidy table (a wide benchmark row gives one per answer), years."""
    rows = []
    for table, sheet in contract.TABLES.items():
        frame = portfolio.tables.get(table, pd.DataFrame())
        years = []
        if "year" in frame:
            years = years_of(frame)
        rows.append(
            {
                "Sheet of the format": sheet.name,
                "Read from": portfolio.sheets.get(table, "not in the workbook"),
                "Rows in the sheet": portfolio.rows_read.get(table, 0),
                "Rows used": quality.rows_used(portfolio, table),
                "Table rows": len(frame),
                "Years": ", ".join(years),
            }
        )
    return pd.DataFrame(rows)


def problem_sheets(problems: pd.DataFrame) -> list[str]:
    return sorted(problems["sheet"].dropna().astype(str).unique())


def filter_problems(
    problems: pd.DataFrame, severities: list[str], sheets: list[str]
) -> pd.DataFrame:
    """The problems of the chosen severities and sheets (all, when none is chosen)."""
    keep = pd.Series(True, index=problems.index)
    if severities:
        keep &= problems["severity"].astype(str).isin(severities)
    if sheets:
        keep &= problems["sheet"].astype(str).isin(sheets)
    return problems.loc[keep]


def problems_table(problems: pd.DataFrame) -> pd.DataFrame:
    """The problems with headings for people, for the screen and the CSV download."""
    out = problems[list(PROBLEM_HEADINGS)].rename(columns=PROBLEM_HEADINGS)
    out["Severity"] = out["Severity"].astype(str)
    return out.reset_index(drop=True)


def grouped_problems_table(problems: pd.DataFrame) -> pd.DataFrame:
    """Identical problems on one line (quality.grouped), with headings for people."""
    out = quality.grouped(problems).rename(
        columns={**PROBLEM_HEADINGS, "count": "How many", "rows": "Rows"}
    )
    out["Severity"] = out["Severity"].astype(str)
    return out


# ---------------------------------------------------------------- the shared filter

_FILTER = "dayserv_filter"
_PUBLICATION = "dayserv_publication"
_FILTERED = "dayserv_filtered_tables"
# Filter field -> (URL query parameter and widget key, label, placeholder).
FILTER_WIDGETS = {
    "localities": ("locality", "Locality", "All localities"),
    "sectors": ("sector", "Sector", "All sectors"),
    "providers": ("provider", "Provider", "All providers"),
    "user_run": ("user_run", "User run", "Any"),
    "settings": ("setting", "Main setting", "Any"),
}


def filter_sidebar(portfolio: Portfolio) -> Filter:
    """The sidebar filters every page applies, held in the URL so a copied link reopens them."""
    options = filters.choices(portfolio.services)
    chosen: dict = {}
    with st.sidebar:
        st.subheader("Filters")
        years = options["years"]
        if len(years) > 1:
            first, last = st.select_slider(
                "Years",
                options=years,
                value=(years[0], years[-1]),
                key="years",
                bind="query-params",
            )
            if (first, last) != (years[0], years[-1]):
                chosen["years"] = (first, last)
        for field_name, (key, label, placeholder) in FILTER_WIDGETS.items():
            values = st.multiselect(
                label,
                options[field_name],
                key=key,
                bind="query-params",
                placeholder=placeholder,
            )
            chosen[field_name] = tuple(values)
        chosen_filter = Filter(**chosen)
        st.caption(safe_text.markdown(chosen_filter.summary(portfolio.services)))
        publication = publication_toggle()
    st.session_state[_FILTER] = chosen_filter
    st.session_state[_PUBLICATION] = publication
    return chosen_filter


def publication_toggle() -> Publication:
    """The sidebar's publication mode: small counts of people hidden everywhere."""
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
    threshold = st.number_input(
        "Hide counts of people under",
        min_value=2,
        max_value=100,
        value=THRESHOLD,
        step=1,
        key="threshold",
        bind="query-params",
    )
    publication = Publication(on=True, threshold=int(threshold))
    st.caption(f"Publication mode {publication.words().lower()}.")
    return publication


def current_publication() -> Publication:
    """Whether small numbers are hidden (off when a page runs on its own)."""
    return st.session_state.get(_PUBLICATION, Publication())


def current_provenance() -> Provenance:
    """Where the figures on this page come from, to print on every export of them."""
    return of_view(
        current_portfolio().source_label,
        current_filter(),
        current_tables()["services"],
        current_publication(),
        left_out=_per_view(_LEFT_OUT, (), lambda: quality.left_out_words(current_portfolio())),
    )


def current_filter() -> Filter:
    """The filter chosen in the sidebar (none when a page runs on its own)."""
    return st.session_state.get(_FILTER, Filter())


def _per_view(name: str, choices: tuple, build, shared: bool = True):
    """``build()``, worked out once per portfolio and ``choices``, not on every call.

    ``shared``: once for every session showing the portfolio (kept with it, and gone with
    it); otherwise once in this session. The portfolio is matched by identity: comparing its
    tables would cost more than the work saved."""
    loaded = current()
    if shared and loaded.held is not None:
        return loaded.held.views.get((name, choices), build)
    held = holding()
    memo = held.get(name)
    if memo is None or memo[0] is not loaded.portfolio or memo[1] != choices:
        memo = (loaded.portfolio, choices, build())
        held[name] = memo
    return memo[2]


def current_tables() -> dict[str, pd.DataFrame]:
    """Every tidy table of the portfolio, narrowed by the sidebar's filter (worked out once
    per portfolio and filter, for every session)."""
    chosen = current_filter()
    return _per_view(_FILTERED, (chosen,), lambda: chosen.tables(current_portfolio().tables))


_MEASURES = "dayserv_yearly_measures"
_COVERAGE = "dayserv_year_coverage"
_LEFT_OUT = "dayserv_left_out"


def current_measures() -> pd.DataFrame:
    """The yearly measures of the filtered tables (worked out once per portfolio and filter,
    for every session)."""
    tables = current_tables()
    return _per_view(
        _MEASURES,
        (current_filter(),),
        lambda: yearly_measures(tables["services"], tables["funding"]),
    )


def current_coverage() -> pd.DataFrame:
    """Which years of the filtered tables have too little data (worked out once per
    portfolio and filter, for every session)."""
    tables = current_tables()
    return _per_view(
        _COVERAGE,
        (current_filter(),),
        lambda: outcomes.year_coverage(tables["services"], tables["funding"]),
    )


_PACK = "dayserv_pack"


def current_pack() -> pack.Pack:
    """The meeting pack of the portfolio, filter and publication rule in force (built once
    per the three in a session, so turning a slide does not build every slide again; not
    shared, as it says when it was produced)."""
    chosen, publication = current_filter(), current_publication()
    return _per_view(
        _PACK,
        (chosen, publication),
        lambda: pack.build(current_portfolio(), chosen, publication),
        shared=False,
    )


def filter_caption() -> None:
    """Under a page title: what is shown, what the workbook's rows left out, and the source
    (the provenance of every figure), with a link to Data quality when anything was."""
    portfolio = current_portfolio()
    st.caption(
        safe_text.markdown(
            f"{current_filter().summary(portfolio.services)} · "
            f"{quality.left_out_words(portfolio)} · Source: {portfolio.source_label}"
        )
    )
    if quality.anything_left_out(portfolio):
        st.page_link(
            DATA_QUALITY_PAGE,
            label="See what was left out, and why: Data quality",
            icon=":material/fact_check:",
        )


# ---------------------------------------------------------------- outcome pages

# Readable headings for the columns of the detail tables behind the charts.
COLUMN_LABELS = {
    "year": "Year",
    "service": "Service",
    "provider": "Provider",
    "sector": "Sector",
    "locality": "Locality",
    "user_run": "User run",
    "funding": "Annual funding (£)",
    "services": "Services",
    "source": "Source",
    "amount": "Amount (£)",
    "setting": "Setting",
    "activity": "Activity",
    "support": "Support",
    "share": "Share",
    "change": "Change",
    "rank": "Rank",
}


@dataclass
class OutcomeView:
    """What an outcome page works from: the filtered tables, the yearly measures, the
    headline's trend (with the user's target) and which years have too little data."""

    tables: dict[str, pd.DataFrame]
    table: pd.DataFrame  # yearly measures
    headline: dict
    coverage: pd.DataFrame

    @property
    def services(self) -> pd.DataFrame:
        return self.tables["services"]

    @property
    def funding(self) -> pd.DataFrame:
        return self.tables["funding"]

    def trend_chart(self, measure: str, key: str, target: float | None = None) -> None:
        """A measure over the years, with its target and its too-little-data years, and the
        figures behind it."""
        too_little = outcomes.too_little_data(self.coverage, measure)
        figure = line_charts.trend_chart(self.table, measure, target=target, too_little=too_little)
        chart_with_table(
            figure,
            outcomes.measure_by_year(self.table, measure, too_little),
            ["year"],
            key=key,
            file_name=measure.replace("_", "-"),
            headline=self.headline,
            folded=True,
        )


def outcome_view(outcome_id: str, measure: str) -> OutcomeView:
    """Start an outcome page: its header, and the figures the rest of the page draws on."""
    table = current_measures()
    headline = outcome_header(outcome_id, measure, table)
    return OutcomeView(current_tables(), table, headline, current_coverage())


def column_label(column: str) -> str:
    """A tidy column's heading for people: 'share_of_funding' -> 'Share of funding'."""
    if column in COLUMN_LABELS:
        return COLUMN_LABELS[column]
    text = str(column)
    if text != text.lower() or " " in text:  # already written for people ("7 Users ...")
        return text
    return text.replace("_", " ").capitalize()


def outcome_header(outcome_id: str, measure: str, table: pd.DataFrame) -> dict:
    """Top of an outcome page: the outcome in seed 000's words, where the headline measure
    stands and which way it moved against the desired direction and the user's target.

    Returns the trend (with "target") for the page's charts.
    """
    outcome = frameworks.heading(outcome_id)
    st.title(f"Outcome {outcome.number}: {outcome.label}")
    page_notices()
    filter_caption()
    st.markdown(f"##### Anticipated outcome {outcome.number}: *{outcome.text}*")
    found = headline(table, measure, current_portfolio().tables["targets"])
    value, status, target = st.columns([1.2, 1, 1], border=True)
    value.metric(
        found.value_label,
        found.value,
        found.change,
        delta_color=found.delta_colour,
        delta_arrow=found.delta_arrow,
        delta_description=found.since,
        help=found.definition,
    )
    state = catalogue.STATUSES[found.status]
    wanted = found.wanted
    status.markdown(
        f"**Direction of travel**  \n:{state.theme}-badge[{state.icon} {state.words}]  \n"
        f"The outcome asks for this measure to go **{wanted}**."
    )
    target.markdown(
        "**Your target**  \n"
        + (found.target_text or "None set: add it to the Targets sheet to see progress against it.")
    )
    headline_trend = found.trend
    headline_trend["tag"] = (
        f"Anticipated outcome {outcome.number}: {outcome.label.lower()} · "
        f"{found.status} ({found.measure_name.lower()} should go {wanted})"
    )
    with st.expander("How this is measured, and the key questions it answers"):
        st.markdown(f"**{formats.measure_name(measure)}**: {DEFINITIONS.get(measure, '')}")
        if measure in COUNTED:
            st.markdown("Each service counts once, whatever its funding.")
        else:
            st.markdown(f"{DEFINITIONS['weighting']} Here: {weighting_words(table)}.")
        for heading_id in (outcome_id, *frameworks.OUTCOME_RELATED.get(outcome_id, ())):
            heading = frameworks.heading(heading_id)
            questions = frameworks.key_questions_for(heading_id)
            st.markdown(
                f"**{heading.kind.capitalize()} {heading.number}: {heading.text}**\n"
                + "\n".join(f"- {q.text} ({q.id})" for q in questions)
            )
    return headline_trend


def year_picker(years: list[str], key: str, where=st) -> str:
    """The Year a page's year-by-year view shows, the latest by default (``where`` is a
    column or container to put it in)."""
    return where.selectbox("Year", years, index=len(years) - 1, key=key)


def detail_table(frame: pd.DataFrame, file_name: str, key: str) -> None:
    """A table behind a chart, with readable headings, and its CSV download."""
    shown = current_publication().table(frame.drop(columns=["row"], errors="ignore"))
    shown = shown.rename(columns=column_label)
    config = {
        column: st.column_config.NumberColumn(format="percent")
        for column in shown.columns
        if "share" in str(column).lower()
    }
    st.dataframe(text_where_mixed(shown), hide_index=True, column_config=config)
    provenance = current_provenance()
    csv = Download(
        "Download this table (CSV)",
        lambda: export.csv_bytes(shown),
        provenance.file_name(file_name, ext="csv"),
        "text/csv",
        key=f"{key}_download",
        what="This table's CSV file",
    )
    excel = Download(
        "Excel, with where it came from",
        lambda: export.xlsx_bytes(shown, provenance.now().rows(), sheet_name="Table"),
        provenance.file_name(file_name, ext="xlsx"),
        XLSX_MIME,
        key=f"{key}_download_xlsx",
        what="This table's Excel file",
        help="An Excel workbook: the table, and an About sheet naming the source file, the "
        "filters, the years and when it was made.",
    )
    download_buttons([csv, excel], key=f"{key}_table")


def chart(figure, key: str, headline: dict | None = None, name: str | None = None, **kwargs):
    """Draw a chart; on an outcome page, tagged with the outcome and whether it is on track.

    Its foot says where it came from (source, filters, years, the day), and it can be taken
    away: the camera icon on the chart saves it as shown, as a PNG at twice its pixels; the
    buttons under it render a PNG or SVG with the full provenance when clicked. ``name``:
    what the chart shows, for the file names (the start of its title when not given).
    """
    if headline is not None:
        chart_style.tag(figure, headline["tag"])
    provenance = current_provenance()
    words = chart_images.chart_name(figure, name)
    camera = {
        "format": "png",
        "scale": chart_images.IMAGE_SCALE,
        "filename": provenance.file_name(words, ext="png").removesuffix(".png"),
    }
    # The day, not the minute: a chart whose figure changed would be drawn afresh, and a
    # click on it lost, each time the minute turned.
    chart_images.add_provenance(figure, provenance.line(minute=False))
    event = st.plotly_chart(
        figure, key=key, config={"toImageButtonOptions": camera, "displaylogo": False}, **kwargs
    )
    chart_downloads(figure, provenance, words, key)
    return event


def chart_image(figure, provenance: Provenance, fmt: str) -> bytes:
    """A chart as a PNG or SVG file with its provenance at its foot, produced now (in place
    of the footer it has on screen)."""
    return chart_images.image_bytes(
        chart_images.with_provenance(figure, provenance.now().line()), fmt
    )


CHART_FORMATS = {"png": ("PNG (2x)", "image/png"), "svg": ("SVG", "image/svg+xml")}


def chart_downloads(figure, provenance: Provenance, words: str, key: str) -> None:
    """Under a chart: its PNG and SVG downloads, rendered only when clicked."""
    if not chart_images.images_available():
        st.caption(
            "The camera icon on the chart saves it as a PNG. The PNG and SVG downloads "
            "with the chart's provenance need Chromium (see the README's set-up)."
        )
        return
    with st.popover("Download chart", icon=":material/download:", type="tertiary"):
        images = [
            Download(
                label,
                functools.partial(chart_image, figure, provenance, fmt),
                provenance.file_name(words, ext=fmt),
                mime,
                key=f"{key}_{fmt}",
                what=f"The chart's {fmt.upper()} image",
                icon=":material/image:",
            )
            for fmt, (label, mime) in CHART_FORMATS.items()
        ]
        download_buttons(images, key=f"{key}_chart", horizontal=False)
        st.caption(
            "With the source, filters and date at the foot. The camera icon on the chart "
            "saves a PNG of it as shown."
        )


def chart_with_table(
    figure,
    detail: pd.DataFrame,
    fields: list[str],
    key: str,
    file_name: str,
    headline: dict | None = None,
    folded: bool = False,
) -> None:
    """A chart whose clicked bars or points narrow the detail table shown under it
    (``folded``: the table sits in an expander, for charts whose figures are on the chart)."""
    event = chart(figure, key, headline, name=file_name, on_select="rerun", selection_mode="points")
    points = chart_clicks.selected_points(event, fields)
    shown = chart_clicks.narrow(detail, points)
    with (
        st.expander("The figures behind this chart", expanded=bool(points))
        if folded
        else (st.container())
    ):
        if points:
            picked = "; ".join(", ".join(str(v) for v in p.values()) for p in points)
            st.caption(
                f"Showing the rows behind your selection ({safe_text.markdown(picked)}). "
                "Double-click the chart to clear it."
            )
        detail_table(shown, file_name, key)


def no_sheet(message: str) -> None:
    """What a page says when the workbook lacks what it needs, and how to switch it on."""
    st.info(message, icon=":material/table_view:")


def target(measure: str) -> float | None:
    """The user's target for a measure, from the Targets sheet."""
    return target_for(current_portfolio().tables["targets"], measure)


SERVICES_DRAWN = 40  # bars a per-service chart can show and still be read


def balance_page(outcome_id: str) -> None:
    """An outcome that asks for a shift between kinds of activity (outcomes 4, 5 and 6):
    the headline over time, the mix per year, per service, and by sector or locality."""
    balance = balances.BALANCES[outcome_id]
    view = outcome_view(outcome_id, balance.measure)
    services, table, headline = view.services, view.table, view.headline
    if table.empty or table[balance.measure].isna().all():
        no_sheet(f"No figures for this outcome in the services shown. {balance.switch_on}")
        return
    key = outcome_id.lower()
    first = next(iter(balance.columns))
    view.trend_chart(balance.measure, f"{key}_trend", headline["target"])

    st.subheader("The mix, year by year")
    by_year = balance.by_year(services)
    chart_with_table(
        bar_charts.stacked_bars(
            by_year,
            x="year",
            category=balance.category,
            value="share",
            dimension=balance.dimension,
            percent=True,
            text="share",
            title=balances.mix_words(by_year, balance.category),
            y_title="Share of activity (%)",
        ),
        by_year,
        ["year", balance.category],
        key=f"{key}_mix",
        file_name=f"{key}-by-year",
        headline=headline,
    )

    st.subheader("Service by service")
    years = list(table.index)
    year = year_picker(years, f"{key}_year")
    by_service = balance.by_service(services, year)
    drawn = by_service.head(SERVICES_DRAWN)
    if len(by_service) > SERVICES_DRAWN:
        st.caption(
            f"The chart shows the {SERVICES_DRAWN} most {first.lower()} of {len(by_service):,} "
            "services; the table below has them all."
        )
    chart_with_table(
        bar_charts.stacked_bars(
            balances.service_shares_long(drawn, balance.columns, balance.category),
            x="service",
            category=balance.category,
            value="share",
            dimension=balance.dimension,
            percent=True,
            horizontal=True,
            title=f"{year}: each service's mix, the most {first.lower()} first",
            y_title="Share of the service's activity (%)",
        ),
        by_service,
        ["service"],
        key=f"{key}_services",
        file_name=f"{key}-by-service-{year_slug(year)}",
        headline=headline,
    )

    st.subheader("Where the picture differs")
    by = balance.groups[0]
    if len(balance.groups) > 1:
        by = (
            st.segmented_control(
                "By", balance.groups, default=by, format_func=str.capitalize, key=f"{key}_by"
            )
            or by
        )
    by_group = outcomes.latest_year_rows(balance.by_group(services, by))
    chart_with_table(
        bar_charts.stacked_bars(
            by_group,
            x=by,
            category=balance.category,
            value="share",
            dimension=balance.dimension,
            percent=True,
            horizontal=True,
            title=outcomes.group_finding(
                by_group.loc[by_group[balance.category] == first],
                by,
                "share",
                f"{first} share",
            ),
            y_title="Share of activity (%)",
        ),
        by_group,
        [by],
        key=f"{key}_groups",
        file_name=f"{key}-by-{by}",
        headline=headline,
    )


# ---------------------------------------------------------------- the meeting pack

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def meeting_pack_buttons(key: str) -> None:
    """The meeting pack of what is shown (portfolio, filter, publication rule) as two
    downloads: a PowerPoint deck and an HTML report that opens offline. Each is built only
    when its button is clicked, outside the page's run, so it is given what it needs now."""
    shown = (current_portfolio(), current_filter(), current_publication())
    names = pack.Pack([], current_provenance())  # the pack's file names, unbuilt

    def deck() -> bytes:
        from dayserv.share.deck import deck_bytes

        return deck_bytes(pack.build(*shown))

    def report() -> bytes:
        from dayserv.report import report_html

        return report_html(pack.build(*shown)).encode("utf-8")

    slides = Download(
        "Meeting pack (PowerPoint)",
        deck,
        names.file_name("pptx"),
        PPTX_MIME,
        key=f"{key}_pack_pptx",
        what="The meeting pack (PowerPoint)",
        icon=":material/slideshow:",
        help="A slide per anticipated outcome, with the portfolio at a glance, the "
        "benchmark and the definitions, for a strategic forum. Built when clicked.",
    )
    page = Download(
        "Meeting pack (HTML report)",
        report,
        names.file_name("html"),
        "text/html",
        key=f"{key}_pack_html",
        what="The meeting pack (HTML report)",
        icon=":material/description:",
        help="The same pack as one web page that opens in any browser, offline, "
        "with interactive charts. Built when clicked.",
    )
    download_buttons([slides, page], key=f"{key}_pack")
