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


@per_frame
def _whole_ref(rows) -> weakref.ref | None:
    """A weak reference to the frame ``rows`` were ``narrowed`` from (kept with ``rows``, as
    every per_frame result is); None for rows no one said were narrowed."""
    return None


def narrowed(rows, whole) -> None:
    """Note that ``rows`` are some of ``whole``'s rows, picked by a mask: the same labels,
    in the same order (kept while ``rows`` lives)."""
    _whole_ref.keep(rows, weakref.ref(whole))


def whole_of(rows):
    """The frame ``rows`` were ``narrowed`` from, if it is still alive; else None."""
    ref = _whole_ref(rows)
    return None if ref is None else ref()


def per_row(function):
    """``per_frame`` for a result indexed by the frame's row labels (a row's several results
    under its label, in the frame's order): for rows ``narrowed`` from a whole frame, the
    whole frame's result, worked out once for every filter, cut to their labels. A change
    of filter then costs a look-up, not the work again."""

    @per_frame
    @functools.wraps(function)
    def once(frame):
        whole = whole_of(frame)
        if whole is None or not whole.index.is_unique:
            return function(frame)
        result = once(whole)
        return result.loc[result.index.isin(frame.index)]

    return once
