"""Benchmark rounds by link, in AppTest: the owner opens a year's round on the Benchmark
page with a link per service and respondent group; a group following its link answers seed
001's statements in its words, with its key, a section at a time, each section saved as it
goes, stops and comes back on the same link to find its answers; the answers arrive in the
area's Benchmark table with their group, and the perspectives view works on them at once;
the round's completion by service and group; a link shows nothing of another service."""

from __future__ import annotations

import io
from datetime import timedelta

import pandas as pd
from streamlit.testing.v1 import AppTest

from dayserv import frameworks
from dayserv.app.state import sample_portfolio
from dayserv.store import rounds
from dayserv.store.database import now, store
from tests.test_collect_page import button, ok, provider_page, save_area, table_with, text
from tests.test_pages import APP, open_tab

AREA = "Eastbrook"
PAGE = "pages/benchmark.py"
COLLEGE, HUB = "Riverside Recovery College", "Eastbrook Mind Wellbeing Hub"
YEAR = "2025/26"
SECTION_1 = [s.id for s in frameworks.STATEMENTS if s.section == 1]


def benchmark_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["area"] = AREA
    ok(at.run())
    return ok(at.switch_page(PAGE).run())


def provider(service: str) -> str:
    services = sample_portfolio().services
    return services.loc[services["service"].eq(service), "provider"].iloc[0]


def round_links(groups=("Staff", "Service user")) -> dict[tuple[str, str], str]:
    """A benchmark round opened in the store: (service, group) -> token."""
    _, made = rounds.open_round(
        store(),
        AREA,
        "benchmark",
        YEAR,
        None,
        [(provider(s), s, g) for s in (COLLEGE, HUB) for g in groups],
        "local user",
        now().date() + timedelta(days=10),
    )
    return {(link.service, link.respondent): rounds.token_from(link.path) for link in made}


def answer(at: AppTest, statements, code: str) -> None:
    for statement in statements:
        at.radio(key=f"answer_{statement}").set_value(code)


def test_the_owner_opens_a_round_with_a_link_per_service_and_group(downloads):
    save_area()
    at = benchmark_page()
    assert [e for e in at.expander if e.label.startswith("Collect benchmark answers")]
    assert at.text_input(key="benchmark_year_asked").value == YEAR
    at.multiselect(key="benchmark_services").set_value([COLLEGE, HUB])
    at.multiselect(key="benchmark_groups").set_value(["Staff", "Carer"])
    ok(button(at, "Open the round and make the links").click().run())
    assert any("benchmark round is open, with 4 links" in s.value for s in at.success)
    assert len(at.code) == 4
    csv = pd.read_csv(io.BytesIO(downloads["benchmark-links-2025-26.csv"]()), encoding="utf-8-sig")
    assert list(csv.columns) == ["provider", "service", "group", "link", "expires_utc"]
    assert sorted(zip(csv["service"], csv["group"], strict=True)) == [
        (HUB, "Carer"),
        (HUB, "Staff"),
        (COLLEGE, "Carer"),
        (COLLEGE, "Staff"),
    ]
    completion = table_with(at, "Answered")
    assert set(completion["Status"]) == {"Not started"}
    assert "0 of 4 finished, 0 started, 4 not started" in text(at)


