"""End-to-end fixtures: a real `streamlit run` server and Debian's headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def settled(page) -> None:
    """Wait until the app has finished its run and the page is drawn afresh: the app's root
    says the script is not running, nothing is left stale, and every chart's plotly has drawn
    and had its last layout pass. A button drawn by a run that was then replaced would not
    download, and keys typed into a box that a rerun redraws are lost."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        timeout=60_000
    )
    page.wait_for_function('document.querySelectorAll("[data-stale=true]").length === 0')
    charts = page.locator('[data-testid="stPlotlyChart"]')
    for n in range(charts.count()):
        charts.nth(n).locator(".main-svg").first.wait_for(state="attached")
    page.wait_for_timeout(600)


def choose(page, box, option: str) -> None:
    """Pick ``option`` in a select or multiselect ``box``: its name typed into the box opens
    the list filtered to it (a click alone sometimes only focuses the box), then clicked."""
    box.locator("input").click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()


def select_box(page, label: str):
    """The select box whose label is exactly ``label``."""
    named = page.locator('[data-testid="stWidgetLabel"]').get_by_text(label, exact=True)
    return page.locator('[data-testid="stSelectbox"]').filter(has=named)


def start_server(env=None, args=(), port=None, app="app.py"):
    """Start `streamlit run` on ``app`` (the dashboard's app.py unless told), on a free port
    (or on ``port``); returns (process, url).

    ``env`` adds to the server's environment (e.g. DAYSERV_DATABASE_URL) and ``args`` to its
    options (e.g. ``--secrets.files PATH``). If the server exits before it answers (another
    program took the port in between), it is started again on another port, three times at
    most (once only when ``port`` is given).
    """
    for _ in range(3 if port is None else 1):
        chosen = port or free_port()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                app,
                "--server.port",
                str(chosen),
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                *args,
            ],
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{chosen}"
        deadline = time.monotonic() + 60
        while process.poll() is None:
            if time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("streamlit run did not start within 60 s")
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as reply:
                    if reply.read() == b"ok":
                        return process, url
            except OSError:
                pass
            time.sleep(0.3)
    raise RuntimeError("streamlit run exited before it answered (on every port tried)")


def stop_server(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def module_server(browser):
    """One server for a module's tests: starting one costs seconds on a busy machine, and a
    page's first run on it more (pytest-xdist's --dist loadfile keeps a module on one
    worker). Asks for the browser first, so without Chromium no server is started."""
    process, url = start_server()
    yield url
    stop_server(process)


@pytest.fixture
def server(request):
    """The module's server; a test marked ``first_session`` gets a fresh server of its own,
    so that it is that server's first browser session (app.py handles that one apart)."""
    if request.node.get_closest_marker("first_session") is None:
        yield request.getfixturevalue("module_server")
        return
    request.getfixturevalue("browser")
    process, url = start_server()
    yield url
    stop_server(process)


# A page that draws in 1 s alone can take 10 s on two busy cores: Playwright's 5 s default
# for expect() made tests flaky, so every expect() waits as long as the page fixture does.
EXPECT_TIMEOUT_MS = 30_000


@pytest.fixture(scope="session")
def browser():
    executable = _chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed (apt-get install chromium)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


_SHOT_MODULES: dict[str, str] = {}


@pytest.fixture
def shot(request):
    """Save a screenshot of the window (1280x720) under tests/e2e/screenshots/NAME.png.

    A name belongs to one test module (with --dist loadfile a module runs on one worker, so
    two workers never write the same file): a second module using it fails here."""
    SCREENSHOTS.mkdir(exist_ok=True)
    module = request.module.__name__

    def take(page, name: str) -> Path:
        owner = _SHOT_MODULES.setdefault(name, module)
        assert owner == module, f"screenshot {name}.png is already {owner}'s"
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path))
        return path

    return take
