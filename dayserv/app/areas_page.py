"""The Saved areas page: save what is shown as an area's next version, open an area or any
of its versions, see what changed from one version to another, download a version's files
as they were saved, share a version by a read-only link and (for owners) invite members
(``area_access``), and delete the area. A version that came by a share link is shown
read-only, with nothing else offered."""

from __future__ import annotations

import functools

import streamlit as st
from sqlalchemy import Engine

from dayserv.app import area_access, saved, state, widgets
from dayserv.app.downloads import Download, download_buttons
from dayserv.app.state import Loaded
from dayserv.figures.changes import Changes, changes
from dayserv.figures.quality import left_out_words
from dayserv.figures.saved_words import areas_table, history_table
from dayserv.figures.words import plural
from dayserv.read.reader import UnreadableError
from dayserv.share.export import CannotExport
from dayserv.share.provenance import SAMPLE_AREA
from dayserv.show import safe_text
from dayserv.store import access, areas
from dayserv.store.areas import AreaError, AreaSummary, VersionInfo
from dayserv.store.database import StoreUnavailable

NEW_AREA = "A new area…"
UPLOADS = "dayserv_upload"  # the sidebar's file uploader
_LAST = "dayserv_areas_last"  # session state: the area last opened here, to save to again
MIMES = {
    "xlsx": widgets.XLSX_MIME,
    "xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
}


def mime_for(file_name: str) -> str:
    return MIMES.get(file_name.rpartition(".")[2].lower(), "application/octet-stream")


# ---------------------------------------------------------------- what the page does


def shown_files(loaded: Loaded) -> list[tuple[str, bytes]]:
    """The files of what is shown: the session's uploads, or the sample workbook."""
    if loaded.is_sample:
        return [(state.SAMPLE_PATH.name, state.SAMPLE_PATH.read_bytes())]
    return [(upload.name, upload.getvalue()) for upload in st.session_state.get(UPLOADS) or []]


def save(
    store_engine: Engine,
    who: saved.User,
    name: str,
    files: list[tuple[str, bytes]],
    note: str,
    loaded: Loaded,
) -> VersionInfo:
    """Save the files as the area's next version, if the person may save to it; AreaError
    saying why not."""
    cleaned = areas.clean_name(name)
    existing = areas.find_area(store_engine, cleaned)
    if existing is not None:
        their_role = saved.role(store_engine, who, existing)
        if their_role is None:
            raise AreaError(
                f"There is already an area called {existing}, which you are not a member of: "
                "choose another name, or ask its owner to invite you."
            )
        if not access.may(their_role, "editor"):
            raise AreaError(
                f"You may open {existing} but not save to it: ask its owner to make you an editor."
            )
    return areas.save_version(
        store_engine, cleaned, files, saved_by=who.email, note=note, portfolio=loaded.portfolio
    )


def file_bytes(store_engine: Engine, area: str, number: int, position: int) -> bytes:
    """One file of a version as it was saved (read from the store when its button is
    clicked)."""
    try:
        return areas.version_files(store_engine, area, number)[1][position][1]
    except (AreaError, StoreUnavailable) as exc:
        raise CannotExport(str(exc)) from exc


def version_entry(store_engine: Engine, version: VersionInfo):
    """A version's loaded portfolio (entry, None), or (None, why not): taken from the
    portfolios already loaded when a session shows the same files (the version keeps their
    sha256 as the cache keys them), else read from its files in the store."""
    entry = state.PORTFOLIOS.get(version.sha256)
    if entry is not None:
        return entry, None
    _, files = areas.version_files(store_engine, version.area, version.number)
    return state.read_files(tuple(files))


def compare(
    store_engine: Engine, before: VersionInfo, after: VersionInfo
) -> tuple[Changes | None, str | None]:
    """What changed from one version to the other (worked out once for every session
    showing the two), or None and why not."""
    entries = []
    for version in (before, after):
        entry, error = version_entry(store_engine, version)
        if entry is None:
            return None, f"{version.label} could not be read: {error}"
        entries.append(entry)
    old, new = entries
    labels = (f"version {before.number}", f"version {after.number}")
    found = new.views.get(
        ("dayserv_changes_from", old.key, labels),
        lambda: changes(old.value, new.value, *labels),
    )
    return found, None


