"""The meeting pack: what a strategic forum is shown, slide by slide.

One list of slides feeds the presentation mode on screen, the PowerPoint deck and the HTML
report, so the three always say the same: a title slide (portfolio, years, filters), the
portfolio at a glance, one slide per anticipated outcome (the finding, the headline figure,
the direction of travel, the outcome in seed 000's words), "How we compare" when the pack is
given a comparison of areas, "Proposed changes" when it is given a projected plan (each
slide marked "PROPOSED — not decided"), the benchmark summary, and an appendix with the
data-quality notes and the measures' definitions.

Pure: it takes the portfolio, the filter and the publication rule, and returns text and
tables. ``figure`` draws a slide's chart with the dashboard's own chart functions.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go

from dayserv import frameworks
from dayserv.figures import benchmarking, compare_view, outcomes, overview, quality, slices
from dayserv.figures.filters import Filter
from dayserv.figures.headline import headline
from dayserv.figures.measures import DEFINITIONS, yearly_measures
from dayserv.figures.plan import Projection
from dayserv.read.clean import Portfolio
from dayserv.read.problems import SEVERITIES
from dayserv.share.provenance import Provenance, of_view
from dayserv.share.publication import Publication
from dayserv.show import bar_charts, formats, line_charts

PROBLEMS_LISTED = 12  # the appendix lists the commonest problems; the Data quality page has all


@dataclass(frozen=True)
class Slide:
    """One slide, every text already written.

    ``kind``: "title", "glance", "outcome", "compare", "proposed", "benchmark" or
    "appendix". ``title`` is the finding (a sentence); ``heading`` says what the slide is
    about. An outcome slide has the headline ``value`` with its ``value_label``, the
    ``change``, ``status`` (on track, not on track, no data) and ``direction``; its ``data``
    is year, value, note (a year with too little data has no value and a note). A benchmark
    slide's ``data`` is section, score. ``table`` is a table to show (title, glance,
    compare, proposed and appendix slides).
    """

    kind: str
    heading: str
    title: str
    text: str = ""
    measure: str | None = None
    value: str = ""
    value_label: str = ""
    change: str = ""
    status: str = ""
    direction: str = ""
    target: str = ""
    target_value: float | None = None
    data: pd.DataFrame = field(default_factory=pd.DataFrame)
    table: pd.DataFrame = field(default_factory=pd.DataFrame)


@dataclass(frozen=True)
class Pack:
    """The slides and where their figures come from."""

    slides: list[Slide]
    provenance: Provenance

    @property
    def titles(self) -> list[str]:
        return [slide.title for slide in self.slides]

    def file_name(self, ext: str) -> str:
        return self.provenance.file_name("meeting pack", ext=ext)


def build(
    portfolio: Portfolio,
    chosen: Filter | None = None,
    publication: Publication | None = None,
    produced: datetime | None = None,
    targets: pd.DataFrame | None = None,
    comparison: compare_view.View | None = None,
    plan: Projection | None = None,
) -> Pack:
    """The meeting pack of a portfolio under a filter and a publication rule, against
    ``targets`` (by default the portfolio's Targets sheet); with ``comparison`` (the Compare
    areas page's), a "How we compare" slide after the outcomes; with ``plan`` (a projected
    plan of the whole portfolio), its "Proposed changes" slides after that."""
    targets = portfolio.tables["targets"] if targets is None else targets
    chosen = chosen or Filter()
    publication = publication or Publication()
    tables = chosen.tables(portfolio.tables)
    services, funding = tables["services"], tables["funding"]
    provenance = of_view(
        portfolio.source_label,
        chosen,
        services,
        publication,
        produced,
        left_out=quality.left_out_words(portfolio),
    )
    table = yearly_measures(services, funding)
    coverage = outcomes.year_coverage(services, funding)
    slides = [
        title_slide(table, provenance, chosen.summary(portfolio.services)),
        glance_slide(services, publication),
        *(outcome_slide(outcome, table, coverage, targets) for outcome in frameworks.OUTCOMES),
        *([compare_slide(comparison)] if comparison is not None else []),
        *(_plan_slides(plan, targets) if plan is not None else []),
        benchmark_slide(tables["benchmark"]),
        quality_slide(portfolio.problems, provenance.left_out),
        definitions_slide(table),
    ]
    return Pack(slides, provenance)


def _plan_slides(plan: Projection, targets: pd.DataFrame) -> list[Slide]:
    from dayserv.share.plan_slides import plan_slides  # it builds on Slide, defined here

    return plan_slides(plan, targets)


def title_slide(table: pd.DataFrame, provenance: Provenance, shown: str) -> Slide:
    facts = pd.DataFrame(
        [("Services", shown), *provenance.rows()], columns=["", "This pack"]
    ).astype(str)
    return Slide(
        kind="title",
        heading="Modernising day services: meeting pack",
        title=f"Where our day services stand: {provenance.source}",
        text=overview.overview_summary(table),
        table=facts,
    )


def glance(services: pd.DataFrame, publication: Publication) -> pd.DataFrame:
    """The latest year by locality: services, providers, places and people supported, with a
    total row. In publication mode small counts of people are "<5", and the total is
    suppressed where it would give away the one hidden count."""
    columns = ["Locality", "Services", "Providers", "Places", "People supported"]
    columns.append("People per service")
    years = slices.years_of(services)
    if not years:
        return pd.DataFrame(columns=columns)
    rows = services.loc[services["year"].astype(str).eq(years[-1])]
    locality = rows["locality"].astype(object).where(rows["locality"].notna(), "Not stated")
    grouped = rows.groupby(locality, sort=True)
    out = pd.DataFrame(
        {
            "Services": grouped.size(),
            "Providers": grouped["provider"].nunique(),
            "Places": grouped["places"].sum(min_count=1),
            "People supported": grouped["people"].sum(min_count=1),
        }
    )
    total = pd.DataFrame(
        {
            "Services": [len(rows)],
            "Providers": [rows["provider"].nunique()],
            "Places": [rows["places"].sum(min_count=1)],
            "People supported": [rows["people"].sum(min_count=1)],
        },
        index=[f"All, {years[-1]}"],
    )
    out = pd.concat([out, total])
    out[["Places", "People supported"]] = (
        out[["Places", "People supported"]].round().astype("Int64")
    )
    out["People per service"] = (out["People supported"] / out["Services"]).round(1)
    out = out.rename_axis("Locality").reset_index()
    safe = publication.suppress(out, ["People supported"], ["People per service"])
    # One hidden count and a total beside it would give the count away: hide the total too.
    hidden = publication.is_small(out["People supported"].iloc[:-1])
    if publication.on and hidden.sum() == 1:
        safe.loc[safe.index[-1], ["People supported", "People per service"]] = "suppressed"
    return safe[columns]


def glance_slide(services: pd.DataFrame, publication: Publication) -> Slide:
    table = glance(services, publication)
    if table.empty:
        return Slide("glance", "The portfolio at a glance", "No services in this view")
    total = table.iloc[-1]
    localities = len(table) - 1
    return Slide(
        kind="glance",
        heading="The portfolio at a glance",
        title=(
            f"{int(total['Services'])} services from {int(total['Providers'])} providers "
            f"in {localities} localit{'y' if localities == 1 else 'ies'}, {total['Locality'][5:]}"
        ),
        text="Services, providers, places and people supported in the latest year, by locality.",
        table=table,
    )


def outcome_slide(
    outcome: frameworks.Outcome,
    table: pd.DataFrame,
    coverage: pd.DataFrame,
    targets: pd.DataFrame,
) -> Slide:
    measure = outcome.headline
    found = headline(table, measure, targets)
    too_little = outcomes.too_little_data(coverage, measure)
    values = table[measure] if measure in table else pd.Series(dtype="float64")
    data = pd.DataFrame(
        {
            "year": [str(year) for year in values.index],
            "value": [
                None if str(year) in too_little or pd.isna(v) else float(v)
                for year, v in values.items()
            ],
            "note": [too_little.get(str(year), "") for year in values.index],
        }
    )
    return Slide(
        kind="outcome",
        heading=f"Anticipated outcome {outcome.number}: {outcome.label}",
        title=formats.trend_finding(
            pd.DataFrame({measure: values.where(data["value"].notna().to_numpy())}), measure
        ),
        text=outcome.text,
        measure=measure,
        value=found.value,
        value_label=found.value_label,
        change=f"{found.change} {found.since}" if found.change is not None else "",
        status=found.status,
        direction=found.direction,
        target=found.target_text,
        target_value=found.target,
        data=data,
    )


def compare_slide(comparison: compare_view.View) -> Slide:
    """How we compare: the chosen area's value on each outcome measure beside the median and
    range of the areas it is compared with, and where it stands in words."""
    return Slide(
        kind="compare",
        heading=f"How we compare, {comparison.year}",
        title=compare_view.overall_finding(comparison, with_year=False),
        text=f"Compared with {compare_view.compared_with(comparison)}.",
        table=compare_view.standing_table(comparison),
    )


def compare_pack(comparison: compare_view.View, provenance: Provenance) -> Pack:
    """The "How we compare" slide on its own, for a deck of its own."""
    return Pack([compare_slide(comparison)], provenance)


def benchmark_slide(benchmark: pd.DataFrame) -> Slide:
    heading = "Where are you at? Benchmark"
    matrix = benchmarking.score_matrix(benchmark)
    if matrix.empty:
        return Slide(
            "benchmark",
            heading,
            "No benchmark answers in this view",
            text="Add a Benchmark sheet (the 65 statements of Where are you at?) to see it.",
        )
    medians = benchmarking.section_medians(matrix)
    data = pd.DataFrame({"section": list(medians.index), "score": medians.round(1).to_numpy()})
    year = matrix["year"].iloc[0]
    return Slide(
        kind="benchmark",
        heading=heading,
        title=benchmarking.score_finding(matrix),
        text=(
            f"Median score of the {len(matrix)} services assessed in {year}, section by "
            "section, from 0 to 100 (Yes definitely 3 points, Yes a bit 2, Not particularly 1, "
            "Not at all 0, divided by 3). " + benchmarking.SEED_QUOTE + "."
        ),
        data=data,
    )


def problem_summary(problems: pd.DataFrame, top: int = PROBLEMS_LISTED) -> pd.DataFrame:
    """The commonest problems: severity, sheet, column, problem, rows affected."""
    columns = ["Severity", "Sheet", "Column", "Problem", "Rows"]
    if problems.empty:
        return pd.DataFrame(columns=columns)
    keys = ["severity", "sheet", "column", "problem"]
    grouped = (
        problems[keys]
        .astype(str)
        .replace({"None": "", "<NA>": "", "nan": ""})
        .value_counts(sort=False)
        .rename("Rows")
        .reset_index()
    )
    order = {severity: n for n, severity in enumerate(SEVERITIES)}
    grouped["order"] = grouped["severity"].map(order)
    grouped = grouped.sort_values(["order", "Rows"], ascending=[True, False], kind="stable")
    grouped.columns = [*(k.capitalize() for k in keys), "Rows", "order"]
    return grouped[columns].head(top).reset_index(drop=True)


def quality_slide(problems: pd.DataFrame, left_out: str = "") -> Slide:
    counts = problems["severity"].astype(str).value_counts()
    words = ", ".join(
        f"{int(counts.get(s, 0))} {s}{'s' if counts.get(s, 0) != 1 else ''}" for s in SEVERITIES
    )
    return Slide(
        kind="appendix",
        heading="Appendix: data quality",
        title=f"Data quality: {words}" if len(problems) else "Data quality: no problems found",
        text=(
            (f"{left_out}. " if left_out else "")
            + "Errors are rows left out of every figure; warnings are values left blank with "
            "the row kept; notes are for information. The Data quality page lists every "
            "problem with its sheet, row and column."
        ),
        table=problem_summary(problems),
    )


def definitions_slide(table: pd.DataFrame) -> Slide:
    return Slide(
        kind="appendix",
        heading="Appendix: what the measures mean",
        title="How each figure in this pack is worked out",
        text=f"{DEFINITIONS['weighting']} Here: {outcomes.weighting_words(table)}."
        if not table.empty
        else DEFINITIONS["weighting"],
        table=overview.definitions_table(),
    )


def is_number(value) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def column_text(values: pd.Series, blank: str = "—") -> list[str]:
    """A slide table's column as text, the same on screen, in the deck and in the report:
    numbers with thousands separators and, when any is not whole, one decimal throughout;
    words (publication mode's "<5") as they are, never evaluated; ``blank`` for none."""
    values = values.astype(object)
    numbers_in = [float(v) for v in values if is_number(v) and not is_missing(v)]
    decimals = 1 if any(not n.is_integer() for n in numbers_in) else 0
    out = []
    for value in values:
        if is_missing(value):
            out.append(blank)
        elif isinstance(value, bool):
            out.append("Yes" if value else "No")
        elif is_number(value):
            out.append(f"{float(value):,.{decimals}f}")
        else:
            out.append(str(value))
    return out


def figure(slide: Slide) -> go.Figure | None:
    """A slide's chart, drawn by the dashboard's own chart functions (None without one)."""
    if slide.kind == "outcome":
        data = slide.data
        table = pd.DataFrame({slide.measure: data["value"].to_numpy(float)}, index=data["year"])
        too_little = {
            year: note for year, note in zip(data["year"], data["note"], strict=True) if note
        }
        return line_charts.trend_chart(
            table,
            slide.measure,
            target=slide.target_value,
            too_little=too_little,
            title=slide.title,
        )
    if slide.kind == "benchmark" and not slide.data.empty:
        return bar_charts.ranked_bars(
            slide.data,
            label="section",
            value="score",
            title=slide.title,
            x_title="Median section score (0-100)",
            value_format=".0f",
            y_title="Section",
        )
    return None
