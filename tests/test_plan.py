"""The Plan sheet and its projection: small portfolios with every figure worked out by hand,
the validation of each row (named by sheet, spreadsheet row and column as headed), the
plan command, the template's Plan sheet and the Eastbrook sample plans."""

from __future__ import annotations

import io
import json

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dayserv import contract
from dayserv.__main__ import main
from dayserv.figures import plan as fp
from dayserv.figures.measures import MEASURE_ORDER
from dayserv.read.clean import Portfolio, empty_table, load
from dayserv.read.plan_sheet import empty_plan, next_year, with_plan_file
from dayserv.read.problems import empty_problems
from dayserv.read.reader import Source
from dayserv.sample_plan import BUILD_FIRST, CLOSE_FIRST, PLANS_FILE, write_eastbrook_plans
from dayserv.share.template import template_workbook
from tests.workbooks import load_sheets, xlsx

SAMPLE = PLANS_FILE.parent / "sample_portfolio.xlsx"
SERVICES = [
    ["Service", "Provider", "Year", "Sector", "Locality", "Annual funding", "Places"]
    + ["Building-based %", "Outreach %", "Mainstream %"],
    ["Hillside Resource Centre", "Northshire NHS Trust", "2024/25", "NHS", "North", 95000, 30]
    + [100, 0, 0],
    ["Hillside Resource Centre", "Northshire NHS Trust", "2025/26", "NHS", "North", 100000, 30]
    + [100, 0, 0],
    ["Northway Clubhouse", "Northway Clubhouse", "2025/26", "Voluntary", "North", 60000, 20]
    + [50, 50, 0],
    ["South Outreach Team", "Southshire Council", "2025/26", "Council", "South", 40000, 10]
    + [0, 100, 0],
]
FUNDING = [
    ["Service", "Year", "Source", "Amount"],
    ["Hillside Resource Centre", "2025/26", "Core commissioning", 80000],
    ["Hillside Resource Centre", "2025/26", "Lottery", 20000],
    ["Northway Clubhouse", "2025/26", "Core commissioning", 45000],
    ["Northway Clubhouse", "2025/26", "Fundraising & trading", 15000],
    ["South Outreach Team", "2025/26", "Grants & trusts", 40000],
]
PLAN_HEADER = ["Plan", "Change", "Service", "From", "Provider", "Sector", "User run"] + [
    "Locality",
    "Annual funding",
    "Places",
    "Setting",
    "Source",
    "Replaces",
]
PEER_HUB = ["Peer Hub CIC", "User-led", "Yes", "North", 70000, 25, "Outreach", "Lottery"]
PLANS = [
    PLAN_HEADER,
    ["Close first", "Decommission", "Hillside Resource Centre", "2026/27"],
    ["Close first", "Commission", "Peer Hub", "2027/28", *PEER_HUB, "Hillside Resource Centre"],
    ["Build first", "Commission", "Peer Hub", "2026/27", *PEER_HUB, "Hillside Resource Centre"],
    ["Build first", "Decommission", "Hillside Resource Centre", "2026/27"],
    ["Build first", "Change", "Northway Clubhouse", "2027/28", None, None, None, None, 90000],
    ["Cuts", "Decommission", "South Outreach Team", "2026/27"],
    ["Cuts", "Decommission", "Hillside Resource Centre", "2026/27"],
    ["Cuts", "Change", "Northway Clubhouse", "2026/27", None, None, None, None, None, 50],
    ["Later", "Change", "Northway Clubhouse", "2027/28", None, None, None, None, None, 25],
]


@pytest.fixture(scope="module")
def portfolio() -> Portfolio:
    return load_sheets({"Services": SERVICES, "Funding": FUNDING, "Plan": PLANS})


@pytest.fixture(scope="module")
def close_first(portfolio):
    return fp.project(portfolio, "Close first")


@pytest.fixture(scope="module")
def build_first(portfolio):
    return fp.project(portfolio, "Build first")


def _year(frame: pd.DataFrame, year: str) -> pd.DataFrame:
    return frame.loc[frame["year"] == year]


# ---------------------------------------------------------------- reading the Plan sheet


