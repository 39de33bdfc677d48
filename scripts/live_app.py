"""What the browser benchmarks share: a `streamlit run app.py` server on loopback, its
resident memory, Debian's Chromium, generated 20,000-service workbooks, and the waits that
say a page has finished.

Used by scripts/memory_bench.py, scripts/load_bench.py and scripts/session_times.py; not a
test.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 720}
# The app has finished a run: no script running (as tests/e2e/test_pack_e2e.py waits).
NOT_RUNNING = '[data-testid="stApp"][data-test-script-state="notRunning"]'
UPLOAD = '[data-testid="stSidebar"] input[type="file"]'
TILES = '[data-testid="stMetric"]'


def free_port() -> int:
    """A loopback port nobody is listening on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(*options: str, log: Path | None = None) -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` on a free loopback port (extra ``options`` such as
    ``--server.disconnectedSessionTTL=30``); returns the process and its address."""
    port = free_port()
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 (lives with the server)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            # Others edit this working tree: a watched file's change would reload dayserv's
            # modules in the middle of a run (and empty the module-level caches).
            "--server.fileWatcherType",
            "none",
            *options,
        ],
        cwd=ROOT,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as reply:
                if reply.read() == b"ok":
                    return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("streamlit run did not start within 60 s")


def stop_server(process: subprocess.Popen) -> None:
    """End the server this script started."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def rss_mb(pid: int) -> float:
    """The process's resident memory in MB (psutil if installed, else /proc's VmRSS)."""
    try:
        import psutil
    except ImportError:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"no VmRSS for process {pid}") from None
    return psutil.Process(pid).memory_info().rss / 2**20


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used so far, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def _write_big(args: tuple[int, int, str]) -> str:
    from dayserv.synthetic import big_portfolio, write_workbook

    size, seed, path = args
    write_workbook(big_portfolio(size, seed=seed), path)
    return path


def workbooks(folder: Path, count: int, size: int = 20_000, first_seed: int = 101) -> list[Path]:
    """``count`` different generated workbooks of ``size`` service-years in ``folder`` (one
    seed each), written unless already there: writing one takes about 11 s."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"big_{size}_seed{first_seed + k}.xlsx" for k in range(count)]
    missing = [(size, first_seed + k, str(p)) for k, p in enumerate(paths) if not p.exists()]
    if missing:
        print(f"Writing {len(missing)} workbook(s) of {size:,} service-years ...", flush=True)
        with ProcessPoolExecutor(max_workers=2) as pool:
            list(pool.map(_write_big, missing))
    return paths
