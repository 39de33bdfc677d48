from dataclasses import replace
from datetime import datetime

import pandas as pd

from dayserv.figures.publication import SUPPRESSED, Publication
from dayserv.share.provenance import Provenance, slug


def test_off_leaves_every_figure_alone():
    frame = pd.DataFrame({"service": ["A"], "people": [3]})
    assert Publication().table(frame) is frame


def test_small_counts_of_people_are_shown_as_under_the_threshold():
    frame = pd.DataFrame(
        {
            "service": ["A", "B", "C", "D"],
            "people": [3, 0, 5, None],
            "people_per_service": [3.0, 0.0, 5.0, None],
        }
    )
    out = Publication(on=True).table(frame)
    assert out["people"].tolist()[:3] == ["<5", 0, 5]
    assert pd.isna(out["people"].iloc[3])
    assert out["people_per_service"].tolist()[:3] == [SUPPRESSED, 0.0, 5.0]


def test_the_threshold_can_be_raised():
    frame = pd.DataFrame({"People supported": [7, 10]})
    assert Publication(on=True, threshold=10).table(frame)["People supported"].tolist() == [
        "<10",
        10,
    ]


def test_only_the_kpis_that_count_people_are_hidden():
    kpis = pd.DataFrame({"kpi": ["R10", "R1", "R6"], "value": [2.0, 2.0, 40.0]})
    out = Publication(on=True).table(kpis)
    assert out["value"].tolist() == ["<5", 2.0, 40.0]


def test_drawable_leaves_small_counts_out_of_a_chart():
    frame = pd.DataFrame({"value": [1, 12, 0]})
    assert Publication(on=True).drawable(frame, "value")["value"].tolist() == [12, 0]


def test_provenance_names_source_filters_years_and_time():
    made = Provenance(
        "sample_portfolio.xlsx",
        "locality North",
        "2022/23 to 2025/26 (4 years)",
        datetime(2026, 11, 25, 9, 30),
        Publication(on=True),
    )
    line = made.line()
    for words in ("sample_portfolio.xlsx", "locality North", "2022/23", "25 Nov 2026 09:30"):
        assert words in line
    assert "Publication mode" in line
    assert dict(made.rows())["Filters"] == "locality North"
    assert (
        made.file_name("User-run share", ext="png")
        == "dayserv_sample-portfolio_user-run-share_2022-23-to-2025-26_locality-north_public.png"
    )


def test_provenance_names_the_area_first_when_it_is_known():
    made = Provenance("q1.xlsx", "all services", "2024/25", datetime(2026, 11, 25), area="Hull")
    assert made.line().startswith("Hull · Source: q1.xlsx · ")
    assert made.rows()[:2] == [("Area", "Hull"), ("Source file", "q1.xlsx")]
    assert not any(label == "Area" for label, _ in replace(made, area="").rows())


def test_slug_drops_the_extension_and_punctuation():
    assert slug("Eastbrook (draft) v2.xlsx") == "eastbrook-draft-v2"
    assert slug("") == "portfolio"
