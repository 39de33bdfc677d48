"""Where everything goes on the deck's slides, worked out before anything is drawn: the
slide's measures and type sizes, text measured as it wraps in Calibri (the theme's font),
a table's column widths and row heights, a table too long for its slide shared out over
more, and the document properties' short forms. Pure: no python-pptx."""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, replace

import pandas as pd

from dayserv.figures import benchmarking, formats
from dayserv.figures.publication import SUPPRESSED
from dayserv.share.pack import Pack, column_text, is_missing, is_number
from dayserv.share.provenance import Provenance
from dayserv.share.slide import Slide
from dayserv.show import chart_style

WIDTH, HEIGHT = 13.333, 7.5  # inches: 16:9
MARGIN = 0.5
CONTENT_WIDTH = WIDTH - 2 * MARGIN
FOOTER_TOP = 6.88  # the provenance line and slide number sit below this
CONTENT_BOTTOM = 6.78
GAP = 0.15
COVER_TABLE_WIDTH = 9.0  # the title slide's facts, unless they need more

TITLE_SIZE = 28
LONG_TITLE_SIZE = 24  # a finding past two lines at 28 pt, if that brings it to two
COVER_TITLE_SIZE = 36
HEADING_SIZE = 18
BODY_SIZE = 16
FOOTER_SIZE = 12
VALUE_SIZE = 48
LINE_SPACING = 1.2  # a line is 1.2 times the type size
# Characters' widths in ems in Calibri (measured on Carlito, its metric twin; the wider of
# regular and bold, rounded up), so that boxes are sized to their wrapped text.
WIDTHS = {
    0.25: "il' ",
    0.3: "jI,.:;",
    0.35: "ftJ!()-[]`{}",
    0.4: "rsz",
    0.45: 'cL"/\\',
    0.5: "agkvxyEFSTZ#*+<=>?^_|~",
    0.55: "0123456789bdehnopquCKPY$",
    0.6: "BRVX",
    0.65: "ADGH",
    0.7: "NOQU",
    0.75: "w%&",
    0.85: "m",
    0.9: "M@",
    0.95: "W",
}
CHAR_WIDTH = {char: width for width, chars in WIDTHS.items() for char in chars}
OTHER_WIDTH = 0.7  # any other character (dashes, quotes, symbols): wide, to be safe
SLACK = 1.05  # PowerPoint's wrapping differs a little from ours
BOX_MARGIN = 0.05  # inches above and below the text in a box
CELL_MARGIN_X, CELL_MARGIN_Y = 0.08, 0.05
CONTINUED = " (continued)"
UNSPLIT = ("title", "outcomes")  # slides drawn whole, never continued
OUTCOMES_SIZE = 20  # the six outcomes' slide, read from the back row (22 pt when it fits)
OUTCOMES_SMALL = 16  # its second lines (the measure, the target)
PROPERTY_LIMIT = 255  # characters a document property holds (python-pptx refuses more)


# ---------------------------------------------------------------- text sizes


def text_width(text: str, size: float) -> float:
    """The width in inches of ``text`` on one line at ``size`` points."""
    return sum(CHAR_WIDTH.get(char, OTHER_WIDTH) for char in text) * SLACK * size / 72


def lines_needed(text: str, width: float, size: float) -> int:
    """How many lines ``text`` takes in a box ``width`` inches wide at ``size`` points,
    wrapped at spaces (a word longer than the line is broken)."""
    space = text_width(" ", size)
    lines = 0
    for paragraph in str(text).split("\n"):
        lines, used = lines + 1, 0.0
        for word in paragraph.split(" "):
            needed = text_width(word, size)
            if used and used + space + needed > width:
                lines, used = lines + 1, 0.0
            used += (space if used else 0.0) + needed
            while used > width:
                lines, used = lines + 1, used - width
    return lines


def text_height(text: str, width: float, size: float) -> float:
    """The height in inches of a text box holding ``text`` (with its margins)."""
    lines = lines_needed(text, width - 0.2, size)
    return lines * size * LINE_SPACING / 72 + 2 * BOX_MARGIN


def benchmark_words(text: str) -> tuple[str, str]:
    """A benchmark slide's text as its explanation and, apart, the seed's advice quoted."""
    words, quote, _ = text.partition(benchmarking.SEED_QUOTE)
    return words.strip(), f"“{quote}.”" if quote else ""


# ---------------------------------------------------------------- document properties


