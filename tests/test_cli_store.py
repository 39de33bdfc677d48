"""The store on the command line, on SQLite and PostgreSQL: save prints `Saved NAME version
N` and keeps the file byte for byte, a file that cannot be read is refused with nothing
stored, areas and history as tables and JSON, `area:NAME[@N]` as a PATH of any command,
share links made and ended, members, delete only with --yes, and a store that cannot be
reached said in one sentence."""

from __future__ import annotations

import getpass
import hashlib
import json
from pathlib import Path

import openpyxl
import pytest

from dayserv.__main__ import main
from dayserv.store import areas, links
from dayserv.store.database import URL_VARIABLE, engine_for
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "sample_portfolio.xlsx"
UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none"


@pytest.fixture
def url(database_url, monkeypatch):
    """The store the commands use, named by DAYSERV_DATABASE_URL."""
    monkeypatch.setenv(URL_VARIABLE, database_url)
    return database_url


@pytest.fixture
def books(tmp_path) -> tuple[Path, Path]:
    """Two small workbooks: one service, then two."""
    one = [SERVICES_HEADER, service_row("Day centre", "Mind", "2024/25", "Voluntary")]
    two = one + [service_row("Peer café", "Hearing Voices", "2024/25", "User-led", "Yes")]
    first, second = tmp_path / "q1.xlsx", tmp_path / "q2.xlsx"
    first.write_bytes(xlsx({"Services": one}))
    second.write_bytes(xlsx({"Services": two}))
    return first, second


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _json(capsys, *argv):
    code, out, err = _run(capsys, *argv)
    assert code == 0, err
    return json.loads(out)


def _refused(capsys, *argv) -> str:
    """The one sentence a refused command prints (exit 2, nothing on standard output)."""
    code, out, err = _run(capsys, *argv)
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    return err.strip()


def test_save_prints_the_version_and_keeps_the_file_byte_for_byte(url, capsys, books):
    code, out, err = _run(capsys, "save", SAMPLE, "--area", "  Eastbrook ", "--note", "Q1")
    assert (code, out) == (0, "Saved Eastbrook version 1\n")  # the contract's line, alone
    assert err == "All 148 rows of Services used.\n"
    code, out, _ = _run(capsys, "save", books[0], "--area", "EASTBROOK", "--by", "Ann@Example.org")
    assert (code, out.splitlines()[0]) == (0, "Saved Eastbrook version 2")
    engine = engine_for(url)
    info, files = areas.version_files(engine, "Eastbrook", 1)
    assert files == [("sample_portfolio.xlsx", SAMPLE.read_bytes())]
    assert (info.note, info.saved_by) == ("Q1", getpass.getuser().lower())
    info, files = areas.version_files(engine, "Eastbrook")
    assert files == [("q1.xlsx", books[0].read_bytes())] and info.saved_by == "ann@example.org"


def test_save_says_what_was_left_out(url, capsys, tmp_path):
    rows = [SERVICES_HEADER, service_row("Day centre", "Mind", "2024/25", "Voluntary")]
    rows.append(service_row("", "Mind", "not a year", "Voluntary"))
    book = tmp_path / "untidy.xlsx"
    book.write_bytes(xlsx({"Services": rows}))
    code, out, words = _run(capsys, "save", book, "--area", "Westmere")
    assert (code, out) == (0, "Saved Westmere version 1\n")
    assert words.startswith("1 of 2 rows used: 1 left out")
    assert words.endswith("python -m dayserv validate area:Westmere lists them.\n")
    (version,) = _json(capsys, "history", "--area", "westmere", "--json")
    assert version["rows_left_out"] == {"Services": 1} and version["problems"]["error"] >= 1


