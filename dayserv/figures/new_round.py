"""What a new round of returns asks for, as the form to open one offers it: the quarter
after the latest returned, and the portfolio's providers."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dayserv.contract import QUARTERS
from dayserv.figures.returns import quarter_key
from dayserv.read.clean import Portfolio
from dayserv.store.rounds import holder_key


def next_quarter(kpis: pd.DataFrame, today: date) -> tuple[str, str]:
    """The quarter to ask for, as (financial year, quarter): the one after the latest
    returned, else today's."""
    periods = (kpis["year"].astype(str) + " " + kpis["quarter"].astype(str)).dropna()
    if periods.empty:
        start = today.year if today.month >= 4 else today.year - 1
        return f"{start}/{(start + 1) % 100:02d}", QUARTERS[((today.month - 4) % 12) // 3]
    year, quarter = max(periods, key=quarter_key).rsplit(" ", 1)
    if quarter != QUARTERS[-1]:
        return year, QUARTERS[QUARTERS.index(quarter) + 1]
    start = int(year[:4]) + 1
    return f"{start}/{(start + 1) % 100:02d}", QUARTERS[0]


def providers_of(portfolio: Portfolio) -> list[str]:
    """The providers to ask: those of the Services sheet's latest year, then the KPIs'
    (one each, however they are spelt)."""
    services = portfolio.services
    latest = services["year"].astype(str).max() if not services.empty else None
    named = services.loc[services["year"].astype(str).eq(latest), "provider"].dropna()
    found = {holder_key(p): str(p) for p in portfolio.tables["kpis"]["provider"]}
    found.update({holder_key(p): str(p) for p in named})
    return sorted(found.values(), key=holder_key)
