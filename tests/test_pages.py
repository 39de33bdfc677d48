"""The pages as a user meets them: AppTest runs app.py, uploads through the sidebar,
switches pages, and reads what is shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from dayserv import frameworks
from dayserv.app import sidebar
from dayserv.app.sidebar import SIDEBAR_SAMPLE_NOTICE
from dayserv.app.widgets import SAMPLE_NOTICE
from tests.test_filters import BLANK_LOCALITY
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

APP = Path(__file__).resolve().parent.parent / "app.py"
DATA_QUALITY = "pages/data_quality.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def two_years() -> bytes:
    """Three services over two years, funding-weighted, with hand-computed figures:

    user-run share 33% (1 of 3 services) in 2023/24, 67% (2 of 3) in 2024/25: +33.3 pts
    (counted; by funding 10k of 100k, then 40k of 100k);
    building-based share 100% then 70% (Gamma's 60k half outreach): −30.0 pts, on track.
    """
    return xlsx(
        {
            "Services": [
                SERVICES_HEADER,
                service_row("Alpha", "Peer Co", "2023/24", "User-led", "Yes", funding=10000),
                service_row("Beta", "Trust", "2023/24", "NHS", "No", funding=30000),
                service_row("Gamma", "Care Ltd", "2023/24", "Independent", "No", funding=60000),
                service_row("Alpha", "Peer Co", "2024/25", "User-led", "Yes", funding=20000),
                service_row("Beta", "Trust", "2024/25", "NHS", "Yes", funding=20000),
                service_row(
                    "Gamma",
                    "Care Ltd",
                    "2024/25",
                    "Independent",
                    "No",
                    funding=60000,
                    building=50,
                    outreach=50,
                ),
            ]
        }
    )


def with_bad_row() -> bytes:
    """Row 4 of the Services sheet names a sector the contract does not know (a warning:
    the value is blanked, the row kept) and row 6 repeats row 5 (an error: left out)."""
    return xlsx(
        {
            "Services": [
                SERVICES_HEADER,
                service_row("Alpha", "Peer Co", "2023/24", "User-led", "Yes"),
                service_row("Beta", "Trust", "2023/24", "NHS"),
                service_row("Gamma", "Care Ltd", "2023/24", "Martian"),
                service_row("Alpha", "Peer Co", "2024/25", "User-led", "Yes"),
                service_row("Alpha", "Peer Co", "2024/25", "User-led", "Yes"),
            ]
        }
    )


def app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Open a page's tab (``widgets.lazy_tabs``, keyed ``key``) as a click on it does: only
    the open tab is drawn."""
    at.session_state[key] = label
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def through_tabs(at: AppTest, key: str):
    """Each tab's label, with the page run with that tab open."""
    for label in [tab.label for tab in at.tabs]:
        yield label, open_tab(at, key, label)


def tile_metric(at: AppTest, name: str):
    return next(metric for metric in at.metric if metric.label == name)


def markdown_text(at: AppTest) -> str:
    return "\n".join(element.value for element in at.markdown)


def sidebar_intact(at: AppTest) -> bool:
    return len(at.sidebar.file_uploader) == 1 and len(at.sidebar.get("download_button")) == 1


def test_opens_on_the_sample_with_six_outcome_tiles():
    at = app().run()

    assert not at.exception
    assert SIDEBAR_SAMPLE_NOTICE in [caption.value for caption in at.sidebar.caption]
    assert SAMPLE_NOTICE in [info.value for info in at.main.info]
    assert len(at.metric) == 6
    shown = markdown_text(at)
    for outcome in frameworks.OUTCOMES:
        assert f"**Outcome {outcome.number}**" in shown
        assert f"\n{outcome.text}" in shown
    assert "5 of the 6 outcomes moved in the right direction" in shown  # the summary paragraph
    # Each status as a symbol and words, never an icon's name a screen reader reads out.
    assert "-badge[✓ Right direction]" in shown and "-badge[✗ Wrong direction]" in shown
    assert ":material/check_circle:" not in shown and ":material/cancel:" not in shown
    # Each tile opens its outcome's page.
    links = {link.proto.label: link.proto.page for link in at.get("page_link")}
    assert [links[f"Open outcome {n}: its charts and figures"] for n in range(1, 7)] == [
        "providers",
        "user_run",
        "funding",
        "vocational",
        "buildings",
        "support",
    ]
    # The sample's user-run share, as the command line gives it (0.153 in 2025/26).
    assert tile_metric(at, "User-run share of services").value == "25%"  # 10 of 40 services


def test_an_uploaded_workbook_replaces_the_sample():
    at = app().run()
    at.sidebar.file_uploader[0].upload("Westford.xlsx", two_years(), XLSX)
    at.run()

    assert not at.exception
    assert SAMPLE_NOTICE not in [info.value for info in at.info]
    user_run = tile_metric(at, "User-run share of services")
    assert (user_run.value, user_run.delta) == ("67%", "+33.3 pts")
    building = tile_metric(at, "Building-based share of activity")
    assert (building.value, building.delta) == ("70%", "\N{MINUS SIGN}30.0 pts")
    # A fall in building-based share is the desired way: green, pointing down.
    assert building.proto.color == building.proto.MetricColor.GREEN
    assert building.proto.direction == building.proto.MetricDirection.DOWN
    shown = markdown_text(at)
    assert "In 2024/25, Westford has 3 day services from 3 providers" in shown  # its summary
    assert "Westford.xlsx" in "\n".join(caption.value for caption in at.caption)


def test_several_csv_files_load_as_one_portfolio():
    services = "\n".join(
        ",".join(str(cell) for cell in row)
        for row in [
            SERVICES_HEADER,
            service_row("Alpha", "Peer Co", "2023/24", "User-led", "Yes"),
            service_row("Beta", "Trust", "2023/24", "NHS"),
            service_row("Alpha", "Peer Co", "2024/25", "User-led", "Yes"),
            service_row("Beta", "Trust", "2024/25", "NHS", "Yes"),
        ]
    ).encode()
    funding = b"Service,Year,Source,Amount\nAlpha,2024/25,Lottery,5000\nAlpha,2024/25,Core,5000\n"
    at = app().run()
    at.sidebar.file_uploader[0].set_value(
        [("services.csv", services, "text/csv"), ("funding.csv", funding, "text/csv")]
    )
    at.run()

    assert not at.exception
    assert tile_metric(at, "User-run share of services").value == "100%"
    assert tile_metric(at, "Funding from non-core sources").value == "50%"


def test_an_unreadable_upload_says_so_plainly_and_keeps_the_sample():
    at = app().run()
    at.sidebar.file_uploader[0].upload("x.xlsx", bytes(range(256)) * 8, XLSX)
    at.run()

    assert not at.exception
    errors = [error.value for error in at.error]
    assert errors and all(error.startswith("x.xlsx could not be opened") for error in errors)
    assert "Traceback" not in "".join(errors)
    assert SAMPLE_NOTICE in [info.value for info in at.main.info]
    assert len(at.metric) == 6


def test_data_quality_lists_a_bad_row_by_its_row_number():
    at = app().run()
    at.sidebar.file_uploader[0].upload("bad.xlsx", with_bad_row(), XLSX)
    at.run()
    at.switch_page(DATA_QUALITY).run()

    assert not at.exception
    counts = {metric.label: metric.value for metric in at.metric}
    assert (counts["Errors"], counts["Warnings"]) == ("1", "1")
    problems = at.dataframe[-1].value
    bad = problems[problems["Row"] == 4]
    assert list(bad["Sheet"]) == ["Services"]
    assert list(bad["Column"]) == ["Sector"]
    assert list(bad["Value found"]) == ["Martian"]
    labels = [button.label for button in at.get("download_button")]
    assert "Download the problems shown (CSV)" in labels


def test_data_quality_says_plainly_when_there_are_no_problems():
    at = app().run()
    at.switch_page(DATA_QUALITY).run()

    assert not at.exception
    assert any("No problems" in success.value for success in at.success)
    assert "Services" in list(at.dataframe[0].value["Sheet of the format"])


def test_the_sidebar_survives_reruns_and_page_switches():
    at = app().run()
    at.run()
    assert sidebar_intact(at)
    assert SIDEBAR_SAMPLE_NOTICE in [caption.value for caption in at.sidebar.caption]
    at.switch_page(DATA_QUALITY).run()
    assert sidebar_intact(at)
    at.run()
    assert sidebar_intact(at)
    assert SIDEBAR_SAMPLE_NOTICE in [caption.value for caption in at.sidebar.caption]


def test_an_upload_stays_loaded_across_pages():
    at = app().run()
    at.sidebar.file_uploader[0].upload("Westford.xlsx", two_years(), XLSX)
    at.run()
    at.switch_page(DATA_QUALITY).run()
    assert "Westford.xlsx" in "\n".join(caption.value for caption in at.caption)
    at.switch_page("pages/overview.py").run()
    assert tile_metric(at, "User-run share of services").value == "67%"


@pytest.fixture
def pages_directory_flag_on(monkeypatch):
    """As in the real server's first session: Streamlit has taken pages/ for old discovery."""
    init = PagesManager.__init__

    def first_session_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = True

    monkeypatch.setattr(PagesManager, "__init__", first_session_init)


@pytest.mark.usefixtures("pages_directory_flag_on")
def test_app_switches_off_the_pages_directory_and_keeps_its_sidebar():
    at = app().run()
    assert not at.exception
    assert sidebar_intact(at)
    assert len(at.metric) == 6
    at.run()
    assert sidebar_intact(at)
    at.switch_page(DATA_QUALITY).run()
    assert not at.exception
    assert sidebar_intact(at)


def test_the_sidebar_offers_the_template_workbook():
    pytest.importorskip("dayserv.share.template")
    at = app().run()
    (button,) = at.sidebar.get("download_button")
    assert button.label == "Download the blank template"
    assert not button.proto.disabled
    assert sidebar.template_bytes()[:4] == b"PK\x03\x04"  # an .xlsx is a zip file


def test_the_locality_filter_can_choose_the_services_without_one():
    at = app().run()
    at.sidebar.file_uploader[0].upload("blank.xlsx", xlsx({"Services": BLANK_LOCALITY}), XLSX)
    at.run()
    locality = next(w for w in at.sidebar.multiselect if w.label == "Locality")
    assert locality.options == ["North", "South", "Not stated"]
    locality.select("Not stated").run()
    assert not at.exception
    captions = [caption.value for caption in at.sidebar.caption]
    assert "Showing 1 of 3 service-years (locality Not stated)" in captions
