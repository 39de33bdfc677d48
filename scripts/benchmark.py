"""Speed benchmark: whole processes, wall time and peak memory, median of several runs.

    python scripts/benchmark.py            # sample workbook and a generated 20,000-service one
    python scripts/benchmark.py --runs 5 --size 20000

Targets (issue 18; the foundation issue asked for 1.3x and 1.5x): `measures --json` on the
20,000-service workbook takes no longer than a bare
`pandas.read_excel(..., sheet_name=None, engine="calamine")` of the same file and peaks at no
more than its memory (1.0x each). Results go in the README, not in tests.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Each job runs in a fresh interpreter and reports its own peak resident memory.
PEAK = (
    "import resource, sys; "
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"
)
JOBS = {
    "pandas read_excel, calamine": (
        "import pandas as pd; pd.read_excel({path!r}, sheet_name=None, engine='calamine')"
    ),
    "pandas read_excel, openpyxl": (
        "import pandas as pd; pd.read_excel({path!r}, sheet_name=None, engine='openpyxl')"
    ),
    "dayserv reader (python-calamine)": (
        "from dayserv.read.reader import read_sources, sources_from_paths; "
        "read_sources(sources_from_paths([{path!r}]))"
    ),
    "dayserv measures --json": (
        "import io, contextlib; from dayserv.__main__ import main; "
        "contextlib.redirect_stdout(io.StringIO()).__enter__(); "
        "main(['measures', {path!r}, '--json'])"
    ),
}


def run(code: str) -> tuple[float, float]:
    """Seconds and peak MB of one fresh Python process running ``code``."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\n{PEAK}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - start
    return seconds, int(done.stderr.strip().splitlines()[-1]) / 1024


def measure(path: Path, runs: int, jobs: list[str]) -> dict[str, dict[str, float]]:
    results = {}
    for name in jobs:
        timings = [run(JOBS[name].format(path=str(path))) for _ in range(runs)]
        results[name] = {
            "seconds": statistics.median(t for t, _ in timings),
            "peak_mb": max(m for _, m in timings),
        }
        print(
            f"  {name:36s} {results[name]['seconds']:7.2f} s {results[name]['peak_mb']:7.0f} MB",
            flush=True,
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--size", type=int, default=20_000, help="service-years in the big file")
    parser.add_argument(
        "--openpyxl-runs",
        type=int,
        default=1,
        help="runs for the (slow) openpyxl read of the big file",
    )
    args = parser.parse_args()

    sample = ROOT / "sample_data" / "sample_portfolio.xlsx"
    big = ROOT / "bench" / "out" / f"big_{args.size}.xlsx"
    if not big.exists():
        # Written by a child process: Linux keeps a process's peak memory across fork and
        # exec, so a big parent would inflate every measured child's peak.
        print(f"Writing {big.relative_to(ROOT)} ...", flush=True)
        subprocess.run(
            [sys.executable, "scripts/make_sample.py", "--big", str(args.size), "-o", str(big)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )

    print(f"Sample workbook ({sample.stat().st_size / 1e3:.0f} kB)")
    small = measure(sample, args.runs, list(JOBS))
    print(
        f"Generated workbook, {args.size:,} service-years + wide 65-statement benchmark "
        f"({big.stat().st_size / 1e6:.1f} MB)"
    )
    fast = [name for name in JOBS if "openpyxl" not in name]
    large = measure(big, args.runs, fast)
    large.update(measure(big, args.openpyxl_runs, ["pandas read_excel, openpyxl"]))

    bare, ours = large["pandas read_excel, calamine"], large["dayserv measures --json"]
    summary = {
        "time_ratio": ours["seconds"] / bare["seconds"],
        "memory_ratio": ours["peak_mb"] / bare["peak_mb"],
        "openpyxl_vs_calamine": large["pandas read_excel, openpyxl"]["seconds"] / bare["seconds"],
    }
    print(
        f"measures --json / bare calamine read: time {summary['time_ratio']:.2f}x "
        f"(target <= 1.0x), peak memory {summary['memory_ratio']:.2f}x (target <= 1.0x)"
    )
    print(f"openpyxl read / calamine read: {summary['openpyxl_vs_calamine']:.1f}x slower")
    out = ROOT / "bench" / "out" / "results.json"
    out.write_text(json.dumps({"sample": small, "big": large, "summary": summary}, indent=2))


if __name__ == "__main__":
    main()
