"""The meeting pack as one HTML file: every slide a section, plotly.js inside once, nothing
fetched from the network, and the user's words escaped."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from markupsafe import Markup

from dayserv.figures.publication import Publication
from dayserv.read.clean import load
from dayserv.read.reader import Source, sources_from_paths
from dayserv.share import pack, report
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "sample_portfolio.xlsx"
MADE = datetime(2026, 11, 25, 9, 0)
EVIL = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def sample_pack():
    return pack.build(load(sources_from_paths([SAMPLE])), produced=MADE)


@pytest.fixture(scope="module")
def page(sample_pack):
    return report.report_html(sample_pack)


class Outline(HTMLParser):
    """The sections, their headings' text, and every script and link."""

    def __init__(self):
        super().__init__()
        self.sections, self.titles, self.scripts, self.links = 0, [], [], []
        self._heading = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.sections += 1
        if tag in ("h1", "h2"):
            self._heading = []
        if tag == "script":
            self.scripts.append(attrs)
        if tag == "link":
            self.links.append(attrs)

    def handle_endtag(self, tag):
        if tag in ("h1", "h2") and self._heading is not None:
            self.titles.append("".join(self._heading))
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)


def outline(text: str) -> Outline:
    parser = Outline()
    parser.feed(text)
    return parser


def test_one_section_per_slide_titled_with_its_finding(sample_pack, page):
    found = outline(page)
    assert found.sections == len(sample_pack.slides)
    assert found.titles == sample_pack.titles
    for number, slide in enumerate(sample_pack.slides, start=1):
        assert f'id="slide-{number}"' in page
        assert html.escape(slide.heading) in page


def test_plotly_js_is_inside_the_file_exactly_once(sample_pack, page):
    assert page.count("plotly.js v") == 1  # the library's banner
    assert page.count("Plotly.newPlot(") == sum(
        pack.figure(slide) is not None for slide in sample_pack.slides
    )
    assert page.count("Plotly.newPlot(") == 7  # six outcomes and the benchmark


def test_nothing_is_fetched_from_the_network(page):
    found = outline(page)
    assert all("src" not in attrs for attrs in found.scripts)
    assert found.links == []
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=["']?(https?:)?//""", page)
    assert "@import" not in page.split("<script>", 1)[0]


def test_the_provenance_line_heads_and_foots_the_page_and_every_section(sample_pack, page):
    line = html.escape(sample_pack.provenance.line())
    assert f'<header class="provenance">{line}</header>' in page
    assert f'<footer class="provenance">{line}</footer>' in page
    assert page.count(f"<span>{line}</span>") == len(sample_pack.slides)
    total = len(sample_pack.slides)
    assert f'<span class="number">{total} / {total}</span>' in page


def test_outcome_sections_say_what_the_slides_say(sample_pack, page):
    for slide in [s for s in sample_pack.slides if s.kind == "outcome"]:
        assert f"<blockquote>“{html.escape(slide.text)}”</blockquote>" in page
        assert f'<p class="value">{html.escape(slide.value)}</p>' in page
        assert html.escape(slide.direction) in page
        assert html.escape(slide.verdict) in page  # the deck's words for the status
    assert '<p class="status status-on-track">✓ Right direction</p>' in page
    assert '<p class="status status-not-on-track">✗ Wrong direction</p>' in page
    assert "✓ On track" not in page  # never beside "22 points short of the target"


def test_tables_are_html_tables_with_numbers_set_right(sample_pack, page):
    glance = next(s for s in sample_pack.slides if s.kind == "glance").table
    assert '<th scope="col">Locality</th>' in page
    assert '<th scope="col" class="number">Services</th>' in page
    assert f'<td class="number">{int(glance["People supported"].iloc[-1]):,}</td>' in page
    for definition in sample_pack.slides[-1].table["Definition"]:
        assert f"<td>{html.escape(definition)}</td>" in page


def test_print_puts_each_section_on_its_own_page(page):
    printing = page[page.index("@media print") :]
    assert "break-after: page" in printing
    assert "@page" in printing