# ---------------------------------------------------------------- the page


def draw() -> None:
    st.title("Saved areas")
    st.caption(
        "Keep each portfolio you upload as a version of its area, open any version again on "
        "every page, see what changed between versions, and share a version by a read-only "
        "link."
    )
    saved.say_now()
    store_engine, error = saved.engine()
    if store_engine is None:
        st.warning(safe_text.markdown(error), icon=":material/cloud_off:")
        return
    loaded = state.current()
    area = loaded.area
    try:
        if area is not None and area.link is not None:
            shared_view(area)
            return
        widgets.page_notices()
        who = saved.user()
        visible = saved.visible_areas(store_engine, who)
        if area is None:
            save_section(store_engine, who, loaded, visible)
            open_section(who, visible, area)
            return
        # An area is open: its history first (the sidebar's link comes here for it), then
        # how to save its next version and the other areas, and deleting it last of all.
        st.session_state[_LAST] = area.info.area
        versions = area_sections(store_engine, who, area)
        save_section(store_engine, who, loaded, visible)
        open_section(who, visible, area)
        delete_section(store_engine, area, versions)
    except (StoreUnavailable, AreaError) as exc:  # the store gone, or the area deleted meanwhile
        st.warning(safe_text.markdown(str(exc)), icon=":material/cloud_off:")


def shared_view(area: saved.Opened) -> None:
    """A version opened by a share link: what the link grants, and that version's line of
    the history; nothing to save, share, delete or download."""
    with st.container(border=True):
        st.subheader(safe_text.markdown(area.info.area))
        st.info(
            safe_text.markdown(
                f"A read-only view shared with you by a link: {area.link.words()}. Every page "
                "shows it; saving, sharing and the files themselves are for the area's members."
            ),
            icon=":material/link:",
        )
        st.dataframe(
            history_table([area.info], area.info.number).drop(columns="Shown"), hide_index=True
        )


def save_section(
    store_engine: Engine,
    who: saved.User,
    loaded: Loaded,
    visible: list[tuple[AreaSummary, str]],
) -> None:
    with st.container(border=True):
        st.subheader("Save what is shown")
        if loaded.area is not None:
            st.markdown(
                safe_text.markdown(
                    f"{loaded.area.info.label} is shown, as saved. To save a new version, "
                    "upload its workbook in the sidebar: the upload is shown instead, and you "
                    "save it here."
                )
            )
            return
        if loaded.error:
            st.markdown(
                "Your upload could not be read (the sidebar says why), so there is nothing "
                "to save: upload it again once it is put right."
            )
            return
        if not who.known:
            st.info(
                "Sign in (at the top of the sidebar) to save what is shown to an area.",
                icon=":material/login:",
            )
            return
        files = shown_files(loaded)
        # The form's keys name what is shown, so that a new upload starts it afresh (a key
        # kept would keep what was chosen and typed for the last one).
        form = f"areas_save_{loaded.held.key[:12] if loaded.held is not None else 'shown'}"
        names = ", ".join(name for name, _ in files)
        what = "the sample portfolio of Eastbrook, a fictional area" if loaded.is_sample else ""
        st.markdown(
            safe_text.markdown(
                f"Shown: {names}{f' ({what})' if what else ''}. {left_out_words(loaded.portfolio)}."
            )
        )
        if loaded.is_sample:
            st.caption(
                "Save the sample to try saving, history and sharing before you save your own."
            )
        editable = {s.name: s for s, role in visible if access.may(role, "editor")}
        default_name = SAMPLE_AREA if loaded.is_sample else ""
        chosen = NEW_AREA
        if editable:
            options = [*editable, NEW_AREA]
            wanted = SAMPLE_AREA if loaded.is_sample else st.session_state.get(_LAST)
            found = areas.find_area(store_engine, wanted) if wanted else None
            chosen = st.selectbox(
                "Area",
                options,
                index=options.index(found) if found in editable else len(options) - 1,
                key=f"{form}_to",
                width=480,
                help="One of the areas you may save to, or a new one.",
            )
        if chosen == NEW_AREA:
            name = st.text_input(
                "The new area's name",
                value=default_name,
                max_chars=areas.NAME_LENGTH,
                placeholder="e.g. Westford",
                key=f"{form}_name",
                width=480,
            )
        else:
            name = chosen
            st.caption(
                safe_text.markdown(f"It will be version {editable[chosen].latest + 1} of {chosen}.")
            )
        note = st.text_input(
            "Note (optional)",
            placeholder="e.g. The returns for quarter 2, as agreed at the forum",
            max_chars=500,
            key=f"{form}_note",
            width=640,
        )
        if st.button("Save as the next version", type="primary", icon=":material/save:", key=form):
            try:
                info = save(store_engine, who, name, files, note, loaded)
            except (AreaError, StoreUnavailable, UnreadableError) as exc:
                st.error(safe_text.markdown(str(exc)), icon=":material/error:")
            else:
                saved.open_area(info.area)
                saved.say_later("success", f"Saved {info.area} version {info.number}.")
                st.rerun()


