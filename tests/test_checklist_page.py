"""The checklist page as a user meets it: AppTest runs app.py, switches to the page, gives
answers through the data editors' edit state, and reads what is shown."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from dayserv import frameworks
from tests.test_pages import APP, XLSX
from tests.workbooks import xlsx

PAGE = "pages/checklist.py"
SERVICES = [["Service", "Provider", "Year", "Sector"], ["Alpha", "Peer Co", "2024/25", "User-led"]]


def checklist_page(upload: tuple[str, bytes] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    if upload:
        at.sidebar.file_uploader[0].upload(*upload, XLSX)
        at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def questions_shown(at: AppTest) -> pd.DataFrame:
    return pd.concat([editor.value for editor in at.data_editor])


def edit(at: AppTest, heading_id: str, rows: dict[int, dict]) -> AppTest:
    """Give answers in a heading's editor, as the browser sends them."""
    (editor,) = [e for e in at.data_editor if e.key.startswith(f"checklist_{heading_id}_")]
    at.session_state[editor.key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}
    return at.run()


def test_the_sample_shows_progress_and_every_question():
    at = checklist_page()

    assert at.title[0].value == "Commissioners' checklist"
    assert metrics(at) == {
        "Yes": "23",
        "Partly": "29",
        "No": "22",
        "Not yet considered": "12",
        "Not answered": "11",
    }
    assert at.get("progress")[0].value == 88  # 86 of 97 answered
    shown = questions_shown(at)
    assert list(shown["question"]) == [q.text for q in frameworks.KEY_QUESTIONS]
    assert all(editor.editing_mode == "fixed" for editor in at.data_editor)
    assert [tab.label for tab in at.tabs] == ["Principles", "Functions", "Changes", "Outcomes"]
    markdown = "\n".join(m.value for m in at.markdown)
    assert (
        "**Principle 4: Provision of opportunities for peer support and user run services**"
        in markdown
    )
    assert "4 of 5 answered: 2 Partly, 1 No, 1 Not yet considered" in [c.value for c in at.caption]
    labels = [button.label for button in at.get("download_button")]
    assert "Download the workbook with these answers (.xlsx)" in labels


def test_each_heading_links_to_its_evidence():
    at = checklist_page()
    links = [link.value for link in at.get("page_link")]
    evidence = [e.title for h in frameworks.HEADINGS for e in frameworks.evidence_for(h.id)]
    assert links == evidence
    assert "Benchmark section 1: Recovery" in links
    assert "User-run share of services" in links


def test_a_workbook_without_a_checklist_lists_every_question_unanswered():
    at = checklist_page(("westford.xlsx", xlsx({"Services": SERVICES})))

    assert metrics(at)["Not answered"] == str(len(frameworks.KEY_QUESTIONS))
    assert metrics(at)["Yes"] == "0"
    shown = questions_shown(at)
    assert len(shown) == len(frameworks.KEY_QUESTIONS)
    assert shown["answer"].isna().all()
    assert any("template's Checklist sheet" in info.value for info in at.info)
    # Said once, rightly: not also that a sheet the workbook lacks "has no years".
    assert not [c for c in at.caption if "The Checklist sheet has no years" in c.value]
    labels = [button.label for button in at.get("download_button")]
    assert "Download the workbook with these answers (.xlsx)" in labels


def test_answers_given_are_counted_and_kept_across_pages():
    at = checklist_page()
    edit(at, "P1", {0: {"answer": "Yes", "notes": "Checked in May"}})

    assert not at.exception
    assert metrics(at)["Yes"] == "24"
    assert metrics(at)["Not answered"] == "10"
    at.switch_page("pages/overview.py").run()
    at.switch_page(PAGE).run()
    assert metrics(at)["Yes"] == "24"
    p1 = at.data_editor[0].value
    assert (p1.at["P1.1", "answer"], p1.at["P1.1", "notes"]) == ("Yes", "Checked in May")
    assert p1.at["P1.1", "year"] == "2025/26"


def test_a_new_upload_starts_afresh():
    at = checklist_page()
    edit(at, "P1", {0: {"answer": "Yes"}})
    at.sidebar.file_uploader[0].upload("westford.xlsx", xlsx({"Services": SERVICES}), XLSX)
    at.run()

    assert metrics(at)["Not answered"] == str(len(frameworks.KEY_QUESTIONS))


def test_answers_of_a_chosen_year():
    checklist = [
        ["Question", "Answer", "Notes", "Year"],
        ["P1.1", "No", "Not yet", "2023/24"],
        ["P1.1", "Yes", "Every plan now", "2024/25"],
        ["P2.1", "Partly", None, "2023/24"],
    ]
    at = checklist_page(("two.xlsx", xlsx({"Services": SERVICES, "Checklist": checklist})))

    assert metrics(at)["Yes"] == "1" and metrics(at)["Partly"] == "1"
    assert "Answers you give or change here are saved for 2024/25." in [c.value for c in at.caption]
    at.selectbox[0].select("2023/24").run()
    assert not at.exception
    assert (metrics(at)["No"], metrics(at)["Partly"], metrics(at)["Yes"]) == ("1", "1", "0")
    assert at.data_editor[0].value.at["P1.1", "notes"] == "Not yet"
    assert "Answers you give or change here are saved for 2023/24." in [c.value for c in at.caption]
