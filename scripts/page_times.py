"""Rerun time of every page: the Python side of a rerun (what a click or filter costs), on
the sample and on a generated 20,000-service workbook, median of several reruns; and on the
big workbook after a change of the sidebar's Locality filter, beside a trivial page's rerun
(one plotly chart and one table) as a ratio. Beside it, each page's floor: Streamlit alone
drawing the charts and tables the page drew, already built, with their download buttons.

    python scripts/page_times.py [--runs 5] [--size 20000]

Uses streamlit's AppTest, so it measures the script run (in CPU time), not the browser's drawing
(a plain page with one chart draws in about 3.5 s in headless Chromium from navigation),
with each page compiled once, as a server does.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import tempfile
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


def _one_script_cache() -> None:
    # A server compiles each page once (its ScriptCache); AppTest makes a new cache for
    # every run, adding 1.5 to 8 ms of magic and compile a page that a user never waits for.
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


# The process's CPU time (every thread's: AppTest runs the page on a thread of its own), not
# the wall clock: on a shared machine the wall clock counts the time others had the core,
# which moved single reruns by 50% between runs of this script.
clock = time.process_time


# A trivial page, the yardstick of issue 18: one plotly chart and one table.
TRIVIAL = """
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2])))
st.dataframe(pd.DataFrame({"year": ["2024/25", "2025/26"], "services": [41, 43]}))
"""


def trivial_time(runs: int) -> float:
    """The median rerun of the trivial page, in this process."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(TRIVIAL)
    at.run()
    return median_rerun(at, runs * 3)


def median_rerun(at, times: int) -> float:
    """The median of ``times`` reruns of ``at``, as it stands."""
    samples = []
    for _ in range(times):
        start = clock()
        at.run()
        samples.append(clock() - start)
    return statistics.median(samples)


# A page's floor: what Streamlit alone takes to draw the charts and tables a page drew, built
# already, each chart with its two downloads in a popover and each table with two beside it,
# as the pages draw them (no sidebar, no headings, no figures worked out).
FLOOR = """
import pickle
import streamlit as st

drawn = st.cache_resource(lambda: pickle.loads(open({path!r}, "rb").read()))()
for i, figure in enumerate(drawn["charts"]):
    st.plotly_chart(figure, key=f"chart{{i}}", on_select="rerun", selection_mode="points")
    with st.popover("Download chart"):
        st.download_button("PNG", b"", key=f"png{{i}}")
        st.download_button("SVG", b"", key=f"svg{{i}}")
for i, table in enumerate(drawn["tables"]):
    st.dataframe(table, hide_index=True)
    with st.container(horizontal=True):
        st.download_button("CSV", b"", key=f"csv{{i}}")
        st.download_button("Excel", b"", key=f"xlsx{{i}}")
for i, table in enumerate(drawn["editors"]):
    st.data_editor(table, key=f"editor{{i}}", hide_index=True)
"""


def drawn_by(at) -> dict[str, list]:
    """The charts, tables and table editors a run of ``at`` hands to Streamlit."""
    import streamlit as st

    drawn = {"charts": [], "tables": [], "editors": []}
    kept = {name: getattr(st, name) for name in ("plotly_chart", "dataframe", "data_editor")}

    def keeping(name, into):
        def draw(data, *args, **kwargs):
            into.append(data)
            return kept[name](data, *args, **kwargs)

        return draw

    st.plotly_chart = keeping("plotly_chart", drawn["charts"])
    st.dataframe = keeping("dataframe", drawn["tables"])
    st.data_editor = keeping("data_editor", drawn["editors"])
    try:
        at.run()
    finally:
        for name, draw in kept.items():
            setattr(st, name, draw)
    return drawn


def floor_time(drawn: bytes, runs: int) -> float:
    """The median rerun of a page drawing only ``drawn`` (``drawn_by``'s, pickled), already
    built."""
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "drawn.pickle"
        path.write_bytes(drawn)
        at = AppTest.from_string(FLOOR.format(path=str(path)))
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return median_rerun(at, runs * 3)


def _locality(at):
    return next(w for w in at.sidebar.multiselect if w.label == "Locality")


def rerun_times(
    upload: tuple[str, bytes] | None, runs: int
) -> tuple[dict[str, float], dict[str, float], dict[str, bytes]]:
    """Each page's median rerun as it is, and after a change of the sidebar's Locality
    filter (a locality each time, then all again: each page meets each filter for the first
    time, though the filtered tables, shared by every page, may have been worked out on a
    page before); and what each page drew in its last run under a Locality filter, pickled
    (as bytes, it adds nothing to the garbage collector's rounds of the later pages)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.run()
    if upload:
        at.sidebar.file_uploader[0].upload(*upload)
        at.run()
    localities = _locality(at).options
    times, filtered, drawn = {}, {}, {}
    for page in PAGES:
        at.switch_page(page)
        at.run()  # the first run of a page fills its caches
        assert not at.exception, (page, [e.value for e in at.exception])
        times[page] = median_rerun(at, runs)
        samples = []
        for locality in localities[:runs]:
            _locality(at).set_value([locality])
            start = clock()
            at.run()
            samples.append(clock() - start)
            assert not at.exception, (page, locality, [e.value for e in at.exception])
        filtered[page] = statistics.median(samples)
        drawn[page] = pickle.dumps(drawn_by(at))
        _locality(at).set_value([])
        at.run()
    return times, filtered, drawn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=20_000)
    args = parser.parse_args()
    _explicit_navigation()
    _one_script_cache()

    from dayserv.synthetic import big_portfolio, write_workbook

    big = ROOT / "bench" / "out" / f"big_{args.size}.xlsx"
    if not big.exists():
        big.parent.mkdir(parents=True, exist_ok=True)
        write_workbook(big_portfolio(args.size), big)
    plain = trivial_time(args.runs)
    sample, _, _ = rerun_times(None, args.runs)
    large, filtered, drawn = rerun_times((big.name, big.read_bytes()), args.runs)
    floor = {page: floor_time(drawn[page], args.runs) for page in PAGES}
    drawn = {page: pickle.loads(drawn[page]) for page in PAGES}
    print(f"A trivial page (one plotly chart, one table): {plain * 1000:.0f} ms a rerun.")
    print(
        f"| page | sample rerun (s) | {args.size:,}-service rerun (s) | "
        "after a Locality change (s) | ratio to the trivial page | "
        "floor: its charts and tables alone, built (ratio) |"
    )
    print("|---|---|---|---|---|---|")
    for page in PAGES:
        parts = [
            f"{len(items)} {kind if len(items) > 1 else kind.removesuffix('s')}"
            for kind, items in drawn[page].items()
            if items
        ]
        print(
            f"| {Path(page).stem} | {sample[page]:.2f} | {large[page]:.2f} | "
            f"{filtered[page]:.2f} | {filtered[page] / plain:.0f}x | "
            f"{floor[page] / plain:.1f}x ({', '.join(parts) or 'none'}) |"
        )


if __name__ == "__main__":
    main()
