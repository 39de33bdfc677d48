"""Downloads built on click that cannot be built say why: on the page (AppTest), in one
sentence, with the traceback in the log; and on the command line, one sentence and exit 1.

AppTest does not click downloads: the ``downloads`` fixture records each button's build,
and a test runs it as a click in the browser would, then runs the page again as the
download watcher makes the browser do."""

from __future__ import annotations

import io
import logging
import threading
import time
from pathlib import Path

import openpyxl
import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from dayserv.__main__ import main
from dayserv.app import downloads as deferred
from dayserv.app.downloads import BuildFailed, Builds, Download
from dayserv.share import collect_files, deck, deck_layout, export, tables
from dayserv.show import safe_text
from tests import test_collect_page as collect_page
from tests.test_data_page import PAGE as DATA_PAGE
from tests.test_hostile_pages import leaks
from tests.test_outcome_pages import open_page
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
SAMPLE = ROOT / "sample_data" / "sample_portfolio.xlsx"
FAULT = (
    "The meeting pack (PowerPoint) could not be made because of a fault in dayserv, not in "
    "your data; the details have been logged."
)


def broken(*args, **kwargs):
    raise ValueError("exceeded 255 char limit for property")


def errors(at: AppTest) -> list[str]:
    return [error.value for error in at.error]


def test_a_pack_that_cannot_be_built_says_why_on_the_page(downloads, monkeypatch, caplog):
    monkeypatch.setattr(deck, "deck_bytes", broken)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert errors(at) == []
    assert at.get("bidi_component")  # the watcher that reruns the page on a failed build
    (name,) = [n for n in downloads if n.endswith(".pptx")]

    with (
        caplog.at_level(logging.ERROR, logger="dayserv.app.downloads"),
        pytest.raises(BuildFailed, match="could not be made"),
    ):
        downloads[name]()  # the click: the build fails on Streamlit's thread
    (record,) = [r for r in caplog.records if r.name == "dayserv.app.downloads"]
    assert record.exc_info and "255 char limit" in caplog.text  # the traceback, in the log
    at.run()  # the rerun the watcher asks for

    assert errors(at) == [FAULT]
    buttons = {b.label: b for b in at.get("download_button")}
    assert buttons["Meeting pack (PowerPoint)"].proto.ignore_rerun  # a click still does not
    at.run()
    assert errors(at) == [FAULT]  # it stays until the pack is tried again

    monkeypatch.undo()
    slides = Presentation(io.BytesIO(downloads[name]()))
    assert len(slides.slides) > 5
    at.run()
    assert errors(at) == []


def test_an_export_that_cannot_be_made_gives_its_reason(downloads, monkeypatch):
    def too_big(*args, **kwargs):
        raise export.CannotExport("3,000,000 rows are more than an Excel sheet holds.")

    at = open_page(DATA_PAGE)
    monkeypatch.setattr(tables, "export_now", too_big)
    at.run()  # the buttons now build with the broken function
    buttons = {b.label: b for b in at.get("download_button")}
    with pytest.raises(BuildFailed):
        downloads.of(buttons["Download Excel"])()
    at.run()

    assert errors(at) == [
        "The Services table (Excel) could not be made: 3,000,000 rows are more than an Excel "
        "sheet holds."
    ]
    assert all(buttons[label].proto.ignore_rerun for label in ("Download CSV", "Download Excel"))


def test_a_table_behind_a_chart_downloads_as_typed(downloads):
    rows = [[*SERVICES_HEADER, "People supported"]]
    for year in ("2023/24", "2024/25"):
        rows.append([*service_row("@Service", "-2+3", year, "NHS"), 12])
        rows.append([*service_row("Hope", "Mind", year, "Voluntary", "Yes"), 30])
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.sidebar.file_uploader[0].upload("typed.xlsx", xlsx({"Services": rows}))
    at.run()
    at.switch_page("pages/providers.py").run()
    assert not at.exception

    books = [n for n in downloads if n.startswith("dayserv_typed_") and n.endswith(".xlsx")]
    assert books
    found = []
    for name in books:
        book = openpyxl.load_workbook(io.BytesIO(downloads[name]()))
        for row in book.worksheets[0].iter_rows():
            for cell in row:
                if cell.value in ("-2+3", "@Service"):
                    assert cell.data_type == "s" and cell.quotePrefix, (name, cell.coordinate)
                    found.append(cell.value)
                assert not (isinstance(cell.value, str) and cell.value.startswith("'-2"))
    assert "-2+3" in found


def test_a_click_waits_for_its_build_and_no_longer():
    tracker = Builds()
    done = Download("x", lambda: b"x", "x.txt", "text/plain", key="x", what="The file")

    def click_later():
        time.sleep(0.2)
        tracker.run(done)

    worker = threading.Thread(target=click_later)
    worker.start()
    started = time.monotonic()
    tracker.wait_for_click(timeout=10)
    assert 0.1 < time.monotonic() - started < 5  # returned once the build had finished
    worker.join()

    started = time.monotonic()
    tracker.wait_for_click(timeout=0.2)  # a click whose build never comes
    assert time.monotonic() - started < 2
    started = time.monotonic()
    threading.Timer(0.2, tracker.run, args=(done,)).start()
    tracker.wait_for_click(timeout=10)  # level again: it waits for its own build
    assert time.monotonic() - started > 0.1


