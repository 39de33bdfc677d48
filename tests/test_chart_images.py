"""Charts taken out of the app: the provenance footer, their file names, the PNG and SVG
files kaleido renders, the download buttons under every chart, and publication mode on the
Performance page's charts."""

from __future__ import annotations

import json
import socket
import struct
import threading
import urllib.parse
from datetime import datetime

import kaleido
import pandas as pd
import plotly.graph_objects as go
import pytest

from dayserv.figures import returns
from dayserv.figures.publication import Publication
from dayserv.share.provenance import Provenance
from dayserv.show import bar_charts, chart_images, chart_style, heatmaps, line_charts
from tests.test_outcome_pages import open_page
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

PROVENANCE = Provenance(
    source="sample_portfolio.xlsx",
    filters="locality North",
    years="2022/23 to 2025/26 (4 years)",
    produced=datetime(2026, 3, 4, 9, 30),
)
needs_images = pytest.mark.skipif(
    not chart_images.images_available(), reason="kaleido needs Chromium (apt-get install chromium)"
)


def trend() -> go.Figure:
    table = pd.DataFrame({"user_run_share": [0.1, 0.2]}, index=["2023/24", "2024/25"])
    return line_charts.trend_chart(table, "user_run_share")


def footer(figure: go.Figure):
    return [a for a in figure.layout.annotations if a.name == chart_images.PROVENANCE_NAME]


# ---------------------------------------------------------------- the footer


def test_with_provenance_adds_the_footer_to_a_copy():
    figure = trend()
    before = figure.to_json()
    out = chart_images.with_provenance(figure, PROVENANCE.line())
    assert figure.to_json() == before  # the original is left as it was
    assert out is not figure
    (note,) = footer(out)
    assert note.text.replace("<br>", " ").startswith("Source: sample_portfolio.xlsx")
    assert "locality North" in note.text and "04 Mar 2026 09:30" in note.text
    # The figure grows by the footer; the plot keeps its height, the footer sits under it.
    grown = out.layout.height - figure.layout.height
    assert grown > 0
    assert out.layout.margin.b == figure.layout.margin.b + grown
    assert note.yshift <= -figure.layout.margin.b  # below the axis title's room
    assert note.font.size < chart_style.FONT_SIZE


def test_a_footer_already_there_is_replaced_not_stacked():
    figure = trend()
    on_screen = chart_images.add_provenance(
        figure, "Source: sample_portfolio.xlsx · Produced today"
    )
    assert on_screen is figure and len(footer(figure)) == 1
    once = chart_images.with_provenance(trend(), PROVENANCE.line())
    again = chart_images.with_provenance(figure, PROVENANCE.line())
    assert [a.text for a in footer(again)] == [a.text for a in footer(once)]
    assert (again.layout.height, again.layout.margin.b) == (
        once.layout.height,
        once.layout.margin.b,
    )
    assert again.layout.legend.y == pytest.approx(once.layout.legend.y)


def test_a_footer_sits_under_year_labels_over_their_services():
    # "2023/24<br>12 services" takes a line more under the plot than "2023/24": the footer
    # goes a line lower, or the axis title that automargin pushes down runs into it.
    table = pd.DataFrame({"user_run_share": [0.1, 0.2]}, index=["2023/24", "2024/25"])
    counted = line_charts.trend_chart(table, "user_run_share", bases={"2023/24": 12, "2024/25": 3})
    plain = chart_images.with_provenance(trend(), PROVENANCE.line())
    out = chart_images.with_provenance(counted, PROVENANCE.line())
    assert footer(out)[0].yshift == footer(plain)[0].yshift - chart_images.TICK_LINE
    # Taken off and put on again, it lands where it was, and the figure as it was.
    again = chart_images.with_provenance(out, "Source: elsewhere.xlsx")
    back = chart_images.with_provenance(again, PROVENANCE.line())
    assert (back.layout.height, back.layout.margin.b) == (out.layout.height, out.layout.margin.b)
    assert footer(back)[0].yshift == footer(out)[0].yshift


def test_the_legend_keeps_its_place_under_the_title():
    frame = pd.DataFrame(
        {"year": ["2024/25"] * 2, "sector": ["NHS", "Voluntary"], "share": [0.6, 0.4]}
    )
    figure = bar_charts.stacked_bars(
        frame,
        x="year",
        category="sector",
        value="share",
        dimension="sector",
        title="Mix",
        y_title="Share",
    )
    out = chart_images.with_provenance(figure, PROVENANCE.line())

    def legend_top(f):
        return (1 - f.layout.legend.y) * f.layout.height

    assert legend_top(out) == pytest.approx(legend_top(figure))
    assert out.layout.margin.t == figure.layout.margin.t


