"""Tidy assessment tables -> the figures of the Benchmark and Good practice pages.

The benchmark ("Where are you at?", seed 001) is scored as the contract says: YD 3,
YAB 2, NP 1, NAA 0 points; N/A and blanks left out; a section's score is the mean of its
answered statements' points / 3 as a percentage (``measures.section_scores``, which every
score here comes from). The good practice guide (seed 002) rates each service Strong,
Some or None on its 7 key features and its outcomes item.

Every function is pure, takes the tables as the sidebar's filter left them, and is
vectorised: a benchmark can hold 20,000 service-years of 65 statements.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from dayserv import frameworks
from dayserv.figures.measures import section_scores

OVERALL = "Overall"
BLANK = "Blank"
NOT_RATED = "Not rated"
GAP_RESPONSES = ("NP", "NAA")
RESPONSE_ORDER = (*frameworks.RESPONSE_CODES, BLANK)
RESPONSE_WORDS = {r.code: r.words for r in frameworks.RESPONSES} | {BLANK: "Left blank"}
RESPONDENTS = ("Service user", "Staff", "Carer", "Commissioner")
STATEMENT_COUNT = len(frameworks.STATEMENTS)
MAX_POINTS = 3
RATINGS = (*frameworks.GOOD_PRACTICE_RATINGS, NOT_RATED)

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
NO_GOOD_PRACTICE = (
    "This workbook has no GoodPractice sheet. Add a GoodPractice sheet to rate each "
    "service on the 7 key features and the outcomes item of \"Identifying Good 'Socially "
    "Inclusive' Practice\": Service, Year, Feature (A1 to A7, B), Rating (Strong, Some, "
    "None) and, optionally, Evidence. The template has it: download it in the sidebar, "
    "fill it in and upload the workbook again."
)
FILTERED_OUT = (
    "None of the services in the sidebar's filter has {what}. Widen the filters to see it."
)
NO_RESPONDENTS = (
    "This Benchmark sheet does not say who answered, so perspectives cannot be compared. "
    "Add a Respondent column (Service user, Staff, Carer or Commissioner) to see where "
    "staff, service users, carers and commissioners see a service differently."
)

FLAGS_DEFINITION = (
    "A statement is for discussion when two groups of respondents differ by a point or more "
    "on average (YD 3, YAB 2, NP 1, NAA 0): the mean points of each group's answers, the "
    "services shown pooled. The table gives each group's mean points."
)
PEERS_DEFINITION = (
    "The middle half of services lies between the lower quartile (Q1) and the upper "
    "quartile (Q3) of the services shown with a score in that section and year (quartiles "
    "by linear interpolation, as Excel's QUARTILE.INC). Change is since the service's "
    "previous benchmark year, in points of the 0–100 score."
)
HEATMAP_SERVICES = 30  # the heatmap shows this many highest and lowest services

_STATEMENT_ORDER = {s: i for i, s in enumerate(frameworks.STATEMENT_IDS)}
_STATEMENT_TEXT = {s.id: s.text for s in frameworks.STATEMENTS}
_STATEMENT_SECTION = {s.id: s.section for s in frameworks.STATEMENTS}
_FEATURES = {f.id: f for f in frameworks.FEATURES}


# ---------------------------------------------------------------- words and years


def section_label(number: int) -> str:
    """A section as axes and tables name it: 7 -> "7 Users Leading and Providing Services"."""
    return f"{number} {frameworks.section_name(int(number))}"


SECTION_LABELS = tuple(section_label(s.number) for s in frameworks.SECTIONS)


def section_words(number: int) -> str:
    """A section in a sentence: "section 7, Users Leading and Providing Services"."""
    return f"section {number}, {frameworks.section_name(int(number))}"


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _shorten(text: str, width: int) -> str:
    """The text cut at a word (not inside a hyphenated one) to fit ``width``, with "…"."""
    if len(text) <= width:
        return text
    head = textwrap.wrap(text, width - 1, break_on_hyphens=False)[0]
    return head.rstrip(",;:") + "…"


def statement_text(statement_id: str) -> str:
    """The statement's words as the seed prints them."""
    return _STATEMENT_TEXT[str(statement_id)]


