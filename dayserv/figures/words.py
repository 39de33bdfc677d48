"""Small words the pages put together: counts with their noun, sizes of files (a time the
store keeps is said by ``store.database.when``)."""

from __future__ import annotations


def plural(count: int, word: str) -> str:
    """'1 version', '3 versions'."""
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def over_count(label: str, count: int | None, newline: str = "\n") -> str:
    """'2022/23\n40 services': a chart's label over the services its figure rests on (the
    label alone when the count is not known); ``newline`` "<br>" for plotly."""
    return label if count is None else f"{label}{newline}{plural(count, 'service')}"


def size_words(size: int) -> str:
    """'812 bytes', '48 KB', '1.2 MB'."""
    if size < 1000:
        return plural(size, "byte")
    if size < 1000**2:
        return f"{size / 1000:,.0f} KB"
    return f"{size / 1000**2:,.1f} MB"
