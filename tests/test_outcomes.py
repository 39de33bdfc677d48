"""The outcome pages' figures, against figures worked out by hand from the contract."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings

from dayserv import contract
from dayserv.figures import balances, findings, outcomes
from dayserv.figures.measures import SHARE_COLUMNS, weights, yearly_measures
from dayserv.read.clean import load
from dayserv.read.reader import sources_from_paths
from tests.test_measures import FUNDING, ROWS, SERVICE_ROWS, services_of
from tests.workbooks import SERVICES_HEADER, load_sheets, service_row

SAMPLE = "sample_data/sample_portfolio.xlsx"

# One year, two localities and a service with no locality. North is fully funded (weighted
# by funding); South has a service without funding (each service counts once).
LOCAL = [
    SERVICES_HEADER,
    service_row("A", "P1", "2024/25", "NHS", "Yes", "North", 30000, social=100, vocational=0),
    service_row(
        "B",
        "P2",
        "2024/25",
        "Voluntary",
        "No",
        "North",
        10000,
        building=0,
        outreach=100,
        social=0,
        vocational=100,
        group=0,
        individual=100,
    ),
    service_row(
        "C",
        "P3",
        "2024/25",
        "Voluntary",
        "Partly",
        "South",
        None,
        building=50,
        mainstream=50,
        social=50,
        vocational=50,
    ),
    service_row(
        "D", "P3", "2024/25", "Voluntary", "No", "South", 40000, building=0, mainstream=100
    ),
    service_row("E", "P4", "2024/25", "Independent", "Yes", None, 5000, social=80, vocational=20),
]
# P1 leaves in 2023/24, P3 enters then; P2 leaves in 2024/25.
CHANGING = [
    SERVICES_HEADER,
    service_row("A", "P1", "2022/23", "NHS", funding=10000),
    service_row("B", "P2", "2022/23", "Voluntary", funding=20000),
    service_row("B", "P2", "2023/24", "Voluntary", funding=20000),
    service_row("C", "P3", "2023/24", "Independent", funding=30000),
    service_row("D", "P3", "2023/24", "Independent", funding=5000),
    service_row("C", "P3", "2024/25", "Independent", funding=30000),
]


@pytest.fixture(scope="module")
def portfolio():
    return load_sheets({"Services": ROWS, "Funding": FUNDING})


@pytest.fixture(scope="module")
def services(portfolio):
    return portfolio.services


@pytest.fixture(scope="module")
def local():
    return load_sheets({"Services": LOCAL}).services


@pytest.fixture(scope="module")
def sample():
    return load(sources_from_paths([SAMPLE]))


def _row(frame: pd.DataFrame, **where) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column].eq(value)
    found = frame.loc[mask]
    assert len(found) == 1, f"{where}: {len(found)} rows"
    return found.iloc[0]


def _share(frame: pd.DataFrame, **where) -> float:
    return float(_row(frame, **where)["share"])


# ---------------------------------------------------------------- outcome 1: providers


def test_sector_mix_lists_every_sector_every_year(services):
    mix = outcomes.sector_mix(services)
    assert list(mix["sector"].iloc[:5]) == [
        "NHS",
        "Local authority",
        "Voluntary",
        "Independent",
        "User-led",
    ]
    assert len(mix) == 10
    nhs = _row(mix, year="2023/24", sector="NHS")
    assert (nhs["services"], nhs["funding"]) == (1, 60000)
    assert nhs["share_of_services"] == pytest.approx(0.5)
    assert nhs["share_of_funding"] == pytest.approx(0.6)
    none = _row(mix, year="2023/24", sector="Local authority")
    assert none["services"] == 0 and pd.isna(none["funding"])
    assert none["share_of_services"] == 0 and none["share_of_funding"] == 0
    # 2024/25: B (Voluntary) has no funding figure; shares are of the 80k there is.
    voluntary = _row(mix, year="2024/25", sector="Voluntary")
    assert voluntary["services"] == 1 and pd.isna(voluntary["funding"])
    assert voluntary["share_of_services"] == pytest.approx(1 / 3)
    assert voluntary["share_of_funding"] == 0
    assert _row(mix, year="2024/25", sector="User-led")["share_of_funding"] == pytest.approx(0.25)
    # Weighted as the contract says: by funding in 2023/24, each service once in 2024/25.
    assert nhs["weighted_share"] == pytest.approx(0.6)
    assert voluntary["weighted_share"] == pytest.approx(1 / 3)
    diversity = 1 - mix["weighted_share"].pow(2).groupby(mix["year"]).sum()
    assert diversity.to_list() == pytest.approx(
        yearly_measures(services)["provider_diversity"].to_list()
    )


def test_sector_mix_in_a_year_without_funding_has_no_funding_shares():
    rows = [SERVICES_HEADER, service_row("A", "P", "2024/25", "NHS", funding=None)]
    rows.append(service_row("B", "Q", "2024/25", "Voluntary", funding=None))
    mix = outcomes.sector_mix(load_sheets({"Services": rows}).services)
    assert mix["share_of_funding"].isna().all()
    assert mix["share_of_services"].sum() == pytest.approx(1)


def test_provider_shares_rank_by_funding(services):
    table = outcomes.provider_shares(services)
    assert list(table.columns) == [
        "year",
        "rank",
        "provider",
        "services",
        "funding",
        "share_of_funding",
    ]
    latest = table[table["year"] == "2024/25"]
    assert list(latest["provider"]) == ["P1", "P2"]
    assert list(latest["rank"]) == [1, 2]
    assert list(latest["services"]) == [1, 2]
    assert list(latest["share_of_funding"]) == pytest.approx([0.75, 0.25])
    # The shares are those the HHI squares.
    hhi = (table["share_of_funding"] * 100).pow(2).groupby(table["year"]).sum()
    measures = yearly_measures(services)
    assert hhi.to_list() == pytest.approx(measures["hhi"].to_list())


def test_provider_shares_group_the_rest_of_the_latest_years_ranking(services):
    table = outcomes.provider_shares(services, top=1)
    assert list(table["provider"]) == ["P1", "Other providers"] * 2
    other = _row(table, year="2024/25", provider="Other providers")
    assert pd.isna(other["rank"])
    assert (other["services"], other["funding"]) == (2, 20000)
    assert other["share_of_funding"] == pytest.approx(0.25)


def test_largest_providers(services, sample):
    assert list(outcomes.largest_providers(services, "2024/25", top=1)["provider"]) == ["P1"]
    top = outcomes.largest_providers(sample.services, "2025/26")
    assert list(top["rank"]) == [1, 2, 3, 4, 5]
    assert top["funding"].is_monotonic_decreasing
    assert outcomes.largest_providers(services, "2019/20").empty


def test_provider_changes_name_entrants_and_leavers():
    changes = outcomes.provider_changes(load_sheets({"Services": CHANGING}).services)
    assert list(changes.columns) == [
        "year",
        "previous_year",
        "provider",
        "change",
        "services",
        "funding",
    ]
    got = changes[["year", "previous_year", "provider", "change", "services", "funding"]]
    assert got.values.tolist() == [
        ["2023/24", "2022/23", "P3", "entered", 2, 35000],
        ["2023/24", "2022/23", "P1", "left", 1, 10000],
        ["2024/25", "2023/24", "P2", "left", 1, 20000],
    ]


def test_provider_changes_with_the_same_providers_or_one_year(services):
    assert outcomes.provider_changes(services).empty
    assert outcomes.provider_changes(services[services["year"] == "2024/25"]).empty


# ---------------------------------------------------------------- outcome 2: user-run


def test_user_run_by_year(services):
    table = outcomes.user_run_by_year(services).set_index("year")
    first, latest = table.loc["2023/24"], table.loc["2024/25"]
    assert (first["services"], first["user_run"], first["partly"]) == (2, 1, 1)
    assert first["user_run_share"] == pytest.approx(0.5)  # counted: one of two services
    assert first["user_involved_share"] == pytest.approx(1.0)
    assert first["user_run_funding_share"] == pytest.approx(0.6)
    assert first["weighting"] == "funding"
    assert (latest["services"], latest["user_run"], latest["partly"]) == (3, 2, 0)
    assert latest["user_run_share"] == pytest.approx(2 / 3)
    assert latest["weighting"] == "services"


def test_user_run_by_locality_counts_within_each_locality(local):
    table = outcomes.user_run_by_locality(local)
    assert list(table["locality"]) == ["North", "Not stated", "South"]
    north = _row(table, locality="North")
    assert north["user_run_share"] == pytest.approx(1 / 2)
    assert north["user_run_funding_share"] == pytest.approx(30000 / 40000)
    assert north["weighting"] == "funding"
    south = _row(table, locality="South")
    assert (south["services"], south["user_run"], south["partly"]) == (2, 0, 1)
    assert south["user_run_share"] == 0
    assert south["user_involved_share"] == pytest.approx(0.5)
    assert south["weighting"] == "services"
    assert _row(table, locality="Not stated")["user_run_share"] == 1
    # The whole year counts each service once, since C has no funding figure.
    year = outcomes.user_run_by_year(local).iloc[0]
    assert year["user_run_share"] == pytest.approx(2 / 5)
    assert year["user_involved_share"] == pytest.approx(3 / 5)


def test_user_run_services_lists_yes_and_partly_by_year_then_funding(services):
    table = outcomes.user_run_services(services)
    assert list(table.columns) == [
        "service",
        "provider",
        "year",
        "locality",
        "sector",
        "user_run",
        "funding",
    ]
    assert list(zip(table["year"], table["service"], strict=True)) == [
        ("2023/24", "A"),
        ("2023/24", "B"),
        ("2024/25", "C"),
        ("2024/25", "B"),  # no funding figure: last
    ]
    assert list(table["user_run"]) == ["Yes", "Partly", "Yes", "Yes"]


# ---------------------------------------------------------------- outcomes 4, 5, 6: balances


def test_setting_by_year(services):
    table = balances.SETTING.by_year(services)
    assert list(table.columns) == ["year", "setting", "share", "services", "weighting"]
    assert list(table["setting"].iloc[:3]) == ["Building-based", "Outreach", "Mainstream"]
    assert _share(table, year="2023/24", setting="Building-based") == pytest.approx(0.8)
    assert _share(table, year="2023/24", setting="Outreach") == pytest.approx(0.2)
    assert _share(table, year="2024/25", setting="Building-based") == pytest.approx(1.8 / 3)
    assert _share(table, year="2024/25", setting="Mainstream") == pytest.approx(1 / 3)
    assert list(table["weighting"]) == ["funding"] * 3 + ["services"] * 3


def test_setting_by_locality_weights_within_each_locality(local):
    table = balances.SETTING.by_group(local, "locality")
    assert _share(table, locality="North", setting="Building-based") == pytest.approx(0.75)
    assert _share(table, locality="North", setting="Outreach") == pytest.approx(0.25)
    assert _share(table, locality="South", setting="Building-based") == pytest.approx(0.25)
    assert _share(table, locality="South", setting="Mainstream") == pytest.approx(0.75)
    assert _row(table, locality="South", setting="Outreach")["weighting"] == "services"
    assert _row(table, locality="Not stated", setting="Building-based")["services"] == 1


def test_setting_by_service_most_building_based_first(services):
    table = balances.SETTING.by_service(services, "2024/25")
    assert list(table["service"]) == ["C", "A", "B"]
    assert list(table["building_pct"]) == [100, 80, 0]
    assert table["building_funding"].iloc[:2].to_list() == pytest.approx([20000, 48000])
    assert pd.isna(table["building_funding"].iloc[2])
    assert {"provider", "locality", "outreach_pct", "mainstream_pct"} <= set(table.columns)


def test_building_money(services):
    table = balances.building_money(services).set_index("year")
    assert table.loc["2023/24"].to_list() == pytest.approx([100000, 100000, 80000, 0.8])
    # B has no funding figure, so only A and C have money in a known setting.
    assert table.loc["2024/25"].to_list() == pytest.approx([80000, 80000, 68000, 0.85])


def test_activity_shares(services, local):
    table = balances.ACTIVITY.by_year(services)
    assert list(table["activity"].iloc[:2]) == ["Social & leisure", "Vocational"]
    assert _share(table, year="2023/24", activity="Vocational") == pytest.approx(0.2)
    assert _share(table, year="2024/25", activity="Vocational") == pytest.approx(1.1 / 3)
    by_sector = balances.ACTIVITY.by_group(local, "sector")
    assert list(by_sector["sector"].drop_duplicates()) == ["NHS", "Voluntary", "Independent"]
    assert _share(by_sector, sector="Voluntary", activity="Vocational") == pytest.approx(0.5)
    assert _share(by_sector, sector="Independent", activity="Vocational") == pytest.approx(0.2)
    by_service = balances.ACTIVITY.by_service(services, "2023/24")
    assert list(by_service["service"]) == ["A", "B"]
    assert by_service["social_funding"].to_list() == pytest.approx([60000, 20000])
    with pytest.raises(ValueError):
        balances.ACTIVITY.by_group(local, "provider")


def test_support_shares(services, local):
    table = balances.SUPPORT.by_year(services)
    assert _share(table, year="2023/24", support="Individual") == pytest.approx(0.32)
    assert _share(table, year="2024/25", support="Group") == pytest.approx(1.6 / 3)
    by_locality = balances.SUPPORT.by_group(local, "locality")
    assert _share(by_locality, locality="North", support="Individual") == pytest.approx(0.25)
    by_service = balances.SUPPORT.by_service(services, "2024/25")
    assert list(by_service["service"]) == ["C", "A", "B"]
    assert by_service["group_funding"].iloc[:2].to_list() == pytest.approx([20000, 36000])


def _by_year_shares(services: pd.DataFrame) -> pd.DataFrame:
    """The outcome pages' by-year shares, as yearly_measures' columns."""
    setting = balances.SETTING.by_year(services).pivot(index="year", columns="setting")["share"]
    activity = balances.ACTIVITY.by_year(services).pivot(index="year", columns="activity")
    support = balances.SUPPORT.by_year(services).pivot(index="year", columns="support")
    user_run = outcomes.user_run_by_year(services).set_index("year")
    return pd.DataFrame(
        {
            "building_share": setting["Building-based"],
            "outreach_share": setting["Outreach"],
            "mainstream_share": setting["Mainstream"],
            "vocational_share": activity["share"]["Vocational"],
            "individual_share": support["share"]["Individual"],
            "user_run_share": user_run["user_run_share"],
            "user_involved_share": user_run["user_involved_share"],
            "weighting": user_run["weighting"],
        }
    )


@pytest.mark.parametrize("which", ["hand-made", "local", "sample"])
def test_by_year_shares_equal_the_yearly_measures(which, services, local, sample):
    chosen = {"hand-made": services, "local": local, "sample": sample.services}[which]
    ours = _by_year_shares(chosen)
    theirs = yearly_measures(chosen)
    for measure in [*SHARE_COLUMNS, "user_run_share", "user_involved_share"]:
        assert ours[measure].to_list() == pytest.approx(theirs[measure].to_list()), measure
    assert ours["weighting"].to_list() == theirs["weighting"].to_list()


def test_sample_figures_agree_with_the_measures(sample):
    services, funding = sample.services, sample.funding
    measures = yearly_measures(services, funding)
    money = balances.building_money(services).set_index("year")
    # Every sample service is funded, so money in buildings is the building-based share.
    assert money["building_funding_share"].to_list() == pytest.approx(
        measures["building_share"].to_list()
    )
    shares = outcomes.provider_shares(services)
    hhi = (shares["share_of_funding"] * 100).pow(2).groupby(shares["year"]).sum()
    assert hhi.to_list() == pytest.approx(measures["hhi"].to_list())
    providers = shares.groupby("year")["provider"].nunique()
    assert providers.to_list() == measures["providers"].to_list()
    sources = outcomes.funding_by_source(services, funding)
    non_core = sources[sources["source"] != "Core commissioning"].groupby("year")["share"].sum()
    assert non_core.to_list() == pytest.approx(measures["non_core_funding_share"].to_list())
    mix = outcomes.sector_mix(services)
    assert mix.groupby("year")["services"].sum().to_list() == measures["services"].to_list()
    diversity = 1 - mix["weighted_share"].pow(2).groupby(mix["year"]).sum()
    assert diversity.to_list() == pytest.approx(measures["provider_diversity"].to_list())


# ---------------------------------------------------------------- outcome 3: funding sources


def test_funding_by_source(portfolio, services):
    table = outcomes.funding_by_source(services, portfolio.funding)
    assert list(table.columns) == ["year", "source", "amount", "share"]
    assert len(table) == 2 * 9
    assert list(table["source"].iloc[:3]) == ["Core commissioning", "NHS", "Direct payments"]
    first = table[table["year"] == "2023/24"].set_index("source")
    assert first.loc["Core commissioning", "amount"] == 90000
    assert first.loc["Lottery", "share"] == pytest.approx(0.1)
    assert first.loc["NHS", "amount"] == 0
    # Z's 99,999 of lottery money is not a service of the portfolio: left out.
    latest = table[table["year"] == "2024/25"].set_index("source")
    assert latest.loc["Lottery", "amount"] == 0
    assert latest.loc["Grants & trusts", "share"] == pytest.approx(20000 / 80000)
    assert latest["share"].sum() == pytest.approx(1)


def test_funding_by_source_follows_a_filter(portfolio, services):
    only_p2 = services[services["provider"] == "P2"]
    table = outcomes.funding_by_source(only_p2, portfolio.funding)
    assert _share(table, year="2024/25", source="Grants & trusts") == 1
    assert _share(table, year="2023/24", source="Lottery") == pytest.approx(0.25)


def test_funding_sources_by_service(portfolio, services):
    table = outcomes.funding_sources_by_service(services, portfolio.funding, "2024/25")
    assert list(table.columns) == [
        "service",
        "provider",
        "annual_funding",
        "total",
        "core",
        "non_core",
        "non_core_share",
        "sources",
    ]
    assert list(table["service"]) == ["A", "C", "B"]
    a, c, b = (table.iloc[i] for i in range(3))
    assert (a["total"], a["core"], a["non_core"], a["sources"]) == (60000, 50000, 10000, 2)
    assert a["non_core_share"] == pytest.approx(1 / 6)
    assert (c["core"], c["non_core_share"], c["sources"]) == (0, 1, 1)
    assert pd.isna(b["total"]) and b["sources"] == 0


def test_funding_without_a_funding_sheet(services):
    assert outcomes.funding_by_source(services, None).empty
    table = outcomes.funding_sources_by_service(services, None, "2023/24")
    assert list(table["sources"]) == [0, 0]


# ---------------------------------------------------------------- too little data


def test_year_coverage_counts_what_each_year_has(portfolio, services):
    coverage = outcomes.year_coverage(services, portfolio.funding).set_index("year")
    latest = coverage.loc["2024/25"]
    assert latest["services"] == 3
    assert latest["services_with_funding"] == 2
    assert latest["services_with_setting"] == 3
    assert latest["funding_rows"] == 3  # Z's row is not a service of the portfolio
    assert not coverage["too_little"].any()
    assert (coverage["reason"] == "").all()
    assert outcomes.too_little_data(coverage.reset_index(), "hhi") == {}


def test_too_little_data_names_the_reason():
    blank = dict(
        funding=None,
        building=None,
        outreach=None,
        mainstream=None,
        social=None,
        vocational=None,
        group=None,
        individual=None,
    )
    rows = [
        SERVICES_HEADER,
        service_row("A", "P1", "2024/25", "NHS", None, **blank),
        service_row("B", "P2", "2024/25", "Voluntary", None, **blank),
        service_row("A", "P1", "2025/26", "NHS", "Yes"),
    ]
    coverage = outcomes.year_coverage(load_sheets({"Services": rows}).services)
    assert list(coverage["too_little"]) == [False, True]
    assert list(coverage["reason"]) == ["", "only 1 service in 2025/26"]
    expected = {
        "hhi": "no funding figures in 2024/25",
        "user_run_share": "no User run answers in 2024/25",
        "building_share": "no Building-based / Outreach / Mainstream figures in 2024/25",
        "vocational_share": "no Social & leisure / Vocational figures in 2024/25",
        "individual_share": "no Group / Individual figures in 2024/25",
        "non_core_funding_share": "no Funding sheet rows in 2024/25",
    }
    for measure, reason in expected.items():
        assert outcomes.too_little_data(coverage, measure) == {
            "2024/25": reason,
            "2025/26": "only 1 service in 2025/26",
        }
    assert outcomes.too_little_data(coverage, "providers") == {
        "2025/26": "only 1 service in 2025/26"
    }


# ---------------------------------------------------------------- findings in words


# ---------------------------------------------------------------- empty and one-year frames

BY_SERVICES = {
    "sector_mix": outcomes.sector_mix,
    "provider_shares": outcomes.provider_shares,
    "provider_shares top": lambda s: outcomes.provider_shares(s, top=3),
    "largest_providers": lambda s: outcomes.largest_providers(s, "2024/25"),
    "provider_changes": outcomes.provider_changes,
    "user_run_by_year": outcomes.user_run_by_year,
    "user_run_by_locality": outcomes.user_run_by_locality,
    "user_run_services": outcomes.user_run_services,
    "setting_by_year": balances.SETTING.by_year,
    "setting_by_locality": lambda s: balances.SETTING.by_group(s, "locality"),
    "setting_by_service": lambda s: balances.SETTING.by_service(s, "2024/25"),
    "building_money": balances.building_money,
    "activity_by_year": balances.ACTIVITY.by_year,
    "activity_by_group": lambda s: balances.ACTIVITY.by_group(s, "sector"),
    "activity_by_service": lambda s: balances.ACTIVITY.by_service(s, "2024/25"),
    "support_by_year": balances.SUPPORT.by_year,
    "support_by_group": lambda s: balances.SUPPORT.by_group(s, "locality"),
    "support_by_service": lambda s: balances.SUPPORT.by_service(s, "2024/25"),
    "funding_by_source": lambda s: outcomes.funding_by_source(s, FUNDING_TABLE),
    "funding_sources_by_service": lambda s: outcomes.funding_sources_by_service(
        s, FUNDING_TABLE, "2024/25"
    ),
    "year_coverage": lambda s: outcomes.year_coverage(s, FUNDING_TABLE),
}
FUNDING_TABLE = load_sheets({"Services": ROWS, "Funding": FUNDING}).funding


@pytest.mark.parametrize("name", list(BY_SERVICES))
def test_every_function_takes_an_empty_frame(name, services):
    figure = BY_SERVICES[name]
    full = figure(services)
    empty = figure(services.iloc[:0])
    assert empty.empty
    assert list(empty.columns) == list(full.columns)


@pytest.mark.parametrize("name", list(BY_SERVICES))
def test_every_function_takes_one_year(name, services):
    one_year = services[services["year"] == "2024/25"]
    table = BY_SERVICES[name](one_year)
    if "year" in table and name != "provider_changes":
        assert set(table["year"]) == {"2024/25"}
    assert name == "provider_changes" or not table.empty


def test_empty_frames_give_no_findings(services):
    empty = services.iloc[:0]
    assert outcomes.too_little_data(outcomes.year_coverage(empty), "hhi") == {}


# ---------------------------------------------------------------- page shapes and findings


def _sample_services():
    from dayserv.app.state import sample_portfolio

    return sample_portfolio().services


def test_user_run_long_has_a_line_for_yes_and_partly():
    by_year = outcomes.user_run_by_year(_sample_services())
    long = outcomes.user_run_long(by_year)
    assert set(long["user_run"]) == {"Yes", "Partly"}
    first = long.loc[long["year"] == "2022/23"].set_index("user_run")["share"]
    row = by_year.iloc[0]
    assert first["Yes"] == pytest.approx(row["user_run_share"])
    assert first["Partly"] == pytest.approx(row["user_involved_share"] - row["user_run_share"])


def test_service_shares_long_keeps_the_table_order_and_scales_to_fractions():
    by_service = balances.SETTING.by_service(_sample_services(), "2025/26")
    long = balances.service_shares_long(by_service, balances.BALANCES["O5"].columns, "setting")
    assert long["service"].drop_duplicates().tolist() == by_service["service"].tolist()
    first = long.loc[long["service"] == by_service["service"].iloc[0]]
    assert first["share"].sum() == pytest.approx(1)


def test_findings_in_words():
    services = _sample_services()
    mix = outcomes.sector_mix(services)
    assert findings.sector_finding(mix, "services").startswith("User-led's share of services grew")
    changes = outcomes.provider_changes(services)
    words = findings.changes_words(changes, services)
    assert words.startswith("Between 2022/23 and 2025/26 the providers went from **")
    assert words.count("; ") == 2  # 2023/24, 2024/25 and 2025/26, each on its base
    by_year = balances.SETTING.by_year(services)
    assert balances.mix_words(by_year, "setting").startswith("2025/26: 62% building-based")
    locality = outcomes.latest_year_rows(outcomes.user_run_by_locality(services))
    title = findings.group_finding(locality, "locality", "user_run_share", "User-run share")
    assert title == (
        "In 2025/26, user-run share is highest in Coastal (38%) and lowest in Rural West (0%)"
    )
    money = balances.building_money(services)
    assert balances.building_money_words(money).startswith("In 2025/26, ")


def test_source_finding_names_the_source_that_grew_most():
    from dayserv.app.state import sample_portfolio

    sample = sample_portfolio()
    by_source = outcomes.funding_by_source(sample.services, sample.funding)
    words = findings.source_finding(by_source)
    assert " grew from " in words and words.endswith("of funding since 2022/23")
    assert (
        findings.source_finding(by_source.iloc[0:0]) == "No Funding figures for the services shown"
    )


# ---------------------------------------------------------------- against groupbys


def _groupby_sector_mix(services: pd.DataFrame) -> pd.DataFrame:
    """outcomes.sector_mix as pandas groupbys say it (its definition, written plainly)."""
    frame = services.assign(year=services["year"].astype("string"))
    found = frame.groupby(["year", "sector"])
    named = set(frame["sector"].dropna())
    sectors = list(contract.SECTORS) + sorted(named - set(contract.SECTORS))
    every = pd.MultiIndex.from_product(
        [sorted(frame["year"].unique()), sectors], names=["year", "sector"]
    )
    out = pd.DataFrame(
        {
            "services": found.size().reindex(every, fill_value=0).astype("int64"),
            "funding": found["funding"].sum(min_count=1).reindex(every),
            "weight": weights(frame).groupby([frame["year"], frame["sector"]]).sum().reindex(every),
        }
    )
    by_year = out.groupby(level="year")
    out["share_of_services"] = out["services"] / by_year["services"].transform("sum")
    year_funding = by_year["funding"].transform("sum").replace(0, float("nan"))
    out["share_of_funding"] = out["funding"].fillna(0) / year_funding
    weight = out["weight"].fillna(0)
    total = weight.groupby(level="year").transform("sum").replace(0, float("nan"))
    out["weighted_share"] = weight / total
    return out.drop(columns="weight").reset_index()


def _groupby_coverage(services: pd.DataFrame) -> pd.DataFrame:
    """outcomes.year_coverage's counts as a groupby of each row's flags."""
    flags = pd.DataFrame(
        {
            "services": 1,
            "services_with_funding": services["funding"].notna(),
            **{
                f"services_with_{name}": services[list(columns.values())].notna().any(axis=1)
                for name, columns in (
                    ("setting", outcomes.SETTING_COLUMNS),
                    ("activity", outcomes.ACTIVITY_COLUMNS),
                    ("support", outcomes.SUPPORT_COLUMNS),
                )
            },
            "services_with_user_run": services["user_run"].notna(),
        }
    )
    return flags.groupby(services["year"].astype("string")).sum().astype("int64").reset_index()


@settings(max_examples=80, deadline=None)
@given(SERVICE_ROWS)
def test_sector_mix_and_coverage_agree_with_plain_groupbys(rows):
    services = services_of(rows)
    pd.testing.assert_frame_equal(
        outcomes.sector_mix(services), _groupby_sector_mix(services), check_dtype=False
    )
    coverage = outcomes.year_coverage(services)
    pd.testing.assert_frame_equal(
        coverage[list(_groupby_coverage(services).columns)],
        _groupby_coverage(services),
        check_dtype=False,
    )


def test_providers_entering_and_leaving_are_said_with_each_years_base():
    rows = [("A", "2022/23"), ("B", "2022/23"), ("A", "2023/24"), ("C", "2023/24")]
    rows += [("D", "2023/24"), ("A", "2024/25")]
    services = pd.DataFrame(rows, columns=["provider", "year"]).assign(
        service=lambda f: f["provider"] + f["year"], funding=1.0
    )
    changes = outcomes.provider_changes(services)
    assert findings.changes_words(changes, services) == (
        "Between 2022/23 and 2024/25 the providers went from **2** to **1**: **2** entered "
        "and **3** left. Year by year: 2023/24, 2 entered and 1 left (3 providers); 2024/25, "
        "none entered and 2 left (1 provider)."
    )


def _groupby_user_run(services: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """outcomes._user_run as pandas groupbys say it (its definition, written plainly)."""
    keys = ["year", *by]
    frame = outcomes.grouped_services(services, keys)
    found = frame.groupby(keys)
    answer = frame["user_run"].astype(object)
    yes, partly = answer.eq("Yes"), answer.eq("Partly")
    flags = frame.assign(
        yes=yes,
        partly=partly,
        either=yes | partly,
        answered=answer.notna(),
        answered_money=frame["funding"].where(answer.notna()),
        yes_money=frame["funding"].where(yes, 0.0),
        funded=frame["funding"].notna(),
    ).groupby(keys)
    answered = flags["answered"].sum().replace(0, float("nan"))
    money = flags["answered_money"].sum(min_count=1).replace(0, float("nan"))
    funded = flags["funded"].all()
    out = pd.DataFrame(
        {
            "services": found.size(),
            "user_run": flags["yes"].sum(),
            "partly": flags["partly"].sum(),
            "user_run_share": flags["yes"].sum() / answered,
            "user_involved_share": flags["either"].sum() / answered,
            "user_run_funding_share": (flags["yes_money"].sum() / money).where(funded),
            "weighting": funded.map({True: "funding", False: "services"}),
        }
    ).reset_index()
    return out.sort_values(keys, key=outcomes.sector_first, kind="stable", ignore_index=True)


def _groupby_shares(services: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """balances._shares of the support columns as groupbys: each group's shares weighted
    by the contract's weights within the group, over the services with the figure."""
    keys = ["year", *by]
    frame = outcomes.grouped_services(services, keys)
    funded = frame["funding"].notna().groupby([frame[k] for k in keys]).transform("all")
    weight = frame["funding"].where(funded, 1.0)
    rows = []
    for name, column in balances.SUPPORT.columns.items():
        known = frame[column].notna()
        top = (frame[column] / 100 * weight).where(known).groupby([frame[k] for k in keys])
        bottom = weight.where(known).groupby([frame[k] for k in keys]).sum()
        share = top.sum() / bottom.replace(0, float("nan"))
        rows.append(share.rename("share").reset_index().assign(support=name))
    out = pd.concat(rows).sort_values(keys, key=outcomes.sector_first, kind="stable")
    order = {name: i for i, name in enumerate(balances.SUPPORT.columns)}
    return out.sort_values(
        [*keys, "support"],
        key=lambda c: c.map(order) if c.name == "support" else outcomes.sector_first(c),
        kind="stable",
        ignore_index=True,
    )


@settings(max_examples=80, deadline=None)
@given(SERVICE_ROWS)
def test_user_run_and_balance_shares_agree_with_plain_groupbys(rows):
    """Counted over each group's positions (bincounts), as groupbys count them, the groups
    in the keys' order and sectors in the contract's."""
    services = services_of(rows)
    for by in ([], ["sector"], ["provider"]):
        pd.testing.assert_frame_equal(
            outcomes._user_run(services, by), _groupby_user_run(services, by), check_dtype=False
        )
        shares = balances._shares(services, balances.SUPPORT.columns, "support", by)
        pd.testing.assert_frame_equal(
            shares[[*["year", *by], "share", "support"]],
            _groupby_shares(services, by)[[*["year", *by], "share", "support"]],
            check_dtype=False,
        )