def statement_label(statement_id: str, width: int = 40) -> str:
    """The statement's ID and the start of its words, for an axis: "7.12 We support…"."""
    return _shorten(f"{statement_id} {statement_text(statement_id)}", width)


def feature_label(feature_id: str) -> str:
    """A key feature as axes name it: "A1 Open to a wide range of people"."""
    return f"{feature_id} {_FEATURES[feature_id].text}"


# Short enough to slant over a grid's column: the ID and the start of the feature's words.
FEATURE_AXIS_LABELS = {
    feature.id: _shorten(feature_label(feature.id), 42) for feature in frameworks.FEATURES
}


def response_key() -> str:
    """The benchmark's response key in words, with the points each answer scores."""
    parts = [
        f"**{r.code}** {r.words} ({r.points} point{'s' if r.points != 1 else ''})"
        if r.points is not None
        else f"**{r.code}** {r.words} (left out of the scores)"
        for r in frameworks.RESPONSES
    ]
    return " · ".join(parts)


def bullet_list(heading: str, items: tuple[str, ...] | list[str]) -> str:
    """A bold heading and the items as a markdown list, or a line saying there are none."""
    if not items:
        return f"**{heading}**\n\nThe guide lists none for this feature."
    return f"**{heading}**\n" + "".join(f"\n- {item}" for item in items)


def years_of(frame: pd.DataFrame) -> list[str]:
    """The financial years with rows in a table, in order."""
    if frame.empty:
        return []
    return sorted(frame["year"].dropna().astype(str).unique())


def in_year(frame: pd.DataFrame, year: str | None) -> pd.DataFrame:
    """The rows of one year (of any table with a year column); every row when year is None."""
    if year is None:
        return frame
    return frame.loc[_equals(frame["year"], year)]


def _equals(column: pd.Series, value: str) -> np.ndarray:
    """Where a text or categorical column holds the value (compared as text, fast on
    categories)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = np.flatnonzero(column.cat.categories.astype(str) == str(value))
        return np.isin(column.cat.codes.to_numpy(), codes)
    return (column.astype("string") == str(value)).fillna(False).to_numpy(bool)


def for_service(frame: pd.DataFrame, service: str | None) -> pd.DataFrame:
    """The rows of one service; every row when service is None."""
    if service is None:
        return frame
    return frame.loc[_equals(frame["service"], service)]


def services_of(frame: pd.DataFrame) -> list[str]:
    """The services with rows in a table, alphabetically."""
    return sorted(frame["service"].dropna().astype(str).unique(), key=str.lower)


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
    """
    columns = ["service", "year", *SECTION_LABELS, OVERALL]
    years = years_of(benchmark)
    if not years:
        return pd.DataFrame(columns=columns)
    year = year or years[-1]
    rows = in_year(benchmark, year)
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
    return wide[columns].reset_index(drop=True)


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
    section = _first_upper(section_words(number))
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
        long["text"] = long["statement"].map(_STATEMENT_TEXT)
        long["order"] = long["statement"].map(_STATEMENT_ORDER)
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
        f"{_first_upper(section_words(worst['section']))}, has the most 'not particularly' or "
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
    out["order"] = out["statement"].map(_STATEMENT_ORDER)
    out = out.sort_values(
        ["gap_answers", "share", "order"], ascending=[False, False, True], kind="stable"
    ).head(top)
    out["label"] = out["statement"].map(statement_label)
    out["section"] = out["statement"].map(_STATEMENT_SECTION)
    out["text"] = out["statement"].map(_STATEMENT_TEXT)
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
    rows = benchmark.loc[_equals(benchmark["statement"], statement)]
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
        lambda groups: ", ".join(sorted(set(groups), key=_respondent_order))
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


def _respondent_order(name: str) -> int:
    return RESPONDENTS.index(name) if name in RESPONDENTS else len(RESPONDENTS)


# ---------------------------------------------------------------- perspectives


