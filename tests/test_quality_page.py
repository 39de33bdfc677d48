"""The Data quality page counts a Plan sheet's left-out rows as it counts the other sheets'."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.test_quality import _with_plan
from tests.workbooks import xlsx

APP = Path(__file__).resolve().parent.parent / "app.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_data_quality_counts_the_plans_rows_left_out():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.sidebar.file_uploader[0].upload("planned.xlsx", xlsx(_with_plan()), XLSX)
    at.run()
    at.switch_page("pages/data_quality.py").run()

    assert not at.exception
    caption = "\n".join(caption.value for caption in at.caption)
    assert "The one row used: 3 Plan rows left out" in caption
    assert {metric.label: metric.value for metric in at.metric}["Errors"] == "3"
    read = at.dataframe[0].value.set_index("Sheet of the format")
    assert read.loc["Plan", "Read from"] == "Plan"
    assert (read.loc["Plan", "Rows in the sheet"], read.loc["Plan", "Rows used"]) == (4, 1)
    grouped = at.dataframe[1].value
    assert set(grouped["Sheet"]) == {"Plan"} and grouped["How many"].sum() == 3
