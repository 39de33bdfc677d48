"""A made-up region: Eastbrook and six neighbouring areas in one workbook with an Area
column, the sample for comparing areas (``sample_data/sample_region.xlsx``).

Each area has a profile of its own, so that the comparison has something to show: Northmoor
is strong on user-run services, Kingsport keeps its day centres, Ashdale is built around
work and learning, Fenwick is small with one provider holding most of the money (and has
sent no figures for 2025/26), Riversmeet draws on many funding sources, Harrowfield works
mostly outside buildings. Every area, service and provider is fictional. Only Services and
Funding are written: the comparison reads no other sheet.

``big_region`` makes a region of any size, with random profiles, for the speed benchmark.
Everything is drawn from ``numpy.random.default_rng(seed)``; Eastbrook's rows are those of
``eastbrook.sample_portfolio`` as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dayserv.eastbrook import sample_portfolio
from dayserv.synthetic import (
    DAYS,
    GROUPS,
    SERVICE_COLUMNS,
    SOURCES,
    YEARS,
    group_lists,
    split_funding,
    three_shares,
    yes_no,
)

REGION_YEARS: tuple[str, ...] = ("2021/22", *YEARS)
# The region's Services sheet: the area first, no opening hours (not compared).
REGION_COLUMNS: tuple[str, ...] = (
    "Area",
    *(c for c in SERVICE_COLUMNS if c not in DAYS),
)
LOCALITIES: tuple[str, ...] = ("North", "South", "East", "West", "Central")

# Kinds of service: what their activity is like in their first year (building %, outreach %,
# vocational %, individual %), a typical contract in £k, the sectors that run them (weights
# in SECTORS order: NHS, Local authority, Voluntary, Independent, User-led), the chance each
# access feature (self-referral, drop-in, evenings, weekends), and the names they go by.
_KINDS: dict[str, dict] = {
    "centre": {
        "shares": (88, 6, 10, 28),
        "funding": 380,
        "sectors": (3, 4, 1, 2, 0),
        "access": (0.1, 0.3, 0.1, 0.2),
        "names": ("Day Centre", "Resource Centre", "Day Opportunities", "Activity Centre"),
    },
    "peer": {
        "shares": (40, 15, 15, 20),
        "funding": 55,
        "sectors": (0, 0, 1, 0, 4),
        "access": (0.9, 0.6, 0.5, 0.4),
        "names": ("Peer Support Groups", "Peer Café", "Hearing Voices Group", "Peer Mentoring"),
    },
    "work": {
        "shares": (15, 25, 85, 80),
        "funding": 150,
        "sectors": (3, 1, 2, 2, 0),
        "access": (0.5, 0.0, 0.2, 0.0),
        "names": ("Employment Service", "Pathways to Work", "Recovery College", "Volunteering"),
    },
    "community": {
        "shares": (10, 65, 20, 75),
        "funding": 140,
        "sectors": (1, 2, 3, 2, 0),
        "access": (0.5, 0.0, 0.4, 0.3),
        "names": ("Community Connectors", "Outreach Team", "Community Links", "Befriending"),
    },
    "hub": {
        "shares": (65, 10, 25, 35),
        "funding": 110,
        "sectors": (0, 1, 5, 1, 1),
        "access": (0.8, 0.8, 0.3, 0.2),
        "names": ("Wellbeing Hub", "Drop-in", "Arts & Minds", "Growing Project"),
    },
}
_SECTORS = ("NHS", "Local authority", "Voluntary", "Independent", "User-led")


@dataclass(frozen=True)
class Profile:
    """What an area's services are like, and how they change."""

    services: int  # services defined (some start late, some close)
    years: tuple[str, ...] = YEARS
    kinds: dict[str, float] = field(default_factory=dict)  # the mix of kinds of service
    sectors: tuple[float, ...] = (1, 1, 1, 1, 1)  # multiplies the kinds' sector weights
    providers: int = 3  # voluntary, independent and user-led providers of each sector
    late: float = 0.15  # share of services starting after the first year
    late_kind: str | None = None  # what the late services are (default: the mix)
    closing: float = 0.05  # share of services ending before the last year
    core: tuple[float, float] = (0.85, 0.02)  # core funding share in year one, fall a year
    drift: tuple[float, float, float] = (-0.5, 1.0, 0.5)  # building, vocational, individual
    scale: float = 1.0  # contracts' size against the kind's typical one


