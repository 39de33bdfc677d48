"""Figures -> what people see: the palette, how numbers are written, the plotly charts and
their images, safe text for markdown and plotly, and the presentation screen."""