def test_a_long_footer_is_wrapped_between_its_facts():
    line = Provenance(
        source="a workbook with a rather long name.xlsx",
        filters="locality North, South; sector Voluntary, NHS; provider Eastbrook Mind",
        years="2022/23 to 2025/26 (4 years)",
        produced=datetime(2026, 3, 4, 9, 30),
        publication=Publication(on=True),
    ).line()
    lines = chart_images._footer_lines(line)
    assert len(lines) >= 2
    assert all(len(text) <= chart_images.PROVENANCE_CHARACTERS for text in lines)
    assert " · ".join(lines) == line  # nothing lost, broken only between facts here
    one = chart_images.with_provenance(trend(), "Source: x.xlsx")
    two = chart_images.with_provenance(trend(), line)
    extra = len(lines) - 1
    assert two.layout.height - one.layout.height == extra * chart_images.PROVENANCE_LINE


# ---------------------------------------------------------------- file names


def test_a_charts_name_is_given_or_the_start_of_its_title():
    figure = trend()
    assert chart_images.chart_name(figure, "user-run-share") == "user-run-share"
    chart_style.tag(figure, "Anticipated outcome 2: user-run services · on track")
    words = chart_images.chart_name(figure)
    assert words.startswith("User-run share")
    assert "Anticipated" not in words and "<" not in words
    assert len(words) <= chart_images.NAME_CHARACTERS
    assert chart_images.chart_name(go.Figure()) == "chart"


def test_a_charts_file_name_says_portfolio_what_years_and_filter():
    name = PROVENANCE.file_name(chart_images.chart_name(trend(), "user-run-share"), ext="png")
    assert name == ("dayserv_sample-portfolio_user-run-share_2022-23-to-2025-26_locality-north.png")


# ---------------------------------------------------------------- the images


@needs_images
def test_the_png_has_twice_the_figures_pixels():
    figure = chart_images.with_provenance(trend(), PROVENANCE.line())
    png = chart_images.image_bytes(figure, "png", width=800, height=500)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    assert (width, height) == (1600, 1000)
    default = chart_images.image_bytes(figure, "png")
    assert struct.unpack(">II", default[16:24]) == (
        2 * chart_images.IMAGE_WIDTH,
        2 * figure.layout.height,
    )


@needs_images
def test_the_svg_carries_the_provenance():
    figure = chart_images.with_provenance(trend(), PROVENANCE.line())
    svg = chart_images.image_bytes(figure, "svg").decode()
    assert svg.lstrip().startswith("<svg")
    assert "sample_portfolio.xlsx" in svg
    assert "locality North" in svg
    assert "04 Mar 2026 09:30" in svg


# Hosts Chromium itself calls (the time, component updates, Google accounts, the search
# page Debian's chromium preconnects to), whatever page it draws.
CHROMIUMS_OWN = ("google.com", "googleapis.com", "gvt1.com", "gstatic.com", "duckduckgo.com")


def chromiums_own(host: str) -> bool:
    return any(host == own or host.endswith("." + own) for own in CHROMIUMS_OWN)


def requested_host(line: bytes) -> str:
    """The host a proxied request asks for: ``CONNECT host:443`` or ``GET http://host/…``."""
    method, target, *_ = line.decode("latin-1").split()
    if method == "CONNECT":
        return target.rpartition(":")[0]
    return urllib.parse.urlsplit(target).hostname or ""


@pytest.fixture
def proxy_log(monkeypatch) -> list[str]:
    """The hosts Chromium asks for while a test renders images: its proxy, ``NOWHERE``,
    is a listener that notes each request's host and answers nothing."""
    hosts: list[str] = []
    listener = socket.create_server(("127.0.0.1", 0))

    def note() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:  # closed: the test is over
                return
            with connection:
                connection.settimeout(5)
                try:
                    hosts.append(requested_host(connection.recv(4096).split(b"\r\n")[0]))
                except (OSError, ValueError):
                    hosts.append("?")

    threading.Thread(target=note, daemon=True).start()
    monkeypatch.setattr(chart_images, "NOWHERE", f"http://127.0.0.1:{listener.getsockname()[1]}")
    yield hosts
    listener.close()


def test_images_are_drawn_with_nothing_from_outside(monkeypatch):
    calls = []
    monkeypatch.setattr(kaleido, "calc_fig_sync", lambda *a, **kw: calls.append(kw) or b"")
    chart_images.image_bytes(trend(), "svg")
    (call,) = calls
    assert call["kopts"] == {"mathjax": False, "proxy_server": chart_images.NOWHERE}
    assert urllib.parse.urlsplit(chart_images.NOWHERE).hostname == "127.0.0.1"


