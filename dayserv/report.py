"""The meeting pack as one HTML file that opens anywhere, offline: the same slides as the
deck, one section each, with the dashboard's own interactive charts.

Everything is inside the file: the styles, and plotly.js once (the charts need nothing from
the network). Every text from the user's workbook (service, locality, provider, file names)
is escaped, so a name that looks like HTML is shown as written and never run. Printed, each
section is a page carrying the provenance line, as a slide does.
"""

from __future__ import annotations

import html

import pandas as pd
from plotly.offline import get_plotlyjs

from dayserv import catalogue, charts, deck
from dayserv import pack as meeting_pack
from dayserv.pack import Pack, Slide

CHART_CONFIG = {"displaylogo": False, "responsive": True}
CHART_TOP = 48  # px above a chart's plot: its title is the section's heading

STYLE = """
:root { --text: #1A1A1A; --muted: #555555; --blue: #0072B2; --band: #F2F2F2; }
* { box-sizing: border-box; }
html { font-size: 20px; }
body {
  margin: 0; background: #EDEDED; color: var(--text); line-height: 1.4;
  font-family: Calibri, Carlito, "Segoe UI", "Helvetica Neue", Arial, sans-serif;
}
.provenance { background: #FFFFFF; color: var(--muted); font-size: 0.8rem; padding: 0.6rem 2rem; }
header.provenance { border-top: 6px solid var(--blue); border-bottom: 1px solid #CCCCCC; }
footer.provenance { border-top: 1px solid #CCCCCC; }
main { max-width: 1300px; margin: 0 auto; padding: 0.5rem 1rem; }
section.slide {
  background: #FFFFFF; margin: 1.2rem 0; padding: 1.4rem 2rem 0.8rem;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.15); display: flex; flex-direction: column;
}
.heading { color: var(--muted); font-size: 0.9rem; margin: 0; }
h1, h2 { margin: 0.2rem 0 0.8rem; line-height: 1.2; }
h1 { font-size: 2.2rem; }
h2 { font-size: 1.6rem; }
p { margin: 0 0 0.6rem; max-width: 60rem; }
.lead { font-size: 1.2rem; }
blockquote { margin: 0 0 0.8rem; font-style: italic; font-size: 1.1rem; }
.value { font-size: 3.2rem; font-weight: 700; line-height: 1.1; margin: 0; }
.value-label { margin-bottom: 0.3rem; }
.change { font-size: 1.2rem; font-weight: 700; }
.status { font-size: 1.4rem; font-weight: 700; margin: 0.6rem 0 0.2rem; }
.status-on-track { color: #009E73; }  /* Okabe-Ito: 3.4:1 and 4:1 on white, for large bold */
.status-not-on-track { color: #D55E00; }
.status-no-data { color: var(--muted); }
.note { color: var(--muted); }
.columns { display: grid; grid-template-columns: minmax(15rem, 1fr) 2fr; gap: 1.5rem; }
.benchmark .columns { grid-template-columns: 3fr 2fr; }
.chart { min-width: 0; }
table { border-collapse: collapse; margin: 0.4rem 0 0.8rem; font-size: 1rem; }
th, td { padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
th { background: var(--blue); color: #FFFFFF; }
tbody tr:nth-child(even) td { background: var(--band); }
.number { text-align: right; font-variant-numeric: tabular-nums; }
details { margin: 0.2rem 0 0.6rem; }
summary { cursor: pointer; color: var(--blue); }
.slide-foot {
  margin-top: auto; padding-top: 0.4rem; border-top: 1px solid #DDDDDD; color: var(--muted);
  font-size: 0.7rem; display: flex; justify-content: space-between; gap: 1rem;
}
.slide-foot .number { white-space: nowrap; }
@media (max-width: 900px) { .columns, .benchmark .columns { grid-template-columns: 1fr; } }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  html { font-size: 13pt; }
  body { background: #FFFFFF; }
  header.provenance, footer.provenance, details, noscript { display: none; }
  main { max-width: none; padding: 0; }
  section.slide {
    margin: 0; padding: 0; box-shadow: none; min-height: 180mm;
    break-after: page; page-break-after: always; break-inside: avoid;
  }
  section.slide:last-of-type { break-after: auto; page-break-after: auto; }
}
"""


def esc(text) -> str:
    """Text from the pack (and so from the user's workbook) made safe inside HTML."""
    return html.escape(str(text), quote=True)


