"""Opening hours as written in the Services sheet's Mon to Sun columns ("9am-5pm", "09:00-17:00,
18:00-21:00", "24 hours", "closed"), read into spans of minutes after midnight and written
back the one tidy way."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

DAYS: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_COLUMNS: tuple[str, ...] = tuple(day.lower() for day in DAYS)
DAY_NAMES: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
DAY_MINUTES = 24 * 60

HOURS_FORMS = (
    "09:00-17:00",
    "9am-5pm",
    "9-5 (read as 9:00 to 17:00)",
    "9.30am–4.30pm",
    "10:00-14:00, 18:00-21:00 (several spans)",
    "24 hours",
    "closed, - or blank",
)

Span = tuple[int, int]

_CLOSED = {"closed", "close", "shut", "none", "no", "-", "–", "—", "x", "n/a", "na", "nil"}
_ALL_DAY = re.compile(
    r"^(?:24\s*(?:hours?|hrs?|h)|24\s*/\s*7|open\s+24\s*(?:hours?|hrs?)|all\s+day)$"
)
_TIME = re.compile(
    r"^(?:(?P<word>noon|midday|midnight)|(?P<h>\d{1,2})(?:[:.](?P<m>\d{2})|(?P<m4>\d{2}))?"
    r"\s*(?P<ampm>a\.?m\.?|p\.?m\.?)?)$"
)
_DASH = re.compile(r"\s*(?:-|–|—|\bto\b|\btill\b|\buntil\b)\s*")
_SEPARATOR = re.compile(r"\s*(?:[,;&/+]|\band\b|\n)\s*")


def _time(text: str) -> tuple[int, str | None] | None:
    """A clock time -> (minutes after midnight, 'am'/'pm'/None), or None if not one."""
    match = _TIME.match(text.strip().lower())
    if not match:
        return None
    word = match["word"]
    if word:
        return (0, "midnight") if word == "midnight" else (12 * 60, "pm")
    hour, minute = int(match["h"]), int(match["m"] or match["m4"] or 0)
    ampm = (match["ampm"] or "").replace(".", "") or None
    if minute > 59 or hour > 24 or (ampm and not 1 <= hour <= 12):
        return None
    if ampm == "am":
        hour = 0 if hour == 12 else hour
    elif ampm == "pm":
        hour = hour if hour == 12 else hour + 12
    return hour * 60 + minute, ampm


def _span(text: str) -> Span | None:
    parts = _DASH.split(text.strip(), maxsplit=1)
    if len(parts) != 2:
        return None
    start, end = _time(parts[0]), _time(parts[1])
    if start is None or end is None:
        return None
    (begin, begin_mark), (finish, finish_mark) = start, end
    if finish_mark == "midnight" or (finish == 0 and begin > 0):
        finish = DAY_MINUTES
    elif begin_mark is None and finish_mark == "pm" and begin + 12 * 60 <= finish:
        begin += 12 * 60  # "1-5pm": both afternoon
    elif begin_mark is None and finish_mark is None and finish <= begin < 13 * 60:
        finish += 12 * 60  # "9-5": a working day, not 5 in the morning
    if not 0 <= begin < finish <= DAY_MINUTES:
        return None
    return begin, finish


def parse_hours(value: object) -> tuple[Span, ...] | None:
    """One day's opening hours -> spans of (start, end) minutes after midnight; () when
    closed or blank; None when the cell cannot be read as hours."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ()
    if hasattr(value, "day") and hasattr(value, "month"):
        # Excel turns a typed "9-5" into the date 9 May: read it back as day-month.
        value = f"{value.day}-{value.month}"
    text = " ".join(str(value).split()).lower()
    if not text or text in _CLOSED:
        return ()
    if _ALL_DAY.match(text):
        return ((0, DAY_MINUTES),)
    spans = []
    for part in _SEPARATOR.split(text):
        if not part:
            continue
        span = _span(part)
        if span is None:
            return None
        spans.append(span)
    if not spans:
        return None
    return tuple(_merge(spans))


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[list[int]] = []
    for begin, finish in sorted(spans):
        if merged and begin <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], finish)
        else:
            merged.append([begin, finish])
    return [(b, f) for b, f in merged]


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def hours_text(spans: tuple[Span, ...]) -> str:
    """Spans written the one tidy way: '09:00-17:00, 18:00-21:00', '24 hours' or 'Closed'."""
    if not spans:
        return "Closed"
    if spans == ((0, DAY_MINUTES),):
        return "24 hours"
    return ", ".join(f"{_clock(b)}-{_clock(f)}" for b, f in spans)


def tidy_hours(value: object) -> str | None:
    """A cell of opening hours in its tidy form, or None if it cannot be read."""
    spans = parse_hours(value)
    return None if spans is None else hours_text(spans)