def test_the_plan_sheet_is_read_into_a_tidy_table(portfolio):
    table = portfolio.tables["plan"]
    assert portfolio.plan_sheet == "Plan" and portfolio.has("plan")
    assert "plan" not in contract.TABLES  # the tables of figures are unchanged
    assert len(table) == len(PLANS) - 1 and table["row"].tolist() == list(range(2, 11))
    hub = table.iloc[1]
    assert (hub["change"], hub["service"], hub["from_year"]) == (
        "Commission",
        "Peer Hub",
        "2027/28",
    )
    assert (hub["sector"], hub["funding"], hub["places"]) == ("User-led", 70000.0, 25.0)
    # Setting is parsed as on the Services sheet: Outreach means 0 / 100 / 0.
    assert (hub["building_pct"], hub["outreach_pct"], hub["mainstream_pct"]) == (0, 100, 0)
    assert (hub["source"], hub["replaces"]) == ("Lottery", "Hillside Resource Centre")
    assert portfolio.problems.query("sheet == 'Plan'").empty


def test_without_a_plan_sheet_the_table_is_empty():
    plain = load_sheets({"Services": SERVICES})
    assert not plain.has("plan") and plain.tables["plan"].empty
    assert list(plain.tables["plan"].columns) == list(empty_plan().columns)
    assert fp.plans(plain.tables["plan"]) == []


VALIDATION = [
    ["Our re-commissioning plans"],
    ["Scenario", "Type of change", "Service name", "Effective from", "Provider name"]
    + ["Provider type", "Budget", "Funding source", "In place of"],
    [None, "Close", "  hillside resource  centre", "2026-27"],
    [None, "Decommission", "Nowhere Centre", "2026/27"],
    [None, "Change", "Northway Clubhouse", "2025", None, None, 1000],
    [None, "New service", "New Thing", "2026/27", None, "Charity", 5000],
    [None, "Commission", "Other Thing", "2026/27", "Other Org", "Sort of", 5000],
    [None, "Reshuffle", "Northway Clubhouse", "2026/27"],
    [None, "Commission", "Hillside Resource Centre", "2026/27", "X", "NHS", 1],
    [None, "Change", "Hillside Resource Centre", "2027/28", None, None, 5],
    [None, "Start", "Good Thing", "FY2027/28", "Good Org", "CIC", "£5k", None]
    + ["Hillside Resource Centre; Ghost House"],
    [None, None, "Northway Clubhouse", "2026/27"],
    [None, "Change", "Northway Clubhouse", "next year"],
    [None, "Change", "Northway Clubhouse", "2026/27"],
]


@pytest.fixture(scope="module")
def checked() -> Portfolio:
    return load_sheets({"Services": SERVICES, "Re-commissioning plan": VALIDATION})


def test_each_bad_row_is_left_out_with_its_row_and_column_as_headed(checked):
    problems = checked.problems.query("sheet == 'Re-commissioning plan'")
    found = {(int(p.row), p.column): (str(p.severity), p.problem) for p in problems.itertuples()}
    expected = {
        (4, "Service name"): "Not a service of 2025/26",
        (5, "Effective from"): "must take effect after 2025/26",
        (6, "Provider name"): "A new service needs a Provider",
        (7, "Provider type"): "'Sort of' is not a value the dashboard knows for Sector",
        (8, "Type of change"): "'Reshuffle' is not a value the dashboard knows for Change",
        (9, "Service name"): "already a service in 2025/26",
        (10, "Service name"): "decommissions Hillside Resource Centre from 2026/27 (row 3)",
        (11, "In place of"): "'Ghost House' is not a service of 2025/26",
        (12, "Type of change"): "This is blank",
        (13, "Effective from"): "not a year the dashboard can read",
        (14, "Service name"): "gives no Services column to change",
    }
    assert set(found) == set(expected)
    for where, words in expected.items():
        assert words in found[where][1], where
    # An unknown Sector is blanked (a warning) and then the Commission lacks one (an error).
    sector = problems.query("row == 7 and severity == 'error'")["problem"].tolist()
    assert sector == ["A new service needs a Sector the dashboard knows; the row was left out."]
    assert found[(11, "In place of")][0] == found[(14, "Service name")][0] == "warning"
    errors = problems.query("severity == 'error'")
    assert sorted(errors["row"].unique()) == [4, 5, 6, 7, 8, 9, 10, 12, 13]
    cells = dict(zip(problems["row"].astype(int), problems["cell"], strict=False))
    assert cells[4] == "C4" and cells[5] == "D5"


