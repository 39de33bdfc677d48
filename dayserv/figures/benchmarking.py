"""The benchmark ("Where are you at?", seed 001) -> the figures of the Benchmark page.

It is scored as the contract says: YD 3, YAB 2, NP 1, NAA 0 points; N/A and blanks left
out; a section's score is the mean of its answered statements' points / 3 as a percentage
(``measures.section_scores``, which every score here comes from). Here: the scores by
section, the answers' distribution, the gaps, and how fully each service answered; the
respondents' and the peers' comparisons are in ``comparisons``.

Every function is pure, takes the tables as the sidebar's filter left them, and is
vectorised: a benchmark can hold 20,000 service-years of 65 statements.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dayserv import frameworks
from dayserv.figures.formats import first_upper, shorten
from dayserv.figures.measures import section_scores
from dayserv.figures.per_frame import per_frame, whole_of
from dayserv.figures.slices import holds_value, in_year, services_of, years_of

OVERALL = "Overall"
BLANK = "Blank"
GAP_RESPONSES = ("NP", "NAA")
RESPONSE_ORDER = (*frameworks.RESPONSE_CODES, BLANK)
RESPONSE_WORDS = {r.code: r.words for r in frameworks.RESPONSES} | {BLANK: "Left blank"}
RESPONDENTS = ("Service user", "Staff", "Carer", "Commissioner")
STATEMENT_COUNT = len(frameworks.STATEMENTS)
MAX_POINTS = 3

SEED_QUOTE = (
    "The key to benchmarking your service(s) is honest reflection and discussion. It is "
    "useful to ask 'how' you fulfil a certain benchmark and whether you have room for "
    "further improvement. Attaching an exact score to a standard is less important than "
    "thinking about the implications of the standard for your service(s)"
)
SCORE_DEFINITION = (
    "A section's score is the mean of its answered statements' points (YD 3, YAB 2, NP 1, "
    "NAA 0) divided by 3, as a percentage from 0 to 100, all respondents pooled; N/A and "
    "blanks are left out. Overall is the mean of the service's section scores."
)
NO_BENCHMARK = (
    "This workbook has no Benchmark sheet. Add a Benchmark sheet to see where each service "
    'stands on the 65 statements of "Where are you at?": Service, Year, Statement, '
    "Response (YD, YAB, NP, NAA or N/A) and, to compare perspectives, Respondent (Service "
    "user, Staff, Carer, Commissioner); or one column per statement ID. The template has "
    "it: download it in the sidebar, fill it in and upload the workbook again."
)
NO_RESPONDENTS = (
    "This Benchmark sheet does not say who answered, so perspectives cannot be compared. "
    "Add a Respondent column (Service user, Staff, Carer or Commissioner) to see where "
    "staff, service users, carers and commissioners see a service differently."
)
HEATMAP_SERVICES = 30  # the heatmap shows this many highest and lowest services

STATEMENT_ORDER = {s: i for i, s in enumerate(frameworks.STATEMENT_IDS)}
STATEMENT_TEXT = {s.id: s.text for s in frameworks.STATEMENTS}
STATEMENT_SECTION = {s.id: s.section for s in frameworks.STATEMENTS}


# ---------------------------------------------------------------- words and years


def section_label(number: int) -> str:
    """A section as axes and tables name it: 7 -> "7 Users Leading and Providing Services"."""
    return f"{number} {frameworks.section_name(int(number))}"


SECTION_LABELS = tuple(section_label(s.number) for s in frameworks.SECTIONS)
MATRIX_COLUMNS = ["service", "year", *SECTION_LABELS, OVERALL]  # score_matrix's


def section_words(number: int) -> str:
    """A section in a sentence: "section 7, Users Leading and Providing Services"."""
    return f"section {number}, {frameworks.section_name(int(number))}"


def statement_text(statement_id: str) -> str:
    """The statement's words as the seed prints them."""
    return STATEMENT_TEXT[str(statement_id)]


def statement_label(statement_id: str, width: int = 40) -> str:
    """The statement's ID and the start of its words, for an axis: "7.12 We support…"."""
    return shorten(f"{statement_id} {statement_text(statement_id)}", width)


