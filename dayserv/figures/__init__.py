"""Tidy tables -> figures: the measures, the shared filter, and the figures and sentences
of every page (pure: no Streamlit, no plotly)."""
