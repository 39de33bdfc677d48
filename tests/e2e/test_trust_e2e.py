"""In a real browser: an untidy upload says, under the page title, what it left out; the link
opens Data quality, where identical problems are grouped and every row can be downloaded."""

from __future__ import annotations

import csv
import io

from playwright.sync_api import expect

from tests.test_trust_pages import LEFT_OUT, _untidy


def test_what_was_left_out_is_said_and_leads_to_data_quality(server, page, shot, tmp_path):
    page.goto(server)
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(6)
    path = tmp_path / "untidy.xlsx"
    path.write_bytes(_untidy())
    page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(path))
    caption = page.locator('[data-testid="stCaptionContainer"]', has_text=LEFT_OUT).first
    expect(caption).to_contain_text("Showing 3 of 3 service-years")
    shot(page, "trust_overview_left_out")

    page.get_by_role("link", name="See what was left out, and why: Data quality").click()
    expect(page.get_by_role("heading", name="Data quality")).to_be_visible()
    expect(page.get_by_text("4 problems, 3 different ones")).to_be_visible()
    grouped = page.locator('[data-testid="stDataFrame"]').nth(1)
    expect(grouped).to_be_visible()
    shot(page, "trust_data_quality_grouped")

    page.get_by_text("Every problem, row by row").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the problems shown").click()
    text = download.value.path().read_bytes().decode("utf-8-sig")
    records = list(csv.DictReader(io.StringIO(text)))
    assert len(records) == 4
    found = {(r["Row"], r["Column"], r["Value found"]) for r in records}
    assert ("2", "Groups served", "Mental Health") in found
    assert any(r["Problem"].startswith("This row repeats row 2") for r in records)
