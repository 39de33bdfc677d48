"""Outcome 4, from social and leisure to vocational (seed 003's case for employment support)."""

from dayserv import ui

ui.balance_page("O4")
