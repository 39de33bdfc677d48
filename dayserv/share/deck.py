"""The meeting pack as a PowerPoint deck (16:9), slide for slide as ``pack.slides``.

Charts are PowerPoint's own (line and bar charts holding their figures, drawn by
``deck_charts``), so the deck needs no browser to build and its charts can be restyled or
read in PowerPoint. Type is large
enough to read across a room (titles 28 pt, body 16 pt; the title slide's facts and the
portfolio at a glance up to 22 pt, filling their slide); every slide carries the
provenance line and its number. A table too long for its slide continues on the next,
under the same title with "(continued)", rather than shrinking below 16 pt. An outcome
chart's plot area is set, so each value label is placed clear of the target's line.

Where each shape goes is ``deck_layout``'s: text boxes are sized from how their text wraps
in Calibri, so shapes can be laid out one under another without overlapping (a title that
runs to two or three lines moves the body down), and a test can check that they do not.
This draws the text boxes and tables with python-pptx. Every slide has speaker notes, the
pack's: its figures in words and its measures' exact definitions.
"""

from __future__ import annotations

import io

import pandas as pd
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from dayserv import catalogue, palette
from dayserv.figures import slide_words
from dayserv.share.deck_charts import bar_chart, line_chart, outcome_values, rgb
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
    OUTCOMES_SMALL,
    TITLE_SIZE,
    VALUE_SIZE,
    WIDTH,
    Box,
    Page,
    TableFit,
    benchmark_words,
    column_widths,
    fitted_table,
    heading_height,
    lines_needed,
    natural_width,
    outcomes_layout,
    pages,
    properties_comment,
    row_heights,
    short_form,
    table_layout,
    table_text,
    text_height,
    title_height,
    title_size,
    title_top,
)
from dayserv.share.outcome_slides import chart_notes
from dayserv.share.pack import Pack
from dayserv.share.slide import Slide
from dayserv.show import chart_style

TEXT = chart_style.TEXT
MUTED = chart_style.GREY_TEXT  # 7.5:1 on white: readable small grey
HEADER_FILL = palette.BLUE  # white bold on Okabe-Ito blue: 5.1:1
BAND_FILL = "#F2F2F2"
# The status's colour, the palette's darkened so that text in it is WCAG AA on white and on
# the table's band (4.5:1 and more); the symbol and the words say it without colour.
STATUS_TEXT = {
    "on track": "#006B50",  # the palette's bluish green, darker: 6.5:1
    "not on track": "#A84700",  # its vermillion, darker: 5.9:1
    "no data": chart_style.GREY_TEXT,
}
SUMMARY_SIZES = (24, 20, 18)  # the title slide's paragraph: smaller only where it must be
SUMMARY_GAP = 0.3
# The title slide's facts that its footer gives too (and the notes and the appendix), left
# out in this order where a long area name, summary and filters leave them too little room.
FOOTER_FACTS = ("Produced", "Years", "Filters")
TITLE_ONLY = 5  # the default template's "Title Only" layout: a real title placeholder


# ---------------------------------------------------------------- drawing


def _style_run(run, size: float, bold=False, italic=False, colour: str = TEXT) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.color.rgb = rgb(colour)


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


def _heading_and_title(canvas, page: Page, size: float = TITLE_SIZE) -> float:
    """The slide's small heading and its title (the finding), each as tall as its wrapped
    lines, a title past two lines set smaller if that brings it to two; returns where
    content starts, under the title however long it is."""
    heading = page.slide.heading
    _text(
        canvas,
        Box(MARGIN, 0.3, CONTENT_WIDTH, heading_height(heading)),
        heading,
        HEADING_SIZE,
        "Heading",
        colour=MUTED,
    )
    drawn = title_size(page.title, size)
    title_h = title_height(page.title, drawn)
    box = Box(MARGIN, title_top(heading), CONTENT_WIDTH, title_h)
    title = canvas.shapes.title
    _place(title, box)
    title.text_frame.text = ""
    _fill_frame(title.text_frame, [page.title], drawn, bold=True)
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


