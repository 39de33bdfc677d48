"""The commissioners' checklist: the key questions of seed 000 under their principles,
functions, changes and outcomes, answered and edited here, with where the dashboard gives
evidence for each, and the whole workbook to download with the answers in it. With a saved
area open, the answers saved to it are shown over the sheet's, and answers given here are
saved to it (refused, never written over, if someone else saved since the page read them)."""

from functools import partial

import streamlit as st

from dayserv import frameworks
from dayserv.app import entered, state, widgets
from dayserv.app.downloads import Download, download_buttons, leave_warning
from dayserv.figures import checklist as cl
from dayserv.figures import saved_answers as sa
from dayserv.share import checklist_workbook
from dayserv.show import safe_text

SEEDED = "checklist_seeded"  # session state: the source keys given the area's saved answers
SAVE = "checklist_save"  # session state: a click on the save button, to do once edits are in
JUST_SAVED = "checklist_just_saved"  # session state: the source key last saved to its area here
COLUMNS = {
    "question_id": st.column_config.TextColumn("ID", width=50),
    "question": st.column_config.TextColumn("Question", width=330),
    "answer": st.column_config.SelectboxColumn("Answer", options=cl.ANSWERS, width=150),
    "notes": st.column_config.TextColumn("Notes", width=190),
    "year": st.column_config.TextColumn("Year", width=64, help="The year answered for."),
}
ROW_HEIGHT = 72  # above 4rem, so the grid wraps the long questions over three lines
READ_ONLY = ["question_id", "question", "year"]


def ask_to_save() -> None:
    st.session_state[SAVE] = True


def load_theirs(record: entered.Entered, mine: cl.GivenAnswers, key: str) -> None:
    """Show what the other person saved, discarding the answers given here."""
    theirs = sa.edits_from_body(entered.take_theirs(record).body)
    mine.edits.clear()
    mine.edits.update(theirs)
    mine.saved = dict(theirs)
    for name in list(st.session_state):
        if is_editor(str(name), key):
            del st.session_state[name]  # the editors start again from theirs


def is_editor(name: str, key: str) -> bool:
    """Whether a session state name is one of the page's editors of these answers."""
    return name.startswith("checklist_") and f"_{key}_" in name and "_year_" not in name


portfolio = state.current_portfolio()
area = state.current().area
answers = portfolio.tables["checklist"]
key = cl.source_key(portfolio.sources, answers)
given = st.session_state.setdefault(state.GIVEN, {})
mine = given.setdefault(key, cl.GivenAnswers.of(portfolio))
mine.shown(portfolio)  # the same files may have been loaded afresh since
edits = mine.edits
record, store_error = entered.entered(area, "checklist") if area else (None, None)
editable = area is None or not area.read_only
seeded = st.session_state.setdefault(SEEDED, set())
if record is not None and store_error is None and key not in seeded:
    # The answers saved to the area win over the sheet's; those given here over both.
    stored = sa.edits_from_body(record.saved.body)
    mine.edits.update({**stored, **mine.edits})
    mine.saved = {**stored, **mine.saved}
    seeded.add(key)

