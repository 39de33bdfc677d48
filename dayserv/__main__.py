"""The command line: the same engine the dashboard's pages use.

python -m dayserv validate PATH...          every problem, sheet, row and column
python -m dayserv measures PATH... --json   the anticipated outcomes' measures
"""

from __future__ import annotations

import argparse
import json
import sys

import pandas as pd

from dayserv.clean import load, parse_year
from dayserv.filters import Filter
from dayserv.measures import measures_json, yearly_measures
from dayserv.reader import UnreadableError, sources_from_paths


def _load(paths):
    try:
        return load(sources_from_paths(paths))
    except UnreadableError as exc:
        print(f"Could not load the portfolio: {exc}", file=sys.stderr)
        return None


def validate(args) -> int:
    portfolio = _load(args.paths)
    if portfolio is None:
        return 2
    problems = portfolio.problems
    for record in problems.itertuples(index=False):  # one line per problem, for people
        where = f"sheet {record.sheet}"
        if record.row is not None and record.row == record.row and str(record.row) != "<NA>":
            where += f", row {record.row}"
        if record.column:
            where += f", column {record.column}"
        value = f" (found {record.value!r})" if record.value else ""
        print(f"{record.severity.upper()}: {where}{value}: {record.problem} {record.fix}")
    counts = problems["severity"].value_counts()
    loaded = ", ".join(
        f"{table} {len(frame)} rows" for table, frame in portfolio.tables.items() if len(frame)
    )
    print(
        f"Loaded {portfolio.source_label}: {loaded}. "
        f"{counts.get('error', 0)} errors (rows left out), {counts.get('warning', 0)} warnings, "
        f"{counts.get('note', 0)} notes."
    )
    return 0


def measures(args) -> int:
    portfolio = _load(args.paths)
    if portfolio is None:
        return 2
    tables = _filter(args).tables(portfolio.tables)
    if args.json:
        result = measures_json(tables["services"], tables["funding"], tables["benchmark"])
        # json.dumps uses the C encoder throughout; json.dump to a stream does not.
        sys.stdout.write(json.dumps(result, indent=2 if args.indent else None) + "\n")
    else:
        table = yearly_measures(tables["services"], tables["funding"])
        print(table.to_string(float_format=lambda v: f"{v:,.3f}"))
    return 0


def _filter(args) -> Filter:
    years = None
    if args.year or args.years:
        years = (args.year, args.year) if args.year else tuple(args.years)
        years = tuple(parse_year(pd.Series(years, dtype=object)).fillna("").tolist())
    return Filter(
        years=years,
        localities=tuple(args.locality),
        sectors=tuple(args.sector),
        providers=tuple(args.provider),
        user_run=tuple(args.user_run),
        settings=tuple(args.setting),
    )


def _add_filter_options(parser) -> None:
    group = parser.add_argument_group("filter (the same as the dashboard's sidebar)")
    group.add_argument("--year", help="one year, e.g. 2024/25")
    group.add_argument("--years", nargs=2, metavar=("FIRST", "LAST"), help="a range of years")
    for option, word in (
        ("locality", "locality"),
        ("sector", "sector"),
        ("provider", "provider"),
        ("user-run", "User run value"),
        ("setting", "main setting"),
    ):
        group.add_argument(
            f"--{option}",
            action="append",
            default=[],
            help=f"keep this {word} (repeat for several)",
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dayserv", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="list every problem found in a portfolio")
    check.add_argument("paths", nargs="+", help="a workbook, CSV files, or a folder of CSV files")
    check.set_defaults(run=validate)
    figures = commands.add_parser("measures", help="the measures of the anticipated outcomes")
    figures.add_argument("paths", nargs="+", help="a workbook, CSV files, or a folder of CSV files")
    figures.add_argument("--json", action="store_true", help="print JSON, as the contract gives")
    figures.add_argument("--indent", action="store_true", help="indent the JSON")
    _add_filter_options(figures)
    figures.set_defaults(run=measures)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