def short_form(text: str, limit: int = PROPERTY_LIMIT) -> str:
    """``text`` as a document property holds it: whole when it fits, otherwise cut at a
    word and ended with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut.strip():
        cut = cut[: cut.rstrip().rindex(" ")]
    return cut.rstrip(" ·;,:") + "…"


def properties_comment(provenance: Provenance) -> str:
    """The provenance line for the deck's Comments property, within its 255 characters: the
    filters are shortened first, so that source, years and date stay whole (every slide's
    footer carries the full line)."""
    line = provenance.line()
    if len(line) <= PROPERTY_LIMIT:
        return line
    room = max(len(provenance.filters) - (len(line) - PROPERTY_LIMIT), 1)
    return short_form(replace(provenance, filters=short_form(provenance.filters, room)).line())


# ---------------------------------------------------------------- table text


def _hidden(value) -> bool:
    """A count hidden by publication mode ("<5", "suppressed"): it stands for a number."""
    return isinstance(value, str) and (value == SUPPRESSED or re.fullmatch(r"<\d+", value))


def table_text(table: pd.DataFrame) -> tuple[list[str], list[list[str]], list[bool]]:
    """A table's headings, its rows as text, and which columns hold numbers (set right)."""
    columns = [column_text(table[column]) for column in table.columns]
    numeric = [
        all(is_number(v) or is_missing(v) or _hidden(v) for v in table[c])
        and any(is_number(v) and not is_missing(v) for v in table[c])
        for c in table.columns
    ]
    rows = [list(row) for row in zip(*columns, strict=True)] if columns else []
    return [str(c) for c in table.columns], rows, numeric


# ---------------------------------------------------------------- layout


@dataclass(frozen=True)
class Box:
    """A shape's place on the slide, in inches."""

    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h


def _cell_width(text: str, size: float) -> float:
    return text_width(text, size) + 2 * CELL_MARGIN_X + 0.1


def natural_width(headings: list[str], rows: list[list[str]], size: float = BODY_SIZE) -> float:
    """How wide a table is with no cell wrapped."""
    return sum(
        max(_cell_width(t, size) for t in [heading, *(row[i] for row in rows)])
        for i, heading in enumerate(headings)
    )


def column_widths(headings: list[str], rows: list[list[str]], width: float, size: float):
    """Widths (inches) for a table's columns that add up to ``width``: each column as wide
    as its longest text where they all fit, otherwise the longest columns share what the
    others leave and wrap."""
    natural, least = [], []
    for i, heading in enumerate(headings):
        texts = [heading, *(row[i] for row in rows)]
        natural.append(max(_cell_width(t, size) for t in texts))
        words = [w for t in texts for w in t.split()] or [""]
        least.append(max(_cell_width(w, size) for w in words))
    if sum(natural) <= width:
        return [n * width / sum(natural) for n in natural]
    widths = [None] * len(headings)
    budget, open_columns = width, list(range(len(headings)))
    while open_columns:  # columns narrower than a fair share keep their width
        share = budget / len(open_columns)
        fixed = [i for i in open_columns if natural[i] <= share]
        if not fixed:
            for i in open_columns:
                widths[i] = max(least[i], share)
            break
        for i in fixed:
            widths[i] = natural[i]
            budget -= natural[i]
        open_columns = [i for i in open_columns if i not in fixed]
    scale = width / sum(widths)
    return [w * scale for w in widths]


def row_heights(rows: list[list[str]], widths: list[float], size: float) -> list[float]:
    """Each row's height (inches): its tallest cell once the text has wrapped."""
    line = size * LINE_SPACING / 72
    return [
        max(
            lines_needed(text, w - 2 * CELL_MARGIN_X, size) * line + 2 * CELL_MARGIN_Y
            for text, w in zip(row, widths, strict=True)
        )
        for row in rows
    ]


def _table_chunks(
    heights: list[float], header: float, first: float, rest: float, slides: int | None = None
) -> list[range]:
    """The rows of each slide a table spans: as many as fit under the header, the first
    slide having ``first`` inches and the others ``rest``; with ``slides``, no more than an
    even share of the rows left."""
    chunks, start, room = [], 0, first - header
    while start < len(heights):
        most = len(heights)
        if slides is not None:
            most = math.ceil((len(heights) - start) / max(1, slides - len(chunks)))
        end, used = start, 0.0
        while end < len(heights) and end - start < most:
            if used + heights[end] > room and end > start:
                break
            used += heights[end]
            end += 1
        chunks.append(range(start, end))
        start, room = end, rest - header
    return chunks or [range(0)]


