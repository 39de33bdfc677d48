"""The measure catalogue: one record per measure, and one vocabulary for a direction of travel.

Everything that describes a measure (its name, unit and format, colour, desired direction,
definition, what it needs, the hint when it has no figures, its outcome) lives here once.
The contract, the measures, the charts, the pages, the exports, the deck, the report, the
README's table and the template all read it, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dayserv.show import palette

Kind = Literal["share", "index", "count"]


@dataclass(frozen=True)
class Measure:
    """One measure of the anticipated outcomes, as people are told about it."""

    id: str
    label: str  # "User-run share of services"
    unit: str  # the axis title with its unit: "% of services"
    kind: Kind  # share (0-1, shown as %), index (0-1, two decimals) or count (whole)
    colour: str
    direction: int  # +1 the outcome asks for it to go up, -1 down, 0 neither
    definition: str
    outcome: str | None = None  # the seed 000 outcome it measures ("O2")
    counted: bool = False  # each service once, never weighted by funding
    share_column: str | None = None  # the Services % column it averages
    needs: tuple[str, str] | None = None  # year_coverage column, words for a year without
    no_data_hint: str = "No figures for this measure."


_NO_SETTING = "no Building-based / Outreach / Mainstream figures"
_SETTING_HINT = (
    "Add Building-based %, Outreach % and Mainstream % (or Setting) to the Services sheet."
)

MEASURES: tuple[Measure, ...] = (
    Measure(
        "services",
        "Services",
        "Services (count)",
        "count",
        palette.BLACK,
        0,
        "Service rows in the year (after the filter).",
        counted=True,
    ),
    Measure(
        "providers",
        "Number of providers",
        "Providers (count)",
        "count",
        palette.BLUE,
        1,
        "Distinct providers with at least one service.",
        "O1",
        counted=True,
    ),
    Measure(
        "provider_diversity",
        "Diversity of provider sectors",
        "Diversity: 0 is one sector, near 1 many",
        "index",
        palette.BLUE,
        1,
        "Gini-Simpson index of sectors: 1 - sum of p squared, p = each sector's weighted "
        "share of services (0 = one sector, higher = more varied). Services with no known "
        "sector are left out of it.",
        "O1",
        no_data_hint="Add each service's Sector to the Services sheet.",
    ),
    Measure(
        "hhi",
        "Concentration of funding (HHI)",
        "Concentration: 10,000 is one source",
        "count",
        palette.BLACK,
        -1,
        "Herfindahl-Hirschman index of providers' shares of funding, 0-10,000 (below 1,500 "
        "unconcentrated, 1,500-2,500 moderately, above 2,500 highly concentrated).",
        "O1",
        needs=("services_with_funding", "no funding figures"),
        no_data_hint="Add each service's Annual funding to the Services sheet.",
    ),
    Measure(
        "user_run_share",
        "User-run share of services",
        "% of services",
        "share",
        palette.PALETTE["user_run"]["Yes"],
        1,
        "Share of services with User run = Yes, each service counted once (the outcome is "
        "about the number of services); services with no answer are left out.",
        "O2",
        counted=True,
        needs=("services_with_user_run", "no User run answers"),
        no_data_hint="Add the User run column (Yes, Partly, No) to the Services sheet.",
    ),
    Measure(
        "user_involved_share",
        "User-run or partly user-run share",
        "% of services",
        "share",
        palette.PALETTE["user_run"]["Partly"],
        1,
        "Share of services with User run = Yes or Partly, each service counted once.",
        "O2",
        counted=True,
        needs=("services_with_user_run", "no User run answers"),
        no_data_hint="Add the User run column (Yes, Partly, No) to the Services sheet.",
    ),
    Measure(
        "user_run_funding_share",
        "Share of funding to user-run services",
        "% of funding",
        "share",
        palette.PALETTE["user_run"]["Yes"],
        1,
        "Share of Annual funding going to services with User run = Yes (only for a year "
        "where every service has a funding figure).",
        "O2",
        needs=("services_with_funding", "no funding figures"),
        no_data_hint="Add each service's Annual funding and User run to the Services sheet.",
    ),
    Measure(
        "non_core_funding_share",
        "Funding from non-core sources",
        "% of funding",
        "share",
        palette.ORANGE,
        1,
        "Share of Funding-sheet amounts from sources other than Core commissioning.",
        "O3",
        needs=("funding_rows", "no Funding sheet rows"),
        no_data_hint="Add a Funding sheet: where each service's money comes from.",
    ),
    Measure(
        "vocational_share",
        "Vocational share of activity",
        "% of activity",
        "share",
        palette.PALETTE["activity"]["Vocational"],
        1,
        "Weighted mean of Vocational % / 100.",
        "O4",
        share_column="vocational_pct",
        needs=("services_with_activity", "no Social & leisure / Vocational figures"),
        no_data_hint="Add Vocational % (or Activity focus) to the Services sheet.",
    ),
    Measure(
        "building_share",
        "Building-based share of activity",
        "% of activity",
        "share",
        palette.PALETTE["setting"]["Building-based"],
        -1,
        "Weighted mean of Building-based % / 100.",
        "O5",
        share_column="building_pct",
        needs=("services_with_setting", _NO_SETTING),
        no_data_hint=_SETTING_HINT,
    ),
    Measure(
        "outreach_share",
        "Outreach share of activity",
        "% of activity",
        "share",
        palette.PALETTE["setting"]["Outreach"],
        1,
        "Weighted mean of Outreach % / 100.",
        "O5",
        share_column="outreach_pct",
        needs=("services_with_setting", _NO_SETTING),
        no_data_hint=_SETTING_HINT,
    ),
    Measure(
        "mainstream_share",
        "Mainstream-setting share of activity",
        "% of activity",
        "share",
        palette.PALETTE["setting"]["Mainstream"],
        1,
        "Weighted mean of Mainstream % / 100.",
        "O5",
        share_column="mainstream_pct",
        needs=("services_with_setting", _NO_SETTING),
        no_data_hint=_SETTING_HINT,
    ),
    Measure(
        "individual_share",
        "Individual share of support",
        "% of support",
        "share",
        palette.PALETTE["support_model"]["Individual"],
        1,
        "Weighted mean of Individual % / 100.",
        "O6",
        share_column="individual_pct",
        needs=("services_with_support", "no Group / Individual figures"),
        no_data_hint="Add Group % and Individual % (or Support model) to the Services sheet.",
    ),
)
BY_ID: dict[str, Measure] = {m.id: m for m in MEASURES}
# The contract's measures: every one but the plain count of services.
OUTCOME_MEASURES: tuple[str, ...] = tuple(m.id for m in MEASURES if m.outcome)

# The one name, on every page, chart, table and slide, for a value a workbook left blank
# (a locality, a sector, a group); a filter can choose it.
NOT_STATED = "Not stated"

WEIGHTING = (
    "Diversity and the activity shares are weighted by Annual funding when every service in "
    "the year has a funding figure; otherwise each service counts once. The user-run shares "
    "are always counted."
)
SERVICES_WITHOUT_SECTOR = (
    "Services in the year with no known Sector (left out of provider diversity)."
)


def measure(measure_id: str) -> Measure:
    """The record of a measure; a made-up one for a column that is not a measure."""
    found = BY_ID.get(measure_id)
    if found is not None:
        return found
    return Measure(
        measure_id,
        measure_id.replace("_", " ").capitalize(),
        "",
        "share" if measure_id.endswith("_share") else "count",
        palette.BLUE,
        0,
        "",
    )


# ---------------------------------------------------------------- direction of travel


@dataclass(frozen=True)
class Status:
    """A direction of travel, told by a word and a symbol or icon, never by colour alone."""

    id: str  # "on track", "not on track", "no data"
    words: str  # "Right direction": it promises no target, which is said beside it
    symbol: str  # "✓", for text without icons (deck, report, chart labels)
    icon: str  # Streamlit's Material icon
    theme: str  # Streamlit's named colour (.streamlit/config.toml sets the palette's)
    colour: str  # the palette's colour


STATUSES: dict[str, Status] = {
    s.id: s
    for s in (
        Status(
            "on track",
            "Right direction",
            "✓",
            ":material/check_circle:",
            "green",
            palette.PALETTE["status"]["on track"],
        ),
        Status(
            "not on track",
            "Not the right direction",
            "✗",
            ":material/warning:",
            "red",
            palette.PALETTE["status"]["not on track"],
        ),
        Status(
            "no data",
            "Not enough data",
            "?",
            ":material/help:",
            "gray",
            palette.PALETTE["status"]["no data"],
        ),
    )
}


# "not on track" told apart where a forum needs it (``measures.direction_kind``): the words
# of the pages, the deck and the report alike.
DIRECTION_WORDS = {
    "on track": "Right direction",
    "wrong way": "Wrong direction",
    "stayed": "Little change",
    "no data": "Not enough data",
}
DIRECTION_SYMBOLS = {"on track": "✓", "wrong way": "✗", "stayed": "✗", "no data": "?"}


def status_text(status: str) -> str:
    """'✓ Right direction': the direction of travel in text, for the deck, the report and
    charts; a status or its finer kind ("wrong way", "stayed")."""
    if status in DIRECTION_WORDS:
        return f"{DIRECTION_SYMBOLS[status]} {DIRECTION_WORDS[status]}"
    found = STATUSES.get(status)
    return f"{found.symbol} {found.words}" if found else f"? {status.capitalize()}"


def status_markdown(status: str) -> str:
    """':green[:material/check_circle: **Right direction**]': the same in Streamlit markdown."""
    found = STATUSES[status]
    return f":{found.theme}[{found.icon} **{found.words}**]"