def _cell(
    cell, text: str, size: float, *, header: bool, band: bool, right: bool, middle=False
) -> None:
    cell.margin_left = cell.margin_right = Inches(CELL_MARGIN_X)
    cell.margin_top = cell.margin_bottom = Inches(CELL_MARGIN_Y)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE if middle else MSO_ANCHOR.TOP
    cell.fill.solid()
    cell.fill.fore_color.rgb = rgb(HEADER_FILL if header else BAND_FILL if band else "#FFFFFF")
    frame = cell.text_frame
    frame.word_wrap = True
    frame.text = ""
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.RIGHT if right else PP_ALIGN.LEFT
    run = paragraph.add_run()
    run.text = text
    _style_run(run, size, bold=header, colour="#FFFFFF" if header else TEXT)


def _rich_cell(cell, parts, *, band: bool) -> None:
    """A cell of several paragraphs, each (text, size, bold, colour)."""
    cell.margin_left = cell.margin_right = Inches(CELL_MARGIN_X)
    cell.margin_top = cell.margin_bottom = Inches(CELL_MARGIN_Y)
    cell.vertical_anchor = MSO_ANCHOR.TOP
    cell.fill.solid()
    cell.fill.fore_color.rgb = rgb(BAND_FILL if band else "#FFFFFF")
    frame = cell.text_frame
    frame.word_wrap = True
    frame.text = ""
    for i, (text, size, bold, colour) in enumerate(parts):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        run = paragraph.add_run()
        run.text = text
        _style_run(run, size, bold=bold, colour=colour)


def _outcomes_page(canvas, slide: Slide, top: float) -> None:
    """The six outcomes, a row each: the outcome in plain words and its measure, the latest
    figure, the change, and the direction of travel in words (coloured, with its symbol)
    over where the target stands."""
    flow = Flow(canvas, MARGIN, top, CONTENT_WIDTH)
    layout = outcomes_layout(slide.table, CONTENT_BOTTOM - top)
    words = text_height(slide.text, CONTENT_WIDTH, BODY_SIZE) + GAP if slide.text else 0
    if sum(layout.heights) + words <= CONTENT_BOTTOM - top:  # else it is in the notes
        flow.text(slide.text, BODY_SIZE, "Text")
    widths, heights = layout.widths, layout.heights
    frame = canvas.shapes.add_table(
        len(heights),
        len(widths),
        Inches(MARGIN),
        Inches(flow.y),
        Inches(CONTENT_WIDTH),
        Inches(sum(heights)),
    )
    frame.name = "Outcomes"
    grid = frame.table
    grid.first_row, grid.horz_banding = True, False
    for c, width in enumerate(widths):
        grid.columns[c].width = Emu(int(Inches(width)))
    for r, height in enumerate(heights):
        grid.rows[r].height = Emu(int(Inches(height)))
    for c, heading in enumerate(layout.headings):
        _cell(grid.cell(0, c), heading, OUTCOMES_SMALL, header=True, band=False, right=False)
    statuses = slide.data["status"].tolist() if "status" in slide.data else []
    for r, cells in enumerate(layout.rows, start=1):
        status = catalogue.KIND_STATUS.get(statuses[r - 1] if r <= len(statuses) else "", "no data")
        for c, parts in enumerate(cells):
            coloured = [
                (text, part_size, bold, STATUS_TEXT[status] if c == 3 and i == 0 else colour)
                for i, (text, part_size, bold, colour) in enumerate(parts)
            ]
            _rich_cell(grid.cell(r, c), coloured, band=r % 2 == 0)


def _table_heights(table: pd.DataFrame, rows: range, w: float) -> tuple[list, list[float]]:
    """A table's column widths and its rows' heights (the headings' first) at width ``w``."""
    headings, texts, _, widths = table_layout(table)
    if w != CONTENT_WIDTH:
        widths = column_widths(headings, texts, w, BODY_SIZE)
    return widths, row_heights([headings, *(texts[i] for i in rows)], widths, BODY_SIZE)