def table_pages(heights: list[float], header: float, first: float, rest: float) -> list[range]:
    """The rows of each slide, shared as evenly as the slides allow (8 and 4 rows become 6
    and 6), so that no slide holds a lonely remainder."""
    chunks = _table_chunks(heights, header, first, rest)
    if len(chunks) > 1:
        even = _table_chunks(heights, header, first, rest, len(chunks))
        if len(even) == len(chunks):
            return even
    return chunks


@dataclass(frozen=True)
class Page:
    """One slide of the deck: a pack slide, or the continuation of its table."""

    slide: Slide
    rows: range | None = None  # the table rows shown here (None: the whole slide as it is)
    part: int = 0

    @property
    def title(self) -> str:
        return self.slide.title + (CONTINUED if self.part else "")


HEADING_TOP = 0.3


def heading_height(heading: str) -> float:
    """The small heading above the title, as tall as its wrapped lines (a plan's heading
    can run to two)."""
    return text_height(heading or "x", CONTENT_WIDTH, HEADING_SIZE)


def title_size(title: str, size: float = TITLE_SIZE) -> float:
    """A slide title's type size: ``size`` (28 pt), or 24 pt where the title would run past
    two lines and 24 pt brings it to two, so that a long finding leaves the body its room
    (longer still, it keeps its size and the body starts under its lines)."""
    if lines_needed(title, CONTENT_WIDTH - 0.2, size) <= 2:
        return size
    smaller = min(size, LONG_TITLE_SIZE)
    return smaller if lines_needed(title, CONTENT_WIDTH - 0.2, smaller) <= 2 else size


def title_height(title: str, size: float | None = None) -> float:
    """The title's box: as tall as its lines at its size (``title_size``'s unless given)."""
    return text_height(title, CONTENT_WIDTH, size or title_size(title))


def title_top(heading: str = "") -> float:
    """Where the title starts: under the heading, however many lines that takes."""
    return HEADING_TOP + heading_height(heading)


def content_top(title: str, heading: str = "", size: float | None = None) -> float:
    """Where a slide's body starts: under its title, however many lines the title takes, so
    a long title moves the body down rather than running into it."""
    return title_top(heading) + title_height(title, size) + GAP


TABLE_SIZES = (22, 20, 18, BODY_SIZE)  # a slide's only table, in the largest that fits
ROW_AIR = 0.15  # inches at most added to each such row where the slide has room to spare


@dataclass(frozen=True)
class TableFit:
    """A table set to fill its slide: its type size, its columns' widths and its rows'
    heights (the headings' first), each row given some air where room is to spare, and
    whether it fits its room."""

    size: float
    widths: list[float]
    heights: list[float]
    fits: bool  # whether it fits its room (at 16 pt it may not)

    @property
    def height(self) -> float:
        return sum(self.heights)


def fitted_table(
    table: pd.DataFrame, room: float, width: float = CONTENT_WIDTH, least: float | None = None
) -> TableFit:
    """``table`` whole in ``room`` inches at the largest of TABLE_SIZES that fits (16 pt if
    none does), ``width`` wide, or as wide as its text needs if ``least`` is given (but no
    less than ``least``); the room left shared among its rows, up to ROW_AIR each."""
    headings, rows, _ = table_text(table)
    for size in TABLE_SIZES:
        w = width if least is None else min(width, max(least, natural_width(headings, rows, size)))
        widths = column_widths(headings, rows, w, size)
        heights = row_heights([headings, *rows], widths, size)
        if sum(heights) <= room:
            break
    fits = sum(heights) <= room
    air = min(ROW_AIR, max(0.0, room - sum(heights)) / len(heights)) * 0.999
    return TableFit(size, widths, [h + air for h in heights], fits)


def table_layout(table: pd.DataFrame, size: float = BODY_SIZE):
    headings, rows, numeric = table_text(table)
    widths = column_widths(headings, rows, CONTENT_WIDTH, size)
    return headings, rows, numeric, widths