def test_a_build_that_works_clears_the_last_failure():
    tracker = Builds()
    calls = iter([ValueError("boom"), b"ok"])

    def flaky():
        result = next(calls)
        if isinstance(result, Exception):
            raise result
        return result

    build = Download("x", flaky, "x.pptx", "application/x", key="x", what="The deck")
    with pytest.raises(BuildFailed):
        tracker.run(build)
    assert tracker.failure.startswith("The deck could not be made because of a fault")
    assert tracker.run(build) == b"ok"
    assert tracker.failure is None


def test_the_watcher_script_is_inline_and_looks_for_the_buttons_error():
    assert "stDownloadButtonError" in deferred._WATCH_JS
    assert "http" not in deferred._WATCH_JS  # no outside request


def a_download_whose_file_is_gone():
    """A page of one download whose build names the workbook it needs, which is gone."""
    from dayserv.app.downloads import Download, download_buttons
    from dayserv.share import export

    def gone():
        raise export.CannotExport(
            "**evil**.xlsx is no longer loaded, nor ![t](http://example.invalid/t.png)"
        )

    answers = Download("Download", gone, "answers.xlsx", "text/plain", key="a", what="The file")
    download_buttons([answers], key="answers")


def test_a_failure_naming_a_hostile_file_is_shown_as_text(downloads):
    at = AppTest.from_function(a_download_whose_file_is_gone).run()
    with pytest.raises(BuildFailed):
        downloads["answers.xlsx"]()
    at.run()

    (shown,) = errors(at)
    assert shown == safe_text.markdown(
        "The file could not be made: **evil**.xlsx is no longer loaded, nor "
        "![t](http://example.invalid/t.png)."
    )
    assert "\\*\\*evil\\*\\*.xlsx" in shown and "\\!\\[t\\](http\\:" in shown
    assert not leaks([shown])


def test_a_links_csv_that_cannot_be_built_says_why(downloads, monkeypatch):
    collect_page.save_area()
    at = collect_page.performance()  # the owner's form asks for 2026/27 Q1 to begin with
    at.multiselect(key="collect_providers").set_value([collect_page.MIND])
    collect_page.ok(collect_page.button(at, collect_page.OPEN).click().run())
    monkeypatch.setattr(collect_files, "links_csv", broken)
    collect_page.ok(at.run())  # the links again, their CSV now built by the broken function

    with pytest.raises(BuildFailed):
        downloads["return-links-2026-27-Q1.csv"]()
    collect_page.ok(at.run())
    assert errors(at) == [
        safe_text.markdown(
            "The CSV file of the links of 2026/27 Q1 could not be made because of a fault in "
            "dayserv, not in your data; the details have been logged."
        )
    ]


def test_a_kpis_sheet_that_cannot_be_built_says_why(downloads, monkeypatch):
    collect_page.save_area()
    token = collect_page.round_links()[collect_page.MIND]
    monkeypatch.setattr(collect_files, "provider_sheet", broken)
    at = collect_page.provider_page(token)

    with pytest.raises(BuildFailed):
        downloads["kpis-eastbrook-mind-2025-26-Q4.xlsx"]()
    collect_page.ok(at.run())
    assert errors(at) == [
        "Your KPIs sheet could not be made because of a fault in dayserv, not in your data; "
        "the details have been logged."
    ]


# ---------------------------------------------------------------- the command line


def test_pack_with_six_long_provider_names_writes_the_deck(tmp_path, capsys):
    from dayserv.read.clean import load
    from dayserv.read.reader import sources_from_paths

    services = load(sources_from_paths([SAMPLE])).tables["services"]
    providers = sorted(services["provider"].dropna().unique(), key=len)[-6:]
    out = tmp_path / "pack.pptx"
    argv = ["pack", str(SAMPLE), "-o", str(out)]
    for provider in providers:
        argv += ["--provider", provider]

    assert main(argv) == 0
    comment = Presentation(io.BytesIO(out.read_bytes())).core_properties.comments
    assert len(comment) <= deck_layout.PROPERTY_LIMIT
    assert "Wrote the meeting pack" in capsys.readouterr().err


def test_pack_that_cannot_be_made_prints_one_sentence_and_exits_1(tmp_path, monkeypatch, capsys):
    def refuse(built):
        raise export.CannotExport("its charts need figures this portfolio does not have.")

    monkeypatch.setattr(deck, "deck_bytes", refuse)
    out = tmp_path / "pack.pptx"
    assert main(["pack", str(SAMPLE), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.err == (
        "The meeting pack as a PowerPoint deck could not be made: its charts need figures "
        "this portfolio does not have.\n"
    )
    assert not out.exists()


def test_export_that_cannot_be_made_prints_one_sentence_and_exits_1(tmp_path, monkeypatch, capsys):
    def refuse(*args, **kwargs):
        raise export.CannotExport("The table is too wide.")

    monkeypatch.setattr(tables, "export_bytes", refuse)
    out = tmp_path / "services.xlsx"
    assert main(["export", str(SAMPLE), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.err == "The Services table (Excel) could not be made: the table is too wide.\n"
    assert "Traceback" not in captured.err and not out.exists()


def test_pack_that_breaks_prints_one_sentence_and_logs_the_traceback(tmp_path, monkeypatch, capsys):
    log = tmp_path / "errors.log"
    monkeypatch.setenv("DAYSERV_LOG", str(log))
    monkeypatch.setattr(deck, "deck_bytes", broken)
    assert main(["pack", str(SAMPLE), "-o", str(tmp_path / "pack.pptx")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "255" not in err
    assert "Traceback" in log.read_text() and "255 char limit" in log.read_text()
