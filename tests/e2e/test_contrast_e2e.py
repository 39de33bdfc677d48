"""In a real browser: every piece of text in the charts of a page, as drawn (tick
labels, axis titles, legend, annotations, the title), has WCAG AA contrast against the
white of the chart: 4.5:1 or more; and so do the captions (Streamlit draws them in the
theme's text colour at 60%), on the page and in the sidebar's tint."""

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


WHITE = (255.0, 255.0, 255.0)


def contrast_on(fill: str, opacity: str, background=WHITE) -> float:
    """The contrast ratio of a fill ('rgb(85, 85, 85)' or 'rgba(...)'), its opacity taken
    over ``background`` (an RGB triple, white unless told), against that background."""
    parts = [float(p) for p in re.findall(r"[\d.]+", fill)]
    alpha = float(opacity) * (parts[3] if len(parts) == 4 else 1.0)
    shown = tuple(alpha * c + (1 - alpha) * b for c, b in zip(parts[:3], background, strict=True))
    lighter, darker = sorted([_luminance(shown), _luminance(background)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(
    "path",
    ["", "providers", "user_run", "benchmark", "access", "compare", "performance", "funding"]
    + ["vocational", "buildings", "support"],
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
        and contrast_on(fill, opacity) < 4.5
        # A bar's or a heatmap cell's label is drawn on its bar or cell, not on white.
        and "bartext" not in where
        and "heatmap-label" not in where
    ]
    assert not low, low[:10]


CAPTIONS = """
() => [...document.querySelectorAll('[data-testid="stCaptionContainer"]')]
    .filter(c => c.textContent.trim() && c.getBoundingClientRect().width > 0)
    .map(c => {
        let box = c;
        while (box && getComputedStyle(box).backgroundColor === "rgba(0, 0, 0, 0)") {
            box = box.parentElement;
        }
        return [c.textContent.trim().slice(0, 40), getComputedStyle(c).color,
                getComputedStyle(c).opacity, box ? getComputedStyle(box).backgroundColor : ""];
    })
"""


@pytest.mark.parametrize("path", ["", "funding"])
def test_captions_have_aa_contrast(server, page, path):
    page.goto(f"{server}/{path}")
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    found = page.evaluate(CAPTIONS)
    assert len(found) > 3  # under the title, under the tiles or charts, in the sidebar
    low = []
    for text, colour, opacity, behind in found:
        background = tuple(float(p) for p in re.findall(r"[\d.]+", behind)[:3]) or WHITE
        if contrast_on(colour, opacity, background) < 4.5:
            low.append((text, colour, behind))
    assert not low, low[:10]
