"""The meeting pack as a PowerPoint deck (16:9), slide for slide as ``pack.slides``.

Charts are PowerPoint's own (line and bar charts holding their figures), so the deck needs
no browser to build and its charts can be restyled or read in PowerPoint. Type is large
enough to read across a room (titles 28 pt, body 16 pt); every slide carries the
provenance line and its number. A table too long for its slide continues on the next,
under the same title with "(continued)", rather than shrinking below 16 pt.

Where each shape goes is ``deck_layout``'s: text boxes are sized from how their text wraps
in Calibri, so shapes can be laid out one under another without overlapping, and a test can
check that they do not. This draws them with python-pptx.
"""

from __future__ import annotations

import io

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from dayserv import catalogue
from dayserv.share.deck_layout import (
    BODY_SIZE,
    BOX_MARGIN,
    CELL_MARGIN_X,
    CELL_MARGIN_Y,
    CONTENT_BOTTOM,
    CONTENT_WIDTH,
    COVER_TABLE_WIDTH,
    COVER_TITLE_SIZE,
    FOOTER_SIZE,
    FOOTER_TOP,
    GAP,
    HEADING_SIZE,
    HEIGHT,
    LINE_SPACING,
    MARGIN,
    TITLE_SIZE,
    VALUE_SIZE,
    WIDTH,
    Box,
    Page,
    benchmark_words,
    column_widths,
    lines_needed,
    natural_width,
    pages,
    properties_comment,
    row_heights,
    short_form,
    table_layout,
    table_text,
    text_height,
    title_height,
    title_top,
)
from dayserv.share.pack import Pack, Slide, is_missing
from dayserv.show import chart_style, formats, palette

TEXT = chart_style.TEXT
MUTED = chart_style.GREY_TEXT  # 7.5:1 on white: readable small grey
HEADER_FILL = palette.BLUE  # white bold on Okabe-Ito blue: 5.1:1
BAND_FILL = "#F2F2F2"
STATUS_TEXT = {  # the status's colour, darkened to grey where the palette's is too light
    "on track": palette.BLUISH_GREEN,
    "not on track": palette.VERMILLION,
    "no data": chart_style.GREY_TEXT,
}
TITLE_ONLY = 5  # the default template's "Title Only" layout: a real title placeholder


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#"))


# ---------------------------------------------------------------- drawing


def _style_run(run, size: float, bold=False, italic=False, colour: str = TEXT) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.color.rgb = _rgb(colour)


def _fill_frame(frame, paragraphs, size, *, bold=False, italic=False, colour=TEXT, align=None):
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_top = frame.margin_bottom = Inches(BOX_MARGIN)
    frame.margin_left = frame.margin_right = Inches(0.1)
    for i, text in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = align or PP_ALIGN.LEFT
        paragraph.line_spacing = LINE_SPACING * 0.85  # PowerPoint's single spacing is ~1.2 em
        run = paragraph.add_run()
        run.text = text
        _style_run(run, size, bold, italic, colour)


def _place(shape, box: Box) -> None:
    shape.left, shape.top = Inches(box.x), Inches(box.y)
    shape.width, shape.height = Inches(box.w), Inches(box.h)


def _text(canvas, box: Box, text: str, size: float, name: str, **style):
    shape = canvas.shapes.add_textbox(Inches(box.x), Inches(box.y), Inches(box.w), Inches(box.h))
    shape.name = name
    _fill_frame(shape.text_frame, text.split("\n"), size, **style)
    return shape


class Flow:
    """Shapes placed one under another in a column of the slide."""

    def __init__(self, canvas, x: float, y: float, w: float):
        self.canvas, self.x, self.y, self.w = canvas, x, y, w

    def text(self, text: str, size: float, name: str, gap: float = GAP, **style):
        if not text:
            return None
        h = text_height(text, self.w, size)
        shape = _text(self.canvas, Box(self.x, self.y, self.w, h), text, size, name, **style)
        self.y += h + gap
        return shape

    def space(self, inches: float) -> None:
        self.y += inches