def test_the_rows_that_pass_are_kept_and_named_as_the_baseline_names_them(checked):
    table = checked.tables["plan"]
    assert table["row"].tolist() == [3, 11, 14]  # a Change that changes nothing is kept
    assert table["plan"].tolist() == ["Plan"] * 3  # a blank Plan is the plan called Plan
    assert table["service"].tolist() == [
        "Hillside Resource Centre",
        "Good Thing",
        "Northway Clubhouse",
    ]
    assert table["change"].tolist() == ["Decommission", "Commission", "Change"]
    assert table["from_year"].tolist() == ["2026/27", "2027/28", "2026/27"]
    good = table.iloc[1]
    assert (good["sector"], good["funding"]) == ("Voluntary", 5000.0)
    assert good["source"] == "Core commissioning"  # the default Source of a Commission
    assert good["replaces"] == "Hillside Resource Centre"
    projection = fp.project(checked, "Plan")
    assert projection.years == ("2026/27", "2027/28")
    assert fp.plans(checked.tables["plan"]) == ["Plan"]


def test_a_plan_sheet_is_found_by_its_headings_under_any_name():
    found = load_sheets({"Services": SERVICES, "Sheet2": PLANS})
    assert found.plan_sheet == "Sheet2" and len(found.tables["plan"]) == len(PLANS) - 1
    notes = load_sheets({"Services": SERVICES, "Business plan": [["Aims"], ["Grow"]]})
    assert notes.plan_sheet is None
    assert notes.problems.query("sheet == 'Business plan'")["severity"].tolist() == ["note"]


def test_a_plan_sheet_without_its_headings_is_an_error_about_the_sheet():
    broken = load_sheets({"Services": SERVICES, "Plan": [["Change", "Service"], ["Close", "X"]]})
    assert broken.has("plan") and broken.tables["plan"].empty
    problem = broken.problems.query("sheet == 'Plan'").iloc[0]
    assert problem["severity"] == "error" and problem["column"] == "From"
    assert "no From column" in problem["problem"]


# ---------------------------------------------------------------- the projection


def test_the_baseline_is_the_latest_year_and_years_run_to_the_last_from(close_first):
    assert close_first.baseline == "2025/26"
    assert close_first.years == ("2026/27", "2027/28")
    assert list(close_first.measures.index) == ["2025/26", "2026/27", "2027/28"]
    assert next_year("2025/26") == "2026/27" and next_year("2099/00") == "2100/01"


def test_a_service_nobody_changes_carries_forward_as_it_is(portfolio):
    later = fp.project(portfolio, "Later")
    assert later.years == ("2026/27", "2027/28")
    base = _year(later.services, "2025/26").drop(columns="year").reset_index(drop=True)
    carried = _year(later.services, "2026/27").drop(columns="year").reset_index(drop=True)
    pd.testing.assert_frame_equal(base, carried)
    funding = _year(later.funding, "2026/27")
    assert funding["amount"].tolist() == [80000, 20000, 45000, 15000, 40000]
    assert later.money["2026/27"] == {
        "released": 0,
        "reinvested": 0,
        "net": 0,
        "total_funding": 200000,
        "building_money": 130000,
        "lost": 0,
        "ring_fenced": True,
    }
    places = _year(later.services, "2027/28").set_index("service")["places"]
    assert places["Northway Clubhouse"] == 25 and places["Hillside Resource Centre"] == 30
    assert later.gaps == []


def test_a_decommission_releases_its_money_and_loses_it_until_reinvested(close_first):
    assert sorted(_year(close_first.services, "2026/27")["service"]) == [
        "Northway Clubhouse",
        "South Outreach Team",
    ]
    assert "Hillside Resource Centre" not in set(_year(close_first.funding, "2026/27")["service"])
    assert close_first.money["2026/27"] == {
        "released": 100000,
        "reinvested": 0,
        "net": -100000,
        "total_funding": 100000,
        "building_money": 30000,  # Northway's 60,000 x 50%
        "lost": 100000,
        "ring_fenced": False,
    }


