"""Make sure chart images can be drawn: find a Chromium or Chrome for kaleido, or get one.

Run by the README's start command before the app starts. The charts' PNG and SVG
downloads are drawn by kaleido, which drives a Chromium or Chrome. In order, this script:
uses one already installed; installs Debian's chromium when it runs as root with apt-get
(as CI does); or downloads Chrome for Testing with kaleido. If none works (no network, say),
it says so in one line and the app starts anyway: the camera icon on every chart still
saves a PNG, and the meeting pack needs no browser (its charts are native PowerPoint).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dayserv.show.chart_images import images_available  # noqa: E402


def apt_install() -> bool:
    """Install Debian's chromium, when this is a Debian-like machine and we are root."""
    if not shutil.which("apt-get") or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        if subprocess.run(command, env=env, stdout=subprocess.DEVNULL).returncode != 0:
            return False
    return True


def download() -> bool:
    """Chrome for Testing, downloaded by kaleido into its own folder."""
    try:
        import kaleido

        kaleido.get_chrome_sync()
    except Exception:  # no network, or no build for this machine
        return False
    return True


def main() -> int:
    if images_available():
        return 0
    print("Chart images need Chromium: looking for a way to install it…")
    images_available.cache_clear()
    if (apt_install() or download()) and images_available():
        print("Chromium ready: charts can be downloaded as PNG and SVG.")
        return 0
    print(
        "No Chromium could be installed: the charts' PNG and SVG buttons will say so, the "
        "camera icon on each chart still saves a PNG, and the meeting pack works as it is."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
