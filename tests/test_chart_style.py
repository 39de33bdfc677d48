"""The charts' one style, laid over each figure without plotly's validation for speed
(``chart_style.set_layout``): every chart every page draws is validated here instead."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from dayserv.show import chart_style
from scripts.page_times import PAGES
from tests.test_pages import app, through_tabs

# The pages whose tabs are drawn only when open (widgets.lazy_tabs), by their tabs' key.
TABBED = {"pages/benchmark.py": "benchmark_tab", "pages/compare.py": "compare_tab"}


def assert_valid_charts(at) -> None:
    for chart in at.get("plotly_chart"):
        go.Figure(json.loads(chart.proto.spec))  # raises on a property plotly does not know


def test_a_layout_is_laid_over_key_by_key():
    base = {"title": {"text": "Old", "font": {"size": 10}}, "height": 300}
    assert chart_style.merged(base, {"title": {"text": "New"}, "width": 500}) == {
        "title": {"text": "New", "font": {"size": 10}},
        "height": 300,
        "width": 500,
    }
    assert base["title"]["text"] == "Old"  # the base is not changed


def test_every_figure_takes_the_one_template_and_the_style_over_its_own_layout():
    figure = go.Figure(go.Bar(x=["a"], y=[1]))
    figure.update_xaxes(type="category")
    chart_style.style_figure(figure, "A finding", "Locality", "Services (count)")
    assert figure.layout.template == chart_style.TEMPLATE
    assert figure.layout.xaxis.type == "category"  # kept under the style
    assert figure.layout.xaxis.title.text == "Locality"
    go.Figure(figure.to_dict())  # valid: plotly raises on a property it does not know


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_on_every_page_is_a_valid_plotly_figure(page):
    at = app()
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert_valid_charts(at)
    if page in TABBED:
        for _, opened in through_tabs(at, TABBED[page]):
            assert_valid_charts(opened)