def _table(canvas, table: pd.DataFrame, rows: range, x: float, y: float, w: float, fit=None) -> Box:
    """A table drawn at 16 pt, or whole as ``fit`` (a TableFit) sets it, its rows' text in
    the middle of the air they are given."""
    headings, texts, numeric, _ = table_layout(table)
    shown = [texts[i] for i in rows]
    widths, heights = (fit.widths, fit.heights) if fit else _table_heights(table, rows, w)
    size = fit.size if fit else BODY_SIZE
    w = sum(widths)
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
    style = {"right": False, "middle": fit is not None}
    for c, heading in enumerate(headings):
        style["right"] = numeric[c]
        _cell(grid.cell(0, c), heading, size, header=True, band=False, **style)
    for r, row in enumerate(shown, start=1):
        for c, text in enumerate(row):
            style["right"] = numeric[c]
            _cell(grid.cell(r, c), text, size, header=False, band=r % 2 == 0, **style)
    return box


def _title_page(canvas, page: Page) -> None:
    slide = page.slide
    band = canvas.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(WIDTH), Inches(0.18))
    band.name = "Band"
    band.fill.solid()
    band.fill.fore_color.rgb = rgb(palette.BLUE)
    band.line.fill.background()
    # A long portfolio name takes the content slides' title size rather than the page.
    two_lines = lines_needed(page.title, CONTENT_WIDTH - 0.2, COVER_TITLE_SIZE) <= 2
    top = _heading_and_title(canvas, page, COVER_TITLE_SIZE if two_lines else TITLE_SIZE)
    facts_h = 0.0
    if not slide.table.empty:
        headings, rows, _ = table_text(slide.table)
        width = min(CONTENT_WIDTH, max(COVER_TABLE_WIDTH, natural_width(headings, rows)))
        facts_h = sum(_table_heights(slide.table, range(len(slide.table)), width)[1])
    # The summary paragraph in the largest type that leaves room for the facts beneath it
    # at 16 pt; then the facts in the largest type the room left holds.
    room = CONTENT_BOTTOM - top - SUMMARY_GAP - facts_h
    size = next(
        (s for s in SUMMARY_SIZES if text_height(slide.text, CONTENT_WIDTH, s) <= room),
        SUMMARY_SIZES[-1],
    )
    flow = Flow(canvas, MARGIN, top, CONTENT_WIDTH)
    flow.text(slide.text, size, "Summary", gap=SUMMARY_GAP)
    if not slide.table.empty:
        facts, room = slide.table, CONTENT_BOTTOM - flow.y
        fit = fitted_table(facts, room, least=COVER_TABLE_WIDTH)
        for label in FOOTER_FACTS:  # a long name and filters: what the footer says, once
            if fit.fits:
                break
            facts = facts[facts.iloc[:, 0] != label]
            fit = fitted_table(facts, room, least=COVER_TABLE_WIDTH)
        _table(canvas, facts, range(len(facts)), MARGIN, flow.y, sum(fit.widths), fit)


def _outcome_words(slide: Slide) -> list[tuple[str, float, str, float, dict]]:
    """The left column of an outcome slide, top to bottom: (text, size, name, gap, style)."""
    colour = STATUS_TEXT.get(slide.status, MUTED)
    return [
        (f"“{slide.text}”", 18, "Outcome", GAP, {"italic": True}),
        (slide.value, VALUE_SIZE, "Headline figure", 0, {"bold": True}),
        (slide.value_label, BODY_SIZE, "Headline measure", 0.05, {}),
        (slide.change, 20, "Change", GAP + 0.05, {"bold": True}),
        (
            slide.verdict,
            24,
            "Direction of travel",
            0.05,
            {"bold": True, "colour": colour},
        ),
        (slide.target, 18, "Target", 0.1, {}),
        (slide.direction, BODY_SIZE, "Desired direction", GAP, {}),
    ]


