"""The deck as LibreOffice Impress draws it (in Carlito, Calibri's metric twin), converted to
PDF: no word on a slide runs into a word of another line, and none leaves its slide. The
layout's own arithmetic (``deck_layout``) is checked against a real renderer, on the sample,
on a locality's small bases (two-line chart notes, counted years) and under an area's long
name (a title run to two lines)."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import pytest

from dayserv.figures.filters import Filter
from dayserv.read.clean import load
from dayserv.read.reader import sources_from_paths
from dayserv.share import deck, pack

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "sample_portfolio.xlsx"
MADE = datetime(2026, 11, 25, 9, 0)
LONG_AREA = "The Royal Borough of Kensington and Chelsea with the City of Westminster"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _carlito() -> bool:
    """Whether fontconfig has Carlito: without it LibreOffice draws Calibri in a wider font
    than the one the layout measures."""
    if not shutil.which("fc-list"):
        return False
    listed = subprocess.run(["fc-list", "Carlito"], capture_output=True, text=True)
    return bool(listed.stdout.strip())


@pytest.fixture(scope="module")
def renderer() -> None:
    """Skip for want of LibreOffice, poppler or Carlito, or fail under CI, which has them."""
    if shutil.which("soffice") and shutil.which("pdftotext") and _carlito():
        return
    missing = "LibreOffice Impress, poppler-utils or fonts-crosextra-carlito is not installed"
    if os.environ.get("CI"):
        pytest.fail(f"{missing} (CI must provide them: see .ci/run)")
    pytest.skip(missing)


class Word(NamedTuple):
    text: str
    line: int  # the line it is on, numbered across its slide
    x0: float
    y0: float
    x1: float
    y1: float


class Page(NamedTuple):
    width: float
    height: float
    words: list[Word]


def rendered(pptx: bytes, folder: Path) -> list[Page]:
    """The deck's slides as LibreOffice lays them out: each one's size and its words' boxes
    (points), as poppler's pdftotext reads them from the PDF."""
    (folder / "deck.pptx").write_bytes(pptx)
    profile = f"-env:UserInstallation=file://{folder / 'profile'}"  # one per test: xdist
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder),
         str(folder / "deck.pptx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    boxes = folder / "deck.html"
    subprocess.run(
        ["pdftotext", "-bbox-layout", str(folder / "deck.pdf"), str(boxes)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    pages = []
    for page in ElementTree.parse(boxes).getroot().iter(f"{XHTML}page"):
        words = []
        for number, line in enumerate(page.iter(f"{XHTML}line")):
            for word in line.iter(f"{XHTML}word"):
                corners = (float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))
                words.append(Word(word.text or "", number, *corners))
        pages.append(Page(float(page.get("width")), float(page.get("height")), words))
    return pages


def _inked(word: Word) -> tuple[float, float, float, float]:
    """A word's box without the room its font keeps above and below the letters (a line's
    box reaches into the next line's by a point or two in any typesetting)."""
    trim = (word.y1 - word.y0) * 0.2
    return word.x0 + 0.5, word.y0 + trim, word.x1 - 0.5, word.y1 - trim


def clashes(page: Page) -> list[tuple[str, str]]:
    """The pairs of words of different lines whose letters overlap."""
    found = []
    for a, b in itertools.combinations(page.words, 2):
        if a.line == b.line:
            continue
        (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = _inked(a), _inked(b)
        if ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1:
            found.append((a.text, b.text))
    return found


def outside(page: Page) -> list[str]:
    """The words drawn (even partly) off the slide."""
    width, height = page.width, page.height
    return [w.text for w in page.words if min(w.x0, w.y0) < 0 or w.x1 > width or w.y1 > height]


@pytest.fixture(scope="module")
def sample():
    return load(sources_from_paths([SAMPLE]))


@pytest.mark.parametrize(
    ("chosen", "area"),
    [
        (None, "Eastbrook (sample)"),
        (Filter(localities=("Rural West",)), "Eastbrook (sample)"),
        (None, LONG_AREA),
    ],
    ids=["sample", "small-bases", "long-area-name"],
)
def test_no_words_run_into_each_other_or_off_the_slide(renderer, sample, chosen, area, tmp_path):
    built = pack.build(sample, chosen, produced=MADE, area=area)
    pages = rendered(deck.deck_bytes(built), tmp_path)
    assert len(pages) >= len(built.titles)
    for number, page in enumerate(pages, start=1):
        assert page.words, f"slide {number} has no words"
        assert clashes(page) == [], f"slide {number}"
        assert outside(page) == [], f"slide {number}"


def test_each_year_is_drawn_over_the_services_it_rests_on(renderer, sample, tmp_path):
    """The outcome slides' year axis, as drawn: "2022/23" over "4 services" (Rural West's
    small bases), the count on the line under its year."""
    built = pack.build(sample, Filter(localities=("Rural West",)), produced=MADE)
    pages = rendered(deck.deck_bytes(built), tmp_path)
    outcome = next(p for p in pages if any(w.text == "Financial" for w in p.words))

    def count_under(year: Word) -> str | None:
        for number, noun in itertools.pairwise(outcome.words):
            middle = (noun.x0 + noun.x1) / 2
            under = (year.y0 + year.y1) / 2 < noun.y0 < year.y1 + 20
            if noun.text == "services" and year.x0 - 30 < middle < year.x1 + 30 and under:
                return f"{number.text} {noun.text}"
        return None

    years = ("2022/23", "2023/24", "2024/25", "2025/26")
    counted = {}
    for word in outcome.words:  # the axis's years come before the notes' and the footer's
        if word.text in years and (count := count_under(word)):
            counted.setdefault(word.text, count)
    assert counted == {"2022/23": "5 services", "2023/24": "5 services",
                       "2024/25": "6 services", "2025/26": "4 services"}  # fmt: skip


def test_a_clash_is_found_when_words_overlap():
    """The check itself: two lines drawn over each other are caught, touching lines not."""
    title = Word("Sample", 0, 40, 50, 120, 80)
    over = Word("In", 1, 40, 62, 60, 92)
    under = Word("In", 1, 40, 78, 60, 98)
    assert clashes(Page(960, 540, [title, over])) == [("Sample", "In")]
    assert clashes(Page(960, 540, [title, under])) == []
    assert outside(Page(960, 540, [Word("off", 0, 950, 10, 970, 20)])) == ["off"]
