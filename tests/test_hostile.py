"""The corpus of hostile and untidy files (tests/hostile.py) through every path that reads a
user's file: the loader, the command line and the pages. Never a traceback; a file that
cannot be used gets one sentence naming it."""

from __future__ import annotations

import pytest

from dayserv.__main__ import main
from dayserv.figures.measures import measures_json
from dayserv.read.clean import load
from dayserv.read.reader import UnreadableError
from tests.hostile import corpus
from tests.test_pages import app

CORPUS = corpus()
# Files the app shows, for the page tests: each kind of trouble once.
ON_THE_PAGES = [
    "headers only",
    "hidden services sheet",
    "plan sheet today",
    "funding in the trillions",
    "percent 5000",
    "sector organisation type",
    "all rows repeated",
    "wide benchmark odd",
    "opening hours odd",
    "markup names",
]
PAGES = [
    "pages/overview.py",
    "pages/providers.py",
    "pages/user_run.py",
    "pages/buildings.py",
    "pages/benchmark.py",
    "pages/access.py",
    "pages/data_quality.py",
]


def test_the_corpus_holds_at_least_fifty_files():
    assert len(CORPUS) >= 50


@pytest.mark.parametrize("name", list(CORPUS))
def test_loading_never_raises_more_than_a_sentence(name):
    sources = CORPUS[name]
    try:
        portfolio = load(sources)
    except UnreadableError as exc:
        message = str(exc)
        assert any(source.name in message for source in sources), message
        assert "Traceback" not in message and "\n" not in message
        return
    measures_json(portfolio.services, portfolio.funding, portfolio.benchmark)
    assert len(portfolio.services) > 0
    assert set(portfolio.problems["severity"].astype(str)) <= {"error", "warning", "note"}


@pytest.mark.parametrize("name", list(CORPUS))
def test_the_command_line_never_shows_a_traceback(name, tmp_path, capsys):
    folder = tmp_path / "portfolio"
    folder.mkdir()
    for source in CORPUS[name]:
        (folder / source.name).write_bytes(source.data)
    target = folder if len(CORPUS[name]) > 1 else folder / CORPUS[name][0].name
    for command in (["validate"], ["measures", "--json"], ["measures"]):
        code = main([command[0], str(target), *command[1:]])
        err = capsys.readouterr().err
        assert code in (0, 2), (command, err)
        assert "Traceback" not in err


@pytest.mark.parametrize("name", ON_THE_PAGES)
def test_the_pages_show_a_hostile_file_without_an_exception(name):
    (source,) = CORPUS[name]
    at = app().run()
    at.sidebar.file_uploader[0].upload(source.name, source.data)
    at.run()
    assert not at.exception
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        text = "\n".join(e.value for e in [*at.error, *at.caption, *at.markdown])
        assert "Traceback" not in text
