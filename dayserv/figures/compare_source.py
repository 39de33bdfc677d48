"""Where the Compare areas page's areas come from, in words."""

from __future__ import annotations

from dayserv.figures import quality
from dayserv.read.clean import Portfolio


def source_words(areas: int, kind: str, label: str, left_out: str) -> str:
    """Under the title: how many areas, from where (``kind``: "workbook", one with an Area
    column; "chosen" files and saved areas; or "sample"), what loading their files left
    out (``left_out_words``), and that the sidebar's filters do not narrow them."""
    where = {
        "workbook": f"the Area column of {label}",
        "chosen": label,
        "sample": "the sample region",
    }[kind]
    return (
        f"{areas} areas, from {where} · {left_out}. Each area is compared "
        "whole: the sidebar's filters apply to the other pages."
    )


def left_out_words(portfolios: list[tuple[str, Portfolio]]) -> str:
    """What loading the compared areas' files left out, each (label, portfolio) that lost
    anything named with its words ("westford.xlsx: 138 of 142 rows used: 4 left out"), or
    that every row was used."""
    lost = [
        f"{label}: {quality.left_out_words(portfolio)}"
        for label, portfolio in portfolios
        if quality.anything_left_out(portfolio)
    ]
    return "; ".join(lost) if lost else "Every row of every area's file used"
