"""The meeting pack's charts as PowerPoint's own: an outcome's line chart (its values by
year, labelled clear of the target's line) and the benchmark's bar chart, each holding its
figures and described for screen readers, drawn with python-pptx where ``deck_layout``
places them."""

from __future__ import annotations

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from dayserv import palette
from dayserv.figures import formats, slide_words
from dayserv.figures.words import over_count
from dayserv.share.deck_layout import (
    BODY_SIZE,
    LINE_PT,
    MARKER_PT,
    SMALL_BASE_PT,
    TARGET_PT,
    Box,
    label_places,
    plot_area,
    plot_insets,
)
from dayserv.share.outcome_slides import small_years, year_bases
from dayserv.share.pack import is_missing
from dayserv.share.slide import Slide
from dayserv.show import chart_style


def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#"))


def _describe(frame, text: str) -> None:
    """Alternative text for a chart, read out by screen readers."""
    frame._element.nvGraphicFramePr.cNvPr.set("descr", text)


def _number_format(measure: str) -> str:
    if formats.is_share(measure):
        return "0%"
    if measure == "provider_diversity":
        return "0.00"
    return "#,##0"


def _value_axis_top(slide: Slide, values: list[float | None]) -> float:
    """The value axis's top, as the dashboard's trend chart sets it: from zero, with room."""
    candidates = [v for v in values if v is not None]
    if slide.target_value is not None:
        candidates.append(float(slide.target_value))
    peak = max(candidates, default=0.0)
    if slide.measure == "provider_diversity" or not peak > 0:
        return 1.0
    return min(peak * 1.25, 1.1) if formats.is_share(slide.measure) else peak * 1.25


def _font(font, size: float = BODY_SIZE, colour: str = chart_style.TEXT) -> None:
    font.size = Pt(size)
    font.color.rgb = rgb(colour)


def _axis(axis, title: str, number_format: str | None = None) -> None:
    axis.has_title = True
    axis.axis_title.text_frame.text = title
    _font(axis.axis_title.text_frame.paragraphs[0].runs[0].font)
    axis.axis_title.text_frame.paragraphs[0].runs[0].font.bold = False
    _font(axis.tick_labels.font)
    axis.format.line.color.rgb = rgb(palette.GREY)
    if number_format:
        axis.tick_labels.number_format = number_format
        axis.tick_labels.number_format_is_linked = False


def outcome_values(slide: Slide) -> list[float | None]:
    """An outcome slide's values by year, None for a year without a figure (a gap)."""
    return [None if is_missing(v) else float(v) for v in slide.data["value"]]


def _written(value: float, number_format: str) -> str:
    """A value as a chart's ``number_format`` writes it."""
    if number_format == "0%":
        return f"{value:.0%}"
    return f"{value:.2f}" if number_format == "0.00" else f"{value:,.0f}"


LABEL_PLACE = {
    "above": XL_LABEL_POSITION.ABOVE,
    "below": XL_LABEL_POSITION.BELOW,
    "left": XL_LABEL_POSITION.LEFT,
    "right": XL_LABEL_POSITION.RIGHT,
}


def _set_plot_area(chart, box: Box, insets: tuple[float, float, float, float]) -> None:
    """The plot area set where ``plot_insets`` put it (the renderer's own guess would leave
    the value labels' places unknown), its points in the middle of their years."""
    left, top, right, bottom = insets
    fractions = (left / box.w, top / box.h, 1 - (left + right) / box.w, 1 - (top + bottom) / box.h)
    plot_area = chart._chartSpace.chart.plotArea
    layout = plot_area.find(qn("c:layout"))
    if layout is None:
        layout = plot_area.makeelement(qn("c:layout"), {})
        plot_area.insert(0, layout)
    for child in list(layout):
        layout.remove(child)
    manual = layout.makeelement(qn("c:manualLayout"), {})
    layout.append(manual)
    for name, value in (("layoutTarget", "inner"), ("xMode", "edge"), ("yMode", "edge")):
        manual.append(manual.makeelement(qn(f"c:{name}"), {"val": value}))
    for name, value in zip(("x", "y", "w", "h"), fractions, strict=True):
        manual.append(manual.makeelement(qn(f"c:{name}"), {"val": f"{value:.4f}"}))
    axis = chart.value_axis._element
    crosses = axis.find(qn("c:crosses"))
    crosses.addnext(axis.makeelement(qn("c:crossBetween"), {"val": "between"}))


def _place_labels(series, places: list[str | None], number_format: str) -> None:
    """Each point's value label where ``label_places`` put it, in the series' format."""
    for i, place in enumerate(places):
        if place is None:
            continue
        label = series.points[i].data_label
        label.position = LABEL_PLACE[place]
        _font(label.font)
        element = label._dLbl
        element.find(qn("c:spPr")).addprevious(
            element.makeelement(qn("c:numFmt"), {"formatCode": number_format, "sourceLinked": "0"})
        )


