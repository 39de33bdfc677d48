"""In a real browser: outcome 4's service-by-service chart with long real-world names keeps
its bars wide and its axis title whole, and a year on few services is named under the trend."""

from __future__ import annotations

from tests.workbooks import SERVICES_HEADER, service_row, xlsx

LONG = "Eastbrook Community Wellbeing, Recovery and Peer Support Hub"


def long_names() -> bytes:
    """4 services in 2023/24 (a small base), 12 in 2024/25, most with a long name."""
    rows = [SERVICES_HEADER]
    for year, count in (("2023/24", 4), ("2024/25", 12)):
        rows += [
            service_row(
                f"{LONG} {i + 1}" if i % 2 else f"Day service {i + 1}",
                f"P{i}",
                year,
                "Voluntary",
                vocational=10 * (i % 10),
                social=100 - 10 * (i % 10),
            )
            for i in range(count)
        ]
    return xlsx({"Services": rows})


def test_long_service_names_leave_the_bars_their_room(server, page, shot, tmp_path):
    saved = tmp_path / "long-names.xlsx"
    saved.write_bytes(long_names())
    page.goto(server)
    page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(saved))
    page.get_by_text(f"Source: {saved.name}").first.wait_for()
    page.get_by_role("link", name="4 Social to vocational").click()
    page.get_by_text("2023/24 rests on 4 services: read its figure with care.").first.wait_for()

    chart = page.locator('[data-testid="stPlotlyChart"]', has_text="each service's mix")
    chart.wait_for()
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(1500)  # let plotly finish drawing
    shot(page, "o4_long_names")
    box = chart.bounding_box()
    plot = chart.locator("rect.nsewdrag").first.bounding_box()
    # The bars keep more than half the chart's width beside names cut to 28 characters.
    assert plot["width"] > 0.5 * box["width"], (plot, box)
    names = chart.locator("g.ytick text").evaluate_all("texts => texts.map(t => t.textContent)")
    assert names and all(len(name) <= 28 for name in names), names
    assert any(name.endswith("…") for name in names)
    # The value axis's title is written whole, inside the chart.
    title = chart.locator("text.xtitle")
    assert title.text_content() == "Share of activity (%)"
    drawn = title.bounding_box()
    assert drawn["x"] >= box["x"] and drawn["x"] + drawn["width"] <= box["x"] + box["width"]
