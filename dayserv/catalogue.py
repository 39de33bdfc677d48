"""The measure catalogue: one record per measure, and one vocabulary for a direction of travel.

Everything that describes a measure (its name, unit and format, colour, desired direction,
definition, what it needs, the hint when it has no figures, its outcome) lives here once.
The contract, the measures, the charts, the pages, the exports, the deck, the report, the
README's table and the template all read it, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dayserv import palette

Kind = Literal["share", "index", "count"]


@dataclass(frozen=True)
class Measure:
    """One measure of the anticipated outcomes, as people are told about it."""

    id: str
    label: str  # "User-run share of services": plain words, never a statistician's name
    unit: str  # the axis title with its unit, short enough for an axis: "% of services"
    kind: Kind  # share (0-1, shown as %), index (0-1, two decimals) or count (whole)
    colour: str
    direction: int  # +1 the outcome asks for it to go up, -1 down, 0 neither
    definition: str  # what is counted, over what, weighted how, as a forum reads it
    outcome: str | None = None  # the seed 000 outcome it measures ("O2")
    counted: bool = False  # each service once, never weighted by funding
    share_column: str | None = None  # the Services % column it averages
    needs: tuple[str, str] | None = None  # year_coverage column, words for a year without
    no_data_hint: str = "No figures for this measure."
    technical: str = ""  # the name an analyst knows it by, where it has one

    @property
    def full_definition(self) -> str:
        """The definition, and for analysts its technical name in brackets."""
        if not self.technical:
            return self.definition
        return f"{self.definition} (For analysts: {self.technical}.)"


_NO_SETTING = "no Building-based / Outreach / Mainstream figures"
_SETTING_HINT = (
    "Add Building-based %, Outreach % and Mainstream % (or Setting) to the Services sheet."
)
# How the activity shares count a service (``measures.weights``: WEIGHTING says when).
_WEIGHTED = "weighted by its funding"

MEASURES: tuple[Measure, ...] = (
    Measure(
        "services",
        "Services",
        "Services (count)",
        "count",
        palette.BLACK,
        0,
        "How many services there are in the year, of those the filters show.",
        counted=True,
    ),
    Measure(
        "providers",
        "Number of providers",
        "Providers (count)",
        "count",
        palette.BLUE,
        1,
        "How many different providers run at least one service in the year.",
        "O1",
        counted=True,
    ),
    Measure(
        "provider_diversity",
        "Diversity of provider sectors",
        "0 = one sector, near 1 = many",
        "index",
        palette.BLUE,
        1,
        "How varied the providers' sectors are: the chance that two services picked at random, "
        "weighted by their funding, are from different sectors; services with no known sector "
        "are left out (0 = all one sector, near 1 = many sectors).",
        "O1",
        no_data_hint="Add each service's Sector to the Services sheet.",
        technical="the Gini-Simpson index, 1 minus the sum of each sector's squared share",
    ),
    Measure(
        "hhi",
        "Concentration of funding",
        "0 = spread out, 10,000 = one provider",
        "count",
        palette.BLACK,
        -1,
        "How much of the funding goes to a few providers, from near 0 (spread over many) to "
        "10,000 (one provider has it all): each provider's percentage of the funding, squared "
        "and added up. Above 2,500 is highly concentrated.",
        "O1",
        needs=("services_with_funding", "no funding figures"),
        no_data_hint="Add each service's Annual funding to the Services sheet.",
        technical="the Herfindahl-Hirschman index, or HHI",
    ),
    Measure(
        "user_run_share",
        "User-run share of services",
        "% of services",
        "share",
        palette.PALETTE["user_run"]["Yes"],
        1,
        "Share of services with User run = Yes, each service counted once whatever its "
        "funding; services with no answer are left out.",
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
        "Of all the funding, the share going to user-run services (User run = Yes); only for "
        "a year in which every service has a funding figure.",
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
        "Of all the money on the Funding sheet, the share from sources other than core "
        "commissioning (grants, direct payments, fundraising and so on).",
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
        "Of all the activity, the share that is vocational (work, learning, volunteering): "
        f"each service's Vocational %, {_WEIGHTED}.",
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
        "Of all the activity, the share in a service's own building: each service's "
        f"Building-based %, {_WEIGHTED}.",
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
        "Of all the activity, the share done as outreach, in people's homes or on wards: "
        f"each service's Outreach %, {_WEIGHTED}.",
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
        "Of all the activity, the share in mainstream places (colleges, workplaces, leisure "
        f"centres): each service's Mainstream %, {_WEIGHTED}.",
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
        "Of all the support, the share given one to one rather than in a group: each "
        f"service's Individual %, {_WEIGHTED}.",
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
    "always count each service once."
)
SERVICES_WITHOUT_SECTOR = (
    "How many services in the year have no known sector (left out of the diversity of sectors)."
)
# The yearly measures' other columns, defined as a measure is.
OTHER_DEFINITIONS = {"weighting": WEIGHTING, "services_without_sector": SERVICES_WITHOUT_SECTOR}


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
        OTHER_DEFINITIONS.get(measure_id, ""),
    )


# ---------------------------------------------------------------- direction of travel


@dataclass(frozen=True)
class Status:
    """Whether a measure moved the way its outcome asks (``measures.trend``), told by a
    symbol or icon as well as a colour; its words are ``DIRECTION_WORDS``'."""

    id: str  # "on track", "not on track", "no data"
    symbol: str  # "✓", for text without icons (deck, report, chart labels)
    icon: str  # Streamlit's Material icon
    theme: str  # Streamlit's named colour (.streamlit/config.toml sets the palette's)
    colour: str  # the palette's colour


STATUSES: dict[str, Status] = {
    s.id: s
    for s in (
        Status(
            "on track",
            "✓",
            ":material/check_circle:",
            "green",
            palette.PALETTE["status"]["on track"],
        ),
        Status(
            "not on track",
            "✗",
            ":material/warning:",
            "red",
            palette.PALETTE["status"]["not on track"],
        ),
        Status(
            "no data",
            "?",
            ":material/help:",
            "gray",
            palette.PALETTE["status"]["no data"],
        ),
    )
}


# The one set of words for a direction of travel, on the pages, in the deck and in the
# report: a status told apart where a forum needs it (``measures.direction_kind``), since
# "not on track" is either "wrong way" or "stayed". "Right direction" promises no target,
# which is said beside it.
DIRECTION_WORDS = {
    "on track": "Right direction",
    "wrong way": "Wrong direction",
    "stayed": "Little change",
    "no data": "Not enough data",
}
KIND_STATUS = {
    "on track": "on track",
    "wrong way": "not on track",
    "stayed": "not on track",
    "no data": "no data",
}


def status_text(kind: str) -> str:
    """'✓ Right direction': the direction of travel in text, for the pages, the deck, the
    report and charts, from ``measures.direction_kind``."""
    if kind not in DIRECTION_WORDS:
        return f"? {kind.capitalize()}"
    return f"{STATUSES[KIND_STATUS[kind]].symbol} {DIRECTION_WORDS[kind]}"
