"""What a new browser session costs the server: its CPU time (every thread's) from the
page's first request until the page is drawn, mean of several sessions, for each way of
watching the source files (the app's config.toml sets "none").

    python scripts/session_times.py [--sessions 10]

Starts `streamlit run app.py` on the sample and opens each page in a new context of Debian's
headless Chromium, as a person opening a link does; three sessions first, not counted, fill
the server's caches. Needs Chromium (apt-get install chromium).
"""

from __future__ import annotations

import argparse

from live_app import (
    CHROMIUM,
    CHROMIUM_ARGS,
    NOT_RUNNING,
    VIEWPORT,
    cpu_seconds,
    start_server,
    stop_server,
)

PAGES = ["", "providers", "benchmark", "access", "data_quality"]


def open_page(browser, url: str) -> None:
    """Open ``url`` in a context of its own and wait until the app has drawn it."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(url)
    page.locator(NOT_RUNNING).wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # the browser's last messages (widths, chart sizes) handled
    context.close()


def session_cost(browser, watcher: str, sessions: int) -> float:
    """The server's mean CPU seconds a session, with ``watcher`` as server.fileWatcherType."""
    # The last --server.fileWatcherType given wins over live_app's "none".
    process, url = start_server("--server.fileWatcherType", watcher)
    try:
        for path in PAGES[:3]:
            open_page(browser, f"{url}/{path}")
        start = cpu_seconds(process.pid)
        for n in range(sessions):
            open_page(browser, f"{url}/{PAGES[n % len(PAGES)]}")
        return (cpu_seconds(process.pid) - start) / sessions
    finally:
        stop_server(process)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        costs = {
            watcher: session_cost(browser, watcher, args.sessions) for watcher in ("auto", "none")
        }
        browser.close()
    print("| server.fileWatcherType | server CPU a new session |")
    print("|---|---|")
    for watcher, cost in costs.items():
        print(f"| {watcher} | {cost:.2f} s |")
    print(f"Watching nothing: {costs['auto'] / costs['none']:.1f}x less CPU a session.")


if __name__ == "__main__":
    main()
