"""One colour-blind-safe palette for every chart, slide and export.

The palette is Okabe and Ito's, which people with the common forms of colour blindness can
tell apart. Every category keeps its colour on every page, chart and export.
"""

from __future__ import annotations

# Okabe, M. and Ito, K. (2008) "Color Universal Design"; grey added for "no data" and "other".
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
BLACK = "#000000"
GREY = "#999999"
WHITE = "#FFFFFF"
OKABE_ITO = (ORANGE, SKY_BLUE, BLUISH_GREEN, YELLOW, BLUE, VERMILLION, REDDISH_PURPLE, BLACK)

# One fixed colour per category, by the contract's vocabulary (or column) it belongs to.
PALETTE: dict[str, dict[str, str]] = {
    "sector": {
        "NHS": BLUE,
        "Local authority": SKY_BLUE,
        "Voluntary": BLUISH_GREEN,
        "Independent": ORANGE,
        "User-led": REDDISH_PURPLE,
    },
    "setting": {"Building-based": VERMILLION, "Outreach": SKY_BLUE, "Mainstream": BLUISH_GREEN},
    "activity": {"Social & leisure": ORANGE, "Vocational": BLUE, "Mixed": GREY},
    "support_model": {"Group": ORANGE, "Individual": BLUE, "Mixed": GREY},
    "user_run": {"Yes": REDDISH_PURPLE, "Partly": SKY_BLUE, "No": GREY},
    "yesno": {"Yes": BLUISH_GREEN, "No": GREY},
    "status": {"on track": BLUISH_GREEN, "not on track": VERMILLION, "no data": GREY},
    "source": {
        "Core commissioning": SKY_BLUE,
        "NHS": BLUE,
        "Direct payments": BLUISH_GREEN,
        "Personal budgets": YELLOW,
        "Grants & trusts": ORANGE,
        "Lottery": REDDISH_PURPLE,
        "Employment programmes": VERMILLION,
        "Fundraising & trading": BLACK,
        "Other": GREY,
    },
    "group": {
        "BME communities": ORANGE,
        "Women": REDDISH_PURPLE,
        "Younger people": SKY_BLUE,
        "Older people": BLUE,
        "LGBT+": VERMILLION,
        "Disabled people": BLUISH_GREEN,
        "Faith groups": BLACK,
    },
    "response": {
        "YD": BLUISH_GREEN,
        "YAB": SKY_BLUE,
        "NP": ORANGE,
        "NAA": VERMILLION,
        "N/A": GREY,
    },
    "respondent": {
        "Service user": REDDISH_PURPLE,
        "Staff": BLUE,
        "Carer": ORANGE,
        "Commissioner": BLACK,
    },
    "rating": {"Strong": BLUISH_GREEN, "Some": ORANGE, "None": VERMILLION},
    "answer": {
        "Yes": BLUISH_GREEN,
        "Partly": ORANGE,
        "No": VERMILLION,
        "Not yet considered": GREY,
    },
    "quarter": {"Q1": SKY_BLUE, "Q2": BLUE, "Q3": ORANGE, "Q4": VERMILLION},
}
# The contract calls the User run vocabulary "yes_partly_no"; outcomes.py's column for the
# support model is "support".
PALETTE["yes_partly_no"] = PALETTE["user_run"]
PALETTE["support"] = PALETTE["support_model"]


def colour(dimension: str, category: str) -> str:
    """The fixed colour of a category, e.g. colour("sector", "NHS")."""
    return PALETTE[dimension].get(category, GREY)


# ---------------------------------------------------------------- text on a fill

AA_CONTRAST = 4.5  # WCAG 2's AA ratio for text of ordinary size


def relative_luminance(hex_colour: str) -> float:
    """A colour's relative luminance in WCAG 2's sense: 0 for black, 1 for white."""
    code = hex_colour.lstrip("#")
    if len(code) == 3:
        code = "".join(2 * digit for digit in code)

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(code[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(one: str, other: str) -> float:
    """WCAG 2's contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour(fill: str) -> str:
    """Black or white, whichever reads better on ``fill``: a label written inside a bar
    (every colour of the palette has one of them at WCAG AA or better)."""
    return BLACK if contrast_ratio(BLACK, fill) >= contrast_ratio(WHITE, fill) else WHITE