def test_a_page_not_ready_is_drawn_again_and_any_other_failure_is_raised(monkeypatch):
    failures = [RuntimeError("ReferenceError: kaleido_scopes is not defined")]

    def render(*args, **kwargs):
        if failures:
            raise failures.pop()
        return b"<svg/>"

    monkeypatch.setattr(kaleido, "calc_fig_sync", render)
    assert chart_images.image_bytes(trend(), "svg") == b"<svg/>"  # the second time
    failures.append(RuntimeError("Chromium closed"))
    with pytest.raises(RuntimeError, match="Chromium closed"):
        chart_images.image_bytes(trend(), "svg")  # not tried again


@needs_images
def test_chromium_asks_for_nothing_but_its_own_services(proxy_log):
    control = trend().add_layout_image(source="http://example.invalid/logo.png", x=0, y=1)
    chart_images.image_bytes(control, "svg")
    assert "example.invalid" in proxy_log  # what a page asks for reaches the proxy
    proxy_log.clear()

    figure = chart_images.with_provenance(trend(), PROVENANCE.line())
    assert b"sample_portfolio.xlsx" in chart_images.image_bytes(figure, "svg")
    # Kaleido's page, left to itself, would load MathJax from cdnjs.cloudflare.com.
    assert [host for host in proxy_log if not chromiums_own(host)] == []


# ---------------------------------------------------------------- on the pages


def chart_downloads(at, downloads) -> list:
    """The chart downloads (PNG and SVG buttons) of the page as last run."""
    return [
        downloads.of(button)
        for button in at.get("download_button")
        if button.proto.label in ("PNG (2x)", "SVG")
    ]


def test_every_chart_of_an_outcome_page_has_png_and_svg_downloads(downloads):
    at = open_page("pages/user_run.py")
    chart_count = len(at.get("plotly_chart"))
    made = chart_downloads(at, downloads)
    if not chart_images.images_available():
        assert not made
        assert any("need Chromium" in c.value for c in at.caption)
        return
    assert len(made) == 2 * chart_count
    names = [entry.file_name for entry in made]
    assert "dayserv_sample-portfolio_user-run-share_2022-23-to-2025-26.png" in names
    assert "dayserv_sample-portfolio_user-run-share_2022-23-to-2025-26.svg" in names
    mimes = {entry.mimetype for entry in made}
    assert mimes == {"image/png", "image/svg+xml"}


def test_the_camera_icon_saves_a_2x_png_named_like_the_download():
    at = open_page("pages/user_run.py")
    first = at.get("plotly_chart")[0].proto
    options = json.loads(first.config)["toImageButtonOptions"]
    assert options == {
        "format": "png",
        "scale": 2,
        "filename": "dayserv_sample-portfolio_user-run-share_2022-23-to-2025-26",
    }
    # On screen the footer gives the day, not the minute: the chart is not redrawn (and a
    # click on it lost) when the minute turns.
    spec = json.loads(first.spec)
    (note,) = [a for a in spec["layout"]["annotations"] if a.get("name") == "provenance"]
    assert "Source: sample_portfolio.xlsx" in note["text"]
    assert "Produced" in note["text"] and ":" not in note["text"].split("Produced")[1]


@needs_images
def test_a_download_renders_the_chart_with_its_provenance_when_asked(downloads):
    at = open_page("pages/user_run.py", locality="North")
    entry = next(e for e in chart_downloads(at, downloads) if e.file_name.endswith(".svg"))
    assert entry.file_name.endswith("_locality-north.svg")
    svg = entry().decode()
    assert "sample_portfolio.xlsx" in svg and "locality North" in svg
    assert f"{datetime.now():%d %b %Y}" in svg


def test_the_overview_chart_goes_through_ui_chart():
    at = open_page("pages/overview.py")
    (chart,) = at.get("plotly_chart")
    options = json.loads(chart.proto.config)["toImageButtonOptions"]
    assert "_user-run-share_" in options["filename"]


# ---------------------------------------------------------------- publication mode


