"""In a real browser: every piece of text in the charts of a page, as drawn (tick
labels, axis titles, legend, annotations, the title), has WCAG AA contrast against the
white of the chart: 4.5:1 or more."""

from __future__ import annotations

import re

import pytest

TEXT_IN_CHARTS = """
() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] svg text')]
    .filter(t => t.textContent.trim() && t.getBBox().width > 0)
    .map(t => [t.textContent.trim().slice(0, 40), getComputedStyle(t).fill,
               getComputedStyle(t).fillOpacity,
               `${t.getAttribute('class') || ''} ${t.closest('g').getAttribute('class') || ''}`])
"""


def _luminance(rgb: tuple[float, float, float]) -> float:
    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_on_white(fill: str, opacity: str) -> float:
    """The contrast ratio of a fill ('rgb(85, 85, 85)' or 'rgba(...)'), its opacity taken
    over white, against white."""
    parts = [float(p) for p in re.findall(r"[\d.]+", fill)]
    alpha = float(opacity) * (parts[3] if len(parts) == 4 else 1.0)
    shown = tuple(alpha * c + (1 - alpha) * 255 for c in parts[:3])
    return 1.05 / (_luminance(shown) + 0.05)


@pytest.mark.parametrize(
    "path", ["", "providers", "user_run", "benchmark", "access", "compare", "performance"]
)
def test_chart_text_has_aa_contrast(server, page, path):
    page.goto(f"{server}/{path}")
    charts = page.locator('[data-testid="stPlotlyChart"]')
    charts.first.wait_for()
    page.wait_for_timeout(1500)
    found = page.evaluate(TEXT_IN_CHARTS)
    assert len(found) > 10  # the page's charts are drawn, with their words
    low = [
        (text, fill, where)
        for text, fill, opacity, where in found
        if fill.startswith("rgb")
        and contrast_on_white(fill, opacity) < 4.5
        # A bar's or a heatmap cell's label is drawn on its bar or cell, not on white.
        and "bartext" not in where
        and "heatmap-label" not in where
    ]
    assert not low, low[:10]