def _heading_and_title(canvas, page: Page, title_size: float = TITLE_SIZE) -> float:
    """The slide's small heading and its title (the finding); returns where content starts."""
    heading_h = text_height("x", CONTENT_WIDTH, HEADING_SIZE)
    _text(
        canvas,
        Box(MARGIN, 0.3, CONTENT_WIDTH, heading_h),
        page.slide.heading,
        HEADING_SIZE,
        "Heading",
        colour=MUTED,
    )
    title_h = title_height(page.title, title_size)
    box = Box(MARGIN, title_top(), CONTENT_WIDTH, title_h)
    title = canvas.shapes.title
    _place(title, box)
    title.text_frame.text = ""
    _fill_frame(title.text_frame, [page.title], title_size, bold=True)
    return box.bottom + GAP


def _footer(canvas, line: str, number: int, total: int) -> None:
    number_w = 1.1
    box = Box(MARGIN, FOOTER_TOP, CONTENT_WIDTH - number_w - 0.1, HEIGHT - FOOTER_TOP - 0.08)
    _text(canvas, box, line, FOOTER_SIZE, "Footer", colour=MUTED)
    _text(
        canvas,
        Box(WIDTH - MARGIN - number_w, FOOTER_TOP, number_w, 0.4),
        f"{number} / {total}",
        14,
        "Slide number",
        colour=MUTED,
        align=PP_ALIGN.RIGHT,
    )


def _cell(cell, text: str, size: float, *, header: bool, band: bool, right: bool) -> None:
    cell.margin_left = cell.margin_right = Inches(CELL_MARGIN_X)
    cell.margin_top = cell.margin_bottom = Inches(CELL_MARGIN_Y)
    cell.vertical_anchor = MSO_ANCHOR.TOP
    cell.fill.solid()
    cell.fill.fore_color.rgb = _rgb(HEADER_FILL if header else BAND_FILL if band else "#FFFFFF")
    frame = cell.text_frame
    frame.word_wrap = True
    frame.text = ""
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.RIGHT if right else PP_ALIGN.LEFT
    run = paragraph.add_run()
    run.text = text
    _style_run(run, size, bold=header, colour="#FFFFFF" if header else TEXT)


def _table(canvas, table: pd.DataFrame, rows: range, x: float, y: float, w: float) -> Box:
    headings, texts, numeric, widths = table_layout(table)
    if w != CONTENT_WIDTH:
        widths = column_widths(headings, texts, w, BODY_SIZE)
    shown = [texts[i] for i in rows]
    heights = row_heights([headings, *shown], widths, BODY_SIZE)
    box = Box(x, y, w, sum(heights))
    frame = canvas.shapes.add_table(
        len(shown) + 1, len(headings), Inches(x), Inches(y), Inches(w), Inches(box.h)
    )
    frame.name = "Table"
    grid = frame.table
    grid.first_row, grid.horz_banding = True, False
    for c, width in enumerate(widths):
        grid.columns[c].width = Emu(int(Inches(width)))
    for r, height in enumerate(heights):
        grid.rows[r].height = Emu(int(Inches(height)))
    for c, heading in enumerate(headings):
        _cell(grid.cell(0, c), heading, BODY_SIZE, header=True, band=False, right=numeric[c])
    for r, row in enumerate(shown, start=1):
        for c, text in enumerate(row):
            _cell(grid.cell(r, c), text, BODY_SIZE, header=False, band=r % 2 == 0, right=numeric[c])
    return box


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


def _font(font, size: float = BODY_SIZE, colour: str = TEXT) -> None:
    font.size = Pt(size)
    font.color.rgb = _rgb(colour)


def _axis(axis, title: str, number_format: str | None = None) -> None:
    axis.has_title = True
    axis.axis_title.text_frame.text = title
    _font(axis.axis_title.text_frame.paragraphs[0].runs[0].font)
    axis.axis_title.text_frame.paragraphs[0].runs[0].font.bold = False
    _font(axis.tick_labels.font)
    axis.format.line.color.rgb = _rgb(palette.GREY)
    if number_format:
        axis.tick_labels.number_format = number_format
        axis.tick_labels.number_format_is_linked = False


