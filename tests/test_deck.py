"""The meeting pack as a PowerPoint deck, read back with python-pptx."""

from __future__ import annotations

import io
import itertools
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from pptx.chart.plot import LinePlot
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.oxml.ns import qn
from pptx.util import Emu

from dayserv import catalogue, frameworks
from dayserv.figures import formats, overview, slide_words
from dayserv.figures.filters import Filter
from dayserv.figures.publication import Publication
from dayserv.read.clean import load
from dayserv.read.reader import Source, sources_from_paths
from dayserv.share import deck, deck_charts, deck_layout, pack
from tests.workbooks import SERVICES_HEADER, load_sheets, service_row

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "sample_portfolio.xlsx"
MADE = datetime(2026, 11, 25, 9, 0)
EMU_PER_INCH = 914400


@pytest.fixture(scope="module")
def sample():
    return load(sources_from_paths([SAMPLE]))


@pytest.fixture(scope="module")
def sample_pack(sample):
    return pack.build(sample, produced=MADE)


@pytest.fixture(scope="module")
def sample_deck(sample_pack):
    return Presentation(io.BytesIO(deck.deck_bytes(sample_pack)))


def people_portfolio(localities=None, name="test.xlsx"):
    """Two years; North supports 3 people, South 40 and 25 (or one service per locality
    given, each supporting 30)."""
    header = [*SERVICES_HEADER, "People supported", "Places"]
    rows = [header]
    for year in ("2023/24", "2024/25"):
        if localities:
            for n, locality in enumerate(localities):
                service = service_row(f"Service {n}", f"Provider {n}", year, "Voluntary")
                service[SERVICES_HEADER.index("Locality")] = locality
                rows.append([*service, 30, 20])
            continue
        rows.append([*service_row("Hope", "Mind", year, "Voluntary", locality="North"), 3, 10])
        rows.append([*service_row("Link", "Council", year, "LA", locality="South"), 40, 30])
        rows.append([*service_row("Path", "Peers", year, "User-led", "Yes", "South"), 25, 20])
    return load_sheets({"Services": rows}, name=name)


def read(built: pack.Pack):
    return Presentation(io.BytesIO(deck.deck_bytes(built)))


def named(slide, name: str):
    return [shape for shape in slide.shapes if shape.name == name]


def table_cells(slide) -> list[list[str]]:
    rows = []
    for shape in slide.shapes:
        if shape.has_table:
            rows += [[cell.text for cell in row.cells] for row in shape.table.rows]
    return rows


def folded(titles: list[str]) -> list[str]:
    """Deck titles with each continuation folded into the slide it continues."""
    return [title for title in titles if not title.endswith(deck_layout.CONTINUED)]


def test_the_deck_is_16_9_with_a_slide_per_pack_slide_and_the_packs_titles(
    sample_pack, sample_deck
):
    assert (sample_deck.slide_width, sample_deck.slide_height) == (
        Emu(int(13.333 * EMU_PER_INCH)),
        Emu(int(7.5 * EMU_PER_INCH)),
    )
    titles = [slide.shapes.title.text for slide in sample_deck.slides]
    assert folded(titles) == sample_pack.titles
    continued = [t for t in titles if t.endswith(deck_layout.CONTINUED)]
    # Only the definitions are too long for one slide at 16 pt; they continue on a second.
    assert continued == [sample_pack.slides[-1].title + deck_layout.CONTINUED]
    assert len(sample_deck.slides) == len(sample_pack.slides) + len(continued)
    assert titles.index(continued[0]) == len(titles) - 1


def test_only_a_table_too_long_for_its_slide_continues():
    built = pack.build(people_portfolio(), produced=MADE)
    titles = [slide.shapes.title.text for slide in read(built).slides]
    assert titles == [*built.titles, built.titles[-1] + deck_layout.CONTINUED]
    assert [page.part for page in deck_layout.pages(built)] == [0] * len(built.slides) + [1]


