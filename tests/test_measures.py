"""The measures, against figures worked out by hand from the contract's definitions."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dayserv.__main__ import main
from dayserv.figures import outcomes, overview
from dayserv.figures.measures import (
    SHARE_COLUMNS,
    measures_json,
    section_scores,
    trend,
    weights,
    yearly_measures,
)
from tests.workbooks import SERVICES_HEADER, load_sheets, service_row, xlsx

ROWS = [
    SERVICES_HEADER,
    # 2023/24: every service funded, so shares are weighted by funding (60k and 40k).
    service_row(
        "A",
        "P1",
        "2023/24",
        "NHS",
        "Yes",
        funding=60000,
        building=100,
        social=100,
        vocational=0,
        group=80,
        individual=20,
    ),
    service_row(
        "B",
        "P2",
        "2023/24",
        "Voluntary",
        "Partly",
        funding=40000,
        building=50,
        outreach=50,
        social=50,
        vocational=50,
        group=50,
        individual=50,
    ),
    # 2024/25: B has no funding figure, so each service counts once.
    service_row(
        "A",
        "P1",
        "2024/25",
        "NHS",
        "No",
        funding=60000,
        building=80,
        outreach=20,
        social=90,
        vocational=10,
        group=60,
        individual=40,
    ),
    service_row(
        "B",
        "P2",
        "2024/25",
        "Voluntary",
        "Yes",
        funding=None,
        building=0,
        mainstream=100,
        social=0,
        vocational=100,
        group=0,
        individual=100,
    ),
    service_row(
        "C",
        "P2",
        "2024/25",
        "User-led",
        "Yes",
        funding=20000,
        building=100,
        social=100,
        vocational=0,
        group=100,
        individual=0,
    ),
]
FUNDING = [
    ["Service", "Year", "Source", "Amount"],
    ["A", "2023/24", "Core commissioning", 60000],
    ["B", "2023/24", "Core commissioning", 30000],
    ["B", "2023/24", "Lottery", 10000],
    ["A", "2024/25", "Core commissioning", 50000],
    ["A", "2024/25", "NHS", 10000],
    ["C", "2024/25", "Grants & trusts", 20000],
    ["Z", "2024/25", "Lottery", 99999],  # a service not in the Services sheet
]
BENCHMARK = [
    ["Service", "Year", "Respondent", "Statement", "Response"],
    ["A", "2024/25", "Staff", "1.1", "YD"],
    ["A", "2024/25", "Staff", "1.2a", "NP"],
    ["A", "2024/25", "Staff", "1.3", "N/A"],
    ["A", "2024/25", "Staff", "2.1", "YAB"],
    ["A", "2024/25", "Service user", "1.1", "NAA"],
    ["B", "2024/25", "Staff", "8.1", "N/A"],
]


@pytest.fixture(scope="module")
def portfolio():
    return load_sheets({"Services": ROWS, "Funding": FUNDING, "Benchmark": BENCHMARK})


@pytest.fixture(scope="module")
def table(portfolio):
    return yearly_measures(portfolio.services, portfolio.funding)


def test_funding_weighted_year(table):
    year = table.loc["2023/24"]
    assert year["weighting"] == "funding"
    assert (year["services"], year["providers"]) == (2, 2)
    assert year["provider_diversity"] == pytest.approx(1 - (0.6**2 + 0.4**2))
    assert year["hhi"] == pytest.approx(60**2 + 40**2)
    # The user-run shares are counted, never weighted; the funding share is its own measure.
    assert year["user_run_share"] == pytest.approx(0.5)
    assert year["user_involved_share"] == pytest.approx(1.0)
    assert year["user_run_funding_share"] == pytest.approx(0.6)
    assert year["building_share"] == pytest.approx(0.6 * 1 + 0.4 * 0.5)
    assert year["outreach_share"] == pytest.approx(0.4 * 0.5)
    assert year["mainstream_share"] == pytest.approx(0.0)
    assert year["vocational_share"] == pytest.approx(0.4 * 0.5)
    assert year["individual_share"] == pytest.approx(0.6 * 0.2 + 0.4 * 0.5)
    assert year["non_core_funding_share"] == pytest.approx(10000 / 100000)


def test_year_with_a_missing_funding_figure_counts_each_service_once(table):
    year = table.loc["2024/25"]
    assert year["weighting"] == "services"
    assert (year["services"], year["providers"]) == (3, 2)
    assert year["provider_diversity"] == pytest.approx(1 - 3 * (1 / 3) ** 2)
    # HHI uses the funding figures there are: P1 60k, P2 20k.
    assert year["hhi"] == pytest.approx(75**2 + 25**2)
    assert year["user_run_share"] == pytest.approx(2 / 3)
    assert pd.isna(year["user_run_funding_share"])  # B has no funding figure
    assert year["building_share"] == pytest.approx((0.8 + 0 + 1) / 3)
    assert year["mainstream_share"] == pytest.approx(1 / 3)
    assert year["vocational_share"] == pytest.approx((0.1 + 1 + 0) / 3)
    assert year["individual_share"] == pytest.approx((0.4 + 1 + 0) / 3)
    # Z is not a service of the portfolio, so its lottery money is not counted.
    assert year["non_core_funding_share"] == pytest.approx(30000 / 80000)


def test_measures_follow_a_filter(portfolio):
    services = portfolio.services
    only_p2 = services[services["provider"] == "P2"]
    table = yearly_measures(only_p2, portfolio.funding)
    assert table.loc["2024/25", "services"] == 2
    assert table.loc["2024/25", "non_core_funding_share"] == pytest.approx(1.0)
    assert table.loc["2024/25", "hhi"] == pytest.approx(10000)


def test_a_service_with_no_known_sector_is_left_out_of_diversity_alone():
    rows = [
        SERVICES_HEADER,
        service_row("A", "P1", 2024, "NHS"),
        service_row("B", "P2", 2024, "Voluntary"),
        service_row("C", "P3", 2024, "Martian", "Yes"),
    ]
    portfolio = load_sheets({"Services": rows})
    year = yearly_measures(portfolio.services, portfolio.funding).loc["2024/25"]
    assert year["services"] == 3 and year["providers"] == 3
    assert year["provider_diversity"] == pytest.approx(0.5)  # NHS and Voluntary, half each
    assert year["services_without_sector"] == 1
    assert year["user_run_share"] == pytest.approx(1 / 3)  # C still counts here


def test_no_funding_at_all_gives_null_hhi_and_null_non_core_share():
    rows = [SERVICES_HEADER, service_row("A", "P", 2024, "NHS", funding=None)]
    portfolio = load_sheets({"Services": rows})
    table = yearly_measures(portfolio.services, portfolio.funding)
    assert pd.isna(table.loc["2024/25", "hhi"])
    assert pd.isna(table.loc["2024/25", "non_core_funding_share"])
    assert table.loc["2024/25", "weighting"] == "services"


def test_section_scores_pool_respondents_and_leave_out_not_appropriate(portfolio):
    scores = section_scores(portfolio.benchmark).set_index(["service", "section"])["score"]
    assert scores[("A", 1)] == pytest.approx((3 + 1 + 0) / 3 / 3 * 100)
    assert scores[("A", 2)] == pytest.approx(2 / 3 * 100)
    assert ("B", 8) not in scores.index


def test_trend_and_outcome_headlines(table):
    user_run = trend(table, "user_run_share")
    assert user_run["first_year"] == "2023/24" and user_run["latest_year"] == "2024/25"
    assert user_run["change"] == pytest.approx(2 / 3 - 0.5)
    assert user_run["status"] == "on track"
    assert trend(table, "building_share")["status"] == "on track"  # fell, as desired
    assert trend(table, "individual_share")["status"] == "on track"
    tiles = {tile.number: tile for tile in overview.outcome_tiles(table)}
    assert len(tiles) == 6
    assert tiles[2].text == "An increasing number of user/ex user run services"
    assert tiles[2].headline.measure == "user_run_share"
    one_year = trend(table.loc[["2024/25"]], "user_run_share")
    assert one_year["status"] == "no data" and one_year["latest"] == pytest.approx(2 / 3)


def test_json_shape_matches_the_contract(portfolio):
    result = measures_json(portfolio.services, portfolio.funding, portfolio.benchmark)
    year = result["years"]["2023/24"]
    assert year["services"] == 2 and year["weighting"] == "funding"
    assert year["user_run_share"] == pytest.approx(0.5)
    assert year["user_run_funding_share"] == pytest.approx(0.6)
    assert year["services_without_sector"] == 0
    assert result["benchmark"]["2024/25"]["A"]["1"] == pytest.approx(44.44, abs=0.01)
    assert result["benchmark"]["2024/25"]["A"]["3"] is None
    assert result["benchmark"]["2024/25"]["B"] == {str(s): None for s in range(1, 9)}
    json.dumps(result, allow_nan=False)


# ---------------------------------------------------------------- the command line


def _write(tmp_path, sheets):
    path = tmp_path / "portfolio.xlsx"
    path.write_bytes(xlsx(sheets))
    return path


def test_cli_measures_json(tmp_path, capsys):
    path = _write(tmp_path, {"Services": ROWS, "Funding": FUNDING, "Benchmark": BENCHMARK})
    assert main(["measures", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"years", "benchmark", "rows_left_out", "problems"}
    assert result["years"]["2024/25"]["hhi"] == pytest.approx(6250)
    assert result["years"]["2024/25"]["weighting"] == "services"


def test_cli_validate_names_every_bad_row_and_exits_0(tmp_path, capsys):
    rows = [*ROWS, service_row("D", "P3", "2024/99", "NHS")]
    path = _write(tmp_path, {"Services": rows})
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "ERROR: sheet Services, row 7, column Year (found '2024/99')" in out
    assert "services 5 rows" in out


def test_cli_on_a_folder_of_csv_files(tmp_path, capsys):
    folder = tmp_path / "csv"
    folder.mkdir()
    pd.DataFrame(ROWS[1:], columns=ROWS[0]).to_csv(folder / "Services.csv", index=False)
    assert main(["measures", str(folder), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["years"]["2023/24"]["services"] == 2


def test_cli_unreadable_exits_non_zero_with_one_sentence(tmp_path, capsys):
    path = tmp_path / "notes.xlsx"
    path.write_bytes(b"not a workbook")
    assert main(["validate", str(path)]) != 0
    err = capsys.readouterr().err
    assert err.startswith("Could not load the portfolio:") and "Traceback" not in err
    assert main(["measures", str(tmp_path / "missing.xlsx"), "--json"]) != 0


def test_trend_ignores_floating_point_noise_and_measures_without_direction():
    table = pd.DataFrame(
        {"building_share": [0.1 + 0.2, 0.3], "services": [3, 5]}, index=["2023/24", "2024/25"]
    )
    assert trend(table, "building_share")["change"] == 0
    assert trend(table, "building_share")["status"] == "not on track"
    assert trend(table, "services")["status"] == "no direction"


def test_absent_category_columns_are_text_not_numbers():
    portfolio = load_sheets({"Services": ROWS})
    for column in ("setting", "activity", "support_model", "groups_served", "self_referral"):
        assert portfolio.services[column].dtype == "string", column


def test_target_for_prefers_the_latest_year_named():
    from dayserv.figures.measures import target_for, target_row

    targets = pd.DataFrame(
        {
            "outcome": ["user_run_share", "user_run_share", "providers"],
            "target": [0.2, 0.25, 20.0],
            "year": [pd.NA, "2025/26", "2024/25"],
        }
    )
    assert target_for(targets, "user_run_share") == 0.25
    assert target_for(targets, "providers") == 20
    assert target_for(targets, "hhi") is None
    assert target_row(targets, "user_run_share") == (0.25, "2025/26")
    # Two targets for one year: the lower in the sheet; no year at all: None for the year.
    more = pd.concat(
        [
            targets,
            pd.DataFrame(
                {
                    "outcome": ["providers", "hhi", None],
                    "target": [24.0, 1500, 1],
                    "year": ["2024/25", pd.NA, pd.NA],
                }
            ),
        ],
        ignore_index=True,
    )
    assert target_row(more, "providers") == (24.0, "2024/25")
    assert target_row(more, "hhi") == (1500.0, None)


# ---------------------------------------------------------------- against a groupby


def _groupby_measures(services: pd.DataFrame) -> pd.DataFrame:
    """The yearly measures as pandas groupbys say them: the definitions, written plainly,
    that yearly_measures' sums over codes must agree with."""
    year = services["year"].astype("string")
    weight = weights(services)
    share_of = lambda values, w: (  # noqa: E731
        (values * w).where(values.notna()).groupby(year).sum(min_count=1)
        / w.where(values.notna()).groupby(year).sum(min_count=1).replace(0, float("nan"))
    )
    sector = weight.groupby([year, services["sector"]]).sum()
    sector_share = sector / sector.groupby(level=0).transform("sum")
    money = services["funding"].groupby([year, services["provider"]]).sum(min_count=1)
    provider_share = money / money.groupby(level=0).transform("sum")
    stated = services["user_run"].notna()
    yes = services["user_run"].eq("Yes").where(stated).astype("float64")
    out = pd.DataFrame(
        {
            "services": year.value_counts(),
            "providers": services.groupby(year)["provider"].nunique(),
            "provider_diversity": 1 - (sector_share**2).groupby(level=0).sum(),
            "hhi": ((provider_share * 100) ** 2).groupby(level=0).sum(min_count=1),
            "user_run_share": share_of(yes, pd.Series(1.0, index=services.index)),
        }
    )
    for measure, column in SHARE_COLUMNS.items():
        out[measure] = share_of(services[column] / 100, weight)
    return out.sort_index()


