"""The shared portfolio cache: an entry is shared while anyone holds it, gone when no one
does, and the recently used are kept within a memory bound and a time limit; the app reads
an upload once for every session that uploads the same files."""

from __future__ import annotations

import gc
import logging
import threading
import uuid
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dayserv.app import state
from dayserv.read.portfolio_cache import SharedCache, Views, files_key, frames_size, trim_heap
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

APP = Path(__file__).resolve().parent.parent / "app.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Value:
    """Something to cache that can be referred to weakly, as a portfolio can."""

    def __init__(self, name: str) -> None:
        self.name = name


def loader(calls: list[str], name: str):
    def load() -> Value:
        calls.append(name)
        return Value(name)

    return load


def size(bytes_: int):
    return lambda value: bytes_


def cache(max_bytes: int = 1_000, ttl: float = 60.0, clock=None, freed=None) -> SharedCache:
    """A cache on a hand-moved clock; ``freed`` collects a 1 each time it says memory may
    have been given back."""
    tell = (lambda: freed.append(1)) if freed is not None else (lambda: None)
    return SharedCache(max_bytes, ttl, clock or Clock(), on_free=tell)


def test_the_same_files_give_the_same_key_and_any_difference_another():
    key = files_key([("a.xlsx", b"123")])
    assert files_key([("a.xlsx", b"123")]) == key
    assert files_key([("b.xlsx", b"123")]) != key
    assert files_key([("a.xlsx", b"124")]) != key
    # Names and bytes are kept apart: moving a byte from one to the other changes the key.
    assert files_key([("ab", b"c")]) != files_key([("a", b"bc")])
    assert files_key([("a", b"1"), ("b", b"2")]) != files_key([("b", b"2"), ("a", b"1")])


def test_frames_size_counts_the_strings_too():
    numbers = pd.DataFrame({"n": range(1_000)})
    words = pd.DataFrame({"w": ["a fairly long piece of text"] * 1_000}, dtype=object)
    assert frames_size([numbers]) >= 8_000
    assert frames_size([words]) > 1_000 * len("a fairly long piece of text")
    assert frames_size([numbers, words]) == frames_size([numbers]) + frames_size([words])


def test_an_entry_is_shared_between_two_holders_and_loaded_once():
    calls: list[str] = []
    shared = cache()
    first = shared.get_or_load("k", loader(calls, "k"), size(10))
    second = shared.get_or_load("k", loader(calls, "k"), size(10))
    assert second is first
    assert calls == ["k"]
    assert shared.get("k") is first


def test_an_entry_is_dropped_when_neither_holder_holds_it():
    calls: list[str] = []
    freed: list[int] = []
    shared = cache(max_bytes=0, freed=freed)  # nothing kept for its recent use
    first = shared.get_or_load("k", loader(calls, "k"), size(10))
    second = shared.get_or_load("k", loader(calls, "k"), size(10))
    del first
    gc.collect()
    assert "k" in shared  # the second holder still has it
    del second
    gc.collect()
    assert "k" not in shared
    assert shared.get("k") is None
    assert freed  # told that memory may have been given back
    shared.get_or_load("k", loader(calls, "k"), size(10))
    assert calls == ["k", "k"]  # read again


def test_the_recently_used_are_kept_within_the_memory_bound():
    calls: list[str] = []
    shared = cache(max_bytes=100)
    for name in ("a", "b", "c"):
        shared.get_or_load(name, loader(calls, name), size(40))  # nobody holds it after
    gc.collect()
    # 40 + 40 fit in 100 bytes, a third does not: the least recently used went.
    assert shared.recent_keys() == ["b", "c"]
    assert shared.recent_bytes == 80
    assert "a" not in shared
    assert "b" in shared and "c" in shared


def test_using_an_entry_again_makes_it_the_last_to_go():
    shared = cache(max_bytes=100)
    for name in ("a", "b"):
        shared.get_or_load(name, loader([], name), size(40))
    shared.get("a")
    shared.get_or_load("c", loader([], "c"), size(40))
    gc.collect()
    assert shared.recent_keys() == ["a", "c"]
    assert "b" not in shared


def test_an_entry_larger_than_the_bound_is_kept_only_while_held():
    shared = cache(max_bytes=100)
    held = shared.get_or_load("big", loader([], "big"), size(500))
    assert shared.recent_keys() == []
    assert "big" in shared
    del held
    gc.collect()
    assert "big" not in shared


def test_the_recently_used_go_after_the_time_limit():
    clock = Clock()
    shared = cache(ttl=60.0, clock=clock)
    shared.get_or_load("a", loader([], "a"), size(10))
    clock.now += 30
    shared.get_or_load("b", loader([], "b"), size(10))
    clock.now += 29
    assert shared.expire() == 0
    clock.now += 1  # a: 60 s since it was last used
    assert shared.expire() == 1
    gc.collect()
    assert "a" not in shared and "b" in shared
    clock.now += 30
    assert shared.expire() == 1
    gc.collect()
    assert "b" not in shared