def test_outcome_slides_hold_a_native_line_chart_of_the_slides_figures(sample_pack, sample_deck):
    slides = {slide.shapes.title.text: slide for slide in sample_deck.slides}
    for content in sample_pack.slides[3:9]:
        slide = slides[content.title]
        (frame,) = named(slide, "Chart")
        chart = frame.chart
        plot = chart.plots[0]
        assert isinstance(plot, LinePlot)
        # Each year over the services its figure rests on, as on the pages.
        assert [label.split("\n")[0] for label in plot.categories] == content.data["year"].tolist()
        assert [label.split("\n")[1] for label in plot.categories] == [
            f"{count} services" for count in content.data["services"]
        ]
        measure = plot.series[0]
        assert measure.values == pytest.approx(content.data["value"].tolist())
        colour = formats.MEASURE_COLOURS[content.measure].lstrip("#")
        assert str(measure.format.line.color.rgb) == colour
        fmt = "0%" if formats.is_share(content.measure) else "0.00"
        assert chart.value_axis.tick_labels.number_format == fmt
        assert chart.value_axis.axis_title.text_frame.text == slide_words.axis_title(
            content.measure
        )
        assert "Gini" not in chart.value_axis.axis_title.text_frame.text
        assert chart.category_axis.axis_title.text_frame.text == "Financial year"
        assert measure.data_labels.show_value
        assert measure.marker.style == XL_MARKER_STYLE.CIRCLE
        if content.target_value is not None:
            target = plot.series[1]
            assert (
                target.name
                == f"Target {formats.format_measure(content.measure, content.target_value)}"
            )
            assert target.values == pytest.approx([content.target_value] * len(content.data))
            assert target.format.line.dash_style is not None  # dashed
        else:
            assert len(plot.series) == 1
            assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert f"“{content.text}”" in texts  # the outcome in seed 000's words
        assert content.value in texts
        assert content.verdict in texts  # "✓ Right direction": symbol and words
        assert content.verdict[0] == catalogue.STATUSES[content.status].symbol
        assert content.direction in texts
        if content.target_value is not None:
            assert content.target in texts


LABEL_CODES = {"t": "above", "b": "below", "l": "left", "r": "right"}


def drawn_plot(frame) -> deck_layout.LinePlot:
    """A line chart's plot area as the file sets it (its manual layout, in inches)."""
    manual = frame.chart._chartSpace.chart.plotArea.find(qn("c:layout")).find(qn("c:manualLayout"))
    assert manual.find(qn("c:layoutTarget")).get("val") == "inner"
    x, y, w, h = (float(manual.find(qn(f"c:{k}")).get("val")) for k in ("x", "y", "w", "h"))
    chart = deck_layout.Box(*(v / EMU_PER_INCH for v in (frame.left, frame.top)), 0, 0)
    cw, ch = frame.width / EMU_PER_INCH, frame.height / EMU_PER_INCH
    box = deck_layout.Box(chart.x + x * cw, chart.y + y * ch, w * cw, h * ch)
    n = len(list(frame.chart.plots[0].categories))
    return deck_layout.LinePlot(box, frame.chart.value_axis.maximum_scale, n)


def drawn_labels(frame) -> dict[int, str]:
    """Each point's value label's place, as the file sets it."""
    series = frame.chart.plots[0].series[0]._element
    return {
        int(label.find(qn("c:idx")).get("val")): LABEL_CODES[label.find(qn("c:dLblPos")).get("val")]
        for label in series.find(qn("c:dLbls")).findall(qn("c:dLbl"))
    }


def assert_labels_clear(presentation, built) -> int:
    """Every outcome chart's value labels inside the plot and off the target's line, the
    target named in the legend above the plot; returns how many charts had a target."""
    targets = 0
    outcomes = [s for s in built.slides if s.kind == "outcome"]
    slides = {slide.shapes.title.text: slide for slide in presentation.slides}
    for content in outcomes:
        charts = named(slides[content.title], "Chart")
        if not charts:
            continue
        (frame,) = charts
        plot = drawn_plot(frame)
        places = drawn_labels(frame)
        values = deck_charts.outcome_values(content)
        assert sorted(places) == [i for i, v in enumerate(values) if v is not None]
        fmt = frame.chart.plots[0].series[0].data_labels.number_format
        for i, place in places.items():
            box = deck_layout.label_box(
                plot, i, values[i], deck_charts._written(values[i], fmt), place
            )
            assert plot.box.y <= box.y and box.bottom <= plot.box.bottom, (content.title, i)
            if content.target_value is not None:
                band = deck_layout.target_band(plot, float(content.target_value))
                assert not deck_layout._overlaps(box, band), (content.title, i, place)
        if content.target_value is not None:
            targets += 1
            legend = frame.chart.legend
            assert legend.position == XL_LEGEND_POSITION.TOP and legend.include_in_layout is False
            assert plot.box.y > frame.top / EMU_PER_INCH + 0.3  # the legend's row above
    return targets


