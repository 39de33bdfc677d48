"""The installed package: the `dayserv` console script and `python -m dayserv` work from any
folder, not only the checkout's root, and pyproject.toml declares what requirements.txt
installs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "sample_portfolio.xlsx"


def _env() -> dict[str, str]:
    """The environment without PYTHONPATH, so the checkout is not found that way."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=120)


def test_the_console_script_validates_the_sample_from_another_folder(tmp_path):
    script = shutil.which("dayserv", path=str(Path(sys.executable).parent))
    assert script, (
        "no dayserv script beside this python: install the package "
        "(.venv/bin/pip install -r requirements-dev.txt, which holds -e .)"
    )
    done = _run([script, "validate", str(SAMPLE)], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "sample_portfolio.xlsx" in done.stdout


def test_python_m_dayserv_answers_from_another_folder(tmp_path):
    done = _run([sys.executable, "-m", "dayserv", "--help"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "validate" in done.stdout and "measures" in done.stdout


def test_the_package_finds_its_files_and_the_sample_from_another_folder(tmp_path):
    code = (
        "import dayserv.share.presentation, dayserv.app.state; from pathlib import Path; "
        "print(dayserv.app.state.SAMPLE_PATH.is_file(), "
        "dayserv.share.presentation.STYLE.is_file(), "
        "(Path(dayserv.__file__).parent / 'app' / 'favicon.svg').is_file())"
    )
    done = _run([sys.executable, "-c", code], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True"]


def _names(requirements: list[str]) -> dict[str, str]:
    """{package name: the whole requirement} of requirement lines."""
    return {re.split(r"[<>=!~ ;\[]", line, maxsplit=1)[0].lower(): line for line in requirements}


def test_pyproject_declares_what_requirements_txt_installs():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    listed = [line.strip() for line in lines if line.strip() and not line.startswith(("#", "-"))]
    assert _names(project["dependencies"]) == _names(listed)
    assert "-e ." in lines  # the README's install puts the package (and its script) in the venv
    assert "numpy" in _names(listed)
    assert project["scripts"] == {"dayserv": "dayserv.__main__:main"}
