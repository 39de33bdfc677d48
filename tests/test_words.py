"""The small words the pages put together: counts, sizes and times."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from dayserv.figures.words import plural, size_words
from dayserv.store.database import when


def test_a_count_takes_its_noun_in_the_singular_only_for_one():
    assert plural(1, "version") == "1 version"
    assert plural(0, "version") == "0 versions"
    assert plural(3, "Services row") == "3 Services rows"
    assert plural(12345, "value") == "12,345 values"


def test_a_size_is_in_bytes_then_kilobytes_then_megabytes():
    assert size_words(1) == "1 byte"
    assert size_words(812) == "812 bytes"
    assert size_words(999) == "999 bytes"
    assert size_words(1000) == "1 KB"
    assert size_words(48_400) == "48 KB"
    assert size_words(999_999) == "1,000 KB"
    assert size_words(1_000_000) == "1.0 MB"
    assert size_words(1_240_000) == "1.2 MB"


def test_a_time_is_the_day_month_year_and_utc_clock():
    assert when(datetime(2026, 12, 1, 14, 5)) == "1 Dec 2026, 14:05 UTC"
    assert when(pd.Timestamp("2025-03-09 09:30")) == "9 Mar 2025, 09:30 UTC"


def test_no_time_is_no_words():
    assert when(None) == ""
    assert when(pd.NaT) == ""


def test_the_stores_messages_say_a_time_as_the_pages_do():
    """One way to write a time the store keeps, in a refusal as on a page."""
    from dayserv.store.database import day
    from dayserv.store.links import Link
    from dayserv.store.records import Conflict, Saved

    moment = datetime(2026, 12, 1, 14, 5)
    assert day(moment) == "1 Dec 2026"
    refused = str(Conflict(Saved({}, 2, "ann", moment)))
    assert "(1 Dec 2026, 14:05 UTC)" in refused
    link = Link("Eastbrook", None, False, None, moment, "ann", moment)
    assert "until 1 Dec 2026, 14:05 UTC" in link.words()