def perspectives(benchmark: pd.DataFrame, by: str = "section") -> pd.DataFrame:
    """Each respondent group's view, per section (``by="section"``) or per statement:
    the mean points (0-3) of its answered statements, all services shown pooled, and the
    same as a score 0-100 (mean points / 3 * 100, as the section scores are made).

    Columns: section, label, [statement, text,] respondent, answers (scored answers),
    mean_points, score. Groups in the order Service user, Staff, Carer, Commissioner.
    Empty without a Respondent column.
    """
    keys = ["section"] if by == "section" else ["section", "statement"]
    base = ["section", "label", *(["statement", "text"] if by == "statement" else [])]
    columns = [*base, "respondent", "answers", "mean_points", "score"]
    if not has_respondents(benchmark):
        return pd.DataFrame(columns=columns)
    answered = benchmark.loc[
        benchmark["points"].notna().to_numpy(bool) & benchmark["respondent"].notna().to_numpy(bool)
    ]
    frame = pd.DataFrame(
        {
            "section": answered["section"].astype("int64"),
            "statement": answered["statement"].astype(object) if by == "statement" else 0,
            "respondent": answered["respondent"].astype(object),
            "points": answered["points"].astype("float64"),
        }
    )
    out = (
        frame.groupby([*keys, "respondent"])["points"]
        .agg(answers="size", mean_points="mean")
        .reset_index()
    )
    out["score"] = out["mean_points"] / MAX_POINTS * 100
    out["group_order"] = out["respondent"].map(_respondent_order)
    if by == "section":
        out["label"] = out["section"].map(section_label)
        out = out.sort_values(["section", "group_order"], kind="stable")
    else:
        out["label"] = out["statement"].astype(str)
        out["text"] = out["statement"].map(_STATEMENT_TEXT)
        out["order"] = out["statement"].map(_STATEMENT_ORDER)
        out = out.sort_values(["order", "group_order"], kind="stable")
    out["answers"] = out["answers"].astype("int64")
    return out[columns].reset_index(drop=True)


def discussion_flags(benchmark: pd.DataFrame, threshold: float = 1.0) -> pd.DataFrame:
    """The statements on which two respondent groups differ by ``threshold`` points or more
    on average (0-3 scale): "for discussion", the seed's "honest reflection and discussion".

    Columns: statement, difference (the gap in points between the groups furthest apart),
    highest and lowest (those groups), one column per group present with its mean points,
    section, text. Largest difference first. Empty without respondents or with one group;
    ``threshold=0`` lists every statement that two groups answered.
    """
    views = perspectives(benchmark, by="statement")
    groups = [g for g in RESPONDENTS if g in set(views["respondent"])]
    groups += sorted(set(views["respondent"]) - set(groups))
    columns = [
        "statement",
        "difference",
        "highest",
        "lowest",
        *groups,
        "section",
        "text",
    ]
    if len(groups) < 2:
        return pd.DataFrame(columns=columns)
    wide = views.pivot_table(
        index="statement", columns="respondent", values="mean_points", aggfunc="first"
    ).reindex(columns=groups)
    compared = wide.notna().sum(axis=1) >= 2
    wide = wide.loc[compared]
    # Rounded so that 2/3 - (-1/3)-style float noise cannot decide a flag.
    difference = (wide.max(axis=1) - wide.min(axis=1)).round(9)
    flagged = wide.loc[difference >= threshold].copy()
    flagged["highest"] = flagged[groups].idxmax(axis=1)
    flagged["lowest"] = flagged[groups].idxmin(axis=1)
    flagged["difference"] = difference.loc[flagged.index]
    flagged = flagged.rename_axis(columns=None).reset_index()
    flagged["section"] = flagged["statement"].map(_STATEMENT_SECTION)
    flagged["text"] = flagged["statement"].map(_STATEMENT_TEXT)
    flagged["order"] = flagged["statement"].map(_STATEMENT_ORDER)
    flagged = flagged.sort_values(["difference", "order"], ascending=[False, True], kind="stable")
    flagged[groups] = flagged[groups].round(2)
    flagged["difference"] = flagged["difference"].round(2)
    return flagged[columns].reset_index(drop=True)


def flags_heading(flags: pd.DataFrame) -> str:
    """The heading over the flagged statements, e.g. "12 statements for discussion"."""
    if flags.empty:
        return "No statement for discussion: no two groups differ by a point or more"
    count = len(flags)
    return f"{count} statement{'s' if count != 1 else ''} for discussion"


