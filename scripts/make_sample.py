"""Write the Eastbrook sample workbook, the sample region, or a big generated one for the
speed benchmark.

python scripts/make_sample.py                      # sample_data/sample_portfolio.xlsx
python scripts/make_sample.py --region             # sample_data/sample_region.xlsx
python scripts/make_sample.py --big 20000 -o bench/out/big_20000.xlsx
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from dayserv.eastbrook import sample_portfolio  # noqa: E402
from dayserv.region import sample_region  # noqa: E402
from dayserv.synthetic import big_portfolio, write_workbook  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--big", type=int, metavar="N", help="write a big portfolio with N service-year rows"
    )
    parser.add_argument(
        "--region",
        action="store_true",
        help="write the sample region instead: Eastbrook and six other areas, with an Area column",
    )
    parser.add_argument("-o", "--output", type=Path, help="where to write the .xlsx")
    parser.add_argument(
        "--seed", type=int, help="random seed (default: 2026 sample, 2027 region, 7 big)"
    )
    parser.add_argument(
        "--benchmark-form", choices=("wide", "long"), default="wide", help="big portfolio only"
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    if args.big:
        sheets = big_portfolio(
            args.big, seed=7 if args.seed is None else args.seed, benchmark_form=args.benchmark_form
        )
        output = args.output or REPO_ROOT / "bench" / "out" / f"big_{args.big}.xlsx"
    elif args.region:
        sheets = sample_region(2027 if args.seed is None else args.seed)
        output = args.output or REPO_ROOT / "sample_data" / "sample_region.xlsx"
    else:
        sheets = sample_portfolio(2026 if args.seed is None else args.seed)
        output = args.output or REPO_ROOT / "sample_data" / "sample_portfolio.xlsx"
    output.parent.mkdir(parents=True, exist_ok=True)
    write_workbook(sheets, output)
    rows = ", ".join(f"{name} {len(frame):,}" for name, frame in sheets.items())
    print(f"wrote {output} ({rows}) in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
