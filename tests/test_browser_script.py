"""scripts/browser.py, run by the README's start command: the app starts whatever it finds."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "browser.py"


def script():
    spec = importlib.util.spec_from_file_location("browser_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Found:
    """images_available as the script sees it: False until a browser is installed."""

    def __init__(self, *answers: bool):
        self.answers = list(answers)

    def __call__(self) -> bool:
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]

    def cache_clear(self) -> None:
        pass


def test_nothing_is_installed_when_a_browser_is_found(monkeypatch):
    browser = script()
    monkeypatch.setattr(browser, "images_available", Found(True))
    monkeypatch.setattr(browser, "apt_install", lambda: 1 / 0)
    assert browser.main() == 0


def test_it_falls_back_to_kaleidos_download(monkeypatch, capsys):
    browser = script()
    monkeypatch.setattr(browser, "images_available", Found(False, True))
    monkeypatch.setattr(browser, "apt_install", lambda: False)
    monkeypatch.setattr(browser, "download", lambda: True)
    assert browser.main() == 0
    assert "Chromium ready" in capsys.readouterr().out


def test_without_any_browser_the_app_still_starts_and_says_why(monkeypatch, capsys):
    browser = script()
    monkeypatch.setattr(browser, "images_available", Found(False))
    monkeypatch.setattr(browser, "apt_install", lambda: False)
    monkeypatch.setattr(browser, "download", lambda: False)
    assert browser.main() == 0
    assert "camera icon on each chart still saves a PNG" in capsys.readouterr().out
