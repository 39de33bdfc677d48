"""Who sees an open saved area, on the Saved areas page: read-only share links (made,
listed, withdrawn) and, with sign-in set up, its members and their roles."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from dayserv.app import saved, widgets
from dayserv.figures.addresses import link_url
from dayserv.figures.formats import first_upper
from dayserv.figures.publication import THRESHOLD
from dayserv.show import safe_text
from dayserv.store import access, areas, links
from dayserv.store.areas import AreaError
from dayserv.store.database import StoreUnavailable, when

AREAS_PAGE = "areas"  # the Saved areas page's part of the app's address: a link opens there
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
                threshold = widgets.threshold_input(f"{key}_threshold", width=240)
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
                    threshold=threshold,
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
                    link_url(st.context.url, AREAS_PAGE, link.path), language=None, wrap_lines=True
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
                saved.say_later(
                    "success", f"{member.email} is now a member of {name}: {member.role}."
                )
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


def withdraw(store_engine: Engine, area: str, link_id: int, words: str) -> None:
    try:
        links.revoke_link_id(store_engine, area, link_id)
    except (AreaError, StoreUnavailable) as exc:
        saved.say_later("error", str(exc))
    else:
        saved.say_later("success", f"Withdrawn: the link to {words} no longer opens anything.")


def remove_member(store_engine: Engine, area: str, key: str) -> None:
    email = st.session_state.get(key)
    if not email:
        return
    try:
        access.remove_member(store_engine, area, email)
    except (AreaError, StoreUnavailable) as exc:
        saved.say_later("error", str(exc))
    else:
        saved.say_later("success", f"{email} is no longer a member of {area}.")