def pages(pack: Pack) -> list[Page]:
    """The deck's slides: each pack slide, with a table too long for it continued on more."""
    out = []
    for slide in pack.slides:
        if slide.kind in UNSPLIT or slide.table.empty:
            out.append(Page(slide))
            continue
        headings, rows, _, widths = table_layout(slide.table)
        header = row_heights([headings], widths, BODY_SIZE)[0]
        top = content_top(slide.title, slide.heading)
        text = text_height(slide.text, CONTENT_WIDTH, BODY_SIZE) + GAP if slide.text else 0
        first = CONTENT_BOTTOM - top - text
        rest = CONTENT_BOTTOM - content_top(slide.title + CONTINUED, slide.heading)
        chunks = table_pages(row_heights(rows, widths, BODY_SIZE), header, first, rest)
        out.extend(Page(slide, chunk, part) for part, chunk in enumerate(chunks))
    return out


# ---------------------------------------------------------------- the six outcomes' slide

OUTCOMES_SHARES = (0.40, 0.13, 0.15, 0.32)  # outcome, latest, change, direction and target


@dataclass(frozen=True)
class OutcomesLayout:
    """The six outcomes' table as drawn: its headings, each row's cells as paragraphs
    (text, size, bold, colour), the columns' widths and the rows' heights, at ``size``."""

    headings: list[str]
    rows: list[list[list[tuple[str, float, bool, str]]]]
    widths: list[float]
    heights: list[float]
    size: float


def _outcome_cells(row: pd.Series, size: float) -> list[list[tuple[str, float, bool, str]]]:
    text, muted = chart_style.TEXT, chart_style.GREY_TEXT
    outcome, measure, latest, change, direction, target = (str(v) for v in row.to_numpy())
    return [
        [(outcome, size, True, text), (measure, OUTCOMES_SMALL, False, muted)],
        [(latest, size + 4, True, text)],
        [(change, size, False, text)],
        [(direction, size, True, text), (target, OUTCOMES_SMALL, False, text)],
    ]


def _cell_height(parts, width: float) -> float:
    return (
        sum(
            lines_needed(text, width - 2 * CELL_MARGIN_X, size) * size * LINE_SPACING / 72
            for text, size, _, _ in parts
        )
        + 2 * CELL_MARGIN_Y
    )


def outcomes_layout(table: pd.DataFrame, room: float) -> OutcomesLayout:
    """The six outcomes' table at the largest type (22, 20 or 18 pt) that fits ``room``
    inches: outcome and measure, latest figure, change, direction of travel and target."""
    columns = [str(c) for c in table.columns]
    headings = [
        "Anticipated outcome",
        columns[2].removeprefix("Latest, "),  # "2025/26"
        formats.first_upper(columns[3].removeprefix("Change ")),  # "Since 2022/23"
        "Direction of travel and target",
    ]
    widths = [share * CONTENT_WIDTH for share in OUTCOMES_SHARES]
    for size in (OUTCOMES_SIZE + 2, OUTCOMES_SIZE, OUTCOMES_SIZE - 2):
        rows = [_outcome_cells(row, size) for _, row in table.iterrows()]
        header = [[(h, OUTCOMES_SMALL, True, "#FFFFFF")] for h in headings]
        heights = [
            max(_cell_height(parts, w) for parts, w in zip(cells, widths, strict=True))
            for cells in [header, *rows]
        ]
        if sum(heights) <= room:
            break
    return OutcomesLayout(headings, rows, widths, heights, size)


# ---------------------------------------------------------------- an outcome's line chart

LINE_PT = 4.5  # the measure's line, as thick as the pages' trend lines
TARGET_PT = 3  # the target's dashed line
MARKER_PT = 12  # the points' circles
SMALL_BASE_PT = 15  # a point on a small base: hollow and larger (the pages' 18 px to 14 px)
LABEL_GAP = 0.04  # inches between a point's circle and its label
CLEARANCE = 0.04  # inches kept between a label and a line it must not touch
ABOVE, BELOW, LEFT, RIGHT = "above", "below", "left", "right"


@dataclass(frozen=True)
class LinePlot:
    """A line chart's plot area on the slide (inches) and its value axis, from 0 to
    ``top``, over ``n`` categories, each point at the middle of its category."""

    box: Box
    top: float
    n: int

    def x(self, i: int) -> float:
        return self.box.x + self.box.w * (i + 0.5) / self.n

    def y(self, value: float) -> float:
        return self.box.bottom - self.box.h * value / self.top