PROFILES: dict[str, Profile] = {
    "Northmoor": Profile(
        30,
        REGION_YEARS,
        {"centre": 0.15, "peer": 0.45, "work": 0.1, "community": 0.1, "hub": 0.2},
        sectors=(1, 1, 1, 0.5, 3),
        providers=5,
        late=0.3,
        late_kind="peer",
        core=(0.75, 0.03),
    ),
    "Kingsport": Profile(
        24,
        REGION_YEARS,
        {"centre": 0.6, "peer": 0.05, "work": 0.1, "community": 0.1, "hub": 0.15},
        sectors=(1, 2, 1, 1, 0.3),
        providers=2,
        late=0.05,
        closing=0.0,
        core=(0.95, 0.005),
        drift=(0.2, 0.2, -0.5),
        scale=1.2,
    ),
    "Ashdale": Profile(
        28,
        REGION_YEARS,
        {"centre": 0.2, "peer": 0.1, "work": 0.45, "community": 0.1, "hub": 0.15},
        sectors=(2, 1, 1, 2, 1),
        providers=4,
        late=0.2,
        late_kind="work",
        drift=(-1.0, 2.0, 1.0),
    ),
    "Fenwick": Profile(
        12,
        REGION_YEARS[:-1],
        {"centre": 0.4, "peer": 0.05, "work": 0.2, "community": 0.25, "hub": 0.1},
        sectors=(6, 1, 0.5, 0.3, 0.2),
        providers=1,
        late=0.1,
        closing=0.0,
        core=(0.97, 0.0),
        drift=(0.0, 0.3, 0.0),
    ),
    "Riversmeet": Profile(
        36,
        REGION_YEARS,
        {"centre": 0.2, "peer": 0.15, "work": 0.15, "community": 0.2, "hub": 0.3},
        sectors=(0.5, 0.5, 3, 1, 1),
        providers=5,
        late=0.15,
        core=(0.6, 0.04),
        scale=0.8,
    ),
    "Harrowfield": Profile(
        22,
        YEARS,
        {"centre": 0.15, "peer": 0.1, "work": 0.2, "community": 0.45, "hub": 0.1},
        sectors=(1, 2, 2, 2, 0.5),
        providers=3,
        late=0.2,
        late_kind="community",
        closing=0.15,
        drift=(-2.0, 0.5, 1.5),
    ),
}


def sample_region(seed: int = 2027) -> dict[str, pd.DataFrame]:
    """The fictional region: Eastbrook and the areas of ``PROFILES``, one DataFrame a sheet
    (Services with its Area column, and Funding)."""
    rng = np.random.default_rng(seed)
    eastbrook = sample_portfolio()
    services = [eastbrook["Services"].assign(Area="Eastbrook")]
    funding = [eastbrook["Funding"]]
    for name, profile in PROFILES.items():
        area_services, area_funding = area_sheets(name, profile, rng)
        services.append(area_services)
        funding.append(area_funding)
    return _region(services, funding)


def big_region(
    n_areas: int = 150, n_services: int = 50, n_years: int = 10, seed: int = 7
) -> dict[str, pd.DataFrame]:
    """A region of ``n_areas`` areas of ``n_services`` services over ``n_years`` years
    (from 2025/26 back), every service running every year, each area a random profile."""
    rng = np.random.default_rng(seed)
    years = tuple(f"{y}/{(y + 1) % 100:02d}" for y in range(2026 - n_years, 2026))
    services, funding = [], []
    for number in range(n_areas):
        mix = rng.dirichlet(np.ones(len(_KINDS)))
        profile = Profile(
            n_services,
            years,
            dict(zip(_KINDS, mix, strict=True)),
            sectors=tuple(rng.uniform(0.3, 3, len(_SECTORS))),
            providers=int(rng.integers(1, 6)),
            late=0.0,
            closing=0.0,
            core=(float(rng.uniform(0.6, 0.97)), float(rng.uniform(0, 0.04))),
            drift=tuple(rng.normal(0, 1, 3)),
        )
        area_services, area_funding = area_sheets(f"Area {number + 1:03d}", profile, rng)
        services.append(area_services)
        funding.append(area_funding)
    return _region(services, funding)


def _region(services: list[pd.DataFrame], funding: list[pd.DataFrame]) -> dict:
    sheet = pd.concat(services, ignore_index=True)
    return {
        "Services": sheet[list(REGION_COLUMNS)],
        "Funding": pd.concat(funding, ignore_index=True),
    }


