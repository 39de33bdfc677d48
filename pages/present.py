"""Present to a forum: the meeting pack one slide per screen, in large type, without the
sidebar. The slide number is in the address (/present?slide=4), with the filters, so a
copied link reopens the same slide of the same view."""

import streamlit as st

from dayserv import catalogue
from dayserv.app import state, widgets
from dayserv.share import outcome_slides, pack, presentation
from dayserv.show import safe_text

deck = state.current_pack()
count = len(deck.slides)


def go_to(number: int) -> None:
    st.session_state[presentation.SLIDE_KEY] = number


st.html(presentation.STYLE)
# Holds the slide number and binds it to the address; hidden, the counter shows it.
requested = st.number_input(
    "Slide",
    min_value=1,
    step=1,
    key=presentation.SLIDE_KEY,
    bind="query-params",
    label_visibility="collapsed",
)
number = presentation.slide_number(requested, count)
slide = deck.slides[number - 1]
text = safe_text.markdown  # the slides' words name files, places and services: never markup

with st.container(key="slide_heading"):
    st.markdown(text(slide.heading))
with st.container(key="slide_title"):
    st.title(text(slide.title), anchor=False)

figure = pack.figure(slide)
if figure is not None:
    # The benchmark's bars need their long section names beside them: a wider chart.
    shares = [2, 3] if slide.kind == "outcome" else [1, 2]
    words, drawing = st.container(key="slide_main").columns(shares, gap="large")
    with words, st.container(key="slide_body"):
        if slide.kind == "outcome":
            st.markdown(f"> {text(slide.text)}")
            with st.container(key="slide_value"):
                st.markdown(text(slide.value))
            with st.container(key="slide_value_label"):
                st.markdown(text(slide.value_label))
            if slide.change:
                st.markdown(f"**{text(slide.change)}**")
            with st.container(key="slide_status"):
                # The symbol and the words say it; the colour only repeats it.
                theme = catalogue.STATUSES.get(slide.status, catalogue.STATUSES["no data"]).theme
                st.markdown(f":{theme}[**{text(slide.verdict)}**]")
            if slide.target:
                st.markdown(f"**{text(slide.target)}**")
            st.markdown(text(slide.direction))
            small = outcome_slides.small_base_note(slide.data)
            if small:  # as the outcome pages say it under their charts
                st.markdown(text(small))
        else:
            st.markdown(text(slide.text))
    # Straight to plotly, not widgets.chart: no download row or mode bar on a projector (the
    # title slide offers the pack), and the provenance is at the foot of the slide.
    drawing.plotly_chart(
        presentation.screen_figure(figure),
        key="slide_chart",
        height="stretch",
        config={"displayModeBar": False},
    )
else:
    with st.container(key="slide_body"):
        if slide.kind == "title" and slide.text:
            # The portfolio in a paragraph: the first thing read, larger than the facts.
            with st.container(key=presentation.summary_key(slide.text, slide.table)):
                st.markdown(text(slide.text))
        elif slide.text:
            st.markdown(text(slide.text))
    if not slide.table.empty:
        with st.container(key=f"slide_table_{slide.kind}"):
            st.table(
                presentation.markdown_table(slide.table),
                hide_index=True,
                hide_header=slide.kind == "title",
            )
    if slide.kind == "title":
        with st.container(key="slide_downloads"):
            widgets.meeting_pack_buttons("present")  # the same slides to take away
        if state.current().error:
            st.error(text(state.current().error), icon=":material/error:")

with st.container(key="slide_nav"):
    with st.container(horizontal=True, vertical_alignment="center"):
        st.button(
            "Previous",
            disabled=number == 1,
            on_click=go_to,
            args=(number - 1,),
            shortcut="Left",
            key="slide_previous",
        )
        with st.container(key="slide_counter", width="content"):
            st.markdown(presentation.counter(number, count))
        st.button(
            "Next",
            type="primary",
            disabled=number == count,
            on_click=go_to,
            args=(number + 1,),
            shortcut="Right",
            key="slide_next",
        )
        st.space("stretch")
        st.page_link("pages/overview.py", label="Leave presentation", icon=":material/close:")
    with st.container(key="slide_provenance"):
        where = deck.provenance
        st.caption(text(" · ".join(filter(None, [where.line(), where.left_out]))))
