"""Where a figure came from: the source file, the filters in force, when it was produced and
whether small numbers were hidden. Printed on every exported chart, slide, report and table,
so that a figure seen out of context cannot mislead."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import pandas as pd

from dayserv.figures import formats
from dayserv.figures.filters import Filter
from dayserv.figures.findings import years_words
from dayserv.figures.publication import Publication
from dayserv.figures.slices import years_of
from dayserv.read.clean import Portfolio

SAMPLE_AREA = "Eastbrook (sample)"  # the bundled sample, as the Areas page calls it
# A saved version's label, as the app and the command line call its sources.
SAVED_LABEL = re.compile(r"^(?P<area>.+?) version \d+ \(.*\)$")


def slug(text: str) -> str:
    """Words for a file name: "Eastbrook sample.xlsx" -> "eastbrook-sample"."""
    text = re.sub(r"\.(xlsx|xlsm|xls|ods|csv)\b", "", str(text), flags=re.IGNORECASE)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "portfolio"


def year_slug(year: str) -> str:
    """A financial year for a file name: "2024/25" -> "2024-25"."""
    return str(year).replace("/", "-")


@dataclass(frozen=True)
class Provenance:
    """The facts printed beside an exported figure."""

    source: str  # the file(s) read, e.g. "sample_portfolio.xlsx"
    filters: str  # Filter.describe(), e.g. "locality North"
    years: str  # the years shown, e.g. "2022/23 to 2025/26"
    produced: datetime
    publication: Publication = Publication()
    left_out: str = ""  # quality.left_out_words: what the workbook's rows left out
    area: str = ""  # the area the figures are about (area_name), when it is known

    def now(self) -> Provenance:
        """The same facts, produced now (a file built when its button is clicked)."""
        return replace(self, produced=datetime.now())

    def line(self, minute: bool = True) -> str:
        """One line for the foot of a chart or slide; ``minute=False`` gives the day alone."""
        produced = f"{self.produced:%d %b %Y %H:%M}" if minute else f"{self.produced:%d %b %Y}"
        line = (
            f"Source: {self.source} · Filters: {self.filters} · Years: {self.years} · "
            f"Produced {produced} by dayserv"
        )
        if self.area:
            line = f"{self.area} · {line}"
        if self.publication.on:
            line += f" · Publication mode: counts under {self.publication.threshold} hidden"
        return line

    def rows(self) -> list[tuple[str, str]]:
        """The facts as (label, value) pairs, for an "About this export" sheet."""
        return [
            *([("Area", self.area)] if self.area else []),
            ("Source file", self.source),
            ("Filters", self.filters),
            ("Years", self.years),
            ("Produced", f"{self.produced:%Y-%m-%d %H:%M}"),
            ("Publication mode", self.publication.words()),
            *([("Rows used", self.left_out)] if self.left_out else []),
        ]

    def file_name(self, *parts: str, ext: str) -> str:
        """A file name that says what the file is: portfolio, what it shows, years, filter.

        e.g. "dayserv_sample-portfolio_user-run-share_2022-23-to-2025-26.png"; a file made in
        publication mode ends "_public", so it is not mistaken for the full figures."""
        years = re.sub(r"\s*\(.*?\)", "", self.years)  # "2022/23 to 2025/26 (4 years)"
        words = [slug(self.source), *(slug(p) for p in parts if p), slug(years)]
        if self.filters != "all services":
            words.append(slug(self.filters)[:40].strip("-"))
        if self.publication.on:
            words.append("public")
        return "_".join(["dayserv", *words]) + f".{ext}"


def of_view(
    source: str,
    chosen: Filter,
    services: pd.DataFrame,
    publication: Publication,
    produced: datetime | None = None,
    left_out: str = "",
    area: str = "",
) -> Provenance:
    """The provenance of what a page, export or pack shows: the filtered services' years,
    ``left_out`` (quality.left_out_words of the portfolio) and the ``area`` they are about."""
    return Provenance(
        source=source,
        filters=chosen.describe(),
        years=years_words(years_of(services)),
        produced=produced or datetime.now(),
        publication=publication,
        left_out=left_out,
        area=area,
    )


def area_name(portfolio: Portfolio, area: str | None = None) -> str:
    """The area the figures are about: ``area`` (a saved area's name) when given; else the saved
    area its sources are a version of; else the one area its Services sheet names; else
    its file's name in words ("sample_portfolio.xlsx" -> "Sample portfolio")."""
    if area and area.strip():
        return " ".join(area.split())
    saved = [SAVED_LABEL.match(source) for source in portfolio.sources]
    names = {found.group("area") for found in saved if found}
    if saved and all(saved) and len(names) == 1:
        return names.pop()
    services = portfolio.tables.get("services", pd.DataFrame())
    if "area" in services:
        named = services["area"].dropna().astype(str).str.strip()
        named = named[named.ne("")].unique()
        if len(named) == 1:
            return str(named[0])
    if len(portfolio.sources) == 1:
        words = re.sub(r"[_\s]+", " ", Path(portfolio.sources[0]).stem).strip()
        if words:
            return formats.first_upper(words)
    return "Your portfolio"


def shown_area(loaded) -> str | None:
    """The area of what the app shows (a ``state.Loaded``): the saved area's name, the
    sample's, else None (the pack then names the portfolio by its own name)."""
    if getattr(loaded, "area", None) is not None:
        return loaded.area.info.area
    return SAMPLE_AREA if getattr(loaded, "is_sample", False) else None