def area_sheets(
    name: str, profile: Profile, rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One area's Services rows (with its Area) and Funding rows, drawn from its profile."""
    n_years = len(profile.years)
    kinds = list(_KINDS)
    mix = np.array([profile.kinds.get(k, 0.0) for k in kinds])
    kind_no = rng.choice(len(kinds), profile.services, p=mix / mix.sum())
    first = np.where(rng.random(profile.services) < profile.late, rng.integers(1, n_years), 0)
    if profile.late_kind:
        kind_no = np.where(first > 0, kinds.index(profile.late_kind), kind_no)
    last = np.where(
        rng.random(profile.services) < profile.closing,
        rng.integers(1, n_years, profile.services),
        n_years - 1,
    )
    last = np.maximum(last, first)
    sector_no = np.array(
        [_pick(rng, np.array(_KINDS[kinds[k]]["sectors"]) * profile.sectors) for k in kind_no]
    )
    defs = pd.DataFrame(
        {
            "service": _names(name, kind_no, rng),
            "provider": [_provider(name, s, rng, profile.providers) for s in sector_no],
            "sector": np.array(_SECTORS)[sector_no],
            "locality": rng.choice(LOCALITIES[: 3 + profile.services // 15], profile.services),
            "kind": np.array(kinds)[kind_no],
            "first": first,
            "last": last,
            "funding": [_KINDS[kinds[k]]["funding"] for k in kind_no],
            "growth": rng.normal(0.02, 0.03, profile.services),
        }
    )
    defs["service_no"] = np.arange(len(defs))
    grid = defs.merge(pd.DataFrame({"year_no": range(n_years)}), how="cross")
    grid = grid[(grid["year_no"] >= grid["first"]) & (grid["year_no"] <= grid["last"])]
    grid = grid.reset_index(drop=True)
    services = _services(name, profile, grid, rng)
    core_base, core_fall = profile.core
    age = grid["year_no"].to_numpy()
    core = np.clip(core_base - core_fall * age + rng.normal(0, 0.05, len(grid)), 0.0, 1.0)
    core = np.where(core > 0.96, 1.0, core)
    weights = rng.uniform(0.2, 3, (len(grid), len(SOURCES) - 1))
    return services, split_funding(services, core, weights, rng)


def _services(
    name: str, profile: Profile, grid: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    n, n_defs = len(grid), int(grid["service_no"].max()) + 1
    age = (grid["year_no"] - grid["first"]).to_numpy()
    shares = np.array([_KINDS[k]["shares"] for k in grid["kind"]], dtype="float64")
    start = shares + rng.normal(0, 6, (n_defs, 4))[grid["service_no"]]
    building_drift, vocational_drift, individual_drift = profile.drift
    building = start[:, 0] + building_drift * age + rng.normal(0, 1.0, n)
    outreach = start[:, 1] + rng.normal(0.3, 0.6, n) * age
    vocational = start[:, 2] + vocational_drift * age + rng.normal(0, 1.0, n)
    individual = start[:, 3] + individual_drift * age + rng.normal(0, 1.0, n)
    building_pct, outreach_pct, mainstream_pct = three_shares(building, outreach)
    vocational_pct = np.clip(np.round(vocational), 0, 100).astype(np.int64)
    individual_pct = np.clip(np.round(individual), 0, 100).astype(np.int64)

    funding = grid["funding"].to_numpy() * 1000.0 * profile.scale
    funding *= np.exp(rng.normal(0, 0.3, n_defs))[grid["service_no"]]
    funding *= (1 + grid["growth"].to_numpy()) ** age * rng.normal(1.0, 0.02, n)
    funding = np.clip(np.round(funding / 50) * 50, 15_000, 900_000).astype(np.int64)
    places = np.maximum(np.round(funding / (2_600 + 30 * building_pct)), 8).astype(np.int64)
    people = np.round(places * rng.uniform(1.3, 3.5, n)).astype(np.int64)

    sector = grid["sector"].to_numpy()
    peer = (grid["kind"] == "peer").to_numpy()
    user_run = np.where(
        sector == "User-led",
        "Yes",
        np.where(peer | (rng.random(n) < 0.1), "Partly", "No"),
    )
    chance = np.array([_KINDS[k]["access"] for k in grid["kind"]])
    flags = rng.random((n, 4)) < chance
    group_pick = rng.random((n, len(GROUPS))) < 0.06
    groups = group_lists()[group_pick @ (1 << np.arange(len(GROUPS)))]
    services = pd.DataFrame(
        {
            "Area": name,
            "Service": grid["service"],
            "Provider": grid["provider"],
            "Year": np.array(profile.years)[grid["year_no"].to_numpy()],
            "Sector": sector,
            "User run": user_run,
            "Locality": grid["locality"],
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
        }
    )
    order = np.lexsort((grid["service_no"].to_numpy(), grid["year_no"].to_numpy()))
    return services.iloc[order].reset_index(drop=True)


def _pick(rng: np.random.Generator, weights: np.ndarray) -> int:
    return int(rng.choice(len(weights), p=weights / weights.sum()))


def _names(area: str, kind_no: np.ndarray, rng: np.random.Generator) -> list[str]:
    """Service names, unique in the region: 'Northmoor Peer Café', then 'Northmoor Peer
    Café 2' for the next of its name."""
    kinds = list(_KINDS)
    names, seen = [], {}
    for k in kind_no:
        stem = f"{area} {rng.choice(_KINDS[kinds[k]]['names'])}"
        seen[stem] = seen.get(stem, 0) + 1
        names.append(stem if seen[stem] == 1 else f"{stem} {seen[stem]}")
    return names


_PROVIDERS = {
    "NHS": ("{} Partnership NHS Foundation Trust",),
    "Local authority": ("{} Council",),
    "Voluntary": ("{} Mind", "{} Community Trust", "{} Wellbeing Association", "{} Clubhouse"),
    "Independent": ("{} Care Ltd", "Pathways Support Ltd", "Brightlane Care Ltd"),
    "User-led": ("{} Peer Network", "{} Survivors Collective", "{} Hearing Voices Network"),
}


def _provider(area: str, sector_no: int, rng: np.random.Generator, providers: int) -> str:
    forms = _PROVIDERS[_SECTORS[sector_no]]
    return forms[int(rng.integers(0, min(providers, len(forms))))].format(area)
