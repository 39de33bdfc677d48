"""The command line's filters: values matched in any case and spacing, and a value that
matches nothing (or a filter that keeps no service) refused in words, exit 2."""

from __future__ import annotations

import json

import pytest

from dayserv.__main__ import main
from dayserv.app.state import SAMPLE_PATH

SAMPLE = str(SAMPLE_PATH)


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


def test_filter_values_match_in_any_case_and_spacing(capsys):
    assert main(["measures", SAMPLE, "--json", "--locality", "North", "--sector", "Voluntary"]) == 0
    exact = _json(capsys)
    assert (
        main(["measures", SAMPLE, "--json", "--locality", "  nORth ", "--sector", "voluntary"]) == 0
    )
    assert _json(capsys)["years"] == exact["years"]
    assert exact["years"]  # the filter kept services


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (
            ["--locality", "Atlantis"],
            "No service has locality 'Atlantis'; the portfolio's "
            "localities are: Central, Coastal, North, Rural West, South.",
        ),
        (["--sector", "Martian"], "sectors are: NHS, Local authority, Voluntary"),
        (["--year", "1999"], "The portfolio has no year 1999/00; its years are: 2022/23"),
        (["--year", "last year"], "The portfolio has no year written that way"),
    ],
)
@pytest.mark.parametrize("command", ["measures", "export", "pack"])
def test_a_value_that_matches_nothing_is_refused_with_the_values_there_are(
    command, options, words, capsys, tmp_path
):
    extra = ["-o", str(tmp_path / "out.pptx")] if command == "pack" else []
    assert main([command, SAMPLE, *options, *extra]) == 2
    captured = capsys.readouterr()
    assert words in captured.err
    assert captured.out == ""
    assert "Traceback" not in captured.err


def test_a_filter_that_keeps_no_service_says_so(capsys):
    code = main(
        [
            "measures",
            SAMPLE,
            "--json",
            "--locality",
            "North",
            "--sector",
            "NHS",
            "--user-run",
            "Partly",
        ]
    )
    assert code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "No service matches locality North; sector NHS; user run Partly" in captured.err


def test_an_unexpected_fault_is_one_sentence_and_the_log_keeps_the_traceback(
    monkeypatch, tmp_path, capsys
):
    log = tmp_path / "errors.log"
    monkeypatch.setenv("DAYSERV_LOG", str(log))

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("dayserv.__main__.measures_json", broken)
    assert main(["measures", SAMPLE, "--json"]) == 1
    err = capsys.readouterr().err
    assert "could not finish" in err and str(log) in err
    assert "Traceback" not in err and "ZeroDivisionError" not in err
    assert "ZeroDivisionError: a bug" in log.read_text()
