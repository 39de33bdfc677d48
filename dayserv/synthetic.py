"""Synthetic portfolios: the vocabulary they are drawn from and the pieces the sample and the
big portfolios share, big random portfolios for the speed benchmarks, and the writer that
saves any of them as a workbook. The believable sample area is ``eastbrook``'s.

Everything is drawn from ``numpy.random.default_rng(seed)``, so a seed gives the same
workbook every time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from dayserv import contract, frameworks
from dayserv.share import workbook

YEARS: tuple[str, ...] = ("2022/23", "2023/24", "2024/25", "2025/26")
LOCALITIES: tuple[str, ...] = ("North", "South", "Central", "Coastal", "Rural West")
SECTORS = contract.SECTORS
GROUPS = contract.GROUPS
SOURCES = contract.FUNDING_SOURCES
RESPONSES: tuple[str, ...] = ("NAA", "NP", "YAB", "YD")  # index = points
STATEMENT_IDS = frameworks.STATEMENT_IDS
FEATURES: tuple[str, ...] = tuple(feature.id for feature in frameworks.FEATURES)
QUARTERS = contract.QUARTERS
KPI_IDS = contract.KPI_IDS

SERVICE_COLUMNS: tuple[str, ...] = (
    "Service",
    "Provider",
    "Year",
    "Sector",
    "User run",
    "Locality",
    "Annual funding",
    "Places",
    "People supported",
    "Building-based %",
    "Outreach %",
    "Mainstream %",
    "Social & leisure %",
    "Vocational %",
    "Group %",
    "Individual %",
    "Self-referral",
    "Drop-in",
    "Evenings",
    "Weekends",
    "Groups served",
    "Mon",
    "Tue",
    "Wed",
    "Thu",
    "Fri",
    "Sat",
    "Sun",
)
DAYS: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SHEET_COLUMNS: dict[str, tuple[str, ...]] = {
    "Services": SERVICE_COLUMNS,
    "Funding": ("Service", "Year", "Source", "Amount"),
    "Benchmark": ("Service", "Year", "Respondent", "Statement", "Response"),
    "GoodPractice": ("Service", "Year", "Feature", "Rating", "Evidence"),
    "Checklist": ("Question", "Answer", "Notes", "Year"),
    "KPIs": ("Provider", "Year", "Quarter", "KPI", "Value"),
    "Targets": ("Outcome", "Target", "Year"),
}


def three_shares(building: np.ndarray, outreach: np.ndarray) -> tuple[np.ndarray, ...]:
    """Whole percentages building + outreach + mainstream = 100, none negative."""
    building_pct = np.clip(np.round(building), 0, 100).astype(np.int64)
    outreach_pct = np.clip(np.round(outreach), 0, 100 - building_pct).astype(np.int64)
    return building_pct, outreach_pct, 100 - building_pct - outreach_pct


def group_lists() -> np.ndarray:
    """Every subset of GROUPS as "a;b" text, indexed by its bitmask (0 = none, as NaN)."""
    lists = [
        ";".join(g for bit, g in enumerate(GROUPS) if mask >> bit & 1)
        for mask in range(1 << len(GROUPS))
    ]
    lists[0] = np.nan
    return np.array(lists, dtype=object)


def yes_no(flag: np.ndarray) -> np.ndarray:
    return np.where(flag, "Yes", "No")


def split_funding(
    services: pd.DataFrame, core: np.ndarray, weights: np.ndarray, rng: np.random.Generator
) -> pd.DataFrame:
    """Split each row's Annual funding into core + up to two weighted-random other sources."""
    n = len(services)
    total = services["Annual funding"].to_numpy().astype(np.int64)
    # Weighted sampling without replacement: the Efraimidis-Spirakis keys.
    keys = np.log(rng.random(weights.shape)) / weights
    picks = np.argsort(-keys, axis=1)[:, :3] + 1  # indexes into SOURCES, never core
    has_core = core > 0
    n_other = np.where(core >= 1.0, 0, rng.choice([1, 2], n, p=[0.55, 0.45]))
    n_other = np.where(has_core, n_other, np.maximum(n_other, 1) + (rng.random(n) < 0.3))
    n_other = np.minimum(n_other, 3 - has_core)

    amounts = np.zeros((n, 4), dtype=np.int64)
    sources = np.zeros((n, 4), dtype=np.int64)
    amounts[:, 0] = np.where(n_other == 0, total, np.round(total * core / 100) * 100)
    rest = total - amounts[:, 0]
    split = rng.dirichlet([3.0, 2.0, 1.0], n)
    for slot in range(3):
        # Each other source takes a round share of what is left; the last takes the rest.
        part = np.round(rest * split[:, slot] / 100) * 100
        amount = np.where(slot == n_other - 1, rest, np.minimum(part, rest))
        amounts[:, slot + 1] = np.where(slot < n_other, amount, 0)
        sources[:, slot + 1] = picks[:, slot]
        rest = rest - amounts[:, slot + 1]
    present = np.column_stack([has_core | (n_other == 0), np.arange(3)[None, :] < n_other[:, None]])
    present &= amounts > 0
    rows, slots = np.nonzero(present)
    return pd.DataFrame(
        {
            "Service": services["Service"].to_numpy()[rows],
            "Year": services["Year"].to_numpy()[rows],
            "Source": np.array(SOURCES)[sources[rows, slots]],
            "Amount": amounts[rows, slots],
        }
    )