def with_small_attendance() -> bytes:
    """R10 (service users attending) of two providers over two quarters: Peer Co 3 and 4,
    Trust 12 and 20; R1 (a percentage) 3 for Peer Co, which is no count of people."""
    return xlsx(
        {
            "Services": [
                SERVICES_HEADER,
                service_row("Alpha", "Peer Co", "2024/25", "User-led", "Yes"),
                service_row("Beta", "Trust", "2024/25", "NHS"),
            ],
            "KPIs": [
                ["Provider", "Year", "Quarter", "KPI", "Value"],
                ["Peer Co", "2024/25", "Q1", "R10", 3],
                ["Trust", "2024/25", "Q1", "R10", 12],
                ["Peer Co", "2024/25", "Q2", "R10", 4],
                ["Trust", "2024/25", "Q2", "R10", 20],
                ["Peer Co", "2024/25", "Q1", "R1", 3],
            ],
        }
    )


def chart_numbers(chart) -> list[float]:
    """Every number a chart draws or shows on hover."""
    spec = json.loads(chart.proto.spec)
    numbers = []
    for trace in spec["data"]:
        for axis in ("x", "y", "z"):
            values = trace.get(axis) or []
            flat = [v for row in values for v in (row if isinstance(row, list) else [row])]
            numbers += [v for v in flat if isinstance(v, int | float)]
    return numbers


def performance(publish: bool, kpi: str = "R10"):
    query = {"publish": "true"} if publish else {}
    at = open_page("pages/performance.py", upload=with_small_attendance(), **query)
    at.selectbox(key="kpis_measure").select(kpi).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_publication_mode_leaves_small_counts_of_people_out_of_the_charts():
    at = performance(publish=True)
    _, table, trend_chart, latest = at.get("plotly_chart")
    for chart in (table, trend_chart, latest):
        assert 3 not in chart_numbers(chart) and 4 not in chart_numbers(chart)
    assert 12 in chart_numbers(trend_chart) and 20 in chart_numbers(latest)
    # The heatmap says "<5" where the value was, not "missing".
    texts = [t for trace in json.loads(table.proto.spec)["data"] for t in sum(trace["text"], [])]
    assert texts.count("<5") == 2
    assert texts.count("missing") == 4  # 2024/25 Q3 and Q4: not returned, and said so
    captions = [c.value for c in at.caption]
    assert "2 values under 5 not shown: publication mode" in captions  # heatmap and trend
    assert "1 value under 5 not shown: publication mode" in captions  # latest quarter
    # The tables beside the charts say "<5" too.
    shown = [frame.value for frame in at.dataframe]
    assert any((frame == "<5").to_numpy().sum() == 2 for frame in shown)


def test_without_publication_mode_every_value_is_drawn():
    at = performance(publish=False)
    _, table, trend_chart, _ = at.get("plotly_chart")
    assert {3, 4} <= set(chart_numbers(table)) and {3, 4} <= set(chart_numbers(trend_chart))
    assert not any("publication mode" in c.value for c in at.caption)


def test_publication_mode_leaves_a_percentage_alone():
    at = performance(publish=True, kpi="R1")
    assert 3 in chart_numbers(at.get("plotly_chart")[1])
    assert not any("not shown" in c.value for c in at.caption)


def test_the_returns_helpers_hide_only_counts_of_people():
    on = Publication(on=True)
    table = pd.DataFrame({"provider": ["A", "B"], "2024/25 Q1": [3.0, 12.0]})
    assert returns.hidden_values(table, "R10", on)["2024/25 Q1"].tolist() == [True, False]
    assert not returns.hidden_values(table, "R1", on).to_numpy().any()
    assert not returns.hidden_values(table, "R10", Publication()).to_numpy().any()
    assert returns.published(table, "R10", on)["2024/25 Q1"].tolist() == ["<5", 12.0]
    trend = pd.DataFrame({"provider": ["A", "B"], "period": ["Q1"] * 2, "value": [3.0, 12.0]})
    assert returns.drawable(trend, "R10", on)["value"].tolist() == [12.0]
    assert returns.drawable(trend, "R1", on)["value"].tolist() == [3.0, 12.0]
    assert returns.hidden_words(0, on) is None


def test_marked_heatmap_greys_out_hidden_cells_without_their_value():
    frame = pd.DataFrame({"provider": ["A", "B"], "Q1": [3.0, None], "Q2": [12.0, 7.0]})
    hidden = pd.DataFrame({"Q1": [True, False], "Q2": [False, False]})
    figure = heatmaps.marked_heatmap(
        frame, row="provider", columns=["Q1", "Q2"], title="t", x_title="", y_title="",
        mark="missing", mark_text="missing", hidden=hidden,
    )  # fmt: skip
    cells, missing, concealed = figure.data
    assert cells.z[0][0] is None or cells.z[0][0] != cells.z[0][0]  # NaN: no colour, no hover
    assert [row[0] for row in missing.text] == ["", "missing"]
    assert [row[0] for row in concealed.text] == ["<5", ""]
