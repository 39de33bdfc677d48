"""In a real browser: answer a key question in the checklist's data editor, download the
workbook with the answers, upload that file in the sidebar, and find the answer kept."""

from __future__ import annotations

import time

from dayserv import frameworks
from tests.e2e.conftest import settled

NOTE = "=SUM(A1) checked in May"  # looks like a formula: must come back as text


def _first_grid(page):
    """The editor of principle 1, scrolled into view; its rows are 72 px under a 36 px header."""
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for()
    grid.scroll_into_view_if_needed()
    return grid


def _first_row(grid) -> list[str]:
    """The first row's cells as the grid's accessible table holds them: ID, Question, Answer,
    Notes, Year."""
    return grid.locator("td").all_inner_texts()[:5]


def _wait_for_first_row(grid, expected: list[str], timeout: float = 30) -> None:
    """Wait until the first row begins ``expected`` (an answer given reruns the app twice:
    once to take it, once to show its year; a grid just drawn fills its cells a moment
    after it appears)."""
    deadline = time.monotonic() + timeout
    while _first_row(grid)[: len(expected)] != expected:
        assert time.monotonic() < deadline, _first_row(grid)
        time.sleep(0.2)
    grid.page.wait_for_timeout(500)


def _type_into_first_row(page, grid, column: int, text: str, text_box: bool = False) -> None:
    """Select the first row's ID cell, move right to ``column`` and type into it
    (``text_box``: a cell edited as text, whose box must hold the words before Enter).

    The grid is a canvas (glide-data-grid): the keyboard is steadier than pixel positions.
    """
    grid.click(position={"x": 20, "y": 72})
    page.wait_for_timeout(200)
    for _ in range(column):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(100)
    page.keyboard.press("Enter")  # opens the cell's editor: a drop-down or a text box
    editor = page.locator("#portal").locator("textarea, input").first
    editor.wait_for()
    page.wait_for_timeout(200)
    page.keyboard.type(text, delay=20)
    # On a busy machine the editor can open as a rerun redraws the grid and lose the keys:
    # only what the editor holds is entered.
    deadline = time.monotonic() + 10
    while text_box and text not in editor.input_value():
        assert time.monotonic() < deadline, editor.input_value()
        page.wait_for_timeout(200)
    page.keyboard.press("Enter")
    settled(page)


def test_an_answer_survives_download_and_upload(server, page, shot, tmp_path):
    first = frameworks.KEY_QUESTIONS[0]
    page.goto(server + "/checklist")
    page.get_by_text("Commissioners' checklist").first.wait_for()
    grid = _first_grid(page)
    page.get_by_text("4 of 5 answered").first.wait_for()
    settled(page)
    _wait_for_first_row(grid, [first.id, first.text, ""])

    _type_into_first_row(page, grid, 2, "Yes")
    page.get_by_text("5 of 5 answered: 1 Yes").first.wait_for()
    _wait_for_first_row(grid, [first.id, first.text, "Yes", "", "2025/26"])
    settled(page)  # the answer reruns the app twice: type the note once both are done
    _type_into_first_row(page, grid, 3, NOTE, text_box=True)
    _wait_for_first_row(grid, [first.id, first.text, "Yes", NOTE, "2025/26"])
    settled(page)
    assert "24" in page.locator('[data-testid="stMetric"]', has_text="Yes").first.inner_text()
    shot(page, "checklist_edited")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the workbook with these answers").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "sample_portfolio-checklist.xlsx"

    page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(saved))
    page.get_by_text(f"Source: {saved.name}").first.wait_for()
    settled(page)
    # Away and back through the sidebar, as a user would (a fresh URL would start afresh).
    page.get_by_role("link", name="Overview").click()
    page.get_by_text("Anticipated outcomes").first.wait_for()
    settled(page)
    page.get_by_role("link", name="Commissioners' checklist").click()
    page.get_by_text(f"Source: {saved.name}").first.wait_for()
    grid = _first_grid(page)
    page.get_by_text("5 of 5 answered: 1 Yes").first.wait_for()
    _wait_for_first_row(grid, [first.id, first.text, "Yes", NOTE, "2025/26"])
    assert page.get_by_text("sample portfolio of a fictional area").count() == 0
    assert "24" in page.locator('[data-testid="stMetric"]', has_text="Yes").first.inner_text()
    shot(page, "checklist_reuploaded")
    page.locator("h1", has_text="Commissioners' checklist").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    shot(page, "checklist_top")