def test_the_time_limit_counts_from_the_last_use():
    clock = Clock()
    shared = cache(ttl=60.0, clock=clock)
    shared.get_or_load("a", loader([], "a"), size(10))
    clock.now += 50
    assert shared.get("a") is not None
    clock.now += 50
    assert shared.expire() == 0
    assert "a" in shared


def test_an_entry_still_held_outlives_its_time_limit():
    clock = Clock()
    shared = cache(ttl=60.0, clock=clock)
    held = shared.get_or_load("a", loader([], "a"), size(10))
    clock.now += 600
    assert shared.expire() == 1
    assert shared.get("a") is held


def test_a_pinned_entry_stays_with_no_holder_and_past_any_time():
    clock = Clock()
    shared = cache(max_bytes=0, ttl=1.0, clock=clock)
    shared.get_or_load("sample", loader([], "sample"), size(10), pin=True)
    clock.now += 10_000
    shared.expire()
    gc.collect()
    assert "sample" in shared
    assert shared.get("sample").value.name == "sample"


def test_a_load_that_fails_keeps_nothing_and_the_next_ask_loads_again():
    shared = cache()

    def broken() -> Value:
        raise ValueError("unreadable")

    with pytest.raises(ValueError, match="unreadable"):
        shared.get_or_load("k", broken, size(10))
    assert "k" not in shared
    assert shared.get_or_load("k", loader([], "k"), size(10)).value.name == "k"


def test_holders_asking_at_the_same_time_share_one_load():
    calls: list[str] = []
    release = threading.Event()
    shared = cache()

    def slow() -> Value:
        calls.append("k")
        release.wait(10)
        return Value("k")

    got: list = []
    threads = [
        threading.Thread(target=lambda: got.append(shared.get_or_load("k", slow, size(1))))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    release.set()
    for thread in threads:
        thread.join(10)
    assert calls == ["k"]
    assert len(got) == 4 and all(entry is got[0] for entry in got)


def test_views_are_built_once_and_the_last_used_kept():
    views = Views(limit=2)
    built: list[str] = []

    def build(name: str):
        return lambda: built.append(name) or name.upper()

    assert views.get("a", build("a")) == "A"
    assert views.get("a", build("a")) == "A"
    views.get("b", build("b"))
    views.get("a", build("a"))
    views.get("c", build("c"))  # b is the least recently used
    assert len(views) == 2
    views.get("b", build("b"))
    assert built == ["a", "b", "c", "b"]


def test_trim_heap_answers_where_there_is_glibc():
    assert trim_heap() in (True, False)


# ---------------------------------------------------------------- the app


def unique_workbook() -> bytes:
    """A small workbook no other test uploads, so its entry is this test's own."""
    name = f"Service {uuid.uuid4().hex[:8]}"
    return xlsx(
        {
            "Services": [
                SERVICES_HEADER,
                service_row(name, "Peer Co", "2023/24", "User-led", "Yes", funding=10000),
                service_row(name, "Peer Co", "2024/25", "User-led", "Yes", funding=20000),
            ]
        }
    )


def test_two_sessions_uploading_the_same_files_read_them_once(monkeypatch):
    state.sample_portfolio()  # loaded (and kept) before the count starts
    reads: list[int] = []
    real_load = state.load

    def counted(sources):
        reads.append(1)
        return real_load(sources)

    monkeypatch.setattr(state, "load", counted)
    data = unique_workbook()
    sessions = []
    for _ in range(2):
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.sidebar.file_uploader[0].upload("shared.xlsx", data, XLSX)
        at.run()
        at.run()  # a rerun with the same files reads nothing either
        assert not at.exception
        assert "shared.xlsx" in "\n".join(caption.value for caption in at.caption)
        sessions.append(at)
    assert reads == [1]
    assert files_key([("shared.xlsx", data)]) in state.PORTFOLIOS


def test_an_unexpected_error_while_reading_is_one_sentence_and_logged(monkeypatch, caplog):
    def broken(sources):
        raise KeyError("a bug")

    monkeypatch.setattr(state, "load", broken)
    with caplog.at_level(logging.ERROR, logger="dayserv.app.state"):
        entry, error = state.read_files((("broken.xlsx", unique_workbook()),))
    assert entry is None
    assert error.startswith("broken.xlsx could not be read.")
    assert "\n" not in error and "KeyError" not in error
    assert "Loading ['broken.xlsx'] failed" in caplog.text
    assert "KeyError: 'a bug'" in caplog.text


def test_a_closed_session_lets_go_of_what_it_held():
    from dayserv.app import sessions

    held = {sessions.SESSION_ID: None, "dayserv_loaded": object()}
    sessions._released(held)
    assert held == {}


def test_outside_a_session_nothing_is_held_and_no_upload_is_forgotten():
    from dayserv.app import sessions

    first = sessions.holding()
    first["x"] = 1
    assert sessions.holding() == {}  # a fresh dict each time: nothing outlives the call
    assert sessions.forget_closed_sessions() == 0
