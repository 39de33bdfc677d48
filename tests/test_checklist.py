"""The commissioners' checklist: answers under their headings, progress, edits, and the
workbook that re-uploads unchanged."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from dayserv import frameworks
from dayserv.app.state import SAMPLE_PATH
from dayserv.figures import checklist as cl
from dayserv.read.clean import Portfolio, load
from dayserv.read.reader import Source
from dayserv.share import checklist_workbook
from dayserv.share.template import template_workbook
from tests.workbooks import xlsx

FORMULAS = ("=SUM(A1)", "+44 20 7946 0000", "-5 places cut", "@home visits")
PRODUCED = dt.date(2025, 7, 1)
SERVICES = [["Service", "Provider", "Year", "Sector"], ["Alpha", "Peer Co", "2024/25", "NHS"]]


def answers(*rows, year=False) -> pd.DataFrame:
    """A tidy Checklist table as clean.load gives it, from (question, answer, notes[, year])."""
    columns = ["question", "answer", "notes"] + (["year"] if year else [])
    frame = pd.DataFrame(list(rows), columns=columns).astype("string")
    ids = {q.text: q.id for q in frameworks.KEY_QUESTIONS} | {
        q.id: q.id for q in frameworks.KEY_QUESTIONS
    }
    frame.insert(0, "question_id", frame["question"].map(ids).astype("string"))
    if not year:
        frame["year"] = pd.Series(pd.NA, index=frame.index, dtype="string")
    frame["row"] = range(2, len(frame) + 2)
    return frame


def reload(data: bytes, name: str = "saved.xlsx") -> Portfolio:
    return load([Source(name, data)])


def errors(portfolio: Portfolio) -> pd.DataFrame:
    return portfolio.problems[portfolio.problems["severity"].astype(str) == "error"]


def assert_same_tables(before: Portfolio, after: Portfolio) -> None:
    for name, table in before.tables.items():
        pd.testing.assert_frame_equal(
            table.drop(columns="row"),
            after.tables[name].drop(columns="row"),
            check_categorical=False,  # a wide Benchmark's categories come back sorted
            obj=name,
        )


@pytest.fixture(scope="module")
def sample() -> Portfolio:
    return load([Source(SAMPLE_PATH.name, SAMPLE_PATH.read_bytes())])


# ---------------------------------------------------------------- the table


def test_every_key_question_in_order_under_its_heading():
    table = cl.checklist_table(answers())

    assert list(table["question_id"]) == [q.id for q in frameworks.KEY_QUESTIONS]
    assert list(table["question"]) == [q.text for q in frameworks.KEY_QUESTIONS]
    assert set(table["answer"]) == {""} and set(table["notes"]) == {""}
    p4 = table.loc[table["question_id"] == "P4.1"].iloc[0]
    assert p4["heading"] == (
        "Principle 4: Provision of opportunities for peer support and user run services"
    )
    assert (p4["heading_id"], p4["kind"]) == ("P4", "principle")
    assert table.loc[table["question_id"] == "C4.1", "heading"].item() == "Change 4: Skill mix"
    assert cl.kinds(table) == ["principle", "function", "change", "outcome"]
    assert [h for h, _ in cl.headings(table, "function")] == ["F1", "F2", "F3", "F4"]


def test_answers_are_placed_by_question_text_or_id():
    sheet = answers(
        ("Have they defined care pathways?", "Partly", "Two of five services"),
        ("O3.5", "Not yet considered", pd.NA),
        ("C4.1", pd.NA, "Asked HR for the staffing list"),
    )
    table = cl.checklist_table(sheet).set_index("question_id")

    assert tuple(table.loc["P1.3", ["answer", "notes"]]) == ("Partly", "Two of five services")
    assert table.loc["O3.5", "answer"] == "Not yet considered"
    assert tuple(table.loc["C4.1", ["answer", "notes"]]) == ("", "Asked HR for the staffing list")
    assert table.loc["P1.1", "answer"] == ""


def test_questions_the_checklist_lacks_come_last_under_other_questions():
    sheet = answers(
        ("Do we fund a crisis café?", "Yes", pd.NA),
        ("P1.1", "No", pd.NA),
    )
    table = cl.checklist_table(sheet)

    assert len(table) == len(frameworks.KEY_QUESTIONS) + 1
    last = table.iloc[-1]
    assert (last["question"], last["answer"], last["heading"], last["kind"]) == (
        "Do we fund a crisis café?",
        "Yes",
        "Other questions",
        "other",
    )
    assert last["question_id"] == "" and last["heading_id"] == ""
    assert cl.kinds(table)[-1] == "other"


def test_a_chosen_year_or_the_latest_answer_to_each_question():
    sheet = answers(
        ("P1.1", "No", "First look", "2023/24"),
        ("P1.1", "Partly", "Half the plans", "2024/25"),
        ("P1.2", "Yes", pd.NA, "2023/24"),
        ("P1.2", pd.NA, pd.NA, "2024/25"),  # listed for 2024/25 but not answered yet
        ("P1.3", "Yes", pd.NA, pd.NA),  # no year: older than any year
        ("P1.3", "No", pd.NA, "2022/23"),
        year=True,
    )
    latest = cl.checklist_table(sheet).set_index("question_id")
    assert tuple(latest.loc["P1.1", ["answer", "notes", "year"]]) == (
        "Partly",
        "Half the plans",
        "2024/25",
    )
    assert tuple(latest.loc["P1.2", ["answer", "year"]]) == ("Yes", "2023/24")
    assert tuple(latest.loc["P1.3", ["answer", "year"]]) == ("No", "2022/23")

    chosen = cl.checklist_table(sheet, "2023/24").set_index("question_id")
    assert tuple(chosen.loc["P1.1", ["answer", "notes"]]) == ("No", "First look")
    assert chosen.loc["P1.2", "answer"] == "Yes"
    assert chosen.loc["P1.3", "answer"] == ""
    assert cl.answer_years(sheet) == ["2022/23", "2023/24", "2024/25"]
    assert cl.answers_year(sheet) == "2024/25"
    assert cl.answers_year(sheet, "2023/24") == "2023/24"
    assert cl.answers_year(answers(("P1.1", "No", pd.NA))) is None


def test_the_lower_of_two_rows_for_a_question_wins():
    sheet = answers(("P2.1", "No", pd.NA), ("P2.1", "Yes", "Checked again"))
    row = cl.checklist_table(sheet).set_index("question_id").loc["P2.1"]
    assert (row["answer"], row["notes"]) == ("Yes", "Checked again")


# ---------------------------------------------------------------- progress


def test_progress_overall_and_per_heading():
    sheet = answers(
        ("P1.1", "Yes", pd.NA),
        ("P1.2", "Yes", pd.NA),
        ("P1.3", "Partly", pd.NA),
        ("P1.4", "Not yet considered", pd.NA),
        ("P3.1", "No", pd.NA),
        ("O6.2", "Partly", pd.NA),
        ("Our own question?", "No", pd.NA),
    )
    table = cl.checklist_table(sheet)
    counts = cl.progress(table)

    assert list(counts.columns) == [
        "heading_id",
        "heading",
        "questions",
        "Yes",
        "Partly",
        "No",
        "Not yet considered",
        "Not answered",
    ]
    first = counts.iloc[0]
    assert (first["heading_id"], first["heading"], first["questions"]) == ("", "All questions", 98)
    assert cl.overall(table) == {
        "Yes": 2,
        "Partly": 2,
        "No": 2,
        "Not yet considered": 1,
        "Not answered": 91,
    }
    by_heading = counts.iloc[1:].set_index("heading_id")
    assert list(by_heading.index) == [h.id for h in frameworks.HEADINGS] + [""]
    assert by_heading.loc["P1", list(cl.STATUSES)].tolist() == [2, 1, 0, 1, 1]
    assert by_heading.loc["P3", "No"] == 1
    assert by_heading.loc["C1", "Not answered"] == 10
    assert by_heading.loc["", "heading"] == "Other questions"
    assert by_heading.loc["", "No"] == 1
    assert cl.progress_words(by_heading.loc["P1"]) == (
        "4 of 5 answered: 2 Yes, 1 Partly, 1 Not yet considered"
    )
    assert cl.progress_words(by_heading.loc["C1"]) == "0 of 10 answered"
    assert sum(cl.overall(table).values()) == 98


def test_progress_of_the_sample(sample):
    counts = cl.overall(cl.checklist_table(sample.tables["checklist"]))
    assert sum(counts.values()) == 97
    assert counts == {
        "Yes": 23,
        "Partly": 29,
        "No": 22,
        "Not yet considered": 12,
        "Not answered": 11,
    }


# ---------------------------------------------------------------- answers given in the app


def test_the_view_is_worked_out_again_only_when_the_answers_or_year_change():
    sheet = answers(("P1.1", "No", pd.NA))
    edits = {(None, "P1.2"): ("Yes", "agreed")}
    view = cl.checklist_view(sheet, edits, None)
    table = cl.checklist_table(cl.apply_edits(sheet, edits))
    pd.testing.assert_frame_equal(view.table, table)
    assert view.kinds == cl.kinds(table)
    assert view.headings["function"] == cl.headings(table, "function")
    pd.testing.assert_frame_equal(view.frames["P1"], cl.editor_frames(table)["P1"])
    assert view.frames["P1"].at["P1.2", "answer"] == "Yes"
    assert cl.checklist_view(sheet, dict(edits), None) is view  # a rerun: the same view
    given = {**edits, (None, "P1.3"): ("No", None)}
    again = cl.checklist_view(sheet, given, None)  # an answer given: worked out afresh
    assert again is not view and again.frames["P1"].at["P1.3", "answer"] == "No"
    assert cl.checklist_view(sheet, given, "2025/26") is not again
    assert cl.checklist_view(answers(("P1.1", "No", pd.NA)), given, None) is not again


def test_edits_from_an_editor():
    table = cl.checklist_table(answers(("P1.1", "No", pd.NA)))
    shown = cl.editor_frames(table)["P1"]
    assert list(shown.index) == ["P1.1", "P1.2", "P1.3", "P1.4", "P1.5"]
    assert list(shown.columns) == ["question_id", "question", "answer", "notes", "year"]
    assert pd.isna(shown.at["P1.2", "answer"])
    edited = shown.copy()
    edited.at["P1.1", "answer"] = "Yes"
    edited.at["P1.3", "notes"] = "  Pathways   agreed "
    edited.at["P1.5", "notes"] = ""  # emptied, as it was: no change

    assert cl.edits_from(shown, edited, "2025/26") == {
        ("2025/26", "P1.1"): ("Yes", None),
        ("2025/26", "P1.3"): (None, "Pathways agreed"),
    }
    assert cl.edits_from(shown, shown.copy(), None) == {}
    # The editor's rows matched to those shown by question, whatever their order.
    assert cl.edits_from(shown, edited.iloc[::-1], "2025/26") == {
        ("2025/26", "P1.1"): ("Yes", None),
        ("2025/26", "P1.3"): (None, "Pathways agreed"),
    }


def test_status_counts_take_any_blank_as_not_answered():
    given = pd.Series(["Yes", pd.NA, None, "", "No", "Yes", "Maybe"], dtype=object)
    assert cl.status_counts(given) == {
        "Yes": 2, "Partly": 0, "No": 1, "Not yet considered": 0, "Not answered": 3
    }  # fmt: skip
    assert cl.status_counts(given.astype("string")) == cl.status_counts(given)
    assert cl.status_counts(pd.Series([], dtype="string"))["Not answered"] == 0


def test_edits_replace_that_years_row_or_add_one():
    sheet = answers(
        ("P1.1", "No", "Old", "2024/25"),
        ("P1.1", "Partly", pd.NA, "2025/26"),
        ("P1.1", "Yes", pd.NA, "2025/26"),  # a repeat, dropped by the edit
        ("P2.1", "Yes", pd.NA, "2025/26"),
        year=True,
    )
    edits = {
        ("2025/26", "P1.1"): ("Yes", "Done in April"),
        ("2025/26", "P3.1"): ("Partly", None),
        ("2025/26", "A question of our own?"): ("No", None),
    }
    saved = cl.apply_edits(sheet, edits)

    assert list(saved.columns) == ["question_id", "question", "answer", "notes", "year"]
    assert saved.loc[0, ["answer", "notes", "year"]].tolist() == ["No", "Old", "2024/25"]
    assert saved.loc[1, ["answer", "notes", "year"]].tolist() == [
        "Yes",
        "Done in April",
        "2025/26",
    ]
    assert len(saved) == 5  # the repeat dropped, two added
    added = saved.iloc[-2:]
    assert added["question_id"].tolist()[0] == "P3.1"
    assert added["question"].tolist() == [
        frameworks.key_questions_for("P3")[0].text,
        "A question of our own?",
    ]
    assert pd.isna(added["question_id"].iloc[1])
    table = cl.checklist_table(saved).set_index("question")
    assert table.loc["A question of our own?", "heading"] == "Other questions"


def test_answers_to_save_list_every_question():
    saved = cl.answers_to_save(answers(("P1.1", "Yes", pd.NA)), {}, "2025/26")
    assert len(saved) == len(frameworks.KEY_QUESTIONS)
    assert saved["question_id"].tolist()[0] == "P1.1"
    assert set(saved["year"].iloc[1:]) == {"2025/26"}
    assert saved["answer"].iloc[1:].isna().all()


def test_source_key_follows_the_upload():
    sheet = answers(("P1.1", "Yes", pd.NA))
    key = cl.source_key(("a.xlsx",), sheet)
    assert key == cl.source_key(("a.xlsx",), sheet.copy())
    assert key != cl.source_key(("b.xlsx",), sheet)
    assert key != cl.source_key(("a.xlsx",), answers(("P1.1", "No", pd.NA)))


def test_download_name():
    assert cl.download_name("sample_portfolio.xlsx") == "sample_portfolio-checklist.xlsx"
    assert cl.download_name("services.csv, funding.csv") == "services-checklist.xlsx"
    assert cl.download_name("My area 2025.ods") == "My-area-2025-checklist.xlsx"


# ---------------------------------------------------------------- the workbook


def typed_as_text(data: bytes) -> bytes:
    """The workbook with every cell that openpyxl took for a formula stored as the text typed
    (as Excel stores '=SUM(A1) typed with a leading apostrophe)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
                    cell.quotePrefix = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def small_workbook() -> bytes:
    """Every sheet, untidy: categories instead of shares, a wide Benchmark with 2.10 in
    order, a Checklist by ID and by words with a question of its own and notes that look
    like formulas, a target as 20%."""
    return typed_as_text(
        xlsx(
            {
                "Services": [
                    ["Eastshire portfolio"],
                    [],
                    [
                        "Service",
                        "Provider",
                        "Year",
                        "Sector",
                        "User run",
                        "Locality",
                        "Annual funding",
                        "Places",
                        "Setting",
                        "Activity focus",
                        "Support model",
                        "Self-referral",
                        "Drop-in",
                        "Groups served",
                    ],
                    [
                        "Alpha Café",
                        "Peer Co",
                        "2024-25",
                        "peer-led",
                        "y",
                        "North",
                        "£12.5k",
                        20,
                        "Mainstream",
                        "Mixed",
                        "Individual",
                        "Yes",
                        "No",
                        "women, BME",
                    ],
                    [
                        "Beta Centre",
                        "Trust",
                        2024,
                        "NHS",
                        "No",
                        "South",
                        "80,000",
                        None,
                        "Building-based",
                        "Social & leisure",
                        "Group",
                        "No",
                        "Yes",
                        None,
                    ],
                ],
                "Funding": [
                    ["Service", "Year", "Source", "Amount"],
                    ["Alpha Café", "2024/25", "Lottery", 5000],
                    ["Alpha Café", "2024/25", "core", 7500],
                    ["Beta Centre", "2024/25", "Core commissioning", 80000],
                ],
                "Benchmark": [
                    ["Service", "Year", "Respondent", "2.9", 2.1, "2.11", "1.2a"],
                    ["Alpha Café", "2024/25", "Service user", "YD", "yab", None, "n/a"],
                    ["Beta Centre", "2024/25", "Staff", "NP", "NAA", "YD", "YD"],
                ],
                "GoodPractice": [
                    ["Service", "Year", "Feature", "Rating", "Evidence"],
                    ["Alpha Café", "2024/25", "A2", "Strong", "=run by members"],
                ],
                "Checklist": [
                    ["Question", "Answer", "Notes", "Year"],
                    ["P1.1", "yes", "=SUM(A1)", "2024/25"],
                    ["Have they defined care pathways?", "Partly", "-in two services", "2024/25"],
                    ["Our own question?", "not yet", "@ the forum", "2024/25"],
                    ["P1.1", "No", "+ earlier view", "2023/24"],
                ],
                "KPIs": [
                    ["Provider", "Year", "Quarter", "KPI", "Value"],
                    ["Peer Co", "2024/25", "Q1", "R1", 92.5],
                ],
                "Targets": [
                    ["Outcome", "Target", "Year"],
                    ["user_run_share", "20%", "2026/27"],
                    ["providers", 12, None],
                ],
            }
        )
    )


def test_the_sample_reuploads_unchanged(sample):
    data = checklist_workbook.portfolio_workbook(
        sample.tables, sample.tables["checklist"], "sample.xlsx"
    )
    again = reload(data)

    assert errors(again).empty
    assert set(again.problems["severity"].astype(str)) <= {"note"}
    assert_same_tables(sample, again)
    assert set(again.sheets) == set(sample.sheets)


def test_a_small_untidy_workbook_reuploads_unchanged():
    first = reload(xlsx_bytes := small_workbook(), "eastshire.xlsx")
    assert errors(first).empty
    assert first.tables["benchmark"]["statement"].astype(str).tolist()[:4] == [
        "2.9",
        "2.10",
        "2.11",
        "1.2a",
    ]
    data = checklist_workbook.portfolio_workbook(
        first.tables, first.tables["checklist"], "eastshire.xlsx"
    )
    again = reload(data)

    assert xlsx_bytes != data
    assert errors(again).empty
    assert_same_tables(first, again)
    notes = again.tables["checklist"]["notes"].tolist()
    assert notes[:4] == ["=SUM(A1)", "-in two services", "@ the forum", "+ earlier view"]
    assert again.tables["good_practice"]["evidence"].tolist() == ["=run by members"]


def test_the_template_reuploads_unchanged():
    first = reload(template_workbook(), "template.xlsx")
    again = reload(
        checklist_workbook.portfolio_workbook(first.tables, first.tables["checklist"], "t.xlsx")
    )
    assert errors(again).empty
    assert_same_tables(first, again)


def test_a_portfolio_without_optional_sheets_gains_only_the_checklist():
    first = reload(
        xlsx({"Services": [["Service", "Provider", "Year", "Sector"], ["A", "B", "2024", "NHS"]]})
    )
    saved = cl.answers_to_save(first.tables["checklist"], {}, None)
    again = reload(checklist_workbook.portfolio_workbook(first.tables, saved, "x.xlsx"))

    assert set(again.sheets) == {"services", "checklist"}
    assert errors(again).empty
    pd.testing.assert_frame_equal(
        first.services.drop(columns="row"), again.services.drop(columns="row")
    )
    assert len(again.tables["checklist"]) == len(frameworks.KEY_QUESTIONS)
    assert set(cl.checklist_table(again.tables["checklist"])["answer"]) == {""}


def test_answers_given_in_the_app_come_back_after_upload(sample):
    sheet = sample.tables["checklist"]
    year = cl.answers_year(sheet)
    edits = {
        (year, "P1.1"): ("Yes", "=every plan checked"),
        (year, "P1.2"): (None, None),
        (year, "C4.1"): ("Not yet considered", "- ask HR"),
        (year, "What about transport?"): ("Partly", None),
    }
    shown = cl.checklist_table(cl.apply_edits(sheet, edits))
    saved = cl.answers_to_save(sheet, edits, year)
    again = reload(checklist_workbook.portfolio_workbook(sample.tables, saved, sample.source_label))

    assert errors(again).empty
    pd.testing.assert_frame_equal(cl.checklist_table(again.tables["checklist"]), shown)
    row = shown.set_index("key").loc["P1.1"]
    assert (row["answer"], row["notes"]) == ("Yes", "=every plan checked")
    for name in ("services", "funding", "benchmark", "good_practice", "kpis", "targets"):
        pd.testing.assert_frame_equal(
            sample.tables[name].drop(columns="row"), again.tables[name].drop(columns="row")
        )


def test_no_cell_is_a_formula_and_formula_like_text_is_quoted():
    first = reload(small_workbook())
    edits = {(None, f"C1.{n}"): ("Yes", text) for n, text in enumerate(FORMULAS, start=1)}
    saved = cl.answers_to_save(first.tables["checklist"], edits, "2024/25")
    book = openpyxl.load_workbook(
        io.BytesIO(checklist_workbook.portfolio_workbook(first.tables, saved, "=cmd|' /C calc'!A0"))
    )

    quoted = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.quotePrefix, (ws.title, cell.coordinate)
                    quoted.append(cell.value)
    assert set(FORMULAS) <= set(quoted)
    assert "=SUM(A1)" in quoted and "=run by members" in quoted


def saved_book(portfolio: Portfolio) -> openpyxl.Workbook:
    data = checklist_workbook.portfolio_workbook(
        portfolio.tables, portfolio.tables["checklist"], "x.xlsx"
    )
    return openpyxl.load_workbook(io.BytesIO(data))


def test_years_and_statement_ids_are_written_as_text(sample):
    book = saved_book(sample)
    benchmark = book["Benchmark"]
    assert [c.value for c in benchmark[1]] == [
        "Service",
        "Year",
        "Respondent",
        "Statement",
        "Response",
    ]
    statements = [row[3] for row in benchmark.iter_rows(min_row=2)]
    assert {c.value for c in statements} == set(frameworks.STATEMENT_IDS)
    assert all(c.data_type == "s" and c.number_format == "@" for c in statements)
    for name in ("Services", "Funding", "Benchmark", "GoodPractice", "Checklist", "KPIs"):
        ws = book[name]
        column = [c.value for c in ws[1]].index("Year")
        years = [row[column] for row in ws.iter_rows(min_row=2) if row[column].value]
        assert years and all(c.data_type == "s" and c.number_format == "@" for c in years)
        assert {c.value for c in years} <= {"2022/23", "2023/24", "2024/25", "2025/26"}


def test_a_wide_benchmark_is_written_wide_with_its_ids_as_text():
    book = saved_book(reload(small_workbook()))
    header = list(book["Benchmark"][1])
    assert [c.value for c in header] == [
        "Service",
        "Year",
        "Respondent",
        "2.9",
        "2.10",
        "2.11",
        "1.2a",
    ]
    assert all(c.data_type == "s" for c in header)
    assert [c.value for c in book["Benchmark"][2]] == [
        "Alpha Café",
        "2024/25",
        "Service user",
        "YD",
        "YAB",
        None,
        "N/A",
    ]


def test_a_benchmark_too_long_for_a_sheet_is_written_wide(sample, monkeypatch):
    monkeypatch.setattr(checklist_workbook, "MAX_ROWS", 1000)
    book = saved_book(sample)
    header = [c.value for c in book["Benchmark"][1]]
    assert header[:3] == ["Service", "Year", "Respondent"]
    assert set(header[3:]) == set(frameworks.STATEMENT_IDS)
    again = reload(
        checklist_workbook.portfolio_workbook(sample.tables, sample.tables["checklist"], "x.xlsx")
    )
    assert errors(again).empty
    answered = again.benchmark.dropna(subset=["response"])
    columns = ["service", "year", "respondent", "statement", "response"]
    expected = sample.benchmark.dropna(subset=["response"])[columns].astype(str)
    got = answered[columns].astype(str)
    key = ["service", "year", "respondent", "statement"]
    pd.testing.assert_frame_equal(
        expected.sort_values(key, ignore_index=True), got.sort_values(key, ignore_index=True)
    )


def test_a_2_1_beside_2_9_says_it_is_not_2_10():
    # Read from a sheet where 2.1 and 2.9 were apart, the rows between them left out:
    # written side by side, a bare 2.1 would come back as 2.10.
    first = reload(
        xlsx(
            {
                "Services": SERVICES,
                "Benchmark": [
                    ["Service", "Year", "Statement", "Response"],
                    ["Alpha", "2024/25", "2.9", "YD"],
                    ["Alpha", "2024/25", "9.9", "YD"],  # not a statement: left out
                    ["Alpha", "2024/25", "2.1", "NP"],
                    ["Alpha", "2024/25", "2.2", "NAA"],
                ],
            }
        )
    )
    assert first.benchmark["statement"].astype(str).tolist() == ["2.9", "2.1", "2.2"]
    book = saved_book(first)
    assert [row[3].value for row in book["Benchmark"].iter_rows(min_row=2)] == [
        "2.9",
        "2.1 (not 2.10)",
        "2.2",
    ]
    again = reload(
        checklist_workbook.portfolio_workbook(first.tables, first.tables["checklist"], "x.xlsx")
    )
    assert errors(again).empty
    assert again.benchmark["statement"].astype(str).tolist() == ["2.9", "2.1", "2.2"]


def test_every_sheet_has_the_contract_headings():
    from dayserv import contract

    book = saved_book(reload(small_workbook()))
    assert book.sheetnames[0] == checklist_workbook.ABOUT_SHEET
    for table, sheet in contract.TABLES.items():
        headings = [c.value for c in book[sheet.name][1]]
        expected = [c.heading for c in sheet.columns]
        if table == "checklist":
            expected = ["ID", *expected]
        if table == "benchmark":  # wide, as it was read
            expected = expected[:3]
            headings = headings[:3]
        assert headings == expected


def test_the_checklist_sheet_has_the_contract_format_and_a_drop_down():
    table = cl.checklist_table(
        answers(("P1.1", "Yes", "=SUM(A1)"), ("Our own question?", "No", pd.NA))
    )
    data = checklist_workbook.portfolio_workbook({}, table, "eastshire.xlsx", produced=PRODUCED)
    book = openpyxl.load_workbook(io.BytesIO(data))

    assert book.sheetnames == [checklist_workbook.ABOUT_SHEET, "Checklist"]
    ws = book["Checklist"]
    assert [c.value for c in ws[1]] == ["ID", "Question", "Answer", "Notes", "Year"]
    assert [ws.cell(2, n).value for n in range(1, 5)] == [
        "P1.1",
        frameworks.KEY_QUESTIONS[0].text,
        "Yes",
        "=SUM(A1)",
    ]
    assert ws.max_row == 1 + len(frameworks.KEY_QUESTIONS) + 1
    assert ws.cell(ws.max_row, 1).value is None
    assert ws.cell(ws.max_row, 2).value == "Our own question?"
    (validation,) = [v for v in ws.data_validations.dataValidation if "C2" in str(v.sqref)]
    assert validation.formula1 == '"Yes,Partly,No,Not yet considered"'
    about = " ".join(str(c.value) for c in book[checklist_workbook.ABOUT_SHEET]["A"] if c.value)
    assert "eastshire.xlsx" in about and "01 July 2025" in about

    # The loader reads the exported sheet: add a Services sheet, as a portfolio needs one.
    services = book.create_sheet("Services")
    for row in (["Service", "Provider", "Year", "Sector"], ["A", "B", "2024/25", "NHS"]):
        services.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    loaded = reload(buffer.getvalue())
    assert errors(loaded).empty
    pd.testing.assert_frame_equal(cl.checklist_table(loaded.tables["checklist"]), table)


def test_the_about_sheet_is_never_read_as_data():
    first = reload(
        xlsx({"Services": [["Service", "Provider", "Year", "Sector"], ["A", "B", "2024", "NHS"]]})
    )
    data = checklist_workbook.portfolio_workbook(
        first.tables,
        cl.answers_to_save(first.tables["checklist"], {}, None),
        "Funding source targets.xlsx",
    )
    again = reload(data)
    about = again.problems[again.problems["sheet"] == checklist_workbook.ABOUT_SHEET]
    assert about["severity"].astype(str).tolist() == ["note"]
    assert again.tables["targets"].empty and again.tables["funding"].empty


def test_answered_bar():
    assert cl.answered_bar(
        {"Yes": 3, "Partly": 1, "No": 0, "Not yet considered": 0, "Not answered": 4}
    ) == (
        0.5,
        "4 of 8 questions answered",
    )
    empty = dict.fromkeys(cl.STATUSES, 0)
    assert cl.answered_bar(empty) == (0.0, "0 of 0 questions answered")


def test_headings_are_text_formatted():
    book = saved_book(reload(small_workbook()))
    for cell in book["Benchmark"][1]:
        assert cell.data_type == "s" and cell.number_format == "@"
