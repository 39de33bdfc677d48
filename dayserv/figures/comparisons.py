"""The benchmark compared: each respondent group's view side by side (and the statements on
which two groups differ by a point or more, for discussion), and each service against its
peers in the same year and against its own previous year."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dayserv.figures.benchmarking import (
    MAX_POINTS,
    RESPONDENTS,
    STATEMENT_ORDER,
    STATEMENT_SECTION,
    STATEMENT_TEXT,
    has_respondents,
    respondent_order,
    section_label,
    section_words,
)
from dayserv.figures.formats import first_upper
from dayserv.figures.slices import in_year

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
    out["group_order"] = out["respondent"].map(respondent_order)
    if by == "section":
        out["label"] = out["section"].map(section_label)
        out = out.sort_values(["section", "group_order"], kind="stable")
    else:
        out["label"] = out["statement"].astype(str)
        out["text"] = out["statement"].map(STATEMENT_TEXT)
        out["order"] = out["statement"].map(STATEMENT_ORDER)
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
    flagged["section"] = flagged["statement"].map(STATEMENT_SECTION)
    flagged["text"] = flagged["statement"].map(STATEMENT_TEXT)
    flagged["order"] = flagged["statement"].map(STATEMENT_ORDER)
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
    who = first_upper(who)
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