def outcome_values(slide: Slide) -> list[float | None]:
    """An outcome slide's values by year, None for a year without a figure (a gap)."""
    return [None if is_missing(v) else float(v) for v in slide.data["value"]]


def _line_chart(canvas, slide: Slide, box: Box) -> None:
    measure = slide.measure
    fmt = _number_format(measure)
    values = outcome_values(slide)
    data = CategoryChartData(number_format=fmt)
    data.categories = [str(y) for y in slide.data["year"]]
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
    colour = _rgb(formats.MEASURE_COLOURS.get(measure, palette.BLUE))
    line = chart.plots[0].series[0]
    line.smooth = False
    line.format.line.color.rgb = colour
    line.format.line.width = Pt(3)
    line.marker.style = XL_MARKER_STYLE.CIRCLE
    line.marker.size = 10
    line.marker.format.fill.solid()
    line.marker.format.fill.fore_color.rgb = colour
    line.marker.format.line.color.rgb = colour
    labels = line.data_labels
    labels.number_format, labels.number_format_is_linked = fmt, False
    labels.position = XL_LABEL_POSITION.ABOVE
    labels.show_value = True
    _font(labels.font)
    if target is not None:
        goal = chart.plots[0].series[1]
        goal.smooth = False
        goal.format.line.color.rgb = _rgb(palette.BLACK)
        goal.format.line.width = Pt(2)
        goal.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        goal.marker.style = XL_MARKER_STYLE.NONE
    _axis(chart.category_axis, "Financial year")
    axis = chart.value_axis
    _axis(axis, formats.MEASURE_UNITS.get(measure, ""), fmt)
    axis.minimum_scale, axis.maximum_scale = 0, _value_axis_top(slide, values)
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = _rgb(chart_style.GRID)


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


def _bar_chart(canvas, slide: Slide, box: Box) -> None:
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
    series.format.fill.fore_color.rgb = _rgb(palette.BLUE)
    series.invert_if_negative = False
    labels = series.data_labels
    labels.number_format, labels.number_format_is_linked = "0", False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.show_value = True
    _font(labels.font)
    sections = chart.category_axis
    sections.reverse_order = True  # the highest score at the top, as on the Benchmark page
    _font(sections.tick_labels.font)
    sections.format.line.color.rgb = _rgb(palette.GREY)
    axis = chart.value_axis
    _axis(axis, "Median section score (0-100)", "0")
    axis.minimum_scale, axis.maximum_scale, axis.major_unit = 0, 100, 20
    # The scores' axis crosses the sections at the last, so it stays at the foot.
    axis._element.find(qn("c:crosses")).set("val", "max")
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = _rgb(chart_style.GRID)


def _title_page(canvas, page: Page) -> None:
    slide = page.slide
    band = canvas.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(WIDTH), Inches(0.18))
    band.name = "Band"
    band.fill.solid()
    band.fill.fore_color.rgb = _rgb(palette.BLUE)
    band.line.fill.background()
    # A long portfolio name takes the content slides' title size rather than the page.
    two_lines = lines_needed(page.title, CONTENT_WIDTH - 0.2, COVER_TITLE_SIZE) <= 2
    top = _heading_and_title(canvas, page, COVER_TITLE_SIZE if two_lines else TITLE_SIZE)
    flow = Flow(canvas, MARGIN, top, CONTENT_WIDTH)
    flow.text(slide.text, 24, "Summary", gap=0.3)
    if not slide.table.empty:
        headings, rows, _ = table_text(slide.table)
        width = min(CONTENT_WIDTH, max(COVER_TABLE_WIDTH, natural_width(headings, rows)))
        _table(canvas, slide.table, range(len(slide.table)), MARGIN, flow.y, width)