def test_a_value_label_never_meets_the_target_line(sample, sample_pack, sample_deck):
    assert assert_labels_clear(sample_deck, sample_pack) == 5
    north = pack.build(sample, Filter(localities=("North",)), produced=MADE)
    assert assert_labels_clear(read(north), north)
    # The funding slide: 27% just under the 30% target is written under its point.
    (funding,) = [s for s in sample_pack.slides if s.measure == "non_core_funding_share"]
    frame = named(
        next(s for s in sample_deck.slides if s.shapes.title.text == funding.title), "Chart"
    )[0]
    assert drawn_labels(frame)[len(funding.data) - 1] != "above"


PLOT = deck_layout.LinePlot(deck_layout.Box(6.5, 2.45, 6.1, 3.6), 0.375, 4)


@pytest.mark.parametrize(
    ("values", "target", "expected"),
    [
        ([0.15, 0.16, 0.22, 0.268], 0.30, ["above", "above", "above", "below"]),
        ([0.68, 0.65, 0.64, 0.62], 0.30, ["above"] * 4),  # well above the target
        ([0.05, 0.08, 0.12, 0.18], 0.30, ["above"] * 4),  # well under it
        ([0.32, 0.31, 0.31, 0.32], 0.30, ["above"] * 4),  # just over it: above is clear
        ([0.30, 0.05, 0.30, None], None, ["above", "below", "above", None]),  # a valley
    ],
)
def test_labels_go_where_no_line_runs(values, target, expected):
    texts = ["" if v is None else f"{v:.0%}" for v in values]
    places = deck_layout.label_places(PLOT, values, texts, target)
    assert places == expected
    for i, (value, text, place) in enumerate(zip(values, texts, places, strict=True)):
        if place is None:
            continue
        box = deck_layout.label_box(PLOT, i, value, text, place)
        if target is not None:
            assert not deck_layout._overlaps(box, deck_layout.target_band(PLOT, target))


def test_a_year_with_too_little_data_is_a_gap_in_the_chart_with_a_note():
    rows = [SERVICES_HEADER]
    rows += [service_row("A", "P1", "2022/23", "Voluntary", "Yes")]
    rows += [service_row("B", "P2", "2022/23", "NHS")]
    rows += [service_row("A", "P1", "2023/24", "Voluntary", "Yes")]  # one service: too little
    rows += [service_row("A", "P1", "2024/25", "Voluntary", "Yes")]
    rows += [service_row("B", "P2", "2024/25", "NHS")]
    rows += [service_row("C", "P3", "2024/25", "NHS")]
    built = pack.build(load_sheets({"Services": rows}), produced=MADE)
    user_run = built.slides[4]
    assert user_run.data["note"].tolist()[1]
    slide = read(built).slides[4]
    (frame,) = named(slide, "Chart")
    values = frame.chart.plots[0].series[0].values
    assert values[1] is None
    assert values[0] == pytest.approx(0.5) and values[2] == pytest.approx(1 / 3)
    assert b'<c:dispBlanksAs val="gap"/>' in frame.chart.part.blob
    (note,) = named(slide, "Chart notes")
    assert note.text_frame.text.startswith("No point for 2023/24")


