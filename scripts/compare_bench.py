"""Compare at scale: a regional workbook of 150 areas of 50 services over 10 years.

    python scripts/compare_bench.py [--areas 150] [--services 50] [--years 10] [--runs 3]

Writes the region once (bench/out/region_150x50x10.xlsx, 75,000 service-years, with an Area
column), then times, in one process, the median of ``--runs``: loading it (read and clean),
splitting it into areas, ``compare_json`` for the latest year, a change of year
(``area_measures`` for the first year) and one measure's trends over every area-year. Then
the page as a user meets it (streamlit's AppTest, the script run and not the browser's
drawing): the region uploaded in the sidebar, the Compare areas page's first run, a change
of year (each year's first visit, and a year seen before) and a change of area, each beside
the rerun of a trivial page (one plotly chart and one table), as a ratio. Results go in the
README, not in tests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dayserv.figures import compare  # noqa: E402
from dayserv.read.clean import load  # noqa: E402
from dayserv.read.reader import sources_from_paths  # noqa: E402
from dayserv.region import big_region  # noqa: E402
from dayserv.synthetic import write_workbook  # noqa: E402
from scripts.page_times import TRIVIAL, _explicit_navigation  # noqa: E402


def timed(runs: int, work):
    """The median seconds of ``runs`` calls of ``work``, and its last result."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=150)
    parser.add_argument("--services", type=int, default=50)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    path = ROOT / "bench" / "out" / f"region_{args.areas}x{args.services}x{args.years}.xlsx"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        write_workbook(big_region(args.areas, args.services, args.years), path)
        print(f"wrote {path.name} in {time.perf_counter() - started:.1f} s")
    print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB, median of {args.runs}")

    seconds, portfolio = timed(args.runs, lambda: load(sources_from_paths([path])))
    print(f"load (read and clean), {len(portfolio.services):,} service-years: {seconds:.2f} s")
    seconds, areas = timed(args.runs, lambda: compare.areas_of([(path.stem, portfolio)]))
    print(f"areas_of, {len(areas)} areas: {seconds:.2f} s")
    seconds, result = timed(args.runs, lambda: compare.compare_json(areas))
    print(f"compare_json ({result['year']}): {seconds:.2f} s")
    first = compare.years_of(areas)[0]
    seconds, _ = timed(args.runs, lambda: compare.area_measures(areas, first))
    print(f"a change of year (area_measures for {first}): {seconds:.2f} s")
    seconds, _ = timed(args.runs, lambda: compare.area_trends(areas, "user_run_share"))
    print(f"area_trends (user_run_share, every area-year): {seconds:.2f} s")
    page_times(path, args.runs)
    return 0


def page_times(path: Path, runs: int) -> None:
    """The Compare areas page's reruns on the region, each beside a trivial page's."""
    from streamlit.testing.v1 import AppTest

    _explicit_navigation()
    trivial = AppTest.from_string(TRIVIAL)
    trivial.run()
    plain, _ = timed(runs * 3, trivial.run)
    print(f"a trivial page's rerun: {plain * 1000:.0f} ms")

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.run()
    at.sidebar.file_uploader[0].upload(path.name, path.read_bytes())
    seconds, _ = timed(1, at.run)
    print(f"the upload read in the app: {seconds:.2f} s")
    at.switch_page("pages/compare.py")
    seconds, _ = timed(1, at.run)
    assert not at.exception, [e.value for e in at.exception]
    print(f"Compare areas, first run: {seconds:.2f} s ({seconds / plain:.0f}x trivial)")

    def year() -> object:
        return next(w for w in at.selectbox if w.label == "Year")

    years = year().options
    cold = []
    for chosen in years[-2::-1][:runs]:  # years not seen yet, the latest first
        year().select(chosen)
        seconds, _ = timed(1, at.run)
        cold.append(seconds)
    warm = []
    for chosen in years[-runs:]:
        year().select(chosen)
        seconds, _ = timed(1, at.run)
        warm.append(seconds)
    for words, samples in (("first visit", cold), ("seen before", warm)):
        seconds = statistics.median(samples)
        print(f"a change of year, {words}: {seconds:.2f} s ({seconds / plain:.0f}x trivial)")
    area = next(w for w in at.selectbox if w.label == "Your area")
    areas = []
    for chosen in area.options[1 : runs + 1]:
        next(w for w in at.selectbox if w.label == "Your area").select(chosen)
        seconds, _ = timed(1, at.run)
        areas.append(seconds)
    seconds = statistics.median(areas)
    print(f"a change of area: {seconds:.2f} s ({seconds / plain:.0f}x trivial)")
    assert not at.exception, [e.value for e in at.exception]


if __name__ == "__main__":
    raise SystemExit(main())
