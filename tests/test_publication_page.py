"""Publication mode as a user meets it: one toggle in the sidebar, kept in the URL."""

from __future__ import annotations

from tests.test_outcome_pages import open_page


def test_publication_mode_is_off_until_switched_on():
    at = open_page("pages/overview.py")
    toggle = at.sidebar.toggle(key="publish")
    assert toggle.value is False
    assert not at.sidebar.number_input  # no threshold to set while it is off


def test_switching_it_on_offers_the_threshold_and_says_the_rule():
    at = open_page("pages/overview.py")
    at.sidebar.toggle(key="publish").set_value(True).run()
    assert not at.exception
    assert at.sidebar.number_input(key="threshold").value == 5
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "counts of people under 5 shown as <5" in captions
    at.sidebar.number_input(key="threshold").set_value(10).run()
    assert "counts of people under 10 shown as <10" in " ".join(c.value for c in at.sidebar.caption)


def test_a_shared_link_opens_in_publication_mode_and_survives_a_page_switch():
    at = open_page("pages/user_run.py", publish="true", threshold="7")
    assert at.sidebar.toggle(key="publish").value is True
    assert at.sidebar.number_input(key="threshold").value == 7
