"""Small words the pages put together: counts with their noun, sizes of files, and times."""

from __future__ import annotations

from datetime import datetime

import pandas as pd


def plural(count: int, word: str) -> str:
    """'1 version', '3 versions'."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def size_words(size: int) -> str:
    """'812 bytes', '48 KB', '1.2 MB'."""
    if size < 1000:
        return plural(size, "byte")
    if size < 1000**2:
        return f"{size / 1000:,.0f} KB"
    return f"{size / 1000**2:,.1f} MB"


def when(moment: datetime | None) -> str:
    """'1 Dec 2026, 14:05 UTC' (the store keeps times in UTC); '' for no time."""
    if moment is None or pd.isna(moment):
        return ""
    return f"{moment.day} {moment:%b %Y, %H:%M} UTC"