def response_key() -> str:
    """The benchmark's response key in words, with the points each answer scores."""
    parts = [
        f"**{r.code}** {r.words} ({r.points} point{'s' if r.points != 1 else ''})"
        if r.points is not None
        else f"**{r.code}** {r.words} (left out of the scores)"
        for r in frameworks.RESPONSES
    ]
    return " · ".join(parts)


def sections_of(benchmark: pd.DataFrame) -> list[int]:
    """The section numbers with answers, in order."""
    return sorted(int(s) for s in pd.unique(benchmark["section"].dropna()))


def has_respondents(benchmark: pd.DataFrame) -> bool:
    """Whether the Benchmark sheet says who answered (a Respondent column with values)."""
    return "respondent" in benchmark and bool(benchmark["respondent"].notna().any())


def _responses(benchmark: pd.DataFrame) -> pd.Categorical:
    """Each row's response in the key's order, a blank as "Blank"."""
    values = benchmark["response"].astype(object)
    return pd.Categorical(values.where(values.notna(), BLANK), categories=RESPONSE_ORDER)


# ---------------------------------------------------------------- section scores


def score_matrix(
    benchmark: pd.DataFrame, year: str | None = None, sort_by: str = OVERALL
) -> pd.DataFrame:
    """One row per service of the year (the latest when None): its score 0-100 in each of
    the 8 sections (columns named "1 Recovery" ... "8 Meeting the Needs of Carers") and
    ``Overall``, the mean of its section scores (each section counting once).

    Scores come from ``measures.section_scores`` and are rounded to one decimal. A service
    that answered a section only with N/A or blanks has no score there. Rows are sorted by
    ``sort_by`` (a section label or ``Overall``), highest first, services without a score
    last.

    A filter's answers (``filters.of_services``: whole service-years of the portfolio's)
    take the portfolio's scores of the year, worked out once for every filter, cut to their
    services: each service-year's scores come from its own answers alone.
    """
    years = years_of(benchmark)
    if not years:
        return pd.DataFrame(columns=MATRIX_COLUMNS)
    year = year or years[-1]
    rows = in_year(benchmark, year)
    whole = whole_of(benchmark)
    if whole is not None and len(rows):
        matrix = _whole_matrix(whole, year, sort_by)
        return matrix.loc[matrix["service"].isin(services_of(rows))].reset_index(drop=True)
    return _matrix(rows, year, sort_by)


@per_frame
def _matrices(benchmark: pd.DataFrame) -> dict[tuple[str, str], pd.DataFrame]:
    """The score matrices worked out from a whole benchmark, by year and sort."""
    return {}


def _whole_matrix(whole: pd.DataFrame, year: str, sort_by: str) -> pd.DataFrame:
    kept = _matrices(whole)
    if (year, sort_by) not in kept:
        kept[(year, sort_by)] = _matrix(in_year(whole, year), year, sort_by)
    return kept[(year, sort_by)]


def _matrix(rows: pd.DataFrame, year: str, sort_by: str) -> pd.DataFrame:
    """``score_matrix`` of one year's answers."""
    scores = section_scores(rows)
    wide = scores.pivot_table(
        index="service", columns="section", values="score", aggfunc="first", observed=True
    )
    wide = wide.reindex(columns=range(1, len(frameworks.SECTIONS) + 1))
    wide.columns = list(SECTION_LABELS)
    wide.index = wide.index.astype(str)
    wide = wide.reindex(services_of(rows))
    wide[OVERALL] = wide[list(SECTION_LABELS)].mean(axis=1)
    wide = wide.rename_axis("service").reset_index()
    wide.insert(1, "year", year)
    wide = wide.sort_values(
        [sort_by, "service"], ascending=[False, True], na_position="last", kind="stable"
    )
    wide[[*SECTION_LABELS, OVERALL]] = wide[[*SECTION_LABELS, OVERALL]].round(1)
    return wide[MATRIX_COLUMNS].reset_index(drop=True)


def top_and_bottom(matrix: pd.DataFrame, n: int = 30) -> tuple[pd.DataFrame, int]:
    """The first and last ``n`` rows of a sorted table and how many were left out between
    them (0, and the whole table, when it has no more than 2n rows)."""
    if len(matrix) <= 2 * n:
        return matrix, 0
    return pd.concat([matrix.head(n), matrix.tail(n)]), len(matrix) - 2 * n


