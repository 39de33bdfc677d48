"""A result kept with the DataFrame it came from: worked out once per DataFrame object,
again for another (even with equal contents), and let go with the DataFrame."""

from __future__ import annotations

import gc

import pandas as pd

from dayserv.figures import access
from dayserv.figures.filters import of_services
from dayserv.figures.per_frame import narrowed, per_frame, per_row, whole_of


def test_worked_out_once_per_frame_and_let_go_with_it():
    calls = []

    @per_frame
    def total(frame: pd.DataFrame) -> int:
        calls.append(len(frame))
        return int(frame["n"].sum())

    first = pd.DataFrame({"n": [1, 2]})
    assert total(first) == 3 and total(first) == 3
    assert calls == [2]
    twin = first.copy()
    assert total(twin) == 3 and calls == [2, 2]  # another object: worked out again
    first.loc[0, "n"] = 10  # identity, not contents: the app never changes a kept table
    assert total(first) == 3 and total.__wrapped__(first) == 12
    del first, twin
    gc.collect()
    fresh = pd.DataFrame({"n": [5]})
    assert total(fresh) == 5 and calls[-1] == 1


def test_the_access_figures_are_the_same_worked_out_once():
    services = pd.DataFrame(
        {
            "service": ["A", "B"],
            "provider": ["P", "Q"],
            "year": ["2025/26", "2025/26"],
            "locality": ["North", None],
            "places": [10, 20],
            "mon": ["9:00-17:00", None],
            "sat": ["10:00-14:00", None],
            "evenings": [None, "Yes"],
            "weekends": [None, "No"],
        }
    )
    once = access.access_shares(services)
    again = access.access_shares(services)  # the shared flags were not changed by the first
    pd.testing.assert_frame_equal(once, again)
    pd.testing.assert_frame_equal(
        access.service_access(services), access.service_access.__wrapped__(services)
    )
    assert access.hours_table(services) is access.hours_table(services)
    assert access.service_table(services) is access.service_table(services)
    north = services.loc[services["locality"].eq("North").fillna(False)]
    narrowed(north, services)  # a filter's rows: cut from the whole table's, the same
    pd.testing.assert_frame_equal(access.service_table(north), access.service_table(north.copy()))
    assert access.service_table(north)["service"].tolist() == ["A"]


def test_a_result_kept_for_a_frame_is_given_without_working_it_out():
    calls = []

    @per_frame
    def rows(frame):
        calls.append(frame)
        return len(frame)

    table = pd.DataFrame({"a": [1, 2, 3]})
    part = table.iloc[:2]
    rows.keep(part, "known")
    assert rows(part) == "known" and rows(table) == 3
    assert len(calls) == 1 and calls[0] is table


def test_rows_narrowed_twice_are_those_narrowed_once():
    """of_services keeps the pair numbers of the rows it returns: narrowing them again by
    the same or fewer services gives what narrowing the whole table gives."""
    table = pd.DataFrame(
        {"service": ["A", "B", "A", "C"], "year": ["1", "1", "2", "2"], "row": range(4)}
    )
    services = pd.DataFrame({"service": ["A", "C"], "year": ["2", "2"]})
    once = of_services(table, services)
    assert once["row"].tolist() == [2, 3]
    fewer = services.iloc[:1]
    assert of_services(once, fewer)["row"].tolist() == of_services(table, fewer)["row"].tolist()


def test_rows_narrowed_from_a_whole_frame_cut_its_result():
    calls = []

    @per_row
    def doubled(frame: pd.DataFrame) -> pd.DataFrame:
        calls.append(len(frame))
        return frame[["n"]] * 2

    whole = pd.DataFrame({"n": [1, 2, 3, 4]}, index=[10, 11, 12, 13])
    rows = whole.loc[whole["n"].gt(2)]
    narrowed(rows, whole)
    pd.testing.assert_frame_equal(doubled(rows), doubled.__wrapped__.__wrapped__(rows))
    assert calls == [4, 2]  # the whole frame once, then the check's own work
    other = whole.loc[whole["n"].lt(3)]
    narrowed(other, whole)
    assert doubled(other)["n"].tolist() == [2, 4] and calls == [4, 2]  # cut, not redone
    lone = rows.copy()  # not known as narrowed: worked out on its own
    assert doubled(lone)["n"].tolist() == [6, 8] and calls == [4, 2, 2]
    twice = pd.DataFrame({"n": [1, 2]}, index=[5, 5])  # labels that repeat: no cutting
    part = twice.iloc[:1]
    narrowed(part, twice)
    assert doubled(part)["n"].tolist() == [2] and calls[-1] == 1
    del whole
    gc.collect()
    assert whole_of(rows) is None  # the whole frame let go: the rows no longer point at it
