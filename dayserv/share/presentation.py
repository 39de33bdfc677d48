"""Presentation mode: the meeting pack on a projector, one slide per screen.

The slides are the meeting pack's (``dayserv.share.pack``), so the screen, the deck and the report
say the same. What is here is only what a screen across a room needs: which slide a number in
the address means, the counter's words, a status as icon and word, and a slide's chart
restyled for the back of the room. Pure: no Streamlit.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dayserv.share import pack
from dayserv.show import safe_text

SLIDE_KEY = "slide"  # the URL's query parameter and the widget's key: /present?slide=4
STYLE = Path(__file__).with_name("presentation.css")  # large type, no sidebar or header
# Chart height (px) on a slide: below the heading, a two-line finding and above the footer
# at 1280x720 (tests/e2e/test_present_e2e.py checks nothing is cut off or scrolled).
CHART_HEIGHT = 430
SCREEN_FONT = 22  # px: chart text read from the back of a room (the pages use 16)
SCREEN_MARGIN = {"t": 30, "l": 80, "r": 40, "b": 70}


def slide_number(requested: float | None, count: int) -> int:
    """The slide shown for a requested number: 1 to ``count``, nearest the request
    (?slide=0 opens the first slide, ?slide=99 the last)."""
    if requested is None or count < 1:
        return 1
    return max(1, min(int(requested), count))


# Characters of the title slide's summary and facts together past which the summary is set
# smaller: at 1280x720, 700 fit above the navigation bar in the larger type.
TITLE_LONG = 700


def summary_key(text: str, facts: pd.DataFrame) -> str:
    """The title slide's summary's container key: "slide_summary", or "slide_summary_long"
    where the summary and the facts under it are long enough (a long filter or area name in
    them) that the summary needs smaller type for both to stay above the navigation bar."""
    written = len(text) + sum(len(str(value)) for value in facts.to_numpy().ravel())
    return "slide_summary_long" if written > TITLE_LONG else "slide_summary"


def counter(number: int, count: int) -> str:
    """The slide counter: "4 / 11"."""
    return f"{number} / {count}"


def screen_table(table: pd.DataFrame) -> pd.DataFrame:
    """A slide's table as the words to show, written as the deck and report write them
    ("2,351"; "213.7" in a column of decimals; publication mode's "<5" as it is), blanks
    left blank."""
    return pd.DataFrame(
        {column: pack.column_text(table[column], blank="") for column in table.columns},
        index=table.index,
    )


def markdown_table(table: pd.DataFrame) -> pd.DataFrame:
    """``screen_table`` for ``st.table``, which reads each cell as markdown: every cell shown
    as written (a locality or a file name in the table is text, never a link or an image)."""
    return screen_table(table).map(safe_text.markdown)


def screen_figure(figure: go.Figure, height: int = CHART_HEIGHT) -> go.Figure:
    """A slide's chart for a projector: without its title (the slide's title is the same
    finding, in larger type), with larger text, at a height that fits the screen."""
    figure.update_layout(
        title=None,
        height=height,
        margin=SCREEN_MARGIN,
        font={"size": SCREEN_FONT},
        hoverlabel={"font": {"size": SCREEN_FONT}},
        uniformtext={"minsize": SCREEN_FONT - 2},
    )
    axis = {"tickfont": {"size": SCREEN_FONT}, "title_font": {"size": SCREEN_FONT}}
    figure.update_xaxes(**axis)
    figure.update_yaxes(**axis)
    figure.update_traces(textfont={"size": SCREEN_FONT})
    figure.update_annotations(font={"size": SCREEN_FONT})
    return figure
