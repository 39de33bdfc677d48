"""Loaded portfolios shared between sessions, and given back when no session holds them.

A session holds the portfolio it shows. Sessions that upload the same files (the same
sha256 of names and bytes) share one loaded copy through a registry of weak references, so
an entry is gone as soon as its last holder lets go of it. So that a reconnect, or the same
files uploaded again a moment later, is not read again, the most recently used entries are
also kept strongly for a while: at most ``max_bytes`` of their estimated size, each for at
most ``ttl`` seconds since it was last used. An entry can be pinned (the bundled sample).
Work derived from a portfolio (its filtered tables, its meeting pack) is kept with it, so
every session showing it shares that too, and it goes with the portfolio.

Nothing here imports Streamlit: dayserv.app.state decides who holds what, and when.
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import Any, Generic, TypeVar

import pandas as pd

V = TypeVar("V")


def files_key(files: Iterable[tuple[str, bytes]]) -> str:
    """The sha256 of the files' names and bytes: the same files always give the same key."""
    digest = hashlib.sha256()
    for name, data in files:
        for part in (name.encode("utf-8"), data):
            digest.update(len(part).to_bytes(8, "big"))  # so ("ab", "c") is not ("a", "bc")
            digest.update(part)
    return digest.hexdigest()


def frames_size(frames: Iterable[pd.DataFrame]) -> int:
    """The estimated bytes of the frames' data, strings and indexes included."""
    return sum(int(frame.memory_usage(deep=True, index=True).sum()) for frame in frames)


class Views:
    """Results worked out from one shared value, by key: each built once, by whichever
    holder asks first while the others wait for it, and the ``limit`` last used kept."""

    def __init__(self, limit: int = 12) -> None:
        self._limit = limit
        self._results: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[Hashable, threading.Lock] = {}

    def __len__(self) -> int:
        return len(self._results)

    def _kept(self, key: Hashable) -> tuple[bool, Any]:
        with self._lock:
            if key not in self._results:
                return False, None
            self._results.move_to_end(key)
            return True, self._results[key]

    def get(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """The result for ``key``, built by ``build()`` unless it is kept."""
        found, result = self._kept(key)
        if found:
            return result
        with self._lock:
            building = self._building.setdefault(key, threading.Lock())
        with building:
            found, result = self._kept(key)  # built by another holder while this one waited
            if found:
                return result
            try:
                result = build()
            finally:
                with self._lock:
                    self._building.pop(key, None)
            with self._lock:
                self._results[key] = result
                while len(self._results) > self._limit:
                    self._results.popitem(last=False)
        return result


class Shared(Generic[V]):
    """One loaded value, shared by every holder of it: its key, its estimated size in
    bytes, and the views worked out from it."""

    __slots__ = ("key", "value", "size", "views", "__weakref__")

    def __init__(self, key: str, value: V, size: int, views_kept: int = 12) -> None:
        self.key = key
        self.value = value
        self.size = size
        self.views = Views(views_kept)


class SharedCache(Generic[V]):
    """Values by key, alive while someone holds them, the recently used kept a while.

    ``clock`` gives seconds (time.monotonic unless a test gives another); ``on_free`` is
    called whenever an entry may have been given back (let go of, or its last holder gone).
    """

    def __init__(
        self,
        max_bytes: int,
        ttl: float,
        clock: Callable[[], float] = time.monotonic,
        views_kept: int = 12,
        on_free: Callable[[], object] = lambda: None,
    ) -> None:
        self.max_bytes = max_bytes
        self.ttl = ttl
        self._clock = clock
        self._views_kept = views_kept
        self._held: weakref.WeakValueDictionary[str, Shared[V]] = weakref.WeakValueDictionary()
        self._recent: OrderedDict[str, tuple[Shared[V], float]] = OrderedDict()  # last used
        self._pinned: dict[str, Shared[V]] = {}
        self._lock = threading.Lock()
        self._loading: dict[str, threading.Lock] = {}
        self._on_free = on_free  # called when an entry may have been given back

    def __contains__(self, key: str) -> bool:
        with self._lock:
            return key in self._pinned or key in self._held

    @property
    def recent_bytes(self) -> int:
        """The estimated bytes of the entries kept for their recent use."""
        with self._lock:
            return sum(entry.size for entry, _ in self._recent.values())

    def recent_keys(self) -> list[str]:
        """The keys kept for their recent use, least recently used first."""
        with self._lock:
            return list(self._recent)

    def get(self, key: str) -> Shared[V] | None:
        """The entry for ``key`` if someone still holds it (or it is kept), now used again."""
        with self._lock:
            now = self._clock()
            self._expire(now)
            entry = self._pinned.get(key) or self._held.get(key)
            if entry is not None:
                self._remember(entry, now)
            return entry

    def get_or_load(
        self,
        key: str,
        load: Callable[[], V],
        size_of: Callable[[V], int],
        pin: bool = False,
    ) -> Shared[V]:
        """The entry for ``key``, loaded by ``load()`` once however many ask at the same
        time; ``pin`` keeps it for good. An error in ``load`` reaches the caller."""
        entry = self.get(key)
        if entry is None:
            with self._lock:
                loading = self._loading.setdefault(key, threading.Lock())
            with loading:
                entry = self.get(key)  # loaded by another caller while this one waited
                if entry is None:
                    try:
                        value = load()
                    finally:
                        with self._lock:
                            self._loading.pop(key, None)
                    entry = Shared(key, value, size_of(value), self._views_kept)
                    with self._lock:
                        self._held[key] = entry
                        weakref.finalize(entry, self._on_free)
                        self._remember(entry, self._clock())
        if pin:
            with self._lock:
                self._pinned[key] = entry
                self._recent.pop(key, None)
        return entry

    def expire(self) -> int:
        """Let go of the entries unused for ``ttl`` seconds; how many were let go."""
        with self._lock:
            return self._expire(self._clock())

    def _remember(self, entry: Shared[V], now: float) -> None:
        # Caller holds the lock. A pinned entry, or one larger than the bound, is not kept.
        self._recent.pop(entry.key, None)
        if entry.key in self._pinned or entry.size > self.max_bytes:
            return
        self._recent[entry.key] = (entry, now)
        total = sum(kept.size for kept, _ in self._recent.values())
        while total > self.max_bytes:
            _, (oldest, _) = self._recent.popitem(last=False)
            total -= oldest.size
            self._on_free()

    def _expire(self, now: float) -> int:
        # Caller holds the lock. Least recently used first, so stop at the first one in time.
        dropped = 0
        while self._recent:
            key, (_, used) = next(iter(self._recent.items()))
            if now - used < self.ttl:
                break
            del self._recent[key]
            dropped += 1
        if dropped:
            self._on_free()
        return dropped


@functools.cache
def _glibc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") else None


def trim_heap() -> bool:
    """Ask glibc to give freed heap memory back to the system; False where there is no glibc.

    Without it, the memory of a dropped portfolio mostly stays in the process (measured:
    475 MB after dropping three 20,000-service portfolios, 314 MB after the trim).
    """
    libc = _glibc()
    return bool(libc.malloc_trim(0)) if libc is not None else False
