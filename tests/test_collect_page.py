"""Returns by link as people meet them, in AppTest: the owner opens a quarter's round on the
Performance page and gets a link per provider (and their CSV); a provider following its
link sees only its own services and past returns, with nothing else of the app; bad values
are answered beside their fields with everything typed kept; a return sent shows on the
Performance page at once, a resubmission replaces it and the history keeps both; a sheet
is read by the workbook's reader and refused for another provider's rows; withdrawn,
expired, closed and unknown links are refused; the round's completion, reminders, changes,
new links and closing."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dayserv.app.state import SAMPLE_PATH, sample_portfolio
from dayserv.contract import KPI_IDS
from dayserv.share import collect_files
from dayserv.store import areas, links, rounds
from dayserv.store.database import now, store, transaction
from dayserv.store.schema import RoundLink
from tests.test_pages import APP
from tests.workbooks import xlsx

AREA = "Eastbrook"
PAGE = "pages/performance.py"
MIND, HARBOUR = "Eastbrook Mind", "Harbour Peer Network"
OPEN = "Open the round and make the links"
SEND = "Send the return for 2025/26 Q4"


def save_area() -> None:
    areas.save_version(
        store(), AREA, [("sample_portfolio.xlsx", SAMPLE_PATH.read_bytes())], "local user"
    )


def round_links(quarter: str = "Q4") -> dict[str, str]:
    """A round opened in the store (not on the page): provider -> token."""
    _, made = rounds.open_round(
        store(),
        AREA,
        "returns",
        "2025/26",
        quarter,
        [(MIND, None, None), (HARBOUR, None, None)],
        "local user",
        date.today() + timedelta(days=10),
    )
    return {link.provider: rounds.token_from(link.path) for link in made}


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def performance() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["area"] = AREA
    ok(at.run())
    return ok(at.switch_page(PAGE).run())


def provider_page(token: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["submit"] = token
    return ok(at.run())


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def field(at: AppTest, kpi: str):
    return at.text_input(key=f"submit_{kpi}")


def text(at: AppTest) -> str:
    return "\n".join(
        [m.value for m in at.markdown]
        + [c.value for c in at.caption]
        + [t.value for t in at.title]
        + [s.value for s in at.subheader]
    )


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first table shown with this column (AppTest gives tables no keys)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def tables_with(at: AppTest, column: str) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe if column in d.value.columns]


def r1_table(at: AppTest) -> pd.DataFrame:
    """The table of R1 by provider and quarter (the measure first shown)."""
    return next(d.value for d in at.dataframe if "2025/26 Q4" in d.value.columns)


# ---------------------------------------------------------------- the owner opens a round


def test_the_owner_opens_a_round_and_gets_a_link_per_provider(downloads):
    save_area()
    at = performance()
    (expander,) = [e for e in at.expander if e.label.startswith("Collect this quarter")]
    assert at.text_input(key="collect_year").value == "2026/27"  # after the latest, 2025/26 Q4
    assert at.selectbox(key="collect_quarter").value == "Q1"
    at.text_input(key="collect_year").input("2025/26")
    at.selectbox(key="collect_quarter").set_value("Q4")
    at.multiselect(key="collect_providers").set_value([MIND, HARBOUR])
    ok(button(at, OPEN).click().run())
    assert [s.value for s in at.success if "round is open" in s.value] == [
        "The 2025/26 Q4 round is open, with 2 links: copy them below."
    ]
    codes = [c.value for c in at.code]
    assert len(codes) == 2 and all("/?submit=" in code for code in codes)
    tokens = [rounds.token_from(code) for code in codes]
    assert {rounds.holder(store(), t).link.provider for t in tokens} == {MIND, HARBOUR}
    csv = pd.read_csv(io.BytesIO(downloads["return-links-2025-26-Q4.csv"]()), encoding="utf-8-sig")
    assert list(csv.columns) == ["provider", "link", "expires_utc"]
    assert sorted(csv["provider"]) == sorted([MIND, HARBOUR])
    assert {rounds.token_from(link) for link in csv["link"]} == set(tokens)
    completion = table_with(at, "Times sent")
    assert list(completion["Status"]) == ["Not returned", "Not returned"]
    assert "0 of 2 returned; 2 not returned yet" in text(at)
    # the same quarter cannot be opened twice while the round is open
    at.text_input(key="collect_year").input("2025/26")
    at.selectbox(key="collect_quarter").set_value("Q4")
    ok(button(at, OPEN).click().run())
    assert any("open already" in e.value for e in at.error)
    assert expander


# ---------------------------------------------------------------- the provider's page


def test_a_link_shows_only_its_providers_services_and_past_returns_and_nothing_else():
    save_area()
    tokens = round_links()
    at = provider_page(tokens[MIND])
    assert at.title[0].value == f"{MIND}: your return for 2025/26 Q4"
    assert len(at.sidebar) == 0 and not at.sidebar.file_uploader  # no portfolio, no pages
    services = sample_portfolio().services
    mine = set(services.loc[services["provider"].eq(MIND), "service"])
    others = set(services["service"]) - mine
    providers = set(services["provider"]) - {MIND}
    shown = text(at)
    assert all(name in shown for name in mine)
    assert not any(name in shown for name in others)
    assert not any(name in shown for name in providers)
    past = table_with(at, "Measure")
    kpis = sample_portfolio().tables["kpis"]
    own = kpis.loc[kpis["provider"].eq(MIND) & kpis["year"].eq("2025/26") & kpis["kpi"].eq("R1")]
    assert past.loc[past["KPI"].eq("R1"), "2025/26 Q1"].item() == (
        own.loc[own["quarter"].eq("Q1"), "value"].item()
    )
    for frame in (d.value for d in at.dataframe):
        assert not any(str(p) in frame.to_string() for p in providers)
    assert [ti.key for ti in at.text_input] == [f"submit_{kpi}" for kpi in KPI_IDS]
    assert at.button[0].label == SEND


def test_bad_values_are_answered_beside_their_fields_and_nothing_typed_is_lost():
    save_area()
    tokens = round_links()
    at = provider_page(tokens[MIND])
    field(at, "R1").input("150")
    field(at, "R2").input("ninety")
    field(at, "R9").input("12.5")
    field(at, "R10").input("420")
    ok(button(at, SEND).click().run())
    errors = [e.value for e in at.error]
    assert errors[0].startswith("Nothing was sent: 3 values to put right (R1, R2, R9)")
    assert "150 is out of range: R1 is a percentage, 0 to 100." in errors
    assert "'ninety' is not a number: write a percentage, 0 to 100." in errors
    assert "R9 is a count: write a whole number, not 12.5." in errors
    assert [field(at, k).value for k in ("R1", "R2", "R9", "R10")] == [
        "150",
        "ninety",
        "12.5",
        "420",
    ]
    assert rounds.submissions(store(), AREA) == []
    # each message is drawn straight after its field, in the form's order
    form = at.get("form")[0]
    order = [
        child.key if child.type == "text_input" else getattr(child, "value", "")
        for child in form.children.values()
    ]
    assert (
        order[order.index("submit_R1") + 1] == "150 is out of range: R1 is a percentage, 0 to 100."
    )
    field(at, "R1").input("95")
    field(at, "R2").input("90%")
    field(at, "R9").input("1,250")
    ok(button(at, SEND).click().run())
    assert not at.error
    (sent,) = rounds.submissions(store(), AREA)
    assert sent.body == {"R1": 95.0, "R2": 90.0, "R9": 1250.0, "R10": 420.0}
    assert any(
        s.value.startswith("Thank you: your return for 2025/26 Q4 (4 of 12 KPIs)")
        for s in at.success
    )


def test_a_return_shows_on_the_performance_page_and_a_resubmission_replaces_it():
    save_area()
    tokens = round_links()
    at = provider_page(tokens[MIND])
    field(at, "R1").input("61")
    ok(button(at, SEND).click().run())
    owner = performance()
    table = r1_table(owner)
    assert table.loc[table["Provider"].eq(MIND), "2025/26 Q4"].item() == 61
    completion = table_with(owner, "Times sent")
    assert dict(zip(completion["Provider"], completion["Status"], strict=True)) == {
        HARBOUR: "Not returned",
        MIND: "Returned",
    }

    at = provider_page(tokens[MIND])
    assert field(at, "R1").value == "61"  # the form starts from what was sent
    field(at, "R1").input("72")
    ok(button(at, SEND).click().run())
    assert any("It replaces the one sent on" in s.value for s in at.success)
    history = table_with(at, "How")
    assert list(history["R1"]) == [72.0, 61.0]  # both kept, the latest first
    owner = performance()
    table = r1_table(owner)
    assert table.loc[table["Provider"].eq(MIND), "2025/26 Q4"].item() == 72
    changed = table_with(owner, "Before")
    assert changed[["Provider", "KPI", "Before", "After"]].values.tolist() == [
        [MIND, "R1", 61.0, 72.0]
    ]
    # the other quarters of the workbook are untouched
    kpis = sample_portfolio().tables["kpis"]
    q2 = kpis.loc[
        kpis["provider"].eq(MIND)
        & kpis["year"].eq("2025/26")
        & kpis["quarter"].eq("Q2")
        & kpis["kpi"].eq("R1")
    ]
    assert table.loc[table["Provider"].eq(MIND), "2025/26 Q2"].item() == q2["value"].item()


def test_a_sheet_is_read_by_the_reader_and_refused_with_another_providers_rows():
    save_area()
    tokens = round_links()
    at = provider_page(tokens[HARBOUR])
    header = ["Provider", "Year", "Quarter", "KPI", "Value"]
    theirs = xlsx(
        {
            "KPIs": [
                header,
                [HARBOUR, "2025/26", "Q4", "R1", 88],
                [MIND, "2025/26", "Q4", "R1", 10],
                [HARBOUR, "2025/26", "Q4", "R2", "lots"],
            ]
        }
    )
    at.file_uploader(key="submit_sheet").upload("kpis.xlsx", theirs)
    ok(at.run())
    ok(button(at, "Send the sheet").click().run())
    (error,) = [e.value for e in at.error]
    assert "The sheet has rows for Eastbrook Mind: this link takes Harbour Peer Network's" in (
        error.replace("\\", "")
    )
    assert "Row 4, Value: This is not a number" in error
    assert rounds.submissions(store(), AREA) == []
    mine = collect_files.provider_sheet(HARBOUR, "2025/26", "Q4", {"R1": 88, "R10": 40})
    at.file_uploader(key="submit_sheet").upload("mine.xlsx", mine)
    ok(at.run())
    ok(button(at, "Send the sheet").click().run())
    (sent,) = rounds.submissions(store(), AREA)
    assert (sent.provider, sent.how, sent.body) == (HARBOUR, "upload", {"R1": 88.0, "R10": 40.0})
    assert any("Value left blank in rows" in s.value for s in at.success)


@pytest.mark.parametrize("how", ["withdrawn", "expired", "closed", "unknown", "cut short"])
def test_a_link_withdrawn_expired_closed_or_unknown_is_refused(how):
    save_area()
    tokens = round_links()
    token = tokens[MIND]
    (round_,) = rounds.rounds_of(store(), AREA)
    listed = {link.provider: link for link in rounds.links_of(store(), AREA, round_.id)}
    if how == "withdrawn":
        rounds.revoke(store(), AREA, listed[MIND].id)
    elif how == "expired":
        with transaction(store()) as session:
            session.get(RoundLink, listed[MIND].id).expires_at = now() - timedelta(minutes=1)
    elif how == "closed":
        rounds.close_round(store(), AREA, round_.id, "local user")
    elif how == "unknown":
        token = links.new_token()
    else:
        token = token[:30]
    at = provider_page(token)
    assert at.title[0].value == "Send a return"
    (error,) = at.error
    assert {
        "withdrawn": "withdrawn by the commissioner",
        "expired": "expired on",
        "closed": "was closed on",
        "unknown": "not known here",
        "cut short": "not complete",
    }[how] in error.value
    assert not at.text_input and not at.dataframe and len(at.sidebar) == 0


def test_a_link_withdrawn_while_the_form_is_open_takes_nothing():
    save_area()
    tokens = round_links()
    at = provider_page(tokens[MIND])
    (round_,) = rounds.rounds_of(store(), AREA)
    mind = next(x for x in rounds.links_of(store(), AREA, round_.id) if x.provider == MIND)
    rounds.revoke(store(), AREA, mind.id)
    field(at, "R1").input("70")
    ok(button(at, SEND).click().run())
    assert rounds.submissions(store(), AREA) == []
    assert any("withdrawn" in e.value for e in at.error)


# ---------------------------------------------------------------- the owner's round


def test_the_owner_replaces_a_lost_link_withdraws_one_and_closes_the_round():
    save_area()
    tokens = round_links()
    at = performance()
    at.selectbox(
        key=next(s.key for s in at.selectbox if (s.key or "").endswith("_holder"))
    ).set_value(MIND)
    ok(button(at, "Make it a new link").click().run())
    (code,) = [c.value for c in at.code]
    assert rounds.holder(store(), rounds.token_from(code)).link.provider == MIND
    assert provider_page(tokens[MIND]).error  # the old one stops working
    completion = table_with(at, "Times sent")
    assert list(completion["Link"]) == ["in force", "in force"]
    at.selectbox(
        key=next(s.key for s in at.selectbox if (s.key or "").endswith("_holder"))
    ).set_value(HARBOUR)
    ok(button(at, "Withdraw its link").click().run())
    completion = table_with(at, "Times sent")
    assert dict(zip(completion["Provider"], completion["Link"], strict=True))[HARBOUR] == (
        "withdrawn"
    )
    ok(button(at, "Close the 2025/26 Q4 round").click().run())
    assert any(s.value == "The 2025/26 Q4 round is closed." for s in at.success)
    assert "2025/26 Q4: 0 of 2 returned; 2 not returned yet; closed" in text(at)
    assert not tables_with(at, "Times sent")


def test_reminders_are_due_near_the_closing_date_for_those_not_returned():
    save_area()
    _, made = rounds.open_round(
        store(),
        AREA,
        "returns",
        "2025/26",
        "Q4",
        [(MIND, None, None), (HARBOUR, None, None)],
        "local user",
        now().date() + timedelta(days=3),
    )
    rounds.submit(store(), rounds.token_from(made[0].path), {"R1": 80.0})
    at = performance()
    due = table_with(at, "Due")
    (waiting,) = {link.provider for link in made[1:]}
    assert due.values.tolist() == [[waiting, "closes in 3 days"]]


def test_an_upload_or_a_share_link_shows_no_rounds_and_a_viewer_sees_the_returns():
    save_area()
    tokens = round_links()
    rounds.submit(store(), tokens[MIND], {"R1": 33.0})
    at = AppTest.from_file(APP, default_timeout=90)
    ok(at.run())
    ok(at.switch_page(PAGE).run())
    assert not [e for e in at.expander if e.label.startswith("Collect")]
    share = links.token_from(links.create_link(store(), AREA, "local user").path)
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["share"] = share
    ok(at.run())
    ok(at.switch_page(PAGE).run())
    assert not [e for e in at.expander if e.label.startswith("Collect")]
    table = r1_table(at)
    assert table.loc[table["Provider"].eq(MIND), "2025/26 Q4"].item() == 33
    spec = json.dumps([c.proto.spec for c in at.get("plotly_chart")])
    assert spec  # the page draws
