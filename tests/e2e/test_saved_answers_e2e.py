"""In a real browser: open a saved area's checklist from the address, answer a key question
(saved to the area as it is given), reload (a new session, and no leave warning: they are saved)
and find the answer there, with who saved it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dayserv import frameworks
from dayserv.store.areas import save_version
from dayserv.store.database import URL_VARIABLE, engine_for
from tests.e2e.conftest import ROOT, settled, start_server, stop_server
from tests.e2e.test_checklist_e2e import (
    _first_grid,
    _type_into_first_row,
    _wait_for_first_row,
)

SAMPLE = ROOT / "sample_data" / "sample_portfolio.xlsx"
AREA = "Eastbrook"
NOTICE = "1 answer changed here and not saved yet: save it to Eastbrook to keep it."  # refused


@pytest.fixture(scope="module")
def area_server(browser, tmp_path_factory):
    """A server and the store it uses, named to it outright (the tests' own store changes
    from test to test), with the sample saved in it as the area Eastbrook."""
    url = f"sqlite:///{tmp_path_factory.mktemp('saved-answers') / 'dayserv.db'}"
    save_version(engine_for(url), AREA, [(SAMPLE.name, SAMPLE.read_bytes())], "local user")
    process, address = start_server(env={URL_VARIABLE: url})
    yield address
    stop_server(process)


def test_answers_saved_to_an_area_are_there_after_a_reload(area_server, page, shot):
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    first = frameworks.KEY_QUESTIONS[0]
    page.goto(f"{area_server}/checklist?area={AREA}")
    grid = _first_grid(page)
    page.get_by_text("4 of 5 answered").first.wait_for()
    expect(page.get_by_text(f"Answers have not been saved to {AREA} yet")).to_be_visible()
    settled(page)

    _type_into_first_row(page, grid, 2, "Yes")
    _wait_for_first_row(grid, [first.id, first.text, "Yes", "", "2025/26"])
    expect(page.get_by_text(f"Answers saved to {AREA}.")).to_be_visible()  # as it is given
    saved_line = page.get_by_text(re.compile(r"Answers saved by local user on .* \(revision 1\)"))
    expect(saved_line).to_be_visible()
    expect(page.get_by_text(NOTICE)).to_have_count(0)
    settled(page)

    page.reload()  # a new session; saved answers are kept, so the browser does not ask
    grid = _first_grid(page)
    page.get_by_text("5 of 5 answered: 1 Yes").first.wait_for()
    _wait_for_first_row(grid, [first.id, first.text, "Yes", "", "2025/26"])
    expect(saved_line).to_be_visible()
    assert f"area={AREA}" in page.url
    assert dialogs == []
    assert page.locator('[data-testid="stException"]').count() == 0
    expect(page.get_by_text(NOTICE)).to_have_count(0)
    settled(page)
    page.locator("h1", has_text="Commissioners' checklist").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    shot(page, "checklist_saved")
