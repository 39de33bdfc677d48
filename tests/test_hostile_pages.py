"""Hostile names as a user's upload brings them: a Locality that is a markdown image, a
Provider in bold, HTML, maths and colour, a Service that is an HTML link, a file named in
bold. Every page shows them as text: escaped wherever Streamlit reads markdown, as entities
wherever plotly reads its little HTML."""

from __future__ import annotations

import functools
import json
import re
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dayserv import eastbrook, synthetic
from dayserv.show import safe_text
from dayserv.store import areas, rounds
from dayserv.store.database import store
from tests.test_pages import XLSX, app, open_tab

LOCALITY = "![t](http://127.0.0.1:9/track.png)"
PROVIDER = "**bold** <b>x</b> $x^2$ :red[red]"
SERVICE = '<a href="http://example.invalid">link</a>'
FILE_NAME = "**evil**.xlsx"
AREA = "**Area** [x](http://example.invalid/a.png) :red[y]"  # a saved area's name
HOSTILE = (LOCALITY, PROVIDER, SERVICE, FILE_NAME, AREA)
# The sample's names the hostile ones take the place of, in every sheet that has the column.
RENAMED = {
    "Locality": {"Rural West": LOCALITY},
    "Provider": {"Eastbrook Mind": PROVIDER},
    "Service": {"Eastbrook Hearing Voices Group": SERVICE},
}
# Pieces of markup that must never reach markdown as they stand, and those plotly reads.
MARKUP = ("![t]", "](http", "**bold**", "**evil**", "<b>", "<a href", "$x^2$", ":red[")
PLOTLY_MARKUP = ("<b>", "</b>", "<a href", "</a>", "$x^2$")
PAGES = (
    "pages/overview.py",
    "pages/present.py",
    "pages/compare.py",
    "pages/plan.py",
    "pages/providers.py",
    "pages/user_run.py",
    "pages/funding.py",
    "pages/vocational.py",
    "pages/buildings.py",
    "pages/support.py",
    "pages/benchmark.py",
    "pages/good_practice.py",
    "pages/checklist.py",
    "pages/access.py",
    "pages/diverse_groups.py",
    "pages/performance.py",
    "pages/data.py",
    "pages/data_quality.py",
    "pages/areas.py",
    "pages/submit.py",
)


@functools.cache
def hostile_workbook() -> bytes:
    """The sample portfolio with a locality, a provider and a service renamed hostile."""
    sheets = eastbrook.sample_portfolio()
    for frame in sheets.values():
        for column, names in RENAMED.items():
            if column in frame:
                frame[column] = frame[column].replace(names)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hostile.xlsx"
        synthetic.write_workbook(sheets, path)
        return path.read_bytes()


def open_page(page: str, locality: str | None = None) -> AppTest:
    """``page`` after uploading the hostile workbook as **evil**.xlsx, with ``locality``
    chosen in the sidebar's filter if given."""
    at = app().run()
    at.sidebar.file_uploader[0].upload(FILE_NAME, hostile_workbook(), XLSX)
    at.run()
    if locality is not None:
        at.sidebar.multiselect(key="locality").select(locality).run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def save_area() -> None:
    """The hostile workbook, as **evil**.xlsx, saved as the area AREA with a hostile note."""
    areas.save_version(store(), AREA, [(FILE_NAME, hostile_workbook())], "local user", LOCALITY)