def table_html(table: pd.DataFrame, caption: str = "") -> str:
    """A table as HTML, every cell escaped, numbers set right as on the slides."""
    headings, rows, numeric = deck.table_text(table)

    def cell(tag: str, text: str, number: bool) -> str:
        scope = ' scope="col"' if tag == "th" else ""
        css = ' class="number"' if number else ""
        return f"<{tag}{scope}{css}>{esc(text)}</{tag}>"

    head = "".join(cell("th", h, n) for h, n in zip(headings, numeric, strict=True))
    body = "".join(
        "<tr>" + "".join(cell("td", t, n) for t, n in zip(row, numeric, strict=True)) + "</tr>"
        for row in rows
    )
    title = f'<caption class="note">{esc(caption)}</caption>' if caption else ""
    return f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def chart_html(slide: Slide, div_id: str) -> str:
    """A slide's chart, drawn by the dashboard's chart functions, as a plotly div (plotly.js
    itself is in the page's head)."""
    figure = meeting_pack.figure(slide)
    if figure is None:
        return ""
    figure.update_layout(title_text="", margin_t=CHART_TOP)
    return figure.to_html(
        full_html=False,
        include_plotlyjs=False,
        config=CHART_CONFIG,
        div_id=div_id,
        default_width="100%",
    )


def _status(status: str) -> str:
    kind = status.replace(" ", "-") or "no-data"
    return f'<p class="status status-{esc(kind)}">{esc(catalogue.status_text(status))}</p>'


def _paragraph(text: str, css: str = "") -> str:
    if not text:
        return ""
    attribute = f' class="{css}"' if css else ""
    return f"<p{attribute}>{esc(text)}</p>"


def _outcome(slide: Slide, number: int) -> str:
    figures = "".join(
        [
            f"<blockquote>“{esc(slide.text)}”</blockquote>",
            _paragraph(slide.value, "value"),
            _paragraph(slide.value_label, "value-label"),
            _paragraph(slide.change, "change"),
            _status(slide.status),
            _paragraph(slide.direction),
            _paragraph(slide.target),
        ]
    )
    notes = "".join(
        _paragraph(f"No point for {year}: {note}.", "note")
        for year, note in zip(slide.data["year"], slide.data["note"], strict=True)
        if note
    )
    behind = pd.DataFrame(
        {
            "Year": slide.data["year"],
            charts.measure_name(slide.measure): [
                charts.format_measure(slide.measure, v, precise=True) for v in slide.data["value"]
            ],
            "Note": slide.data["note"],
        }
    )
    chart = chart_html(slide, f"chart-{number}")
    return (
        f'<div class="columns"><div class="figures">{figures}</div>'
        f'<div class="chart">{chart}{notes}</div></div>'
        f"<details><summary>The figures behind this chart</summary>{table_html(behind)}</details>"
    )


def _benchmark(slide: Slide, number: int) -> str:
    words, quote = deck.benchmark_words(slide.text)
    text = _paragraph(words) + (f"<blockquote>{esc(quote)}</blockquote>" if quote else "")
    if slide.data.empty:
        return text
    chart = chart_html(slide, f"chart-{number}")
    scores = slide.data.rename(columns={"section": "Section", "score": "Median score (0-100)"})
    return (
        f'<div class="columns"><div class="chart">{chart}</div><div>{text}</div></div>'
        f"<details><summary>The figures behind this chart</summary>{table_html(scores)}</details>"
    )


def section_html(slide: Slide, number: int, total: int, line: str) -> str:
    """One slide as a section: heading, title (the finding), its content, and the footer."""
    tag = "h1" if slide.kind == "title" else "h2"
    title_id = f"slide-{number}-title"
    if slide.kind == "outcome":
        body = _outcome(slide, number)
    elif slide.kind == "benchmark":
        body = _benchmark(slide, number)
    else:
        body = _paragraph(slide.text, "lead" if slide.kind == "title" else "")
        if not slide.table.empty:
            body += table_html(slide.table)
    return (
        f'<section class="slide {esc(slide.kind)}" id="slide-{number}" '
        f'aria-labelledby="{title_id}">'
        f'<p class="heading">{esc(slide.heading)}</p>'
        f'<{tag} id="{title_id}">{esc(slide.title)}</{tag}>{body}'
        f'<footer class="slide-foot"><span>{esc(line)}</span>'
        f'<span class="number">{number} / {total}</span></footer></section>'
    )


def report_html(pack: Pack) -> str:
    """The meeting pack as one self-contained HTML page: every slide a section, charts
    interactive, nothing fetched from the network."""
    line = pack.provenance.line()
    title = f"Meeting pack: {pack.slides[0].title}" if pack.slides else "Meeting pack"
    total = len(pack.slides)
    sections = "\n".join(
        section_html(slide, number, total, line)
        for number, slide in enumerate(pack.slides, start=1)
    )
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="dayserv">\n'
        f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n"
        "<script>window.PlotlyConfig = {MathJaxConfig: 'local'};</script>\n"
        f"<script>{get_plotlyjs()}</script>\n</head>\n<body>\n"
        f'<header class="provenance">{esc(line)}</header>\n'
        "<noscript><p>The charts need JavaScript; the figures behind each chart are in the "
        "table under it.</p></noscript>\n"
        f"<main>\n{sections}\n</main>\n"
        f'<footer class="provenance">{esc(line)}</footer>\n</body>\n</html>\n'
    )