def perspective_finding(views: pd.DataFrame) -> str:
    """The perspectives chart's title: the section where the groups' scores lie furthest
    apart, e.g. "Staff and service users differ most on section 7, Users Leading and
    Providing Services: 62 vs 41"."""
    if views.empty or views["respondent"].nunique() < 2:
        return "Only one group of respondents answered"
    spread = views.groupby("section")["score"].agg(["max", "min"])
    spread = spread.loc[views.groupby("section")["respondent"].nunique() >= 2]
    if spread.empty:
        return "No section was answered by two groups"
    section = (spread["max"] - spread["min"]).idxmax()
    rows = views.loc[views["section"].eq(section)]
    high = rows.loc[rows["score"].idxmax()]
    low = rows.loc[rows["score"].idxmin()]
    who = f"{high['respondent']} and {_plural(low['respondent'])}"
    if high["respondent"] != "Staff":
        who = f"{_plural(high['respondent'])} and {_plural(low['respondent'])}"
    who = _first_upper(who)
    return (
        f"{who} differ most on {section_words(section)}: {high['score']:.0f} vs {low['score']:.0f}"
    )


def _plural(group: str) -> str:
    return "staff" if group == "Staff" else f"{group.lower()}s"


# ---------------------------------------------------------------- peers and change


def _scores_frame(scores: pd.DataFrame) -> pd.DataFrame:
    """section_scores' rows with plain types: year and service as text, section as int."""
    return pd.DataFrame(
        {
            "year": scores["year"].astype(str),
            "service": scores["service"].astype(str),
            "section": scores["section"].astype("int64"),
            "score": scores["score"].astype("float64"),
        }
    )


def peer_comparison(scores: pd.DataFrame) -> pd.DataFrame:
    """Each service's section scores against its peers' in the same year and section.

    ``scores`` is ``measures.section_scores``'s table. Columns: year, service, section,
    label, score, median, q1, q3 (the lower and upper quartiles, by linear interpolation
    like Excel's QUARTILE.INC), peers (services with a score there), position ("above upper
    quartile", "below lower quartile" or "middle half").
    """
    columns = [
        "year",
        "service",
        "section",
        "label",
        "score",
        "median",
        "q1",
        "q3",
        "peers",
        "position",
    ]
    if scores.empty:
        return pd.DataFrame(columns=columns)
    out = _scores_frame(scores)
    grouped = out.groupby(["year", "section"])["score"]
    out["median"] = grouped.transform("median")
    quartiles = grouped.quantile([0.25, 0.75]).unstack()
    where = pd.MultiIndex.from_frame(out[["year", "section"]])
    out["q1"] = quartiles[0.25].reindex(where).to_numpy()
    out["q3"] = quartiles[0.75].reindex(where).to_numpy()
    out["peers"] = grouped.transform("size").astype("int64")
    out["position"] = np.select(
        [out["score"] > out["q3"], out["score"] < out["q1"]],
        ["above upper quartile", "below lower quartile"],
        "middle half",
    )
    out["label"] = out["section"].map(section_label)
    out = out.sort_values(["year", "service", "section"], kind="stable")
    return out[columns].reset_index(drop=True)


def score_changes(scores: pd.DataFrame) -> pd.DataFrame:
    """Each service's section scores against its own previous benchmark year.

    Columns: year, service, section, label, score, previous_year (the service's latest
    earlier year with a score in that section; empty in its first), previous_score, change
    (score - previous_score, in points of the 0-100 score).
    """
    columns = [
        "year",
        "service",
        "section",
        "label",
        "score",
        "previous_year",
        "previous_score",
        "change",
    ]
    if scores.empty:
        return pd.DataFrame(columns=columns)
    out = _scores_frame(scores).sort_values(["service", "section", "year"], kind="stable")
    earlier = out.groupby(["service", "section"])
    out["previous_year"] = earlier["year"].shift()
    out["previous_score"] = earlier["score"].shift()
    out["change"] = out["score"] - out["previous_score"]
    out["label"] = out["section"].map(section_label)
    out = out.sort_values(["year", "service", "section"], kind="stable")
    return out[columns].reset_index(drop=True)