def test_a_commission_reinvests_with_one_funding_row_of_its_source(close_first):
    hub = _year(close_first.services, "2027/28").set_index("service").loc["Peer Hub"]
    assert (hub["provider"], hub["sector"], hub["locality"]) == (
        "Peer Hub CIC",
        "User-led",
        "North",
    )
    assert (hub["funding"], hub["places"], hub["outreach_pct"]) == (70000, 25, 100)
    rows = _year(close_first.funding, "2027/28").query("service == 'Peer Hub'")
    assert rows[["source", "amount"]].values.tolist() == [["Lottery", 70000]]
    assert close_first.money["2027/28"] == {
        "released": 0,
        "reinvested": 70000,
        "net": 70000,
        "total_funding": 170000,
        "building_money": 30000,
        "lost": 30000,
        "ring_fenced": False,
    }
    # The measures of a projected year come from the same function as a real year's.
    measures = close_first.measures.loc["2027/28"]
    assert measures["services"] == 3
    assert measures["non_core_funding_share"] == pytest.approx((15000 + 40000 + 70000) / 170000)
    assert measures["building_share"] == pytest.approx(30000 / 170000)
    assert close_first.measures.loc["2026/27", "building_share"] == pytest.approx(0.3)


def test_a_change_of_funding_scales_the_funding_rows_and_ring_fences(build_first):
    northway = _year(build_first.funding, "2027/28").query("service == 'Northway Clubhouse'")
    assert northway["amount"].tolist() == [67500, 22500]  # 45,000 and 15,000 times 1.5
    assert _year(build_first.funding, "2026/27").query("service == 'Northway Clubhouse'")[
        "amount"
    ].tolist() == [45000, 15000]
    assert build_first.money["2026/27"] == {
        "released": 100000,
        "reinvested": 70000,
        "net": -30000,
        "total_funding": 170000,
        "building_money": 30000,
        "lost": 30000,
        "ring_fenced": False,
    }
    assert build_first.money["2027/28"] == {
        "released": 0,
        "reinvested": 30000,
        "net": 30000,
        "total_funding": 200000,
        "building_money": 45000,  # Northway's 90,000 x 50%
        "lost": 0,
        "ring_fenced": True,
    }


def test_a_gap_when_the_replacement_starts_later(close_first):
    assert close_first.gaps == [
        {
            "year": "2026/27",
            "locality": "North",
            "service": "Hillside Resource Centre",
            "replacement": "Peer Hub",
            "replacement_from": "2027/28",
            "places_baseline": 50,
            "places": 20,
        }
    ]
    assert fp.gap_words(close_first.gaps[0]) == (
        "Hillside Resource Centre closes in 2026/27; its replacement, Peer Hub, starts in 2027/28"
    )


def test_no_gap_when_the_replacement_starts_the_same_year(build_first):
    assert build_first.gaps == []


def test_a_gap_without_a_replacement_only_where_the_locality_loses_places(portfolio):
    cuts = fp.project(portfolio, "Cuts")
    # Hillside closes too, but Northway's 50 places keep North at its 50.
    assert cuts.gaps == [
        {
            "year": "2026/27",
            "locality": "South",
            "service": "South Outreach Team",
            "replacement": None,
            "replacement_from": None,
            "places_baseline": 10,
            "places": 0,
        }
    ]
    assert fp.gap_words(cuts.gaps[0], cuts.baseline) == (
        "South Outreach Team closes in 2026/27 with no replacement, and South has 10 places "
        "fewer than in 2025/26"
    )
    one = dict(cuts.gaps[0], locality=None, places=9)
    assert fp.gap_words(one) == (
        "South Outreach Team closes in 2026/27 with no replacement, and the services with no "
        "locality has 1 place fewer than in the baseline year"
    )


def test_places_by_locality(close_first):
    table = fp.places_by_locality(close_first)
    assert list(table.columns) == ["locality", "year", "places", "projected"]
    rows = {(r.locality, r.year): (r.places, r.projected) for r in table.itertuples()}
    assert rows == {
        ("North", "2025/26"): (50, False),
        ("North", "2026/27"): (20, True),
        ("North", "2027/28"): (45, True),
        ("South", "2025/26"): (10, False),
        ("South", "2026/27"): (10, True),
        ("South", "2027/28"): (10, True),
    }