def evil_portfolio():
    header = [*SERVICES_HEADER, "People supported", "Places"]
    rows = [header]
    for year in ("2023/24", "2024/25"):
        rows.append([*service_row(EVIL, "Mind", year, "Voluntary", locality=EVIL), 3, 10])
        rows.append([*service_row("Link", f"{EVIL} Ltd", year, "LA", locality="South"), 40, 30])
    return load([Source("<b>west</b>.xlsx", xlsx({"Services": rows}))])


def test_the_users_words_are_escaped_never_run():
    built = pack.build(evil_portfolio(), publication=Publication(on=True), produced=MADE)
    assert EVIL in next(s for s in built.slides if s.kind == "glance").table["Locality"].tolist()
    page = report.report_html(built)
    assert EVIL not in page
    assert "<b>west</b>" not in page
    assert f"<td>{html.escape(EVIL)}</td>" in page
    assert html.escape("<b>west</b>.xlsx") in page
    assert outline(page).titles == built.titles
    assert '<td class="number">&lt;5</td>' in page
    scripts = re.findall(r"<script\b[^>]*>", page)
    charts = sum(slide.kind == "outcome" for slide in built.slides)  # those with figures
    assert len(scripts) == 2 + charts  # PlotlyConfig, plotly.js, one per outcome chart


def test_a_report_without_benchmark_says_so_without_a_chart():
    built = pack.build(evil_portfolio(), produced=MADE)
    page = report.report_html(built)
    assert "No benchmark answers in this view" in page  # in the appendix, with no slide
    assert "benchmark" not in [slide.kind for slide in built.slides]
    assert page.count("Plotly.newPlot(") == sum(s.kind == "outcome" for s in built.slides)


def hostile_pack():
    """The evil portfolio's pack with the hostile words in every slot a slide has."""
    built = pack.build(evil_portfolio(), produced=MADE)
    words = {"heading": EVIL, "title": EVIL, "text": EVIL}
    outcome = next(slide for slide in built.slides if slide.kind == "outcome")
    slides = [
        replace(built.slides[0], **words, table=pd.DataFrame({EVIL: [EVIL]})),
        replace(
            outcome,
            **words,
            value=EVIL,
            value_label=EVIL,
            change=EVIL,
            direction=EVIL,
            target=EVIL,
            data=outcome.data.assign(note=EVIL),
        ),
        replace(built.slides[-1], **words, table=pd.DataFrame({"Definition": [EVIL]})),
    ]
    return replace(built, slides=slides)


@pytest.mark.parametrize("finalize", [True, False], ids=["as-rendered", "autoescape-alone"])
def test_the_page_template_escapes_every_slot(finalize):
    built = hostile_pack()
    environment = report.ENVIRONMENT if finalize else report.ENVIRONMENT.overlay(finalize=None)
    assert environment.autoescape(report.PAGE) is True
    page = environment.get_template(report.PAGE).render(
        title=EVIL,
        line=EVIL,
        plotly_js=Markup(""),
        sections=[report._section(slide, n) for n, slide in enumerate(built.slides, start=1)],
    )
    assert "<script>alert" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 20
    assert outline(page).titles == [EVIL] * 3


def test_the_report_reads_its_styles_from_the_stylesheet(page):
    css = (Path(report.__file__).parent / "templates" / "report.css").read_text()
    assert f"<style>\n{css}" in page


def test_a_pack_with_a_plan_has_its_proposed_changes_sections():
    from dayserv.figures.plan import project
    from dayserv.read.plan_sheet import with_plan_file
    from dayserv.sample_plan import BUILD_FIRST, PLANS_FILE

    portfolio = load(sources_from_paths([SAMPLE]))
    planned = with_plan_file(portfolio, [Source(PLANS_FILE.name, PLANS_FILE.read_bytes())])
    built = pack.build(portfolio, produced=MADE, plan=project(planned, BUILD_FIRST))
    page = report.report_html(built)
    proposed = [slide for slide in built.slides if slide.kind == "proposed"]
    assert len(proposed) == 4
    found = outline(page)
    assert found.sections == len(built.slides) and found.titles == built.titles
    assert page.count('<section class="slide proposed"') == len(proposed)
    for slide in proposed:
        assert html.escape(slide.heading) in page
        assert slide.title.startswith("PROPOSED — not decided: ")
    changes = proposed[0].table
    assert f'<th scope="col">{html.escape(changes.columns[0])}</th>' in page
