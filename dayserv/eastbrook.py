"""Eastbrook, a made-up English area: the sample portfolio for demos and tests.

Every service, provider and person in it is fictional. The sample is built so that each
anticipated outcome of the commissioners' checklist has a story to tell: some measures move
towards the commissioner's targets, some stall, one moves away. Everything is drawn from
``numpy.random.default_rng(seed)``, so a seed gives the same workbook every time.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dayserv import frameworks
from dayserv.synthetic import (
    DAYS,
    FEATURES,
    KPI_IDS,
    QUARTERS,
    RESPONSES,
    STATEMENT_IDS,
    YEARS,
    split_funding,
    three_shares,
    yes_no,
)

TARGETS: dict[str, float] = {
    "user_run_share": 0.30,
    "vocational_share": 0.35,
    "building_share": 0.40,
    "individual_share": 0.55,
    "non_core_funding_share": 0.30,
    "providers": 20,
}

_NHS_TRUST = "Eastbrook Partnership NHS Foundation Trust"
_COUNCIL = "Eastbrook Council"

# One row per service. funding: £k in its first year; growth: a year; first/last: indexes
# into YEARS; user_run: one letter (Y/P/N) per year it runs; building/outreach, vocational,
# individual: % in its first year; access: S self-referral, D drop-in, E evenings, W weekends.
_SERVICE_FIELDS = (
    "service",
    "provider",
    "sector",
    "locality",
    "funding",
    "growth",
    "first",
    "last",
    "user_run",
    "building",
    "outreach",
    "vocational",
    "individual",
    "access",
    "groups",
)
# fmt: off
_EASTBROOK = (
    ("Eastbrook Day Therapy Centre", _NHS_TRUST, "NHS", "Central", 860, -0.02, 0, 3, "N", 86, 10, 10, 36, "", ""),  # noqa: E501
    ("Riverside Recovery College", _NHS_TRUST, "NHS", "Central", 300, 0.07, 0, 3, "P", 40, 5, 55, 22, "S", ""),  # noqa: E501
    ("Eastbrook IPS Employment Service", _NHS_TRUST, "NHS", "North", 250, 0.04, 0, 3, "N", 10, 30, 88, 90, "", ""),  # noqa: E501
    ("Coastal Resource Centre", _NHS_TRUST, "NHS", "Coastal", 560, -0.01, 0, 3, "N", 92, 6, 8, 32, "D", ""),  # noqa: E501
    ("Ward In-reach Activity Team", _NHS_TRUST, "NHS", "Central", 150, 0.0, 0, 3, "N", 5, 90, 5, 58, "E", ""),  # noqa: E501
    ("North Eastbrook Community Day Service", _NHS_TRUST, "NHS", "North", 420, -0.06, 0, 3, "N", 80, 14, 14, 38, "", ""),  # noqa: E501
    ("Harcourt House Day Centre", _COUNCIL, "Local authority", "Central", 720, -0.01, 0, 3, "N", 90, 5, 8, 26, "W", "Older people"),  # noqa: E501
    ("Seaview Day Centre", _COUNCIL, "Local authority", "Coastal", 640, 0.01, 0, 3, "N", 95, 3, 5, 20, "E", "Older people;Disabled people"),  # noqa: E501
    ("Rural West Day Opportunities", _COUNCIL, "Local authority", "Rural West", 380, 0.01, 0, 3, "N", 80, 15, 10, 30, "", ""),  # noqa: E501
    ("Community Opportunities Team", _COUNCIL, "Local authority", "South", 330, 0.03, 0, 3, "N", 10, 55, 32, 75, "E", ""),  # noqa: E501
    ("The Willows Resource Centre", _COUNCIL, "Local authority", "South", 430, -0.05, 0, 2, "N", 88, 8, 10, 30, "", ""),  # noqa: E501
    ("Council Supported Employment Team", _COUNCIL, "Local authority", "North", 200, 0.02, 0, 3, "N", 15, 25, 85, 80, "", "Disabled people"),  # noqa: E501
    ("Eastbrook Mind Wellbeing Hub", "Eastbrook Mind", "Voluntary", "Central", 240, 0.03, 0, 3, "P", 72, 10, 15, 35, "SDE", ""),  # noqa: E501
    ("Mind Coastal Drop-in", "Eastbrook Mind", "Voluntary", "Coastal", 85, 0.02, 0, 3, "N", 88, 5, 5, 15, "SD", ""),  # noqa: E501
    ("Mind Community Connectors", "Eastbrook Mind", "Voluntary", "North", 120, 0.05, 0, 3, "N", 5, 60, 15, 80, "SEW", "Older people"),  # noqa: E501
    ("Mind Work Wise", "Eastbrook Mind", "Voluntary", "South", 95, 0.06, 0, 3, "N", 20, 20, 80, 70, "S", ""),  # noqa: E501
    ("Harbour Peer Support Groups", "Harbour Peer Network", "User-led", "Central", 340, 0.06, 0, 3, "Y", 35, 15, 10, 18, "SDEW", ""),  # noqa: E501
    ("Harbour Crisis Café", "Harbour Peer Network", "User-led", "South", 270, 0.05, 0, 3, "Y", 90, 5, 0, 30, "SDEW", ""),  # noqa: E501
    ("Harbour Peer Mentoring", "Harbour Peer Network", "User-led", "South", 70, 0.30, 1, 3, "Y", 10, 50, 30, 72, "SE", ""),  # noqa: E501
    ("Harbour Women's Peer Circle", "Harbour Peer Network", "User-led", "North", 45, 0.15, 2, 3, "Y", 15, 10, 15, 10, "S", "Women"),  # noqa: E501
    ("Northgate Clubhouse", "Northgate Clubhouse", "Voluntary", "North", 340, 0.03, 0, 3, "P", 82, 5, 50, 25, "SDE", ""),  # noqa: E501
    ("Northgate Transitional Employment", "Northgate Clubhouse", "Voluntary", "North", 110, 0.06, 1, 3, "P", 20, 10, 90, 70, "", ""),  # noqa: E501
    ("Coastline Day Opportunities", "Coastline Care Ltd", "Independent", "Coastal", 420, 0.02, 0, 3, "N", 90, 8, 8, 25, "", "Older people"),  # noqa: E501
    ("Coastline Community Support", "Coastline Care Ltd", "Independent", "Coastal", 160, 0.03, 0, 3, "N", 30, 65, 10, 75, "EW", ""),  # noqa: E501
    ("Compass Activity Centre", "Compass Support Services Ltd", "Independent", "Rural West", 220, -0.04, 0, 2, "N", 85, 10, 10, 30, "", ""),  # noqa: E501
    ("Compass Outreach", "Compass Support Services Ltd", "Independent", "Rural West", 140, 0.0, 0, 2, "N", 5, 85, 10, 85, "", ""),  # noqa: E501
    ("Open Door Sanctuary", "Open Door Eastbrook", "Voluntary", "Central", 180, 0.02, 0, 3, "N", 92, 5, 5, 40, "SDEW", ""),  # noqa: E501
    ("Open Door Arts & Minds", "Open Door Eastbrook", "Voluntary", "South", 70, 0.04, 0, 3, "N", 40, 5, 20, 15, "SD", ""),  # noqa: E501
    ("ACWA Wellbeing Centre", "Eastbrook African Caribbean Wellbeing Association", "Voluntary", "Central", 150, 0.05, 0, 3, "NNPP", 70, 15, 25, 35, "SD", "BME communities;Faith groups"),  # noqa: E501
    ("Westmoor Community Links", "Westmoor Rural Wellbeing Trust", "Voluntary", "Rural West", 95, 0.03, 0, 3, "N", 15, 70, 20, 70, "S", "Older people"),  # noqa: E501
    ("Westmoor Growing Together", "Westmoor Rural Wellbeing Trust", "Voluntary", "Rural West", 60, 0.04, 0, 3, "N", 60, 10, 40, 30, "", ""),  # noqa: E501
    ("Eastbrook Hearing Voices Group", "Eastbrook Hearing Voices Network", "User-led", "Central", 18, 0.15, 0, 3, "Y", 50, 10, 0, 10, "S", ""),  # noqa: E501
    ("Greenway Horticulture Project", "Greenway Social Farms CIC", "Voluntary", "South", 120, 0.03, 0, 3, "NNPP", 60, 5, 65, 30, "", ""),  # noqa: E501
    ("Women's Wellbeing Service", "Eastbrook Women's Centre", "Voluntary", "South", 130, 0.03, 0, 3, "N", 60, 20, 30, 55, "SD", "Women;BME communities"),  # noqa: E501
    ("Youth Mental Health Hub", "Eastbrook Youth Trust", "Voluntary", "North", 115, 0.05, 0, 3, "N", 50, 20, 45, 50, "SDE", "Younger people;LGBT+"),  # noqa: E501
    ("Kindred Minds Peer Café", "Kindred Minds CIC", "User-led", "South", 75, 0.30, 1, 3, "Y", 65, 5, 10, 12, "SDEW", ""),  # noqa: E501
    ("Kindred Minds Peer Mentors", "Kindred Minds CIC", "User-led", "Coastal", 80, 0.20, 2, 3, "Y", 10, 40, 20, 60, "S", "Younger people"),  # noqa: E501
    ("Brightwork Pathways to Work", "Brightwork Employment Ltd", "Independent", "Central", 170, 0.08, 1, 3, "N", 15, 25, 92, 85, "S", ""),  # noqa: E501
    ("Saltmarsh Peer Co-op", "Saltmarsh Peer Cooperative", "User-led", "Coastal", 180, 0.25, 2, 3, "Y", 55, 15, 30, 20, "SDW", ""),  # noqa: E501
    ("Pathfinder Community Day Service", "Pathfinder Support Ltd", "Independent", "Rural West", 300, 0.04, 2, 3, "N", 88, 8, 10, 30, "", ""),  # noqa: E501
    ("Rainbow Minds Peer Group", "Rainbow Minds Eastbrook", "User-led", "Central", 40, 0.0, 3, 3, "Y", 20, 10, 5, 10, "SE", "LGBT+"),  # noqa: E501
    ("Faith Communities Wellbeing Network", "Eastbrook Faith & Wellbeing Network", "Voluntary", "South", 65, 0.0, 3, 3, "N", 10, 30, 15, 30, "", "Faith groups;BME communities"),  # noqa: E501
    ("Sanctuary Arts Collective", "Sanctuary Arts Collective", "User-led", "Coastal", 90, 0.0, 3, 3, "Y", 45, 10, 25, 15, "SD", ""),  # noqa: E501
)
# fmt: on

# Share of a service's money from core commissioning in 2022/23, and its fall a year.
_CORE_SHARE = {
    "NHS": (0.97, 0.005),
    "Local authority": (0.95, 0.02),
    "Voluntary": (0.78, 0.03),
    "Independent": (0.65, 0.04),
    "User-led": (0.55, 0.04),
}
# Relative chance of each non-core source (SOURCES[1:]) by sector.
_NON_CORE_WEIGHTS = {
    "NHS": (6, 0.2, 0.2, 1, 0.2, 0.5, 0.2, 0.5),
    "Local authority": (1, 5, 4, 0.5, 0.2, 1, 0.5, 0.5),
    "Voluntary": (2, 1, 1, 5, 3, 1, 3, 1),
    "Independent": (1, 5, 5, 0.5, 0.2, 3, 1, 0.5),
    "User-led": (1, 0.5, 1, 5, 5, 0.2, 3, 0.5),
}


def sample_portfolio(seed: int = 2026) -> dict[str, pd.DataFrame]:
    """The fictional Eastbrook portfolio, 2022/23 to 2025/26, one DataFrame per sheet."""
    rng = np.random.default_rng(seed)
    services = _eastbrook_services(rng)
    # Hours come from a generator of their own, so the other figures stay as they were.
    services = _with_hours(services, np.random.default_rng((seed, 1)))
    return {
        "Services": services,
        "Funding": _funding(services, rng),
        "Benchmark": _eastbrook_benchmark(services, rng),
        "GoodPractice": _good_practice(services, rng),
        "Checklist": _checklist(rng),
        "KPIs": _kpis(services, rng),
        "Targets": pd.DataFrame(
            {
                "Outcome": list(TARGETS),
                "Target": list(TARGETS.values()),
                "Year": YEARS[-1],
            }
        ),
    }


def _eastbrook_services(rng: np.random.Generator) -> pd.DataFrame:
    defs = pd.DataFrame(_EASTBROOK, columns=_SERVICE_FIELDS)
    defs["service_no"] = np.arange(len(defs))
    grid = defs.merge(pd.DataFrame({"year_no": range(len(YEARS))}), how="cross")
    grid = grid[(grid["year_no"] >= grid["first"]) & (grid["year_no"] <= grid["last"])]
    grid = grid.reset_index(drop=True)
    n = len(grid)
    age = (grid["year_no"] - grid["first"]).to_numpy()
    year_no = grid["year_no"].to_numpy()

    # User run: one letter per year of running, or one letter for all of them.
    pattern = grid["user_run"].to_numpy()
    letter = np.array([p[min(a, len(p) - 1)] for p, a in zip(pattern, age, strict=True)])
    user_run = pd.Series(letter).map({"Y": "Yes", "P": "Partly", "N": "No"})

    funding = grid["funding"].to_numpy() * 1000.0 * (1 + grid["growth"].to_numpy()) ** age
    funding *= rng.normal(1.0, 0.02, n)
    funding = np.clip(np.round(funding / 50) * 50, 15_000, 900_000).astype(np.int64)

    # Service-level drifts a year, around the portfolio's slow movement.
    n_defs = len(defs)
    building_drift = rng.normal(-0.2, 0.6, n_defs)[grid["service_no"]]
    vocational_drift = rng.normal(1.6, 0.9, n_defs)[grid["service_no"]]
    individual_drift = rng.normal(-1.8, 0.6, n_defs)[grid["service_no"]]
    building = grid["building"].to_numpy() + building_drift * age + rng.normal(0, 1.0, n)
    outreach = grid["outreach"].to_numpy() + rng.normal(0.4, 0.8, n) * age
    vocational = grid["vocational"].to_numpy() + vocational_drift * age + rng.normal(0, 1.0, n)
    individual = grid["individual"].to_numpy() + individual_drift * age + rng.normal(0, 1.0, n)
    building_pct, outreach_pct, mainstream_pct = three_shares(building, outreach)
    vocational_pct = np.clip(np.round(vocational), 0, 100).astype(np.int64)
    individual_pct = np.clip(np.round(individual), 0, 100).astype(np.int64)

    # Buildings cost more a place; outreach sees more people a place.
    cost_per_place = 2_600 + 30 * building_pct + rng.normal(0, 300, n)
    places = np.maximum(np.round(funding / cost_per_place), 8).astype(np.int64)
    access = grid["access"].to_numpy().astype(str)
    drop_in = np.char.find(access, "D") >= 0
    turnover = 1.4 + 0.03 * (outreach_pct + mainstream_pct) + 1.2 * drop_in
    people = np.round(places * np.maximum(turnover + rng.normal(0, 0.2, n), 1.1)).astype(np.int64)
    groups = grid["groups"].replace("", np.nan)

    services = pd.DataFrame(
        {
            "Service": grid["service"],
            "Provider": grid["provider"],
            "Year": np.array(YEARS)[year_no],
            "Sector": grid["sector"],
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
            "Self-referral": yes_no(np.char.find(access, "S") >= 0),
            "Drop-in": yes_no(drop_in),
            "Evenings": yes_no(np.char.find(access, "E") >= 0),
            "Weekends": yes_no(np.char.find(access, "W") >= 0),
            "Groups served": groups,
        }
    )
    order = np.lexsort((grid["service_no"].to_numpy(), year_no))
    return services.iloc[order].reset_index(drop=True)


# Daytime hours in the forms real workbooks use; every one ends by 17:00 (not an evening).
_DAY_FORMS = ("09:00-17:00", "9am-5pm", "9-5", "9.30am–4.30pm", "10:00-16:00", "09:00-16:00")
_EVENING_FORMS = ("10:00-14:00, 18:00-21:00", "12:00-20:00", "1pm-9pm", "10am-1pm, 5.30pm-9.30pm")
_SATURDAY_FORMS = ("10:00-16:00", "10am-4pm", "11:00-15:00")
_SUNDAY_FORMS = ("11:00-15:00", "12:00-16:00", "closed")
# Services that keep no record of their hours: their Evenings and Weekends columns stand.
_NO_HOURS = ("Ward In-reach Activity Team",)


def _opening_hours(access: str, small: bool, rng: np.random.Generator) -> dict[str, object]:
    """A service's week (Mon..Sun cells) that agrees with its access letters: E opens after
    17:00 on some weekdays, W opens at the weekend, anything else keeps to weekday daytime."""
    if small and "E" not in access:  # small peer groups meet a few days a week
        days = rng.choice(5, size=int(rng.integers(2, 4)), replace=False)
        week = {day: "closed" for day in DAYS[:5]}
        for day in sorted(days):
            week[DAYS[day]] = "10:00-14:00"
    else:
        form = str(rng.choice(_DAY_FORMS))
        week = {day: form for day in DAYS[:5]}
    if "E" in access:
        late = str(rng.choice(_EVENING_FORMS))
        days = range(5) if rng.random() < 0.4 else rng.choice(5, size=2, replace=False)
        for day in days:
            week[DAYS[day]] = late
    closed = "closed" if rng.random() < 0.5 else None  # some write "closed", some leave blanks
    if "W" in access:
        week["Sat"] = str(rng.choice(_SATURDAY_FORMS))
        week["Sun"] = str(rng.choice(_SUNDAY_FORMS))
        if "E" in access and week["Sun"] == "closed":
            week["Sun"] = "12:00-18:00"
    else:
        week["Sat"] = week["Sun"] = closed
    return week


def _with_hours(services: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The Services sheet with Mon..Sun opening hours, the same every year for a service."""
    defs = pd.DataFrame(_EASTBROOK, columns=_SERVICE_FIELDS)
    weeks = pd.DataFrame(
        [
            _opening_hours(access, funding < 100, rng)
            for access, funding in zip(defs["access"], defs["funding"], strict=True)
        ],
        index=defs["service"],
    )
    weeks.loc[list(_NO_HOURS)] = None
    hours = weeks.reindex(services["Service"]).reset_index(drop=True)
    return pd.concat([services, hours[list(DAYS)].astype(object)], axis=1)


