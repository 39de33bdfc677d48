"""In a real browser: an answer given on the checklist and not downloaded makes the browser
ask before the page is reloaded; once the workbook is downloaded, a reload goes ahead."""

from __future__ import annotations

import contextlib

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dayserv import frameworks
from tests.e2e.conftest import settled
from tests.e2e.test_checklist_e2e import (
    _first_grid,
    _type_into_first_row,
    _wait_for_first_row,
)

NOTICE = "1 answer changed here and not downloaded yet: download the workbook to keep it."


def test_a_reload_with_an_answer_not_downloaded_asks_first(server, page, shot, tmp_path):
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # "Stay on page"

    page.on("dialog", stay)
    first = frameworks.KEY_QUESTIONS[0]
    page.goto(server + "/checklist")
    grid = _first_grid(page)
    page.get_by_text("4 of 5 answered").first.wait_for()
    settled(page)

    _type_into_first_row(page, grid, 2, "Yes")
    _wait_for_first_row(grid, [first.id, first.text, "Yes", "", "2025/26"])
    page.get_by_text(NOTICE).wait_for()
    settled(page)
    page.get_by_text(NOTICE).scroll_into_view_if_needed()
    shot(page, "checklist_unsaved")

    # The dialog is dismissed, so the page stays and the reload times out.
    with contextlib.suppress(PlaywrightTimeout):
        page.reload(timeout=5_000)
    assert dialogs == ["beforeunload"]
    assert page.get_by_text(NOTICE).is_visible()

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the workbook with these answers").click()
    download.value.save_as(tmp_path / download.value.suggested_filename)
    page.get_by_text(NOTICE).wait_for(state="detached")
    settled(page)

    page.reload()
    page.get_by_text("4 of 5 answered").first.wait_for()  # a new session: the sheet's answers
    assert dialogs == ["beforeunload"]  # no second dialog
    outside = [url for url in asked if not url.removeprefix("blob:").startswith(server)]
    assert not outside, outside
