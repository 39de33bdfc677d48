"""The Saved areas page: save what is shown as an area's next version, open an area or any
of its versions, see what changed from one version to another, download a version's files
as they were saved, share a version by a read-only link, and (for owners) invite members
and delete the area. A version that came by a share link is shown read-only, with nothing
else offered."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from dayserv.app import saved, state, widgets
from dayserv.app.downloads import Download, download_buttons
from dayserv.app.state import Loaded
from dayserv.figures.addresses import link_url
from dayserv.figures.changes import Changes, changes
from dayserv.figures.quality import left_out_words
from dayserv.figures.saved_words import areas_table, history_table
from dayserv.figures.words import plural, when
from dayserv.read.reader import UnreadableError
from dayserv.share.export import CannotExport
from dayserv.share.provenance import SAMPLE_AREA
from dayserv.share.publication import THRESHOLD
from dayserv.show import safe_text
from dayserv.show.formats import first_upper
from dayserv.store import access, areas, links
from dayserv.store.areas import AreaError, AreaSummary, VersionInfo
from dayserv.store.database import StoreUnavailable

PAGE_PATH = "areas"  # the page's part of the app's address
NEW_AREA = "A new area…"
UPLOADS = "dayserv_upload"  # the sidebar's file uploader
_FLASH = "dayserv_areas_flash"  # session state: (kind, words) to say after a rerun
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


def later(kind: str, words: str) -> None:
    """Say this at the top of the page in the next run ('success' or 'error')."""
    st.session_state[_FLASH] = (kind, words)


def flash() -> None:
    found = st.session_state.pop(_FLASH, None)
    if found is None:
        return
    kind, words = found
    if kind == "success":
        st.success(safe_text.markdown(words), icon=":material/check_circle:")
    else:
        st.error(safe_text.markdown(words), icon=":material/error:")


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


def withdraw(store_engine: Engine, area: str, link_id: int, words: str) -> None:
    try:
        links.revoke_link_id(store_engine, area, link_id)
    except (AreaError, StoreUnavailable) as exc:
        later("error", str(exc))
    else:
        later("success", f"Withdrawn: the link to {words} no longer opens anything.")


def remove_member(store_engine: Engine, area: str, key: str) -> None:
    email = st.session_state.get(key)
    if not email:
        return
    try:
        access.remove_member(store_engine, area, email)
    except (AreaError, StoreUnavailable) as exc:
        later("error", str(exc))
    else:
        later("success", f"{email} is no longer a member of {area}.")


# ---------------------------------------------------------------- the page


def draw() -> None:
    st.title("Saved areas")
    st.caption(
        "Keep each portfolio you upload as a version of its area, open any version again on "
        "every page, see what changed between versions, and share a version by a read-only "
        "link."
    )
    flash()
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
                later("success", f"Saved {info.area} version {info.number}.")
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
    share_section(store_engine, who, area)
    members_section(store_engine, area)
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


LOCAL_LINKS = (
    "Sign-in is not set up here, so anyone who can open this app is its one local user and "
    "may open every saved area in full from the Saved areas page: a link holds its visitor "
    "to what it names only once sign-in is set up (README, Run it for a team)."
)


def share_section(store_engine: Engine, who: saved.User, area: saved.Opened) -> None:
    name, shown = area.info.area, area.info.number
    key = f"areas_link_{areas.area_key(name)}"
    with st.container(border=True):
        st.subheader("Share by a read-only link")
        if not access.may(area.role, "owner"):
            st.caption("Only the area's owners can share it by a link.")
            return
        st.caption(
            "Anyone with the link sees the area on every page of this app, read-only, without "
            "signing in: they cannot save, share or delete it, nor download its files."
        )
        if not saved.signin_on():
            st.warning(LOCAL_LINKS, icon=":material/warning:")
        which = {
            "latest": "Its latest version, whatever is saved later",
            "shown": f"Version {shown} only (the one shown)",
        }
        opens = st.radio("The link opens", list(which), format_func=which.get, key=f"{key}_which")
        publication = st.toggle(
            "In publication mode",
            value=True,
            key=f"{key}_publication",
            help="Counts of people under the threshold are hidden on every page, in the "
            "meeting pack and in every export, and the link's visitor cannot turn it off.",
        )
        threshold = THRESHOLD
        with st.container(horizontal=True):
            if publication:
                threshold = st.number_input(
                    "Hide counts of people under",
                    min_value=2,
                    max_value=100,
                    value=THRESHOLD,
                    step=1,
                    key=f"{key}_threshold",
                    width=240,
                )
            days = st.number_input(
                "Stops working after (days)",
                min_value=1,
                max_value=3650,
                value=None,
                step=1,
                placeholder="Never: until withdrawn",
                key=f"{key}_days",
                width=240,
            )
        if st.button("Make the link", icon=":material/add_link:", key=f"{key}_make"):
            try:
                link = links.create_link(
                    store_engine,
                    name,
                    who.email,
                    version=shown if opens == "shown" else None,
                    publication=publication,
                    threshold=int(threshold),
                    expires_days=None if days is None else float(days),
                )
            except (AreaError, StoreUnavailable) as exc:
                st.error(safe_text.markdown(str(exc)), icon=":material/error:")
            else:
                st.success(
                    safe_text.markdown(f"Link made: it opens {link.words()}."),
                    icon=":material/link:",
                )
                st.code(
                    link_url(st.context.url, PAGE_PATH, link.path), language=None, wrap_lines=True
                )
                st.caption(
                    "Copy it now (the icon at the right of the box copies it): it is shown "
                    "only this once, as only a fingerprint of it is kept."
                )
        st.markdown("**Links in force**")
        in_force = links.area_links(store_engine, name)
        if not in_force:
            st.caption("None: no link opens this area.")
        for link_id, link in in_force:
            with st.container(border=True):
                words, button = st.columns([5, 1], vertical_alignment="center")
                words.markdown(safe_text.markdown(first_upper(link.words())))
                words.caption(
                    safe_text.markdown(f"Made by {link.created_by}, {when(link.created_at)}")
                )
                button.button(
                    "Withdraw",
                    icon=":material/link_off:",
                    key=f"{key}_withdraw_{link_id}",
                    on_click=withdraw,
                    args=(store_engine, name, link_id, link.words()),
                    width="stretch",
                )


def members_section(store_engine: Engine, area: saved.Opened) -> None:
    name = area.info.area
    key = f"areas_members_{areas.area_key(name)}"
    with st.container(border=True):
        st.subheader("Members")
        if not saved.signin_on():
            st.markdown(
                "Sign-in is not set up here, so the area belongs to the one local user of this "
                "computer, who may do everything with it. With sign-in set up, an area's "
                "owners invite others by e-mail address, as owners, editors or viewers."
            )
            return
        members = access.members(store_engine, name)
        st.dataframe(
            pd.DataFrame(
                [
                    (m.email, access.ROLE_WORDS[m.role], m.added_by, when(m.added_at))
                    for m in members
                ],
                columns=["E-mail address", "Role", "Added by", "Added"],
            ),
            hide_index=True,
        )
        if not access.may(area.role, "owner"):
            st.caption("Only the area's owners invite and remove members.")
            return
        st.markdown("**Invite someone**")
        with st.container(horizontal=True, vertical_alignment="bottom"):
            email = st.text_input(
                "E-mail address", placeholder="name@council.gov.uk", key=f"{key}_email"
            )
            role = st.selectbox(
                "Role",
                access.ROLES,
                index=access.ROLES.index("viewer"),
                format_func=access.ROLE_WORDS.get,
                key=f"{key}_role",
            )
            invite = st.button("Invite", icon=":material/person_add:", key=f"{key}_invite")
        st.caption(
            "No e-mail is sent: tell them. They see the area once they sign in with that "
            "address; inviting someone already a member changes their role."
        )
        if invite:
            try:
                member = access.add_member(store_engine, name, email, role, saved.user().email)
            except (AreaError, StoreUnavailable) as exc:
                st.error(safe_text.markdown(str(exc)), icon=":material/error:")
            else:
                later("success", f"{member.email} is now a member of {name}: {member.role}.")
                st.rerun()
        st.markdown("**Remove someone**")
        with st.container(horizontal=True, vertical_alignment="bottom"):
            st.selectbox("Member", [m.email for m in members], key=f"{key}_remove_who")
            st.button(
                "Remove",
                icon=":material/person_remove:",
                key=f"{key}_remove",
                on_click=remove_member,
                args=(store_engine, name, f"{key}_remove_who"),
            )


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
                later(
                    "success",
                    f"Deleted {deleted}, with its {plural(len(versions), 'version')}, answers "
                    "and links: the upload or the sample is shown again.",
                )
                st.rerun()
