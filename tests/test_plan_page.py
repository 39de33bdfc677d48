"""The Plan the changes page as a commissioner meets it: AppTest runs app.py, opens the page
on the sample, uploads the sample's plan workbook, reads the headline, the money, the gap
and the plans side by side; edits a row and sees the projection move; types a bad row and
sees it named while the rest runs; starts a plan from nothing; saves the plan to an area
and finds it there in a new session (a second save refused, a share link read-only); and
downloads the workbook with the Plan sheet and the meeting pack with the plan's slides."""

from __future__ import annotations

import html
import io

import openpyxl
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from dayserv.sample_plan import BUILD_FIRST, CLOSE_FIRST, PLANS_FILE
from dayserv.store import links, records
from dayserv.store.database import store
from tests.test_pages import APP, XLSX
from tests.test_saved_answers_page import AREA, save_area
from tests.workbooks import xlsx

PAGE = "pages/plan.py"
UPLOAD = "Or upload a plan workbook"
SAVE = f"Save plan to {AREA}"
GAP = (
    "Harcourt House Day Centre closes in 2026/27; its replacement, Central Recovery Hub, "
    "starts in 2027/28."
)


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_plan(upload: bool = True, plans: tuple[str, bytes] | None = None, **query) -> AppTest:
    """The app on the plan page (``query``: ?area=, ?share=), the sample's plan workbook (or
    ``plans``, a name and its bytes) uploaded on the page if ``upload``."""
    at = AppTest.from_file(APP, default_timeout=120)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    ok(at.switch_page(PAGE).run())
    if upload:
        uploader = next(u for u in at.file_uploader if u.label == UPLOAD)
        uploader.upload(*(plans or (PLANS_FILE.name, PLANS_FILE.read_bytes())), XLSX)
        ok(at.run())
    return at


def texts(at: AppTest, kind: str) -> list[str]:
    return [element.value for element in getattr(at, kind)]


def headline(at: AppTest) -> str:
    return next(text for text in texts(at, "markdown") if text.startswith("### "))[4:]


def choose_plan(at: AppTest, name: str) -> AppTest:
    next(s for s in at.selectbox if s.label == "Plan shown").select(name)
    return ok(at.run())


def edit(at: AppTest, edited=None, added=None, deleted=None) -> AppTest:
    (editor,) = at.data_editor
    at.session_state[editor.key] = {
        "edited_rows": edited or {},
        "added_rows": added or [],
        "deleted_rows": deleted or [],
    }
    return ok(at.run())


def buttons(at: AppTest) -> dict:
    return {button.label: button for button in at.button}


def test_the_sample_with_its_plan_workbook(downloads):
    at = open_plan()
    start = next(r for r in at.radio if r.label == "Start from")
    assert start.value == "upload"
    assert next(s for s in at.selectbox if s.label == "Plan shown").options == [
        CLOSE_FIRST,
        BUILD_FIRST,
    ]
    assert headline(at) == (
        "Close Harcourt House first: not ring-fenced (£717,450 lost to day services in "
        "2026/27), a gap in provision in Central in 2026/27, user-run share of services "
        "25% → 28% by 2027/28"
    )
    assert any(
        e.startswith("Not ring-fenced: £717,450 leaves day services in 2026/27")
        for e in texts(at, "error")
    )
    assert GAP in texts(at, "warning")
    assert any("PROPOSED — not decided" in c for c in texts(at, "caption"))
    money = next(d.value for d in at.dataframe if "Ring-fenced" in d.value.columns)
    assert money["Ring-fenced"].tolist() == ["No: £717,450 lost", "No: £297,450 lost"]
    side = next(d.value for d in at.dataframe if "Measure" in d.value.columns and len(d.value) > 8)
    assert list(side.columns) == [
        "Measure",
        "2025/26 (recorded)",
        f"{CLOSE_FIRST} (2027/28, projected)",
        f"{BUILD_FIRST} (2027/28, projected)",
    ]
    lost = side.set_index("Measure").loc["Lost to day services"].tolist()
    assert lost == ["—", "£297,450", "£0"]
    assert len(at.get("plotly_chart")) == 9  # six trends, two of money, the places

    choose_plan(at, BUILD_FIRST)
    assert headline(at).startswith(
        "Build before closing: ring-fenced in every year, no gap in provision"
    )
    assert GAP not in texts(at, "warning")

    workbook = next(d for name, d in downloads.items() if name.endswith("_with-plan.xlsx"))
    book = openpyxl.load_workbook(io.BytesIO(workbook()))
    assert "Plan" in book.sheetnames and "Services" in book.sheetnames
    plan = [row for row in book["Plan"].iter_rows(values_only=True)]
    assert plan[0][:4] == ("Plan", "Change", "Service", "From") and len(plan) == 7
    deck = next(
        d for name, d in downloads.items() if "meeting-pack" in name and "build-before" in name
    )
    titles = [
        slide.shapes.title.text_frame.text for slide in Presentation(io.BytesIO(deck())).slides
    ]
    proposed = [t for t in titles if t.startswith("PROPOSED — not decided: ")]
    assert len(proposed) >= 4
    assert proposed[0].endswith(headline(at))
    report = next(
        d for name, d in downloads.items() if name.endswith(".html") and "build-before" in name
    )
    assert report.mimetype == "text/html"
    page = report().decode("utf-8")
    assert page.count('<section class="slide proposed"') == 4  # a long slide is one section
    assert html.escape(f"PROPOSED — not decided: {headline(at)}") in page


