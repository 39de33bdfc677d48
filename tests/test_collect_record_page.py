"""Collected returns and benchmark answers made part of an area's record, in AppTest: the
Performance page says which returns the saved version holds and which are only collected;
the owner adds them in as the next version, which the sidebar then shows, the Data tables
page lists and the page says is held (nothing offered twice); refused, in a sentence and
with nothing saved, for a viewer, a share link, a store that cannot be reached and a version
saved by someone else since the page was opened; the same on the Benchmark page."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dayserv.app import saved
from dayserv.app.state import SAMPLE_PATH
from dayserv.read.clean import load
from dayserv.read.reader import Source
from dayserv.store import access, areas, links, rounds
from dayserv.store.database import URL_VARIABLE, store
from tests.test_benchmark_rounds_page import COLLEGE, HUB, benchmark_page
from tests.test_benchmark_rounds_page import round_links as benchmark_links
from tests.test_collect_page import (
    AREA,
    HARBOUR,
    MIND,
    PAGE,
    ok,
    performance,
    r1_table,
    round_links,
    save_area,
    text,
)
from tests.test_pages import APP

ADD = "Add the returns in to Eastbrook as version 2"
ONLY = (
    "Only collected, not in Eastbrook version 1 yet: 2025/26 Q4 returns from Eastbrook Mind "
    "and Harbour Peer Network."
)


def two_returns() -> dict[str, str]:
    """Eastbrook saved, and 2025/26 Q4 returned by link by two providers: their tokens."""
    save_area()
    tokens = round_links()
    rounds.submit(store(), tokens[MIND], {"R1": 91.0, "R2": 88.0})
    rounds.submit(store(), tokens[HARBOUR], {"R1": 77.0, "R10": 41.0})
    return tokens


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def said(elements) -> list[str]:
    return [e.value for e in elements]


def sidebar_area(at: AppTest) -> str:
    return "\n".join(s.value for s in at.sidebar.success)


def test_the_owner_adds_the_returns_in_and_every_page_then_has_them():
    two_returns()
    at = performance()
    assert ONLY in text(at)
    assert "Already in" not in text(at)
    assert "version 1 of 1 (the latest)" in sidebar_area(at)

    ok(next(b for b in at.button if b.label == ADD).click().run())
    assert said(at.success)[0] == (
        "Saved Eastbrook version 2: 2025/26 Q4 returns from 2 providers added by link by "
        "local user. The sidebar shows it now, and the Data tables page, the exports, the "
        "meeting pack and the command line have them."
    )
    assert "version 2 of 2 (the latest)" in sidebar_area(at)
    assert (
        "Already in Eastbrook version 2: 2025/26 Q4 returns from Eastbrook Mind and Harbour "
        "Peer Network. They are counted once: adding them in again would change nothing."
    ) in text(at)
    assert "Only collected" not in text(at)
    assert not [label for label in labels(at) if label.startswith("Add the returns in")]
    table = r1_table(at)  # the page's figures are the same, counted once
    assert table.loc[table["Provider"].eq(MIND), "2025/26 Q4"].item() == 91
    assert table.loc[table["Provider"].eq(HARBOUR), "2025/26 Q4"].item() == 77

    latest, files = areas.version_files(store(), AREA)
    assert latest.number == 2
    assert latest.note == "2025/26 Q4 returns from 2 providers added by link by local user"
    assert latest.saved_by == "local user"
    assert latest.files == ("eastbrook-version-2.xlsx",)
    kpis = load([Source(name, data) for name, data in files]).tables["kpis"]
    assert given(kpis, MIND) == {"R1": 91.0, "R2": 88.0}
    assert given(kpis, HARBOUR) == {"R1": 77.0, "R10": 41.0}

    ok(at.switch_page("pages/data.py").run())
    at.selectbox(key="data_table").set_value("kpis")
    ok(at.run())
    shown = next(d.value for d in at.dataframe if "KPI" in d.value.columns)
    assert given(shown.rename(columns=str.lower), MIND) == {"R1": 91.0, "R2": 88.0}


def given(kpis: pd.DataFrame, provider: str) -> dict[str, float]:
    """A provider's 2025/26 Q4 KPIs in a table (the workbook's or the Data tables page's)."""
    q4 = kpis.loc[
        kpis["provider"].eq(provider) & kpis["year"].eq("2025/26") & kpis["quarter"].eq("Q4")
    ]
    return dict(zip(q4["kpi"], q4["value"].astype(float), strict=True))


def test_a_return_already_in_the_version_is_said_to_be_and_only_the_rest_is_added():
    tokens = two_returns()
    at = performance()
    ok(next(b for b in at.button if b.label == ADD).click().run())
    rounds.submit(store(), tokens[HARBOUR], {"R1": 78.0, "R10": 41.0})  # a resubmission
    at = performance()
    words = text(at)
    assert (
        "Already in Eastbrook version 2: 2025/26 Q4 returns from Eastbrook Mind. They are "
        "counted once"
    ) in words
    assert "Only collected, not in Eastbrook version 2 yet: 2025/26 Q4 returns from Harbour" in (
        words
    )
    ok(next(b for b in at.button if b.label.endswith("as version 3")).click().run())
    latest, files = areas.version_files(store(), AREA)
    assert latest.note == "2025/26 Q4 returns from 1 provider added by link by local user"
    kpis = load([Source(name, data) for name, data in files]).tables["kpis"]
    assert given(kpis, HARBOUR) == {"R1": 78.0, "R10": 41.0}
    assert given(kpis, MIND) == {"R1": 91.0, "R2": 88.0}