def test_multiple_plans_side_by_side(portfolio):
    table = portfolio.tables["plan"]
    assert fp.plans(table) == ["Close first", "Build first", "Cuts", "Later"]
    assert fp.plan_named(table, " build FIRST") == "Build first"
    assert fp.plan_named(table, "Nothing") is None
    assert fp.unknown_plan(table, "Nothing") == (
        "There is no plan called 'Nothing': the plans are Close first; Build first; Cuts; Later."
    )
    with pytest.raises(ValueError, match="no plan called 'Nothing'"):
        fp.project(portfolio, "Nothing")
    # Each plan is projected alone: Close first never sees Build first's Change.
    close = fp.project(portfolio, "Close first")
    northway = _year(close.services, "2027/28").query("service == 'Northway Clubhouse'")
    assert northway["funding"].tolist() == [60000]


def test_plan_json_has_the_contracts_shape(portfolio):
    result = fp.plan_json(portfolio, "Close first")
    assert list(result) == ["plan", "baseline", "years", "money", "gaps"]
    assert (result["plan"], result["baseline"]) == ("Close first", "2025/26")
    assert list(result["years"]) == ["2025/26", "2026/27", "2027/28"]
    assert all(list(m) == MEASURE_ORDER for m in result["years"].values())
    assert result["years"]["2026/27"]["services"] == 2
    assert list(result["money"]) == ["2026/27", "2027/28"]
    assert all(list(m) == list(fp.MONEY_KEYS) for m in result["money"].values())
    assert [list(g) for g in result["gaps"]] == [list(fp.GAP_KEYS)]
    assert json.loads(json.dumps(result)) == result


# ---------------------------------------------------------------- a property of the money


def _tidy(table: pd.DataFrame, rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows).reindex(columns=table.columns)
    return frame.astype(table.dtypes.to_dict())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    funding=st.lists(st.integers(0, 500_000), min_size=1, max_size=5),
    changes=st.lists(
        st.tuples(st.integers(0, 4), st.integers(1, 3), st.integers(0, 500_000)), max_size=8
    ),
)
def test_released_less_reinvested_is_the_fall_in_funding(funding, changes):
    names = [f"Service {i}" for i in range(len(funding))]
    services = _tidy(
        empty_table("services"),
        [
            {"service": n, "provider": "P", "year": "2025/26", "funding": f, "row": i + 2}
            for i, (n, f) in enumerate(zip(names, funding, strict=True))
        ],
    )
    money = _tidy(
        empty_table("funding"),
        [
            {"service": n, "year": "2025/26", "source": "Core commissioning", "amount": f, "row": 2}
            for n, f in zip(names, funding, strict=True)
        ]
        + [{"service": names[0], "year": "2025/26", "source": "Lottery", "amount": 1000, "row": 3}],
    )
    rows = [
        {
            "plan": "Plan",
            "change": "Change",
            "service": names[which % len(names)],
            "from_year": ["2026/27", "2027/28", "2028/29"][after - 1],
            "funding": amount,
            "row": number + 2,
        }
        for number, (which, after, amount) in enumerate(changes)
    ] or [
        {"plan": "Plan", "change": "Change", "service": names[0], "from_year": "2026/27", "row": 2}
    ]
    plan = _tidy(empty_plan(), rows)
    portfolio = Portfolio(
        tables={"services": services, "funding": money, "plan": plan},
        problems=empty_problems(),
        sources=("made up",),
    )
    projection = fp.project(portfolio, "Plan")
    before = float(sum(funding))
    for year in projection.years:
        figures = projection.money[year]
        total = figures["total_funding"]
        assert figures["released"] - figures["reinvested"] == pytest.approx(before - total)
        assert figures["net"] == pytest.approx(figures["reinvested"] - figures["released"])
        assert figures["lost"] == pytest.approx(max(sum(funding) - total, 0), abs=0.01)
        assert figures["ring_fenced"] == (figures["lost"] == 0)
        before = total
    assert projection.gaps == []


# ---------------------------------------------------------------- the command line


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("plan") / "plans.xlsx"
    path.write_bytes(xlsx({"Services": SERVICES, "Funding": FUNDING, "Plan": PLANS}))
    return path


