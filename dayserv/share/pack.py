"""The meeting pack: what a strategic forum is shown, slide by slide.

One list of slides feeds the presentation mode on screen, the PowerPoint deck and the HTML
report, so the three always say the same: a title slide naming the area (its years, filters
and a short summary), the six anticipated outcomes on one slide (each with its figure,
direction of travel and target in words), the portfolio at a glance, one slide per
anticipated outcome (the finding, the headline figure, the direction of travel, the outcome
in the commissioners' checklist's words), "How we compare" when the pack is given a
comparison of areas, "Proposed changes" when it is given a projected plan (each slide marked
"PROPOSED — not decided"), the benchmark summary, and an appendix: the data-quality notes,
what the pack is made from and what it leaves out, and the measures' definitions.

A slide with nothing to show (an outcome with no figures, no benchmark answers, no
services) is left out, and the appendix says which and why. Every slide carries speaker
notes: its figures in words and the exact definitions of its measures.

Pure: it takes the portfolio, the filter and the publication rule, and returns text and
tables. ``figure`` draws a slide's chart with the dashboard's own chart functions. What a
slide holds is ``slide.Slide``; the outcome slides are written by ``outcome_slides``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go

from dayserv import frameworks
from dayserv.figures import (
    benchmarking,
    compare_view,
    formats,
    outcomes,
    overview,
    quality,
    slices,
    slide_words,
    summary,
)
from dayserv.figures.filters import Filter
from dayserv.figures.headline import headline
from dayserv.figures.measures import DEFINITIONS, MEASURE_ORDER, yearly_measures
from dayserv.figures.plan import Projection
from dayserv.figures.publication import Publication
from dayserv.read.clean import Portfolio
from dayserv.read.left_out import left_out_of
from dayserv.read.problems import SEVERITIES
from dayserv.share.outcome_slides import outcome_slide, outcomes_slide, year_bases
from dayserv.share.plan_slides import plan_slides
from dayserv.share.provenance import Provenance, area_name, of_view
from dayserv.share.slide import Slide
from dayserv.show import bar_charts, line_charts

PROBLEMS_LISTED = 12  # the appendix lists the commonest problems; the Data quality page has all


@dataclass(frozen=True)
class Pack:
    """The slides, where their figures come from, the area they are about, and the slides
    left out for having nothing to show (each with why)."""

    slides: list[Slide]
    provenance: Provenance
    area: str = ""
    left_out: tuple[tuple[str, str], ...] = ()

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
    area: str | None = None,
    tables: Mapping[str, pd.DataFrame] | None = None,
    measures: pd.DataFrame | None = None,
    coverage: pd.DataFrame | None = None,
    left_out: str | None = None,
) -> Pack:
    """The meeting pack of a portfolio under a filter and a publication rule, against
    ``targets`` (by default the portfolio's Targets sheet), about ``area`` (by default the
    portfolio's own name: see ``area_name``); with ``comparison`` (the Compare areas
    page's), a "How we compare" slide after the outcomes; with ``plan`` (a projected plan
    of the whole portfolio), its "Proposed changes" slides after that.

    ``tables``, ``measures`` and ``coverage``: the portfolio's tables as ``chosen`` narrows
    them, their ``yearly_measures`` and their ``year_coverage``, when already worked out
    (the pages' own, kept per filter: 0.07 s of a change of filter at 20,000 service-years);
    ``left_out``: ``quality.left_out_words`` of the portfolio, kept per portfolio (10 ms);
    each worked out here when not given. They are read, never changed."""
    targets = portfolio.tables["targets"] if targets is None else targets
    chosen = chosen or Filter()
    publication = publication or Publication()
    tables = chosen.tables(portfolio.tables) if tables is None else tables
    services, funding = tables["services"], tables["funding"]
    provenance = of_view(
        portfolio.source_label,
        chosen,
        services,
        publication,
        produced,
        left_out=quality.left_out_words(portfolio) if left_out is None else left_out,
    )
    name = area_name(portfolio, area)
    table = yearly_measures(services, funding) if measures is None else measures
    coverage = outcomes.year_coverage(services, funding) if coverage is None else coverage
    left_out: list[tuple[str, str]] = []

    def shown(slide: Slide, why: str) -> list[Slide]:
        """The slide, or nothing when it has nothing to show (and why, for the appendix)."""
        if why:
            left_out.append((slide.heading, why))
            return []
        return [slide]

    outcome_slides = []
    for outcome in frameworks.OUTCOMES:
        slide = outcome_slide(outcome, table, coverage, targets)
        outcome_slides += shown(slide, _nothing_to_chart(slide, table, targets))
    glance = glance_slide(services, publication)
    benchmark = benchmark_slide(tables["benchmark"])
    middle = [
        *shown(glance, "" if not glance.table.empty else "No services in this view."),
        *outcome_slides,
        *([compare_slide(comparison)] if comparison is not None else []),
        *(plan_slides(plan, targets) if plan is not None else []),
        *shown(benchmark, "" if not benchmark.data.empty else benchmark.text),
    ]
    problems = len(portfolio.problems) > 0
    appendix = [
        *([quality_slide(portfolio.problems, provenance.left_out)] if problems else []),
        about_slide(name, provenance, left_out, portfolio.problems),
        definitions_slide(table),
    ]
    words = summary.portfolio_summary(
        table,
        targets,
        services,
        area=name,
        chosen=chosen,
        left_out=left_out_of(portfolio, "services"),
    )
    first = [
        title_slide(provenance, chosen.summary(portfolio.services), name, words),
        outcomes_slide(table, targets),
    ]
    slides = [with_notes(slide) for slide in [*first, *middle, *appendix]]
    if left_out:  # the title's notes say what is not in the pack, for the presenter
        slides[0] = replace(slides[0], notes=slides[0].notes + "\n" + _left_out_words(left_out))
    return Pack(slides, provenance, name, tuple(left_out))


def _nothing_to_chart(slide: Slide, table: pd.DataFrame, targets: pd.DataFrame) -> str:
    """Why an outcome slide is left out ("" when it has a figure to show)."""
    if slide.data["value"].notna().any():
        return ""
    return "No figures in this view. " + headline(table, slide.measure, targets).note


def _left_out_words(left_out: list[tuple[str, str]]) -> str:
    return (
        "Left out, with nothing to show: "
        + "; ".join(f"{what} ({formats.first_upper(why).rstrip('.')})" for what, why in left_out)
        + "."
    )


def title_slide(provenance: Provenance, shown: str, area: str = "", words: str = "") -> Slide:
    """The area, its portfolio in a short paragraph (``summary.portfolio_summary``), and the
    pack's years and filters (the file it was made from is in the footer and the appendix)."""
    facts = pd.DataFrame(
        [
            ("Services", shown),
            *(row for row in provenance.rows() if row[0] != "Source file"),
        ],
        columns=["", "This pack"],
    ).astype(str)
    area = area or provenance.source
    return Slide(
        kind="title",
        heading="Modernising day services: meeting pack",
        title=f"{area}: where our day services stand",
        text=words,
        table=facts,
        notes="\n".join(
            [
                f"Meeting pack for {area}. {words}",
                *(f"{label}: {value}." for label, value in facts.itertuples(index=False)),
                f"Made from {provenance.source}.",
            ]
        ),
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
    return Pack([with_notes(compare_slide(comparison))], provenance)


def benchmark_slide(benchmark: pd.DataFrame) -> Slide:
    heading = "Where are you at? Benchmark"
    matrix = benchmarking.score_matrix(benchmark)
    if matrix.empty:
        return Slide(
            "benchmark",
            heading,
            "No benchmark answers in this view",
            text="No benchmark answers in this view: add a Benchmark sheet (the 65 statements "
            "of Where are you at?) to see it.",
        )
    medians = benchmarking.section_medians(matrix)
    data = pd.DataFrame({"section": list(medians.index), "score": medians.round(1).to_numpy()})
    data = data.dropna(subset=["score"]).reset_index(drop=True)
    year = matrix["year"].iloc[0]
    title = benchmarking.score_finding(matrix)
    if data.empty:
        return Slide("benchmark", heading, title, text=f"{title}.")
    scores = ", ".join(f"{row.section} {row.score:.0f}" for row in data.itertuples())
    return Slide(
        kind="benchmark",
        heading=heading,
        title=title,
        text=(
            f"Median score of the {len(matrix)} services assessed in {year}, from 0 (not at "
            "all) to 100 (yes, definitely)."
        ),
        data=data,
        notes="\n".join(
            [
                f"{title}.",
                f"Median section scores, {year}: {scores}.",
                f"Each of the {len(matrix)} services answers the statements of Where are you "
                "at?: Yes definitely 3 points, Yes a bit 2, Not particularly 1, Not at all 0; "
                "a section's score is its points over 3 times its statements, from 0 to 100, "
                "and the slide shows the median of the services.",
                f"The guide's advice: “{benchmarking.SEED_QUOTE}.”",
            ]
        ),
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


QUALITY_WORDS = (
    "Errors are rows left out of every figure; warnings are values left blank with the row "
    "kept; notes are for information."
)


def _problem_words(problems: pd.DataFrame) -> str:
    counts = problems["severity"].astype(str).value_counts()
    return ", ".join(
        f"{int(counts.get(s, 0))} {s}{'s' if counts.get(s, 0) != 1 else ''}" for s in SEVERITIES
    )


def quality_slide(problems: pd.DataFrame, left_out: str = "") -> Slide:
    words = _problem_words(problems)
    return Slide(
        kind="appendix",
        heading="Appendix: data quality",
        title=f"Data quality: {words}" if len(problems) else "Data quality: no problems found",
        text=(f"{left_out}. " if left_out else "") + QUALITY_WORDS,
        table=problem_summary(problems),
        notes=f"The Data quality page lists every problem with its sheet, row and column. "
        f"{QUALITY_WORDS}",
    )


def about_slide(
    area: str, provenance: Provenance, left_out: list[tuple[str, str]], problems: pd.DataFrame
) -> Slide:
    """What the pack is made from (area, file, filters, years) and the slides it leaves
    out, each with why."""
    rows = [("Area", area), *provenance.rows()]
    if not len(problems):
        rows.append(("Data quality", "No problems found"))
    rows += [(f"Left out: {what}", why) for what, why in left_out]
    text = (
        f"{len(left_out)} slide{'s' if len(left_out) != 1 else ''} left out, with nothing to "
        "show: the table says why."
        if left_out
        else "Every slide has figures to show: none was left out."
    )
    return Slide(
        kind="appendix",
        heading="Appendix: about this pack",
        title="What this pack is made from",
        text=text,
        table=pd.DataFrame(rows, columns=["", "This pack"]).astype(str),
    )


def _weighting_plain(table: pd.DataFrame) -> str:
    """How the shares were weighted in this view, in words."""
    used = table["weighting"].dropna() if "weighting" in table else pd.Series(dtype=object)
    kinds = set(used)
    if kinds == {"funding"}:
        return "by funding in every year"
    if kinds == {"services"}:
        return "each service once in every year"
    by = [str(year) for year, value in used.items() if value == "funding"]
    return f"by funding in {', '.join(by)}; each service once in the other years"


def definitions_slide(table: pd.DataFrame) -> Slide:
    """What each measure means in plain words (the exact definitions are in the notes)."""
    exact = overview.definitions_table()
    measures = [m for m in MEASURE_ORDER if m in DEFINITIONS and m != "weighting"]
    plain = pd.DataFrame(
        {
            "Measure": [slide_words.plain_name(m) for m in measures],
            "Definition": [slide_words.plain_definition(m) for m in measures],
        }
    )
    text = (
        "Shares of activity and the diversity of sectors count each service by its funding "
        "when every service that year has a funding figure, otherwise once each; user-run "
        "shares always count each service once."
    )
    if not table.empty:
        text += f" Here: {_weighting_plain(table)}."
    return Slide(
        kind="appendix",
        heading="Appendix: what the measures mean",
        title="How each figure in this pack is worked out",
        text=text,
        table=plain,
        notes="\n".join(
            [
                "The exact definitions:",
                *(f"{m}: {d}" for m, d in exact.itertuples(index=False)),
                f"Weighting: {DEFINITIONS['weighting']}",
            ]
        ),
    )


def with_notes(slide: Slide) -> Slide:
    """The slide with speaker notes: its own, or its title, words and table in words."""
    if slide.notes:
        return slide
    lines = [f"{slide.title}."]
    if slide.text:
        lines.append(slide.text)
    if not slide.table.empty:
        columns = (column_text(slide.table[column]) for column in slide.table.columns)
        texts = [list(row) for row in zip(*columns, strict=True)]
        lines += slide_words.table_lines(slide.table, texts)
    return replace(slide, notes="\n".join(lines))


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
        drawn = line_charts.trend_chart(
            table,
            slide.measure,
            target=slide.target_value,
            too_little=too_little,
            title=slide.title,
            bases=year_bases(data),
        )
        return drawn
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
