"""The commissioners' checklist: the key questions of seed 000 under their principles,
functions, changes and outcomes, answered and edited here, with where the dashboard gives
evidence for each, and the whole workbook to download with the answers in it."""

from functools import partial

import streamlit as st

from dayserv import frameworks
from dayserv.app import state, widgets
from dayserv.app.downloads import Download, download_buttons, leave_warning
from dayserv.figures import checklist as cl
from dayserv.show import safe_text

GIVEN = "checklist_given"  # session state: source key -> the answers given on that upload
COLUMNS = {
    "question_id": st.column_config.TextColumn("ID", width=50),
    "question": st.column_config.TextColumn("Question", width=330),
    "answer": st.column_config.SelectboxColumn("Answer", options=cl.ANSWERS, width=150),
    "notes": st.column_config.TextColumn("Notes", width=190),
    "year": st.column_config.TextColumn("Year", width=64, help="The year answered for."),
}
ROW_HEIGHT = 72  # above 4rem, so the grid wraps the long questions over three lines
READ_ONLY = ["question_id", "question", "year"]

portfolio = state.current_portfolio()
answers = portfolio.tables["checklist"]
key = cl.source_key(portfolio.sources, answers)
given = st.session_state.setdefault(GIVEN, {})
mine = given.setdefault(key, cl.GivenAnswers.of(portfolio))
mine.shown(portfolio)  # the same files may have been loaded afresh since
edits = mine.edits

st.title("Commissioners' checklist")
widgets.page_notices()
st.caption(
    f"Source: {safe_text.markdown(portfolio.source_label)} · The sidebar's filters do not "
    "apply here: the key questions are about your commissioning as a whole."
)
st.markdown(
    "The key questions of *Modernising day services: a checklist for commissioners* "
    "(NIMHE/CSIP, 2006): how do you know whether you are commissioning to meet its "
    "principles, functions, changes and outcomes? Answer them here, see where the dashboard "
    "gives evidence for each, and download the workbook with your answers to keep them."
)
for earlier_key, earlier in cl.left_behind(given, key).items():
    with st.container(border=True):
        st.warning(
            cl.left_behind_words(
                len(earlier.unsaved()),
                safe_text.markdown(earlier.source_label),
                safe_text.markdown(portfolio.source_label),
                earlier.downloadable,
            ),
            icon=":material/history:",
        )
        with st.container(horizontal=True):
            if earlier.downloadable:
                download_buttons(
                    [
                        Download(
                            "Download that workbook (.xlsx)",
                            earlier.download,
                            cl.download_name(earlier.source_label),
                            widgets.XLSX_MIME,
                            key=f"checklist_earlier_{earlier_key}",
                            what="That portfolio's workbook",
                        )
                    ],
                    key=f"checklist_earlier_{earlier_key}",
                    rerun=True,
                )
            st.button(
                "Discard them",
                key=f"checklist_discard_{earlier_key}",
                on_click=given.pop,
                args=(earlier_key, None),
                icon=":material/delete:",
            )
if not portfolio.has("checklist"):
    widgets.no_sheet(
        "This workbook has no Checklist sheet, so every question is unanswered: answer them "
        "here. The template's Checklist sheet holds them too (Question, Answer, Notes, Year)."
    )

years = cl.answer_years(answers)
view_year = None
if len(years) > 1:
    view_year = st.selectbox(
        "Answers shown",
        [None, *reversed(years)],
        format_func=lambda year: "The latest answer to each question" if year is None else year,
        key=f"checklist_year_{key}",
    )
edit_year = cl.answers_year(answers, view_year)
st.caption(
    f"Answers you give or change here are saved for {edit_year}."
    if edit_year
    else "The Checklist sheet has no years, so answers are saved without one."
)

summary = st.container()
rerun = False  # an answer given in this run: draw again, so its row shows its year
table = cl.checklist_table(cl.apply_edits(answers, edits), view_year)
kinds = cl.kinds(table)
for tab, kind in zip(st.tabs([cl.KINDS[kind] for kind in kinds]), kinds, strict=True):
    with tab:
        for heading_id, heading in cl.headings(table, kind):
            with st.container(border=True):
                st.markdown(f"**{heading}**")
                progress_line = st.empty()
                shown = cl.editor_frame(table, heading_id)
                edited = st.data_editor(
                    shown,
                    key=f"checklist_{heading_id or 'other'}_{key}_{view_year or 'latest'}",
                    num_rows="fixed",
                    hide_index=True,
                    column_config=COLUMNS,
                    disabled=READ_ONLY,
                    row_height=ROW_HEIGHT,
                    placeholder="",
                )
                changed = cl.edits_from(shown, edited, edit_year)
                edits.update(changed)
                rerun = rerun or bool(changed)
                progress_line.caption(cl.progress_words(cl.status_counts(edited["answer"])))
                evidence = frameworks.evidence_for(heading_id) if heading_id else ()
                if evidence:
                    with st.expander(f"Evidence in the dashboard ({len(evidence)})"):
                        for item in evidence:
                            st.page_link(
                                item.page, label=item.title, icon=":material/arrow_forward:"
                            )
                            st.caption(item.why)
                elif heading_id:
                    st.caption("Nothing in the dashboard gives evidence for this yet.")

if rerun:
    st.rerun()

table = cl.checklist_table(cl.apply_edits(answers, edits), view_year)
counts = cl.overall(table)
with summary:
    unsaved = mine.unsaved()
    workbook = Download(
        "Download the workbook with these answers (.xlsx)",
        partial(mine.download, edit_year),
        cl.download_name(portfolio.source_label),
        widgets.XLSX_MIME,
        key="checklist_workbook",
        what="The workbook with your answers",
        help="Your whole portfolio in the template's format, with these answers on its "
        "Checklist sheet: upload it in the sidebar to carry on where you left off.",
    )
    if unsaved:
        notice, button = st.columns(2, vertical_alignment="center")
        notice.warning(cl.unsaved_words(len(unsaved), mine.downloaded), icon=":material/warning:")
        with button:
            download_buttons([workbook], key="checklist_workbook", rerun=True)
    for column, (status, count) in zip(
        st.columns(len(counts), border=True), counts.items(), strict=True
    ):
        column.metric(status, count)
    share, words = cl.answered_bar(counts)
    st.progress(share, text=words)
    if not unsaved:
        download_buttons([workbook], key="checklist_workbook", rerun=True)
    # Answers of a portfolio another file replaced are lost on a reload too.
    left = sum(len(g.unsaved()) for g in cl.left_behind(given, key).values())
    leave_warning(len(unsaved) + left)