def _funding(services: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """One to three sources a service-year, summing exactly to its Annual funding."""
    n = len(services)
    sector = services["Sector"].to_numpy()
    year_no = services["Year"].map({y: i for i, y in enumerate(YEARS)}).to_numpy()
    base = np.array([_CORE_SHARE[s][0] for s in sector])
    fall = np.array([_CORE_SHARE[s][1] for s in sector])
    core = np.clip(base - fall * year_no + rng.normal(0, 0.04, n), 0.0, 1.0)
    core = np.where(core > 0.96, 1.0, core)
    # A few small user-led and voluntary services have no core contract at all.
    no_core = (np.isin(sector, ("User-led", "Voluntary"))) & (services["Annual funding"] < 60_000)
    core = np.where(no_core.to_numpy(), 0.0, core)

    weights = np.array([_NON_CORE_WEIGHTS[s] for s in sector])
    return split_funding(services, core, weights, rng)


def _statement_profile() -> dict[str, np.ndarray]:
    """Per statement: how easily services say yes, and how much service users disagree."""
    ids = np.array(STATEMENT_IDS)
    section = np.array([int(s.split(".")[0]) for s in STATEMENT_IDS])
    ease = np.select(
        [section == 1, section == 4, section == 7, section == 8, section == 5],
        [0.7, 0.4, -0.7, -0.3, -0.2],
        0.1,
    )
    # Service users are markedly less sure about these than staff are.
    marked = np.isin(ids, ["2.5", "2.6", "3.1", "4.8", "6.6", "7.1", "7.5", "7.13", "1.4"])
    user_gap = np.where(marked, -1.2, -0.25)
    return {"ids": ids, "section": section, "ease": ease, "user_gap": user_gap}


def _eastbrook_benchmark(services: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """About half the services take part each year; staff and service users answer, some carers."""
    taking_part = services[rng.random(len(services)) < 0.5].reset_index(drop=True)
    carers = rng.random(len(taking_part)) < 0.3
    respondent_lists = [
        ["Staff", "Service user", "Carer"] if c else ["Staff", "Service user"] for c in carers
    ]
    counts = np.array([len(r) for r in respondent_lists])
    rows = np.repeat(np.arange(len(taking_part)), counts)
    respondents = np.concatenate(respondent_lists)
    answers = _answers(taking_part.iloc[rows].reset_index(drop=True), respondents, rng)
    n_statements = len(STATEMENT_IDS)
    sheet = pd.DataFrame(
        {
            "Service": np.repeat(taking_part["Service"].to_numpy()[rows], n_statements),
            "Year": np.repeat(taking_part["Year"].to_numpy()[rows], n_statements),
            "Respondent": np.repeat(respondents, n_statements),
            "Statement": np.tile(np.array(STATEMENT_IDS), len(rows)),
            "Response": answers.ravel(),
        }
    )
    return sheet


def _answers(
    services: pd.DataFrame, respondents: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """A (rows x 65) array of response codes (object), None for a blank answer."""
    n = len(services)
    profile = _statement_profile()
    ids, section = profile["ids"], profile["section"]
    year_no = services["Year"].map({y: i for i, y in enumerate(YEARS)}).to_numpy()
    quality = _service_effect(services["Service"].to_numpy(), 0.5)
    user_run = services["User run"].map({"Yes": 1.0, "Partly": 0.5, "No": 0.0}).to_numpy()
    score = (
        quality[:, None]
        + 0.12 * year_no[:, None]
        + profile["ease"][None, :]
        + rng.normal(0, 0.75, (n, len(ids)))
    )
    is_user = (respondents == "Service user")[:, None]
    score += np.where(is_user, profile["user_gap"][None, :], 0.0)
    score += np.where((respondents == "Staff")[:, None], 0.25, 0.0)
    score += np.where(section[None, :] == 7, 1.6 * user_run[:, None], 0.0)

    def flag(column: str) -> np.ndarray:
        return (services[column].to_numpy() == "Yes")[:, None]

    score += np.where((ids == "4.2")[None, :] & ~flag("Drop-in"), -1.8, 0.0)
    score += np.where((ids == "4.3")[None, :] & ~flag("Self-referral"), -1.8, 0.0)
    out_of_hours = flag("Evenings") | flag("Weekends")
    score += np.where(np.isin(ids, ["3.1", "2.5"])[None, :] & ~out_of_hours, -1.5, 0.0)
    serves_groups = services["Groups served"].notna().to_numpy()[:, None]
    score += np.where((section == 5)[None, :] & serves_groups, 1.0, 0.0)

    points = np.digitize(score, [-0.9, 0.1, 1.1])
    codes = np.array(RESPONSES, dtype=object)[points]
    # In-reach statements do not apply to many community services.
    outreach = services["Outreach %"].to_numpy()[:, None]
    in_reach = np.isin(ids, ["3.2", "6.9"])[None, :]
    not_applicable = (in_reach & (outreach < 20) & (rng.random((n, len(ids))) < 0.6)) | (
        rng.random((n, len(ids))) < 0.02
    )
    codes = np.where(not_applicable, "N/A", codes)
    return np.where(rng.random((n, len(ids))) < 0.01, None, codes)


def _service_effect(names: np.ndarray, scale: float) -> np.ndarray:
    """A stable quality effect per service name (the same whatever the row order)."""
    unique, inverse = np.unique(names, return_inverse=True)
    effect_rng = np.random.default_rng([len(unique), 11])
    return effect_rng.normal(0, scale, len(unique))[inverse]


_EVIDENCE = {
    ("A1", "Strong"): "Self-referral by phone, web or walk-in; open to people without a CMHT.",
    ("A1", "Some"): "Self-referral accepted, but most come via the community mental health team.",
    ("A1", "None"): "Referral through a care coordinator only.",
    ("A2", "Strong"): "Members sit on the board and co-deliver most groups.",
    ("A2", "Some"): "Service user forum meets quarterly; two peer workers employed.",
    ("A2", "None"): "Feedback survey once a year; no other involvement.",
    ("A3", "Strong"): "Partnerships with the college, leisure centre and two employers.",
    ("A3", "Some"): "Some groups meet at the library; links with the college are new.",
    ("A3", "None"): "All activity on site.",
    ("A4", "Strong"): "Person-centred plans with goals reviewed every 8 weeks.",
    ("A4", "Some"): "Support plans in place; goals not always reviewed.",
    ("A4", "None"): "Timetable of groups; no individual plans.",
    ("A5", "Strong"): "Outreach with community and faith groups; monitoring shows reach.",
    ("A5", "Some"): "Women-only session weekly; equality monitoring patchy.",
    ("A5", "None"): "No targeted work with under-represented groups.",
    ("A6", "Strong"): "Recovery and WRAP courses; peer trainers; vocational goals recorded.",
    ("A6", "Some"): "Recovery language in plans; self-management course run once a year.",
    ("A6", "None"): "Maintenance model of support.",
    ("A7", "Strong"): "Co-produced evening peer café and online groups.",
    ("A7", "Some"): "Piloting a walking group and a digital skills course.",
    ("A7", "None"): "Programme unchanged for several years.",
    ("B", "Strong"): "Outcome star and moves into work, study and volunteering reported.",
    ("B", "Some"): "Attendance and satisfaction recorded; few outcome measures.",
    ("B", "None"): "Activity counts only.",
}


def _good_practice(services: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Ratings of features A1-A7 and B for ten services in the latest two years."""
    latest = services[services["Year"].isin(YEARS[-2:])]
    both = latest.groupby("Service")["Year"].transform("size") == 2
    names = np.sort(latest.loc[both, "Service"].unique())
    chosen = rng.choice(names, size=min(10, len(names)), replace=False)
    rated = latest[latest["Service"].isin(chosen)].reset_index(drop=True)
    n, k = len(rated), len(FEATURES)
    year_no = rated["Year"].map({y: i for i, y in enumerate(YEARS)}).to_numpy()
    user_run = rated["User run"].map({"Yes": 1.0, "Partly": 0.5, "No": 0.0}).to_numpy()
    feature_score = np.column_stack(
        [
            (rated["Self-referral"] == "Yes").to_numpy() * 1.0,
            user_run * 1.5,
            rated["Mainstream %"].to_numpy() / 30,
            rated["Individual %"].to_numpy() / 40,
            rated["Groups served"].notna().to_numpy() * 1.2,
            rated["Vocational %"].to_numpy() / 40,
            np.full(n, 0.4),
            np.full(n, 0.2),
        ]
    )
    score = (
        _service_effect(rated["Service"].to_numpy(), 0.5)[:, None]
        + feature_score
        + 0.3 * (year_no[:, None] - 2)
        + rng.normal(0, 0.45, (n, k))
    )
    rating = np.array(["None", "Some", "Strong"])[np.digitize(score, [0.1, 1.0])]
    feature = np.tile(np.array(FEATURES), n)
    evidence = pd.Series(list(zip(feature, rating.ravel(), strict=True))).map(_EVIDENCE)
    evidence[rng.random(n * k) < 0.2] = np.nan
    return pd.DataFrame(
        {
            "Service": np.repeat(rated["Service"].to_numpy(), k),
            "Year": np.repeat(rated["Year"].to_numpy(), k),
            "Feature": feature,
            "Rating": rating.ravel(),
            "Evidence": evidence,
        }
    )


_KPI_PROVIDERS = (
    _COUNCIL,
    "Eastbrook Mind",
    "Northgate Clubhouse",
    "Coastline Care Ltd",
    "Harbour Peer Network",
    "Open Door Eastbrook",
)


def _checklist(rng: np.random.Generator) -> pd.DataFrame:
    """Answers to seed 000's key questions for the latest year: most answered, some not yet."""
    questions = frameworks.KEY_QUESTIONS
    answers = rng.choice(
        ["Yes", "Partly", "No", "Not yet considered", ""],
        size=len(questions),
        p=[0.3, 0.3, 0.15, 0.15, 0.1],
    )
    notes = np.where(answers == "Partly", "Raised at the day services forum", "")
    return pd.DataFrame(
        {
            "Question": [q.text for q in questions],
            "Answer": answers,
            "Notes": notes,
            "Year": "2025/26",
        }
    )


def _kpis(services: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Quarterly returns R1-R12 for six providers in the latest two years, a few missing."""
    latest = services[services["Year"].isin(YEARS[-2:])]
    people = latest.groupby(["Provider", "Year"])["People supported"].sum()
    grid = pd.MultiIndex.from_product(
        [_KPI_PROVIDERS, YEARS[-2:], QUARTERS, KPI_IDS],
        names=["Provider", "Year", "Quarter", "KPI"],
    ).to_frame(index=False)
    n = len(grid)
    kpi_no = grid["KPI"].str[1:].astype(int).to_numpy()
    # People seen in a quarter: a share of the year's total, with a seasonal wobble.
    yearly = people.reindex(pd.MultiIndex.from_frame(grid[["Provider", "Year"]])).to_numpy()
    quarter_no = grid["Quarter"].str[1].astype(int).to_numpy()
    attending = yearly * (0.45 + 0.03 * quarter_no) * rng.normal(1, 0.05, n)
    percent = np.clip(rng.normal(86, 6, n), 45, 100)
    value = np.select(
        [
            np.isin(kpi_no, [1, 2, 3, 4, 5, 7]),
            kpi_no == 6,
            kpi_no == 8,
            kpi_no == 9,
            kpi_no == 10,
        ],
        [
            np.round(percent, 1),
            np.round(attending * rng.uniform(0.45, 0.7, n)),
            np.round(yearly * rng.uniform(0.2, 0.35, n)),
            np.round(attending * rng.uniform(5, 9, n)),
            np.round(attending),
        ],
        np.minimum(rng.poisson(0.6, n), 3),
    )
    # R8 is an annual survey, returned in Q4; some returns are late or missing.
    keep = (kpi_no != 8) | (grid["Quarter"] == "Q4").to_numpy()
    return_key = grid["Provider"] + grid["Year"] + grid["Quarter"]
    keys = return_key.unique()
    late = rng.choice(keys, size=3, replace=False)
    keep &= ~return_key.isin(late).to_numpy()
    keep &= rng.random(n) > 0.02
    kpis = grid.assign(Value=value)[keep].reset_index(drop=True)
    return kpis
