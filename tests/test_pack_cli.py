"""`python -m dayserv pack`: the meeting pack from the command line, as the app gives it."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from pptx import Presentation

from dayserv.__main__ import main
from dayserv.figures.filters import Filter
from dayserv.read.clean import load
from dayserv.read.reader import sources_from_paths
from dayserv.share import deck_layout, pack
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "sample_portfolio.xlsx"


def titles(path: Path) -> list[str]:
    presentation = Presentation(io.BytesIO(path.read_bytes()))
    return [slide.shapes.title.text for slide in presentation.slides]


def glance_people(path: Path) -> list[str]:
    slide = Presentation(io.BytesIO(path.read_bytes())).slides[2]
    (table,) = [shape.table for shape in slide.shapes if shape.has_table]
    heading = [cell.text for cell in table.rows[0].cells]
    column = heading.index("People supported")
    return [row.cells[column].text for row in list(table.rows)[1:]]


def small_workbook(tmp_path: Path) -> Path:
    """North supports 3 people, South 65."""
    rows = [[*SERVICES_HEADER, "People supported"]]
    for year in ("2023/24", "2024/25"):
        rows.append([*service_row("Hope", "Mind", year, "Voluntary", locality="North"), 3])
        rows.append([*service_row("Link", "Council", year, "LA", locality="South"), 65])
    path = tmp_path / "small.xlsx"
    path.write_bytes(xlsx({"Services": rows}))
    return path


def test_pack_writes_the_deck_the_app_would_build(tmp_path, capsys):
    out = tmp_path / "pack.pptx"
    assert main(["pack", str(SAMPLE), "-o", str(out), "--locality", "North"]) == 0
    expected = pack.build(load(sources_from_paths([SAMPLE])), Filter(localities=("North",)))
    found = titles(out)
    assert [t for t in found if not t.endswith(deck_layout.CONTINUED)] == expected.titles
    message = capsys.readouterr().err
    assert f"({len(found)} slides, locality North)" in message
    assert str(out) in message


def test_pack_writes_the_html_report_for_an_html_name(tmp_path):
    out = tmp_path / "Pack.HTML"
    assert main(["pack", str(SAMPLE), "-o", str(out), "--year", "2024/25"]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count('<section class="slide') == 12
    assert "Filters: year 2024/25 · Years: 2024/25" in page


def test_pack_hides_small_counts_in_publication_mode(tmp_path):
    workbook = small_workbook(tmp_path)
    plain, public, fifty = (tmp_path / f"{name}.pptx" for name in ("plain", "public", "fifty"))
    assert main(["pack", str(workbook), "-o", str(plain)]) == 0
    assert main(["pack", str(workbook), "-o", str(public), "--publication"]) == 0
    assert main(["pack", str(workbook), "-o", str(fifty), "--threshold", "50"]) == 0
    assert glance_people(plain) == ["3", "65", "68"]
    assert glance_people(public) == ["<5", "65", "suppressed"]
    assert glance_people(fifty) == ["<50", "65", "suppressed"]


def test_pack_names_the_file_for_the_portfolio_without_o(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["pack", str(small_workbook(tmp_path))]) == 0
    (written,) = tmp_path.glob("*.pptx")
    assert written.name == "dayserv_small_meeting-pack_2023-24-to-2024-25.pptx"


def test_pack_refuses_what_it_cannot_write(tmp_path, capsys):
    assert main(["pack", str(SAMPLE), "-o", str(tmp_path / "pack.pdf")]) == 2
    assert "should end in .pptx" in capsys.readouterr().err
    assert main(["pack", str(SAMPLE), "-o", str(tmp_path / "p.pptx"), "--threshold", "1"]) == 2
    assert "--threshold must be 2 or more" in capsys.readouterr().err
    assert main(["pack", str(tmp_path / "missing.xlsx"), "-o", str(tmp_path / "p.pptx")]) == 2
    assert "Could not load the portfolio" in capsys.readouterr().err
    assert main(["pack", str(SAMPLE), "-o", str(tmp_path / "no" / "such" / "p.pptx")]) == 1
    assert "Could not write" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.p*"))


def test_python_m_dayserv_pack_runs(tmp_path):
    out = tmp_path / "pack.html"
    done = subprocess.run(
        [sys.executable, "-m", "dayserv", "pack", str(SAMPLE), "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Wrote the meeting pack as an HTML report (12 slides, all services)" in done.stderr
    assert out.stat().st_size > 4_000_000  # plotly.js is inside