def test_a_group_answers_a_section_at_a_time_stops_and_comes_back():
    save_area()
    token = round_links()[(COLLEGE, "Staff")]
    at = provider_page(token)
    assert at.title[0].value == f"{COLLEGE}: Where are you at?"
    shown = text(at)
    assert "come to a consensus" in shown and "Yes Definitely" in shown
    assert [r.key for r in at.radio] == [f"answer_{s}" for s in SECTION_1]
    first = frameworks.STATEMENTS[0]
    assert at.radio(key=f"answer_{first.id}").label.replace("\\", "") == f"{first.id} {first.text}"
    assert at.radio(key=f"answer_{first.id}").options == [
        "YD: Yes Definitely",
        "YAB: Yes A Bit",
        "NP: Not Particularly",
        "NAA: Not At All",
        "N/A: Not Appropriate",
    ]
    assert all(r.value is None for r in at.radio)
    answer(at, SECTION_1[:-1], "YD")
    ok(at.button[0].click().run())
    (saved,) = rounds.submissions(store(), AREA, "benchmark")
    assert saved.body == dict.fromkeys(SECTION_1[:-1], "YD")
    assert any(
        f"Section 1 Recovery saved: {len(SECTION_1) - 1} of {len(SECTION_1)} answered "
        f"(not yet: {SECTION_1[-1]})" in s.value
        for s in at.success
    )
    assert at.selectbox(key="answer_section").value == 2  # on to the next section
    section_2 = [s.id for s in frameworks.STATEMENTS if s.section == 2]
    assert [r.key for r in at.radio] == [f"answer_{s}" for s in section_2]
    answer(at, section_2[:2], "NP")
    ok(at.button[0].click().run())

    again = provider_page(token)  # a new visit on the same link: at the first not finished
    assert again.selectbox(key="answer_section").value == 1
    assert again.radio(key=f"answer_{SECTION_1[-1]}").value is None
    again.selectbox(key="answer_section").set_value(2)
    ok(again.run())
    assert [again.radio(key=f"answer_{s}").value for s in section_2[:3]] == ["NP", "NP", None]
    again.selectbox(key="answer_section").set_value(1)
    ok(again.run())
    assert [again.radio(key=f"answer_{s}").value for s in SECTION_1] == ["YD"] * (
        len(SECTION_1) - 1
    ) + [None]
    assert len(rounds.submissions(store(), AREA, "benchmark")) == 2
    assert "of 65 statements answered" in again.get("progress")[0].proto.text


def test_answers_arrive_in_the_benchmark_table_and_the_perspectives_view_at_once():
    save_area()
    tokens = round_links()
    staff, users = tokens[(COLLEGE, "Staff")], tokens[(COLLEGE, "Service user")]
    rounds.submit(store(), staff, dict.fromkeys(frameworks.STATEMENT_IDS, "YD"), "answers")
    rounds.submit(store(), users, dict.fromkeys(frameworks.STATEMENT_IDS, "NAA"), "answers")
    at = benchmark_page()
    completion = table_with(at, "Answered")
    finished = completion.loc[completion["Status"].eq("Finished")]
    assert sorted(finished["Group"]) == ["Service user", "Staff"]
    assert set(finished["Service"]) == {COLLEGE}
    assert set(finished["Answered"]) == {"65 of 65"}
    assert at.selectbox(key="benchmark_year").value == YEAR
    open_tab(at, "benchmark_tab", "Perspectives")
    at.selectbox(key="benchmark_views_service").set_value(COLLEGE)
    ok(at.run())
    views = table_with(at, "Mean points")  # the perspectives: a score per section and group
    scores = views.groupby("Respondent")["Score"].agg(["min", "max", "count"])
    assert scores.loc["Staff"].tolist() == [100.0, 100.0, len(frameworks.SECTIONS)]
    assert scores.loc["Service user"].tolist() == [0.0, 0.0, len(frameworks.SECTIONS)]
    flags = table_with(at, "Difference")  # for discussion: the groups three points apart
    assert len(flags) == len(frameworks.STATEMENT_IDS)
    assert set(flags["Service user"]) == {0.0} and set(flags["Staff"]) == {3.0}


def test_a_benchmark_link_shows_nothing_of_another_service_or_the_app():
    save_area()
    tokens = round_links()
    at = provider_page(tokens[(HUB, "Staff")])
    shown = text(at)
    services = set(sample_portfolio().services["service"]) - {HUB}
    assert not [name for name in services if name in shown]
    assert len(at.sidebar) == 0 and not at.dataframe
