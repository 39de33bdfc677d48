"""The Access and opening hours page, on the sample and on a workbook without hours."""

from __future__ import annotations

import json

from tests.test_outcome_pages import open_page
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

PAGE = "pages/access.py"


def title(figure) -> str:
    return json.loads(figure.proto.spec)["layout"]["title"]["text"]


def test_access_page_on_the_sample_shows_the_heatmap_and_the_gaps():
    at = open_page(PAGE)
    assert at.title[0].value == "Access and opening hours"
    figures = at.get("plotly_chart")
    assert len(figures) == 3
    heatmap = title(figures[0])
    assert "hours of the 7-day" in heatmap and "Mon–Fri 9 to 5" in heatmap
    text = "\n".join(m.value for m in at.markdown)
    assert "Rural West: no service open Saturday–Sunday 8am–10pm" in text
    assert len(at.dataframe) >= 4
    downloads = [b for b in at.get("download_button") if b.label.startswith("Download")]
    assert len(downloads) >= 4


def test_access_page_counts_places_when_asked():
    at = open_page(PAGE)
    at.segmented_control(key="access_basis").set_value("Places").run()
    assert not at.exception
    assert "place-hours" in title(at.get("plotly_chart")[0])


def test_access_page_without_hours_says_what_would_switch_the_heatmap_on():
    header = [*SERVICES_HEADER, "Evenings", "Weekends", "Self-referral", "Drop-in"]
    rows = [
        service_row("A", "P1", "2024/25", "NHS") + ["Yes", "No", "Yes", "No"],
        service_row("B", "P2", "2024/25", "Voluntary") + ["No", "No", "Yes", "Yes"],
    ]
    at = open_page(PAGE, upload=xlsx({"Services": [header, *rows]}))
    info = "\n".join(i.value for i in at.info)
    assert "Add columns Mon, Tue, Wed, Thu, Fri, Sat and Sun" in info
    figures = at.get("plotly_chart")
    assert len(figures) == 2  # the Yes/No shares are still shown
    assert "50% evenings" in title(figures[0])
