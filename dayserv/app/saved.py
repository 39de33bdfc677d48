"""The saved area a page shows, and who is looking: the address names it (``?area=NAME&
version=N``, or a share link's ``?share=TOKEN``), so a reload or a copied link opens it
again on any server; the session only remembers it to put it back in the address when
Streamlit drops it on a page change. Sign-in (``st.login``) is on when the secrets have an
``[auth]`` section; without it the app is one local user, who may do everything. What an
action on an area did is said at the top of the Saved areas page once it has redrawn."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import streamlit as st
from sqlalchemy import Engine

from dayserv.show import safe_text
from dayserv.store import access, areas, links
from dayserv.store.areas import AreaError, AreaSummary, VersionInfo
from dayserv.store.database import StoreUnavailable, store
from dayserv.store.links import Link, LinkRefused

logger = logging.getLogger(__name__)

LOCAL_USER = "local user"
_OPENED = "dayserv_opened"  # session state: the address's area, version and share token
_SAID = "dayserv_areas_flash"  # session state: (kind, words) to say after a rerun


@dataclass(frozen=True)
class User:
    """Who is looking: a signed-in address, the one local user, or someone not signed in."""

    email: str
    signed_in: bool = False

    @property
    def local(self) -> bool:
        return self.email == LOCAL_USER

    @property
    def known(self) -> bool:
        return self.local or self.signed_in


def signin_on() -> bool:
    """Whether sign-in is configured (an ``[auth]`` section in the secrets)."""
    try:
        return st.secrets.load_if_toml_exists() and "auth" in st.secrets
    except Exception:  # a secrets file that does not parse: Streamlit says so itself
        logger.exception("The secrets could not be read")
        return False


def user() -> User:
    if not signin_on():
        return User(LOCAL_USER)
    if st.user.is_logged_in:
        return User(str(st.user.get("email") or "").strip().lower(), signed_in=True)
    return User("")


def engine() -> tuple[Engine | None, str | None]:
    """The store, or None and the one sentence to show when it cannot be reached."""
    try:
        return store(), None
    except StoreUnavailable as exc:
        return None, str(exc)


def role(store_engine: Engine, who: User, area: str) -> str | None:
    """What the person may do with the area: the local user owns every area."""
    if who.local:
        return "owner"
    if not who.signed_in:
        return None
    return access.role_of(store_engine, area, who.email)


def visible_areas(store_engine: Engine, who: User) -> list[tuple[AreaSummary, str]]:
    """The areas the person may open, each with their role."""
    if who.local:
        return [(summary, "owner") for summary in areas.list_areas(store_engine)]
    if not who.signed_in:
        return []
    roles = access.areas_of(store_engine, who.email)
    return [
        (summary, roles[areas.area_key(summary.name)])
        for summary in areas.list_areas(store_engine, set(roles))
    ]


@dataclass(frozen=True)
class Opened:
    """A saved version the pages show: which, its files, the latest version's number, and
    whether it came by a share link (read-only) and what the viewer may do with it."""

    info: VersionInfo
    files: list[tuple[str, bytes]]
    latest: int
    role: str | None  # None: by a share link only
    link: Link | None = None

    @property
    def label(self) -> str:
        return f"{self.info.label} ({', '.join(self.info.files)})"

    @property
    def read_only(self) -> bool:
        return self.role is None or not access.may(self.role, "editor")


@dataclass(frozen=True)
class Asked:
    """What the address asks to open."""

    area: str | None = None
    version: int | None = None
    share: str | None = None

    def __bool__(self) -> bool:
        return bool(self.area or self.share)


def asked() -> Asked:
    """The area, version or share link the address names (put back from the session when
    a page change dropped them from the address)."""
    params = st.query_params
    remembered = st.session_state.get(_OPENED, Asked())
    if not any(name in params for name in ("area", "version", "share")) and remembered:
        _to_address(remembered)
        return remembered
    version = params.get("version")
    found = Asked(
        area=params.get("area") or None,
        version=int(version) if version and version.isdigit() else None,
        share=params.get(links.PARAMETER) or None,
    )
    st.session_state[_OPENED] = found
    return found


def _to_address(wanted: Asked) -> None:
    for name in ("area", "version", links.PARAMETER):
        st.query_params.pop(name, None)
    if wanted.share:
        st.query_params[links.PARAMETER] = wanted.share
    elif wanted.area:
        st.query_params["area"] = wanted.area
        if wanted.version is not None:
            st.query_params["version"] = str(wanted.version)


def open_area(area: str | None, version: int | None = None) -> None:
    """Show this area (its latest version unless ``version``) on every page from now on;
    None goes back to the upload or the sample."""
    wanted = Asked(area=area, version=version) if area else Asked()
    st.session_state[_OPENED] = wanted
    _to_address(wanted)


def opened(wanted: Asked) -> tuple[Opened | None, str | None]:
    """The saved version the address asks for, if the viewer may see it; else None and
    the sentence saying why (None, None when nothing is asked)."""
    if not wanted:
        return None, None
    store_engine, error = engine()
    if store_engine is None:
        return None, error
    try:
        if wanted.share:
            link = links.open_link(store_engine, wanted.share)
            return _version(store_engine, link.area, link.version, None, link), None
        who = user()
        their_role = role(store_engine, who, wanted.area)
        if their_role is None:
            return None, _refusal(who, wanted.area)
        return _version(store_engine, wanted.area, wanted.version, their_role), None
    except (AreaError, LinkRefused, StoreUnavailable) as exc:
        return None, str(exc)


def _refusal(who: User, area: str) -> str:
    if not who.known:
        return f"Sign in to open the saved area {area!r}."
    return f"There is no saved area called {area!r} that {who.email} may open."


def _version(store_engine, area, number, their_role, link=None) -> Opened:
    info, files = areas.version_files(store_engine, area, number)
    latest = info.number if number is None else areas.history(store_engine, area)[0].number
    return Opened(info, files, latest, their_role, link)


def say_later(kind: str, words: str) -> None:
    """Say this at the top of the Saved areas page in its next run ('success' or 'error'):
    what an action on an area did, once the page has redrawn after it."""
    st.session_state[_SAID] = (kind, words)


def say_now() -> None:
    """Say what the last action on an area did (``say_later``), once."""
    found = st.session_state.pop(_SAID, None)
    if found is None:
        return
    kind, words = found
    if kind == "success":
        st.success(safe_text.markdown(words), icon=":material/check_circle:")
    else:
        st.error(safe_text.markdown(words), icon=":material/error:")
