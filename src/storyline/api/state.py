"""The served snapshot of a store: results and their index, reloaded when the
database changes (a new build while the server runs): for a SQLite file, its
(and its WAL's) modification time and size; for a PostgreSQL database, the
store's ``stamp`` (article count and numbers, the corpus results' basis).

A reload happens at most once every ``min_interval`` seconds, and while one
thread reloads, other requests keep answering from the previous snapshot.
"""
from __future__ import annotations

import os
import threading
import time

from .. import library
from ..search.index import CorpusIndex
from ..store import is_postgres_url, open_store


class AppState:
    def __init__(self, db: str, min_interval: float = 5.0):
        self.db = db
        self.min_interval = min_interval
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._checked = 0.0
        self._index: CorpusIndex | None = None

    def _current_stamp(self) -> tuple:
        if is_postgres_url(self.db):
            with open_store(self.db, readonly=True) as store:
                return store.stamp()
        out = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(self.db + suffix)
                out.append((st.st_mtime_ns, st.st_size))
            except FileNotFoundError:
                out.append(None)
        return tuple(out)

    @property
    def index(self) -> CorpusIndex:
        """The index of what is stored (loaded once, again after a change)."""
        current = self._index
        if current is not None and time.monotonic() - self._checked < self.min_interval:
            return current
        if current is not None and not self._lock.acquire(blocking=False):
            return current  # another request is reloading: answer from the last snapshot
        if current is None:
            self._lock.acquire()
        try:
            if self._index is None or self._current_stamp() != self._stamp:
                self._index = CorpusIndex(library.load(self.db))
                # taken after loading: opening a WAL database may itself create its -wal file
                self._stamp = self._current_stamp()
            self._checked = time.monotonic()
            return self._index
        finally:
            self._lock.release()
