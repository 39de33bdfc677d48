"""The meeting pack's download buttons on the Overview page (AppTest).

The buttons' data are functions run when clicked; AppTest does not click downloads, so the
test records what each button registered (file name, type, function) and runs it."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from streamlit.testing.v1 import AppTest

from dayserv.app import widgets
from dayserv.figures.filters import Filter
from dayserv.read.clean import load
from dayserv.read.reader import sources_from_paths
from dayserv.share import deck_layout, pack
from dayserv.share.provenance import SAMPLE_AREA
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
SAMPLE = ROOT / "sample_data" / "sample_portfolio.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LABELS = ("Meeting pack (PowerPoint)", "Meeting pack (HTML report)")


def slide_titles(data: bytes) -> list[str]:
    presentation = Presentation(io.BytesIO(data))
    return [slide.shapes.title.text for slide in presentation.slides]


def test_the_overview_offers_the_pack_as_a_deck_and_a_report(downloads):
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    buttons = {button.label: button for button in at.get("download_button")}
    assert set(LABELS) <= set(buttons)
    assert all(buttons[label].proto.deferred_file_id for label in LABELS)  # built on click

    expected = pack.build(load(sources_from_paths([SAMPLE])), area=SAMPLE_AREA)
    deck_name, report_name = expected.file_name("pptx"), expected.file_name("html")
    assert downloads[deck_name].mimetype == widgets.PPTX_MIME
    titles = slide_titles(downloads[deck_name]())
    assert [t for t in titles if not t.endswith(deck_layout.CONTINUED)] == expected.titles
    assert downloads[report_name].mimetype == "text/html"
    page = downloads[report_name]().decode("utf-8")
    assert page.count('<section class="slide') == len(expected.slides)


def test_the_pack_follows_the_sidebars_filter(downloads):
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.sidebar.multiselect(key="locality").select("North").run()
    assert not at.exception
    expected = pack.build(load(sources_from_paths([SAMPLE])), Filter(localities=("North",)))
    name = expected.file_name("pptx")
    assert name.endswith("_locality-north.pptx")
    titles = slide_titles(downloads[name]())
    assert titles[1] == expected.titles[1]  # the glance slide counts North's services only


def test_the_pack_hides_small_counts_in_publication_mode(downloads):
    rows = [[*SERVICES_HEADER, "People supported"]]
    for year in ("2023/24", "2024/25"):
        rows.append([*service_row("Hope", "Mind", year, "Voluntary", locality="North"), 3])
        rows.append([*service_row("Link", "Council", year, "LA", locality="South"), 65])
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.sidebar.file_uploader[0].upload("small.xlsx", xlsx({"Services": rows}), XLSX)
    at.run()
    at.sidebar.toggle(key="publish").set_value(True).run()
    assert not at.exception
    (name,) = [
        n for n in downloads if n.startswith("dayserv_small_") and n.endswith("_public.html")
    ]
    page = downloads[name]().decode("utf-8")
    assert '<td class="number">&lt;5</td>' in page
    assert '<td class="number">3</td>' not in page
    assert "Publication mode: counts under 5 hidden" in page