# What an outcome slide leaves to its notes when a long title leaves too little room.
OUTCOME_OPTIONAL = ("Outcome", "Desired direction", "Headline measure")


def _outcome_page(canvas, slide: Slide, top: float) -> None:
    left_w = 4.7
    words = [w for w in _outcome_words(slide) if w[0]]
    for optional in OUTCOME_OPTIONAL:
        needed = sum(text_height(text, left_w, size) + gap for text, size, _, gap, _ in words)
        if top + needed - words[-1][3] <= CONTENT_BOTTOM:
            break
        words = [w for w in words if w[2] != optional]  # it is in the notes
    flow = Flow(canvas, MARGIN, top, left_w)
    for text, size, name, gap, style in words:
        flow.text(text, size, name, gap=gap, **style)
    x = MARGIN + left_w + 0.3
    right = Flow(canvas, x, top, WIDTH - MARGIN - x)
    notes = "\n".join(chart_notes(slide.data))
    note_h = text_height(notes, right.w, BODY_SIZE) + GAP if notes else 0
    chart_box = Box(x, top, right.w, CONTENT_BOTTOM - top - note_h)
    if any(v is not None for v in outcome_values(slide)):
        line_chart(canvas, slide, chart_box)
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
    bar_chart(canvas, slide, Box(MARGIN, top, chart_w, CONTENT_BOTTOM - top))
    x = MARGIN + chart_w + 0.3
    words, quote = benchmark_words(slide.text)
    flow = Flow(canvas, x, top, WIDTH - MARGIN - x)
    flow.text(words, BODY_SIZE, "Text")
    flow.text(quote, BODY_SIZE, "Quote", italic=True)


FITTED = ("glance",)  # slides whose table, when it fits whole, is set to fill the slide


def _fitted_page(slide: Slide, top: float) -> tuple[float, TableFit] | None:
    """A slide's words' size (20 pt, or 16) and its table filling the room under them,
    where the table fits whole; None where it does not (it is drawn at 16 pt)."""
    for size in (20, BODY_SIZE):
        words = text_height(slide.text, CONTENT_WIDTH, size) + GAP if slide.text else 0
        room = CONTENT_BOTTOM - top - words
        fit = fitted_table(slide.table, room)
        if fit.fits and (fit.size >= size or size == BODY_SIZE):
            return size, fit
    return None


def _table_page(canvas, page: Page, top: float) -> None:
    slide = page.slide
    flow = Flow(canvas, MARGIN, top, CONTENT_WIDTH)
    whole = page.rows is not None and page.part == 0 and len(page.rows) == len(slide.table)
    fitted = _fitted_page(slide, top) if whole and slide.kind in FITTED else None
    size, fit = fitted or (BODY_SIZE, None)  # else at 16 pt, as the slides it continues on
    if page.part == 0:
        flow.text(slide.text, size, "Text")
    if not slide.table.empty and page.rows is not None:
        _table(canvas, slide.table, page.rows, MARGIN, flow.y, CONTENT_WIDTH, fit)


def page_notes(page: Page) -> str:
    """A deck slide's speaker notes: the pack slide's, or, on a table's continuation, the
    rows it shows in words."""
    if not page.part:
        return page.slide.notes
    headings, texts, _ = table_text(page.slide.table)
    rows = slide_words.table_lines(page.slide.table, texts, page.rows)
    return "\n".join([f"{page.title}: the table from the slide before, continued.", *rows])


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
            elif page.slide.kind == "outcomes":
                _outcomes_page(canvas, page.slide, top)
            elif page.slide.kind == "benchmark":
                _benchmark_page(canvas, page.slide, top)
            else:
                _table_page(canvas, page, top)
        _footer(canvas, line, number, len(planned))
        canvas.notes_slide.notes_text_frame.text = page_notes(page)
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
