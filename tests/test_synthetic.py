"""The synthetic portfolios: shape, internal consistency, and the stories the sample tells."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dayserv.eastbrook import sample_portfolio
from dayserv.synthetic import SHEET_COLUMNS, STATEMENT_IDS, YEARS, big_portfolio, write_workbook


@pytest.fixture(scope="module")
def sample() -> dict[str, pd.DataFrame]:
    return sample_portfolio()


@pytest.fixture(scope="module")
def yearly(sample) -> pd.DataFrame:
    """The anticipated-outcome measures by year, weighted by Annual funding, in plain pandas."""
    services, funding = sample["Services"], sample["Funding"]
    rows = {}
    for year, group in services.groupby("Year"):
        weight = group["Annual funding"]
        provider_share = group.groupby("Provider")["Annual funding"].sum() / weight.sum()
        year_funding = funding[funding["Year"] == year]
        non_core = year_funding.loc[year_funding["Source"] != "Core commissioning", "Amount"]
        rows[year] = {
            "user_run_share": np.average(group["User run"] == "Yes", weights=weight),
            "building_share": np.average(group["Building-based %"], weights=weight) / 100,
            "vocational_share": np.average(group["Vocational %"], weights=weight) / 100,
            "individual_share": np.average(group["Individual %"], weights=weight) / 100,
            "non_core_funding_share": non_core.sum() / year_funding["Amount"].sum(),
            "providers": group["Provider"].nunique(),
            "hhi": 10_000 * (provider_share**2).sum(),
        }
    return pd.DataFrame.from_dict(rows, orient="index").sort_index()


def test_sample_has_every_sheet_with_the_contract_columns(sample):
    assert list(sample) == list(SHEET_COLUMNS)
    for name, columns in SHEET_COLUMNS.items():
        assert tuple(sample[name].columns) == columns, name


def test_sample_headings_match_the_contract(sample):
    contract = pytest.importorskip("dayserv.contract")
    for sheet in contract.SHEETS:
        headings = {column.heading for column in sheet.columns}
        assert set(sample[sheet.name].columns) <= headings, sheet.name


def test_checklist_answers_every_key_question(sample):
    from dayserv.frameworks import KEY_QUESTIONS

    checklist = sample["Checklist"]
    assert checklist["Question"].tolist() == [q.text for q in KEY_QUESTIONS]
    assert set(checklist["Answer"]) == {"Yes", "Partly", "No", "Not yet considered", ""}


def test_thirty_plus_services_every_year_across_four_years(sample):
    services = sample["Services"]
    assert sorted(services["Year"].unique()) == list(YEARS)
    per_year = services.groupby("Year")["Service"].nunique()
    assert (per_year >= 30).all()
    assert not services.duplicated(["Service", "Year"]).any()
    assert services["Locality"].nunique() >= 4


def test_services_mostly_persist_with_some_closing_and_some_new(sample):
    services = sample["Services"]
    by_year = [set(services.loc[services["Year"] == y, "Service"]) for y in YEARS]
    assert len(by_year[0] - by_year[-1]) >= 1
    assert len(by_year[-1] - by_year[0]) >= 3
    assert len(by_year[0] & by_year[-1]) >= 0.8 * len(by_year[0])


def test_shares_sum_to_one_hundred(sample):
    services = sample["Services"]
    for columns in (
        ["Building-based %", "Outreach %", "Mainstream %"],
        ["Social & leisure %", "Vocational %"],
        ["Group %", "Individual %"],
    ):
        block = services[columns]
        assert (block.sum(axis=1) == 100).all(), columns
        assert (block >= 0).all().all(), columns


def test_values_are_in_the_contract_vocabularies(sample):
    services = sample["Services"]
    assert set(services["Sector"]) <= {
        "NHS",
        "Local authority",
        "Voluntary",
        "Independent",
        "User-led",
    }
    assert set(services["User run"]) <= {"Yes", "Partly", "No"}
    for column in ("Self-referral", "Drop-in", "Evenings", "Weekends"):
        assert set(services[column]) <= {"Yes", "No"}
    groups = services["Groups served"].dropna().str.split(";").explode()
    assert set(groups) <= {
        "BME communities",
        "Women",
        "Younger people",
        "Older people",
        "LGBT+",
        "Disabled people",
        "Faith groups",
    }
    assert services["Groups served"].isna().mean() > 0.5
    assert services["Annual funding"].between(15_000, 900_000).all()


def test_statutory_providers_hold_the_biggest_contracts(sample):
    services = sample["Services"]
    biggest = services.nlargest(10, "Annual funding")["Provider"]
    statutory = {"Eastbrook Partnership NHS Foundation Trust", "Eastbrook Council"}
    assert biggest.isin(statutory).mean() >= 0.8


def test_funding_sources_sum_to_annual_funding(sample):
    services, funding = sample["Services"], sample["Funding"]
    totals = funding.groupby(["Service", "Year"])["Amount"].sum()
    expected = services.set_index(["Service", "Year"])["Annual funding"]
    pd.testing.assert_series_equal(
        totals.reindex(expected.index), expected, check_names=False, check_dtype=False
    )
    per_service_year = funding.groupby(["Service", "Year"]).size()
    assert per_service_year.between(1, 3).all()
    assert not funding.duplicated(["Service", "Year", "Source"]).any()
    assert (funding["Amount"] > 0).all()


def test_benchmark_has_all_65_statements_and_about_half_the_services(sample):
    services, benchmark = sample["Services"], sample["Benchmark"]
    assert len(STATEMENT_IDS) == 65
    assert set(benchmark["Statement"]) == set(STATEMENT_IDS)
    assert set(benchmark["Response"].dropna()) <= {"YD", "YAB", "NP", "NAA", "N/A"}
    assert 0 < benchmark["Response"].isna().mean() < 0.05
    assert {"Staff", "Service user", "Carer"} <= set(benchmark["Respondent"])
    taking_part = benchmark.groupby("Year")["Service"].nunique()
    all_services = services.groupby("Year")["Service"].nunique()
    share = taking_part / all_services
    assert share.between(0.3, 0.7).all()


def test_benchmark_statements_agree_with_the_frameworks():
    frameworks = pytest.importorskip("dayserv.frameworks")
    assert tuple(frameworks.STATEMENT_IDS) == STATEMENT_IDS


def test_service_users_are_less_positive_than_staff(sample):
    benchmark = sample["Benchmark"]
    points = benchmark["Response"].map({"YD": 3, "YAB": 2, "NP": 1, "NAA": 0})
    by_respondent = points.groupby(benchmark["Respondent"]).mean()
    assert by_respondent["Service user"] < by_respondent["Staff"]
    by_statement = points.groupby([benchmark["Statement"], benchmark["Respondent"]]).mean()
    gap = by_statement.xs("Staff", level=1) - by_statement.xs("Service user", level=1)
    assert gap.max() > 1.0  # markedly less positive on some statements


def test_good_practice_covers_about_ten_services_in_the_latest_two_years(sample):
    good_practice = sample["GoodPractice"]
    assert set(good_practice["Year"]) == set(YEARS[-2:])
    assert good_practice["Service"].nunique() == 10
    assert set(good_practice["Feature"]) == {"A1", "A2", "A3", "A4", "A5", "A6", "A7", "B"}
    assert set(good_practice["Rating"]) == {"Strong", "Some", "None"}
    assert good_practice["Evidence"].isna().any() and good_practice["Evidence"].notna().any()


def test_kpis_are_quarterly_returns_with_a_few_missing(sample):
    kpis = sample["KPIs"]
    assert kpis["Provider"].nunique() == 6
    assert set(kpis["Year"]) == set(YEARS[-2:])
    assert set(kpis["Quarter"]) == {"Q1", "Q2", "Q3", "Q4"}
    assert set(kpis["KPI"]) == {f"R{i}" for i in range(1, 13)}
    assert len(kpis) < 6 * 2 * 4 * 12
    percentages = kpis[kpis["KPI"].isin(["R1", "R2", "R3", "R4", "R5", "R7"])]["Value"]
    assert percentages.between(0, 100).all()
    assert (kpis["Value"] >= 0).all()


def test_targets(sample):
    targets = sample["Targets"].set_index("Outcome")["Target"]
    assert targets["user_run_share"] == pytest.approx(0.30)
    assert targets["providers"] == 20
    assert set(sample["Targets"]["Year"]) == {"2025/26"}


def test_the_sample_tells_the_intended_stories(yearly):
    first, last = yearly.iloc[0], yearly.iloc[-1]
    assert yearly["user_run_share"].is_monotonic_increasing
    assert last["user_run_share"] >= 1.7 * first["user_run_share"]
    assert yearly["providers"].is_monotonic_increasing
    assert last["providers"] > first["providers"]
    assert last["vocational_share"] > first["vocational_share"]
    # Buildings: falls, but only slightly, and stays far from the 0.40 target.
    assert 0 < first["building_share"] - last["building_share"] < 0.10
    assert last["building_share"] > 0.5
    # Group to individual moves away from the outcome.
    assert last["individual_share"] < first["individual_share"]
    assert last["non_core_funding_share"] > first["non_core_funding_share"]
    assert yearly["hhi"].is_monotonic_decreasing


def test_localities_differ(sample):
    services = sample["Services"]
    user_run = services.groupby("Locality")["User run"].apply(lambda s: (s == "Yes").sum())
    assert user_run["Rural West"] == 0
    building = services.groupby("Locality")["Building-based %"].mean()
    assert building.idxmax() == "Coastal"
    assert building["Coastal"] > 70


def test_sample_is_the_same_for_the_same_seed():
    first, second = sample_portfolio(), sample_portfolio()
    for name in first:
        pd.testing.assert_frame_equal(first[name], second[name])
    other = sample_portfolio(seed=1)["Services"]
    assert not other["Annual funding"].equals(first["Services"]["Annual funding"])


def test_big_portfolio_shape():
    big = big_portfolio(2000)
    services, benchmark, funding = big["Services"], big["Benchmark"], big["Funding"]
    assert len(services) == 2000
    assert tuple(services.columns) == SHEET_COLUMNS["Services"]
    statement_columns = [c for c in benchmark.columns if c in STATEMENT_IDS]
    assert len(statement_columns) == 65
    assert list(benchmark.columns[:3]) == ["Service", "Year", "Respondent"]
    assert len(benchmark) == 2000
    assert 1.3 < len(funding) / len(services) < 1.7
    totals = funding.groupby(["Service", "Year"])["Amount"].sum()
    expected = services.set_index(["Service", "Year"])["Annual funding"]
    assert (totals.reindex(expected.index) == expected).all()
    for columns in (
        ["Building-based %", "Outreach %", "Mainstream %"],
        ["Group %", "Individual %"],
    ):
        assert (services[columns].sum(axis=1) == 100).all()


def test_big_portfolio_long_form_and_odd_sizes():
    big = big_portfolio(10, benchmark_form="long")
    assert len(big["Services"]) == 10
    assert len(big["Benchmark"]) == 10 * 65
    with pytest.raises(ValueError):
        big_portfolio(10, benchmark_form="tall")


def test_write_workbook_keeps_statement_ids_and_years_as_text(tmp_path):
    sheets = big_portfolio(40)
    path = tmp_path / "big.xlsx"
    write_workbook(sheets, path)
    back = pd.read_excel(path, sheet_name=None, engine="calamine")
    assert list(back) == ["Services", "Funding", "Benchmark"]
    headers = list(back["Benchmark"].columns)
    assert "2.10" in headers and "2.1" in headers and "7.10" in headers
    assert headers[3:] == list(STATEMENT_IDS)
    assert set(back["Services"]["Year"]) <= set(YEARS)
    assert len(back["Services"]) == 40


def test_write_workbook_sample_round_trip(sample, tmp_path):
    path = tmp_path / "sample.xlsx"
    write_workbook(sample, path)
    back = pd.read_excel(path, sheet_name=None, engine="calamine")
    assert list(back) == list(sample)
    assert len(back["Checklist"]) == len(sample["Checklist"])
    assert list(back["Checklist"].columns) == list(SHEET_COLUMNS["Checklist"])
    assert len(back["Benchmark"]) == len(sample["Benchmark"])
    assert set(back["Benchmark"]["Statement"].astype(str)) == set(STATEMENT_IDS)
    assert (
        back["Services"]["Groups served"].isna().sum()
        == sample["Services"]["Groups served"].isna().sum()
    )
    assert path.stat().st_size < 1_000_000
    openpyxl = pytest.importorskip("openpyxl")
    assert openpyxl.load_workbook(path, read_only=False)["Services"].freeze_panes == "A2"


def test_write_workbook_is_byte_stable(sample, tmp_path):
    write_workbook(sample, tmp_path / "a.xlsx")
    write_workbook(sample, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
