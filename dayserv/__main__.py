"""The command line: the same engine the dashboard's pages use.

python -m dayserv validate PATH...          every problem, sheet, row and column
python -m dayserv measures PATH... --json   the anticipated outcomes' measures
python -m dayserv export PATH... --table services --format xlsx -o services.xlsx
                                            a table as the Data tables page downloads it
python -m dayserv pack PATH... -o pack.pptx   the meeting pack: a PowerPoint deck, or
                                            an HTML report that opens offline (-o pack.html)
python -m dayserv compare PATH... [--year YEAR] --json   areas side by side: one workbook
                                            with an Area column, or a PATH per area
python -m dayserv plan PATH [--plan NAME] [--plan-file FILE] --json   a re-commissioning
                                            plan projected: measures, money, gaps

Saved areas (the store: DAYSERV_DATABASE_URL, or --database URL):
python -m dayserv save PATH... --area NAME [--note TEXT]   the area's next version
python -m dayserv areas [--json]            the areas, their latest versions
python -m dayserv history --area NAME [--json]   an area's versions
python -m dayserv share --area NAME [--version N] [--publication] [--threshold N]
    [--expires DAYS] [--base-url URL]       a read-only link: its path on the last line
python -m dayserv share --revoke PATH       end a link
python -m dayserv members --area NAME [--add EMAIL --role ROLE] [--remove EMAIL]
python -m dayserv delete --area NAME --yes  the area with all it holds

measures and export take the sidebar's filters (--year, --locality, --sector ...); export
also --publication (counts of people under 5, or --threshold N, shown as "<5"), --search
and --column. Without -o (or with -o -) export writes CSV to standard output. pack takes
the filters, --publication and --threshold too.

PATH is a workbook, CSV files or a folder of them, or a saved area: area:NAME (its latest
version) or area:NAME@N (version N).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import sys
import tempfile
from pathlib import Path

import pandas as pd

from dayserv import compare_cli, plan_cli
from dayserv import store_cli as store_commands
from dayserv.figures import filters, quality
from dayserv.figures.filters import Filter
from dayserv.figures.measures import measures_json, yearly_measures
from dayserv.figures.publication import THRESHOLD, Publication
from dayserv.read import left_out
from dayserv.read.clean import load
from dayserv.read.limits import Limits, limits_of
from dayserv.read.parse import parse_year
from dayserv.read.reader import UnreadableError
from dayserv.share.export import CannotExport, failure_sentence


def _load(args):
    """The portfolio at the command's PATHs (files, folders or saved areas), held to its
    limits; None (and a message) if not."""
    try:
        sources, labels = store_commands.resolve_paths(args.paths, args.database)
        return store_commands.labelled(load(sources, limits=limits_of(args)), labels)
    except UnreadableError as exc:
        print(f"Could not load the portfolio: {exc}", file=sys.stderr)
        return None


def validate(args) -> int:
    portfolio = _load(args)
    if portfolio is None:
        return 2
    problems = portfolio.problems
    for record in problems.itertuples(index=False):  # one line per problem, for people
        where = f"sheet {record.sheet}"
        if not pd.isna(record.row):  # a problem about a whole sheet has no row
            where += f", row {record.row}"
        if record.column:
            where += f", column {record.column}"
        value = f" (found {record.value!r})" if record.value else ""
        print(f"{record.severity.upper()}: {where}{value}: {record.problem} {record.fix}")
    counts = problems["severity"].value_counts()
    loaded = []
    for table, frame in portfolio.tables.items():
        left = left_out.left_out_of(portfolio, table)
        if len(frame) or left:
            loaded.append(f"{table} {len(frame)} rows" + (f" ({left:,} left out)" if left else ""))
    print(
        f"Loaded {portfolio.source_label}: {', '.join(loaded)}. "
        f"{counts.get('error', 0)} errors (rows left out), {counts.get('warning', 0)} warnings, "
        f"{counts.get('note', 0)} notes."
    )
    return 0


def measures(args) -> int:
    portfolio = _load(args)
    if portfolio is None:
        return 2
    chosen = _filter(args, portfolio)
    if chosen is None:
        return 2
    tables = chosen.tables(portfolio.tables)
    if args.json:
        result = measures_json(tables["services"], tables["funding"], tables["benchmark"])
        result["rows_left_out"] = left_out.rows_left_out(portfolio)
        result["problems"] = left_out.problem_counts(portfolio.problems)
        # json.dumps uses the C encoder throughout; json.dump to a stream does not.
        sys.stdout.write(json.dumps(result, indent=2 if args.indent else None) + "\n")
    else:
        from dayserv.figures.formats import format_measure, measure_name  # plotly only for people

        table = yearly_measures(tables["services"], tables["funding"])
        print(f"{portfolio.source_label} ({chosen.describe()})")
        print(_measure_lines(table, format_measure, measure_name))
        any_left_out = quality.anything_left_out(portfolio)
        hint = ": python -m dayserv validate lists them." if any_left_out else "."
        print(quality.left_out_words(portfolio) + hint)
    return 0


def _measure_lines(table: pd.DataFrame, format_measure, measure_name) -> str:
    """The yearly measures for people: a row per measure, a column per year."""
    rows = {
        measure_name(m) if m not in ("weighting", "services_without_sector") else m: [
            str(v) if m in ("weighting", "services_without_sector") else format_measure(m, v)
            for v in table[m]
        ]
        for m in table.columns
    }
    shown = pd.DataFrame(rows, index=table.index).T
    shown = shown.rename(
        index={"weighting": "Weighting", "services_without_sector": "Services with no sector"}
    )
    width = max(map(len, shown.index))
    lines = [" " * width + "  " + "  ".join(f"{y:>9}" for y in shown.columns)]
    lines += [
        f"{name:<{width}}  " + "  ".join(f"{v:>9}" for v in values)
        for name, values in zip(shown.index, shown.to_numpy().tolist(), strict=True)
    ]
    return "\n".join(lines)


def export_table(args) -> int:
    from dayserv.share import tables  # the Data page's functions, loaded only for this command
    from dayserv.share.provenance import area_name, of_view

    if args.table not in tables.CATALOGUE:
        print(
            f"There is no table called {args.table!r}: choose one of "
            f"{', '.join(tables.CATALOGUE)}.",
            file=sys.stderr,
        )
        return 2
    to_stdout = args.output in (None, "-")
    fmt = args.format or (
        "xlsx" if not to_stdout and args.output.lower().endswith(".xlsx") else "csv"
    )
    if fmt == "xlsx" and to_stdout and sys.stdout.isatty():
        print("An Excel workbook cannot be shown here: add -o FILE.xlsx.", file=sys.stderr)
        return 2
    publication = _publication(args)
    if publication is None:
        return 2
    portfolio = _load(args)
    if portfolio is None:
        return 2
    chosen = _filter(args, portfolio)
    if chosen is None:
        return 2
    filtered = chosen.tables(portfolio.tables)
    frame = tables.published(filtered, args.table, publication)
    columns = None
    if args.column:
        missing = tables.unknown_columns(frame, args.column)
        if missing:
            print(
                f"The {tables.label(args.table)} table has no column {missing[0]!r}: its "
                f"columns are {', '.join(map(str, frame.columns))}.",
                file=sys.stderr,
            )
            return 2
        columns = tables.match_columns(frame, args.column)
    frame = tables.narrow(frame, columns, args.search or "")
    if fmt == "xlsx" and tables.too_big_for_excel(frame):
        print(
            f"{len(frame):,} rows are more than an Excel sheet holds: use --format csv.",
            file=sys.stderr,
        )
        return 1
    provenance = of_view(
        portfolio.source_label,
        chosen,
        filtered["services"],
        publication,
        left_out=quality.left_out_words(portfolio),
        area=area_name(portfolio),
    )
    try:
        data = tables.export_bytes(args.table, frame, fmt, provenance, args.search or "")
    except CannotExport as error:
        return _cannot_make(tables.export_what(args.table, fmt), error)
    if to_stdout:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        where = "standard output"
    else:
        try:
            with open(args.output, "wb") as out:
                out.write(data)
        except OSError as exc:
            print(f"Could not write {args.output}: {exc.strerror or exc}.", file=sys.stderr)
            return 1
        where = args.output
    print(
        f"Wrote {len(frame):,} rows of {tables.label(args.table)} ({chosen.describe()}) "
        f"to {where}.",
        file=sys.stderr,
    )
    return 0


PACK_FORMATS = {".pptx": "a PowerPoint deck", ".html": "an HTML report"}


def meeting_pack(args) -> int:
    from dayserv.share import pack  # the deck and report libraries load only for this command

    suffix = Path(args.output).suffix.lower() if args.output else ".pptx"
    if suffix not in PACK_FORMATS:
        print(
            f"{args.output} should end in .pptx (a PowerPoint deck) or .html (a report that "
            "opens in a browser, offline).",
            file=sys.stderr,
        )
        return 2
    publication = _publication(args)
    if publication is None:
        return 2
    portfolio = _load(args)
    if portfolio is None:
        return 2
    chosen = _filter(args, portfolio)
    if chosen is None:
        return 2
    built = pack.build(portfolio, chosen, publication)
    output = args.output or built.file_name("pptx")
    try:
        data, slides = _pack_file(built, suffix)
    except CannotExport as error:
        return _cannot_make(f"The meeting pack as {PACK_FORMATS[suffix]}", error)
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        print(f"Could not write {output}: {exc.strerror or exc}.", file=sys.stderr)
        return 1
    print(
        f"Wrote the meeting pack as {PACK_FORMATS[suffix]} ({slides} slides, "
        f"{built.provenance.filters}) to {output}.",
        file=sys.stderr,
    )
    return 0


def _pack_file(built, suffix: str) -> tuple[bytes, int]:
    """The pack as a file of the kind ``suffix`` names, and how many slides it holds."""
    if suffix == ".pptx":
        from dayserv.share import deck, deck_layout

        return deck.deck_bytes(built), len(deck_layout.pages(built))
    from dayserv.share.report import report_html

    return report_html(built).encode("utf-8"), len(built.slides)


def _cannot_make(what: str, error: CannotExport) -> int:
    """Why a file cannot be made, in one sentence, and the exit status for it."""
    print(failure_sentence(what, error), file=sys.stderr)
    return 1


def _filter(args, portfolio) -> Filter | None:
    """The filter asked for, its values matched to the portfolio's in any case and spacing;
    None (and a sentence per value that matches nothing, or for a filter that keeps no
    service) when it cannot be applied."""
    years = None
    services = portfolio.services
    refusals = []
    if args.year or args.years:
        years = (args.year, args.year) if args.year else tuple(args.years)
        years = tuple(parse_year(pd.Series(years, dtype=object)).fillna("").tolist())
        refusals += filters.unknown_years(years, services)
    asked = {
        "localities": tuple(args.locality),
        "sectors": tuple(args.sector),
        "providers": tuple(args.provider),
        "user_run": tuple(args.user_run),
        "settings": tuple(args.setting),
    }
    chosen, unknown = filters.resolve(asked, services)
    refusals += unknown
    if not refusals:
        found = Filter(years=years, **chosen)
        if found.services(services).empty:
            refusals.append(f"No service matches {found.describe()}: widen the filter.")
    if refusals:
        print("\n".join(refusals), file=sys.stderr)
        return None
    return found


def _command(commands, name: str, help: str):
    """A command reading a portfolio: its PATH arguments, as every command takes them."""
    parser = commands.add_parser(name, help=help)
    parser.add_argument(
        "paths",
        nargs="+",
        help="a workbook, CSV files, a folder of CSV files, or a saved area: area:NAME (its "
        "latest version) or area:NAME@N",
    )
    store_commands.add_database_option(parser)
    group = parser.add_argument_group(
        "limits (a bigger portfolio is refused before it is read; raise them for a bigger one)"
    )
    for limit in dataclasses.fields(Limits):
        group.add_argument(
            limit.metadata["option"],
            dest=limit.name,
            type=_positive,
            default=limit.default,
            metavar=limit.metadata["metavar"],
            help=f"{limit.metadata['help']} (default {limit.default:,})",
        )
    return parser


def _positive(text: str) -> int:
    """A limit given on the command line: a whole number above 0 (commas allowed)."""
    try:
        number = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number above 0")
    return number


def _add_publication_options(parser) -> None:
    group = parser.add_argument_group("publication mode (the sidebar's toggle)")
    group.add_argument(
        "--publication",
        action="store_true",
        help=f"publication mode: counts of people under {THRESHOLD} shown as <{THRESHOLD}",
    )
    group.add_argument(
        "--threshold",
        type=int,
        metavar="N",
        help="publication mode hiding counts of people under N (implies --publication)",
    )


def _publication(args) -> Publication | None:
    """The publication rule asked for; None (and a message) for a threshold below 2."""
    if args.threshold is not None and args.threshold < 2:
        print("--threshold must be 2 or more.", file=sys.stderr)
        return None
    return Publication(
        on=args.publication or args.threshold is not None,
        threshold=args.threshold if args.threshold is not None else THRESHOLD,
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
    check = _command(commands, "validate", "list every problem found in a portfolio")
    check.set_defaults(run=validate)
    figures = _command(commands, "measures", "the measures of the anticipated outcomes")
    figures.add_argument("--json", action="store_true", help="print JSON, as the contract gives")
    figures.add_argument("--indent", action="store_true", help="indent the JSON")
    _add_filter_options(figures)
    figures.set_defaults(run=measures)
    table = _command(
        commands,
        "export",
        "a table of the portfolio as CSV or Excel, as the Data tables page gives it",
    )
    table.add_argument(
        "--table",
        default="services",
        metavar="NAME",
        help="services (the default), funding, benchmark, good_practice, checklist, kpis, "
        "targets or measures",
    )
    table.add_argument(
        "--format",
        choices=["csv", "xlsx"],
        help="csv (UTF-8 with a byte-order mark) or xlsx (with an 'About this export' "
        "sheet); by default xlsx for -o NAME.xlsx, otherwise csv",
    )
    table.add_argument(
        "-o", "--output", metavar="FILE", help="the file to write; - or none: standard output"
    )
    table.add_argument("--search", metavar="TEXT", help="keep the rows holding TEXT in any column")
    table.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="HEADING",
        help="keep this column, by its heading (repeat for several; default all)",
    )
    _add_publication_options(table)
    _add_filter_options(table)
    table.set_defaults(run=export_table)
    meeting = _command(
        commands, "pack", "the meeting pack: a PowerPoint deck (.pptx) or an HTML report (.html)"
    )
    meeting.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="FILE.pptx (a deck) or FILE.html (a report that opens offline); by default a "
        ".pptx named for the portfolio, years and filter",
    )
    _add_publication_options(meeting)
    _add_filter_options(meeting)
    meeting.set_defaults(run=meeting_pack)
    store_commands.register(commands, _command)
    compare_cli.register(commands, _command)
    plan_cli.register(commands, _command)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except Exception:  # a bug must not show the user a traceback: the log keeps it
        log = _log_traceback()
        paths = ", ".join(getattr(args, "paths", ()))
        print(
            f"dayserv {args.command} could not finish{f' on {paths}' if paths else ''}: "
            "something unexpected went wrong, which is a fault of dayserv's, not of the file. "
            f"The details are in {log}.",
            file=sys.stderr,
        )
        return 1


def _log_traceback() -> Path:
    """Append the exception being handled to the error log; returns the log's path."""
    path = Path(os.environ.get("DAYSERV_LOG", Path(tempfile.gettempdir()) / "dayserv-errors.log"))
    handler = logging.FileHandler(path, encoding="utf-8")
    logger = logging.getLogger("dayserv.cli")
    logger.addHandler(handler)
    try:
        logger.exception("dayserv %s", " ".join(sys.argv[1:]))
    finally:
        logger.removeHandler(handler)
        handler.close()
    return path


if __name__ == "__main__":
    sys.exit(main())