SECTORS = [None, "NHS", "User-led", "Independent", "Parish"]  # Parish: not the contract's
PCT_COLUMNS = [
    *outcomes.SETTING_COLUMNS.values(),
    *outcomes.ACTIVITY_COLUMNS.values(),
    *outcomes.SUPPORT_COLUMNS.values(),
]
SERVICE_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["2022/23", "2023/24", "2024/25"]),
        st.sampled_from([None, "P1", "P2", "P3"]),
        st.sampled_from(SECTORS),
        st.sampled_from([None, "Yes", "Partly", "No"]),
        st.one_of(st.none(), st.sampled_from([0.0, 1000.0, 25000.5, 1e6])),
        st.one_of(st.none(), st.integers(0, 100)),
    ),
    min_size=1,
    max_size=40,
)


def services_of(rows) -> pd.DataFrame:
    """A Services table from SERVICE_ROWS' tuples (year, provider, sector, user run,
    funding, and one percentage for every setting, activity and support column)."""
    services = pd.DataFrame(
        [
            {
                "service": f"S{i}",
                "year": year,
                "provider": provider,
                "sector": sector,
                "user_run": user_run,
                "funding": funding,
                **{column: pct for column in PCT_COLUMNS},
            }
            for i, (year, provider, sector, user_run, funding, pct) in enumerate(rows)
        ]
    ).astype({"year": "string", "provider": "string", "sector": "string", "user_run": "string"})
    for column in [*PCT_COLUMNS, "funding"]:
        services[column] = services[column].astype("float64")
    return services


@settings(max_examples=80, deadline=None)
@given(SERVICE_ROWS)
def test_the_yearly_measures_agree_with_plain_groupbys(rows):
    services = services_of(rows)
    ours = yearly_measures(services)
    plain = _groupby_measures(services)
    for column in plain:
        pd.testing.assert_series_equal(
            ours[column].astype("float64"),
            plain[column].reindex(ours.index).astype("float64"),
            check_names=False,
            check_index_type=False,
            rtol=1e-9,
        )