def test_the_benchmark_slide_holds_a_bar_chart_of_section_scores(sample_pack, sample_deck):
    content = sample_pack.slides[9]
    (frame,) = named(sample_deck.slides[9], "Chart")
    chart = frame.chart
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    ranked = content.data.sort_values("score", ascending=False, kind="stable")
    assert list(chart.plots[0].categories) == ranked["section"].tolist()
    assert chart.plots[0].series[0].values == pytest.approx(ranked["score"].tolist())
    assert (chart.value_axis.minimum_scale, chart.value_axis.maximum_scale) == (0, 100)
    words = [s.text_frame.text for s in sample_deck.slides[9].shapes if s.has_text_frame]
    assert any(text.startswith("Median score of the") for text in words)
    # The scoring and the guide's advice are the presenter's, in the notes, not a paragraph.
    assert not any("Yes definitely 3 points" in text for text in words)
    notes = sample_deck.slides[9].notes_slide.notes_text_frame.text
    assert "Yes definitely 3 points" in notes and "“The key to benchmarking" in notes


def test_every_slide_has_the_provenance_line_and_its_number(sample_pack, sample_deck):
    total = len(sample_deck.slides)
    line = sample_pack.provenance.line()
    for number, slide in enumerate(sample_deck.slides, start=1):
        (footer,) = named(slide, "Footer")
        assert footer.text_frame.text == line
        (page,) = named(slide, "Slide number")
        assert page.text_frame.text == f"{number} / {total}"


def test_the_title_and_glance_slides_hold_their_tables(sample_pack, sample_deck):
    facts = table_cells(sample_deck.slides[0])
    assert not any("Source file" in row for row in facts)  # in the footer and the appendix
    assert ["Produced", "2026-11-25 09:00"] in facts
    texts = [s.text_frame.text for s in sample_deck.slides[0].shapes if s.has_text_frame]
    assert sample_pack.slides[0].text in texts
    glance = table_cells(sample_deck.slides[2])
    assert glance[0] == sample_pack.slides[2].table.columns.tolist()
    assert glance[-1][0].startswith("All, ")
    assert len(glance) == len(sample_pack.slides[2].table) + 1


def test_the_appendix_tables_hold_every_definition(sample_pack, sample_deck):
    cells = [row for slide in list(sample_deck.slides)[-2:] for row in table_cells(slide)]
    expected = sample_pack.slides[-1].table
    found = [row for row in cells if row != ["Measure", "Definition"]]
    assert found == expected.values.tolist()
    assert len(found) == len(overview.definitions_table())
    assert not any("Gini" in text or "Herfindahl" in text for row in found for text in row)
    # The exact definitions are the presenter's, in the notes of both slides.
    exact = overview.definitions_table()
    notes = sample_deck.slides[-2].notes_slide.notes_text_frame.text
    assert all(definition in notes for definition in exact["Definition"])
    assert all(
        row[0] == "Measure" for row in (table_cells(s)[0] for s in list(sample_deck.slides)[-2:])
    )


def test_a_long_table_continues_on_more_slides_with_every_row_once():
    localities = [f"Locality {n:02d}" for n in range(30)]
    built = pack.build(people_portfolio(localities), produced=MADE)
    presentation = read(built)
    titles = [slide.shapes.title.text for slide in presentation.slides]
    assert folded(titles) == built.titles
    glance = [
        slide
        for slide, title in zip(presentation.slides, titles, strict=True)
        if title.startswith(built.slides[2].title)
    ]
    assert len(glance) >= 2
    rows = [row[0] for slide in glance for row in table_cells(slide)[1:]]
    assert rows == built.slides[2].table["Locality"].tolist()
    # A continuation's notes read out the rows it shows.
    continued = glance[1].notes_slide.notes_text_frame.text
    assert continued.startswith(glance[1].shapes.title.text)
    assert f"Locality: {table_cells(glance[1])[1][0]};" in continued
    sizes = [len(table_cells(slide)) - 1 for slide in glance]
    assert max(sizes) - min(sizes) <= 1  # shared evenly