def _outcome_page(canvas, slide: Slide, top: float) -> None:
    left_w = 4.7
    flow = Flow(canvas, MARGIN, top, left_w)
    flow.text(f"“{slide.text}”", 18, "Outcome", italic=True)
    flow.text(slide.value, VALUE_SIZE, "Headline figure", gap=0, bold=True)
    flow.text(slide.value_label, BODY_SIZE, "Headline measure", gap=0.05)
    flow.text(slide.change, 20, "Change", bold=True)
    flow.space(0.05)
    flow.text(
        catalogue.status_text(slide.status),
        24,
        "Direction of travel",
        gap=0.05,
        bold=True,
        colour=STATUS_TEXT.get(slide.status, MUTED),
    )
    flow.text(slide.direction, BODY_SIZE, "Desired direction", gap=0.05)
    flow.text(slide.target, BODY_SIZE, "Target")
    x = MARGIN + left_w + 0.3
    right = Flow(canvas, x, top, WIDTH - MARGIN - x)
    notes = "\n".join(
        f"No point for {year}: {note}."
        for year, note in zip(slide.data["year"], slide.data["note"], strict=True)
        if note
    )
    note_h = text_height(notes, right.w, BODY_SIZE) + GAP if notes else 0
    chart_box = Box(x, top, right.w, CONTENT_BOTTOM - top - note_h)
    if any(v is not None for v in outcome_values(slide)):
        _line_chart(canvas, slide, chart_box)
    else:
        _text(
            canvas,
            Box(x, top, right.w, 1.0),
            "No figures to draw for this measure.",
            20,
            "No chart",
            colour=MUTED,
        )
    right.y = chart_box.bottom + GAP
    right.text(notes, BODY_SIZE, "Chart notes", colour=MUTED)


def _benchmark_page(canvas, slide: Slide, top: float) -> None:
    if slide.data.empty:
        Flow(canvas, MARGIN, top, CONTENT_WIDTH).text(slide.text, 20, "Text")
        return
    chart_w = 7.9
    _bar_chart(canvas, slide, Box(MARGIN, top, chart_w, CONTENT_BOTTOM - top))
    x = MARGIN + chart_w + 0.3
    words, quote = benchmark_words(slide.text)
    flow = Flow(canvas, x, top, WIDTH - MARGIN - x)
    flow.text(words, BODY_SIZE, "Text")
    flow.text(quote, BODY_SIZE, "Quote", italic=True)


def _table_page(canvas, page: Page, top: float) -> None:
    slide = page.slide
    flow = Flow(canvas, MARGIN, top, CONTENT_WIDTH)
    if page.part == 0:
        flow.text(slide.text, BODY_SIZE, "Text")
    if not slide.table.empty and page.rows is not None:
        _table(canvas, slide.table, page.rows, MARGIN, flow.y, CONTENT_WIDTH)


def deck_bytes(pack: Pack) -> bytes:
    """The meeting pack as a .pptx file: one slide per pack slide (a long table continues on
    the next), each with the provenance line and its number."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(WIDTH), Inches(HEIGHT)
    layout = presentation.slide_layouts[TITLE_ONLY]
    planned = pages(pack)
    line = pack.provenance.line()
    for number, page in enumerate(planned, start=1):
        canvas = presentation.slides.add_slide(layout)
        if page.slide.kind == "title":
            _title_page(canvas, page)
        else:
            top = _heading_and_title(canvas, page)
            if page.slide.kind == "outcome":
                _outcome_page(canvas, page.slide, top)
            elif page.slide.kind == "benchmark":
                _benchmark_page(canvas, page.slide, top)
            else:
                _table_page(canvas, page, top)
        _footer(canvas, line, number, len(planned))
    properties = presentation.core_properties
    title = f"Meeting pack: {pack.slides[0].title}" if pack.slides else "Meeting pack"
    properties.title = short_form(title)
    properties.author = properties.last_modified_by = "dayserv"
    properties.subject = "Modernising day services: meeting pack"
    properties.comments = properties_comment(pack.provenance)
    properties.keywords = "day services; anticipated outcomes; meeting pack"
    properties.created = properties.modified = pack.provenance.produced
    properties.revision = 1
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()
