"""python -m dayserv plan PATH [--plan NAME] [--plan-file FILE] [--json]: a re-commissioning
plan projected from the portfolio's latest year: the measures, the money and any gap in
provision, year by year.

The plan is the portfolio's Plan sheet, or the Plan sheet of a workbook of its own given
with ``--plan-file`` (PATH may be a saved area, ``area:NAME[@N]``).
"""

from __future__ import annotations

import json
import sys

import pandas as pd

from dayserv import frameworks
from dayserv import store_cli as store_commands
from dayserv.figures.plan import gap_words, plan_json, plan_named, plan_table, plans, unknown_plan
from dayserv.read.clean import Portfolio, load
from dayserv.read.limits import limits_of
from dayserv.read.plan_sheet import with_plan_file
from dayserv.read.reader import UnreadableError, sources_from_paths

# The measures shown for people: the counts, then each anticipated outcome's headline.
SHOWN = list(dict.fromkeys(["services", "providers", *(o.headline for o in frameworks.OUTCOMES)]))
MONEY_ROWS = {
    "released": "Released",
    "reinvested": "Reinvested",
    "net": "Net (reinvested − released)",
    "total_funding": "Total funding",
    "building_money": "Spent in buildings",
    "lost": "Lost to day services",
    "ring_fenced": "Ring-fenced",
}


def register(commands, path_command) -> None:
    """Add the plan command; ``path_command`` makes a command taking PATHs."""
    parser = path_command(
        commands,
        "plan",
        "project a re-commissioning plan: the measures, the money and any gap in provision",
    )
    parser.add_argument(
        "--plan",
        metavar="NAME",
        help="the plan to project, as the Plan column names it "
        "(default: the first the sheet gives)",
    )
    parser.add_argument(
        "--plan-file",
        metavar="FILE",
        help="a workbook holding the Plan sheet, in place of the portfolio's own",
    )
    parser.add_argument("--json", action="store_true", help="print JSON, as the contract gives")
    parser.add_argument("--indent", action="store_true", help="indent the JSON")
    parser.set_defaults(run=plan)


def no_plan_sheet(label: str) -> str:
    """What to do when there is no plan, in a sentence."""
    return (
        f"{label} has no Plan sheet. Add a sheet named Plan with a row per change, headed "
        "Plan, Change (Decommission, Commission or Change), Service and From, and any "
        "Services column the change gives (Provider and Sector for a new service), as the "
        "template's Plan sheet shows; or give a plan workbook with --plan-file FILE."
    )


def plan(args) -> int:
    portfolio = _load(args)
    if portfolio is None:
        return 2
    if not portfolio.has("plan"):
        print(no_plan_sheet(portfolio.source_label), file=sys.stderr)
        return 2
    table = plan_table(portfolio)
    names = plans(table)
    name = plan_named(table, args.plan) if args.plan else (names[0] if names else None)
    if name is None:
        print(unknown_plan(table, args.plan or ""), file=sys.stderr)
        if not names:
            print("\n".join(_left_out(portfolio)), file=sys.stderr)
        return 2
    result = plan_json(portfolio, name)
    if args.json:
        sys.stdout.write(json.dumps(result, indent=2 if args.indent else None) + "\n")
        return 0
    print(_lines(portfolio, result, names))
    return 0


def _load(args) -> Portfolio | None:
    """The portfolio at the PATHs, with the plan file's plan if one is given; None (and a
    message) if either cannot be read."""
    limits = limits_of(args)
    try:
        sources, labels = store_commands.resolve_paths(args.paths, args.database)
        portfolio = store_commands.labelled(load(sources, limits=limits), labels)
    except UnreadableError as exc:
        print(f"Could not load the portfolio: {exc}", file=sys.stderr)
        return None
    if not args.plan_file:
        return portfolio
    try:
        return with_plan_file(portfolio, sources_from_paths([args.plan_file]), limits)
    except UnreadableError as exc:
        print(f"Could not read the plan: {exc}", file=sys.stderr)
        return None


def _table(headings: list[str], rows: dict[str, list[str]]) -> list[str]:
    """Rows of cells under the headings, the labels on the left, the cells right-aligned."""
    width = max(map(len, rows))
    widths = [
        max(len(h), *(len(cells[i]) for cells in rows.values())) for i, h in enumerate(headings)
    ]

    def line(label: str, cells: list[str]) -> str:
        right = [f"{c:>{w}}" for c, w in zip(cells, widths, strict=True)]
        return f"{label:<{width}}  " + "  ".join(right)

    return [line("", headings), *(line(label, cells) for label, cells in rows.items())]


def _lines(portfolio: Portfolio, result: dict, names: list[str]) -> str:
    """The projection for people: the headline measures a year, the money, the gaps."""
    from dayserv.figures.formats import format_measure, format_money, measure_name

    baseline, years = result["baseline"], list(result["years"])
    projected = [y for y in years if y != baseline]
    others = [n for n in names if n != result["plan"]]
    lines = [
        f"Plan {result['plan']!r} for {portfolio.source_label}: from the baseline {baseline} "
        f"to {projected[-1]}."
    ]
    if others:
        lines.append(f"Other plans: {'; '.join(others)} (choose one with --plan NAME).")
    lines.append("")
    measures = {
        measure_name(m): [format_measure(m, result["years"][y][m]) for y in years] for m in SHOWN
    }
    lines += _table([f"{baseline} (baseline)", *projected], measures)
    lines.append("")
    money = {
        label: [
            ("yes" if result["money"][y][key] else "no")
            if key == "ring_fenced"
            else format_money(result["money"][y][key])
            for y in projected
        ]
        for key, label in MONEY_ROWS.items()
    }
    lines += ["Money, each year against the year before:", *_table(projected, money), ""]
    if result["gaps"]:
        lines.append("Gaps in provision:")
        lines += [f"- {gap_words(gap, baseline)}." for gap in result["gaps"]]
    else:
        lines.append(
            "No gap in provision: every service closed has its replacement in place by then, "
            f"or its locality keeps the places it had in {baseline}."
        )
    left_out = _left_out(portfolio)
    if left_out:
        lines += ["", f"{len(left_out)} Plan row{'s' if len(left_out) != 1 else ''} left out:"]
        lines += left_out
    return "\n".join(lines)


def _left_out(portfolio: Portfolio) -> list[str]:
    """The Plan sheet's rows left out, a line each: row, column and why."""
    problems = portfolio.problems
    errors = problems.loc[
        (problems["sheet"].astype(str) == str(portfolio.plan_sheet))
        & (problems["severity"].astype(str) == "error")
    ]
    return [
        f"- {'' if pd.isna(record.row) else f'row {record.row}, '}{record.column}: {record.problem}"
        for record in errors.itertuples(index=False)
    ]
