"""Outcome 6, from group-based to individualised support."""

from dayserv.app import outcome_page

outcome_page.balance_page("O6")
