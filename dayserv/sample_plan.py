"""Two alternative re-commissioning plans for Eastbrook, the sample area, as a plan workbook
(a Plan sheet alone) for ``python -m dayserv plan sample_data/sample_portfolio.xlsx
--plan-file sample_data/eastbrook_plans.xlsx``.

Both replace Harcourt House Day Centre, the council's building-based centre in Central,
with a user-led recovery hub. "Close Harcourt House first" closes it in 2026/27 and opens
the hub a year later, on less money: a gap in provision, and savings lost to day services.
"Build before closing" opens the hub in 2026/27, closes the centre in 2027/28 and puts the
rest of its money into peer support and employment: no gap, and ring-fenced.

python -m dayserv.sample_plan writes sample_data/eastbrook_plans.xlsx.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dayserv.synthetic import write_workbook

PLANS_FILE = Path(__file__).resolve().parent.parent / "sample_data" / "eastbrook_plans.xlsx"
CLOSE_FIRST = "Close Harcourt House first"
BUILD_FIRST = "Build before closing"
_CENTRE = "Harcourt House Day Centre"  # £717,450 and 140 places in 2025/26
_HUB = {
    "Service": "Central Recovery Hub",
    "Provider": "Harbour Peer Network",
    "Sector": "User-led",
    "User run": "Yes",
    "Locality": "Central",
    "Annual funding": 420000,
    "Places": 90,
    "Building-based %": 30,
    "Outreach %": 30,
    "Mainstream %": 40,
    "Social & leisure %": 50,
    "Vocational %": 50,
    "Group %": 40,
    "Individual %": 60,
    "Self-referral": "Yes",
    "Source": "Core commissioning",
    "Replaces": _CENTRE,
}
_ROWS = (
    {
        "Plan": CLOSE_FIRST,
        "Change": "Decommission",
        "Service": _CENTRE,
        "From": "2026/27",
        "Note": "The centre closes when its lease ends.",
    },
    {
        "Plan": CLOSE_FIRST,
        "Change": "Commission",
        "From": "2027/28",
        **_HUB,
        "Note": "Tendered once the centre has closed.",
    },
    {
        "Plan": BUILD_FIRST,
        "Change": "Commission",
        "From": "2026/27",
        **_HUB,
        "Note": "Opens while the centre still runs, so members can move across.",
    },
    {
        "Plan": BUILD_FIRST,
        "Change": "Decommission",
        "Service": _CENTRE,
        "From": "2027/28",
        "Note": "Closes once the hub is open.",
    },
    {
        "Plan": BUILD_FIRST,
        "Change": "Change",
        "Service": "Harbour Peer Support Groups",
        "From": "2027/28",
        "Annual funding": 547600,
        "Note": "£147,450 of the centre's money, for more peer groups.",
    },
    {
        "Plan": BUILD_FIRST,
        "Change": "Change",
        "Service": "Eastbrook IPS Employment Service",
        "From": "2027/28",
        "Annual funding": 434100,
        "Note": "£150,000 of the centre's money, for more employment specialists.",
    },
)
COLUMNS = (
    "Plan",
    "Change",
    "Service",
    "From",
    *[c for c in _HUB if c not in ("Service", "Source", "Replaces")],
    "Source",
    "Replaces",
    "Note",
)


def eastbrook_plans() -> pd.DataFrame:
    """The Plan sheet: a row per change, under the contract's headings."""
    return pd.DataFrame(list(_ROWS), columns=list(COLUMNS))


def write_eastbrook_plans(path: str | Path = PLANS_FILE) -> None:
    """Write the plan workbook (the same bytes every time)."""
    write_workbook({"Plan": eastbrook_plans()}, path)


if __name__ == "__main__":
    write_eastbrook_plans()
    print(f"wrote {PLANS_FILE}")