def line_chart(canvas, slide: Slide, box: Box) -> None:
    measure = slide.measure
    fmt = _number_format(measure)
    values = outcome_values(slide)
    years = [str(y) for y in slide.data["year"]]
    data = CategoryChartData(number_format=fmt)
    bases = year_bases(slide.data)
    # Each year over the services its figure rests on, as on the pages.
    categories = [over_count(year, bases.get(year)) for year in years]
    data.categories = categories
    data.add_series(formats.measure_name(measure), values, number_format=fmt)
    target = slide.target_value
    if target is not None:
        target_name = f"Target {formats.format_measure(measure, target)}"
        data.add_series(target_name, [float(target)] * len(values), number_format=fmt)
    chart = _add_chart(canvas, XL_CHART_TYPE.LINE_MARKERS, box, data, f"Line chart: {slide.title}")
    chart.font.size = Pt(BODY_SIZE)
    chart.has_legend = target is not None
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        _font(chart.legend.font)
    colour = rgb(formats.MEASURE_COLOURS.get(measure, palette.BLUE))
    line = chart.plots[0].series[0]
    line.smooth = False
    line.format.line.color.rgb = colour
    # As thick as the pages' trend lines, to be seen across a room.
    line.format.line.width = Pt(LINE_PT)
    line.marker.style = XL_MARKER_STYLE.CIRCLE
    line.marker.size = MARKER_PT
    line.marker.format.fill.solid()
    line.marker.format.fill.fore_color.rgb = colour
    line.marker.format.line.color.rgb = colour
    small = small_years(slide.data)
    for index, year in enumerate(years):
        if year in small:  # hollow and larger, as on the pages: a point on a small base
            marker = line.points[index].marker
            marker.style, marker.size = XL_MARKER_STYLE.CIRCLE, SMALL_BASE_PT
            marker.format.fill.solid()
            marker.format.fill.fore_color.rgb = rgb(palette.WHITE)
            marker.format.line.color.rgb = colour
    labels = line.data_labels
    labels.number_format, labels.number_format_is_linked = fmt, False
    labels.position = XL_LABEL_POSITION.ABOVE
    labels.show_value = True
    _font(labels.font)
    # Each value set clear of the target's line and the measure's own; the target is named
    # in the legend above the plot, where no value can reach it.
    top = _value_axis_top(slide, values)
    insets = plot_insets(_written(top, fmt), categories, box.w, legend=target is not None)
    _set_plot_area(chart, box, insets)
    plot = plot_area(box, insets, top, len(years))
    texts = ["" if v is None else _written(v, fmt) for v in values]
    _place_labels(line, label_places(plot, values, texts, target), fmt)
    if target is not None:
        goal = chart.plots[0].series[1]
        goal.smooth = False
        goal.format.line.color.rgb = rgb(palette.BLACK)
        goal.format.line.width = Pt(TARGET_PT)
        goal.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        goal.marker.style = XL_MARKER_STYLE.NONE
    _axis(chart.category_axis, "Financial year")
    axis = chart.value_axis
    _axis(axis, slide_words.axis_title(measure), fmt)
    axis.minimum_scale, axis.maximum_scale = 0, top
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = rgb(chart_style.GRID)


def _add_chart(canvas, kind, box: Box, data: CategoryChartData, description: str):
    """A native chart filling ``box``, described for screen readers, without its own title
    (the slide's title states the finding)."""
    frame = canvas.shapes.add_chart(
        kind, Inches(box.x), Inches(box.y), Inches(box.w), Inches(box.h), data
    )
    frame.name = "Chart"
    _describe(frame, description)
    frame.chart.has_title = False
    return frame.chart


def bar_chart(canvas, slide: Slide, box: Box) -> None:
    bars = slide.data.sort_values("score", ascending=False, kind="stable")
    data = CategoryChartData(number_format="0")
    data.categories = [str(s) for s in bars["section"]]
    data.add_series("Median section score", [float(v) for v in bars["score"]])
    chart = _add_chart(canvas, XL_CHART_TYPE.BAR_CLUSTERED, box, data, f"Bar chart: {slide.title}")
    chart.has_legend = False
    chart.font.size = Pt(BODY_SIZE)
    plot = chart.plots[0]
    plot.gap_width = 50
    series = plot.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = rgb(palette.BLUE)
    series.invert_if_negative = False
    labels = series.data_labels
    labels.number_format, labels.number_format_is_linked = "0", False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.show_value = True
    _font(labels.font)
    sections = chart.category_axis
    sections.reverse_order = True  # the highest score at the top, as on the Benchmark page
    _font(sections.tick_labels.font)
    sections.format.line.color.rgb = rgb(palette.GREY)
    axis = chart.value_axis
    _axis(axis, "Median section score (0-100)", "0")
    axis.minimum_scale, axis.maximum_scale, axis.major_unit = 0, 100, 20
    # The scores' axis crosses the sections at the last, so it stays at the foot.
    axis._element.find(qn("c:crosses")).set("val", "max")
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = rgb(chart_style.GRID)