def test_cli_plan_json(workbook, capsys):
    assert main(["plan", str(workbook), "--plan", "Close first", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["money"]["2026/27"]["released"] == 100000
    assert result["gaps"][0]["replacement"] == "Peer Hub"
    assert main(["plan", str(workbook), "--json"]) == 0  # the first plan by default
    assert json.loads(capsys.readouterr().out)["plan"] == "Close first"


def test_cli_plan_for_people(workbook, capsys):
    assert main(["plan", str(workbook), "--plan", "Build first"]) == 0
    out = capsys.readouterr().out
    assert "Plan 'Build first'" in out and "from the baseline 2025/26 to 2027/28" in out
    assert "Other plans: Close first; Cuts; Later" in out
    assert "User-run share of services" in out and "Ring-fenced" in out
    assert "£70,000" in out and "No gap in provision" in out
    assert main(["plan", str(workbook), "--plan", "Close first"]) == 0
    assert "- Hillside Resource Centre closes in 2026/27; its replacement" in (
        capsys.readouterr().out
    )


def test_cli_refusals_exit_2(workbook, tmp_path, capsys):
    assert main(["plan", str(workbook), "--plan", "Nothing"]) == 2
    assert "the plans are Close first; Build first; Cuts; Later" in capsys.readouterr().err
    plain = tmp_path / "plain.xlsx"
    plain.write_bytes(xlsx({"Services": SERVICES}))
    assert main(["plan", str(plain), "--json"]) == 2
    err = capsys.readouterr().err
    assert "has no Plan sheet" in err and "Add a sheet named Plan" in err
    assert main(["plan", str(plain), "--plan-file", str(plain)]) == 2
    assert "Could not read the plan" in capsys.readouterr().err
    assert main(["plan", str(tmp_path / "missing.xlsx")]) == 2


def test_cli_plan_file_and_a_saved_area(tmp_path, capsys):
    database = f"sqlite:///{tmp_path / 'dayserv.db'}"
    assert main(["save", str(SAMPLE), "--area", "Eastbrook", "--database", database]) == 0
    capsys.readouterr()
    command = ["plan", "area:Eastbrook", "--plan-file", str(PLANS_FILE), "--database", database]
    assert main([*command, "--plan", BUILD_FIRST, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["plan"] == BUILD_FIRST and result["gaps"] == []
    assert all(m["ring_fenced"] for m in result["money"].values())


# ---------------------------------------------------------------- the sample plans and template


@pytest.fixture(scope="module")
def eastbrook() -> Portfolio:
    portfolio = load([Source(SAMPLE.name, SAMPLE.read_bytes())])
    return with_plan_file(portfolio, [Source(PLANS_FILE.name, PLANS_FILE.read_bytes())])


def test_the_committed_sample_plans_are_what_the_generator_writes(tmp_path):
    path = tmp_path / "eastbrook_plans.xlsx"
    write_eastbrook_plans(path)
    assert path.read_bytes() == PLANS_FILE.read_bytes()


def test_eastbrooks_two_plans_one_with_a_gap_one_ring_fenced(eastbrook):
    assert eastbrook.problems.query("sheet == 'Plan'").empty
    assert fp.plans(eastbrook.tables["plan"]) == [CLOSE_FIRST, BUILD_FIRST]
    close = fp.project(eastbrook, CLOSE_FIRST)
    assert [g["service"] for g in close.gaps] == ["Harcourt House Day Centre"]
    assert close.money["2026/27"]["lost"] == 717450 and not close.money["2027/28"]["ring_fenced"]
    build = fp.project(eastbrook, BUILD_FIRST)
    assert build.gaps == []
    assert all(m["ring_fenced"] for m in build.money.values())
    assert build.money["2027/28"]["released"] == 717450
    assert build.money["2027/28"]["reinvested"] == 147450 + 150000


def test_the_template_has_a_plan_sheet_with_drop_downs_whose_example_loads():
    data = template_workbook()
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book["Plan"]
    headings = [c.value for c in ws[1]]
    assert headings[:4] == ["Plan", "Change", "Service", "From"]
    lists = {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation}

    def drop_down(heading: str) -> str:
        letter = openpyxl.utils.get_column_letter(headings.index(heading) + 1)
        return lists[f"{letter}2:{letter}1000"]

    assert drop_down("Change") == '"Decommission,Commission,Change"'
    assert "User-led" in drop_down("Sector") and "Lottery" in drop_down("Source")
    portfolio = load([Source("template.xlsx", data)])
    assert portfolio.problems.query("severity != 'note'").empty
    name = fp.plans(portfolio.tables["plan"])[0]
    projection = fp.project(portfolio, name)
    assert projection.gaps == [] and projection.money["2025/26"]["ring_fenced"]
