"""Where the Compare areas page's areas come from, in words."""

from __future__ import annotations

from dayserv.figures.compare_view import left_out_words
from dayserv.read.clean import Portfolio


def source_words(areas: int, kind: str, label: str, portfolios: list[tuple[str, Portfolio]]) -> str:
    """Under the title: how many areas, from where (``kind``: "workbook", one with an Area
    column; "chosen" files and saved areas; or "sample"), what loading their files
    (``portfolios``, each with its label) left out, and that the sidebar's filters do not
    narrow them."""
    where = {
        "workbook": f"the Area column of {label}",
        "chosen": label,
        "sample": "the sample region",
    }[kind]
    return (
        f"{areas} areas, from {where} · {left_out_words(portfolios)}. Each area is compared "
        "whole: the sidebar's filters apply to the other pages."
    )