def test_an_edit_in_the_editor_changes_the_projection():
    at = open_plan()
    # Row 2 opens the hub of "Close Harcourt House first": open it the year the centre closes.
    edit(at, edited={1: {"from_year": "2026/27"}})
    assert headline(at) == (
        "Close Harcourt House first: not ring-fenced (£297,450 lost to day services in "
        "2026/27), no gap in provision, user-run share of services 25% → 28% by 2026/27"
    )
    assert GAP not in texts(at, "warning")
    # The plan is the editor's rows now: the workbook's other plan is still there.
    assert next(s for s in at.selectbox if s.label == "Plan shown").options == [
        CLOSE_FIRST,
        BUILD_FIRST,
    ]


def test_a_bad_row_is_named_and_the_rest_of_the_plan_runs():
    at = open_plan()
    edit(at, edited={0: {"from_year": "2024/25"}, 2: {"sector": None}})
    errors = texts(at, "error")
    assert any(
        e.startswith(
            "Row 1 (Close Harcourt House first: Decommission Harcourt House Day Centre from "
            "2024/25), From: A change must take effect after 2025/26"
        )
        for e in errors
    ), errors
    assert any(
        e.startswith("Row 3 (Build before closing: Commission Central Recovery Hub") for e in errors
    )
    assert any("the rest of the plan runs" in c for c in texts(at, "caption"))
    # Close first keeps its Commission alone: no closure, so no gap, and the money grows.
    assert headline(at).startswith("Close Harcourt House first: ring-fenced in every year")


def test_a_plan_started_from_nothing():
    at = open_plan(upload=False)
    start = next(r for r in at.radio if r.label == "Start from")
    assert start.options == ["A new plan, from nothing"] and start.value == "new"
    assert any("No change in the plan can be used yet" in i for i in texts(at, "info"))
    edit(
        at,
        added=[
            {
                "plan": "Mine",
                "change": "Decommission",
                "service": "Harcourt House Day Centre",
                "from_year": "2026/27",
            }
        ],
    )
    assert headline(at).startswith(
        "Mine: not ring-fenced (£717,450 lost to day services in 2026/27), a gap in provision "
        "in Central in 2026/27"
    )
    assert any(
        w.startswith("Harcourt House Day Centre closes in 2026/27 with no replacement")
        for w in texts(at, "warning")
    )


