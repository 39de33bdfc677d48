"""In a real browser: a meeting pack that cannot be built says why under its button.

The server is started with the deck's builder broken (patched in the server's own process
before ``streamlit run`` starts), so the click runs a build that raises, as the 255-character
limit used to make it; the page must then show the sentence, not only Streamlit's passing
"Failed to generate file for download"."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

import pytest

from tests.e2e.conftest import ROOT, free_port, settled

BROKEN_SERVER = """
import sys
import dayserv.share.deck

def broken(built):
    raise ValueError("exceeded 255 char limit for property")

dayserv.share.deck.deck_bytes = broken
from streamlit.web import cli
sys.argv = ["streamlit", "run", "app.py", "--server.port", sys.argv[1],
            "--server.headless", "true", "--browser.gatherUsageStats", "false"]
cli.main()
"""
SENTENCE = "The meeting pack (PowerPoint) could not be made because of a fault in dayserv"


@pytest.fixture
def broken_server():
    """`streamlit run app.py` with the deck's builder raising."""
    port = free_port()  # this worker's own, so two workers never share one
    process = subprocess.Popen(
        [sys.executable, "-c", BROKEN_SERVER, str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as reply:
                if reply.read() == b"ok":
                    break
        except OSError:
            assert time.monotonic() < deadline, "streamlit run did not start within 60 s"
            time.sleep(0.3)
    yield url
    process.terminate()
    _, log = process.communicate(timeout=20)
    assert "exceeded 255 char limit" in log  # the traceback went to the server's log


def test_a_pack_that_cannot_be_built_says_why_on_the_page(broken_server, page, shot):
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(broken_server)
    button = page.get_by_role("button", name="Meeting pack (PowerPoint)")
    button.wait_for()
    settled(page)

    button.click()
    alert = page.locator('[data-testid="stAlertContentError"]', has_text=SENTENCE)
    alert.wait_for(timeout=60_000)
    settled(page)
    assert alert.count() == 1
    assert "255" not in alert.inner_text()
    shot(page, "pack_cannot_be_built")
    outside = [url for url in asked if not url.removeprefix("blob:").startswith(broken_server)]
    assert not outside, outside  # nothing fetched from elsewhere
