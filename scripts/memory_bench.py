"""Memory benchmark: does one server give memory back when its sessions close?

    python scripts/memory_bench.py [--sessions 6] [--size 20000] [--wait 60]

Starts `streamlit run app.py` on a loopback port, then opens N browser sessions in turn
(Playwright contexts in Debian's Chromium), each uploading a different generated workbook
of 20,000 service-years (a seed each), waiting for the Overview to finish and closing. It
prints the server's resident memory (RSS) before the first session, after each one closes,
every ``--every`` seconds after the last and ``--wait`` seconds after it. Results go in the
README, not in tests.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from live_app import (
    CHROMIUM,
    CHROMIUM_ARGS,
    NOT_RUNNING,
    TILES,
    UPLOAD,
    VIEWPORT,
    rss_mb,
    start_server,
    stop_server,
    workbooks,
)

SETTLE = 2.0  # seconds after a close before reading RSS: the server handles the disconnect


def overview_with(page, url: str, workbook: Path) -> float:
    """Open the app, upload ``workbook`` and wait until its Overview has finished; seconds
    from the upload to the finished page."""
    from playwright.sync_api import expect

    page.goto(url)
    expect(page.locator(TILES)).to_have_count(6, timeout=120_000)
    start = time.perf_counter()
    page.locator(UPLOAD).set_input_files(str(workbook))
    page.get_by_text(f"Source: {workbook.name}").first.wait_for(timeout=300_000)
    expect(page.locator(TILES)).to_have_count(6, timeout=120_000)
    page.locator(NOT_RUNNING).wait_for(timeout=120_000)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=6)
    parser.add_argument("--size", type=int, default=20_000, help="service-years per workbook")
    parser.add_argument("--wait", type=float, default=60.0, help="seconds to wait after the last")
    parser.add_argument("--every", type=float, default=30.0, help="print RSS this often meanwhile")
    parser.add_argument(
        "--workbooks",
        type=Path,
        help="folder to write the workbooks to and reuse (default: a temporary folder)",
    )
    parser.add_argument(
        "--server-option",
        action="append",
        default=[],
        help="passed to streamlit run, e.g. --server-option=--server.disconnectedSessionTTL=30",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dayserv-memory-") as temp:
        paths = workbooks(args.workbooks or Path(temp), args.sessions, args.size)
        run(paths, args.wait, args.every, args.server_option)


def run(paths: list[Path], wait: float, every: float, options: list[str]) -> list[float]:
    """The RSS series: at start, after each session, and ``wait`` seconds after the last."""
    from playwright.sync_api import sync_playwright

    process, url = start_server(*options)
    series = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            series.append(rss_mb(process.pid))
            print(f"server started: RSS {series[-1]:,.0f} MB", flush=True)
            for number, workbook in enumerate(paths, 1):
                context = browser.new_context(viewport=VIEWPORT)
                seconds = overview_with(context.new_page(), url, workbook)
                context.close()
                time.sleep(SETTLE)
                series.append(rss_mb(process.pid))
                print(
                    f"session {number} ({workbook.name}, Overview in {seconds:.1f} s) closed: "
                    f"RSS {series[-1]:,.0f} MB",
                    flush=True,
                )
            browser.close()
        waited = 0.0
        while waited < wait:  # the RSS every ``every`` seconds, the last at ``wait``
            step = min(every, wait - waited)
            time.sleep(step)
            waited += step
            print(f"{waited:.0f} s after the last: RSS {rss_mb(process.pid):,.0f} MB", flush=True)
        series.append(rss_mb(process.pid))
    finally:
        stop_server(process)
    print("RSS series (MB): " + ", ".join(f"{mb:,.0f}" for mb in series))
    return series


if __name__ == "__main__":
    main()
