"""The Years slider starts again at all the years when a portfolio with other years is
shown, rather than keeping the last one's range and hiding the new one's first years."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from dayserv.app.widgets import XLSX_MIME as XLSX

ROOT = Path(__file__).resolve().parents[1]
REGION = ROOT / "sample_data" / "sample_region.xlsx"


def test_a_new_portfolio_with_more_years_shows_them_all():
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.run()
    assert at.sidebar.select_slider(key="years").value == ("2022/23", "2025/26")
    at.sidebar.file_uploader[0].upload(REGION.name, REGION.read_bytes(), XLSX).run()
    slider = at.sidebar.select_slider(key="years")
    assert slider.value == (slider.options[0], slider.options[-1])
    assert slider.options[0] < "2022/23"