def test_a_file_that_cannot_be_read_is_refused_and_nothing_is_stored(url, capsys, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    said = _refused(capsys, "save", broken, "--area", "Eastbrook")
    assert said.startswith("Could not load the portfolio, so nothing was saved:")
    assert "broken.xlsx" in said
    assert _refused(capsys, "save", tmp_path / "none.xlsx", "--area", "Eastbrook")
    assert areas.list_areas(engine_for(url)) == []
    assert "An area's name cannot hold '@'" in _refused(capsys, "save", SAMPLE, "--area", "a@b")


def test_areas_and_history_as_tables_and_json(url, capsys, books):
    code, out, _ = _run(capsys, "areas")
    assert (code, out.strip()) == (
        0,
        "No area has been saved yet: python -m dayserv save PATH --area NAME saves one.",
    )
    assert _json(capsys, "areas", "--json") == []
    main(["save", str(books[0]), "--area", "Eastbrook", "--by", "ann@example.org"])
    main(["save", str(books[1]), "--area", "Eastbrook", "--by", "bob@example.org", "--note", "Q2"])
    main(["save", str(books[0]), "--area", "Westmere", "--by", "ann@example.org"])
    capsys.readouterr()
    code, out, _ = _run(capsys, "areas")
    header, eastbrook, westmere = out.splitlines()
    assert header.split("  ")[0] == "Area" and "Latest version" in header
    assert eastbrook.split()[:3] == ["Eastbrook", "2", "2"] and "bob@example.org" in eastbrook
    assert westmere.split()[:3] == ["Westmere", "1", "1"]
    listed = _json(capsys, "areas", "--json")
    assert [{k: a[k] for k in ("area", "latest", "versions", "saved_by")} for a in listed] == [
        {"area": "Eastbrook", "latest": 2, "versions": 2, "saved_by": "bob@example.org"},
        {"area": "Westmere", "latest": 1, "versions": 1, "saved_by": "ann@example.org"},
    ]
    assert all(a["saved_at"].endswith("Z") and "T" in a["saved_at"] for a in listed)

    code, out, _ = _run(capsys, "history", "--area", "eastbrook")
    title, header, second, first = out.splitlines()
    assert title == "Eastbrook: 2 versions"
    assert header.split()[:2] == ["Version", "Saved"] and "Note" in header
    assert second.split()[0] == "2" and "q2.xlsx" in second and second.endswith("Q2")
    assert first.split()[0] == "1" and "q1.xlsx" in first and "0 errors" in first
    versions = _json(capsys, "history", "--area", "Eastbrook", "--json")
    assert [(v["version"], v["files"], v["saved_by"], v["note"]) for v in versions] == [
        (2, ["q2.xlsx"], "bob@example.org", "Q2"),
        (1, ["q1.xlsx"], "ann@example.org", ""),
    ]
    assert versions[1]["size"] == books[0].stat().st_size
    assert versions[1]["file_sha256"] == [hashlib.sha256(books[0].read_bytes()).hexdigest()]
    assert versions[1]["problems"] == {"error": 0, "warning": 0, "note": 0}
    assert versions[1]["rows_left_out"] == {}
    said = _refused(capsys, "history", "--area", "Nowhere")
    assert said == "There is no saved area called 'Nowhere'."


def test_a_saved_area_is_a_path_like_its_file(url, capsys, books):
    main(["save", str(SAMPLE), "--area", "Eastbrook"])
    capsys.readouterr()
    from_file = _json(capsys, "measures", SAMPLE, "--json")
    assert _json(capsys, "measures", "area:Eastbrook", "--json") == from_file
    assert _json(capsys, "measures", "area:eastbrook@1", "--json", "--locality", "North") == (
        _json(capsys, "measures", SAMPLE, "--json", "--locality", "North")
    )
    code, out, _ = _run(capsys, "validate", "area:Eastbrook")
    assert code == 0
    assert "Loaded Eastbrook version 1 (sample_portfolio.xlsx):" in out


def test_a_version_number_picks_that_version(url, capsys, books):
    main(["save", str(books[0]), "--area", "Eastbrook"])
    main(["save", str(books[1]), "--area", "Eastbrook"])
    capsys.readouterr()
    first = _json(capsys, "measures", books[0], "--json")
    second = _json(capsys, "measures", books[1], "--json")
    assert first["years"] != second["years"]
    assert _json(capsys, "measures", "area:Eastbrook@1", "--json") == first
    assert _json(capsys, "measures", "area:Eastbrook", "--json") == second
    assert _json(capsys, "measures", "area:Eastbrook@2", "--json") == second


def test_every_command_reading_paths_takes_a_saved_area(url, capsys, books, tmp_path):
    main(["save", str(SAMPLE), "--area", "Eastbrook"])
    capsys.readouterr()
    code, out, err = _run(
        capsys, "export", "area:Eastbrook", "--table", "services", "--year", "2024/25"
    )
    assert code == 0 and out.count("\n") > 10, err
    book = tmp_path / "services.xlsx"
    code, _, err = _run(capsys, "export", "area:Eastbrook", "--table", "services", "-o", book)
    about = dict(openpyxl.load_workbook(book)["About this export"].iter_rows(values_only=True))
    assert (code, about["Area"]) == (0, "Eastbrook"), err  # the saved area, by its name
    pack = tmp_path / "pack.html"
    code, _, err = _run(capsys, "pack", "area:Eastbrook", "-o", pack)
    assert code == 0, err
    assert "Eastbrook version 1 (sample_portfolio.xlsx)" in pack.read_text(encoding="utf-8")
    code, out, _ = _run(capsys, "save", "area:Eastbrook", "--area", "Copy")
    assert (code, out.splitlines()[0]) == (0, "Saved Copy version 1")
    assert areas.version_files(engine_for(url), "Copy")[1] == [
        ("sample_portfolio.xlsx", SAMPLE.read_bytes())
    ]


@pytest.mark.parametrize(
    "path, said",
    [
        ("area:Nowhere", "There is no saved area called 'Nowhere'."),
        ("area:Eastbrook@3", "Eastbrook has no version 3."),
        ("area:Eastbrook@x", "The version in area:Eastbrook@x should be a whole number"),
        ("area:Eastbrook@0", "The version in area:Eastbrook@0 should be a whole number"),
        ("area:", "area: names no area: write area:NAME"),
    ],
)
def test_an_unknown_area_or_version_is_refused_in_a_sentence(url, capsys, books, path, said):
    main(["save", str(books[0]), "--area", "Eastbrook"])
    capsys.readouterr()
    for command in ("validate", "measures"):
        refusal = _refused(capsys, command, path)
        assert refusal.startswith("Could not load the portfolio: ") and said in refusal


def test_share_prints_the_path_last_and_revoke_ends_it(url, capsys, books):
    main(["save", str(books[0]), "--area", "Eastbrook"])
    main(["save", str(books[1]), "--area", "Eastbrook"])
    capsys.readouterr()
    code, out, _ = _run(
        capsys, "share", "--area", "eastbrook", "--version", "1", "--threshold", "7"
    )
    assert code == 0
    words, path = out.splitlines()
    assert path.startswith("/?share=")
    assert words == (
        "A read-only link to Eastbrook, version 1, in publication mode (counts under 7 hidden):"
    )
    engine = engine_for(url)
    opened = links.open_link(engine, links.token_from(path))
    assert (opened.area, opened.version, opened.publication, opened.threshold) == (
        "Eastbrook",
        1,
        True,
        7,
    )
    code, out, _ = _run(capsys, "share", "--revoke", path)
    assert (code, out.strip()) == (
        0,
        "Withdrew the link to Eastbrook, version 1, in publication mode (counts under 7 hidden).",
    )
    with pytest.raises(links.LinkRefused, match="withdrawn"):
        links.open_link(engine, links.token_from(path))
    code, out, _ = _run(capsys, "share", "--revoke", f"https://dayserv.example.org{path}")
    assert code == 0 and "already withdrawn" in out

    code, out, _ = _run(
        capsys,
        "share",
        "--area",
        "Eastbrook",
        "--publication",
        "--expires",
        "2",
        "--base-url",
        "https://dayserv.example.org/",
    )
    assert code == 0
    words, full, path = out.splitlines()
    assert "its latest version, in publication mode (counts under 5 hidden), until" in words
    assert full == "https://dayserv.example.org" + path and path.startswith("/?share=")
    opened = links.open_link(engine, links.token_from(path))
    assert (opened.version, opened.threshold) == (None, 5) and opened.expires_at is not None
    code, out, _ = _run(capsys, "share", "--revoke", links.token_from(path))
    assert code == 0 and out.startswith("Withdrew the link to Eastbrook")


def test_share_refuses_what_it_cannot_make(url, capsys, books):
    main(["save", str(books[0]), "--area", "Eastbrook"])
    capsys.readouterr()
    assert "positive number of days" in _refused(
        capsys, "share", "--area", "Eastbrook", "--expires", "0"
    )
    assert _refused(capsys, "share", "--area", "Eastbrook", "--version", "4") == (
        "Eastbrook has no version 4."
    )
    assert _refused(capsys, "share", "--area", "Eastbrook", "--threshold", "1") == (
        "--threshold must be 2 or more."
    )
    assert _refused(capsys, "share", "--area", "Nowhere") == (
        "There is no saved area called 'Nowhere'."
    )
    assert _refused(capsys, "share", "--revoke", "/?share=" + "A" * 43) == (
        "There is no such share link."
    )


def test_members_are_listed_added_and_removed(url, capsys, books):
    main(["save", str(books[0]), "--area", "Eastbrook", "--by", "Ann@Example.org"])
    capsys.readouterr()
    code, out, _ = _run(capsys, "members", "--area", "eastbrook")
    header, ann = out.splitlines()
    assert code == 0 and header.split()[:2] == ["Member", "Role"]
    assert ann.split()[:2] == ["ann@example.org", "owner"]
    code, out, _ = _run(
        capsys,
        "members",
        "--area",
        "Eastbrook",
        "--add",
        "Bob@Example.org",
        "--role",
        "owner",
        "--by",
        "admin@example.org",
    )
    said, _, ann, bob = out.splitlines()
    assert code == 0 and said == "bob@example.org is now an owner of Eastbrook."
    assert bob.split()[:3] == ["bob@example.org", "owner", "admin@example.org"]
    code, out, _ = _run(capsys, "members", "--area", "Eastbrook", "--remove", "ANN@example.org")
    assert (
        code == 0 and out.splitlines()[0] == "ann@example.org is no longer a member of Eastbrook."
    )
    assert [line.split()[0] for line in out.splitlines()[2:]] == ["bob@example.org"]
    assert "needs an owner" in _refused(
        capsys, "members", "--area", "Eastbrook", "--remove", "bob@example.org"
    )
    assert _refused(capsys, "members", "--area", "Eastbrook", "--remove", "cat@example.org") == (
        "cat@example.org is not a member of Eastbrook."
    )
    assert "--role" in _refused(capsys, "members", "--area", "Eastbrook", "--add", "cat@x.org")
    assert "not an e-mail address" in _refused(
        capsys, "members", "--area", "Eastbrook", "--add", "cat", "--role", "viewer"
    )


def test_delete_needs_yes_and_says_what_it_deletes(url, capsys, books):
    main(["save", str(books[0]), "--area", "Eastbrook"])
    main(["save", str(books[1]), "--area", "Eastbrook"])
    capsys.readouterr()
    said = _refused(capsys, "delete", "--area", "eastbrook")
    assert "This would delete Eastbrook and its 2 versions" in said and "--yes" in said
    assert [a.name for a in areas.list_areas(engine_for(url))] == ["Eastbrook"]
    code, out, _ = _run(capsys, "delete", "--area", "eastbrook", "--yes")
    assert code == 0 and out.startswith("Deleted Eastbrook and its 2 versions")
    assert areas.list_areas(engine_for(url)) == []
    assert _refused(capsys, "delete", "--area", "Eastbrook", "--yes") == (
        "There is no saved area called 'Eastbrook'."
    )


def test_the_database_option_overrides_the_variable(url, capsys, books, tmp_path):
    other = f"sqlite:///{tmp_path / 'other.db'}"
    main(["save", str(books[0]), "--area", "Elsewhere", "--database", other])
    capsys.readouterr()
    assert [a["area"] for a in _json(capsys, "areas", "--json", "--database", other)] == [
        "Elsewhere"
    ]
    assert _json(capsys, "areas", "--json") == []
    assert _json(capsys, "measures", "area:Elsewhere", "--json", "--database", other)["years"]


@pytest.mark.parametrize(
    "argv",
    [
        ["areas"],
        ["history", "--area", "Eastbrook"],
        ["save", str(SAMPLE), "--area", "Eastbrook"],
        ["share", "--area", "Eastbrook"],
        ["share", "--revoke", "/?share=abc"],
        ["members", "--area", "Eastbrook"],
        ["delete", "--area", "Eastbrook", "--yes"],
        ["measures", "area:Eastbrook", "--json"],
    ],
)
def test_a_store_that_cannot_be_reached_is_said_in_one_sentence(capsys, monkeypatch, argv):
    monkeypatch.setenv(URL_VARIABLE, UNREACHABLE)
    said = _refused(capsys, *argv)
    assert "The saved areas cannot be reached just now" in said
    assert "nobody@127.0.0.1:1/none" in said
    monkeypatch.setenv(URL_VARIABLE, "sqlite:///:memory:")
    assert "cannot be reached" in _refused(capsys, *argv, "--database", UNREACHABLE)


@pytest.mark.parametrize("address", ["nonsense", "mysql://nobody@127.0.0.1:1/none"])
def test_an_address_that_names_no_usable_database_is_said_in_one_sentence(capsys, address):
    for argv in (["areas"], ["validate", "area:Eastbrook"]):
        said = _refused(capsys, *argv, "--database", address)
        assert "is not one dayserv can use" in said and "nobody" not in said
