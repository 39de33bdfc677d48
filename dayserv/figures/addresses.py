"""The full address of a link the app makes (a share link, a round's link)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def link_url(page_url: str | None, page_path: str, path: str) -> str:
    """A link's full address: the app's address as the browser has it on the page at
    ``page_path`` (that page's part taken off, any path the app is served under kept) and
    the link's ``path``; the path alone when the browser's address is not known."""
    if not page_url:
        return path
    parts = urlsplit(page_url)
    base = parts.path.rstrip("/").removesuffix(f"/{page_path}")
    return urlunsplit((parts.scheme, parts.netloc, base, "", "")) + path
