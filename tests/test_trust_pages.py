"""What the pages say of what was left out, and a page that fails: as a user meets them."""

from __future__ import annotations

from dayserv.app import outcome_page
from dayserv.figures import compare_source
from dayserv.read.clean import load
from dayserv.read.reader import Source
from tests.test_pages import app
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

LEFT_OUT = "3 of 5 rows used: 2 left out, 2 values blanked"


def _untidy() -> bytes:
    """Five rows: one without a Year and one repeat (left out), two unknown groups (blanked)."""
    header = [*SERVICES_HEADER, "Groups served"]
    good = [service_row(f"S{i}", "P", "2024/25", "Voluntary") for i in range(3)]
    rows = [good[0] + ["Mental Health"], good[1] + ["Mental Health"], good[2] + [""]]
    rows += [service_row("S9", "P", None, "Voluntary") + [""], good[0] + [""]]
    return xlsx({"Services": [header, *rows]})


def _open(page: str):
    at = app().run()
    at.sidebar.file_uploader[0].upload("untidy.xlsx", _untidy())
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# Every page of figures; the filters do not narrow the last three (Present says it on a slide).
FILTERED = ["overview", "user_run", "buildings", "data", "providers", "funding", "vocational"]
FILTERED += ["support", "access", "diverse_groups", "benchmark", "good_practice", "performance"]
WHOLE = ["checklist", "plan", "present"]


def test_every_page_title_is_followed_by_what_was_left_out_and_a_link_to_data_quality():
    for page in FILTERED + WHOLE:
        at = _open(f"pages/{page}.py")
        captions = "\n".join(c.value for c in at.main.caption)
        assert LEFT_OUT in captions, page
        assert captions.startswith("Untidy · ") or page == "present", page  # the area's name
        if page in FILTERED:
            assert "Showing 3 of 3 service-years" in captions, page
        if page in ("user_run", "buildings", "providers"):  # tables behind the charts
            assert {table.proto.placeholder for table in at.main.dataframe} == {"Not stated"}
        if page != "present":
            links = at.get("page_link")
            assert any(link.proto.page.endswith("data_quality") for link in links), page


def test_compared_areas_say_what_their_files_left_out():
    untidy = load([Source("untidy.xlsx", _untidy())])
    row = service_row("S1", "P", "2024/25", "Voluntary")
    tidy = load([Source("tidy.xlsx", xlsx({"Services": [SERVICES_HEADER, row]}))])
    assert compare_source.left_out_words([("untidy.xlsx", untidy), ("tidy.xlsx", tidy)]) == (
        f"untidy.xlsx: {LEFT_OUT}"
    )
    assert compare_source.left_out_words([("tidy.xlsx", tidy)]) == (
        "Every row of every area's file used"
    )


def test_data_quality_groups_identical_problems_and_keeps_every_row():
    at = _open("pages/data_quality.py")
    assert LEFT_OUT in "\n".join(c.value for c in at.main.caption)
    grouped = at.dataframe[1].value  # after the table of what was read
    line = grouped[grouped["Column"] == "Groups served"].iloc[0]
    assert (line["How many"], line["Rows"], line["Value found"]) == (2, "2-3", "Mental Health")
    repeat = grouped[grouped["Problem"].str.startswith("This row repeats row 2")]
    assert len(repeat) == 1
    every = at.dataframe[-1].value
    assert len(every) == 4  # every problem, row by row
    labels = [b.label for b in at.get("download_button")]
    assert "Download these grouped problems (CSV)" in labels
    assert "Download the problems shown (CSV)" in labels


def test_a_page_that_fails_says_so_in_a_sentence(monkeypatch):
    at = app().run()

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    at.switch_page("pages/user_run.py")
    monkeypatch.setattr(outcome_page, "outcome_view", broken)
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("page could not be drawn for sample_portfolio.xlsx" in e for e in errors)
    assert "ZeroDivisionError" not in "".join(errors)
    assert len(at.sidebar.file_uploader) == 1  # the sidebar still works
