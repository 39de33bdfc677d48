"""Presentation mode as a presenter meets it: AppTest opens /present, turns the slides,
opens links to a slide with filters, and checks that the pack is built once, not per slide."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dayserv.figures.filters import Filter
from dayserv.read.clean import load
from dayserv.read.reader import sources_from_paths
from dayserv.share import pack, presentation
from dayserv.share.provenance import SAMPLE_AREA
from tests.test_pages import XLSX, two_years

APP = Path(__file__).resolve().parent.parent / "app.py"
SAMPLE = APP.parent / "sample_data" / "sample_portfolio.xlsx"
PRESENT = "pages/present.py"
SLIDES = 12  # title, the six outcomes, at a glance, six outcomes, benchmark, two appendix


@pytest.fixture(scope="module")
def sample():
    return load(sources_from_paths([SAMPLE]))


def sample_pack(sample, chosen=None) -> pack.Pack:
    """The pack the page shows: the sample's, named as the app names it."""
    return pack.build(sample, chosen, area=SAMPLE_AREA)


def present(**query: str) -> AppTest:
    """The presentation opened from a link: /present?slide=5&locality=North."""
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in query.items():
        at.query_params[name] = value
    at.switch_page(PRESENT)
    return at.run()


def title(at: AppTest) -> str:
    (heading,) = at.title
    return heading.value


def counter(at: AppTest) -> str:
    return at.main.markdown[-1].value


def buttons(at: AppTest) -> tuple[bool, bool]:
    """Whether Previous and Next are disabled."""
    return at.button(key="slide_previous").disabled, at.button(key="slide_next").disabled


def title_facts(at: AppTest) -> dict[str, str]:
    table = at.table[0].value
    return dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))


def sidebar_intact(at: AppTest) -> bool:
    return len(at.sidebar.file_uploader) == 1 and len(at.sidebar.multiselect) >= 5


def test_opens_on_the_title_slide_naming_the_portfolio(sample):
    at = present()
    assert not at.exception
    assert title(at) == sample_pack(sample).slides[0].title
    assert title(at) == "Eastbrook (sample): where our day services stand"  # not the file
    assert counter(at) == f"1 / {SLIDES}"
    assert buttons(at) == (True, False)  # Previous disabled on the first slide
    facts = title_facts(at)
    assert facts["Filters"] == "all services"
    assert facts["Years"] == "2022/23 to 2025/26 (4 years)"
    assert not at.get("plotly_chart")


def test_next_goes_to_slide_two_and_the_address_follows(sample):
    at = present()
    at.button(key="slide_next").click().run()
    assert not at.exception
    assert title(at) == sample_pack(sample).slides[1].title
    assert counter(at) == f"2 / {SLIDES}"
    assert at.query_params["slide"] == "2"
    assert buttons(at) == (False, False)
    at.button(key="slide_previous").click().run()
    assert counter(at) == f"1 / {SLIDES}"
    assert "slide" not in at.query_params  # the first slide is the address without it


def test_next_is_disabled_on_the_last_slide(sample):
    at = present(slide=str(SLIDES))
    assert title(at) == sample_pack(sample).slides[-1].title
    assert counter(at) == f"{SLIDES} / {SLIDES}"
    assert buttons(at) == (False, True)


def test_a_link_to_slide_six_opens_outcome_three_with_its_chart(sample):
    at = present(slide="6")
    assert not at.exception
    expected = sample_pack(sample).slides[5]
    assert expected.heading.startswith("Anticipated outcome 3")
    assert title(at) == expected.title
    assert counter(at) == f"6 / {SLIDES}"
    shown = "\n".join(markdown.value for markdown in at.markdown)
    assert f"> {expected.text}" in shown  # the outcome in the checklist's words
    assert expected.value in shown
    assert ":green[**✓ Right direction**]" in shown  # the words, not colour alone
    assert "**3 points short of the 30% target for 2025/26**" in shown
    assert "On track" not in shown and "material/" not in shown
    (chart,) = at.get("plotly_chart")
    assert chart.proto.id  # drawn