def test_the_plan_saved_to_an_area_is_there_in_a_new_session():
    save_area()
    at = open_plan(area=AREA)
    assert SAVE in buttons(at)
    assert any(f"not saved to {AREA}" in w for w in texts(at, "warning"))
    ok(buttons(at)[SAVE].click().run())
    assert f"Plan saved to {AREA}." in texts(at, "success")
    # Said until the plan changes, however many runs the browser's grid sends.
    assert f"Plan saved to {AREA}." in texts(ok(at.run()), "success")
    saved = records.read_record(store(), AREA, "plan")
    assert saved.revision == 1 and len(saved.body["rows"]) == 6
    assert saved.body["rows"][1]["Service"] == "Central Recovery Hub"
    edit(at, edited={1: {"from_year": "2026/27"}})
    assert not any(w.startswith("Plan saved to") for w in texts(at, "success"))

    again = open_plan(upload=False, area=AREA)
    start = next(r for r in again.radio if r.label == "Start from")
    assert start.value == "saved"
    assert start.options[0] == f"The plan saved with {AREA}"
    assert headline(again).startswith(CLOSE_FIRST)
    assert any(c.startswith("Plans saved by ") for c in texts(again, "caption"))
    assert not any(f"not saved to {AREA}" in w for w in texts(again, "warning"))


def test_a_second_save_is_refused_and_keeps_the_edits():
    save_area()
    ann, bob = open_plan(area=AREA), open_plan(area=AREA)
    ok(buttons(ann)[SAVE].click().run())
    edit(bob, edited={1: {"from_year": "2026/27"}})
    ok(buttons(bob)[SAVE].click().run())
    assert any("saved these since you opened them" in e for e in texts(bob, "error"))
    assert records.read_record(store(), AREA, "plan").body["rows"][1]["From"] == "2027/28"
    assert "no gap in provision" in headline(bob)  # bob's edit still on screen
    ok(buttons(bob)["Load their plan (discarding mine)"].click().run())
    assert "a gap in provision in Central" in headline(bob)


def test_a_share_link_shows_the_saved_plan_and_cannot_save():
    save_area()
    records.save_record(
        store(),
        AREA,
        "plan",
        {
            "rows": [
                {
                    "Plan": "Shut",
                    "Change": "Decommission",
                    "Service": "Harcourt House Day Centre",
                    "From": "2026/27",
                }
            ]
        },
        0,
        "ann@example.org",
    )
    token = links.token_from(links.create_link(store(), AREA, "ann@example.org").path)
    at = open_plan(upload=False, share=token)
    assert headline(at).startswith("Shut: not ring-fenced")
    assert SAVE not in buttons(at)
    (editor,) = at.data_editor
    assert editor.proto.disabled
    assert any("the plan cannot be changed or saved here" in c for c in texts(at, "caption"))


def test_a_plan_workbooks_bad_rows_are_listed_and_the_rest_runs():
    plans = [
        ["Plan", "Change", "Service", "From"],
        ["Shut", "Decommission", "Harcourt House Day Centre", "2026/27"],
        ["Shut", "Decommission", "Nowhere House", "2026/27"],
    ]
    at = open_plan(plans=("bad plans.xlsx", xlsx({"Plan": plans})))
    (problems,) = [e for e in at.expander if e.label.startswith("When the plan workbook")]
    assert problems.label == "When the plan workbook bad plans.xlsx was read: 1 problem"
    assert any("Plan row 3, Service: Not a service of 2025/26" in m for m in texts(at, "markdown"))
    assert headline(at).startswith("Shut: not ring-fenced (£717,450 lost to day services")


def test_an_unreadable_plan_workbook_is_said_in_a_sentence():
    at = open_plan(plans=("no plan.xlsx", xlsx({"Notes": [["Nothing here"]]})))
    assert any(
        e.startswith("The plan could not be read: no plan.xlsx has no Plan sheet")
        for e in texts(at, "error")
    )
    start = next(r for r in at.radio if r.label == "Start from")
    assert start.options == ["A new plan, from nothing"]


def test_the_downloaded_workbook_uploaded_again_brings_its_plan(downloads):
    at = open_plan()
    edit(at, edited={1: {"from_year": "2026/27"}})
    workbook = next(d for name, d in downloads.items() if name.endswith("_with-plan.xlsx"))
    again = AppTest.from_file(APP, default_timeout=120)
    again.run()
    again.sidebar.file_uploader[0].upload("with plan.xlsx", workbook(), XLSX)
    ok(again.run())
    ok(again.switch_page(PAGE).run())
    start = next(r for r in again.radio if r.label == "Start from")
    assert start.value == "sheet"
    assert start.options[0] == "The Plan sheet of with plan.xlsx"
    assert headline(again) == headline(at)  # the edit came back with the workbook
