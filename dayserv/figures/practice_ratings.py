"""The good practice guide (seed 002): each service rated Strong, Some or None on its 7 key
features and its outcomes item, the grid and the counts the Good practice page shows, and
the words around them. Pure, like the benchmark's figures."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dayserv import frameworks
from dayserv.figures.formats import shorten
from dayserv.figures.per_frame import per_frame
from dayserv.figures.slices import in_year, services_of, years_of

NOT_RATED = "Not rated"
RATINGS = (*frameworks.GOOD_PRACTICE_RATINGS, NOT_RATED)
NO_GOOD_PRACTICE = (
    "This workbook has no GoodPractice sheet. Add a GoodPractice sheet to rate each "
    "service on the 7 key features and the outcomes item of \"Identifying Good 'Socially "
    "Inclusive' Practice\": Service, Year, Feature (A1 to A7, B), Rating (Strong, Some, "
    "None) and, optionally, Evidence. The template has it: download it in the sidebar, "
    "fill it in and upload the workbook again."
)
_FEATURES = {f.id: f for f in frameworks.FEATURES}


def feature_label(feature_id: str) -> str:
    """A key feature as axes name it: "A1 Open to a wide range of people"."""
    return f"{feature_id} {_FEATURES[feature_id].text}"


# Short enough to slant over a grid's column: the ID and the start of the feature's words.
FEATURE_AXIS_LABELS = {
    feature.id: shorten(feature_label(feature.id), 42) for feature in frameworks.FEATURES
}


def bullet_list(heading: str, items: tuple[str, ...] | list[str]) -> str:
    """A bold heading and the items as a markdown list, or a line saying there are none."""
    if not items:
        return f"**{heading}**\n\nThe guide lists none for this feature."
    return f"**{heading}**\n" + "".join(f"\n- {item}" for item in items)


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


NOTE_COLUMNS = ["service", "rating", "evidence"]


def feature_notes(grid: pd.DataFrame, feature_id: str) -> pd.DataFrame:
    """One feature's rating and evidence notes per service (columns: service, rating,
    evidence), the services with evidence first."""
    return every_feature_notes(grid).get(feature_id, pd.DataFrame(columns=NOTE_COLUMNS))


@per_frame
def every_feature_notes(grid: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """``feature_notes`` of every feature in the grid, by feature ID, from one sort, once per
    grid (a selection and a sort a feature, for the page's eleven, took 40 ms a rerun)."""
    has_note = grid["evidence"].astype(str).str.strip().ne("")
    order = grid.assign(_note=has_note).sort_values("_note", ascending=False, kind="stable")
    return {
        str(feature): part[NOTE_COLUMNS].reset_index(drop=True)
        for feature, part in order.groupby("feature", sort=False, observed=True)
    }
