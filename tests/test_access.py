"""Opening hours: every written form, the problems reported, the week grid and the gaps."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dayserv.figures import access
from dayserv.read import hours
from tests.workbooks import SERVICES_HEADER, load_sheets, service_row


@pytest.mark.parametrize(
    ("cell", "spans"),
    [
        ("09:00-17:00", ((540, 1020),)),
        ("9am-5pm", ((540, 1020),)),
        ("10:00-14:00, 18:00-21:00", ((600, 840), (1080, 1260))),
        ("9-5", ((540, 1020),)),
        ("9.30am–4.30pm", ((570, 990),)),
        ("closed", ()),
        ("Closed", ()),
        ("-", ()),
        ("", ()),
        (None, ()),
        ("24 hours", ((0, 1440),)),
        ("1-5pm", ((780, 1020),)),
        ("6pm-midnight", ((1080, 1440),)),
        ("18:00-00:00", ((1080, 1440),)),
        ("9 to 5", ((540, 1020),)),
        ("10am-2pm & 6-9pm", ((600, 840), (1080, 1260))),
        (dt.datetime(2025, 5, 9), ((540, 1020),)),  # Excel's date for a typed 9-5
    ],
)
def test_parse_hours_reads_every_form(cell, spans):
    assert hours.parse_hours(cell) == spans


@pytest.mark.parametrize("cell", ["Open", "mornings", "17-9", "25:00-26:00", "9"])
def test_parse_hours_refuses_what_is_not_hours(cell):
    assert hours.parse_hours(cell) is None


DAYS_HEADER = ["Mon", "Tuesday", "Weds", "Thurs", "Fri", "Saturday", "Sun"]


def workbook(*weeks, localities=None, places=None):
    header = [*SERVICES_HEADER, "Places", *DAYS_HEADER]
    rows = []
    for i, week in enumerate(weeks):
        locality = localities[i] if localities else "North"
        row = service_row(f"S{i}", f"P{i}", "2024/25", "Voluntary", locality=locality)
        rows.append(row + [places[i] if places else 10, *week])
    return load_sheets({"Services": [header, *rows]})


def test_day_synonyms_and_tidy_text_and_unreadable_hours_reported():
    weekday = "9am-5pm"
    portfolio = workbook([weekday, "Tues 9-5", weekday, "9-5", weekday, "closed", None])
    services = portfolio.services
    assert services.loc[0, "mon"] == "09:00-17:00"
    assert services.loc[0, "thu"] == "09:00-17:00"
    assert services.loc[0, "sat"] == "Closed"
    assert pd.isna(services.loc[0, "tue"]) and pd.isna(services.loc[0, "sun"])
    # Named as the file heads it ("Tuesday"), not by the contract's short name.
    problem = portfolio.problems.loc[portfolio.problems["column"].eq("Tuesday")].iloc[0]
    assert (problem["severity"], problem["sheet"], problem["row"]) == ("warning", "Services", 2)
    assert problem["value"] == "Tues 9-5"
    assert problem["cell"] == "Q2"
    assert "Tuesday's hours were left blank" in problem["problem"]


def three_services():
    return workbook(
        ["09:00-17:00"] * 5 + ["closed", "closed"],
        ["10:00-14:00, 18:00-21:00", None, None, None, None, "10am-4pm", None],
        [None] * 7,  # gives no hours: left out of the grid
        localities=["North", "North", "South"],
        places=[20, 5, 30],
    ).services


def test_rows_sharing_a_label_are_told_apart_by_position():
    services = three_services()
    twice = pd.concat([services, services])  # labels 0, 1, 2, 0, 1, 2
    pd.testing.assert_frame_equal(access.week_grid(twice), access.week_grid(services) * 2)
    other = services.copy()
    other.loc[0, "sat"] = "10:00-12:00"  # the first service opens on Saturdays in the copy
    flags = access.service_access(pd.concat([services, other]))
    assert list(flags.index) == [0, 1, 2, 0, 1, 2]
    assert flags["weekends"].tolist()[:4] == [False, True, pd.NA, True]


def test_week_grid_counts_services_and_places_open_in_each_hour():
    services = three_services()
    grid = access.week_grid(services)
    assert grid.loc["Mon", 9] == 1 and grid.loc["Mon", 10] == 2
    assert grid.loc["Mon", 13] == 2 and grid.loc["Mon", 14] == 1
    assert grid.loc["Mon", 18] == 1 and grid.loc["Mon", 21] == 0
    assert grid.loc["Tue", 10] == 1 and grid.loc["Sat", 10] == 1 and grid.loc["Sun", 12] == 0
    assert grid.to_numpy().sum() == 5 * 8 + (4 + 3) + 6
    places = access.week_grid(services, "places")
    assert places.loc["Mon", 10] == 25 and places.loc["Sat", 15] == 5
    assert access.standard_cover(grid) == (5 * 8 + 3 + 6, 98)


def test_a_year_of_the_whole_table_is_that_year_s_rows_alone():
    """The page gives the grid and the gaps every year's rows and the year (the spans are
    worked out once): the figures are those of the year's rows alone."""
    services = pd.concat(
        [three_services(), three_services().assign(year="2025/26", places=[1, 2, 3])],
        ignore_index=True,
    )
    services.loc[3, "mon"] = "18:00-22:00"  # 2025/26's first service opens in the evening
    for year in ("2024/25", "2025/26"):
        alone = services.loc[services["year"].eq(year)].reset_index(drop=True)
        for weight in ("services", "places"):
            pd.testing.assert_frame_equal(
                access.week_grid(services, weight, year), access.week_grid(alone, weight)
            )
        pd.testing.assert_frame_equal(
            access.locality_gaps(services, year), access.locality_gaps(alone)
        )
    assert access.week_grid(services, "services", "2025/26").loc["Mon", 18] == 2
    assert access.week_grid(services, "services", "2024/25").loc["Mon", 18] == 1


