"""dayserv.figures.groups on hand-made Services tables, with hand-counted figures."""

from __future__ import annotations

import pandas as pd

from dayserv.contract import GROUPS
from dayserv.figures import groups
from dayserv.figures.per_frame import narrowed


def services() -> pd.DataFrame:
    """Four services over two years in two localities (and one without a locality)."""
    return pd.DataFrame(
        {
            "service": ["A", "B", "C", "A", "B", "D"],
            "provider": ["P", "Q", "R", "P", "Q", "S"],
            "year": ["2023/24", "2023/24", "2023/24", "2024/25", "2024/25", "2024/25"],
            "locality": ["North", "North", "South", "North", "North", pd.NA],
            "groups_served": [
                "Women; Older people",
                "Women",
                pd.NA,
                "Women; Older people; Women",  # named twice: counted once
                "BME communities",
                "LGBT+",
            ],
        }
    ).astype({"year": "string", "locality": "string", "groups_served": "string"})


def test_groups_long_is_a_row_per_service_year_and_group():
    long = groups.groups_long(services())
    assert list(long.columns) == ["service", "provider", "year", "locality", "group"]
    assert list(zip(long["service"], long["year"], long["group"], strict=True)) == [
        ("A", "2023/24", "Women"),
        ("A", "2023/24", "Older people"),
        ("B", "2023/24", "Women"),
        ("A", "2024/25", "Women"),
        ("A", "2024/25", "Older people"),
        ("B", "2024/25", "BME communities"),
        ("D", "2024/25", "LGBT+"),
    ]
    assert long["locality"].iloc[-1] == "Not stated"


def test_groups_long_without_the_column_is_empty():
    assert groups.groups_long(services().drop(columns="groups_served")).empty
    assert not groups.has_groups(services().assign(groups_served=pd.NA))
    assert groups.has_groups(services())


def test_group_matrix_counts_services_per_locality_and_group():
    matrix = groups.group_matrix(services(), "2023/24")
    assert list(matrix.columns) == ["locality", *GROUPS]
    assert list(matrix["locality"]) == ["North", "South"]
    north = matrix.set_index("locality").loc["North"]
    assert north["Women"] == 2 and north["Older people"] == 1 and north["LGBT+"] == 0
    # South's one service serves no named group: every cell a gap.
    assert matrix.set_index("locality").loc["South"].sum() == 0


def test_group_matrix_keeps_services_without_a_locality():
    matrix = groups.group_matrix(services(), "2024/25").set_index("locality")
    assert list(matrix.index) == ["North", "Not stated"]
    assert matrix.loc["Not stated", "LGBT+"] == 1
    assert matrix.loc["North", "BME communities"] == 1


def test_group_gaps_lists_the_zero_cells_in_order():
    matrix = groups.group_matrix(services(), "2023/24")
    gaps = groups.group_gaps(matrix)
    north = gaps.loc[gaps["locality"].eq("North"), "group"].to_list()
    assert north == [
        "BME communities",
        "Younger people",
        "LGBT+",
        "Disabled people",
        "Faith groups",
    ]
    assert gaps.loc[gaps["locality"].eq("South"), "group"].to_list() == list(GROUPS)
    assert len(gaps) == 5 + 7
    assert groups.matrix_finding(matrix, gaps, "2023/24") == (
        "2023/24: 12 of 14 locality–group pairs lack a service; BME communities have none in 2 of 2"
    )


def test_groups_by_year_counts_every_group_every_year():
    table = groups.groups_by_year(services())
    assert len(table) == 2 * len(GROUPS)
    counts = table.set_index(["year", "group"])["services"]
    assert counts[("2023/24", "Women")] == 2
    assert counts[("2024/25", "Women")] == 1
    assert counts[("2024/25", "Faith groups")] == 0
    shares = table.set_index(["year", "group"])["share"]
    assert shares[("2023/24", "Women")] == 2 / 3  # of the year's 3 services
    assert shares[("2024/25", "LGBT+")] == 1 / 3
    assert groups.by_year_finding(table) == (
        "2024/25: BME communities served by most services (1), Faith groups by fewest (0)"
    )


def test_a_filters_groups_are_cut_from_the_whole_tables():
    """Rows a filter kept give the groups they would give on their own (each service row's
    groups are worked out once for the whole table, then cut)."""
    whole = services()
    groups.groups_long(whole)  # the whole table's, worked out first
    kept = whole.loc[whole["locality"].eq("North").fillna(False)]
    narrowed(kept, whole)
    alone = kept.copy()
    pd.testing.assert_frame_equal(groups.groups_long(kept), groups.groups_long(alone))
    assert set(groups.groups_long(kept)["locality"]) == {"North"}
    pd.testing.assert_frame_equal(
        groups.group_matrix(kept, "2024/25"), groups.group_matrix(alone, "2024/25")
    )
    pd.testing.assert_frame_equal(groups.groups_by_year(kept), groups.groups_by_year(alone))