def test_publication_mode_shows_small_counts_as_under_5_and_never_the_count():
    built = pack.build(people_portfolio(), publication=Publication(on=True), produced=MADE)
    presentation = read(built)
    glance = table_cells(presentation.slides[2])
    heading = glance[0]
    people = [row[heading.index("People supported")] for row in glance[1:]]
    per_service = [row[heading.index("People per service")] for row in glance[1:]]
    assert people == ["<5", "65", "suppressed"]
    assert per_service[0] == "suppressed" and per_service[-1] == "suppressed"
    assert "3" not in people + per_service
    for slide in presentation.slides:
        words = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert "3 people" not in words
        assert "Publication mode: counts under 5 hidden" in named(slide, "Footer")[0].text
    facts = dict(row for row in table_cells(presentation.slides[0]) if len(row) == 2)
    assert facts["Publication mode"].startswith("On:")


def test_text_is_written_as_it_is_never_as_a_formula():
    # CSV, because a workbook would hold "=SUM(A1)" as a formula rather than as text.
    rows = [SERVICES_HEADER]
    for n, locality in enumerate(["=SUM(A1)", "+44 Road", "@home"]):
        rows.append(service_row(f"S{n}", f"P{n}", "2024/25", "Voluntary", locality=locality))
    text = "\n".join(",".join(f'"{value}"' for value in row) for row in rows)
    portfolio = load([Source("=cmd|'calc'!A1.csv", text.encode())])
    presentation = read(pack.build(portfolio, produced=MADE))
    glance = [row[0] for row in table_cells(presentation.slides[2])]
    assert {"=SUM(A1)", "+44 Road", "@home"} <= set(glance)
    assert presentation.slides[0].shapes.title.text.startswith("=cmd|'calc'!A1: ")