def open_area_page() -> AppTest:
    """The Saved areas page with the area AREA open: its history, files and members."""
    save_area()
    at = app()
    at.query_params["area"] = AREA
    at.run()
    at.switch_page("pages/areas.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_submit_page() -> AppTest:
    """The page a round link of AREA's opens for the provider PROVIDER."""
    save_area()
    _, (link,) = rounds.open_round(
        store(),
        AREA,
        "returns",
        "2025/26",
        "Q4",
        [(PROVIDER, None, None)],
        "local user",
        date.today() + timedelta(days=10),
    )
    at = app()
    at.query_params[rounds.PARAMETER] = rounds.token_from(link.path)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def opened(page: str) -> AppTest:
    """``page`` showing the hostile names: after the upload, or, for the pages of a saved
    area and of a round link, with the area saved."""
    if page == "pages/areas.py":
        return open_area_page()
    if page == "pages/submit.py":
        return open_submit_page()
    return open_page(page)


def markdown_shown(at: AppTest) -> list[str]:
    """Every string the page gives Streamlit to render as markdown: text, captions, titles,
    alerts, the labels of metrics, expanders, tabs and status boxes, table cells."""
    texts = [
        element.value
        for kind in ("markdown", "caption", "title", "header", "subheader")
        for element in getattr(at, kind)
    ]
    texts += [
        alert.value
        for kind in ("error", "info", "warning", "success")
        for alert in getattr(at, kind)
    ]
    texts += [
        element.label
        for kind in ("metric", "expander", "status", "tabs")
        for element in getattr(at, kind)
    ]
    for table in at.table:
        texts += [str(cell) for cell in table.value.to_numpy().ravel()]
    return texts


def chart_labels(at: AppTest) -> list[str]:
    """Every string the page's charts give plotly to draw: titles, ticks, legends, hover
    text, annotations. (customdata, which a click hands back to the page, is not drawn.)"""
    labels: list[str] = []

    def walk(node, key: str | None = None) -> None:
        if key == "customdata":
            return
        if isinstance(node, dict):
            for name, value in node.items():
                walk(value, name)
        elif isinstance(node, list):
            for value in node:
                walk(value, key)
        elif isinstance(node, str):
            labels.append(node)

    for chart in at.get("plotly_chart"):
        walk(json.loads(chart.proto.spec))
    return labels


def leaks(texts: list[str]) -> list[str]:
    """The markdown texts that carry a hostile name, or a piece of its markup, as it stands
    (a backslashed character is no part of any markup)."""
    unescaped = [re.sub(r"\\.", "\0", text) for text in texts]
    return [
        text
        for text, bare in zip(texts, unescaped, strict=True)
        if any(piece in bare for piece in (*HOSTILE, *MARKUP))
    ]


def chart_leaks(labels: list[str]) -> list[str]:
    """The chart labels that carry HTML or maths from a name as it stands (``**`` and
    ``:red[`` mean nothing to plotly: they are the names' own characters there)."""
    return [label for label in labels if any(piece in label for piece in PLOTLY_MARKUP)]


@pytest.fixture(scope="module", autouse=True)
def _built_once():
    hostile_workbook()


@pytest.mark.parametrize("page", PAGES)
def test_no_page_renders_a_hostile_name_as_markup(page):
    at = opened(page)
    assert not leaks(markdown_shown(at)), page
    assert not chart_leaks(chart_labels(at)), page


def upload_lines(at) -> list[str]:
    """The sidebar's line about the upload: a status while it is read, then an expander."""
    return [box.label for box in [*at.sidebar.status, *at.sidebar.expander]]


def test_the_file_name_is_escaped_in_the_upload_status_and_the_filter_caption():
    at = open_page("pages/overview.py")
    evil = safe_text.markdown(FILE_NAME)
    assert evil == "\\*\\*evil\\*\\*.xlsx"
    assert upload_lines(at) == [f"Showing {evil}"]
    assert any(caption.value.endswith(f"Source: {evil}") for caption in at.main.caption)


def test_an_unreadable_file_is_named_in_its_error_as_text():
    at = app().run()
    at.sidebar.file_uploader[0].upload(FILE_NAME, bytes(range(256)) * 8, XLSX)
    at.run()
    errors = [error.value for error in at.error]
    assert errors and all(
        error.startswith("\\*\\*evil\\*\\*.xlsx could not be") for error in errors
    )
    assert not leaks(errors)
    assert upload_lines(at) == ["Could not read \\*\\*evil\\*\\*.xlsx"]
    at.run()  # a rerun: the same line, no longer a status being read
    assert not at.sidebar.status
    assert upload_lines(at) == ["Could not read \\*\\*evil\\*\\*.xlsx"]


def test_the_access_pages_gap_sentences_name_the_locality_as_text():
    at = open_page("pages/access.py")
    gaps = [m.value for m in at.markdown if "no service open" in m.value]
    assert gaps and f"- {safe_text.markdown(LOCALITY)}: no service open" in gaps[0]
    assert "\\!\\[t\\](http\\:" in gaps[0]  # no image to fetch, no link


def test_a_chosen_locality_is_text_in_the_filter_captions():
    at = open_page("pages/access.py", locality=LOCALITY)
    escaped = safe_text.markdown(LOCALITY)
    assert any(f"(locality {escaped})" in c.value for c in at.sidebar.caption)
    assert any(f"(locality {escaped})" in c.value for c in at.main.caption)
    assert not leaks(markdown_shown(at))


def test_the_slides_show_the_file_and_the_locality_as_text():
    at = open_page("pages/present.py", locality=LOCALITY)
    (title,) = at.title  # the area, named by the file it came from: as text
    assert title.value.startswith(f"{safe_text.markdown(FILE_NAME.removesuffix('.xlsx'))}: ")
    assert any(c.value.startswith(f"Source: {safe_text.markdown(FILE_NAME)} ·") for c in at.caption)
    facts = at.table[0].value
    facts = dict(zip(facts.iloc[:, 0], facts.iloc[:, 1], strict=True))
    assert facts["Filters"] == f"locality {safe_text.markdown(LOCALITY)}"
    at.button(key="slide_next").click().run()  # the six outcomes
    at.button(key="slide_next").click().run()  # the portfolio at a glance, by locality
    assert safe_text.markdown(LOCALITY) in at.table[0].value["Locality"].to_list()
    assert not leaks(markdown_shown(at))


def test_provider_and_service_names_reach_the_charts_as_entities():
    providers = chart_labels(open_page("pages/providers.py"))
    assert safe_text.plotly(PROVIDER) in providers  # the largest providers' bars
    assert "**bold** &lt;b&gt;x&lt;/b&gt; &#36;x^2&#36; :red[red]" in providers
    kpis = chart_labels(open_page("pages/performance.py"))
    assert safe_text.plotly(PROVIDER) in kpis
    services = chart_labels(open_page("pages/vocational.py"))
    # Each service's mix: its long name cut on the axis, whole in the hover, both as text.
    assert safe_text.plotly(SERVICE[:27]) + "…" in services
    assert any(label.startswith(safe_text.plotly(SERVICE) + " · ") for label in services)
    assert not chart_leaks(providers + kpis + services)


def test_a_service_picked_for_its_peers_is_text_in_the_legend():
    at = open_tab(open_page("pages/benchmark.py"), "benchmark_tab", "Peers and change")
    at.selectbox(key="benchmark_peer_service").select(SERVICE).run()
    labels = chart_labels(at)
    assert any(label.startswith(safe_text.plotly(SERVICE) + ", ") for label in labels)
    assert not chart_leaks(labels) and not leaks(markdown_shown(at))


def test_the_saved_area_and_its_file_are_named_as_text():
    at = open_area_page()
    assert safe_text.markdown(AREA) in [header.value for header in at.main.header]
    labels = [button.label for button in at.get("download_button")]
    assert safe_text.markdown(FILE_NAME) in labels


def test_a_round_link_names_its_provider_and_area_as_text():
    at = open_submit_page()
    (title,) = at.title
    assert title.value == safe_text.markdown(f"{PROVIDER}: your return for 2025/26 Q4")
    assert any(m.value.startswith(safe_text.markdown(AREA)) for m in at.markdown)
