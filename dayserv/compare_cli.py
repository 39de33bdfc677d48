"""python -m dayserv compare PATH... [--year YEAR] [--json]: areas side by side.

Each PATH is loaded on its own (a workbook, a folder of CSV files, or a saved area
``area:NAME[@N]``); one PATH with an Area column is an area per Area value.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

from dayserv import catalogue
from dayserv import store_cli as store_commands
from dayserv.figures import compare as compared
from dayserv.figures import quality
from dayserv.read.clean import Portfolio, load
from dayserv.read.limits import limits_of
from dayserv.read.parse import parse_year
from dayserv.read.reader import UnreadableError


def register(commands, path_command) -> None:
    """Add the compare command; ``path_command`` makes a command taking PATHs."""
    parser = path_command(
        commands,
        "compare",
        "compare areas: one workbook with an Area column, or a workbook (or saved area) each",
    )
    parser.add_argument(
        "--year", help="the year to compare, e.g. 2024/25 (default: the latest any area has)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON, as the contract gives")
    parser.add_argument("--indent", action="store_true", help="indent the JSON")
    parser.set_defaults(run=compare)


def compare(args) -> int:
    loaded = _load_each(args)
    if loaded is None:
        return 2
    areas = compared.areas_of(loaded)
    year = None
    if args.year:
        year = parse_year(pd.Series([args.year], dtype=object)).fillna("").iloc[0]
        refusal = compared.unknown_year(year, areas)
        if refusal:
            print(refusal, file=sys.stderr)
            return 2
    result = compared.compare_json(areas, year)
    if args.json:
        sys.stdout.write(json.dumps(result, indent=2 if args.indent else None) + "\n")
        return 0
    print(_lines(result))
    for name, portfolio in loaded:
        if quality.anything_left_out(portfolio):
            print(f"{name}: {quality.left_out_words(portfolio)}.")
    return 0


def _load_each(args) -> list[tuple[str, Portfolio]] | None:
    """Each PATH's portfolio with the name of its area; None (and a message) if one fails."""
    limits = limits_of(args)
    loaded = []
    for path in args.paths:
        try:
            sources, labels = store_commands.resolve_paths([path], args.database)
            portfolio = store_commands.labelled(load(sources, limits=limits), labels)
        except UnreadableError as exc:
            print(f"Could not load {path}: {exc}", file=sys.stderr)
            return None
        loaded.append((_name(path), portfolio))
    return loaded


def _name(path: str) -> str:
    """An area's name from its PATH: a saved area's name, else the file or folder's name
    without its extension."""
    saved = store_commands.area_path(path)
    if saved is not None:
        return saved[0]
    found = Path(path)
    return found.stem if found.is_file() else found.name


def _lines(result: dict) -> str:
    """The comparison for people: a row per measure, a column per area, then the median."""
    from dayserv.figures.formats import format_measure  # plotly only for people

    names = list(result["areas"])
    headings = [*names, "Median"]
    labels = [catalogue.measure(m).label for m in compared.MEASURES]
    width = max(map(len, labels))
    widths = [max(len(h), 9) for h in headings]
    lines = [
        f"Areas compared in {result['year']}: {len(names)} with figures"
        + (f"; none for {', '.join(result['missing'])}" if result["missing"] else ""),
        " " * width + "  " + "  ".join(f"{h:>{w}}" for h, w in zip(headings, widths, strict=True)),
    ]
    for measure, label in zip(compared.MEASURES, labels, strict=True):
        values = [result["areas"][name][measure] for name in names]
        values.append(result["summary"][measure]["median"])
        cells = [format_measure(measure, v) for v in values]
        lines.append(
            f"{label:<{width}}  "
            + "  ".join(f"{c:>{w}}" for c, w in zip(cells, widths, strict=True))
        )
    return "\n".join(lines)