def plot_insets(
    tick: str, categories: list[str], width: float, legend: bool, size: float = BODY_SIZE
):
    """The room (inches) a line chart ``width`` wide leaves around its plot area, left, top,
    right and bottom: the value axis's title and widest ``tick`` label, the legend above,
    the categories (as many lines as their own) and their axis's title below (more if the
    years must be turned)."""
    line = size * LINE_SPACING / 72
    left = line + 0.15 + text_width(tick, size) + 0.15
    top = line + 0.3 if legend else 0.25
    right = 0.25
    room = (width - left - right) / max(1, len(categories))
    lines = [part for category in categories for part in category.split("\n")]
    widest = max((text_width(part, size) for part in lines), default=0.0)
    deep = max((category.count("\n") + 1 for category in categories), default=1) * line
    years = deep if widest + 0.1 <= room else widest * 0.75 + deep  # turned 45 degrees
    return left, top, right, years + 0.1 + line + 0.1


def plot_area(chart: Box, insets: tuple[float, float, float, float], top: float, n: int):
    """The plot area inside a chart's ``box`` once its ``insets`` are set aside."""
    left, up, right, down = insets
    inner = Box(chart.x + left, chart.y + up, chart.w - left - right, chart.h - up - down)
    return LinePlot(inner, top, n)


def label_box(plot: LinePlot, i: int, value: float, text: str, place: str, size=BODY_SIZE):
    """Where a point's value label sits (inches) when set ``place`` of its circle, as
    PowerPoint sets it: centred on the point across or up, clear of the circle."""
    w = text_width(text, size) + 0.1
    h = size * LINE_SPACING / 72 + 0.06
    x, y = plot.x(i), plot.y(value)
    off = MARKER_PT / 2 / 72 + LABEL_GAP
    if place == ABOVE:
        return Box(x - w / 2, y - off - h, w, h)
    if place == BELOW:
        return Box(x - w / 2, y + off, w, h)
    if place == RIGHT:
        return Box(x + off, y - h / 2, w, h)
    return Box(x - off - w, y - h / 2, w, h)


def _overlaps(a: Box, b: Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.bottom and b.y < a.bottom


def _crosses(box: Box, start: tuple[float, float], end: tuple[float, float]) -> bool:
    """Whether the segment from ``start`` to ``end`` passes through ``box`` (Liang-Barsky)."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in (
        (-dx, x0 - box.x),
        (dx, box.x + box.w - x0),
        (-dy, y0 - box.y),
        (dy, box.bottom - y0),
    ):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def target_band(plot: LinePlot, target: float) -> Box:
    """The target's dashed line across the plot, as thick as it is drawn and the clearance
    a label keeps from it."""
    half = TARGET_PT / 2 / 72 + CLEARANCE
    return Box(plot.box.x, plot.y(target) - half, plot.box.w, 2 * half)


def _clear(plot: LinePlot, box: Box, segments: list, band: Box | None) -> bool:
    """Whether a label's ``box`` lies in the plot area, off the target's ``band`` and clear
    of the measure's line ``segments`` (the box's margins round its letters keep them clear
    of the line's thickness)."""
    area = plot.box
    inside = area.x <= box.x and box.x + box.w <= area.x + area.w
    inside = inside and area.y <= box.y and box.bottom <= area.bottom
    crossed = any(_crosses(box, a, b) for a, b in segments)
    return inside and not crossed and not (band is not None and _overlaps(box, band))


def label_places(
    plot: LinePlot, values: list[float | None], texts: list[str], target: float | None
) -> list[str | None]:
    """Each point's label place: above its circle, unless there it would touch the target's
    line, leave the plot area or be crossed by the measure's own line; then below; then, for
    the last or first point, to its right or left, where no line goes. Where none is clear,
    the first clear of the target and the plot's edges; None where there is no point."""
    points = [None if v is None else (plot.x(i), plot.y(v)) for i, v in enumerate(values)]
    segments = [(a, b) for a, b in itertools.pairwise(points) if a and b]
    band = target_band(plot, target) if target is not None else None
    places = []
    for i, (value, text) in enumerate(zip(values, texts, strict=True)):
        if value is None:
            places.append(None)
            continue
        choices = [ABOVE, BELOW, *([RIGHT] if i == len(values) - 1 else [])]
        choices += [LEFT] if i == 0 else []
        boxes = {place: label_box(plot, i, value, text, place) for place in choices}
        best = [p for p in choices if _clear(plot, boxes[p], segments, band)]
        fair = [p for p in choices if _clear(plot, boxes[p], [], band)]
        places.append((best or fair or [ABOVE])[0])
    return places