def open_section(
    who: saved.User, visible: list[tuple[AreaSummary, str]], area: saved.Opened | None
) -> None:
    with st.container(border=True):
        st.subheader("Open a saved area")
        if not who.known:
            st.info("Sign in to see the areas you may open.", icon=":material/login:")
            return
        if not visible:
            if who.local:
                st.markdown("No area has been saved yet: save what is shown, above.")
            else:
                st.markdown(
                    safe_text.markdown(
                        f"You are not a member of any saved area yet: save one above, or ask "
                        f"an area's owner to invite {who.email}."
                    )
                )
            return
        st.dataframe(areas_table(visible), hide_index=True)
        names = [summary.name for summary, _ in visible]
        shown = area.info.area if area is not None else None
        with st.container(horizontal=True, vertical_alignment="bottom"):
            st.selectbox(
                "Area to open",
                names,
                index=names.index(shown) if shown in names else 0,
                key="areas_open_choice",
                width=360,
            )
            st.button(
                "Open its latest version",
                icon=":material/folder_open:",
                key="areas_open",
                on_click=lambda: saved.open_area(st.session_state["areas_open_choice"]),
            )
        st.caption("Every page then shows it, until you close it in the sidebar.")


def area_sections(store_engine: Engine, who: saved.User, area: saved.Opened) -> list[VersionInfo]:
    """The open area's history, what changed, its links and members; returns its versions,
    latest first."""
    name = area.info.area
    versions = areas.history(store_engine, name)
    st.header(safe_text.markdown(name), divider="gray")
    st.caption(
        safe_text.markdown(
            f"Version {area.info.number} of {area.latest} is shown. "
            f"Your role: {access.ROLE_WORDS[area.role]}."
        )
    )
    history_section(store_engine, area, versions)
    changes_section(store_engine, area, versions)
    area_access.share_section(store_engine, who, area)
    area_access.members_section(store_engine, area)
    return versions


def history_section(store_engine: Engine, area: saved.Opened, versions: list[VersionInfo]):
    name, shown = area.info.area, area.info.number
    key = areas.area_key(name)
    with st.container(border=True):
        st.subheader("History")
        st.dataframe(
            history_table(versions, shown),
            hide_index=True,
            column_config={
                "Version": st.column_config.NumberColumn(width="small"),
                "Shown": st.column_config.CheckboxColumn(width="small"),
                "Note": st.column_config.TextColumn(width="large"),
            },
        )
        by_number = {version.number: version for version in versions}
        with st.container(horizontal=True, vertical_alignment="bottom"):
            chosen = st.selectbox(
                "Version",
                list(by_number),
                index=list(by_number).index(shown) if shown in by_number else 0,
                format_func=lambda n: f"Version {n}" + (" (shown)" if n == shown else ""),
                key=f"areas_version_{key}_{shown}_{area.latest}",
                width=240,
            )
            st.button(
                f"Open version {chosen}",
                icon=":material/history:",
                disabled=chosen == shown,
                key="areas_open_version",
                on_click=saved.open_area,
                args=(name, None if chosen == area.latest else chosen),
            )
        version = by_number[chosen]
        st.caption(
            safe_text.markdown(f"Version {chosen}'s files, byte for byte as they were saved:")
        )
        files = [
            Download(
                safe_text.markdown(file_name),
                functools.partial(file_bytes, store_engine, name, chosen, position),
                file_name,
                mime_for(file_name),
                key=f"areas_file_{chosen}_{position}",
                what=f"{file_name} of {name} version {chosen}",
            )
            for position, file_name in enumerate(version.files)
        ]
        download_buttons(files, key=f"areas_files_{chosen}")
        st.caption(
            safe_text.markdown(
                "; ".join(
                    f"{file_name}: sha256 {digest}"
                    for file_name, digest in zip(version.files, version.file_sha256, strict=True)
                )
            )
        )


