"""Rerun time of every page: the Python side of a rerun (what a click or filter costs), on
the sample and on a generated 20,000-service workbook, median of several reruns.

    python scripts/page_times.py [--runs 5] [--size 20000]

Uses streamlit's AppTest, so it measures the script run, not the browser's drawing
(a plain page with one chart draws in about 3.5 s in headless Chromium from navigation).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = [
    "pages/overview.py",
    "pages/present.py",
    "pages/compare.py",
    "pages/plan.py",
    "pages/providers.py",
    "pages/user_run.py",
    "pages/funding.py",
    "pages/vocational.py",
    "pages/buildings.py",
    "pages/support.py",
    "pages/benchmark.py",
    "pages/good_practice.py",
    "pages/checklist.py",
    "pages/access.py",
    "pages/diverse_groups.py",
    "pages/performance.py",
    "pages/data.py",
    "pages/data_quality.py",
]


def _explicit_navigation() -> None:
    # As tests/conftest.py: keep Streamlit from taking pages/ for old-style pages.
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init


def rerun_times(upload: tuple[str, bytes] | None, runs: int) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.run()
    if upload:
        at.sidebar.file_uploader[0].upload(*upload)
        at.run()
    times = {}
    for page in PAGES:
        at.switch_page(page)
        at.run()  # the first run of a page fills its caches
        assert not at.exception, (page, [e.value for e in at.exception])
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            at.run()
            samples.append(time.perf_counter() - start)
        times[page] = statistics.median(samples)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=20_000)
    args = parser.parse_args()
    _explicit_navigation()

    from dayserv.synthetic import big_portfolio, write_workbook

    big = ROOT / "bench" / "out" / f"big_{args.size}.xlsx"
    if not big.exists():
        big.parent.mkdir(parents=True, exist_ok=True)
        write_workbook(big_portfolio(args.size), big)
    sample = rerun_times(None, args.runs)
    large = rerun_times((big.name, big.read_bytes()), args.runs)
    print(f"| page | sample rerun (s) | {args.size:,}-service rerun (s) |")
    print("|---|---|---|")
    for page in PAGES:
        print(f"| {Path(page).stem} | {sample[page]:.2f} | {large[page]:.2f} |")


if __name__ == "__main__":
    main()