def test_a_span_counts_in_every_hour_it_touches():
    services = workbook(["9.30am–4.30pm"] + [None] * 6).services
    grid = access.week_grid(services)
    assert list(grid.loc["Mon"][grid.loc["Mon"] > 0].index) == list(range(9, 17))


def test_evenings_and_weekends_from_hours_else_from_the_yes_no_columns():
    services = three_services()
    services["evenings"] = pd.array(["No", "No", "Yes"], dtype="string")
    services["weekends"] = pd.array(["Yes", "No", "No"], dtype="string")
    flags = access.service_access(services)
    assert flags["evenings"].tolist() == [False, True, True]  # hours beat the Yes/No column
    assert flags["weekends"].tolist() == [False, True, False]
    shares = access.access_shares(services).set_index("feature")
    assert shares.loc["Evenings", "share"] == pytest.approx(2 / 3)
    assert shares.loc["Evenings", "places_share"] == pytest.approx(35 / 55)
    assert pd.isna(shares.loc["Drop-in", "share"])


def test_gaps_per_locality_within_8am_to_10pm():
    services = three_services()
    gaps = access.locality_gaps(services)
    assert set(gaps["locality"]) == {"North"}  # South gives no hours: nothing to say
    north = gaps.set_index(["day", "from_hour"])
    assert north.loc[("Mon", 8), "to_hour"] == 9
    assert north.loc[("Mon", 21), "to_hour"] == 22
    assert north.loc[("Tue", 17), "to_hour"] == 22
    assert north.loc[("Sun", 8), "gap"] == "Sunday 8am–10pm"
    assert north.loc[("Sat", 16), "to_hour"] == 22
    (sentence,) = access.gap_sentences(gaps)
    assert sentence.startswith(
        "North: no service open Sunday 8am–10pm; Saturday 4pm–10pm; Tuesday–Friday 5pm–10pm"
    )
    assert sentence.endswith(f"({int(gaps['hours'].sum())} of the 98 hours of 8am–10pm)")


def test_hours_table_is_long_and_tidy():
    table = access.hours_table(three_services())
    assert list(table.columns[-3:]) == ["day", "start_minute", "end_minute"]
    assert len(table) == 5 + 2 + 1
    assert set(table["service"]) == {"S0", "S1"}


@pytest.mark.parametrize("size", [400, 2_000])
def test_a_filters_figures_cut_from_the_portfolios_are_its_own(size):
    """The spans, open hours and access flags of a filter's services are the portfolio's,
    worked out once and cut to its rows (per_row): the same figures as worked out afresh."""
    from dayserv.figures.filters import Filter
    from dayserv.synthetic import big_portfolio

    sheets = big_portfolio(size)
    services = load_sheets(
        {"Services": [list(sheets["Services"]), *sheets["Services"].to_numpy().tolist()]}
    ).tables["services"]
    assert access.has_hours(services)
    for chosen in (
        Filter(localities=(services["locality"].dropna().iloc[0],)),
        Filter(years=("2024/25", "2025/26")),
        Filter(localities=("no such locality",)),
    ):
        rows, afresh = chosen.services(services), chosen.services(services).copy()
        for table in (access.hours_table, access.open_hours, access.service_access):
            cut, own = table(rows), table(afresh)
            if own.empty:  # an empty table's columns may differ in type, not in name
                assert cut.empty and list(cut.columns) == list(own.columns)
            else:
                pd.testing.assert_frame_equal(cut, own)
        for year in (None, "2025/26"):
            for weight in ("services", "places"):
                pd.testing.assert_frame_equal(
                    access.week_grid(rows, weight, year), access.week_grid(afresh, weight, year)
                )
            pd.testing.assert_frame_equal(
                access.locality_gaps(rows, year), access.locality_gaps(afresh, year)
            )
        for by in (("year",), ("year", "locality")):
            pd.testing.assert_frame_equal(
                access.access_shares(rows, by), access.access_shares(afresh, by)
            )
        pd.testing.assert_frame_equal(access.service_table(rows), access.service_table(afresh))
