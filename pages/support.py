"""Outcome 6, from group-based to individualised support."""

from dayserv import ui

ui.balance_page("O6")
