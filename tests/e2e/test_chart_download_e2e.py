"""In a real browser: a chart's PNG and SVG downloads (rendered by kaleido when clicked) and
its camera icon save files named for what they show, the PNG at twice the pixels, each
with the chart's provenance; and the provenance footer sits under the axis title, inside
the chart, on every chart of the page."""

from __future__ import annotations

import re
import struct
from datetime import datetime
from pathlib import Path

import pytest

from dayserv.show import chart_images, chart_style

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
NAME = "dayserv_sample-portfolio_user-run-share_2022-23-to-2025-26_locality-north"

pytestmark = pytest.mark.skipif(
    not chart_images.images_available(), reason="kaleido needs Chromium (apt-get install chromium)"
)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def open_user_run(page, server):
    page.goto(f"{server}/user_run?locality=North")
    charts_drawn = page.locator('[data-testid="stPlotlyChart"]')
    charts_drawn.nth(2).wait_for()  # the page draws progressively: wait for its third chart
    page.get_by_text(re.compile(r"\(locality North\)")).first.wait_for()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)  # let plotly finish drawing
    return charts_drawn


def download(page, label: str):
    """Open the first chart's "Download chart" menu and save the file behind ``label``."""
    menu = page.locator('[data-testid="stPopover"]').first
    menu.scroll_into_view_if_needed()
    body = page.locator('[data-testid="stPopoverBody"]')
    if not body.is_visible():
        menu.get_by_role("button").click()
    button = body.get_by_role("button", name=label)
    button.wait_for()
    with page.expect_download(timeout=60_000) as info:
        button.click()
    return info.value


def test_chart_downloads_carry_name_pixels_and_provenance(server, page, shot):
    open_user_run(page, server)
    today = f"{datetime.now():%d %b %Y}"

    png = download(page, "PNG (2x)")
    shot(page, "chart_download_menu")
    assert png.suggested_filename == f"{NAME}.png"
    data = Path(png.path()).read_bytes()
    width, height = png_size(data)
    assert width >= 1600 and height >= 2 * chart_style.CHART_HEIGHT
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "chart_download.png").write_bytes(data)

    svg = download(page, "SVG")
    assert svg.suggested_filename == f"{NAME}.svg"
    text = Path(svg.path()).read_text()
    assert text.lstrip().startswith("<svg")
    assert "sample_portfolio.xlsx" in text
    assert "locality North" in text
    assert today in text
    assert re.search(r"Produced \d\d \w\w\w \d{4} \d\d:\d\d by dayserv", text)


def test_the_camera_icon_saves_a_2x_png_named_for_the_chart(server, page, shot):
    drawn = open_user_run(page, server)
    first = drawn.first
    first.scroll_into_view_if_needed()
    first.hover()
    camera = first.locator('.modebar-btn[data-title^="Download plot"]')
    camera.wait_for()
    shot(page, "chart_camera_icon")
    with page.expect_download() as info:
        camera.click()
    saved = info.value
    assert saved.suggested_filename == f"{NAME}.png"
    data = Path(saved.path()).read_bytes()
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "chart_camera.png").write_bytes(data)
    width, _ = png_size(data)
    shown = first.locator(".main-svg").first.bounding_box()
    assert width == pytest.approx(2 * shown["width"], abs=4)


def test_every_charts_footer_sits_under_its_axis_title(server, page, shot):
    drawn = open_user_run(page, server)
    for i in range(drawn.count()):
        chart = drawn.nth(i)
        chart.scroll_into_view_if_needed()
        frame = chart.locator(".main-svg").first.bounding_box()
        footer = chart.locator("g.annotation", has_text="Source: sample_portfolio.xlsx")
        box = footer.bounding_box()
        assert box is not None, f"chart {i} has no provenance footer"
        assert "locality North" in footer.text_content()
        # Inside the chart, and below everything else drawn at its foot.
        assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]
        assert box["y"] + box["height"] <= frame["y"] + frame["height"] + 1
        for other in (".g-xtitle", ".xtick", ".legend"):
            for element in chart.locator(other).all():
                above = element.bounding_box()
                if above and above["height"] > 0:
                    assert above["y"] + above["height"] <= box["y"] + 1, (i, other)
    drawn.first.scroll_into_view_if_needed()
    shot(page, "chart_footer")