def peer_table(scores: pd.DataFrame, year: str) -> pd.DataFrame:
    """One year's peer comparison with each score's change since the service's previous
    year: peer_comparison's columns, then previous_year, previous_score, change."""
    peers = in_year(peer_comparison(scores), year)
    changes = in_year(score_changes(scores), year)[
        ["service", "section", "previous_year", "previous_score", "change"]
    ]
    return peers.merge(changes, on=["service", "section"], how="left").reset_index(drop=True)


def peer_finding(table: pd.DataFrame, service: str) -> str:
    """The peer chart's title: how many of a service's sections are above the upper and
    below the lower quartile of the services shown."""
    rows = table.loc[table["service"].eq(service)]
    if rows.empty:
        return f"{service} has no section scores this year"
    above = int(rows["position"].eq("above upper quartile").sum())
    below = int(rows["position"].eq("below lower quartile").sum())
    year = rows["year"].iloc[0]
    if not above and not below:
        return f"{service} is in the middle half of services in every section ({year})"
    parts = []
    if above:
        parts.append(f"above the upper quartile in {above} section{'s' if above != 1 else ''}")
    if below:
        parts.append(f"below the lower quartile in {below}")
    return f"{service} scores {' and '.join(parts)} ({year})"


def change_words(table: pd.DataFrame, service: str) -> str:
    """A service's change since its previous benchmark year, in a sentence: "Since 2023/24:
    up in 6 sections, down in 2 (largest rise: section 2, Community Participation, +15.7)"."""
    rows = table.loc[table["service"].eq(service) & table["change"].notna()]
    if rows.empty:
        return f"{service} has no earlier benchmark to compare with."
    years = sorted(rows["previous_year"].dropna().astype(str).unique())
    since = f"Since {' or '.join(years)}"
    up = int(rows["change"].gt(0).sum())
    down = int(rows["change"].lt(0).sum())
    best = rows.loc[rows["change"].idxmax()]
    worst = rows.loc[rows["change"].idxmin()]
    parts = [f"up in {up} section{'s' if up != 1 else ''}", f"down in {down}"]
    notes = []
    if best["change"] > 0:
        notes.append(f"largest rise: {section_words(best['section'])}, {_signed(best['change'])}")
    if worst["change"] < 0:
        notes.append(f"largest fall: {section_words(worst['section'])}, {_signed(worst['change'])}")
    extra = f" ({'; '.join(notes)})" if notes else ""
    return f"{since}: {', '.join(parts)}{extra}."


def _signed(change: float) -> str:
    """A change with its sign, a true minus for a fall: "+15.7", "\N{MINUS SIGN}7.1"."""
    return f"{change:+.1f}".replace("-", "\N{MINUS SIGN}")


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


# ---------------------------------------------------------------- good practice


def practice_grid(good_practice: pd.DataFrame, year: str | None = None) -> pd.DataFrame:
    """Each service's rating on each key feature and the outcomes item in one year (the
    latest when None): one row per service and feature, every feature present
    ("Not rated" where the sheet has no rating).

    Columns: service, year, feature, rating, evidence, feature_text. Services in order of
    their Strong ratings, most first, then by name; features in the guide's order.
    """
    columns = ["service", "year", "feature", "rating", "evidence", "feature_text"]
    years = years_of(good_practice)
    if not years:
        return pd.DataFrame(columns=columns)
    year = year or years[-1]
    rows = in_year(good_practice, year)
    rows = rows.loc[rows["feature"].isin(list(_FEATURES)).fillna(False)]
    rated = pd.DataFrame(
        {
            "service": rows["service"].astype(str),
            "feature": rows["feature"].astype(str),
            "rating": rows["rating"].astype(object),
            "evidence": rows["evidence"].astype(object) if "evidence" in rows else None,
        }
    ).drop_duplicates(["service", "feature"], keep="last")
    services = services_of(rows)
    grid = pd.MultiIndex.from_product([services, list(_FEATURES)], names=["service", "feature"])
    out = rated.set_index(["service", "feature"]).reindex(grid).reset_index()
    out["rating"] = out["rating"].where(out["rating"].notna(), NOT_RATED)
    out["evidence"] = out["evidence"].where(out["evidence"].notna(), "")
    out["year"] = year
    out["feature_text"] = out["feature"].map(lambda f: _FEATURES[f].text)
    strong = out["rating"].eq("Strong").groupby(out["service"]).transform("sum")
    out["order"] = out["feature"].map(list(_FEATURES).index)
    out = out.assign(strong=strong).sort_values(
        ["strong", "service", "order"], ascending=[False, True, True], kind="stable"
    )
    return out[columns].reset_index(drop=True)