# --------------------------------------------------------------------------------------
# Big portfolios for the speed benchmark
# --------------------------------------------------------------------------------------


def big_portfolio(
    n_service_years: int = 20_000, seed: int = 7, benchmark_form: str = "wide"
) -> dict[str, pd.DataFrame]:
    """A large random portfolio: Services, Funding (~1.5 rows a row) and Benchmark.

    Services has exactly ``n_service_years`` rows (services x the four years, the last
    service cut short if needed). Benchmark has one row per service-year, in ``"wide"``
    form (one column per statement ID, as text) or ``"long"`` form (65 rows each).
    """
    if benchmark_form not in ("wide", "long"):
        raise ValueError(f"benchmark_form must be 'wide' or 'long', not {benchmark_form!r}")
    rng = np.random.default_rng(seed)
    n = n_service_years
    n_years = len(YEARS)
    n_services = -(-n // n_years)
    service_no = np.repeat(np.arange(n_services), n_years)[:n]
    year_no = np.tile(np.arange(n_years), n_services)[:n]

    n_providers = max(5, n_services // 6)
    provider_of = rng.integers(0, n_providers, n_services)
    provider_sector = rng.choice(len(SECTORS), n_providers, p=[0.1, 0.1, 0.45, 0.2, 0.15])
    sector_no = provider_sector[provider_of][service_no]
    locality_of = rng.integers(0, len(LOCALITIES), n_services)

    service_names = np.char.add("Service ", np.char.zfill(np.arange(n_services).astype(str), 5))
    provider_names = np.char.add("Provider ", np.char.zfill(np.arange(n_providers).astype(str), 4))
    user_run = np.where(
        sector_no == 4, "Yes", rng.choice(["Yes", "Partly", "No"], n, p=[0.05, 0.15, 0.8])
    )
    funding = np.clip(np.round(rng.lognormal(11.8, 0.8, n_services) / 50) * 50, 15_000, 900_000)
    funding = (funding[service_no] * (1 + 0.03 * year_no)).astype(np.int64)

    setting = rng.dirichlet([3.0, 1.5, 1.5], n)
    building_pct, outreach_pct, mainstream_pct = three_shares(
        100 * setting[:, 0], 100 * setting[:, 1]
    )
    vocational_pct = rng.integers(0, 101, n)
    individual_pct = rng.integers(0, 101, n)
    places = np.maximum(funding // rng.integers(2_500, 6_000, n), 8)
    people = np.round(places * rng.uniform(1.2, 4.0, n)).astype(np.int64)
    flags = rng.random((n, 4)) < np.array([0.5, 0.35, 0.25, 0.2])
    group_pick = rng.random((n, len(GROUPS))) < 0.08
    groups = group_lists()[group_pick @ (1 << np.arange(len(GROUPS)))]

    years = np.array(YEARS)[year_no]
    names = service_names[service_no]
    services = pd.DataFrame(
        {
            "Service": names,
            "Provider": provider_names[provider_of][service_no],
            "Year": years,
            "Sector": np.array(SECTORS)[sector_no],
            "User run": user_run,
            "Locality": np.array(LOCALITIES)[locality_of][service_no],
            "Annual funding": funding,
            "Places": places,
            "People supported": people,
            "Building-based %": building_pct,
            "Outreach %": outreach_pct,
            "Mainstream %": mainstream_pct,
            "Social & leisure %": 100 - vocational_pct,
            "Vocational %": vocational_pct,
            "Group %": 100 - individual_pct,
            "Individual %": individual_pct,
            "Self-referral": yes_no(flags[:, 0]),
            "Drop-in": yes_no(flags[:, 1]),
            "Evenings": yes_no(flags[:, 2]),
            "Weekends": yes_no(flags[:, 3]),
            "Groups served": groups,
            **_big_hours(flags[:, 2], flags[:, 3]),
        }
    )

    # Two in three service-years have a single (core) source: ~1.5 funding rows each.
    core = np.where(rng.random(n) < 0.65, 1.0, rng.uniform(0.4, 0.95, n))
    weights = np.ones((n, len(SOURCES) - 1))
    funding_sheet = split_funding(services, core, weights, rng)

    points = rng.choice(5, (n, len(STATEMENT_IDS)), p=[0.1, 0.2, 0.35, 0.3, 0.05])
    codes = np.array([*RESPONSES, "N/A"], dtype=object)[points]
    respondents = rng.choice(["Staff", "Service user"], n)
    if benchmark_form == "wide":
        benchmark = pd.DataFrame(codes, columns=list(STATEMENT_IDS))
        benchmark.insert(0, "Service", names)
        benchmark.insert(1, "Year", years)
        benchmark.insert(2, "Respondent", respondents)
    else:
        k = len(STATEMENT_IDS)
        benchmark = pd.DataFrame(
            {
                "Service": np.repeat(names, k),
                "Year": np.repeat(years, k),
                "Respondent": np.repeat(respondents, k),
                "Statement": np.tile(np.array(STATEMENT_IDS), n),
                "Response": codes.ravel(),
            }
        )
    return {"Services": services, "Funding": funding_sheet, "Benchmark": benchmark}


def _big_hours(evenings: np.ndarray, weekends: np.ndarray) -> dict[str, np.ndarray]:
    """Opening hours that agree with the Evenings and Weekends flags (no random draws)."""
    weekday = np.where(evenings, "09:00-17:00, 18:00-21:00", "09:00-17:00")
    weekend = np.where(weekends, "10:00-16:00", "closed")
    return {day: weekday if day not in ("Sat", "Sun") else weekend for day in DAYS}


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------

# A fixed creation date keeps the same data byte-identical from one run to the next.
_CREATED = dt.datetime(2026, 1, 1)
HEADER = {"bold": True, "bottom": 1}


def write_workbook(sheets: dict[str, pd.DataFrame], path: str | Path) -> None:
    """Write one sheet per key to an .xlsx: headers as text in row 1 (frozen), no index.

    Headers and text cells are always written as text, so a statement "2.10" or a year
    "2024/25" never becomes a number, and nothing becomes a formula or a link. Blank
    (NaN) cells are left empty.
    """
    book = workbook.Book(Path(path), properties={"created": _CREATED})
    for name, frame in sheets.items():
        sheet = book.sheet(name)
        for col_no, column in enumerate(frame.columns):
            sheet.write(0, col_no, str(column), HEADER)
            sheet.write_column(col_no, frame[column])
        sheet.freeze()
        for col_no, width in enumerate(_column_widths(frame)):
            sheet.column(col_no, width)
    book.close()


def _column_widths(frame: pd.DataFrame, sample: int = 500) -> list[int]:
    """Widths from the header and the first rows: wide enough to read, never huge."""
    head = frame.head(sample)
    widths = []
    for column in head.columns:
        longest = head[column].dropna().astype(str).str.len().max() if len(head) else 0
        longest = 0 if pd.isna(longest) else int(longest)
        widths.append(min(max(len(str(column)), longest) + 2, 60))
    return widths
