"""Load benchmark: page times with eight people at once against one with the server alone.

    python scripts/load_bench.py [--sessions 8] [--rounds 3] [--size 0]

Starts `streamlit run app.py` on a loopback port and drives it from Debian's Chromium
(Playwright, one browser context per person). Each person, ``--rounds`` times: opens the
app, uploads the workbook and waits for the Overview to finish ("upload"), opens
1 Range of providers ("providers") and then Benchmark ("benchmark"), each timed from the
click to the finished page (no script running, every chart in view drawn), and closes.
First one person alone, then ``--sessions`` people at once; then it prints the median and
worst of each against the time alone, and the server's CPU time. With ``--size 0`` (the
default) everyone uploads the sample workbook under another name; with ``--size N`` each
person uploads a generated workbook of N service-years of their own. A warm-up round, not
counted, runs first. Results go in the README, not in tests.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from live_app import (
    CHROMIUM,
    CHROMIUM_ARGS,
    NOT_RUNNING,
    ROOT,
    UPLOAD,
    VIEWPORT,
    cpu_seconds,
    rss_mb,
    start_server,
    stop_server,
    workbooks,
)

SAMPLE = ROOT / "sample_data" / "sample_portfolio.xlsx"
STEPS = ("providers", "benchmark", "upload")
STEP_NAMES = {
    "providers": "1 Range of providers",
    "benchmark": "Benchmark",
    "upload": "upload to finished Overview",
}
HEADINGS = {
    "overview": "Anticipated outcomes",
    "providers": "Outcome 1:",
    "benchmark": "Where are you at? Benchmark",
}
# Every chart the user can see has been drawn by plotly (charts in hidden tabs are not).
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .every(chart => chart.offsetParent === null || chart.querySelector('.main-svg'))"""
TIMEOUT = 300_000


async def finished(page, heading: str) -> None:
    """Wait until the page shows ``heading``, no script is running and its charts are drawn."""
    await page.get_by_role("heading", name=heading).first.wait_for(timeout=TIMEOUT)
    await page.locator(NOT_RUNNING).wait_for(timeout=TIMEOUT)
    await page.wait_for_function(CHARTS_DRAWN, timeout=TIMEOUT)


async def person(browser, url: str, workbook: Path, rounds: int) -> dict[str, list[float]]:
    """One person's ``rounds`` visits; seconds per step."""
    times: dict[str, list[float]] = {step: [] for step in STEPS}
    for _ in range(rounds):
        context = await browser.new_context(viewport=VIEWPORT)
        page = await context.new_page()
        page.set_default_timeout(TIMEOUT)
        await page.goto(url)
        await finished(page, HEADINGS["overview"])

        start = time.perf_counter()
        await page.locator(UPLOAD).set_input_files(str(workbook))
        await page.get_by_text(f"Source: {workbook.name}").first.wait_for(timeout=TIMEOUT)
        await finished(page, HEADINGS["overview"])
        times["upload"].append(time.perf_counter() - start)

        for step in ("providers", "benchmark"):
            start = time.perf_counter()
            await page.get_by_role("link", name=STEP_NAMES[step], exact=True).click()
            await finished(page, HEADINGS[step])
            times[step].append(time.perf_counter() - start)
        await context.close()
    return times


async def crowd(url: str, books: list[Path], rounds: int) -> dict[str, list[float]]:
    """Everyone in ``books`` (one workbook a person) at once; every step's times pooled."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        results = await asyncio.gather(*(person(browser, url, book, rounds) for book in books))
        await browser.close()
    return {step: [t for result in results for t in result[step]] for step in STEPS}


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine has been busy (every process, every core) so far."""
    fields = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def timed(pid: int, url: str, books: list[Path], rounds: int) -> tuple[dict, float, float, float]:
    """The crowd's times, the wall seconds it took, and the CPU seconds the server and the
    whole machine (browsers, and anyone else's work) used meanwhile."""
    cpu, busy, wall = cpu_seconds(pid), machine_busy_seconds(), time.perf_counter()
    times = asyncio.run(crowd(url, books, rounds))
    return (
        times,
        time.perf_counter() - wall,
        cpu_seconds(pid) - cpu,
        machine_busy_seconds() - busy,
    )


def cpu_words(wall: float, server: float, machine: float, visits: int) -> str:
    """How busy the server and the machine were, and the server's CPU per visit."""
    return (
        f"{wall:.0f} s, server CPU {server:.0f} s ({server / wall:.2f} cores, "
        f"{server / visits:.1f} s a visit), machine {machine / wall:.2f} cores busy"
    )


def table(alone: dict, together: dict, sessions: int) -> str:
    """Median and worst per step, alone and with ``sessions`` people, as a Markdown table."""
    rows = [
        f"| step | alone: median | alone: worst | {sessions} at once: median "
        f"| {sessions} at once: worst | median ratio |",
        "|---|---|---|---|---|---|",
    ]
    for step in STEPS:
        one, many = statistics.median(alone[step]), statistics.median(together[step])
        rows.append(
            f"| {STEP_NAMES[step]} | {one:.1f} s | {max(alone[step]):.1f} s | {many:.1f} s "
            f"| {max(together[step]):.1f} s | {many / one:.1f}x |"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3, help="visits per person")
    parser.add_argument(
        "--size", type=int, default=0, help="service-years per person's own workbook (0: sample)"
    )
    parser.add_argument("--workbooks", type=Path, help="folder to write and reuse workbooks in")
    parser.add_argument("--log", type=Path, help="write the server's output here")
    parser.add_argument(
        "--server-option", action="append", default=[], help="passed to streamlit run"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dayserv-load-") as temp:
        folder = args.workbooks or Path(temp)
        if args.size:
            books = workbooks(folder, args.sessions, args.size)
        else:
            # Another name than the sample's, so the upload's caption can be waited for.
            upload = folder / "eastbrook_upload.xlsx"
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(SAMPLE, upload)
            books = [upload] * args.sessions
        process, url = start_server(*args.server_option, log=args.log)
        try:
            pid = process.pid
            print(f"server {url} (process {pid})", flush=True)
            asyncio.run(crowd(url, books[:1], 1))  # warm-up: imports, first loads
            alone, *used = timed(pid, url, books[:1], args.rounds)
            print(f"alone: {cpu_words(*used, args.rounds)}", flush=True)
            print(f"{args.sessions} at once ...", flush=True)
            together, *used = timed(pid, url, books, args.rounds)
            print(
                f"{args.sessions} at once: {cpu_words(*used, args.sessions * args.rounds)}, "
                f"server RSS {rss_mb(pid):,.0f} MB",
                flush=True,
            )
        finally:
            stop_server(process)
    what = "the sample workbook" if not args.size else f"{args.size:,}-service workbooks"
    print(f"\n{args.rounds} rounds a person, {what}:\n")
    print(table(alone, together, args.sessions))


if __name__ == "__main__":
    main()