def changes_section(store_engine: Engine, area: saved.Opened, versions: list[VersionInfo]):
    name, shown = area.info.area, area.info.number
    with st.container(border=True):
        st.subheader("What changed since the last version")
        numbers = sorted(version.number for version in versions)
        if len(numbers) < 2:
            st.markdown("Only one version is saved so far: save the next one to see what changed.")
            return
        position = numbers.index(shown) if shown in numbers else len(numbers) - 1
        before_at, after_at = (position - 1, position) if position else (0, 1)
        key = f"areas_changes_{areas.area_key(name)}_{shown}_{area.latest}"
        with st.container(horizontal=True):
            before = st.selectbox(
                "From",
                numbers,
                index=before_at,
                format_func=lambda n: f"Version {n}",
                key=f"{key}_from",
                width=200,
            )
            after = st.selectbox(
                "To",
                numbers,
                index=after_at,
                format_func=lambda n: f"Version {n}" + (" (shown)" if n == shown else ""),
                key=f"{key}_to",
                width=200,
            )
        if before == after:
            st.info("Choose two different versions to compare.", icon=":material/compare_arrows:")
            return
        by_number = {version.number: version for version in versions}
        found, error = compare(store_engine, by_number[before], by_number[after])
        if found is None:
            st.error(safe_text.markdown(error), icon=":material/error:")
            return
        st.markdown(f"**{safe_text.markdown(found.summary)}**")
        st.markdown("**Services added, ended or changed**")
        if found.services.empty:
            st.caption("No service was added, ended or changed.")
        else:
            st.dataframe(
                found.services,
                hide_index=True,
                column_config={"What changed": st.column_config.TextColumn(width="large")},
            )
        st.markdown("**How the measures moved**")
        if found.measures.empty:
            st.caption("Neither version has the figures any measure needs.")
        else:
            st.dataframe(found.measures, hide_index=True)


def delete_section(store_engine: Engine, area: saved.Opened, versions: list[VersionInfo]):
    name = area.info.area
    key = f"areas_delete_{areas.area_key(name)}"
    with st.container(border=True):
        st.subheader("Delete the area")
        if not access.may(area.role, "owner"):
            st.caption("Only the area's owners can delete it.")
            return
        st.caption("Deleting cannot be undone: download any files you want to keep first.")
        typed = st.text_input(
            safe_text.markdown(
                f"Type the area's name to delete {name} and its "
                f"{plural(len(versions), 'version')}, answers and links"
            ),
            key=f"{key}_typed",
            width=480,
            live=True,  # the button is enabled as the name is typed
        )
        matches = bool(typed.strip()) and areas.area_key(typed) == areas.area_key(name)
        if st.button(
            safe_text.markdown(f"Delete {name} for good"),
            type="primary",
            icon=":material/delete_forever:",
            disabled=not matches,
            key=f"{key}_confirm",
        ):
            try:
                deleted = areas.delete_area(store_engine, name)
            except (AreaError, StoreUnavailable) as exc:
                st.error(safe_text.markdown(str(exc)), icon=":material/error:")
            else:
                saved.open_area(None)
                st.session_state.pop(_LAST, None)
                saved.say_later(
                    "success",
                    f"Deleted {deleted}, with its {plural(len(versions), 'version')}, answers "
                    "and links: the upload or the sample is shown again.",
                )
                st.rerun()
