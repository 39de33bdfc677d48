"""A result kept with the DataFrame it was worked out from, for as long as that DataFrame
lives: the tables a page starts from are kept unchanged for every rerun with the same
filter, and several of a page's figures start from the same derived table."""

from __future__ import annotations

import functools
import threading
import weakref


def per_frame(function):
    """``function(frame)`` worked out once per DataFrame object (its identity, not its
    contents). The result is shared by every caller: none may change it."""
    kept: dict[int, tuple[weakref.ref, object]] = {}
    lock = threading.Lock()

    def forget(key: int) -> None:
        with lock:
            kept.pop(key, None)

    @functools.wraps(function)
    def once(frame):
        key = id(frame)
        with lock:
            found = kept.get(key)
        if found is not None and found[0]() is frame:
            return found[1]
        result = function(frame)
        keep(frame, result)
        return result

    def keep(frame, result) -> None:
        """Take ``result`` as ``function(frame)``, already known (e.g. from the table
        ``frame`` was cut from)."""
        key = id(frame)
        with lock:
            kept[key] = (weakref.ref(frame, lambda _, key=key: forget(key)), result)

    once.keep = keep
    return once