def section_medians(matrix: pd.DataFrame) -> pd.Series:
    """The median score of each section over the services of a score matrix."""
    return matrix[list(SECTION_LABELS)].median()


def score_finding(matrix: pd.DataFrame) -> str:
    """The heatmap's title: the section with the lowest median score, e.g. "Section 7,
    Users Leading and Providing Services, scores lowest: median 41 of 100 (2025/26)"."""
    medians = section_medians(matrix).dropna()
    if medians.empty:
        return "No section scores: every answer was N/A or blank"
    lowest = medians.idxmin()
    number = SECTION_LABELS.index(lowest) + 1
    year = f" ({matrix['year'].iloc[0]})" if len(matrix) else ""
    section = first_upper(section_words(number))
    if len(matrix) == 1:
        return (
            f"{section}, scores lowest for {matrix['service'].iloc[0]}: "
            f"{medians[lowest]:.0f} of 100{year}"
        )
    return f"{section}, scores lowest: median {medians[lowest]:.0f} of 100{year}"


# ---------------------------------------------------------------- answers


def response_distribution(
    benchmark: pd.DataFrame, by: str = "section", section: int | None = None
) -> pd.DataFrame:
    """How the answers fall, per section (``by="section"``) or per statement
    (``by="statement"``, of one ``section`` if given): one row per section or statement
    and response, every response present, in the key's order with "Blank" last.

    Columns: section, label ("1 Recovery", or "1.2a" and the start of its words),
    [statement, text,] response,
    response_words, count, share. ``share`` is the count over all the answer rows of the
    section or statement, N/A and blanks included, so the six shares add up to 1 and a
    diverging bar plus its N/A and blank part is the whole.
    """
    if by not in ("section", "statement"):
        raise ValueError(f"by must be 'section' or 'statement', not {by!r}")
    rows = benchmark
    if section is not None:
        rows = rows.loc[rows["section"].eq(int(section)).to_numpy(bool)]
    keys = ["section"] if by == "section" else ["section", "statement"]
    frame = pd.DataFrame(
        {
            "section": rows["section"].astype("int64"),
            "statement": rows["statement"].astype(object) if by == "statement" else 0,
            "response": _responses(rows),
        }
    )
    if by == "section":
        columns = ["section", "label", "response", "response_words", "count", "share"]
    else:
        columns = ["section", "label", "statement", "text"]
        columns += ["response", "response_words", "count", "share"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    counts = pd.crosstab([frame[k] for k in keys], frame["response"], dropna=False)
    counts = counts.reindex(columns=list(RESPONSE_ORDER), fill_value=0)
    counts = counts.loc[counts.sum(axis=1) > 0]
    shares = counts.div(counts.sum(axis=1), axis=0)
    long = pd.DataFrame({"count": counts.stack(), "share": shares.stack()}).reset_index()
    long["count"] = long["count"].astype("int64")
    long["response"] = long["response"].astype(str)
    long["response_words"] = long["response"].map(RESPONSE_WORDS)
    if by == "section":
        long["label"] = long["section"].map(section_label)
        long["order"] = long["section"]
    else:
        long["label"] = long["statement"].map(statement_label)
        long["text"] = long["statement"].map(STATEMENT_TEXT)
        long["order"] = long["statement"].map(STATEMENT_ORDER)
    long["response_order"] = long["response"].map(RESPONSE_ORDER.index)
    long = long.sort_values(["order", "response_order"], kind="stable")
    return long[columns].reset_index(drop=True)


def gap_share(distribution: pd.DataFrame) -> pd.DataFrame:
    """Per section or statement of a distribution: the NP and NAA answers and their share
    of all its answer rows (columns: the distribution's keys, gap_answers, answers, share)."""
    keys = [c for c in ("section", "label", "statement", "text") if c in distribution]
    gap = distribution["count"].where(distribution["response"].isin(GAP_RESPONSES), 0)
    out = (
        distribution.assign(gap=gap)
        .groupby(keys, sort=False)[["gap", "count"]]
        .sum()
        .rename(columns={"gap": "gap_answers", "count": "answers"})
        .reset_index()
    )
    out["share"] = out["gap_answers"] / out["answers"].replace(0, np.nan)
    return out


def worst_section(distribution: pd.DataFrame) -> int | None:
    """The section with the largest share of NP and NAA answers in a per-section
    distribution (None when there are no answers)."""
    shares = gap_share(distribution).dropna(subset=["share"])
    if shares.empty:
        return None
    return int(shares.loc[shares["share"].idxmax(), "section"])


def distribution_finding(distribution: pd.DataFrame) -> str:
    """The diverging bars' title: the section or statement with the largest share of
    "not particularly" and "not at all" answers."""
    shares = gap_share(distribution).dropna(subset=["share"])
    if shares.empty:
        return "No answers to show"
    worst = shares.loc[shares["share"].idxmax()]
    share = f"{worst['share']:.0%} of answers"
    if "statement" in shares:
        return (
            f"Statement {worst['statement']} has the most 'not particularly' or 'not at all' "
            f"answers in section {worst['section']}: {share}"
        )
    return (
        f"{first_upper(section_words(worst['section']))}, has the most 'not particularly' or "
        f"'not at all' answers: {share}"
    )


def gaps(benchmark: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """The ``top`` statements most often answered NP or NAA across the services shown.

    Columns: statement, text, section, gap_answers (NP and NAA answers), answers (every
    answer row of the statement, N/A and blanks included), share (gap_answers / answers),
    services (services with at least one NP or NAA answer to it), label (ID and the start
    of its words, for a chart's axis). Most gap answers first, then the larger share, then
    seed order; statements never answered NP or NAA are not gaps.
    """
    columns = [
        "statement",
        "text",
        "section",
        "gap_answers",
        "answers",
        "share",
        "services",
        "label",
    ]
    if benchmark.empty:
        return pd.DataFrame(columns=columns)
    statement = benchmark["statement"].astype(object)
    is_gap = benchmark["response"].isin(GAP_RESPONSES).fillna(False).to_numpy(bool)
    answers = statement.value_counts()
    gap_rows = benchmark.loc[is_gap]
    gap_statement = statement.loc[is_gap]
    out = pd.DataFrame(
        {
            "gap_answers": gap_statement.value_counts(),
            "services": gap_rows["service"].astype(object).groupby(gap_statement).nunique(),
        }
    )
    if out.empty:
        return pd.DataFrame(columns=columns)
    out["answers"] = answers.reindex(out.index)
    out["share"] = out["gap_answers"] / out["answers"]
    out = out.rename_axis("statement").reset_index()
    out["order"] = out["statement"].map(STATEMENT_ORDER)
    out = out.sort_values(
        ["gap_answers", "share", "order"], ascending=[False, False, True], kind="stable"
    ).head(top)
    out["label"] = out["statement"].map(statement_label)
    out["section"] = out["statement"].map(STATEMENT_SECTION)
    out["text"] = out["statement"].map(STATEMENT_TEXT)
    for column in ("gap_answers", "answers", "services"):
        out[column] = out[column].astype("int64")
    return out[columns].reset_index(drop=True)


def gaps_finding(table: pd.DataFrame) -> str:
    """The gaps chart's title, e.g. "Statement 7.12 is most often answered 'not
    particularly' or 'not at all': 24 answers (61%) from 9 services"."""
    if table.empty:
        return "No statement was answered 'not particularly' or 'not at all'"
    first = table.iloc[0]
    services = f"{first['services']} service{'s' if first['services'] != 1 else ''}"
    return (
        f"Statement {first['statement']} is most often answered 'not particularly' or "
        f"'not at all': {first['gap_answers']} answers ({first['share']:.0%}) from {services}"
    )


def gap_services(benchmark: pd.DataFrame, statement: str) -> pd.DataFrame:
    """The services that answered one statement NP or NAA: one row per service and year.

    Columns: service, year, not_particularly, not_at_all (answers of each), answers (every
    answer row the service gave the statement), respondents (who answered it so, e.g.
    "Service user, Staff"; empty without a Respondent column). Most NP and NAA answers first.
    """
    columns = [
        "service",
        "year",
        "not_particularly",
        "not_at_all",
        "answers",
        "respondents",
    ]
    rows = benchmark.loc[holds_value(benchmark["statement"], statement)]
    response = rows["response"].astype(object)
    frame = pd.DataFrame(
        {
            "service": rows["service"].astype(str),
            "year": rows["year"].astype(str),
            "not_particularly": response.eq("NP"),
            "not_at_all": response.eq("NAA"),
            "answers": 1,
            "respondent": rows["respondent"].astype(object) if "respondent" in rows else None,
        }
    )
    frame = frame.assign(gap=frame["not_particularly"] | frame["not_at_all"])
    table = frame.groupby(["service", "year"])[["not_particularly", "not_at_all", "answers"]].sum()
    table = table.loc[(table["not_particularly"] + table["not_at_all"]) > 0]
    if table.empty:
        return pd.DataFrame(columns=columns)
    who = frame.loc[frame["gap"] & frame["respondent"].notna()]
    names = who.groupby(["service", "year"])["respondent"].agg(
        lambda groups: ", ".join(sorted(set(groups), key=respondent_order))
    )
    table["respondents"] = names.reindex(table.index).fillna("")
    table = table.reset_index()
    table["gap"] = table["not_particularly"] + table["not_at_all"]
    table = table.sort_values(
        ["gap", "not_at_all", "service", "year"],
        ascending=[False, False, True, True],
        kind="stable",
    )
    for column in ("not_particularly", "not_at_all", "answers"):
        table[column] = table[column].astype("int64")
    return table[columns].reset_index(drop=True)


def respondent_order(name: str) -> int:
    return RESPONDENTS.index(name) if name in RESPONDENTS else len(RESPONDENTS)


def for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """A table for the screen and its CSV: mean points and their differences to 2 decimals,
    scores and changes to 1; shares and counts as they are."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_float_dtype(out[column]) or "share" in str(column):
            continue
        points = "points" in str(column) or column in (*RESPONDENTS, "difference")
        out[column] = out[column].round(2 if points else 1)
    return out


# ---------------------------------------------------------------- coverage


def coverage(benchmark: pd.DataFrame) -> pd.DataFrame:
    """How fully each service answered the benchmark, one row per service and year.

    A statement counts as answered when someone gave it YD, YAB, NP or NAA; as N/A when
    its only answers were N/A; and as blank when it has no answer (its rows left blank,
    or missing from the sheet). Columns: year, service, answered, not_appropriate, blank
    (the three add up to 65), answered_share (answered / 65). Fewest statements answered
    first.
    """
    columns = [
        "year",
        "service",
        "answered",
        "not_appropriate",
        "blank",
        "answered_share",
    ]
    if benchmark.empty:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(
        {
            "year": benchmark["year"],
            "service": benchmark["service"],
            "statement": benchmark["statement"],
            "scored": benchmark["points"].notna().to_numpy(bool),
            "na": benchmark["response"].eq("N/A").fillna(False).to_numpy(bool),
        }
    )
    keys = ["year", "service", "statement"]
    per_statement = frame.groupby(keys, observed=True)[["scored", "na"]].any()
    answered = per_statement["scored"]
    marked_na = per_statement["na"] & ~answered
    out = pd.DataFrame(
        {
            "answered": answered.groupby(level=[0, 1], observed=True).sum(),
            "not_appropriate": marked_na.groupby(level=[0, 1], observed=True).sum(),
        }
    ).astype("int64")
    out.index = pd.MultiIndex.from_arrays(
        [out.index.get_level_values(i).astype(str) for i in (0, 1)], names=["year", "service"]
    )
    out["blank"] = STATEMENT_COUNT - out["answered"] - out["not_appropriate"]
    out["answered_share"] = out["answered"] / STATEMENT_COUNT
    out = out.reset_index().sort_values(
        ["answered", "year", "service"], ascending=[True, True, True], kind="stable"
    )
    return out[columns].reset_index(drop=True)


def coverage_words(table: pd.DataFrame) -> str:
    """One sentence on a year's coverage, e.g. "12 of 18 services answered all 65
    statements; 2 left 5 or more blank; 4 marked at least one N/A"."""
    if table.empty:
        return "No service answered the benchmark."
    total = len(table)
    complete = int(table["answered"].eq(STATEMENT_COUNT).sum())
    blanks = int(table["blank"].ge(5).sum())
    marked = int(table["not_appropriate"].gt(0).sum())
    return (
        f"{complete} of {total} services answered all {STATEMENT_COUNT} statements; "
        f"{blanks} left 5 or more blank; {marked} marked at least one N/A "
        "(not appropriate, left out of the scores)."
    )
