"""Areas compared: areas from the sources, the measures per area, the summary's quartiles,
the quartile words, the command line's JSON, and the sample region."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dayserv.__main__ import main
from dayserv.figures import compare
from dayserv.read.clean import load
from dayserv.read.reader import Source
from dayserv.region import sample_region
from dayserv.synthetic import write_workbook

ROOT = Path(__file__).resolve().parent.parent
REGION = ROOT / "sample_data" / "sample_region.xlsx"


def services_rows(area: str | None, year: str, n: int, yes: int, **values) -> list[dict]:
    """n services of one area and year, the first ``yes`` of them user-run."""
    return [
        {
            "Area": area or "",
            "Service": f"{area or 'Unnamed'} service {i}",
            "Provider": f"{area or 'Unnamed'} provider {i % 3}",
            "Year": year,
            "Sector": "Voluntary",
            "User run": "Yes" if i < yes else "No",
            "Annual funding": 10_000,
            **values,
        }
        for i in range(n)
    ]


def portfolio(rows: list[dict], funding: list[dict] | None = None, name: str = "region"):
    sources = [Source("services.csv", pd.DataFrame(rows).to_csv(index=False).encode())]
    if funding:
        sources.append(Source("funding.csv", pd.DataFrame(funding).to_csv(index=False).encode()))
    return load(sources)


@pytest.fixture(scope="module")
def five_areas() -> dict[str, compare.Area]:
    """Areas A to E in 2024/25 with user-run shares 0.1 to 0.5; only A and B in 2023/24;
    only A and B have Funding rows (non-core shares 0.0 and 0.5)."""
    rows = []
    for number, area in enumerate("ABCDE", start=1):
        rows += services_rows(area, "2024/25", 10, number)
    rows += services_rows("A", "2023/24", 4, 1) + services_rows("B", "2023/24", 4, 2)
    funding = [
        {"Service": service, "Year": "2024/25", "Source": source, "Amount": amount}
        for service, source, amount in (
            ("A service 0", "Core commissioning", 100),
            ("B service 0", "Core commissioning", 50),
            ("B service 1", "Lottery", 50),
        )
    ]
    return compare.areas_of([("region", portfolio(rows, funding))])


def test_one_workbook_with_an_area_column_is_an_area_per_value(five_areas):
    assert list(five_areas) == ["A", "B", "C", "D", "E"]
    assert len(five_areas["A"].services) == 14
    assert set(five_areas["B"].funding["service"]) == {"B service 0", "B service 1"}
    assert five_areas["C"].funding.empty
    assert compare.years_of(five_areas) == ["2023/24", "2024/25"]


def test_blank_area_rows_are_an_area_of_their_own_last():
    rows = services_rows("Zeta", "2024/25", 2, 1) + services_rows(None, "2024/25", 3, 0)
    rows += services_rows("Alpha", "2024/25", 2, 0)
    areas = compare.areas_of([("region", portfolio(rows))])
    assert list(areas) == ["Alpha", "Zeta", compare.NO_AREA]
    assert len(areas[compare.NO_AREA].services) == 3


def test_a_workbook_without_area_values_is_one_area_called_by_its_name():
    rows = services_rows(None, "2024/25", 3, 1)
    areas = compare.areas_of([("eastbrook", portfolio(rows))])
    assert list(areas) == ["eastbrook"]


def test_several_workbooks_are_an_area_each():
    one = portfolio(services_rows("Northmoor", "2024/25", 2, 1))
    mixed = portfolio(services_rows("X", "2024/25", 2, 1) + services_rows("Y", "2024/25", 2, 0))
    plain = portfolio(services_rows(None, "2024/25", 2, 0))
    again = portfolio(services_rows("Northmoor", "2024/25", 3, 0))
    areas = compare.areas_of(
        [("north", one), ("forum", mixed), ("kingsport", plain), ("north-v2", again)]
    )
    assert list(areas) == ["Northmoor", "forum", "kingsport", "Northmoor (2)"]
    assert len(areas["forum"].services) == 4
    assert len(areas["Northmoor (2)"].services) == 3


def test_area_measures_one_row_per_area_and_the_areas_without_the_year(five_areas):
    table = compare.area_measures(five_areas, "2023/24")
    assert list(table.index) == ["A", "B", "C", "D", "E"]
    assert table["has_year"].tolist() == [True, True, False, False, False]
    assert compare.missing(table) == ["C", "D", "E"]
    assert table.loc["A", "services"] == 4
    assert table.loc["B", "user_run_share"] == pytest.approx(0.5)
    assert table.loc["C", ["services", "user_run_share"]].isna().all()


def test_summary_quartiles_by_hand(five_areas):
    table = compare.area_measures(five_areas, "2024/25")
    spread = compare.summary(table)
    assert spread["user_run_share"] == pytest.approx(
        {"n": 5, "min": 0.1, "q1": 0.2, "median": 0.3, "q3": 0.4, "max": 0.5}
    )
    assert spread["services"] == pytest.approx(
        {"n": 5, "min": 10, "q1": 10, "median": 10, "q3": 10, "max": 10}
    )
    # Only A and B have Funding rows: 0.0 and 0.5, interpolated linearly.
    assert spread["non_core_funding_share"] == pytest.approx(
        {"n": 2, "min": 0.0, "q1": 0.125, "median": 0.25, "q3": 0.375, "max": 0.5}
    )
    assert list(spread) == list(compare.MEASURES)


def test_summary_with_no_area_having_a_measure_is_n_zero(five_areas):
    table = compare.area_measures(five_areas, "2024/25")
    assert compare.summary(table)["outreach_share"] == {
        "n": 0,
        "min": None,
        "q1": None,
        "median": None,
        "q3": None,
        "max": None,
    }


def test_peer_summary_over_the_peers_only(five_areas):
    table = compare.area_measures(five_areas, "2024/25")
    peers = compare.peer_summary(table, ["A", "C", "E"])
    assert peers["user_run_share"] == pytest.approx(
        {"n": 3, "min": 0.1, "q1": 0.2, "median": 0.3, "q3": 0.4, "max": 0.5}
    )
    with pytest.raises(ValueError, match="no area called 'Q'"):
        compare.peer_summary(table, ["A", "Q"])


SPREAD = {"n": 5, "min": 0.1, "q1": 0.2, "median": 0.3, "q3": 0.4, "max": 0.5}


@pytest.mark.parametrize(
    ("value", "direction", "expected"),
    [
        (0.5, 1, (4, "Better than most (top quartile)")),
        (0.1, 1, (1, "Worse than most (bottom quartile)")),
        (0.2, 1, (2, "Middle")),
        (0.3, 1, (2, "Middle")),
        (0.35, 1, (3, "Middle")),
        (0.4, 1, (3, "Middle")),
        (0.5, -1, (4, "Worse than most (highest quartile)")),
        (0.1, -1, (1, "Better than most (lowest quartile)")),
        (0.45, 0, (4, "Higher than most (top quartile)")),
        (0.15, 0, (1, "Lower than most (bottom quartile)")),
        (None, 1, (None, "No data")),
        (float("nan"), 1, (None, "No data")),
        (pd.NA, -1, (None, "No data")),
    ],
)
def test_quartile_words_follow_the_desired_direction(value, direction, expected):
    assert compare.quartile_of(value, SPREAD, direction) == expected


def test_quartile_without_a_spread_and_with_all_areas_the_same():
    assert compare.quartile_of(0.3, {"n": 0}, 1) == (None, "No data")
    same = {"n": 4, "min": 0.3, "q1": 0.3, "median": 0.3, "q3": 0.3, "max": 0.3}
    assert compare.quartile_of(0.3, same, 1) == (2, "Middle")


def test_rug_colours_each_area_and_measure(five_areas):
    table = compare.area_measures(five_areas, "2024/25")
    rug = compare.rug(table)
    assert len(rug) == 5 * len(compare.MEASURES)
    user_run = rug[rug["measure"] == "user_run_share"].set_index("area")["words"]
    assert user_run["E"] == "Better than most (top quartile)"
    assert user_run["A"] == "Worse than most (bottom quartile)"
    assert user_run["C"] == "Middle"
    assert rug.loc[rug["measure"] == "outreach_share", "words"].eq("No data").all()


def test_compare_json_default_year_and_missing(five_areas):
    result = compare.compare_json(five_areas)
    assert list(result) == ["year", "areas", "summary", "missing"]
    assert result["year"] == "2024/25"
    assert result["missing"] == []
    assert result["areas"]["C"]["services"] == 10
    assert isinstance(result["areas"]["C"]["services"], int)
    assert result["areas"]["C"]["user_run_share"] == 0.3
    assert result["areas"]["C"]["non_core_funding_share"] is None
    assert result["summary"]["user_run_share"]["median"] == 0.3
    earlier = compare.compare_json(five_areas, "2023/24")
    assert list(earlier["areas"]) == ["A", "B"]
    assert earlier["missing"] == ["C", "D", "E"]
    assert earlier["summary"]["services"]["n"] == 2
    json.dumps(earlier)  # every value is plain JSON
    with pytest.raises(ValueError, match="the years there are: 2023/24, 2024/25"):
        compare.compare_json(five_areas, "2019/20")


def test_area_trends_a_row_per_area_year(five_areas):
    trends = compare.area_trends(five_areas, "user_run_share")
    assert list(trends.columns) == ["area", "year", "value"]
    assert trends[["area", "year"]].values.tolist() == [
        ["A", "2023/24"],
        ["A", "2024/25"],
        ["B", "2023/24"],
        ["B", "2024/25"],
        ["C", "2024/25"],
        ["D", "2024/25"],
        ["E", "2024/25"],
    ]
    assert trends["value"].tolist() == pytest.approx([0.25, 0.1, 0.5, 0.2, 0.3, 0.4, 0.5])
    with pytest.raises(ValueError):
        compare.area_trends(five_areas, "happiness")


# The command line


def _workbook(path: Path, rows: list[dict]) -> Path:
    write_workbook({"Services": pd.DataFrame(rows)}, path)
    return path


def test_cli_json_for_several_workbooks(tmp_path, capsys):
    north = _workbook(tmp_path / "north.xlsx", services_rows(None, "2024/25", 4, 2))
    south = _workbook(
        tmp_path / "south.xlsx",
        services_rows("Southport", "2023/24", 5, 1) + services_rows("Southport", "2024/25", 5, 1),
    )
    assert main(["compare", str(north), str(south), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["year"] == "2024/25"
    assert list(result["areas"]) == ["north", "Southport"]
    assert result["areas"]["north"]["user_run_share"] == 0.5
    assert result["summary"]["user_run_share"] == {
        "n": 2,
        "min": 0.2,
        "q1": 0.275,
        "median": 0.35,
        "q3": 0.425,
        "max": 0.5,
    }
    assert main(["compare", str(north), str(south), "--year", "2023", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["year"] == "2023/24"
    assert result["missing"] == ["north"]
    assert list(result["areas"]) == ["Southport"]


def test_cli_one_workbook_with_areas_and_the_table_for_people(tmp_path, capsys):
    rows = services_rows("East", "2024/25", 4, 1) + services_rows("West", "2024/25", 4, 3)
    region = _workbook(tmp_path / "region.xlsx", rows)
    assert main(["compare", str(region)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Areas compared in 2024/25: 2 with figures")
    assert "User-run share of services" in out
    line = next(x for x in out.splitlines() if x.startswith("User-run share of services"))
    assert line.split()[-3:] == ["25%", "75%", "50%"]


def test_cli_unknown_year_exits_2_naming_the_years(tmp_path, capsys):
    region = _workbook(tmp_path / "region.xlsx", services_rows("East", "2024/25", 2, 1))
    assert main(["compare", str(region), "--year", "2019/20", "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == ("No area has the year 2019/20; the years there are: 2024/25.")
    assert main(["compare", str(region), "--year", "next year"]) == 2
    assert "written that way" in capsys.readouterr().err


def test_cli_saved_areas_are_called_by_their_names(tmp_path, capsys):
    database = f"sqlite:///{tmp_path / 'dayserv.db'}"
    first = _workbook(tmp_path / "q1.xlsx", services_rows(None, "2024/25", 4, 1))
    second = _workbook(tmp_path / "q2.xlsx", services_rows(None, "2024/25", 4, 3))
    for path, area in ((first, "Northmoor"), (second, "Northmoor"), (second, "Kingsport")):
        assert main(["save", str(path), "--area", area, "--database", database]) == 0
    capsys.readouterr()
    paths = ["area:Northmoor@1", "area:Kingsport", "area:Northmoor"]
    assert main(["compare", *paths, "--database", database, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    shares = {area: row["user_run_share"] for area, row in result["areas"].items()}
    assert shares == {"Northmoor": 0.25, "Kingsport": 0.75, "Northmoor (2)": 0.75}
    assert main(["compare", "area:Nowhere", "--database", database]) == 2
    assert "Could not load area:Nowhere" in capsys.readouterr().err


def test_cli_a_path_that_cannot_be_loaded_exits_2(tmp_path, capsys):
    assert main(["compare", str(tmp_path / "missing.xlsx"), "--json"]) == 2
    assert "Could not load" in capsys.readouterr().err


# The property


_SHARES = st.one_of(st.none(), st.floats(0, 1, allow_nan=False))


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.tuples(_SHARES, st.integers(1, 60)), min_size=1, max_size=12))
def test_summary_is_ordered_and_counts_the_areas_with_the_measure(values):
    table = pd.DataFrame(
        {
            "user_run_share": [share for share, _ in values],
            "services": [count for _, count in values],
        },
        index=[f"Area {i}" for i in range(len(values))],
    ).reindex(columns=list(compare.MEASURES))
    spread = compare.summary(table)
    for measure in ("user_run_share", "services"):
        stats = spread[measure]
        assert stats["n"] == table[measure].notna().sum()
        if stats["n"]:
            assert stats["min"] <= stats["q1"] <= stats["median"] <= stats["q3"] <= stats["max"]
    assert spread["hhi"]["n"] == 0


# The sample region


def test_the_committed_sample_region_is_what_the_generator_writes(tmp_path):
    path = tmp_path / "sample_region.xlsx"
    write_workbook(sample_region(), path)
    assert path.read_bytes() == REGION.read_bytes()
    assert REGION.stat().st_size < 300_000


def test_the_sample_region_loads_as_seven_areas():
    loaded = load([Source(REGION.name, REGION.read_bytes())])
    assert loaded.problems.empty
    areas = compare.areas_of([("sample_region", loaded)])
    assert len(areas) == 7 and "Eastbrook" in areas
    per_year = loaded.services.groupby(["area", "year"]).size()
    assert per_year.between(10, 40).all()
    assert loaded.services.groupby("area")["year"].nunique().between(4, 5).all()
    result = compare.compare_json(areas)
    assert result["year"] == "2025/26"
    assert result["missing"] == ["Fenwick"]
    shares = {area: row["user_run_share"] for area, row in result["areas"].items()}
    assert max(shares, key=shares.get) == "Northmoor"
    building = {area: row["building_share"] for area, row in result["areas"].items()}
    assert max(building, key=building.get) == "Kingsport"


def test_eastbrook_in_the_region_is_the_eastbrook_sample():
    from dayserv.eastbrook import sample_portfolio

    region = sample_region()["Services"]
    eastbrook = region[region["Area"] == "Eastbrook"].drop(columns="Area")
    expected = sample_portfolio()["Services"][list(eastbrook.columns)]
    pd.testing.assert_frame_equal(eastbrook.reset_index(drop=True), expected)