def test_type_is_large_enough_to_read_across_a_room(sample_deck):
    for slide in sample_deck.slides:
        assert slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size.pt >= 28
        for shape in slide.shapes:
            if shape.name in ("Footer", "Slide number"):
                continue
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames = [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for frame in frames:
                for run in (r for p in frame.paragraphs for r in p.runs):
                    assert run.font.size.pt >= 16, (shape.name, run.text)


def boxes(slide):
    return [
        (
            shape.name,
            *(v / EMU_PER_INCH for v in (shape.left, shape.top, shape.width, shape.height)),
        )
        for shape in slide.shapes
    ]


def overlap(a, b) -> bool:
    _, ax, ay, aw, ah = a
    _, bx, by, bw, bh = b
    eps = 1e-6
    return ax + aw > bx + eps and bx + bw > ax + eps and ay + ah > by + eps and by + bh > ay + eps


def assert_laid_out(presentation):
    for number, slide in enumerate(presentation.slides, start=1):
        placed = boxes(slide)
        for box in placed:
            name, x, y, w, h = box
            assert x >= -1e-6 and y >= -1e-6, (number, name)
            assert x + w <= deck_layout.WIDTH + 1e-3 and y + h <= deck_layout.HEIGHT + 1e-3, (
                number,
                name,
            )
            if name not in ("Footer", "Slide number"):
                assert y + h <= deck_layout.FOOTER_TOP + 1e-6, (number, name, y + h)
        for a, b in itertools.combinations(placed, 2):
            assert not overlap(a, b), (number, a, b)


def table_size(slide) -> float:
    (frame,) = [shape for shape in slide.shapes if shape.has_table]
    return frame.table.cell(1, 0).text_frame.paragraphs[0].runs[0].font.size.pt


def table_bottom(slide) -> float:
    (frame,) = [shape for shape in slide.shapes if shape.has_table]
    return (frame.top + frame.height) / EMU_PER_INCH


def test_the_cover_and_glance_tables_fill_their_slides(sample, sample_deck):
    cover, glance = sample_deck.slides[0], sample_deck.slides[2]
    assert table_size(cover) >= 18  # under a 24 pt summary, no longer 16 pt
    assert table_size(glance) == max(deck_layout.TABLE_SIZES)
    assert named(glance, "Text")[0].text_frame.paragraphs[0].runs[0].font.size.pt == 20
    for slide in (cover, glance):
        # Down to the footer, not a third of the slide left empty under the table.
        assert deck_layout.CONTENT_BOTTOM - 0.9 <= table_bottom(slide) <= deck_layout.FOOTER_TOP
    # Long names and two filters: smaller again, still above the footer.
    long_name = "Eastbrook and Westbrook joint commissioning portfolio, final, revised " * 2
    localities = [f"A locality with a long name, number {n}" for n in range(6)]
    built = pack.build(
        people_portfolio(localities, name=long_name + ".xlsx"),
        Filter(localities=tuple(localities[:4]), sectors=("Voluntary",)),
        produced=MADE,
    )
    presentation = read(built)
    assert_laid_out(presentation)
    assert all(table_size(presentation.slides[n]) >= 16 for n in (0, 2))
    # A table continued over slides keeps 16 pt on each.
    many = read(pack.build(people_portfolio([f"Locality {n:02d}" for n in range(30)])))
    assert "(continued)" in many.slides[3].shapes.title.text
    assert table_size(many.slides[2]) == table_size(many.slides[3]) == deck_layout.BODY_SIZE


@pytest.mark.parametrize("rows", [2, 6, 9])
def test_a_fitted_table_is_as_large_as_its_room_allows(rows):
    table = pd.DataFrame({"Locality": [f"Place {n}" for n in range(rows)], "Services": rows})
    room = 4.0
    fit = deck_layout.fitted_table(table, room)
    assert fit.fits and fit.height <= room
    assert sum(fit.widths) == pytest.approx(deck_layout.CONTENT_WIDTH)
    larger = [size for size in deck_layout.TABLE_SIZES if size > fit.size]
    for size in larger:  # none larger would have fitted
        headings, texts, _ = deck_layout.table_text(table)
        widths = deck_layout.column_widths(headings, texts, deck_layout.CONTENT_WIDTH, size)
        assert sum(deck_layout.row_heights([headings, *texts], widths, size)) > room


def test_no_two_shapes_overlap_and_none_runs_into_the_footer(sample, sample_deck):
    assert_laid_out(sample_deck)
    assert_laid_out(read(pack.build(sample, Filter(localities=("North",)), produced=MADE)))
    assert_laid_out(read(pack.build(people_portfolio(), publication=Publication(on=True))))
    long_name = "Eastbrook and Westbrook joint commissioning portfolio, final, revised " * 2
    localities = [f"A locality with a long name, number {n}" for n in range(40)]
    assert_laid_out(read(pack.build(people_portfolio(localities, name=long_name + ".xlsx"))))


def test_text_boxes_are_tall_enough_for_their_wrapped_text():
    assert deck_layout.lines_needed("word " * 3, 5.0, 16) == 1
    one_line = deck_layout.text_width("x" * 60, 16)
    assert deck_layout.lines_needed("x" * 60, one_line / 2 + 0.01, 16) == 2  # a long word breaks
    assert deck_layout.lines_needed("a\nb", 5.0, 16) == 2
    wide, narrow = deck_layout.text_width("WWWW", 16), deck_layout.text_width("iiii", 16)
    assert wide > 3 * narrow
    height = deck_layout.text_height("word " * 40, 4.0, 16)
    assert height == pytest.approx(
        deck_layout.lines_needed("word " * 40, 3.8, 16) * 16 * deck_layout.LINE_SPACING / 72 + 0.1
    )


def test_table_text_formats_numbers_and_keeps_words():
    table = pd.DataFrame(
        {
            "Locality": ["North", None],
            "Services": [1200, 3],
            "Share": [213.7, 184.0],
            "People": pd.Series(["<5", 65], dtype=object),
            "Per service": pd.Series(["suppressed", 32.5], dtype=object),
            "Note": pd.Series(["<b>", None], dtype=object),
        }
    )
    headings, rows, numeric = deck_layout.table_text(table)
    assert headings == ["Locality", "Services", "Share", "People", "Per service", "Note"]
    assert rows == [
        ["North", "1,200", "213.7", "<5", "suppressed", "<b>"],
        ["—", "3", "184.0", "65", "32.5", "—"],
    ]
    assert numeric == [False, True, True, True, True, False]


def test_core_properties_say_what_the_file_is(sample_pack, sample_deck):
    properties = sample_deck.core_properties
    assert properties.author == "dayserv"
    assert properties.title == f"Meeting pack: {sample_pack.slides[0].title}"
    assert properties.subject == "Modernising day services: meeting pack"
    assert properties.comments == sample_pack.provenance.line()


def test_every_outcome_is_in_the_deck(sample_deck):
    headings = [named(slide, "Heading")[0].text_frame.text for slide in sample_deck.slides]
    for outcome in frameworks.OUTCOMES:
        assert f"Anticipated outcome {outcome.number}: {outcome.label}" in headings


def test_a_deck_of_six_long_provider_names_fits_its_comment_in_255_characters(sample):
    providers = tuple(sorted(sample.tables["services"]["provider"].dropna().unique(), key=len))[
        -6:
    ]  # the longest names: the filter sentence alone passes 255 characters
    built = pack.build(sample, Filter(providers=providers), produced=MADE)
    line = built.provenance.line()
    assert len(line) > deck_layout.PROPERTY_LIMIT

    presentation = read(built)  # builds, where python-pptx used to refuse the comment

    comment = presentation.core_properties.comments
    assert len(comment) <= deck_layout.PROPERTY_LIMIT
    assert comment.startswith("Source: sample_portfolio.xlsx · Filters: provider ")
    assert comment.endswith(
        f" · Years: {built.provenance.years} · Produced 25 Nov 2026 09:00 by dayserv"
    )
    assert "…" in comment
    assert len(presentation.core_properties.title) <= deck_layout.PROPERTY_LIMIT
    for slide in presentation.slides:  # the full sentence stays on the slides
        (footer,) = named(slide, "Footer")
        assert footer.text == line


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short enough", 20, "short enough"),
        ("provider Mind or Eastbrook Council", 20, "provider Mind or…"),
        ("x" * 30, 10, "x" * 9 + "…"),
    ],
)
def test_a_long_property_is_cut_at_a_word(text, limit, expected):
    assert deck_layout.short_form(text, limit) == expected
    assert len(deck_layout.short_form(text, limit)) <= limit


