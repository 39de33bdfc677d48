"""A link's full address: the app's, as the browser has it, and the link's path."""

from __future__ import annotations

from dayserv.figures.addresses import link_url


def test_the_pages_part_is_taken_off_the_apps_address():
    assert (
        link_url("https://dayserv.example.org/areas", "areas", "/?share=abc")
        == "https://dayserv.example.org/?share=abc"
    )
    assert (
        link_url("https://dayserv.example.org/performance/", "performance", "/?submit=xyz")
        == "https://dayserv.example.org/?submit=xyz"
    )


def test_the_path_the_app_is_served_under_is_kept():
    assert (
        link_url("https://council.example/tools/dayserv/areas", "areas", "/?share=abc")
        == "https://council.example/tools/dayserv/?share=abc"
    )


def test_the_query_and_fragment_of_the_page_are_dropped():
    assert (
        link_url("https://dayserv.example.org/areas?x=1#top", "areas", "/?share=abc")
        == "https://dayserv.example.org/?share=abc"
    )


def test_without_the_browsers_address_the_path_alone():
    assert link_url(None, "areas", "/?share=abc") == "/?share=abc"
    assert link_url("", "performance", "") == ""