def test_the_second_slide_has_the_six_outcomes_in_words(sample):
    at = present(slide="2")
    assert not at.exception
    expected = sample_pack(sample).slides[1]
    assert title(at) == expected.title
    table = at.table[0].value
    shown = presentation.markdown_table(expected.table)  # "1\\." is "1." to markdown
    assert table["Outcome"].tolist() == shown["Outcome"].tolist()
    assert table["Direction of travel"].tolist()[-1] == "✗ Wrong direction"
    assert table["Target"].tolist()[4] == "40% for 2025/26: 22 points short"
    assert not at.get("plotly_chart")


@pytest.mark.parametrize(("asked", "shown"), [("99", SLIDES), ("13", SLIDES), ("0", 1)])
def test_a_slide_number_out_of_range_opens_the_nearest_slide(sample, asked, shown):
    at = present(slide=asked)
    assert not at.exception
    assert counter(at) == f"{shown} / {SLIDES}"
    assert title(at) == sample_pack(sample).slides[shown - 1].title
    if shown == SLIDES:
        at.button(key="slide_previous").click().run()
        assert counter(at) == f"{SLIDES - 1} / {SLIDES}"


def test_filters_from_the_address_apply(sample):
    everyone = present()
    north = present(locality="North")
    assert not north.exception
    assert title_facts(north)["Filters"] == "locality North"
    assert title_facts(north)["Services"] != title_facts(everyone)["Services"]
    north.button(key="slide_next").click().run()
    north.button(key="slide_next").click().run()
    glance = sample_pack(sample, Filter(localities=("North",))).slides[2]
    assert title(north) == glance.title
    assert north.query_params["locality"] == "North"  # the filter stays in the address


def test_the_sidebar_stays_alive_on_a_second_run():
    at = present()
    assert sidebar_intact(at)
    at.run()
    assert sidebar_intact(at)
    at.button(key="slide_next").click().run()
    assert sidebar_intact(at)
    assert not at.exception


def test_an_uploaded_workbook_is_presented():
    at = present()
    at.sidebar.file_uploader[0].upload("Westford.xlsx", two_years(), XLSX)
    at.run()
    assert not at.exception
    assert title(at) == "Westford: where our day services stand"  # its own name
    assert "Source file" not in title_facts(at)
    assert "Westford.xlsx" in at.main.caption[-1].value  # the provenance line, small


def test_publication_mode_in_the_address_reaches_the_slides():
    at = present(publish="true")
    assert title_facts(at)["Publication mode"].startswith("On: counts of people under 5")


def test_turning_a_slide_does_not_build_the_pack_again(monkeypatch):
    built = []
    build = pack.build

    def counted(*args, **kwargs):
        built.append(args[1:])
        return build(*args, **kwargs)

    monkeypatch.setattr(pack, "build", counted)
    at = present()
    for _ in range(3):
        at.button(key="slide_next").click().run()
    assert counter(at) == f"4 / {SLIDES}"
    assert len(built) == 1
    at.sidebar.multiselect(key="locality").select("North").run()
    assert len(built) == 2  # a new filter is a new pack
    assert not at.exception


def test_the_title_slide_offers_the_meeting_pack_to_take_away():
    at = present()
    labels = [button.label for button in at.main.get("download_button")]
    assert labels == ["Meeting pack (PowerPoint)", "Meeting pack (HTML report)"]
    at.button(key="slide_next").click().run()
    assert not at.main.get("download_button")  # only on the title slide


def test_every_slide_of_a_sparse_workbook_draws():
    """Three services, no funding sheet, benchmark or targets: the slides with nothing to
    show are left out, and every other slide draws."""
    at = present()
    at.sidebar.file_uploader[0].upload("Westford.xlsx", two_years(), XLSX)
    at.run()
    count = int(counter(at).split(" / ")[1])
    assert count < SLIDES  # the benchmark and the funding outcome are left out
    for number in range(1, count + 1):
        assert not at.exception, number
        assert counter(at) == f"{number} / {count}"
        assert title(at) != "No benchmark answers in this view"
        if number < count:
            at.button(key="slide_next").click().run()
    assert title(at) == "How each figure in this pack is worked out"