st.title("Commissioners' checklist")
widgets.page_notices()
widgets.filter_caption(
    "The sidebar's filters do not apply here: the key questions are about your commissioning "
    "as a whole."
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
                            partial(checklist_workbook.answers_workbook, earlier),
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
if edit_year:
    st.caption(f"Answers you give or change here are saved for {edit_year}.")
elif portfolio.has("checklist"):  # with no sheet at all, the notice above has said so
    st.caption("The Checklist sheet has no years, so answers are saved without one.")
if record is not None:
    st.caption(
        safe_text.markdown(
            sa.saved_words(
                "Answers",
                area.info.area,
                record.saved.revision,
                record.saved.saved_by,
                record.saved.saved_at,
            )
        )
    )
    if not editable:
        st.info(
            safe_text.markdown(sa.read_only_words(area.info.area, area.link is not None)),
            icon=":material/lock:",
        )
if store_error:
    st.error(safe_text.markdown(store_error), icon=":material/error:")

summary = st.container()
rerun = False  # an answer given in this run: draw again, so its row shows its year
view = cl.checklist_view(answers, edits, view_year)
table = view.table
for tab, kind in zip(st.tabs([cl.KINDS[kind] for kind in view.kinds]), view.kinds, strict=True):
    with tab:
        for heading_id, heading in view.headings[kind]:
            with st.container(border=True):
                st.markdown(f"**{heading}**")
                progress_line = st.empty()
                shown = view.frames[heading_id]
                edited = st.data_editor(
                    shown,
                    key=f"checklist_{heading_id or 'other'}_{key}_{view_year or 'latest'}",
                    num_rows="fixed",
                    hide_index=True,
                    column_config=COLUMNS,
                    disabled=READ_ONLY if editable else True,
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

saving = area is not None and editable and record is not None and store_error is None
# Answers are saved as they are given; after a refusal, only a click on the button tries again.
asked = st.session_state.pop(SAVE, False)
held = dict(edits)
to_save = (
    saving
    and (asked or record.refused is None)
    and bool(cl.unsaved_edits(answers, held, sa.edits_from_body(record.saved.body)))
)
if to_save:
    # Noted before the save: a run the browser stops once the answers are stored (the grid
    # sends its value again) still leaves it said. Shown only while every answer is saved.
    st.session_state[JUST_SAVED] = key
    if entered.save(area, "checklist", sa.body_from_edits(held), record):
        mine.saved = held  # saved counts as kept
        st.rerun()  # the caption above says who saved them, and when
    st.session_state.pop(JUST_SAVED)  # refused: this session has not saved them

counts = cl.overall(table)  # the table above: an answer given there reran the page
with summary:
    unsaved = mine.unsaved()  # neither downloaded nor saved to the area
    not_saved = []  # not saved to the area
    if saving:
        not_saved = cl.unsaved_edits(answers, edits, sa.edits_from_body(record.saved.body))
        unsaved = [question for question in unsaved if question in not_saved]
    # Said while every answer given is the area's saved one: not only in the run after the
    # save, as the browser's grid sends further runs, whose edits may repeat those saved.
    if saving and not not_saved and st.session_state.get(JUST_SAVED) == key:
        st.success(
            f"Answers saved to {safe_text.markdown(area.info.area)}.", icon=":material/check:"
        )
    workbook = Download(
        "Download the workbook with these answers (.xlsx)",
        partial(checklist_workbook.answers_workbook, mine, edit_year),
        cl.download_name(portfolio.source_label),
        widgets.XLSX_MIME,
        key="checklist_workbook",
        what="The workbook with your answers",
        help="Your whole portfolio in the template's format, with these answers on its "
        "Checklist sheet: upload it in the sidebar to carry on where you left off.",
    )
    if saving and record.refused:
        st.error(safe_text.markdown(record.refused), icon=":material/error:")
        if record.theirs is not None:
            st.button(
                "Load their answers (discarding mine)",
                on_click=load_theirs,
                args=(record, mine, key),
                icon=":material/sync:",
                key="checklist_load_theirs",
            )
    if saving and not_saved:
        notice, button = st.columns(2, vertical_alignment="center")
        notice.warning(
            safe_text.markdown(sa.unsaved_area_words(len(not_saved), area.info.area)),
            icon=":material/warning:",
        )
        with button, st.container(horizontal=True):
            st.button(
                f"Save answers to {safe_text.markdown(area.info.area)}",
                on_click=ask_to_save,
                type="primary",
                icon=":material/save:",
                key="checklist_save_button",
            )
            download_buttons([workbook], key="checklist_workbook", rerun=True)
    elif unsaved:
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
    if not unsaved and not not_saved:
        download_buttons([workbook], key="checklist_workbook", rerun=True)
    # Answers of a portfolio another file replaced are lost on a reload too.
    left = sum(len(g.unsaved()) for g in cl.left_behind(given, key).values())
    leave_warning(len(unsaved) + left)
