"""The Overview's Targets: the target for each outcome's headline measure, as the workbook's
Targets sheet sets it and as set here. Set here, a target takes the sheet's place on every
page, on the Overview's tiles and in the meeting pack; with a saved area open it is saved
to the area (refused, never written over, if someone else saved since)."""

from __future__ import annotations

import hashlib

import streamlit as st

from dayserv.app import entered, state
from dayserv.app.entered import Entered
from dayserv.figures import targets
from dayserv.figures.saved_answers import saved_words
from dayserv.show import safe_text

_SAVE = "overview_targets_save"  # session state: a click on the save button, to do
_JUST_SAVED = "overview_targets_saved"  # session state: the area and targets last saved here
COLUMNS = {
    "outcome": st.column_config.TextColumn("Outcome", width=70),
    "measure": st.column_config.TextColumn("Measure", width=260),
    "unit": st.column_config.TextColumn("Unit", width=80),
    "workbook": st.column_config.TextColumn("In the workbook", width=150),
    "target": st.column_config.NumberColumn(
        "Target",
        help="A share in per cent (30 for 30%), diversity from 0 to 1, a count as a number. "
        "Leave it blank for no target.",
        min_value=0.0,
        width=100,
    ),
    "year": st.column_config.TextColumn(
        "By year", help="The year to reach it by, e.g. 2026/27 (optional).", width=90
    ),
}
READ_ONLY = ["outcome", "measure", "unit", "workbook"]


def _editor_key(name: str) -> str:
    return "overview_targets_" + hashlib.sha1(name.encode()).hexdigest()[:10]


def _ask_to_save() -> None:
    st.session_state[_SAVE] = True


def _load_theirs(record: Entered, editor_key: str) -> None:
    saved = entered.take_theirs(record)
    record.working = targets.overrides_of(saved.body)
    st.session_state.pop(editor_key, None)  # the editor starts again from theirs


def targets_section() -> None:
    """The Targets expander: the editor, who saved the targets and when, and saving them."""
    loaded = state.current()
    area, sheet = loaded.area, loaded.portfolio.tables["targets"]
    record, error = entered.targets_record(area, loaded.portfolio.source_label)
    editable = area is None or not area.read_only
    editor_key = _editor_key(area.info.area if area else loaded.portfolio.source_label)
    with st.expander("Targets", expanded=bool(record.refused), icon=":material/flag:"):
        st.caption(
            "The target for each outcome's headline measure. Those set here take the place "
            "of the workbook's Targets sheet on every page, on the tiles above and in the "
            "meeting pack."
        )
        if area is None:
            st.info(
                "Targets set here apply for this visit only: they can be saved once the "
                "portfolio is saved as an area (Saved areas page).",
                icon=":material/info:",
            )
        else:
            st.caption(
                safe_text.markdown(
                    saved_words(
                        "Targets",
                        area.info.area,
                        record.saved.revision,
                        record.saved.saved_by,
                        record.saved.saved_at,
                    )
                )
            )
        if error:
            st.error(safe_text.markdown(error), icon=":material/error:")
        shown = targets.editor_frame(sheet, record.working)
        edited = st.data_editor(
            shown,
            key=editor_key,
            num_rows="fixed",
            hide_index=True,
            column_config=COLUMNS,
            disabled=READ_ONLY if editable else True,
            placeholder="",
        )
        changed = targets.overrides_from(sheet, edited)
        if editable and not targets.same_overrides(changed, record.working):
            record.working = changed
            st.rerun()  # the tiles above, and every page, measure against them now
        if area is None:
            return
        if not editable:
            st.caption(
                f"You may read {safe_text.markdown(area.info.area)} only: these targets "
                "cannot be changed or saved here."
            )
            return
        if st.session_state.pop(_SAVE, False):
            body = targets.targets_body(record.working)
            if entered.save(area, "targets", body, record):
                st.session_state[_JUST_SAVED] = (area.info.area, body)
                st.rerun()  # the caption above says who saved them, and when
        # Said until a target changes again (a grid's extra run must not take it away).
        shown_body = targets.targets_body(record.working)
        if st.session_state.get(_JUST_SAVED) == (area.info.area, shown_body):
            st.success(
                f"Targets saved to {safe_text.markdown(area.info.area)}.",
                icon=":material/check:",
            )
        unsaved = not targets.same_overrides(
            record.working, targets.overrides_of(record.saved.body)
        )
        if record.refused:
            st.error(safe_text.markdown(record.refused), icon=":material/error:")
        elif unsaved:
            st.warning(
                "Targets changed here and not saved yet: they apply for this visit only "
                "until they are saved.",
                icon=":material/warning:",
            )
        with st.container(horizontal=True):
            st.button(
                f"Save targets to {safe_text.markdown(area.info.area)}",
                on_click=_ask_to_save,
                disabled=not unsaved,
                icon=":material/save:",
                key="overview_targets_save_button",
            )
            if record.theirs is not None:
                st.button(
                    "Load their targets (discarding mine)",
                    on_click=_load_theirs,
                    args=(record, editor_key),
                    icon=":material/sync:",
                    key="overview_targets_theirs",
                )
