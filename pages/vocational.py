"""Outcome 4, from social and leisure to vocational (seed 003's case for employment support)."""

from dayserv.app import outcome_page

outcome_page.balance_page("O4")
