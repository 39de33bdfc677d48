"""dayserv.figures.formats: the words around the figures (a measure's own formats are tested in
test_charts.py, where the charts use them)."""

from __future__ import annotations

from dayserv.figures import formats


def test_a_columns_heading_for_people():
    assert formats.column_label("funding") == "Annual funding (£)"
    assert formats.column_label("share_of_funding") == "Share of funding"
    assert formats.column_label("7 Users Leading and Providing Services") == (
        "7 Users Leading and Providing Services"
    )
    assert formats.column_label("Staff") == "Staff"  # already written for people


def test_text_cut_at_a_word_to_fit():
    assert formats.shorten("Open to a wide range of people", 40) == "Open to a wide range of people"
    assert formats.shorten("Open to a wide range of people", 12) == "Open to a…"
    assert formats.shorten("Self-referral, drop-in and more", 16) == "Self-referral…"


def test_the_first_letter_in_capitals():
    assert formats.first_upper("section 7, Users Leading") == "Section 7, Users Leading"
    assert formats.first_upper("") == ""