def test_nothing_is_saved_when_someone_saved_a_version_since_the_page_was_opened():
    two_returns()
    at = performance()
    sample = areas.version_files(store(), AREA)[1]
    areas.save_version(store(), AREA, sample, "bob@example.org", "the forum's corrections")
    ok(next(b for b in at.button if b.label == ADD).click().run())
    assert said(at.error)[0] == (
        "Nothing was saved. Eastbrook version 2 has been saved since this page showed "
        "version 1: open the latest version and look again at what it holds before adding "
        "the returns in."
    )
    assert [v.number for v in areas.history(store(), AREA)] == [2, 1]


def test_an_older_version_shown_is_refused_before_anything_is_clicked():
    two_returns()
    areas.save_version(store(), AREA, areas.version_files(store(), AREA)[1], "bob@example.org")
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["area"] = AREA
    at.query_params["version"] = "1"
    ok(at.run())
    ok(at.switch_page(PAGE).run())
    assert ONLY in text(at)
    assert not [label for label in labels(at) if label.startswith("Add the returns in")]
    assert any(
        c.startswith("Eastbrook version 2 has been saved since this page showed version 1")
        for c in said(at.caption)
    )


def test_nothing_is_saved_when_the_store_cannot_be_reached(monkeypatch, tmp_path):
    two_returns()
    engine = store()
    at = performance()
    monkeypatch.setenv(URL_VARIABLE, f"sqlite:///{tmp_path / 'no' / 'such' / 'folder.db'}")
    ok(next(b for b in at.button if b.label == ADD).click().run())
    (error,) = [e for e in said(at.error) if e.startswith("Nothing was saved")]
    assert error.startswith("Nothing was saved: The saved areas cannot be reached just now")
    assert [v.number for v in areas.history(engine, AREA)] == [1]


@pytest.fixture
def signed_in(monkeypatch):
    """Sign-in on, and this person signed in."""

    def as_(email: str) -> None:
        who = saved.User(email, signed_in=True)
        monkeypatch.setattr(saved, "signin_on", lambda: True)
        monkeypatch.setattr(saved, "user", lambda: who)

    return as_


def test_a_viewer_is_told_why_and_an_editor_adds_them_in(signed_in):
    areas.save_version(
        store(), AREA, [("sample_portfolio.xlsx", SAMPLE_PATH.read_bytes())], "ann@example.org"
    )
    access.add_member(store(), AREA, "vic@example.org", "viewer", "ann@example.org")
    access.add_member(store(), AREA, "ed@example.org", "editor", "ann@example.org")
    tokens = round_links()
    rounds.submit(store(), tokens[MIND], {"R1": 91.0, "R2": 88.0})
    rounds.submit(store(), tokens[HARBOUR], {"R1": 77.0, "R10": 41.0})
    signed_in("vic@example.org")
    at = performance()
    assert ONLY in text(at)
    assert not [label for label in labels(at) if label.startswith("Add the returns in")]
    assert (
        "You may view Eastbrook but not save to it, so the returns cannot be added in from "
        "here: ask its owner to add them in, or to make you an editor."
    ) in said(at.caption)

    signed_in("ed@example.org")
    at = performance()
    ok(next(b for b in at.button if b.label == ADD).click().run())
    latest = areas.history(store(), AREA)[0]
    assert (latest.number, latest.saved_by) == (2, "ed@example.org")
    assert latest.note.endswith("added by link by ed@example.org")


def test_a_share_link_shows_what_was_collected_but_adds_nothing():
    two_returns()
    share = links.token_from(links.create_link(store(), AREA, "local user").path)
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["share"] = share
    ok(at.run())
    ok(at.switch_page(PAGE).run())
    assert ONLY in text(at)
    assert not [label for label in labels(at) if label.startswith("Add the returns in")]
    assert (
        "This page was opened by a share link, which shows Eastbrook read-only: the returns "
        "can be added in only by the area's owners and editors."
    ) in said(at.caption)


def test_the_benchmark_answers_are_added_in_from_the_benchmark_page():
    save_area()
    tokens = benchmark_links()
    rounds.submit(store(), tokens[(COLLEGE, "Staff")], {"1.1": "YD", "2.10": "NP"}, "section")
    rounds.submit(store(), tokens[(HUB, "Service user")], {"1.1": "NAA"}, "section")
    at = benchmark_page()
    assert (
        "Only collected, not in Eastbrook version 1 yet: 2025/26 benchmark answers from "
        f"{HUB}, Service user and {COLLEGE}, Staff."
    ) in text(at)
    ok(button_starting(at, "Add the benchmark answers in to Eastbrook as version 2").click().run())
    assert said(at.success)[0].startswith(
        "Saved Eastbrook version 2: 2025/26 benchmark answers from 2 service groups added by "
        "link by local user."
    )
    assert "Already in Eastbrook version 2: 2025/26 benchmark answers from" in text(at)
    _, files = areas.version_files(store(), AREA)
    benchmark = load([Source(name, data) for name, data in files]).tables["benchmark"]
    college = benchmark.loc[
        benchmark["service"].eq(COLLEGE)
        & benchmark["year"].eq("2025/26")
        & benchmark["respondent"].eq("Staff")
    ]
    answers = zip(college["statement"].astype(str), college["response"].astype(str), strict=True)
    assert dict(answers) == {"1.1": "YD", "2.10": "NP"}


def button_starting(at: AppTest, label: str):
    return next(b for b in at.button if b.label.startswith(label))