def practice_counts(grid: pd.DataFrame) -> pd.DataFrame:
    """Per feature of a practice grid: how many services were rated Strong, Some, None
    and Not rated. Columns: feature, label (its ID and the start of its words, e.g. "A1
    Open to a wide range of people"), rating, services, share (of the services in the
    grid). Not rated appears only where some service was not rated."""
    columns = ["feature", "label", "rating", "services", "share"]
    if grid.empty:
        return pd.DataFrame(columns=columns)
    counts = (
        pd.crosstab(grid["feature"], grid["rating"])
        .reindex(index=list(_FEATURES), columns=list(RATINGS), fill_value=0)
        .fillna(0)
        .astype("int64")
    )
    total = counts.sum(axis=1).replace(0, np.nan)
    long = counts.stack().rename("services").reset_index()
    long["share"] = long["services"] / long["feature"].map(total)
    long["label"] = long["feature"].map(FEATURE_AXIS_LABELS)
    long = long.loc[long["rating"].ne(NOT_RATED) | long["services"].gt(0)]
    return long[columns].reset_index(drop=True)


def practice_finding(counts: pd.DataFrame) -> str:
    """The counts chart's title: the feature rated Strong least often, e.g. "A5, Engaging
    with under-represented and diverse groups, is rated Strong least often: 1 of 10
    services"."""
    if counts.empty:
        return "No good practice ratings"
    strong = counts.loc[counts["rating"].eq("Strong")].set_index("feature")["services"]
    total = counts.groupby("feature")["services"].sum()
    weakest = strong.reindex(list(_FEATURES)).fillna(0).idxmin()
    return (
        f"{weakest}, {_FEATURES[weakest].text}, is rated Strong least often: "
        f"{int(strong.get(weakest, 0))} of {int(total[weakest])} services"
    )


def grid_finding(grid: pd.DataFrame) -> str:
    """The grid's title: the service with the most Strong ratings, e.g. "Harcourt House is
    rated Strong on 6 of 8 features (2025/26)"."""
    if grid.empty:
        return "No good practice ratings"
    strong = grid["rating"].eq("Strong").groupby(grid["service"]).sum()
    best = strong.idxmax()
    year = grid["year"].iloc[0]
    return (
        f"{best} is rated Strong on most features: {int(strong[best])} of {len(_FEATURES)} ({year})"
    )


GOOD_PRACTICE_INTRO = (
    "This guide is designed to help bring some objectivity to the process of identifying "
    "examples of good practice in delivering socially inclusive mental health day services."
)
GOOD_PRACTICE_CAUTION = (
    "These questions should not be used rigidly or in the style of an inspection."
)


def feature_summary(counts: pd.DataFrame, feature_id: str) -> str:
    """A feature's ratings in a line, e.g. "Strong 4 · Some 4 · None 2"."""
    rows = counts.loc[counts["feature"].eq(feature_id)]
    return " · ".join(f"{r} {n}" for r, n in zip(rows["rating"], rows["services"], strict=True))


def feature_notes(grid: pd.DataFrame, feature_id: str) -> pd.DataFrame:
    """One feature's rating and evidence notes per service (columns: service, rating,
    evidence), the services with evidence first."""
    rows = grid.loc[grid["feature"].eq(feature_id), ["service", "rating", "evidence"]]
    has_note = rows["evidence"].astype(str).str.strip().ne("")
    order = rows.assign(_note=has_note).sort_values("_note", ascending=False, kind="stable")
    return order[["service", "rating", "evidence"]].reset_index(drop=True)