def test_a_source_too_long_for_the_comment_is_cut_too(sample):
    built = pack.build(sample, Filter(providers=("Eastbrook Mind",)), produced=MADE)
    long_source = replace(built.provenance, source=", ".join(f"file{n}.csv" for n in range(40)))
    comment = deck_layout.properties_comment(long_source)
    assert len(comment) <= deck_layout.PROPERTY_LIMIT and comment.endswith("…")


def test_a_long_title_shrinks_to_two_lines_and_the_body_starts_below_it(sample_pack):
    two = "Vocational share of activity rose from 20% to 28% since 2022/23 and the picture"
    three = two + " differs a good deal between the localities, the sectors and the providers"
    assert deck_layout.lines_needed(two, deck_layout.CONTENT_WIDTH - 0.2, 28) == 2
    assert deck_layout.title_size(two) == deck_layout.TITLE_SIZE
    assert deck_layout.lines_needed(three, deck_layout.CONTENT_WIDTH - 0.2, 28) > 2
    assert deck_layout.title_size(three) == deck_layout.LONG_TITLE_SIZE
    assert deck_layout.title_size(three * 2) == deck_layout.TITLE_SIZE  # past help: kept
    slides = [s for s in sample_pack.slides if s.kind in ("outcome", "glance")]
    longer = [replace(s, title=t) for s in slides for t in (two, three)]
    presentation = read(replace(sample_pack, slides=longer))
    for slide, title in zip(presentation.slides, [two, three] * len(slides), strict=True):
        shape = slide.shapes.title
        size = shape.text_frame.paragraphs[0].runs[0].font.size.pt
        assert size == deck_layout.title_size(title)
        bottom = (shape.top + shape.height) / EMU_PER_INCH
        needed = deck_layout.lines_needed(title, deck_layout.CONTENT_WIDTH - 0.2, size)
        assert needed == 2 and shape.height / EMU_PER_INCH >= 2 * size * 1.2 / 72
        body = [s for s in slide.shapes if s.name not in ("Heading", "Footer", "Slide number")]
        body = [s for s in body if s.shape_id != shape.shape_id]
        assert body and all(s.top / EMU_PER_INCH >= bottom for s in body), title
    assert_laid_out(presentation)
