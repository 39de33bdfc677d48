"""What the Plan the changes page and the meeting pack say about a plan, worked out by hand
on tests/test_plan.py's small portfolio (Hillside £100,000 and 30 places, all in a
building; Northway £60,000, 20 places, half in one; South Outreach £40,000, 10 places; the
baseline 2025/26, £200,000, £130,000 of it in buildings): the rows of the editor read back
as a Plan sheet, the sentences, the tables, the workbook download and the pack's slides."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from pptx import Presentation

from dayserv.figures import plan_rows, plan_view
from dayserv.figures.measures import yearly_measures
from dayserv.read.clean import load
from dayserv.read.plan_sheet import with_plan_file
from dayserv.read.reader import Source, sources_from_paths
from dayserv.sample_plan import PLANS_FILE
from dayserv.share import pack
from dayserv.share.deck import deck_bytes
from dayserv.share.plan_workbook import plan_workbook
from tests.test_deck import assert_laid_out
from tests.test_plan import FUNDING, PLANS, SAMPLE, SERVICES
from tests.workbooks import load_sheets

HUB = {
    "Plan": "Build first",
    "Change": "Commission",
    "Service": "Peer Hub",
    "From": "2026/27",
    "Provider": "Peer Hub CIC",
    "Sector": "User-led",
    "User run": "Yes",
    "Locality": "North",
    "Annual funding": 100000,
    "Places": 30,
    "Outreach %": 100,
    "Replaces": "Hillside Resource Centre",
}
CLOSE = {"Plan": "Build first", "Change": "Decommission", "Service": "Hillside Resource Centre"}
# Builds the hub first on all the centre's money, then closes the centre: ring-fenced, no gap.
BUILD_FIRST = [HUB, {**CLOSE, "From": "2027/28"}]


@pytest.fixture(scope="module")
def portfolio():
    return load_sheets({"Services": SERVICES, "Funding": FUNDING, "Plan": PLANS})


@pytest.fixture(scope="module")
def plain():
    return load_sheets({"Services": SERVICES, "Funding": FUNDING})


@pytest.fixture(scope="module")
def projected(portfolio):
    return plan_view.projections(portfolio)


def typed(plain, rows):
    table, problems = plan_rows.clean_rows(rows, plain.services)
    return plan_rows.with_plan(plain, table), problems


@pytest.fixture(scope="module")
def build_first(plain):
    portfolio, problems = typed(plain, BUILD_FIRST)
    assert problems.empty
    return plan_view.projections(portfolio)["Build first"]


@pytest.fixture(scope="module")
def sample():
    portfolio = load(sources_from_paths([SAMPLE]))
    return with_plan_file(portfolio, sources_from_paths([PLANS_FILE]))


# ---------------------------------------------------------------- the editor's rows


def test_the_sample_plans_go_through_the_editor_and_back_unchanged(sample):
    rows = plan_rows.rows_of_table(sample.tables["plan"])
    frame = plan_rows.editor_frame(rows)
    hub = frame.iloc[1]
    assert (hub["change"], hub["service"], hub[plan_rows.NEW_SERVICE]) == (
        "Commission",
        None,
        "Central Recovery Hub",
    )
    assert frame.iloc[0]["service"] == "Harcourt House Day Centre"
    assert frame["funding"].dtype == "float64" and frame["plan"].dtype == object
    back = plan_rows.rows_of_editor(frame)
    assert plan_rows.same_rows(back, rows)
    table, problems = plan_rows.clean_rows(back, sample.services)
    assert problems.empty
    pd.testing.assert_frame_equal(
        table.drop(columns="row"), sample.tables["plan"].drop(columns="row")
    )
    assert table["row"].tolist() == [1, 2, 3, 4, 5, 6]  # row n is the n-th row


def test_service_is_the_column_a_change_calls_for_either_given_alone():
    frame = pd.DataFrame(
        {
            "plan": ["A", "A", "A", None],
            "change": ["Commission", "Commission", "Decommission", None],
            "service": ["Old", None, "Old", None],
            plan_rows.NEW_SERVICE: ["New", "Newer", None, None],
            "from_year": ["2026/27"] * 3 + [None],
            "funding": [1000.0, None, None, None],
        }
    )
    rows = plan_rows.rows_of_editor(frame)
    assert [r["Service"] for r in rows] == ["New", "Newer", "Old"]  # the blank row dropped
    assert rows[0]["Annual funding"] == 1000 and "Annual funding" not in rows[1]


def test_a_bad_row_is_named_and_left_out_and_the_rest_runs(plain):
    rows = [
        {**HUB, "Sector": None},
        {"Plan": "Build first", "Change": "Decommission", "Service": "Nowhere", "From": "2026/27"},
        {**CLOSE, "From": "2025/26"},
        {**CLOSE, "From": "2027/28"},
    ]
    rows = [{k: v for k, v in row.items() if v is not None} for row in rows]
    portfolio, problems = typed(plain, rows)
    lines = plan_rows.problem_lines(problems, rows)
    assert [severity for severity, _ in lines] == ["error"] * 3
    text = "\n".join(line for _, line in lines)
    assert "Row 1 (Build first: Commission Peer Hub from 2026/27), Sector: A new service " in text
    assert "Row 2 (Build first: Decommission Nowhere from 2026/27), Service: Not a service" in text
    assert "Row 3 (Build first: Decommission Hillside Resource Centre from 2025/26), From:" in text
    assert "Fix: Give a later year, e.g. 2026/27." in text
    table = portfolio.tables["plan"]
    assert table["row"].tolist() == [4]
    assert plan_view.projections(portfolio)["Build first"].years == ("2026/27", "2027/28")


def test_saved_bodies_and_raw_sheets():
    assert plan_rows.rows_of_body({"rows": [{"Plan": "A", "Note": " "}, "junk"]}) == [{"Plan": "A"}]
    assert plan_rows.rows_of_body({}) == [] and plan_rows.rows_of_body({"rows": 3}) == []
    assert plan_rows.plan_body(BUILD_FIRST) == {"rows": BUILD_FIRST}
    raw = plan_rows.raw_sheet([{"Change": "Change", "Places": 4}])
    assert raw.iloc[0].tolist() == ["Change", "Places", "Plan", "Service", "From"]
    assert raw.iloc[1].tolist() == ["Change", 4, "", "", ""]
    assert plan_rows.editor_frame([]).empty
    assert list(plan_rows.editor_frame([])) == list(plan_rows.EDITOR_COLUMNS)
    # A column the usual ones lack is kept, after them.
    assert list(plan_rows.editor_frame([{"Drop-in": "Yes"}]))[-1] == "drop_in"


# ---------------------------------------------------------------- the sentences


def test_a_plan_that_closes_first_loses_money_and_leaves_a_gap(projected):
    close = projected["Close first"]
    assert plan_view.headline_words(close) == (
        "Close first: not ring-fenced (£100,000 lost to day services in 2026/27), a gap in "
        "provision in North in 2026/27, building-based share of activity 65% → 18% by 2027/28"
    )
    assert plan_view.money_words(close) == (
        "Not ring-fenced: £100,000 leaves day services in 2026/27, and £30,000 is still lost "
        "in 2027/28"
    )
    assert plan_view.continuity_words(close) == (
        "A gap in provision: Hillside Resource Centre closes in 2026/27; its replacement, "
        "Peer Hub, starts in 2027/28"
    )
    assert plan_view.places_finding(close) == (
        "A gap in provision in North in 2026/27: its places would fall from 50 to 20"
    )
    assert plan_view.funding_finding(close) == (
        "Spent in buildings would fall from £130,000 to £30,000 by 2027/28; total funding "
        "would fall to £170,000"
    )


def test_a_plan_that_builds_first_is_ring_fenced_with_no_gap(build_first):
    assert plan_view.headline_words(build_first).startswith(
        "Build first: ring-fenced in every year, no gap in provision, "
    )
    assert plan_view.money_words(build_first) == (
        "Ring-fenced in every year: the £100,000 released stays in day services (total "
        "funding never falls below 2025/26's)"
    )
    assert plan_view.continuity_words(build_first).startswith("No gap in provision: ")
    assert plan_view.places_finding(build_first).startswith("No gap in provision under the plan")


def test_the_headline_follows_the_first_measure_with_figures(build_first):
    # No service has a User run in the baseline, so the building-based share is followed:
    # £30,000 of £200,000 in buildings by 2027/28 (half of Northway's £60,000).
    assert plan_view.headline_words(build_first).endswith(
        "building-based share of activity 65% → 15% by 2027/28"
    )


def test_projected_findings_say_would():
    assert plan_view.projected_finding("user_run_share", "2025/26", 0.25, "2027/28", 0.28) == (
        "User-run share of services would rise from 25% in 2025/26 to 28% by 2027/28"
    )
    assert plan_view.projected_finding("building_share", "2025/26", 0.6, "2027/28", 0.5) == (
        "Building-based share of activity would fall from 60% in 2025/26 to 50% by 2027/28"
    )
    assert plan_view.projected_finding("user_run_share", "2025/26", 0.25, "2027/28", 0.252) == (
        "User-run share of services would stay at 25% by 2027/28"
    )
    assert "no figures to project" in plan_view.projected_finding(
        "user_run_share", "2025/26", None, "2027/28", 0.3
    )


# ---------------------------------------------------------------- the tables


def test_the_money_year_by_year(projected, build_first):
    table = plan_view.money_table(projected["Close first"])
    assert table.to_dict("records") == [
        {
            "Year": "2026/27",
            "Released": "£100,000",
            "Reinvested": "£0",
            "Net (reinvested − released)": "−£100,000",
            "Total funding": "£100,000",
            "Spent in buildings": "£30,000",
            "Lost to day services": "£100,000",
            "Ring-fenced": "No: £100,000 lost",
        },
        {
            "Year": "2027/28",
            "Released": "£0",
            "Reinvested": "£70,000",
            "Net (reinvested − released)": "£70,000",
            "Total funding": "£170,000",
            "Spent in buildings": "£30,000",
            "Lost to day services": "£30,000",
            "Ring-fenced": "No: £30,000 lost",
        },
    ]
    frame = plan_view.money_frame(build_first)
    assert frame["year"].tolist() == ["2025/26", "2026/27", "2027/28"]
    assert frame["projected"].tolist() == [False, True, True]
    assert frame["total_funding"].tolist() == [200000, 300000, 200000]
    # £100,000 all in a building and half of £60,000; the hub is all outreach.
    assert frame["building_money"].tolist() == [130000, 130000, 30000]
    assert frame["lost"].tolist() == [0, 0, 0] and frame["ring_fenced"].all()


def test_gaps_and_each_localitys_places(portfolio, projected):
    close = projected["Close first"]
    gaps = plan_view.gaps_table(close)
    assert gaps.iloc[0].tolist() == [
        "2026/27",
        "North",
        "Hillside Resource Centre",
        "Peer Hub",
        "2027/28",
        50,
        20,
        "Hillside Resource Centre closes in 2026/27; its replacement, Peer Hub, starts in 2027/28.",
    ]
    places = plan_view.locality_places(portfolio, close)
    north = places.loc[places["locality"] == "North"]
    assert north["year"].tolist() == ["2024/25", "2025/26", "2026/27", "2027/28"]
    assert north["places"].tolist() == [30, 50, 20, 45]
    assert north["projected"].tolist() == [False, False, True, True]
    assert plan_view.gaps_table(projected["Later"]).empty


def test_the_recorded_years_then_the_projected(portfolio, projected):
    close = projected["Close first"]
    table = plan_view.measures_table(portfolio, close)
    assert list(table.index) == ["2024/25", "2025/26", "2026/27", "2027/28"]
    assert table["projected"].tolist() == [False, False, True, True]
    recorded = yearly_measures(portfolio.services, portfolio.funding)
    assert table.loc["2025/26", "building_share"] == pytest.approx(
        recorded.loc["2025/26", "building_share"]
    )
    assert table.loc["2026/27", "services"] == 2


def test_each_outcome_under_the_plan_in_the_outcome_pages_words(plain, build_first):
    targets = pd.DataFrame({"outcome": ["building_share"], "target": [0.2], "year": [None]})
    table = plan_view.outcome_table(build_first, targets)
    assert list(table.columns) == [
        "Outcome",
        "Measure",
        "2025/26 (recorded)",
        "2027/28 (projected)",
        "Change",
        "Direction of travel under the plan",
        "Target",
    ]
    buildings = table.loc[table["Outcome"] == "5 Buildings to outreach"].iloc[0]
    assert (buildings["2025/26 (recorded)"], buildings["2027/28 (projected)"]) == ("65%", "15%")
    assert buildings["Change"] == "−50.0 pts"
    assert buildings["Direction of travel under the plan"] == "✓ Right direction"
    assert buildings["Target"] == "Target met"  # 15% is below the 20% asked for
    targets = pd.DataFrame({"outcome": ["building_share"], "target": [0.1], "year": [None]})
    table = plan_view.outcome_table(build_first, targets)
    assert (
        table.loc[4, "Target"] == "5 points short of the 10% target; at this pace, met by 2028/29"
    )
    user_run = table.loc[table["Outcome"] == "2 User-run services"].iloc[0]
    assert user_run["Direction of travel under the plan"] == "? Not enough data"
    assert user_run["Target"] == "No target set"


def test_the_changes_read_from_the_projection(projected):
    changes = plan_view.changes_table(projected["Build first"])
    assert changes.values.tolist() == [
        ["2026/27", "Opens", "Peer Hub", "Peer Hub CIC, North, £70,000, 25 places"],
        ["2026/27", "Closes", "Hillside Resource Centre", "North, £100,000, 30 places"],
        ["2027/28", "Changes", "Northway Clubhouse", "Annual funding £60,000 → £90,000"],
    ]


def test_plans_side_by_side(projected):
    table = plan_view.side_by_side(projected).set_index("Measure")
    assert list(table.columns) == [
        "2025/26 (recorded)",
        "Close first (2027/28, projected)",
        "Build first (2027/28, projected)",
        "Cuts (2026/27, projected)",
        "Later (2027/28, projected)",
    ]
    assert table.loc["Total funding"].tolist() == [
        "£200,000",
        "£170,000",
        "£200,000",
        "£60,000",
        "£200,000",
    ]
    assert table.loc["Lost to day services"].tolist()[1:] == ["£30,000", "£0", "£140,000", "£0"]
    assert table.loc["Ring-fenced in every year"].tolist()[1:] == ["No", "No", "No", "Yes"]
    assert table.loc["Gaps in provision"].tolist()[1:] == ["1", "None", "1", "None"]
    assert table.loc["Services"].tolist() == ["3", "3", "3", "1", "3"]
    assert plan_view.side_by_side({}).empty


# ---------------------------------------------------------------- the download and the pack


def test_the_workbook_download_reads_back_to_the_same_portfolio_and_plan(sample):
    rows = plan_rows.rows_of_table(sample.tables["plan"])
    rows.append({"Plan": "Typo", "Change": "Decommission", "Service": "Nowhere", "From": "2026/27"})
    again = load([Source("again.xlsx", plan_workbook(sample.tables, rows, "sample.xlsx"))])
    assert again.plan_sheet == "Plan"
    pd.testing.assert_frame_equal(
        again.tables["plan"].drop(columns="row"), sample.tables["plan"].drop(columns="row")
    )
    # The row with a problem is in the workbook as typed, and reported when read again.
    assert "Nowhere" in again.problems.loc[again.problems["sheet"] == "Plan", "value"].tolist()
    pd.testing.assert_frame_equal(
        yearly_measures(again.services, again.funding),
        yearly_measures(sample.services, sample.funding),
    )


def test_the_pack_gains_proposed_slides_each_marked(sample):
    projection = plan_view.projections(sample)["Close Harcourt House first"]
    plain_pack = pack.build(sample)
    built = pack.build(sample, plan=projection)
    assert len(built.slides) == len(plain_pack.slides) + 4
    proposed = [s for s in built.slides if s.kind == "proposed"]
    assert [s.kind for s in built.slides[9:13]] == ["proposed"] * 4  # after the outcomes
    for slide in proposed:
        assert slide.title.startswith("PROPOSED — not decided: ")
        assert slide.heading.startswith("PROPOSED — not decided · Proposed changes, plan ")
    assert proposed[0].title.endswith(plan_view.headline_words(projection))
    assert proposed[2].title.endswith(plan_view.money_words(projection))
    assert proposed[3].title.endswith(
        "Harcourt House Day Centre closes in 2026/27; its replacement, Central Recovery Hub, "
        "starts in 2027/28"
    )
    assert proposed[2].table["Ring-fenced"].tolist() == ["No: £717,450 lost", "No: £297,450 lost"]
    presentation = Presentation(io.BytesIO(deck_bytes(built)))
    assert_laid_out(presentation)
    titles = [s.shapes.title.text_frame.text for s in presentation.slides]
    assert sum(t.startswith("PROPOSED — not decided") for t in titles) >= 4
    assert not any("PROPOSED" in t for t in [s.title for s in plain_pack.slides])
