"""How long the meeting pack takes to build, apart from reading the workbook.

    python scripts/pack_times.py            # the sample and bench/out/big_20000.xlsx
    python scripts/pack_times.py --runs 5

The big workbook is the one scripts/benchmark.py writes (it is written here too if missing).
Times are the median of several runs in one process, after a first run that warms imports.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dayserv.read.clean import load  # noqa: E402
from dayserv.read.reader import sources_from_paths  # noqa: E402
from dayserv.share import (  # noqa: E402
    deck,
    deck_layout,
    pack,
    report,  # noqa: E402
)


def seconds(job, runs: int) -> tuple[float, object]:
    result = job()  # warm: imports, plotly's templates, python-pptx's parts
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        result = job()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), result


def measure(path: Path, runs: int) -> None:
    start = time.perf_counter()
    portfolio = load(sources_from_paths([path]))
    loaded = time.perf_counter() - start
    built_in, built = seconds(lambda: pack.build(portfolio), runs)
    deck_in, pptx = seconds(lambda: deck.deck_bytes(built), runs)
    report_in, page = seconds(lambda: report.report_html(built), runs)
    print(
        f"{path.name}: {len(portfolio.services):,} service-years, load {loaded:.2f} s; "
        f"pack.build {built_in:.2f} s; deck {deck_in:.2f} s ({len(pptx) / 1e3:.0f} kB, "
        f"{len(deck_layout.pages(built))} slides); HTML report {report_in:.2f} s "
        f"({len(page) / 1e6:.1f} MB)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", type=int, default=20_000, help="service-years in the big file")
    args = parser.parse_args()
    big = ROOT / "bench" / "out" / f"big_{args.size}.xlsx"
    if not big.exists():
        subprocess.run(
            [sys.executable, "scripts/make_sample.py", "--big", str(args.size), "-o", str(big)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    measure(ROOT / "sample_data" / "sample_portfolio.xlsx", args.runs)
    measure(big, args.runs)


if __name__ == "__main__":
    main()
